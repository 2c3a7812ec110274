"""Full-text search over the listings' title, company and description.

SQLite: an FTS5 table with external content (`listings_fts`, its rows the listings' ids),
kept in step with `listings` by triggers; ranked by bm25. PostgreSQL: a stored generated
tsvector column of the same columns, weighted (`search_document`), with a GIN index on it;
ranked by ts_rank. Migrations 0005 and 0011 create them (and rebuild the FTS index from the
rows a store already holds); the models do not describe them, so the schema comparison
leaves them out (`include_name`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import column, func, literal_column, table

FTS_TABLE = "listings_fts"
FULLTEXT_INDEX = "ix_listings_fulltext"
# The triggers that keep the FTS5 table in step with `listings` (migration 0005).
FTS_TRIGGERS = ("listings_fts_insert", "listings_fts_update", "listings_fts_delete")
# The salary index's index on expressions (migration 0008), also the migration's own.
SALARY_JOBS_INDEX = "ix_listings_salary_jobs"
VIEWS = ("active_listings", "active_role_counts", "latest_salary_index")
# Title words weigh most, then the company, then the description (bm25's column weights,
# ts_rank's A/B/D labels).
BM25_WEIGHTS = (10.0, 5.0, 1.0)
# PostgreSQL's column of each listing's weighted document (its expression: migration 0011).
SEARCH_DOCUMENT = "search_document"
_WORD = re.compile(r"\w", re.UNICODE)


def include_name(name: str | None, type_: Any, _parents: Any) -> bool:
    """Alembic's filter: the search table, its shadow tables, the search document and the
    migrations' own indexes are not the models'."""
    if name is None:
        return True
    if type_ == "table":
        return not name.startswith(FTS_TABLE)
    if type_ == "index":
        return name not in {FULLTEXT_INDEX, SALARY_JOBS_INDEX}
    if type_ == "column":
        return name != SEARCH_DOCUMENT
    return True


def usable_words(words: Sequence[str]) -> list[str]:
    """The words a full-text index can look up (punctuation alone matches nothing)."""
    return [word for word in words if _WORD.search(word)]


def fts5_query(words: Sequence[str]) -> str:
    """An FTS5 query holding every word, each a quoted string (no operator syntax: a user's
    `-`, `*`, `OR` or quote is text, never a query error)."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in words)


def sqlite_match(words: Sequence[str]) -> tuple[Any, Any, Any]:
    """(the FTS table, its match of every word, the bm25 score: lower ranks higher)."""
    fts = table(FTS_TABLE, column("rowid"), column(FTS_TABLE))
    score = func.bm25(literal_column(FTS_TABLE), *BM25_WEIGHTS)
    return fts, fts.c[FTS_TABLE].op("MATCH")(fts5_query(words)), score


def pg_match(words: Sequence[str]) -> tuple[Any, Any]:
    """(condition, rank) of PostgreSQL's full-text match of every word; a higher rank
    ranks higher."""
    document: Any = literal_column(SEARCH_DOCUMENT)
    query = func.plainto_tsquery(literal_column("'english'::regconfig"), " ".join(words))
    return document.op("@@")(query), func.ts_rank(document, query)
