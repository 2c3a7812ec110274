"""Scale-out crawls: Scrapyd jobs on many nodes instead of child processes on one machine.

`crawl_cluster` opens one run record per source, as a local refresh does, and splits
each source into jobs: a source of company boards into shards of `boards_per_job`
boards, any other source into one job. It schedules the jobs through Scrapyd's JSON
API (`schedule.json`), never more at once on a node than its slots, follows them
(`listjobs.json`) to the end, and schedules a job again elsewhere when its node died
(connection refused, or the node forgot the job). Each job writes its listings to the
shared PostgreSQL store and its crawl stats to its `crawl_jobs` row; once every job of
a source has ended, the stats are summed and judged exactly as one crawl process
judges its own (`jobradar.crawler.extensions.judge_run`): the same run record, and
listings closed only after a clean crawl of every board.

The store's password never travels with a job (Scrapyd puts settings on the crawl's
command line and in its queue): nodes get the URL without it, and supply it themselves
(`PGPASSWORD` or `~/.pgpass` in the Scrapyd service's environment).
"""

from __future__ import annotations

import contextlib
import http.client
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter, defaultdict, deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from jobradar.crawler.extensions import judge_run
from jobradar.crawler.health import assess
from jobradar.crawler.registry import spider_classes
from jobradar.crawler.sources import SourceConfig, source_table
from jobradar.errors import UserError
from jobradar.scheduler.crawls import CrawlResult, Progress
from jobradar.store.engine import masked, parse_url
from jobradar.store.runs import (
    counts_of,
    fail_unfinished_run,
    finish_run,
    get_job,
    get_run,
    start_job,
    start_run,
    update_job,
)

SCRAPYD_ENV = "JOBRADAR_SCRAPYD"  # the nodes, as --scrapyd takes them (the scheduler's config)
PROJECT = "jobradar"  # the Scrapyd project scrapy.cfg deploys
DEFAULT_SLOTS = 4  # Scrapyd's own default: max_proc_per_cpu = 4 (on one CPU)
BOARDS_PER_JOB = 50  # a shard: about a minute of polite crawling
MAX_ATTEMPTS = 3  # a job is scheduled at most this often (its nodes died under it)
POLL_SECONDS = 1.0  # how often the nodes are asked about their jobs
CALL_TIMEOUT = 10.0  # seconds a node may take to answer one API call
DOWN_AFTER = 3  # failed calls in a row (timeouts, resets) before a node counts as dead


class ClusterError(UserError):
    """A wrong --scrapyd or --boards-per-job, a store the nodes cannot share, a refused job."""


class NodeUnreachableError(ClusterError):
    """A Scrapyd node did not answer (refused the connection, timed out)."""


@dataclass(frozen=True)
class Node:
    """One Scrapyd node: its URL and how many of our jobs it may run at once."""

    url: str
    slots: int = DEFAULT_SLOTS

    def __str__(self) -> str:
        return self.url


def parse_nodes(spec: str | Sequence[str]) -> tuple[Node, ...]:
    """`URL[,URL…]`, each URL with an optional `#SLOTS` (default 4): the Scrapyd nodes."""
    parts = spec.split(",") if isinstance(spec, str) else [p for s in spec for p in s.split(",")]
    nodes = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        url, _, slots = part.partition("#")
        scheme = urllib.parse.urlsplit(url).scheme
        if scheme not in {"http", "https"} or not urllib.parse.urlsplit(url).netloc:
            raise ClusterError(f"--scrapyd {part!r}: not a Scrapyd URL (http://HOST:6800)")
        if slots and (not slots.isdigit() or int(slots) < 1):
            raise ClusterError(f"--scrapyd {part!r}: the slots after # must be a number ≥ 1")
        nodes.append(Node(url.rstrip("/") + "/", int(slots) if slots else DEFAULT_SLOTS))
    if not nodes:
        raise ClusterError("--scrapyd names no node")
    if len({node.url for node in nodes}) < len(nodes):
        raise ClusterError("--scrapyd names a node twice")
    return tuple(nodes)


def node_database_url(url: str) -> str:
    """The store's URL as jobs get it: PostgreSQL only, and without its password."""
    parsed = parse_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise ClusterError(
            f"--scrapyd needs a store every node can reach: a PostgreSQL URL, not {masked(url)!r}"
        )
    return parsed._replace(password=None).render_as_string(hide_password=False)


class Scrapyd:
    """Scrapyd's JSON API on one node (urllib: no client library needed)."""

    def __init__(self, node: Node, timeout: float = CALL_TIMEOUT) -> None:
        self.node = node
        self.timeout = timeout

    def call(
        self,
        name: str,
        params: Sequence[tuple[str, str]] = (),
        *,
        post: bool = False,
        body: bytes | None = None,
        content_type: str | None = None,
    ) -> dict[str, Any]:
        """One API call; `NodeUnreachableError` when the node does not answer."""
        url = urllib.parse.urljoin(self.node.url, name)
        data = body
        if post and body is None:
            data = urllib.parse.urlencode(list(params)).encode()
        elif params:
            url += "?" + urllib.parse.urlencode(list(params))
        request = urllib.request.Request(url, data=data, method="POST" if post else "GET")  # noqa: S310 (an http(s) URL: parse_nodes checked)
        if content_type:
            request.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # noqa: S310
                payload = answer.read()
        except urllib.error.HTTPError as error:  # Scrapyd says what it refused in the body
            payload = error.read()
        except (OSError, http.client.HTTPException) as error:
            raise NodeUnreachableError(
                f"Scrapyd node {self.node} did not answer: {error}"
            ) from None
        try:
            document: dict[str, Any] = json.loads(payload)
        except ValueError:
            raise ClusterError(f"{url}: not a Scrapyd answer: {payload[:200]!r}") from None
        if document.get("status") != "ok":
            raise ClusterError(f"Scrapyd node {self.node}, {name}: {document.get('message')}")
        return document

    def schedule(
        self, spider: str, settings: Mapping[str, Any], job: str, project: str = PROJECT
    ) -> str:
        params = [("project", project), ("spider", spider), ("jobid", job)]
        params += [("setting", f"{name}={value}") for name, value in settings.items()]
        return str(self.call("schedule.json", params, post=True)["jobid"])

    def jobs(self, project: str = PROJECT) -> dict[str, str]:
        """Every job the node knows for `project`: id → pending, running or finished."""
        answer = self.call("listjobs.json", [("project", project)])
        return {
            job["id"]: state
            for state in ("pending", "running", "finished")
            for job in answer.get(state, [])
        }

    def cancel(self, job: str, project: str = PROJECT) -> None:
        self.call("cancel.json", [("project", project), ("job", job)], post=True)

    def add_version(self, egg: bytes, version: str, project: str = PROJECT) -> dict[str, Any]:
        """Deploy an egg (what `scrapyd-deploy` does): `addversion.json`."""
        boundary = uuid.uuid4().hex
        parts = [
            *(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
                for name, value in (("project", project), ("version", version))
            ),
            f'--{boundary}\r\nContent-Disposition: form-data; name="egg"; '
            f'filename="{project}.egg"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + egg
            + b"\r\n",
            f"--{boundary}--\r\n".encode(),
        ]
        return self.call(
            "addversion.json",
            post=True,
            body=b"".join(parts),
            content_type=f"multipart/form-data; boundary={boundary}",
        )


def preflight(nodes: Sequence[Node], project: str = PROJECT) -> tuple[list[Node], list[str]]:
    """The nodes that answer and have the project deployed, and notes on the others.

    A node down now is left out (the others take its share); a node that answers without
    the project is a mistake to fix first, as is no node answering at all.
    """
    ready, notes = [], []
    for node in nodes:
        try:
            projects = Scrapyd(node).call("listprojects.json").get("projects", [])
        except NodeUnreachableError as problem:
            notes.append(f"{problem}; crawling without it")
            continue
        if project not in projects:
            raise ClusterError(
                f"Scrapyd node {node} has no project {project!r}: deploy it first "
                "(scrapyd-deploy TARGET, README: A cluster)"
            )
        ready.append(node)
    if not ready:
        raise ClusterError(f"no Scrapyd node answers: {'; '.join(notes)}")
    return ready, notes


def deploy(nodes: Sequence[Node], egg: bytes, version: str, project: str = PROJECT) -> None:
    """Add the egg to every node (scrapyd-deploy does the same for one target)."""
    for node in nodes:
        Scrapyd(node).add_version(egg, version, project)


@dataclass(eq=False)
class _Shard:
    """One job's share of a source: its boards, and its current attempt."""

    source: str
    run_id: int
    number: int
    boards: tuple[str, ...]
    entry: dict[str, Any]
    attempt: int = 0
    job_id: int | None = None  # the crawl_jobs row of the current attempt
    scrapyd_job: str | None = None
    node: Node | None = None
    started: float = 0.0
    state: str = "waiting"  # waiting | out | done | failed
    message: str | None = None


@dataclass(eq=False)
class _Source:
    config: SourceConfig
    run_id: int
    shards: list[_Shard] = field(default_factory=list)
    sharded: bool = False
    result: CrawlResult | None = None


def plan(
    sources: Sequence[SourceConfig], boards_per_job: int
) -> list[tuple[SourceConfig, list[tuple[str, ...]]]]:
    """Each source with the board shards its jobs crawl ([()] : one job, no sharding)."""
    if boards_per_job < 1:
        raise ClusterError("--boards-per-job must be at least 1")
    spiders = spider_classes()
    planned = []
    for source in sources:
        boards = source.boards
        if getattr(spiders.get(source.type), "needs_boards", False) and boards:
            shards = [boards[i : i + boards_per_job] for i in range(0, len(boards), boards_per_job)]
            planned.append((source, shards))
        else:
            planned.append((source, [()]))
    return planned


class _Cluster:
    """The follow loop of one scale-out crawl (`crawl_cluster`)."""

    def __init__(
        self,
        engine: Engine,
        nodes: Sequence[Node],
        *,
        job_settings: Mapping[str, Any],
        seen_at: datetime,
        timeout: float,
        progress: Progress | None,
        project: str,
        poll: float,
        notes: Sequence[str] = (),
    ) -> None:
        self.engine = engine
        self.clients = {node: Scrapyd(node) for node in nodes}
        self.alive = list(nodes)
        self.failures: Counter[Node] = Counter()
        self.out: dict[Node, list[_Shard]] = {node: [] for node in nodes}
        self.waiting: deque[_Shard] = deque()
        self.job_settings = job_settings
        self.seen_at = seen_at
        self.timeout = timeout
        self.progress = progress
        self.project = project
        self.poll = poll
        self.started = time.monotonic()
        self.notes: list[str] = list(notes)
        self.crawled: dict[str, Counter[str]] = defaultdict(Counter)  # stats of jobs done

    # ---- placing jobs ----

    def place(self) -> None:
        """Schedule waiting shards on the nodes with free slots, the emptiest first."""
        while self.waiting:
            free = [n for n in self.alive if len(self.out[n]) < n.slots]
            if not free:
                return
            node = max(free, key=lambda n: (n.slots - len(self.out[n]), -self.alive.index(n)))
            self.schedule(self.waiting.popleft(), node)

    def schedule(self, shard: _Shard, node: Node) -> None:
        shard.attempt += 1
        shard.job_id = start_job(
            self.engine, shard.run_id, shard.number, shard.boards, shard.attempt
        )
        shard.scrapyd_job = f"jobradar-{shard.run_id}-{shard.number}-{shard.job_id}"
        update_job(self.engine, shard.job_id, node=node.url, scrapyd_job=shard.scrapyd_job)
        settings = {
            **self.job_settings,
            "JOBRADAR_RUN_ID": shard.run_id,
            "JOBRADAR_JOB_ID": shard.job_id,
            "JOBRADAR_SOURCE": json.dumps(shard.entry, separators=(",", ":")),
        }
        try:
            self.clients[node].schedule(shard.source, settings, shard.scrapyd_job, self.project)
        except NodeUnreachableError as problem:
            update_job(self.engine, shard.job_id, status="lost", message=str(problem))
            shard.attempt -= 1  # it never ran: this attempt does not count
            self.waiting.appendleft(shard)
            self.node_failed(node, problem)
            return
        except ClusterError as problem:  # the node refused it: no project, no such spider
            self.fail(shard, str(problem))
            return
        shard.node, shard.state, shard.started = node, "out", time.monotonic()
        self.out[node].append(shard)

    # ---- following jobs ----

    def follow(self) -> None:
        """Ask each node with jobs of ours how they are; settle the ones that ended."""
        for node in [n for n in self.alive if self.out[n]]:
            try:
                states = self.clients[node].jobs(self.project)
            except ClusterError as problem:  # unreachable, or answering nonsense
                self.node_failed(node, problem)
                continue
            self.failures[node] = 0
            for shard in list(self.out[node]):
                self.settle(shard, node, states.get(shard.scrapyd_job or ""))

    def settle(self, shard: _Shard, node: Node, state: str | None) -> None:
        assert shard.job_id is not None
        if state in {None, "finished"}:
            row = get_job(self.engine, shard.job_id)
            if row is not None and row.status == "done":
                self.out[node].remove(shard)
                shard.state = "done"
                self.crawled[shard.source].update(row.stats)
                self.report(shard.source, stats=self.crawled[shard.source])
            elif state is None:
                self.lose(
                    shard, node, f"Scrapyd node {node} no longer knows job {shard.scrapyd_job}"
                )
            else:
                self.out[node].remove(shard)
                self.fail(
                    shard,
                    f"job {shard.scrapyd_job} on {node} ended without recording its crawl "
                    "(read its log on the node)",
                )
        elif time.monotonic() - shard.started > self.timeout:
            with contextlib.suppress(ClusterError):
                self.clients[node].cancel(shard.scrapyd_job or "", self.project)
            self.out[node].remove(shard)
            self.fail(shard, f"timed out after {self.timeout:.0f}s on {node}; cancelled")

    def node_failed(self, node: Node, problem: ClusterError) -> None:
        """A call to `node` failed; a node refusing connections (or failing often) is dead."""
        self.failures[node] += 1
        refused = isinstance(problem, NodeUnreachableError) and "refused" in str(problem).lower()
        if not refused and self.failures[node] < DOWN_AFTER:
            return
        self.alive.remove(node)
        self.notes.append(f"Scrapyd node {node} is gone ({problem}); its jobs went elsewhere")
        for shard in list(self.out[node]):
            self.lose(shard, node, f"its node {node} died: {problem}")

    def lose(self, shard: _Shard, node: Node, why: str) -> None:
        """A job that will never end where it ran: schedule it again, or give up."""
        assert shard.job_id is not None
        update_job(self.engine, shard.job_id, status="lost", message=why)
        self.out[node].remove(shard)
        if shard.attempt >= MAX_ATTEMPTS:
            self.fail(shard, f"{why}; given up after {shard.attempt} attempts")
            return
        shard.state = "waiting"
        self.waiting.appendleft(shard)

    def fail(self, shard: _Shard, why: str) -> None:
        if shard.job_id is not None:
            update_job(self.engine, shard.job_id, status="failed", message=why)
        shard.state, shard.message = "failed", why

    def report(
        self, source: str, *, final: bool = False, stats: Mapping[str, float] | None = None
    ) -> None:
        if self.progress is None:
            return
        stats = stats or {}
        self.progress(
            source,
            {
                "event": "done" if final else "progress",
                "requests": int(stats.get("downloader/request_count", 0)),
                "listings": int(stats.get("jobradar/stored", 0)),
                "errors": int(stats.get("log_count/ERROR", 0)),
            },
        )

    # ---- ending runs ----

    def finish(self, source: _Source) -> None:
        """All jobs of a source ended: sum their stats and judge the run as one crawl."""
        stats: Counter[str] = Counter()
        reasons, skips = [], []
        for shard in source.shards:
            if shard.state != "done" or shard.job_id is None:
                continue
            row = get_job(self.engine, shard.job_id)
            assert row is not None
            stats.update(row.stats)
            reasons.append(row.finish_reason or "finished")
            if row.finish_reason == "polling_limit":
                skips.append(row.message)
        failed = [shard for shard in source.shards if shard.state == "failed"]
        if failed:
            outcome = assess(stats, "job_failed")
            problems = [f"{len(failed)} of {len(source.shards)} job(s) failed: {failed[0].message}"]
            outcome.message = "; ".join(problems + ([outcome.message] if outcome.message else []))
            outcome.exit_code = 1
            finish_run(self.engine, source.run_id, outcome)
        else:
            reason = next((r for r in reasons if r != "finished"), "finished")
            boards = (
                sorted({b for shard in source.shards for b in shard.boards})
                if source.sharded
                else None
            )
            if not source.sharded and getattr(
                spider_classes().get(source.config.type), "needs_boards", False
            ):
                boards = list(source.config.boards)
            judge_run(
                self.engine,
                source.config.type,
                source.run_id,
                stats,
                reason,
                seen=self.seen_at,
                boards=boards,
                skip_reason=skips[0] if skips and len(skips) == len(reasons) else None,
            )
        run = get_run(self.engine, source.run_id)
        assert run is not None
        source.result = CrawlResult(
            source=source.config.type,
            run_id=source.run_id,
            status=run.status,
            exit_code=run.exit_code if run.exit_code is not None else 1,
            **counts_of(run),
            message=run.message,
            seconds=round(time.monotonic() - self.started, 1),
            log=None,  # on its node: Scrapyd's logs_dir
        )
        self.report(source.config.type, final=True, stats=stats)

    def cancel_all(self) -> None:
        """Stop every job still out (the refresh was interrupted); best effort."""
        for node, shards in self.out.items():
            for shard in shards:
                with contextlib.suppress(ClusterError):
                    self.clients[node].cancel(shard.scrapyd_job or "", self.project)


def _open_runs(
    engine: Engine,
    sources: Sequence[SourceConfig],
    boards_per_job: int,
    seen_at: datetime,
    refresh_id: int | None,
) -> list[_Source]:
    """A run record per source, as a local refresh opens, and the shards of its jobs."""
    runs = []
    for config, shards in plan(sources, boards_per_job):
        source = _Source(config, start_run(engine, config.type, seen_at, refresh_id, None))
        source.sharded = shards != [()]
        for number, boards in enumerate(shards):
            entry = source_table(config)
            if source.sharded:
                entry["boards"] = list(boards)
            source.shards.append(_Shard(config.type, source.run_id, number, boards, entry))
        runs.append(source)
    return runs


def crawl_cluster(
    engine: Engine,
    sources: Sequence[SourceConfig],
    *,
    nodes: Sequence[Node],
    database_url: str,
    seen_at: datetime,
    refresh_id: int | None = None,
    boards_per_job: int = BOARDS_PER_JOB,
    settings: Mapping[str, Any] | None = None,
    timeout: float = 30 * 60.0,
    progress: Progress | None = None,
    stop: threading.Event | None = None,
    project: str = PROJECT,
    poll: float = POLL_SECONDS,
) -> tuple[list[CrawlResult], list[str]]:
    """Crawl `sources` as Scrapyd jobs on `nodes`; the results (in the order of `sources`)
    and notes on what happened to the nodes.

    `timeout` bounds each job. Interrupted (Ctrl-C, SIGTERM, `stop`), it cancels the jobs
    still out and records their runs as killed.
    """
    nodes, notes = preflight(nodes, project)
    job_settings = {
        "JOBRADAR_DATABASE_URL": node_database_url(database_url),
        "JOBRADAR_REFRESH_ID": refresh_id,
        "JOBRADAR_SEEN_AT": seen_at.isoformat(),
        **(settings or {}),
    }
    job_settings = {name: value for name, value in job_settings.items() if value is not None}
    cluster = _Cluster(
        engine,
        nodes,
        job_settings=job_settings,
        seen_at=seen_at,
        timeout=timeout,
        progress=progress,
        project=project,
        poll=poll,
        notes=notes,
    )
    runs = _open_runs(engine, sources, boards_per_job, seen_at, refresh_id)
    for source in runs:
        cluster.waiting.extend(source.shards)
    stop = stop or threading.Event()
    try:
        while open_runs := [source for source in runs if source.result is None]:
            if stop.is_set():
                raise KeyboardInterrupt("the refresh was stopped")
            cluster.place()
            if not cluster.alive:
                for shard in cluster.waiting:
                    cluster.fail(shard, "no Scrapyd node left to run it")
                cluster.waiting.clear()
            for source in open_runs:
                if all(shard.state in {"done", "failed"} for shard in source.shards):
                    cluster.finish(source)
            if any(source.result is None for source in runs):
                stop.wait(poll)
                cluster.follow()
    except BaseException:
        cluster.cancel_all()
        for source in runs:
            if source.result is None:
                fail_unfinished_run(
                    engine, source.run_id, -15, "interrupted: the refresh was stopped", "killed"
                )
        raise
    return [source.result for source in runs if source.result is not None], cluster.notes
