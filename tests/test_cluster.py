"""Scale-out: the refresh's crawls as Scrapyd jobs on two nodes, one of them killed mid-run.

Two Scrapyd daemons run as subprocesses on free ports of 127.0.0.1, each with its own
folder, in a Python environment that has jobradar's dependencies but not jobradar: the
egg `scrapyd-deploy` builds from the repository (added through `addversion.json`) is
all they have of it, zipped. The store is PostgreSQL. The listings the cluster stores,
and its run records, must equal those of a one-machine crawl of the same replay.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import threading
import time
import urllib.parse
import venv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlmodel import Session

from jobradar.crawler.replay.scale import scale_replay
from jobradar.crawler.sources import SourceConfig
from jobradar.scheduler.cluster import (
    ClusterError,
    Node,
    NodeUnreachableError,
    Scrapyd,
    crawl_cluster,
    deploy,
    node_database_url,
    parse_nodes,
    plan,
    preflight,
)
from jobradar.scheduler.jobs import CrawlOptions, crawl
from jobradar.store.engine import open_store
from jobradar.store.models import CrawlJob, CrawlRun, Listing
from jobradar.store.runs import finish_job
from tests.conftest import POSTGRES_URL, ROOT, jobradar, missing_service

BOARDS = 210  # 70 Greenhouse, 70 Lever and 70 Ashby boards
PER_BOARD = 8  # listings per board: the proof is in the jobs, not in the volume
BOARDS_PER_JOB = 70  # one job per source: node a runs two, node b one
# no politeness towards our own replay server; small store flushes, so a job is seen storing
FAST = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "RETRY_TIMES": 1,
    "JOBRADAR_STORE_BATCH": 50,
}
ATS = ("greenhouse", "lever", "ashby")


def test_nodes_are_urls_with_optional_slots() -> None:
    assert parse_nodes("http://a:6800, http://b:6800/#8") == (
        Node("http://a:6800/", 4),
        Node("http://b:6800/", 8),
    )
    for wrong in ("", "a:6800", "http://a:6800#0", "http://a:6800,http://a:6800/"):
        with pytest.raises(ClusterError):
            parse_nodes(wrong)


def test_jobs_never_carry_the_store_password() -> None:
    url = "postgresql://crawler:s3cret@db.internal:5432/jobradar?sslmode=require"
    sent = node_database_url(url)
    assert "s3cret" not in sent
    assert sent == "postgresql+psycopg://crawler@db.internal:5432/jobradar?sslmode=require"
    with pytest.raises(ClusterError, match="PostgreSQL"):
        node_database_url("sqlite:///jobradar.db")


def test_board_sources_are_split_into_shards_and_others_are_one_job() -> None:
    planned = plan(
        [SourceConfig("greenhouse", boards=("a", "b", "c", "d", "e")), SourceConfig("remoteok")], 2
    )
    assert [shards for _, shards in planned] == [[("a", "b"), ("c", "d"), ("e",)], [()]]


def test_a_dead_node_is_unreachable_and_no_node_answering_is_a_usage_error() -> None:
    dead = Node(f"http://127.0.0.1:{_free_port()}/")
    with pytest.raises(NodeUnreachableError, match="refused"):
        Scrapyd(dead).jobs()
    with pytest.raises(ClusterError, match="no Scrapyd node answers"):
        preflight([dead])


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("run", "--scrapyd", "http://127.0.0.1:9", "--db", "sqlite:///{tmp}/x.db"), "PostgreSQL"),
        (("crawl", "--scrapyd", "127.0.0.1:6800", "--db", "sqlite:///{tmp}/x.db"), "not a Scrapyd"),
        (("run", "--boards-per-job", "0"), "--boards-per-job"),
    ],
)
def test_cluster_mistakes_exit_2_with_one_line(
    args: tuple[str, ...], says: str, tmp_path: Path
) -> None:
    result = jobradar(*(arg.format(tmp=tmp_path) for arg in args), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert says in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.postgres
def test_no_node_answering_fails_the_crawl_before_it_starts(
    postgres_url: str, tmp_path: Path
) -> None:
    with_password = postgres_url.replace("postgres@", "postgres:s3cret@")  # trust ignores it
    dead = f"http://127.0.0.1:{_free_port()}"
    result = jobradar("crawl", "greenhouse", "--scrapyd", dead, "--db", with_password, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "no Scrapyd node answers" in result.stderr
    assert "s3cret" not in result.stderr + result.stdout
    with Session(open_store(postgres_url)) as session:
        assert list(session.scalars(select(CrawlRun))) == []  # nothing was opened


class _FakeScrapyd(ThreadingHTTPServer):
    """A Scrapyd API that runs each job at once (its stats straight into the store), and
    forgets the first job it is given, as a restarted node does."""

    daemon_threads = True

    def __init__(self, engine: Engine) -> None:
        super().__init__(("127.0.0.1", 0), _FakeHandler)
        self.engine = engine
        self.jobs: dict[str, str] = {}
        self.scheduled: list[dict[str, str]] = []
        self.forget_next = True
        self.most_at_once = 0
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def node(self) -> Node:
        return Node(f"http://127.0.0.1:{self.server_address[1]}/", 2)


class _FakeHandler(BaseHTTPRequestHandler):
    server: _FakeScrapyd

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self, document: dict[str, object]) -> None:
        body = json.dumps({"status": "ok", **document}).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path.startswith("/listprojects.json"):
            self._answer({"projects": ["jobradar"]})
            return
        jobs = self.server.jobs
        self._answer(
            {
                state: [{"id": j} for j, s in jobs.items() if s == state]
                for state in ("pending", "running", "finished")
            }
        )
        for job, state in list(jobs.items()):  # a listed job runs, then finishes
            if state == "running":
                jobs[job] = "finished"

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        settings = dict(value.split("=", 1) for value in form["setting"])
        self.server.scheduled.append(settings)
        job = form["jobid"][0]
        running = sum(state == "running" for state in self.server.jobs.values()) + 1
        self.server.most_at_once = max(self.server.most_at_once, running)
        if self.server.forget_next:
            self.server.forget_next = False
        else:
            self.server.jobs[job] = "running"
            boards = len(json.loads(settings["JOBRADAR_SOURCE"])["boards"])
            stats = {"jobradar/stored": 10 * boards, "jobradar/new": 10 * boards}
            finish_job(
                self.server.engine, int(settings["JOBRADAR_JOB_ID"]), stats, "finished", None
            )
        self._answer({"jobid": job})


def test_a_forgotten_job_runs_again_and_the_run_sums_its_jobs(sqlite_url: str) -> None:
    engine = open_store(sqlite_url)
    fake = _FakeScrapyd(engine)
    boards = tuple(f"board{n}" for n in range(7))
    try:
        results, _ = crawl_cluster(
            engine,
            [SourceConfig("greenhouse", boards=boards, base_url="http://127.0.0.1:9")],
            nodes=[fake.node],
            database_url="postgresql://crawler:s3cret@db.internal/jobradar",
            seen_at=datetime(2026, 12, 1, tzinfo=UTC),
            boards_per_job=3,
            poll=0.05,
        )
    finally:
        fake.shutdown()
        fake.server_close()
    (result,) = results
    assert (result.status, result.fetched, result.new) == ("ok", 70, 70)
    assert fake.most_at_once <= 2  # the node's slots
    assert all("s3cret" not in value for job in fake.scheduled for value in job.values())
    with Session(engine) as session:
        jobs = list(session.scalars(select(CrawlJob).order_by(CrawlJob.id)))
    assert [(job.shard, job.attempt, job.status) for job in jobs] == [
        (0, 1, "lost"),
        (1, 1, "done"),
        (0, 2, "done"),
        (2, 1, "done"),
    ]
    assert "no longer knows" in (jobs[0].message or "")
    assert [job.boards for job in jobs if job.status == "done"] == [
        ["board3", "board4", "board5"],
        ["board0", "board1", "board2"],
        ["board6"],
    ]


# ---- two real Scrapyd nodes ----


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _node_python(folder: Path) -> Path:
    """A Python with jobradar's dependencies but without jobradar (only the egg has it)."""
    venv.EnvBuilder(with_pip=False).create(folder)
    python = folder / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # A plain path line: the folder joins sys.path, its own .pth files (the editable
    # install of jobradar) are not read.
    Path(purelib, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


@dataclass
class ScrapydNode:
    node: Node
    process: subprocess.Popen[bytes]
    folder: Path

    def kill(self) -> None:
        """The machine dies: the daemon and every crawl it started, at once."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


def _start_node(python: Path, folder: Path, slots: int) -> ScrapydNode:
    folder.mkdir()
    port = _free_port()
    (folder / "scrapyd.conf").write_text(
        "[scrapyd]\n"
        f"bind_address = 127.0.0.1\nhttp_port = {port}\n"
        f"max_proc = {slots}\npoll_interval = 0.2\nfinished_to_keep = 1000\n"
        f"eggs_dir = {folder / 'eggs'}\nlogs_dir = {folder / 'logs'}\ndbs_dir = {folder / 'dbs'}\n"
        "items_dir =\njobs_dir =\n"
    )
    with (folder / "scrapyd.out").open("wb") as out:
        process = subprocess.Popen(
            [python, "-m", "scrapyd"],
            cwd=folder,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: kill() takes its crawls too
        )
    node = ScrapydNode(Node(f"http://127.0.0.1:{port}/", slots), process, folder)
    deadline = time.monotonic() + 30
    while True:
        try:
            Scrapyd(node.node).call("daemonstatus.json")
            return node
        except NodeUnreachableError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError((folder / "scrapyd.out").read_text()) from None
            time.sleep(0.2)


@pytest.fixture
def nodes(tmp_path: Path) -> Iterator[list[ScrapydNode]]:
    if importlib.util.find_spec("scrapyd") is None or not _scrapyd_deploy().is_file():
        missing_service(
            "scrapyd and scrapyd-client are not installed (pip install 'jobradar[cluster]')"
        )
    python = _node_python(tmp_path / "node-env")
    started = [_start_node(python, tmp_path / name, 2) for name in ("node-a", "node-b")]
    try:
        yield started
    finally:
        for node in started:
            if node.process.poll() is None:
                node.kill()


@pytest.fixture
def second_postgres_url(postgres_url: str) -> Iterator[str]:
    """Another fresh schema beside `postgres_url`'s: the one-machine crawl's store."""
    from sqlalchemy import create_engine, text

    schema = f"t_{os.urandom(5).hex()}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    with admin.connect() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def _scrapyd_deploy() -> Path:
    """scrapyd-deploy of this environment (beside its Python, activated or not)."""
    beside = Path(sys.executable).with_name("scrapyd-deploy")
    return beside if beside.is_file() else Path(shutil.which("scrapyd-deploy") or beside)


def _build_egg(folder: Path) -> bytes:
    egg = folder / "jobradar.egg"
    subprocess.run(
        [_scrapyd_deploy(), "--build-egg", str(egg)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return egg.read_bytes()


def _listings(url: str) -> set[tuple[object, ...]]:
    with Session(open_store(url)) as session:
        return {
            (
                row.source,
                row.board,
                row.source_id,
                row.title,
                row.company,
                row.url,
                row.description_hash,
                row.remote_type,
                row.salary_min,
                row.salary_max,
                row.salary_currency,
                row.first_seen,
                row.closed_at,
            )
            for row in session.scalars(select(Listing))
        }


def _runs(url: str) -> dict[str, tuple[object, ...]]:
    with Session(open_store(url)) as session:
        return {
            run.source: (run.status, run.finish_reason, run.fetched, run.errors, run.closed)
            for run in session.scalars(select(CrawlRun))
        }


@pytest.mark.slow
@pytest.mark.postgres
def test_a_cluster_that_loses_a_node_stores_what_one_machine_stores(
    nodes: list[ScrapydNode], postgres_url: str, second_postgres_url: str, tmp_path: Path
) -> None:
    deploy([node.node for node in nodes], _build_egg(tmp_path), "1")
    replay = scale_replay(BOARDS, per_board=PER_BOARD, seed=5)
    seen_at = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
    options = CrawlOptions(
        database_url=postgres_url,
        sources_file=tmp_path / "unused.toml",
        only=ATS,
        offline=True,
        settings=dict(FAST),
        timeout=120,
        log_dir=tmp_path / "logs",
        scrapyd=tuple(node.node for node in nodes),
        boards_per_job=BOARDS_PER_JOB,
    )
    (tmp_path / "unused.toml").write_text(
        "".join(f'[[source]]\ntype = "{source}"\n' for source in ATS)
    )
    engine = open_store(postgres_url)

    # node b dies (daemon and crawls) while its job is half-way: some of its listings stored
    killed = threading.Event()

    def kill_node_b() -> None:
        with Session(engine) as session:
            while not killed.is_set():
                for job in session.scalars(
                    select(CrawlJob).where(
                        CrawlJob.node == nodes[1].node.url, CrawlJob.status == "scheduled"
                    )
                ):
                    stored = session.scalars(
                        select(Listing.id).where(Listing.board.in_(job.boards)).limit(1)
                    ).first()
                    if stored is not None:
                        nodes[1].kill()
                        killed.set()
                        return
                session.expire_all()
                time.sleep(0.05)

    killer = threading.Thread(target=kill_node_b, daemon=True)
    killer.start()
    try:
        report = crawl(options, engine=engine, seen_at=seen_at, replay=replay)
    finally:
        killed.set()
        killer.join(timeout=5)

    assert [result.status for result in report.results] == ["ok", "ok", "ok"], report.results
    assert any("is gone" in note for note in report.notes), report.notes
    with Session(engine) as session:
        jobs = list(session.scalars(select(CrawlJob)))
    assert {job.status for job in jobs} <= {"done", "lost"}
    lost = [job for job in jobs if job.status == "lost"]
    assert lost, "node b was killed with no job of ours: nothing was scheduled again"
    assert all(job.node == nodes[1].node.url for job in lost)
    done = [job for job in jobs if job.status == "done"]
    assert len(done) == 3  # one shard per source, each done once
    assert sorted(b for job in done for b in job.boards) == sorted(
        board for source in ATS for board in replay.catalog.boards(source)
    )

    local = CrawlOptions(
        database_url=second_postgres_url,
        sources_file=tmp_path / "unused.toml",
        only=ATS,
        offline=True,
        settings=dict(FAST),
        timeout=120,
        log_dir=tmp_path / "local-logs",
    )
    crawl(local, seen_at=seen_at, replay=replay)

    one_machine = _listings(second_postgres_url)
    assert len(one_machine) >= BOARDS * PER_BOARD
    assert _listings(postgres_url) == one_machine
    assert _runs(postgres_url) == _runs(second_postgres_url)
