"""Headless simulation of many counters syncing to the stand-in portal at once (loopback).

Each simulated counter has its own data folder and sync engine state, receives walk-in
dossiers at random (Poisson) and runs a sync pass every `--interval` seconds, as the real
engine does. Bounded: it stops after `--seconds`. Prints, per counter and minute, the
requests and bytes sent, and the portal-side p95 latency (from the portal's own log).
"""

from __future__ import annotations

import argparse
import heapq
import json
import math
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import requests
from common import UNIT, configured_service, copy_counter_db, percentile, print_json, print_table

from counter_app.domain import clock
from counter_app.portal.client import PortalClient
from counter_app.portal.config import PortalConfig
from counter_app.portal_sim import PortalServer
from counter_app.services import CounterService
from counter_app.sync.engine import sync_pass

ROOT = Path(__file__).resolve().parent
INTAKE = {
    "procedure_code": "2.000815",
    "applicant": {
        "full_name": "Trần Văn Bình",
        "id_number": "001085001234",
        "phone": "0987654321",
        "ward_code": 70,
        "address": "Số 5 ngõ 12 phố Hàng Bạc",
    },
    "officer": "an.nv",
}


class Counter:
    def __init__(self, folder: Path, url: str) -> None:
        self.folder = folder
        self.lock = threading.Lock()
        self.requests = 0
        self.bytes_sent = 0
        self.bytes_received = 0
        session = requests.Session()
        session.hooks["response"].append(self._count)
        self.client = PortalClient(PortalConfig(url, "counter", "secret"), session=session)

    def _count(self, response: requests.Response, *args: object, **kwargs: object) -> None:
        request = response.request
        head = sum(len(k) + len(v) + 4 for k, v in request.headers.items())
        self.requests += 1
        self.bytes_sent += head + len(request.body or b"") + len(request.path_url) + 16
        self.bytes_received += len(response.content) + 200  # body + typical headers

    def act(self, kind: str) -> None:
        with self.lock:
            service = CounterService.open(self.folder)
            try:
                if kind == "receive":
                    service.intake.receive(INTAKE)
                else:
                    report = sync_pass(service, self.client)
                    if report.error is not None:
                        raise RuntimeError(str(report.error))
            finally:
                service.close()


def build_counters(work: Path, count: int, url: str) -> list[Counter]:
    template = work / "template"
    service = configured_service(template)
    service.store.conn().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    service.close()
    counters = []
    for index in range(count):
        folder = work / f"counter-{index:04d}"
        folder.mkdir()
        copy_counter_db(template, folder)
        service = CounterService.open(folder)
        commune, number = divmod(index, 9)
        service.settings.update(
            {
                "unit_code": f"000.00.{commune:02d}.H{commune % 100:02d}",
                "counter": number + 1,
                "portal_url": url,
                "portal_user": "counter",
            },
            actor="sim",
        )
        service.close()
        counters.append(Counter(folder, url))
    return counters


# ---- one centre of several counters (issue 14) -------------------------------------------
CENTRE_COUNTERS = 6
BUSY_DAY = {"dossiers": 600, "changes": 2000, "minutes": 480}  # 8 working hours of a busy centre


class CentreCounter:
    """One counter of a centre, in-process, with its own credentials and request counter."""

    def __init__(self, folder: Path, url: str, number: int) -> None:
        service = configured_service(folder)
        user = f"quay{number}"
        service.settings.update(
            {"counter": number, "portal_url": url, "portal_user": user}, actor="sim"
        )
        self.service = service
        self.requests = 0
        self.feed_bytes = 0
        self.feed_items = 0
        session = requests.Session()
        session.hooks["response"].append(self._count)
        self.client = PortalClient(PortalConfig(url, user, "secret"), session=session)

    def _count(self, response: requests.Response, *args: object, **kwargs: object) -> None:
        self.requests += 1
        if response.request.path_url.endswith("/api/LayThayDoi"):
            self.feed_bytes += len(response.content)
            try:
                self.feed_items += len(response.json().get("changes", []))
            except ValueError:
                pass

    def sync(self) -> None:
        report = sync_pass(self.service, self.client)
        if report.error is not None:
            raise RuntimeError(str(report.error))

    def change(self, rng: random.Random) -> bool:
        """One change to a random open dossier of the centre: the next status, a moved
        appointment or a correction of the applicant's details; False when there is
        nothing to change."""
        rows = (
            self.service.store.conn()
            .execute(
                "SELECT code, status FROM dossiers WHERE status IN (2, 4, 9) "
                "AND sync_state != 'conflict' ORDER BY random() LIMIT 1"
            )
            .fetchall()
        )
        if not rows:
            return False
        code, status = rows[0]["code"], rows[0]["status"]
        draw = rng.random()
        if draw < 0.10:
            applicant = self.service.dossiers.get(code)["applicant"]
            applicant["phone"] = f"09{rng.randrange(10**8):08d}"
            self.service.dossiers.update(
                code, by="an.nv", reason="Sửa số điện thoại", applicant=applicant
            )
            return True
        if draw < 0.25 and status != 9:
            due = self.service.dossiers.get(code)["due_at"]
            moved = clock.from_storage(due) + timedelta(days=1)
            self.service.dossiers.move_due(code, moved, by="an.nv", reason="Bổ sung xác minh")
            return True
        target = {2: 4, 4: 9, 9: 10}[status]
        extra = {"collected_by": "Trần Văn Bình"} if target == 10 else {}
        self.service.dossiers.change_status(code, target, by="an.nv", **extra)
        return True


def run_centre(args: argparse.Namespace) -> None:
    """Steady state of a centre of 6 counters (accelerated: one sync pass per counter per
    simulated minute, the engine's default interval), then one counter away for a busy
    8-hour day and the time it takes to converge once it is back."""
    work = Path(tempfile.mkdtemp(prefix="sim-centre-"))
    users = {f"quay{n}": "secret" for n in range(1, CENTRE_COUNTERS + 1)}
    rng = random.Random(14)
    per_minute = {k: BUSY_DAY[k] / BUSY_DAY["minutes"] / CENTRE_COUNTERS for k in BUSY_DAY}
    try:
        with PortalServer(
            work / "portal.db", users=users, carries_steps=not args.ignoring_portal
        ) as portal:
            counters = [
                CentreCounter(work / f"quay-{n}", portal.url, n)
                for n in range(1, CENTRE_COUNTERS + 1)
            ]
            for counter in counters:
                counter.sync()  # reference data and first login, not steady state
            before = [c.requests for c in counters]
            for _minute in range(args.centre_minutes):
                for counter in counters:
                    if rng.random() < per_minute["dossiers"]:
                        counter.service.intake.receive(INTAKE)
                    for _ in range(_poisson(rng, per_minute["changes"])):
                        counter.change(rng)
                    counter.sync()
            steady = statistics.mean(
                (c.requests - b) / args.centre_minutes
                for c, b in zip(counters, before, strict=True)
            )
            # One counter away for a busy day while the others work and sync.
            away, others = counters[-1], counters[:-1]
            done = {"dossiers": 0, "changes": 0}
            while done["dossiers"] < BUSY_DAY["dossiers"] or done["changes"] < BUSY_DAY["changes"]:
                counter = rng.choice(others)
                if done["dossiers"] < BUSY_DAY["dossiers"] and (
                    rng.random() < 0.25 or done["changes"] >= BUSY_DAY["changes"]
                ):
                    counter.service.intake.receive(INTAKE)
                    done["dossiers"] += 1
                elif counter.change(rng):
                    done["changes"] += 1
                if sum(done.values()) % 10 == 0:  # about two minutes of a busy centre
                    for other in others:
                        other.sync()
            for other in others:
                other.sync()
            for other in others:
                other.sync()
            away.feed_bytes = away.feed_items = 0
            requests_before = away.requests
            started = time.perf_counter()
            away.sync()
            converged = time.perf_counter() - started
            portal_codes = set(portal.dossier_codes(UNIT))
            local_codes = {
                r[0] for r in away.service.store.conn().execute("SELECT code FROM dossiers")
            }
            conflicts = sum(
                c.service.store.conn()
                .execute("SELECT count(*) FROM dossiers WHERE sync_state = 'conflict'")
                .fetchone()[0]
                for c in counters
            )
            figures = {
                "counters": CENTRE_COUNTERS,
                "portal_carries_steps": not args.ignoring_portal,
                "steady_minutes": args.centre_minutes,
                "requests_per_counter_per_minute": round(steady, 2),
                "away_day": done,
                "convergence_seconds": round(converged, 2),
                "convergence_requests": away.requests - requests_before,
                "feed_items": away.feed_items,
                "feed_bytes_per_item": round(away.feed_bytes / max(1, away.feed_items)),
                "feed_bytes_per_change": round(
                    away.feed_bytes / max(1, done["dossiers"] + done["changes"])
                ),
                "away_register_equals_portal": local_codes == portal_codes,
                "conflicts_flagged": conflicts,
            }
            for counter in counters:
                counter.client.close()
                counter.service.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(
        "sim_counters --centre",
        [
            ("counters in the centre", str(CENTRE_COUNTERS)),
            ("steady requests / counter / minute", f"{figures['requests_per_counter_per_minute']}"),
            ("away for a day", f"{done['dossiers']} dossiers, {done['changes']} changes"),
            ("convergence after reconnecting", f"{converged:.2f} s"),
            ("feed bytes / change", f"{figures['feed_bytes_per_change']:,}"),
            ("register equals the portal's", str(figures["away_register_equals_portal"])),
        ],
    )
    print_json(figures)


def _poisson(rng: random.Random, mean: float) -> int:
    count, threshold, product = 0, math.exp(-mean), rng.random()
    while product > threshold:
        count += 1
        product *= rng.random()
    return count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--counters", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--interval", type=float, default=60, help="sync interval per counter")
    parser.add_argument(
        "--receive-every",
        type=float,
        default=120,
        help="mean seconds between walk-ins at one counter",
    )
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument(
        "--centre", action="store_true", help="one centre of 6 counters (issue 14) instead"
    )
    parser.add_argument("--centre-minutes", type=int, default=30, help="steady-state minutes")
    parser.add_argument(
        "--ignoring-portal",
        action="store_true",
        help="--centre against a portal that ignores BuocXuLy (each step sent on its own)",
    )
    args = parser.parse_args()
    if args.centre:
        run_centre(args)
        return
    work = Path(tempfile.mkdtemp(prefix="sim-counters-"))
    log_path = work / "portal-log.json"
    portal = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "portal_stats_server.py"),
            str(work / "portal.db"),
            str(log_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert portal.stdout is not None
        url = portal.stdout.readline().strip().removeprefix("listening on ")
        counters = build_counters(work, args.counters, url)
        rng = random.Random(5)
        events: list[tuple[float, int, str]] = []
        for index in range(len(counters)):
            heapq.heappush(events, (rng.uniform(0, args.interval), index, "sync"))
            heapq.heappush(events, (rng.expovariate(1 / args.receive_every), index, "receive"))
        errors: list[str] = []
        started = time.monotonic()
        with ThreadPoolExecutor(args.workers) as pool:
            futures = []
            while events:
                at, index, kind = heapq.heappop(events)
                if at > args.seconds:
                    break
                delay = at - (time.monotonic() - started)
                if delay > 0:
                    time.sleep(delay)
                futures.append(pool.submit(counters[index].act, kind))
                gap = args.interval if kind == "sync" else rng.expovariate(1 / args.receive_every)
                heapq.heappush(events, (at + gap, index, kind))
            for future in futures:
                try:
                    future.result()
                except Exception as error:  # noqa: BLE001 - counted and reported
                    errors.append(str(error))
        elapsed_minutes = (time.monotonic() - started) / 60
        for counter in counters:
            counter.client.close()
    finally:
        portal.terminate()
        portal.wait(30)
    log = json.loads(log_path.read_text(encoding="utf-8"))
    shutil.rmtree(work, ignore_errors=True)

    per_counter_requests = [c.requests / elapsed_minutes for c in counters]
    per_counter_bytes = [c.bytes_sent / elapsed_minutes for c in counters]
    latencies = [entry["latency"] * 1000 for entry in log]
    by_path: dict[str, int] = {}
    for entry in log:
        by_path[entry["path"]] = by_path.get(entry["path"], 0) + 1
    mean_requests = statistics.mean(per_counter_requests)
    mean_bytes = statistics.mean(per_counter_bytes)
    mean_received = statistics.mean(c.bytes_received / elapsed_minutes for c in counters)
    figures = {
        "counters": len(counters),
        "seconds": round(elapsed_minutes * 60, 1),
        "requests_per_counter_per_minute": round(mean_requests, 2),
        "bytes_per_counter_per_minute": round(mean_bytes),
        "bytes_received_per_counter_per_minute": round(mean_received),
        "portal_requests": len(log),
        "portal_p50_ms": round(percentile(latencies, 50), 2),
        "portal_p95_ms": round(percentile(latencies, 95), 2),
        "requests_by_path": by_path,
        "errors": len(errors),
        "projection_10000_counters": {
            "requests_per_second": round(mean_requests * 10_000 / 60, 1),
            "kilobytes_per_second": round(mean_bytes * 10_000 / 60 / 1024, 1),
        },
    }
    print_table(
        "sim_counters",
        [
            ("counters x seconds", f"{len(counters)} x {elapsed_minutes * 60:.0f} s"),
            ("requests / counter / minute", f"{mean_requests:.2f}"),
            ("bytes sent / counter / minute", f"{mean_bytes:,.0f}"),
            ("bytes received / counter / minute", f"{mean_received:,.0f}"),
            ("portal requests", f"{len(log):,} {by_path}"),
            (
                "portal-side latency p50 / p95",
                f"{figures['portal_p50_ms']} / {figures['portal_p95_ms']} ms",
            ),
            ("errors", str(len(errors)) + (f" (first: {errors[0]})" if errors else "")),
            (
                "projection, 10,000 counters",
                f"{figures['projection_10000_counters']['requests_per_second']} req/s, "
                f"{figures['projection_10000_counters']['kilobytes_per_second']} KB/s",
            ),
        ],
    )
    print_json(figures)


if __name__ == "__main__":
    main()
