"""Sync benchmark: drain 10,000 queued dossiers to the stand-in portal on loopback.

Prints dossiers/s, requests per dossier, and the ratio to a bare loop that posts the very
same request bodies with requests in the same run (a fresh portal DB for each).
Targets: >= 1,000 dossiers/s and <= 0.02 requests per dossier.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import requests
from common import configured_service, print_json, print_table
from portal_process import PortalProcess

from counter_app.portal.client import PortalClient
from counter_app.portal.config import PortalConfig
from counter_app.sync.engine import sync_pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=10_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    try:
        service = configured_service(work / "counter")
        data = {
            "procedure_code": "1.004873",
            "applicant": {
                "full_name": "Nguyễn Thị Minh Khai",
                "id_number": "001190012345",
                "phone": "0912345678",
                "ward_code": 70,
                "address": "Số 5 phố Hàng Bạc",
            },
            "officer": "an.nv",
        }
        for i in range(args.dossiers):
            day = 1 + i // 900
            service.intake.receive(
                dict(data, received_at=f"2026-{1 + day // 28:02d}-{1 + day % 28:02d} 09:00")
            )

        sent_bodies: list[tuple[str, bytes, str]] = []
        requests_made = 0

        def record(response: requests.Response, *a: object, **k: object) -> None:
            nonlocal requests_made
            requests_made += 1
            request = response.request
            if request.url.endswith("/api/DongBoHoSoMC"):
                sent_bodies.append(
                    (request.url, request.body, request.headers.get("Idempotency-Key"))
                )

        with PortalProcess(work / "portal-a.db") as portal:
            session = requests.Session()
            session.hooks["response"].append(record)
            client = PortalClient(PortalConfig(portal.url, "counter", "secret"), session=session)
            started = time.perf_counter()
            report = sync_pass(service, client, pull=False)
            drain_seconds = time.perf_counter() - started
            client.close()
        assert report.error is None and report.sent == args.dossiers, report
        payload_bytes = sum(len(body) for _, body, _ in sent_bodies)

        # Bare loop: the same bodies, posted one after another, nothing else.
        with PortalProcess(work / "portal-b.db") as portal:
            bare = requests.Session()
            token = bare.post(
                portal.url + "/api/login", json={"username": "counter", "password": "secret"}
            ).json()["token"]
            started = time.perf_counter()
            for _, body, key in sent_bodies:
                answer = bare.post(
                    portal.url + "/api/DongBoHoSoMC",
                    data=body,
                    headers={
                        "Authorization": f"Bearer {token}",
                        "Content-Type": "application/json",
                        "Idempotency-Key": key,
                    },
                )
                answer.raise_for_status()
            bare_seconds = time.perf_counter() - started
        service.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    rate = args.dossiers / drain_seconds
    figures = {
        "dossiers": args.dossiers,
        "drain_seconds": round(drain_seconds, 3),
        "dossiers_per_second": round(rate),
        "requests": requests_made,
        "requests_per_dossier": round(requests_made / args.dossiers, 4),
        "payload_bytes": payload_bytes,
        "bare_loop_seconds": round(bare_seconds, 3),
        "ratio_to_bare_loop": round(drain_seconds / bare_seconds, 2),
    }
    print_table(
        "bench_sync",
        [
            ("dossiers drained", f"{args.dossiers:,} in {drain_seconds:.2f} s"),
            ("dossiers/s", f"{rate:,.0f} (target >= 1,000)"),
            ("requests per dossier", f"{figures['requests_per_dossier']} (target <= 0.02)"),
            ("payload", f"{payload_bytes / 1e6:.1f} MB"),
            ("bare loop, same bodies", f"{bare_seconds:.2f} s"),
            ("drain / bare loop", f"{figures['ratio_to_bare_loop']}x"),
        ],
    )
    print_json(figures)


if __name__ == "__main__":
    main()
