"""Serve the recordings: `python -m crawler.replay [--port N] [--catalog DIR] [--fault SOURCE=KIND]`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from crawler.replay import FAULTS, RECORDINGS, Catalog, ReplayServer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawler.replay", description=__doc__)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--catalog", type=Path, default=RECORDINGS, help="directory with catalog.toml"
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
        server = ReplayServer(Catalog.load(args.catalog), args.port, faults).start()
    except (OSError, ValueError) as exc:
        parser.error(str(exc))
    sys.stdout.write(f"replaying {args.catalog} at {server.base_url} (Ctrl-C to stop)\n")
    sys.stdout.flush()
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
