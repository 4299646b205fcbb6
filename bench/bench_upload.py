"""Upload benchmark (issue 16): 100 MB of attachments to the stand-in portal on loopback.

Throughput of `portal.uploads.upload` (1 MB chunks) ÷ a bare `requests` loop that posts the
very same start, chunks (with their SHA-256 header, computed as it goes, as any client must)
and commit to the same endpoints, each on a fresh portal process and database, alternating
which goes first. Then resumes after a kill: a child process uploading a file is SIGKILLed
part-way, the upload is resumed, and the chunk requests the in-process stand-in saw are
counted: a resume may re-send at most one chunk per file.
Targets: upload / bare loop <= 1.3x; re-sent chunks per killed file <= 1.

`--sync N`: the sync path instead. N dossiers with two digitised documents each (noise scans,
encrypted in the attachment store) are drained by sync passes (records, then the files read
back from the store and uploaded, then the record updates with the lists) ÷ the bare loop
uploading the same PDFs. Target: drain / bare loop <= SYNC_RATIO_TARGET.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
from common import print_json, print_table
from portal_process import ROOT, PortalProcess

from counter_app.portal.client import PortalClient
from counter_app.portal.config import PortalConfig
from counter_app.portal.uploads import BytesSource, FileSource, upload
from counter_app.portal_sim import PortalServer

BARE_RATIO_TARGET = 1.3
SYNC_RATIO_TARGET = 2.0
RESENT_TARGET = 1
MB = 1024 * 1024
CHUNK = MB
CODE = "000.00.01.H22-260715-1001"
# the child that tests/sync kill as well: uploads one file, prints its progress as JSON lines
CHILD = ROOT / "tests" / "sync" / "upload_child.py"


def files(total_mb: int, file_mb: int) -> list[bytes]:
    return [os.urandom(file_mb * MB) for _ in range(total_mb // file_mb)]


def with_client(url: str, blobs: list[bytes]) -> float:
    started = time.perf_counter()
    with PortalClient(PortalConfig(url, "counter", "secret")) as client:
        for index, blob in enumerate(blobs):
            source = BytesSource(CODE, "TepDinhKem", "Bản chụp", f"tep-{index}.pdf", blob)
            upload(client, source, chunk_size=CHUNK)
    return time.perf_counter() - started


def bare_loop(url: str, blobs: list[bytes]) -> float:
    started = time.perf_counter()
    with requests.Session() as session:
        session.trust_env = False
        token = session.post(url + "/api/login", json={"username": "counter", "password": "secret"})
        auth = {"Authorization": "Bearer " + token.json()["token"]}
        for index, blob in enumerate(blobs):
            digest = hashlib.sha256(blob).hexdigest()
            start = {
                "MaHoSo": CODE,
                "NhomTep": "TepDinhKem",
                "TenGiayTo": "Bản chụp",
                "TenTep": f"tep-{index}.pdf",
                "KichThuoc": len(blob),
                "sha256": digest,
            }
            upload_id = session.post(url + "/api/BatDauTaiTep", json=start, headers=auth).json()[
                "upload_id"
            ]
            for offset in range(0, len(blob), CHUNK):
                chunk = blob[offset : offset + CHUNK]
                headers = {
                    **auth,
                    "Content-Type": "application/octet-stream",
                    "Upload-Id": upload_id,
                    "Upload-Offset": str(offset),
                    "Upload-Chunk-Sha256": hashlib.sha256(chunk).hexdigest(),
                }
                answer = session.post(url + "/api/TaiPhanTep", data=chunk, headers=headers)
                assert answer.json()["status"] == "ok", answer.text
            commit = {"upload_id": upload_id, "KichThuoc": len(blob), "sha256": digest}
            session.post(url + "/api/HoanTatTaiTep", json=commit, headers=auth).raise_for_status()
    return time.perf_counter() - started


def timed(work: Path, name: str, run, blobs: list[bytes]) -> float:
    folder = work / name
    folder.mkdir()
    with PortalProcess(folder / "portal.sqlite3") as portal:
        return run(portal.url, blobs)


def killed_and_resumed(work: Path, kills: int, file_mb: int) -> list[int]:
    """Chunks sent again per file, each upload killed at a random point and resumed."""
    resent = []
    rng = random.Random(16)
    folder = work / "kills"
    folder.mkdir()
    with PortalServer(folder / "portal.sqlite3", users={"counter": "secret"}) as server:
        for index in range(kills):
            path = folder / f"tep-{index}.pdf"
            path.write_bytes(os.urandom(file_mb * MB))
            chunks = -(-path.stat().st_size // CHUNK)
            before = sum(1 for e in server.request_log() if e["path"] == "/api/TaiPhanTep")
            child = subprocess.Popen(
                [
                    sys.executable,
                    str(CHILD),
                    server.url,
                    "counter",
                    "secret",
                    str(path),
                    str(CHUNK),
                ],
                stdout=subprocess.PIPE,
                text=True,
                env={**os.environ, "NO_PROXY": "127.0.0.1"},
            )
            assert child.stdout is not None
            stop_at = rng.randint(10, 90)
            for line in child.stdout:
                if json.loads(line).get("percent", 100) >= stop_at:
                    break
            time.sleep(rng.uniform(0, 0.02))  # somewhere inside the next chunk
            child.send_signal(signal.SIGKILL)
            child.wait(10)
            with PortalClient(PortalConfig(server.url, "counter", "secret")) as client:
                source = FileSource.of(path, dossier_code=CODE, group="TepDinhKem", item="Bản chụp")
                ref = upload(client, source, chunk_size=CHUNK)
            assert server.uploaded_file(ref) == path.read_bytes()
            time.sleep(0.05)  # let the killed request's handler log itself
            sent = sum(1 for e in server.request_log() if e["path"] == "/api/TaiPhanTep") - before
            resent.append(sent - chunks)
    return resent


def noise_document(service, seed: int, pages: int):
    import io

    from PIL import Image

    draft = service.attachments.new_document()
    for page in range(pages):
        noise = random.Random(seed * 100 + page).randbytes(900 * 1200)
        buffer = io.BytesIO()
        Image.frombytes("L", (900, 1200), noise).save(buffer, "PNG")
        draft.add_file(f"{seed}-{page}.png", buffer.getvalue())
    return draft


def sync_drain(work: Path, dossiers: int, pages: int) -> dict:
    """Sync passes until every record, file and list is on the portal, vs the bare loop."""
    from common import configured_service

    from counter_app.sync.engine import sync_pass

    service = configured_service(work / "sync-counter")
    ids = []
    for n in range(dossiers):
        code = service.intake.receive(
            {
                "procedure_code": "1.004873",
                "applicant": {
                    "full_name": f"Nguyễn Thị Bench {n}",
                    "id_number": f"00119{n:07d}",
                    "id_type": "cccd",
                    "birth_date": "1990-05-02",
                    "sex": "Nữ",
                    "phone": "0912345678",
                    "ward_code": 70,
                    "address": "Số 5 ngõ 12 phố Hàng Bạc",
                },
                "officer": "an.nv",
            }
        ).dossier["code"]
        for kind in ("submitted", "result"):
            row = service.attachments.attach(
                code, noise_document(service, len(ids), pages), by="an.nv", kind=kind
            )
            ids.append(row["id"])
    blobs = [service.attachments.open(i) for i in ids]
    passes = 0
    with PortalProcess(work / "sync-portal.sqlite3") as portal:
        client = PortalClient(PortalConfig(portal.url, "counter", "secret"))
        started = time.perf_counter()
        while True:
            report = sync_pass(service, client)
            passes += 1
            assert report.error is None, report.error
            counts = service.attachments.upload_counts()
            queued = service.store.read().execute(
                "SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')"
            )
            if counts["pending"] + counts["uploading"] == 0 and queued.fetchone()[0] == 0:
                break
        drain_s = time.perf_counter() - started
        client.close()
    service.close()
    bare_s = timed(work, "sync-bare", bare_loop, blobs)
    total = sum(len(b) for b in blobs)
    return {
        "dossiers": dossiers,
        "files": len(blobs),
        "megabytes": round(total / MB, 1),
        "passes": passes,
        "drain_seconds": round(drain_s, 3),
        "drain_mb_per_second": round(total / MB / drain_s, 1),
        "bare_loop_seconds": round(bare_s, 3),
        "ratio_to_bare_loop": round(drain_s / bare_s, 2),
    }


def main_sync(dossiers: int, pages: int) -> None:
    os.environ["NO_PROXY"] = "127.0.0.1"
    work = Path(tempfile.mkdtemp(prefix="bench-upload-sync-"))
    try:
        figures = sync_drain(work, dossiers, pages)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ratio = figures["ratio_to_bare_loop"]
    print_table(
        "bench_upload --sync",
        [
            (
                "attachments",
                f"{figures['dossiers']} dossiers, {figures['files']} files, "
                f"{figures['megabytes']} MB",
            ),
            (
                "sync drain",
                f"{figures['drain_seconds']:.2f} s in {figures['passes']} passes, "
                f"{figures['drain_mb_per_second']} MB/s (records, files, lists)",
            ),
            ("bare requests loop", f"{figures['bare_loop_seconds']:.2f} s (the files only)"),
            (
                "drain / bare loop",
                f"{ratio:.2f}x (target <= {SYNC_RATIO_TARGET}"
                + ("" if ratio <= SYNC_RATIO_TARGET else ", MISSED")
                + ")",
            ),
        ],
    )
    print_json(figures)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sync", type=int, metavar="N", help="the sync path: N dossiers")
    parser.add_argument("--pages", type=int, default=4, help="pages per document (--sync)")
    parser.add_argument("--megabytes", type=int, default=100)
    parser.add_argument("--file-megabytes", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--kills", type=int, default=5)
    args = parser.parse_args()
    if args.sync:
        main_sync(args.sync, args.pages)
        return
    os.environ["NO_PROXY"] = "127.0.0.1"
    blobs = files(args.megabytes, args.file_megabytes)
    total = sum(len(b) for b in blobs)
    work = Path(tempfile.mkdtemp(prefix="bench-upload-"))
    try:
        clients, bares = [], []
        for round_ in range(args.rounds):
            order = [("client", with_client), ("bare", bare_loop)]
            if round_ % 2:
                order.reverse()
            for name, run in order:
                seconds = timed(work, f"{name}-{round_}", run, blobs)
                (clients if name == "client" else bares).append(seconds)
        resent = killed_and_resumed(work, args.kills, args.file_megabytes)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    client_s, bare_s = min(clients), min(bares)
    ratio = client_s / bare_s
    pair = sorted(c / b for c, b in zip(clients, bares, strict=True))
    figures = {
        "megabytes": round(total / MB, 1),
        "files": len(blobs),
        "chunk_bytes": CHUNK,
        "upload_seconds": round(client_s, 3),
        "upload_mb_per_second": round(total / MB / client_s, 1),
        "bare_loop_seconds": round(bare_s, 3),
        "bare_loop_mb_per_second": round(total / MB / bare_s, 1),
        "ratio_to_bare_loop": round(ratio, 2),
        "ratio_per_round_median": round(pair[len(pair) // 2], 2),
        "rounds": args.rounds,
        "killed_uploads": len(resent),
        "resent_chunks_per_file": resent,
        "resent_chunks_max": max(resent) if resent else 0,
    }
    print_table(
        "bench_upload",
        [
            (
                "attachments",
                f"{total / MB:.0f} MB in {len(blobs)} files, {CHUNK // 1024} KB chunks",
            ),
            ("upload()", f"{client_s:.2f} s, {figures['upload_mb_per_second']} MB/s (best)"),
            ("bare requests loop", f"{bare_s:.2f} s, {figures['bare_loop_mb_per_second']} MB/s"),
            (
                "upload / bare loop",
                f"{ratio:.2f}x (target <= {BARE_RATIO_TARGET}"
                + ("" if ratio <= BARE_RATIO_TARGET else ", MISSED")
                + f"), median of the rounds' ratios {figures['ratio_per_round_median']}x",
            ),
            (
                "re-sent chunks after a kill",
                f"{resent} per file (target <= {RESENT_TARGET}"
                + ("" if figures["resent_chunks_max"] <= RESENT_TARGET else ", MISSED")
                + ")",
            ),
        ],
    )
    print_json(figures)


if __name__ == "__main__":
    main()
