"""A small store of made-up listings for the API, search and export tests (our own words)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, text

from jobradar.store.engine import open_store
from jobradar.store.listings import upsert_listings, write_tags
from jobradar.store.types import utc_now

# (title, company, description, countries, role, confidence, days ago first seen)
LISTINGS: list[tuple[str, str, str, list[str], str, float, int]] = [
    (
        "Senior MLOps Engineer",
        "Quillfeather",
        "Run kubernetes clusters for model training.",
        ["US"],
        "mlops",
        0.95,
        2,
    ),
    (
        "GPU Cluster Engineer",
        "Quillfeather",
        "Operate slurm and kubernetes on GPU fleets.",
        ["US", "CA"],
        "gpu-cluster",
        0.9,
        10,
    ),
    (
        "Inference Engineer",
        "Northwind Labs",
        "Serve language models with low latency.",
        ["GB"],
        "model-serving",
        0.6,
        5,
    ),
    (
        "Data Platform Engineer",
        "Northwind Labs",
        "Build pipelines in airflow and spark.",
        ["DE"],
        "data-platform",
        0.8,
        40,
    ),
    (
        "ML Platform Engineer",
        "Bluefin",
        "Our kubernetes platform ships every model.",
        ["US"],
        "ml-platform",
        0.4,
        1,
    ),
    ("Account Executive", "Bluefin", "Sell software to enterprises.", [], "other", 0.99, 3),
]


def rows() -> list[dict[str, Any]]:
    return [
        {
            "source": "greenhouse",
            "board": company.lower().replace(" ", ""),
            "source_id": str(number),
            "url": f"https://example.com/jobs/{number}",
            "title": title,
            "company": company,
            "description_text": text,
            "content_hash": f"h{number}",
            "countries": countries,
            "remote_type": "remote" if number % 2 == 0 else "hybrid",
            "seniority": "senior" if "Senior" in title else "unspecified",
            "annual_usd_min": 100_000.0 + 20_000 * number,
            "annual_usd_max": 140_000.0 + 20_000 * number,
        }
        for number, (title, company, text, countries, *_rest) in enumerate(LISTINGS)
    ]


def seeded(url: str) -> Engine:
    """A store of LISTINGS, each first seen its days ago and tagged with its role."""
    engine = open_store(url)
    now = utc_now()
    for row, (*_facts, days) in zip(rows(), LISTINGS, strict=True):
        upsert_listings(engine, [row], now - timedelta(days=days))
    tag_by_source_id(
        engine,
        {str(number): role for number, (*_texts, role, _p, _d) in enumerate(LISTINGS)},
        {str(number): p for number, (*_texts, _role, p, _d) in enumerate(LISTINGS)},
    )
    return engine


def tag_by_source_id(
    engine: Engine, roles: dict[str, str], confidences: dict[str, float] | None = None
) -> None:
    """Give listings (by source id) a role, as the tag stage would."""
    with engine.connect() as connection:
        ids = dict(connection.execute(text("SELECT source_id, id FROM listings")).all())
    write_tags(
        engine,
        [
            {
                "id": ids[source_id],
                "role": role,
                "role_confidence": (confidences or {}).get(source_id, 0.9),
            }
            for source_id, role in roles.items()
        ],
    )
