"""`jobradar sources`: every configured source, its terms, and how its last crawl went."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from jobradar.crawler.registry import spider_classes
from jobradar.crawler.sources import load_sources
from jobradar.store.runs import last_runs


@dataclass
class SourceHealth:
    name: str
    enabled: bool
    boards: int
    attribution_url: str
    polling_limit: str
    last_run: dict[str, Any] | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.name,
            "enabled": self.enabled,
            "boards": self.boards,
            "attribution_url": self.attribution_url,
            "polling_limit": self.polling_limit,
            "last_run": self.last_run,
        }


def source_health(engine: Engine, sources_file: Path) -> list[SourceHealth]:
    """The sources of `sources_file` with the newest run record of each."""
    sources = load_sources(sources_file)
    spiders = spider_classes()
    runs = last_runs(engine, [source.type for source in sources])
    report = []
    for source in sources:
        spider = spiders.get(source.type)
        run = runs.get(source.type)
        last = None
        if run is not None:
            last = {
                "status": run.status,
                "started_at": run.started_at.isoformat(),
                "finished_at": run.finished_at.isoformat() if run.finished_at else None,
                "fetched": run.fetched,
                "new": run.new,
                "updated": run.updated,
                "unchanged": run.unchanged,
                "closed": run.closed,
                "errors": run.errors,
                "bad_records": run.bad_records,
                "coverage": run.coverage,
                "message": run.message,
            }
        report.append(
            SourceHealth(
                name=source.type,
                enabled=source.enabled,
                boards=len(source.boards),
                attribution_url=getattr(spider, "attribution_url", ""),
                polling_limit=getattr(spider, "polling_limit", ""),
                last_run=last,
            )
        )
    return report
