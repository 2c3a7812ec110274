"""The canned queries `jobradar serve` offers in Datasette (every SQL statement lives in store/).

Each is a title, a description and a SQLite statement with named parameters, which
Datasette shows as a form.
"""

from __future__ import annotations

CANNED_QUERIES = {
    "search": {
        "title": "Search the active listings",
        "description": 'Full-text search (SQLite FTS5 syntax: words, "phrases", OR, NOT, '
        "prefix*), best match first (bm25; title words weigh most) among the newest 5,000"
        " matches.",
        "sql": "SELECT l.id, l.title, l.company, l.role, l.remote_type, l.annual_usd_min,"
        # the weights of jobradar.store.fulltext.BM25_WEIGHTS, as `jobradar search` ranks
        " l.annual_usd_max, l.url FROM (SELECT rowid AS hit, bm25(listings_fts, 10.0, 5.0, 1.0)"
        " AS score FROM listings_fts WHERE listings_fts MATCH :q ORDER BY rowid DESC"
        " LIMIT 5000) AS hits JOIN active_listings l ON l.id = hits.hit"
        " ORDER BY hits.score LIMIT 100",
    },
    "best_paid": {
        "title": "Best-paid active listings of a role",
        "description": "By the top of the yearly pay range in US dollars.",
        "sql": "SELECT title, company, seniority, remote_type, annual_usd_min, annual_usd_max,"
        " url FROM active_listings WHERE role = :role AND annual_usd_max IS NOT NULL"
        " ORDER BY annual_usd_max DESC LIMIT 50",
    },
    "role_history": {
        "title": "Listings of a role per day",
        "description": "From the daily snapshots, so closed listings still count on their days.",
        "sql": "SELECT snapshot_date, sum(count) AS listings FROM role_counts WHERE role = :role"
        " GROUP BY snapshot_date ORDER BY snapshot_date",
    },
    "last_crawls": {
        "title": "The last crawl of each source",
        "description": "How healthy each source's newest crawl was.",
        "sql": "SELECT source, started_at, status, fetched, new, updated, closed, errors,"
        " bad_records, message FROM crawl_runs r WHERE started_at ="
        " (SELECT max(started_at) FROM crawl_runs WHERE source = r.source) ORDER BY source",
    },
}
