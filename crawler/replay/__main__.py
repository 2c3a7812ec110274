"""Serve replayed answers on 127.0.0.1 until Ctrl-C.

python -m jobradar.crawler.replay [--port N] [--data-dir DIR | --catalog DIR | --demo [--day D]
    | --scale BOARDS [--day D]] [--fault SOURCE=KIND] [--write-sources FILE]

Without a choice it serves the data directory's recordings (`$JOBRADAR_DATA`, else
../shared beside the repository), else the demo market of today. `--write-sources`
writes a sources file that crawls what is served (`jobradar run --sources FILE`).
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from jobradar.crawler.replay import FAULTS, Catalog, ReplayServer
from jobradar.crawler.replay.catalog import CatalogError
from jobradar.crawler.replay.offline import (
    Replay,
    demo_replay,
    offline_sources,
    recorded_replay,
    write_sources,
)
from jobradar.crawler.replay.scale import scale_replay
from jobradar.crawler.sources import SourceConfig
from jobradar.datadir import DataDirError, find_data_dir


def _replay(args: argparse.Namespace) -> Replay:
    if args.catalog is not None:
        return Replay(Catalog.load(args.catalog), f"the catalog in {args.catalog}")
    if args.scale is not None:
        return scale_replay(args.scale, day=args.day)
    found = None if args.demo else find_data_dir(args.data_dir)
    if found is not None:
        return recorded_replay(found.recordings)
    today = date.today()  # noqa: DTZ011 (the demo's history ends on the local calendar day)
    return demo_replay(args.day or today, today)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jobradar.crawler.replay", description=__doc__)
    parser.add_argument("--port", type=int, default=8765)
    chosen = parser.add_mutually_exclusive_group()
    chosen.add_argument("--data-dir", help="serve this data directory's recordings")
    chosen.add_argument("--catalog", type=Path, help="serve a folder with its own catalog.toml")
    chosen.add_argument("--demo", action="store_true", help="serve the generated demo market")
    chosen.add_argument(
        "--scale", type=int, metavar="BOARDS", help="serve this many generated ATS boards"
    )
    parser.add_argument("--day", type=date.fromisoformat, help="the demo market's day")
    parser.add_argument(
        "--write-sources", type=Path, metavar="FILE", help="write a sources file for the replay"
    )
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="SOURCE=KIND",
        help=f"answer every request of SOURCE with a fault ({', '.join(FAULTS)})",
    )
    args = parser.parse_args(argv)
    faults = dict(item.split("=", 1) for item in args.fault if "=" in item)
    try:
        replay = _replay(args)
        server = ReplayServer(replay.catalog, args.port, faults).start()
    except (OSError, ValueError, CatalogError, DataDirError) as exc:
        parser.error(str(exc))
    if args.write_sources is not None:
        configs = [SourceConfig(source) for source in replay.catalog.sources()]
        write_sources(offline_sources(configs, replay, server.base_url)[0], args.write_sources)
    sys.stdout.write(f"replaying {replay.description} at {server.base_url} (Ctrl-C to stop)\n")
    sys.stdout.flush()
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
