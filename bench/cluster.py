"""Scale-out at size: a replay of 10,000 boards (about 500,000 listings) crawled by Scrapyd
nodes into PostgreSQL, then deduplicated and tagged, with the time of each stage.

The CI test (tests/test_cluster.py) does the same with 210 small boards, kills a node
and compares with a one-machine crawl; this measures. The nodes are Scrapyd daemons on
this machine (`--nodes`, each with `--slots` crawls at once), in an environment with
jobradar's dependencies and the egg `scrapyd-deploy` builds, as in the test.
`--kill-after S` kills the last node S seconds into the crawl; `--compare-local` then
crawls the same replay on this machine alone, as `jobradar run` without `--scrapyd` does,
into a store of its own, and compares the two stores' listings, field by field.

Run: python -m bench.cluster [--boards 10000] [--per-board 50] [--nodes 2] [--slots 2]
                             [--boards-per-job 250] [--kill-after S] [--compare-local]
Needs the PostgreSQL server of the tests ($JOBRADAR_TEST_POSTGRES) and jobradar[cluster].
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import Session

from bench.machine import reference_loop
from bench.postgres import scratch_schemas
from jobradar.classifier.roles import load_role_model
from jobradar.crawler.replay import ReplayServer
from jobradar.crawler.replay.offline import offline_sources
from jobradar.crawler.replay.scale import SCALE_ATS, scale_replay
from jobradar.crawler.sources import SourceConfig
from jobradar.scheduler import stages
from jobradar.scheduler.cluster import crawl_cluster, deploy
from jobradar.scheduler.crawls import CrawlResult
from jobradar.scheduler.jobs import OFFLINE_SETTINGS, CrawlOptions
from jobradar.scheduler.jobs import crawl as run_crawls
from jobradar.store.engine import open_store
from jobradar.store.listings import refresh_statistics
from jobradar.store.models import CrawlJob, Listing
from tests.conftest import POSTGRES_URL
from tests.test_cluster import _build_egg, _node_python, _start_node
from tests.test_cluster import _listings as listing_facts

SEEN_AT = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)  # both crawls' time: listings compare whole


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
                    seen_at=SEEN_AT,
                    boards_per_job=args.boards_per_job,
                    settings={**OFFLINE_SETTINGS, "JOBRADAR_MAX_REQUESTS": 10 * args.boards},
                    timeout=6 * 3600,
                )
                return results, notes, time.monotonic() - crawling
        finally:
            for node in nodes:
                if node.process.poll() is None:
                    node.kill()


def crawl_locally(args: argparse.Namespace, url: str) -> float:
    """The same replay crawled by this machine's crawl children alone; the seconds."""
    with tempfile.TemporaryDirectory(prefix="jobradar-bench-local-") as tmp:
        sources_file = Path(tmp) / "sources.toml"
        sources_file.write_text("".join(f'[[source]]\ntype = "{name}"\n' for name in SCALE_ATS))
        options = CrawlOptions(
            database_url=url,
            sources_file=sources_file,
            only=SCALE_ATS,
            offline=True,
            settings={**OFFLINE_SETTINGS, "JOBRADAR_MAX_REQUESTS": 10 * args.boards},
            timeout=6 * 3600,
            log_dir=Path(tmp) / "logs",
        )
        started = time.monotonic()
        report = run_crawls(
            options,
            seen_at=SEEN_AT,
            replay=scale_replay(args.boards, per_board=args.per_board, seed=5),
        )
        for result in report.results:
            print(f"local {result.source}: {result.status}, {result.fetched} listings")
        return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boards", type=int, default=10_000)
    parser.add_argument("--per-board", type=int, default=50)
    parser.add_argument("--nodes", type=int, default=2)
    parser.add_argument("--slots", type=int, default=2)
    parser.add_argument("--boards-per-job", type=int, default=250)
    parser.add_argument("--kill-after", type=float, default=None)
    parser.add_argument("--compare-local", action="store_true")
    args = parser.parse_args()
    print(f"reference loop: {reference_loop():.2f} s")
    with scratch_schemas(POSTGRES_URL, "bench_cluster", 2) as (url, local_url):
        measure(args, url, local_url)


def measure(args: argparse.Namespace, url: str, local_url: str) -> None:
    """Crawl on the cluster into `url` (and on this machine into `local_url`), dedupe, tag."""
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
    if args.compare_local:
        seconds = crawl_locally(args, local_url)
        cluster, local = listing_facts(url), listing_facts(local_url)
        print(
            f"one machine: {len(local)} listings in {seconds:.0f} s; the cluster's listings are "
            f"{'the same' if cluster == local else 'NOT the same'} ({len(cluster - local)} only "
            f"in the cluster's store, {len(local - cluster)} only in the one machine's)"
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


if __name__ == "__main__":
    main()
