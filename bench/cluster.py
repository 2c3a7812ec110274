"""Scale-out at size: a replay of 10,000 boards (about 500,000 listings) crawled by Scrapyd
nodes into PostgreSQL, then deduplicated and tagged, with the time of each stage.

The CI test (tests/test_cluster.py) does the same with 210 small boards, kills a node
and compares with a one-machine crawl; this measures. The nodes are Scrapyd daemons on
this machine (`--nodes`, each with `--slots` crawls at once), in an environment with
jobradar's dependencies and the egg `scrapyd-deploy` builds, as in the test.
`--kill-after S` kills the last node S seconds into the crawl.

Run: python -m bench.cluster [--boards 10000] [--per-board 50] [--nodes 2] [--slots 2]
                             [--boards-per-job 250] [--kill-after S]
Needs the PostgreSQL server of the tests ($JOBRADAR_TEST_POSTGRES) and jobradar[cluster].
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, func, select, text
from sqlmodel import Session

from bench.machine import reference_loop
from jobradar.classifier.roles import load_role_model
from jobradar.crawler.replay import ReplayServer
from jobradar.crawler.replay.offline import offline_sources
from jobradar.crawler.replay.scale import SCALE_ATS, scale_replay
from jobradar.crawler.sources import SourceConfig
from jobradar.scheduler import stages
from jobradar.scheduler.cluster import crawl_cluster, deploy
from jobradar.scheduler.crawls import CrawlResult
from jobradar.scheduler.jobs import OFFLINE_SETTINGS
from jobradar.store.engine import open_store
from jobradar.store.listings import refresh_statistics
from jobradar.store.models import CrawlJob, Listing
from tests.conftest import POSTGRES_URL
from tests.test_cluster import _build_egg, _node_python, _start_node


def crawl(args: argparse.Namespace, url: str) -> tuple[list[CrawlResult], list[str], float]:
    """Start the nodes, deploy, crawl the scale replay; the results, notes and seconds."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="jobradar-bench-cluster-") as tmp:
        folder = Path(tmp)
        python = _node_python(folder / "node-env")
        nodes = [_start_node(python, folder / f"node-{n}", args.slots) for n in range(args.nodes)]
        try:
            deploy([node.node for node in nodes], _build_egg(folder), "1")
            print(f"{args.nodes} nodes started and deployed: {time.monotonic() - started:.1f} s")
            replay = scale_replay(args.boards, per_board=args.per_board, seed=5)
            if args.kill_after is not None:
                threading.Timer(args.kill_after, nodes[-1].kill).start()
            with ReplayServer(replay.catalog) as server:
                sources, _ = offline_sources(
                    [SourceConfig(name) for name in SCALE_ATS], replay, server.base_url
                )
                crawling = time.monotonic()
                results, notes = crawl_cluster(
                    open_store(url),
                    sources,
                    nodes=[node.node for node in nodes],
                    database_url=url,
                    seen_at=datetime.now(UTC),
                    boards_per_job=args.boards_per_job,
                    settings={**OFFLINE_SETTINGS, "JOBRADAR_MAX_REQUESTS": 10 * args.boards},
                    timeout=6 * 3600,
                )
                return results, notes, time.monotonic() - crawling
        finally:
            for node in nodes:
                if node.process.poll() is None:
                    node.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boards", type=int, default=10_000)
    parser.add_argument("--per-board", type=int, default=50)
    parser.add_argument("--nodes", type=int, default=2)
    parser.add_argument("--slots", type=int, default=2)
    parser.add_argument("--boards-per-job", type=int, default=250)
    parser.add_argument("--kill-after", type=float, default=None)
    args = parser.parse_args()
    print(f"reference loop: {reference_loop():.2f} s")
    schema = f"bench_cluster_{int(time.time())}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    started = time.monotonic()
    results, notes, crawl_seconds = crawl(args, url)
    for result in results:
        print(f"{result.source}: {result.status}, {result.fetched} listings, {result.message}")
    for note in notes:
        print(note)
    engine = open_store(url)
    with Session(engine) as session:
        listings = session.scalar(select(func.count()).select_from(Listing)) or 0
        jobs = list(session.scalars(select(CrawlJob)))
    lost = sum(job.status == "lost" for job in jobs)
    print(
        f"crawl: {args.boards} boards, {listings} listings, {len(jobs)} jobs ({lost} lost and "
        f"scheduled again) on {args.nodes} nodes × {args.slots} slots: {crawl_seconds:.0f} s, "
        f"{listings / crawl_seconds:.0f} listings/s"
    )
    moment = time.monotonic()
    refresh_statistics(engine)
    duplicates = stages.dedupe(engine)
    print(f"dedupe: {duplicates} duplicates, {time.monotonic() - moment:.0f} s")
    moment = time.monotonic()
    tagged = stages.tag(engine, load_role_model())
    print(f"tag: {tagged} listings, {time.monotonic() - moment:.0f} s")
    print(f"total: {time.monotonic() - started:.0f} s")
    engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))


if __name__ == "__main__":
    main()
