"""A replay of many company boards: the scale-out tests and `bench/cluster.py`.

`scale_replay(N)` serves N Greenhouse, Lever and Ashby boards (in turn) of about
`per_board` listings each, all jobradar's own generated data: the demo market's jobs
(`demo/universe.py`), each moved to a made-up company of its own. Seeded: the same
arguments serve byte-identical bodies, so two crawls of one replay store the same listings.
A board's body is made when it is requested (10,000 boards hold half a million listings).
"""

from __future__ import annotations

import functools
import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from jobradar.crawler.replay.catalog import Catalog, Recording
from jobradar.crawler.replay.demo import ats
from jobradar.crawler.replay.demo.text import COMPANIES, PLACES, Company
from jobradar.crawler.replay.demo.universe import _job  # one job, drawn from its serial alone
from jobradar.crawler.replay.offline import Replay

SCALE_ATS = ("greenhouse", "lever", "ashby")
PER_BOARD = 50
SERIAL_BASE = 50_000_000  # far above the demo market's serials (16 a day since year 1)
_SHAPES = {"greenhouse": ats.greenhouse, "lever": ats.lever, "ashby": ats.ashby}
_PITCHES = tuple(company.pitch for company in COMPANIES)


def board_token(index: int) -> str:
    """The token of the `index`-th board: its ATS is `SCALE_ATS[index % 3]`."""
    return f"scale{index:05d}"


def _company(index: int, seed: int) -> Company:
    rng = random.Random(f"{seed}:company:{index}")  # noqa: S311 (seeded test data)
    return Company(
        name=f"Scaleboard {index:05d}",
        token=board_token(index),
        ats=SCALE_ATS[index % len(SCALE_ATS)],
        home=rng.choice(sorted(PLACES)),
        pitch=rng.choice(_PITCHES),
        ai=rng.random() < 0.8,
    )


def board_body(index: int, per_board: int, day: date, seed: int) -> bytes:
    """The answer of the `index`-th board on `day`: `per_board` open jobs, newest first."""
    company = _company(index, seed)
    assert company.ats is not None
    rng = random.Random(f"{seed}:board:{index}")  # noqa: S311 (seeded test data)
    jobs = []
    for number in range(per_board):
        opened = day - timedelta(days=rng.randint(0, 90))
        serial = SERIAL_BASE + index * 1_000 + number
        job = _job(serial, company.ats, opened, day + timedelta(days=60), today=day, seed=seed)
        jobs.append(replace(job, company=company))
    (response,) = _SHAPES[company.ats](jobs, [company.token])
    return response.body


def scale_replay(
    boards: int, *, per_board: int = PER_BOARD, day: date | None = None, seed: int = 16
) -> Replay:
    """`boards` generated boards (Greenhouse, Lever, Ashby in turn) as one replay."""
    day = day or datetime.now(UTC).date()
    paths = {
        "greenhouse": ("/v1/boards/{token}/jobs", {"content": "true"}),
        "lever": ("/v0/postings/{token}", {"mode": "json"}),
        "ashby": ("/posting-api/job-board/{token}", {"includeCompensation": "true"}),
    }
    recordings = []
    for index in range(boards):
        source = SCALE_ATS[index % len(SCALE_ATS)]
        path, query = paths[source]
        token = board_token(index)
        recordings.append(
            Recording(
                source=source,
                path=path.format(token=token),
                body=functools.partial(board_body, index, per_board, day, seed),
                query=query,
                board=token,
            )
        )
    description = (
        f"scale replay (generated): {boards} boards of {per_board} listings for {day.isoformat()}"
    )
    return Replay(Catalog(recordings), description)
