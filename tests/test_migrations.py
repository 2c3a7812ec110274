"""Schema changes go through migrations: the newest migration must equal the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine
from sqlmodel import SQLModel

import jobradar.store.models  # noqa: F401
from jobradar.store.fulltext import include_name


def test_migrations_match_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": include_name}
        )
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_upgrading_a_store_keeps_its_listings_sightings_and_given_roles(sqlite_url: str) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    from jobradar.store.engine import _MIGRATIONS, open_store

    engine = create_engine(sqlite_url)
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        for number, (source, board, version) in enumerate(
            [
                ("greenhouse", "acme", "roles-1"),
                ("hackernews", "Ask HN (May)", ""),
                ("remoteok", None, "roles-1"),
            ]
        ):
            connection.execute(
                text(
                    "INSERT INTO listings (source, source_id, board, url, title, location_requirements,"
                    " description_text, description_hash, content_hash, source_record, first_seen,"
                    " last_seen, remote_type, countries, role, role_confidence, seniority, skills,"
                    " classifier_version, extractor_version) VALUES (:source, :id, :board, 'u', 't',"
                    " '[]', '', '', :hash, '{}', '2026-11-01 06:00:00', '2026-11-02 06:00:00',"
                    " 'remote', '[]', 'mlops', 0.9, 'senior', '[]', :version, 'x-1')"
                ),
                {
                    "source": source,
                    "id": str(number),
                    "board": board,
                    "hash": f"h{number}",
                    "version": version,
                },
            )
    engine.dispose()
    upgraded = open_store(sqlite_url)
    with upgraded.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT l.source, l.board, l.role, l.tagged_hash, s.last_seen FROM listings l"
                " JOIN sightings s ON s.listing_id = l.id ORDER BY l.id"
            )
        ).all()
    assert [(r.source, r.board, r.role, r.tagged_hash) for r in rows] == [
        ("greenhouse", "acme", "mlops", "h0"),
        ("hackernews", "", None, None),  # no model tagged it: no placeholder role survives
        ("remoteok", "", "mlops", "h2"),
    ]
    assert all(str(r.last_seen).startswith("2026-11-02 06:00") for r in rows)
