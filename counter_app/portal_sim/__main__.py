"""Command line: `python -m counter_app.portal_sim --port 0 --db FILE [--fault SPEC ...]`.

The first line on stdout is `listening on http://HOST:PORT`; SIGTERM or Ctrl+C stops it.
"""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import threading

from counter_app.portal_sim.catalogue import default_catalogue_path
from counter_app.portal_sim.faults import parse_fault_spec
from counter_app.portal_sim.server import PortalServer
from counter_app.portal_sim.uploads import DEFAULT_MAX_FILE_BYTES


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m counter_app.portal_sim",
        description="Stand-in National Public Service Portal for development and tests.",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--db", required=True, help="SQLite file of the portal's own store")
    parser.add_argument("--user", default="counter")
    parser.add_argument("--password", default="secret")
    parser.add_argument("--token-ttl", type=float, default=600, help="token lifetime, seconds")
    parser.add_argument("--clock-offset", type=float, default=0, help="server clock skew, seconds")
    parser.add_argument(
        "--catalogue", help="catalogue JSON in the app's shape (default: resources/catalogue.json)"
    )
    parser.add_argument(
        "--holidays", help='JSON list of {"date": "YYYY-MM-DD", "working": bool, "note": str}'
    )
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="SPEC",
        help="kind[:param][xN|x*][@/api/Path], e.g. http500x2, http429:3@/api/DongBoHoSoMC, slow:2x*",
    )
    parser.add_argument(
        "--raw-change",
        action="append",
        default=[],
        metavar="UNIT=JSON",
        help='put a feed item on UNIT\'s changes feed unchecked, e.g. 000.00.01.H22={"type":"status"}',
    )
    parser.add_argument(
        "--max-file-bytes",
        type=int,
        default=DEFAULT_MAX_FILE_BYTES,
        help="attachments over this size are refused (413 FILE_TOO_LARGE)",
    )
    parser.add_argument(
        "--ignore-carried-step",
        action="store_true",
        help="behave like a portal that ignores a record's progress step (BuocXuLy)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log every request to stderr")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(message)s",
        stream=sys.stderr,
    )
    try:
        faults = [parse_fault_spec(spec) for spec in args.fault]
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    holidays = None
    if args.holidays:
        with open(args.holidays, encoding="utf-8") as handle:
            holidays = json.load(handle)
    if args.catalogue is None and default_catalogue_path() is None:
        print("warning: no catalogue file; every MaTTHC will be rejected", file=sys.stderr)

    server = PortalServer(
        args.db,
        host=args.host,
        port=args.port,
        users={args.user: args.password},
        token_ttl=args.token_ttl,
        carries_steps=not args.ignore_carried_step,
        catalogue_path=args.catalogue,
        holiday_overrides=holidays,
        clock_offset=args.clock_offset,
        max_file_bytes=args.max_file_bytes,
    )
    for kind, times, path, params in faults:
        server.faults.add(kind, times, path=path, **params)
    for spec in args.raw_change:
        unit_code, _, item = spec.partition("=")
        try:
            server.publish_raw_change(unit_code, json.loads(item))
        except ValueError as error:
            print(f"error: --raw-change {spec!r}: {error}", file=sys.stderr)
            return 2

    stop_requested = threading.Event()

    def request_stop(signum: int, frame: object) -> None:
        stop_requested.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    server.start()
    print(f"listening on {server.url}", flush=True)
    try:
        while not stop_requested.wait(0.5):
            pass
    finally:
        server.stop()
    print("stopped", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
