"""Alembic environment: runs migrations on the connection `jobradar.store.engine.migrate` hands over."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import jobradar.store.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from jobradar.store.fulltext import include_name

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through store.engine.migrate(), which passes a connection")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
    compare_type=True,
    include_name=include_name,  # the full-text table and index are the migrations' own
)
with context.begin_transaction():
    context.run_migrations()
