"""Sync against the stand-in portal as a real HTTP server on 127.0.0.1, with faults."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import configure, intake, open_app_db
from conftest import signed_main as cli_main
from portal_fixtures import PORTAL_PASSWORD, PORTAL_USER

from counter_app.ops import secrets_store
from counter_app.portal.client import PortalClient
from counter_app.portal.config import PortalConfig
from counter_app.portal.mapping import dossier_record
from counter_app.portal_sim import PortalServer
from counter_app.services import CounterService
from counter_app.sync.conflicts import resolve_conflict
from counter_app.sync.engine import SyncEngine, SyncStatus, backoff_delay, sync_pass
from counter_app.sync.pull import pull_changes
from counter_app.sync.push import retry_rejected
from counter_app.sync.status import PassReport

SEED = Path(__file__).resolve().parents[2] / "resources" / "catalogue.json"


@pytest.fixture
def portal(make_portal_server: Callable[..., PortalServer]) -> PortalServer:
    return make_portal_server(catalogue_path=SEED)


def counter(folder: Path, portal: PortalServer, number: int = 1) -> CounterService:
    service = configure(CounterService.open(folder), counter=number)
    service.settings.update({"portal_url": portal.url, "portal_user": PORTAL_USER}, actor="test")
    secrets_store.set_portal_password(folder, PORTAL_USER, PORTAL_PASSWORD)
    return service


def client_for(portal: PortalServer) -> PortalClient:
    return PortalClient(
        PortalConfig(portal.url, PORTAL_USER, PORTAL_PASSWORD, connect_timeout=1, read_timeout=2)
    )


def drain_until_done(service: CounterService, client: PortalClient, passes: int = 20) -> None:
    for _ in range(passes):
        report = sync_pass(service, client)
        if report.error is None and not _unsynced(service):
            return
        if report.error is not None:
            time.sleep(0.1)  # a refused port reopens after a moment; the engine backs off too
    raise AssertionError(f"still unsynced after {passes} passes: {_unsynced(service)}")


def _unsynced(service: CounterService) -> int:
    return (
        service.store.conn()
        .execute("SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending', 'rejected')")
        .fetchone()[0]
    )


def assert_portal_equals_local(service: CounterService, portal: PortalServer) -> None:
    codes = [r[0] for r in service.store.conn().execute("SELECT code FROM dossiers")]
    assert portal.dossier_count() == len(codes)
    unit = service.settings.get("unit_code")
    for code in codes:
        local = dossier_record(service.dossiers.get(code), unit)
        remote = portal.dossier(code)
        assert remote is not None, code
        for key in ("Uuid", "ChuHoSo", "MaTTHC", "NgayTiepNhan", "NgayHenTra", "TrangThaiHoSo"):
            assert remote[key] == local[key], (code, key)


def test_push_then_status_changes(tmp_path: Path, portal: PortalServer) -> None:
    service = counter(tmp_path / "c1", portal)
    codes = [service.intake.receive(intake()).dossier["code"] for _ in range(3)]
    service.dossiers.change_status(codes[0], 4, by="an.nv")
    service.dossiers.change_status(codes[0], 9, by="an.nv")
    with client_for(portal) as client:
        report = sync_pass(service, client)
    assert report.error is None and report.rejected == 0
    assert_portal_equals_local(service, portal)
    assert portal.dossier(codes[0])["TrangThaiHoSo"] == 9
    assert {r["sync_state"] for r in service.search.dossiers("")} == {"synced"}
    service.close()


@pytest.mark.parametrize(
    ("kind", "params"),
    [
        ("refuse", {"seconds": 0.3}),
        ("http500", {}),
        ("http429", {"retry_after": 0.1}),
        ("slow", {"seconds": 3.0}),  # longer than the client's read timeout
        ("drop_after_commit", {}),
        ("malformed_json", {}),
        ("expire_token", {}),
    ],
)
def test_each_fault_ends_exactly_once(
    tmp_path: Path, portal: PortalServer, kind: str, params: dict
) -> None:
    service = counter(tmp_path / "c1", portal)
    codes = [service.intake.receive(intake()).dossier["code"] for _ in range(4)]
    service.dossiers.change_status(codes[1], 4, by="an.nv")
    portal.faults.add(kind, times=2, path="/api/DongBoHoSoMC", **params)
    portal.faults.add(kind, times=1, path="/api/CapNhatTienDoHoSoMC", **params)
    with client_for(portal) as client:
        drain_until_done(service, client)
    assert_portal_equals_local(service, portal)
    assert portal.dossier(codes[1])["TrangThaiHoSo"] == 4
    service.close()


def test_rejected_record_does_not_block_others_and_can_be_retried(
    tmp_path: Path, portal: PortalServer
) -> None:
    service = counter(tmp_path / "c1", portal)
    good = [service.intake.receive(intake()).dossier["code"] for _ in range(2)]
    bad = service.intake.receive(intake(procedure_code="1.001699")).dossier["code"]
    good.append(service.intake.receive(intake()).dossier["code"])
    service.dossiers.change_status(bad, 4, by="an.nv")  # waits behind the rejected create
    catalogue = json.loads(SEED.read_text(encoding="utf-8"))
    catalogue["procedures"] = [p for p in catalogue["procedures"] if p["code"] != "1.001699"]
    catalogue["version"] = "portal-2"
    portal.set_catalogue(catalogue)
    with client_for(portal) as client:
        report = sync_pass(service, client, pull=False)
        assert report.rejected == 1 and report.sent == 3
        assert "1.001699" in report.rejected_messages[0][1]
        assert all(portal.dossier(code) for code in good)
        assert portal.dossier(bad) is None
        row = service.search.dossiers(bad)[0]
        assert row["sync_state"] == "rejected" and "1.001699" in row["sync_message"]
        # The portal's catalogue is fixed; a person retries.
        catalogue["procedures"] = json.loads(SEED.read_text(encoding="utf-8"))["procedures"]
        catalogue["version"] = "portal-3"
        portal.set_catalogue(catalogue)
        assert retry_rejected(service, bad, actor="an.nv") == 1
        drain_until_done(service, client)
    assert portal.dossier(bad)["TrangThaiHoSo"] == 4
    assert_portal_equals_local(service, portal)
    service.close()


def test_pull_online_dossiers_status_changes_and_conflicts(
    tmp_path: Path, portal: PortalServer
) -> None:
    service = counter(tmp_path / "c1", portal)
    unit = service.settings.get("unit_code")
    codes = [service.intake.receive(intake()).dossier["code"] for _ in range(2)]
    with client_for(portal) as client:
        drain_until_done(service, client)
        online = json.loads(json.dumps(dossier_record(service.dossiers.get(codes[0]), unit)))
        for key in ("MaHoSo", "Uuid"):
            online.pop(key)
        online["ChuHoSo"] = "Võ Thị Sáu"
        submitted = portal.submit_online(unit, online)
        portal.backoffice_set_status(codes[0], 4)  # back office starts processing
        service.dossiers.change_status(codes[1], 4, by="an.nv")  # local change, not sent yet...
        portal.backoffice_set_status(codes[1], 8)  # ...while the portal stops it
        report = PassReport()
        pull_changes(service, client, report)
    assert report.online_received == 1 and report.conflicts == 1
    fetched = service.dossiers.get(submitted["MaHoSo"])
    assert fetched["status"] == 1 and fetched["applicant"]["full_name"] == "Võ Thị Sáu"
    assert service.search.dossiers("vo thi sau")[0]["code"] == submitted["MaHoSo"]
    assert service.dossiers.get(codes[0])["status"] == 4
    assert service.dossiers.get(codes[0])["events"][-1]["by"] == "portal"
    clash = service.dossiers.get(codes[1])
    assert clash["status"] == 4  # local change kept, not overwritten
    assert clash["sync_state"] == "conflict" and "8" in clash["sync_message"]
    # the online dossier is received at the counter like any other
    received = service.dossiers.change_status(submitted["MaHoSo"], 2, by="an.nv")
    assert received["status"] == 2
    # the cursor is durable: a second pull brings nothing again
    with client_for(portal) as client:
        again = PassReport()
        pull_changes(service, client, again)
    assert again.pulled_changes == 0
    service.close()


def test_catalogue_and_holidays_pulled(tmp_path: Path, portal: PortalServer) -> None:
    service = counter(tmp_path / "c1", portal)
    catalogue = json.loads(SEED.read_text(encoding="utf-8"))
    catalogue["version"] = "portal-7"
    catalogue["procedures"][3]["processing_time"] = 7
    portal.set_catalogue(catalogue)
    portal.set_holiday_overrides([{"date": "2026-07-17", "working": False, "note": "Nghỉ"}])
    with client_for(portal) as client:
        report = sync_pass(service, client)
    assert report.catalogue_version == "portal-7"
    assert service.catalogue.procedure("1.004873")["processing_time"] == 7
    assert [r for r in service.calendar.holiday_overrides() if r["source"] != "seed"][0][
        "day"
    ] == "2026-07-17"
    assert not service.calendar.work_calendar().is_working_day(
        __import__("datetime").date(2026, 7, 17)
    )
    service.close()


def test_clock_skew_is_reported(tmp_path: Path, make_portal_server) -> None:
    portal = make_portal_server(catalogue_path=SEED, clock_offset=600)
    service = counter(tmp_path / "c1", portal)
    with client_for(portal) as client:
        report = sync_pass(service, client)
    assert report.clock_skew_seconds is not None and report.clock_skew_seconds > 500
    service.close()


def test_long_outage_then_5000_drained_in_few_requests(
    tmp_path: Path, portal: PortalServer
) -> None:
    service = counter(tmp_path / "c1", portal)
    portal.pause_listening(None)
    for i in range(5000):
        # spread over days: a counter issues at most 999 codes a day
        service.intake.receive(intake(received_at=f"2026-07-{1 + i // 900:02d} 09:00"))
    with client_for(portal) as client:
        down = sync_pass(service, client)
        assert down.unreachable and _unsynced(service) == 5000
        portal.resume_listening()
        before = len(portal.request_log())
        drain_until_done(service, client)
    posts = [r for r in portal.request_log()[before:] if r["path"] == "/api/DongBoHoSoMC"]
    assert len(posts) <= 0.02 * 5000
    assert portal.dossier_count() == 5000
    service.close()


def test_three_counters_sync_at_once(tmp_path: Path, portal: PortalServer) -> None:
    services = [counter(tmp_path / f"c{n}", portal, number=n) for n in (1, 2, 3)]
    for service in services:
        for _ in range(40):
            service.intake.receive(intake())

    def run(service: CounterService) -> None:
        with client_for(portal) as client:
            drain_until_done(service, client)
        service.store.close_thread_connection()

    threads = [threading.Thread(target=run, args=(s,)) for s in services]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert portal.dossier_count() == 120
    for service in services:
        codes = {r["code"] for r in service.search.dossiers("", limit=100)}
        assert all(portal.dossier(code) for code in codes)
        service.close()


KILL_SCRIPT = r"""
import sys
from pathlib import Path
from counter_app.services import CounterService
from counter_app.sync.engine import sync_pass
from counter_app.portal.client import PortalClient
from counter_app.portal.config import PortalConfig
service = CounterService.open(Path(sys.argv[1]))
client = PortalClient(PortalConfig(sys.argv[2], sys.argv[3], sys.argv[4], read_timeout=30))
print("start", flush=True)
sync_pass(service, client)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_sync_process_killed_mid_batch(tmp_path: Path, portal: PortalServer) -> None:
    folder = tmp_path / "c1"
    service = counter(folder, portal)
    for _ in range(30):
        service.intake.receive(intake())
    service.close()
    portal.faults.add("slow", times=1, path="/api/DongBoHoSoMC", seconds=2.0)
    child = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(folder), portal.url, PORTAL_USER, PORTAL_PASSWORD],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "start"
    deadline = time.monotonic() + 20
    watcher = open_app_db(folder / "counter.db", timeout=10)
    while (
        time.monotonic() < deadline
        and not watcher.execute("SELECT count(*) FROM outbox WHERE state = 'sending'").fetchone()[0]
    ):
        time.sleep(0.02)
    watcher.close()
    time.sleep(0.3)  # the request is at the (slow) portal now
    os.kill(child.pid, signal.SIGKILL)  # the portal will do the work; the answer never arrives
    child.wait()
    service = CounterService.open(folder)
    sending = (
        service.store.conn()
        .execute("SELECT count(*) FROM outbox WHERE state = 'sending'")
        .fetchone()[0]
    )
    assert sending == 30  # marked in flight before sending, never marked synced
    with client_for(portal) as client:
        drain_until_done(service, client)
    assert_portal_equals_local(service, portal)
    service.close()


def test_engine_follows_portal_down_and_up(tmp_path: Path, portal: PortalServer) -> None:
    service = counter(tmp_path / "c1", portal)
    statuses: list[SyncStatus] = []
    seen = threading.Condition()

    def on_status(status: SyncStatus) -> None:
        with seen:
            statuses.append(status)
            seen.notify_all()

    def wait_for(predicate: Callable[[SyncStatus], bool]) -> SyncStatus:
        with seen:
            assert seen.wait_for(lambda: statuses and predicate(statuses[-1]), timeout=20), (
                statuses[-3:]
            )
            return statuses[-1]

    engine = SyncEngine(
        service,
        password_provider=lambda: secrets_store.get_portal_password(tmp_path / "c1", PORTAL_USER),
        interval=0.2,
        on_status=on_status,
        client_factory=lambda config: PortalClient(
            PortalConfig(
                config.base_url, config.username, config.password, connect_timeout=1, read_timeout=2
            )
        ),
    )
    engine.start()
    try:
        service_code = None
        wait_for(lambda s: s.state == "synced")
        portal.pause_listening(None)
        down = wait_for(lambda s: s.state == "offline")
        assert "kết nối" in down.message.lower() or down.message
        portal.resume_listening()
        engine.sync_now()
        wait_for(lambda s: s.state == "synced")
        service_code = service.intake.receive(intake()).dossier["code"]
        engine.sync_now()
        wait_for(lambda s: s.state == "synced" and s.pending == 0 and s.last_success is not None)
        deadline = time.monotonic() + 10
        while portal.dossier(service_code) is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert portal.dossier(service_code) is not None
    finally:
        engine.stop()
    service.close()


def test_backoff_has_full_jitter_and_a_cap() -> None:
    import random

    rng = random.Random(1)
    delays = [backoff_delay(n, rng) for n in range(1, 30)]
    assert all(0 <= d <= 300 for d in delays)
    assert (
        max(backoff_delay(30, random.Random(s)) for s in range(50)) > 150
    )  # capped, not stuck low
    assert len({round(d, 3) for d in delays}) > 20  # jittered


def test_cli_sync_exit_codes_and_status(
    tmp_path: Path, portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "c1"
    service = counter(folder, portal)
    service.intake.receive(intake())
    bad = service.intake.receive(intake(procedure_code="1.001699")).dossier["code"]
    service.close()
    catalogue = json.loads(SEED.read_text(encoding="utf-8"))
    catalogue["procedures"] = [p for p in catalogue["procedures"] if p["code"] != "1.001699"]
    catalogue["version"] = "portal-2"
    portal.set_catalogue(catalogue)
    args = ["--data-dir", str(folder), "sync"]
    assert cli_main(args) == 3
    out = capsys.readouterr().out
    assert "Bị từ chối: 1" in out and bad in out
    assert cli_main([*args, "--status", "--format", "json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["rejected"][0]["code"] == bad
    assert cli_main([*args, "--retry", bad]) == 0
    portal.pause_listening(None)
    assert cli_main(args) == 4
    assert "Lỗi" in capsys.readouterr().out
    portal.resume_listening()


@pytest.mark.parametrize("keep", ["local", "portal"])
def test_conflict_holds_push_until_a_person_resolves(
    tmp_path: Path, portal: PortalServer, keep: str
) -> None:
    service = counter(tmp_path / "c1", portal)
    code = service.intake.receive(intake()).dossier["code"]
    with client_for(portal) as client:
        drain_until_done(service, client)
        service.dossiers.change_status(code, 4, by="an.nv")
        portal.backoffice_set_status(code, 8)
        report = sync_pass(service, client)
        assert report.conflicts == 1
        assert portal.dossier(code)["TrangThaiHoSo"] == 8  # the push was held, nothing overwritten
        assert service.dossiers.get(code)["status"] == 4
        resolve_conflict(service, code, keep=keep, actor="an.nv")
        drain_until_done(service, client)
    expected = 4 if keep == "local" else 8
    assert service.dossiers.get(code)["status"] == expected
    assert portal.dossier(code)["TrangThaiHoSo"] == expected
    assert service.dossiers.get(code)["sync_state"] == "synced"
    service.close()


def test_setup_cli_stores_portal_settings_and_password(
    tmp_path: Path, portal: PortalServer
) -> None:
    folder = tmp_path / "c1"
    assert (
        cli_main(
            [
                "--data-dir",
                str(folder),
                "setup",
                "--admin-name",
                "Nguyễn Văn An",
                "--unit-code",
                "000.00.01.H22",
                "--ward-code",
                "70",
                "--counter",
                "1",
                "--centre-name",
                "Trung tâm",
                "--portal-url",
                portal.url,
                "--portal-user",
                PORTAL_USER,
                "--password-stdin",
            ],
            stdin=PORTAL_PASSWORD + "\n",  # after the first admin's password
        )
        == 0
    )
    assert secrets_store.get_portal_password(folder, PORTAL_USER) == PORTAL_PASSWORD
    service = CounterService.open(folder)
    assert service.settings.get("portal_url") == portal.url
    assert PORTAL_PASSWORD not in json.dumps(service.settings.all(), ensure_ascii=False)
    audit_rows = service.store.conn().execute("SELECT detail FROM audit_log").fetchall()
    assert all(PORTAL_PASSWORD not in row[0] for row in audit_rows)
    service.close()
    assert cli_main(["--data-dir", str(folder), "sync"]) == 0  # nothing queued, portal reachable
