"""`jobradar serve`: the SQLite store in Datasette, described for the people who query it.

The metadata names every table, view and column with its meaning and unit, credits each
source with its terms, says whose the listings are, and offers canned queries (full-text
search, the best-paid listings of a role, a role's history, the sources' last crawls).
Datasette listens on 127.0.0.1 only: the store holds third-party postings that jobradar
may read, not republish.
"""

from __future__ import annotations

import html
import json
import tempfile
from pathlib import Path
from typing import Any

from jobradar.errors import UserError
from jobradar.store.canned import CANNED_QUERIES

LICENSE_NOTE = (
    "jobradar's code: MIT. The listings belong to the employers and job boards that published"
    " them; each source's terms (below) say what may be done with them."
)

LISTING_COLUMNS = {
    "id": "The listing's number in this store.",
    "source": "The source type that served it (greenhouse, remoteok, …).",
    "board": "The company board, for ATS sources (Greenhouse, Lever, Ashby); else empty.",
    "source_id": "The source's own id of the listing.",
    "url": "Where the listing is published.",
    "title": "The job title as posted.",
    "company": "The hiring company as posted.",
    "location_raw": "The location as posted.",
    "countries": "ISO 3166 alpha-2 codes of the countries the listing names (JSON list).",
    "remote_type": "remote, hybrid, onsite or unknown.",
    "remote_scope": "Where a remote job may be done from, as the listing says.",
    "description_text": "The description as plain text.",
    "posted_at": "When the source says it was posted (UTC).",
    "first_seen": "When jobradar first saw it (UTC).",
    "closed_at": "When a clean crawl of its source no longer listed it (UTC); empty while open.",
    "role": "Role slug from the AI-infrastructure taxonomy; empty until the model read it.",
    "role_confidence": "The role model's probability for that role, 0 to 1.",
    "seniority": "Seniority slug (junior … principal, or unspecified).",
    "skills": "Skills named in the listing (JSON list).",
    "salary_min": "Lowest pay as posted, in salary_currency per salary_period.",
    "salary_max": "Highest pay as posted, in salary_currency per salary_period.",
    "salary_currency": "ISO 4217 currency of the posted pay.",
    "salary_period": "What the posted pay is per: year, month, week, day or hour.",
    "salary_origin": "Where the pay came from: the source's structured field or the text.",
    "salary_text": "The words the pay was read from.",
    "annual_usd_min": "Lowest pay in US dollars a year (annualised, converted at fx_rate).",
    "annual_usd_max": "Highest pay in US dollars a year (annualised, converted at fx_rate).",
    "fx_rate": "Units of salary_currency per US dollar used for the conversion (ECB rate).",
    "fx_date": "The date of that exchange rate.",
    "canonical_id": "For a cross-source duplicate, the id of the listing counted in its place.",
}
INDEX_COLUMNS = {
    "snapshot_date": "The day the index describes.",
    "currency": "USD (every salary converted) or EUR/GBP (pay posted in that currency).",
    "work_mode": "remote+hybrid, remote or hybrid listings.",
    "role": "Role slug, or all.",
    "seniority": "Seniority slug, or all.",
    "n_listings": "Listings active that day in this cell.",
    "n_with_salary": "Those of them that state a salary.",
    "disclosure_rate": "n_with_salary / n_listings, 0 to 1.",
    "p25": "25th percentile of the yearly pay midpoints, in the currency per year.",
    "median": "Median yearly pay midpoint, in the currency per year (empty under 5 salaries).",
    "p75": "75th percentile of the yearly pay midpoints, in the currency per year.",
    "change_30d": "Change of the median from 30 days earlier, as a fraction (0.05 = +5 %).",
}


def _sources_html() -> str:
    """Each source with its attribution link, terms and polling limit."""
    from jobradar.crawler.registry import spider_classes  # noqa: PLC0415 (loads Scrapy)

    items = []
    for name, spider in sorted(spider_classes().items()):
        links = [
            f'<a href="{html.escape(url)}">{label}</a>'
            for label, url in (
                ("source", getattr(spider, "attribution_url", "")),
                ("terms", getattr(spider, "terms_url", "")),
            )
            if url
        ]
        limit = html.escape(getattr(spider, "polling_limit", "") or "")
        items.append(
            f"<li><strong>{html.escape(name)}</strong>: {', '.join(links)}"
            + (f" ({limit})" if limit else "")
            + "</li>"
        )
    return "<ul>" + "".join(items) + "</ul>"


def metadata(database: str) -> dict[str, Any]:
    """Datasette's metadata for the store named `database` (its file name's stem)."""
    listing = {
        "description": "Every listing jobradar has seen, open or closed, with its raw facts"
        " and what was derived from them.",
        "columns": LISTING_COLUMNS,
        "fts_table": "listings_fts",
        "fts_pk": "id",
        "sort_desc": "id",
    }
    index = {"columns": INDEX_COLUMNS}
    return {
        "title": "jobradar",
        "description_html": (
            "<p>Remote and hybrid AI-infrastructure job listings, tagged with a role, a"
            " seniority, a remote type and a yearly salary in US dollars, kept daily.</p>"
            f"<p>{html.escape(LICENSE_NOTE)}</p><p>Sources:</p>{_sources_html()}"
        ),
        "license": "listings: their publishers' terms; code: MIT",
        "source": "public job-board APIs and company ATS boards",
        "databases": {
            database: {
                "description": "The jobradar store.",
                "tables": {
                    "listings": listing,
                    "active_listings": {
                        **listing,
                        "description": "View: the listings open now, one per job (cross-source"
                        " duplicates left out), with a role.",
                        "sort_desc": "id",
                    },
                    "active_role_counts": {
                        "description": "View: active listings per role.",
                        "columns": {"role": "Role slug.", "listings": "Active listings."},
                    },
                    "latest_salary_index": {
                        **index,
                        "description": "View: the salary index of the newest daily snapshot.",
                    },
                    "salary_index": {
                        **index,
                        "description": "The salary index of every daily snapshot.",
                    },
                    "role_counts": {
                        "description": "Daily snapshots: listings active per role, source,"
                        " remote type and seniority.",
                        "columns": {
                            "snapshot_date": "The day counted.",
                            "count": "Listings active that day, duplicates counted once.",
                        },
                    },
                    "crawl_runs": {
                        "description": "One row per crawl of one source: its counts and health."
                    },
                    "refreshes": {
                        "description": "One row per full refresh (crawl, tag, snapshot, report)."
                    },
                    "sightings": {
                        "description": "When each listing was last served by its source."
                    },
                    "listings_fts": {"hidden": True},
                },
                "queries": CANNED_QUERIES,
            }
        },
    }


def sqlite_file(url: str | None) -> Path:
    """The file of the SQLite store `url` names (migrated to the newest schema)."""
    from jobradar.store.engine import open_store  # noqa: PLC0415

    engine = open_store(url)
    if engine.dialect.name != "sqlite" or not engine.url.database:
        raise UserError("jobradar serve opens a SQLite store; for PostgreSQL use any SQL client")
    return Path(engine.url.database).resolve()


def serve(url: str | None, port: int, *, open_browser: bool = False) -> None:
    """Run Datasette on the store until interrupted."""
    try:
        from datasette.cli import cli as datasette  # noqa: PLC0415
    except ImportError:
        raise UserError("jobradar serve needs Datasette: pip install 'jobradar[serve]'") from None
    path = sqlite_file(url)
    with tempfile.TemporaryDirectory() as folder:
        meta = Path(folder) / "metadata.json"
        meta.write_text(json.dumps(metadata(path.stem)), encoding="utf-8")
        args = [
            "serve",
            str(path),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--metadata",
            str(meta),
            "--setting",
            "sql_time_limit_ms",
            "5000",  # a full-text query over a million listings takes a second or two
            "--setting",
            "suggest_facets",
            "off",  # trying facets on every column of a million listings takes seconds a page
        ]
        datasette.main(
            args=args + (["--open"] if open_browser else []),
            prog_name="datasette",
            standalone_mode=False,
        )
