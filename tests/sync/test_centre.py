"""Issue 14: one centre, many counters. Three counter processes (the `counter-app` CLI, each
its own data folder and portal credentials) and the stand-in portal, all on 127.0.0.1."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CLI_CHILD, UNIT, configure, intake, signed_in

from counter_app.cli import main as cli_main
from counter_app.ops import secrets_store
from counter_app.portal.client import PortalClient
from counter_app.portal.config import PortalConfig
from counter_app.portal.mapping import dossier_record, portal_date
from counter_app.portal_sim import PortalServer
from counter_app.services import CounterService
from counter_app.sync import pull
from counter_app.sync.engine import sync_pass

SEED = Path(__file__).resolve().parents[2] / "resources" / "catalogue.json"
USERS = {f"quay{n}": f"mật-khẩu-{n}" for n in (1, 2, 3)}
EXIT_UNREACHABLE = 4


@pytest.fixture(autouse=True)
def file_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    """The counter processes read the password this test stores: the same file store."""
    monkeypatch.setenv(secrets_store.SECRETS_ENV, "file")


@pytest.fixture
def portal(make_portal_server: Callable[..., PortalServer]) -> PortalServer:
    return make_portal_server(catalogue_path=SEED, users=USERS)


def set_up_counter(folder: Path, portal: PortalServer, number: int) -> Path:
    service = configure(CounterService.open(folder), counter=number)
    user = f"quay{number}"
    service.settings.update({"portal_url": portal.url, "portal_user": user}, actor="test")
    secrets_store.set_portal_password(folder, user, USERS[user])
    service.close()
    return folder


def run(
    folder: Path, *args: str, stdin: str = "", user: str = "an.nv"
) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    argv, stdin = signed_in(args, stdin, user=user)
    return subprocess.run(
        [*CLI_CHILD, "--data-dir", str(folder), *argv],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def start(folder: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    argv, stdin = signed_in(args)
    process = subprocess.Popen(
        [*CLI_CHILD, "--data-dir", str(folder), *argv],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdin is not None
    process.stdin.write(stdin)  # the sign-in password
    process.stdin.close()
    process.stdin = None  # communicate() must not touch the closed pipe
    return process


def receive(folder: Path, **overrides: object) -> str:
    done = run(folder, "receive", "--json", "-", stdin=json.dumps(intake(**overrides)))
    assert done.returncode == 0, done.stderr
    return done.stdout.split()[0]


def status(folder: Path, code: str, new: int, *extra: str) -> None:
    done = run(folder, "status", code, str(new), "--by", "binh.tt", *extra, user="binh.tt")
    assert done.returncode == 0, done.stdout + done.stderr


def sync(folder: Path, expected: int = 0) -> dict:
    done = run(folder, "sync", "--format", "json")
    assert done.returncode == expected, done.stdout + done.stderr
    return json.loads(done.stdout)


def register(folder: Path) -> dict[str, tuple]:
    """The counter's register as the portal sees it: code -> (status, appointment, returned)."""
    service = CounterService.open(folder)
    try:
        rows = service.store.conn().execute("SELECT code FROM dossiers").fetchall()
        out = {}
        for (code,) in rows:
            record = dossier_record(service.dossiers.get(code), UNIT)
            out[code] = (record["TrangThaiHoSo"], record["NgayHenTra"], record["NgayTra"])
        return out
    finally:
        service.close()


def portal_register(portal: PortalServer) -> dict[str, tuple]:
    out = {}
    for code in portal.dossier_codes(UNIT):
        remote = portal.dossier(code)
        out[code] = (remote["TrangThaiHoSo"], remote["NgayHenTra"], remote["NgayTra"])
    return out


def local(folder: Path, code: str) -> dict:
    service = CounterService.open(folder)
    try:
        return service.dossiers.get(code)
    finally:
        service.close()


def unsent_entries(folder: Path, code: str) -> int:
    service = CounterService.open(folder)
    try:
        return (
            service.store.read()
            .execute(
                "SELECT count(*) FROM outbox o JOIN dossiers d ON d.id = o.dossier_id "
                "WHERE d.code = ? AND o.state IN ('pending', 'sending')",
                (code,),
            )
            .fetchone()[0]
        )
    finally:
        service.close()


def test_three_counters_share_the_centre_register(tmp_path: Path, portal: PortalServer) -> None:
    c1, c2, c3 = (set_up_counter(tmp_path / f"c{n}", portal, n) for n in (1, 2, 3))
    first = {folder: receive(folder) for folder in (c1, c2, c3)}
    assert [code[-4] for code in first.values()] == ["1", "2", "3"]  # DESIGN §4 partition
    for folder in (c1, c2, c3, c1, c2):
        sync(folder)
    # every counter holds every dossier of the centre, with the counter it came from
    for folder in (c1, c2, c3):
        assert set(register(folder)) == set(first.values())
    assert local(c3, first[c1])["received_counter"] == 1

    # statuses advanced at counters other than the receiving one, handed back at a third
    status(c2, first[c1], 4)
    sync(c2)
    sync(c3)
    status(c3, first[c1], 9)
    sync(c3)
    sync(c1)
    status(c1, first[c1], 10, "--collected-by", "Nguyễn Thị Minh Khai")
    status(c1, first[c2], 4)
    sync(c1)
    for folder in (c2, c3):
        sync(folder)
    assert portal.dossier(first[c1])["TrangThaiHoSo"] == 10
    assert portal.dossier(first[c1])["NgayTra"]
    for folder in (c1, c2, c3):
        assert local(folder, first[c1])["status"] == 10
        assert local(folder, first[c2])["status"] == 4
    assert local(c2, first[c1])["returned_at"] is not None

    # counter 3 is cut off (the portal refuses its credentials) while the others work
    cut = portal.faults.add("refuse", times=None, user="quay3")
    offline = [receive(c3, received_at="2026-07-15 14:00") for _ in range(2)]
    status(c3, first[c3], 4)
    sync(c3, expected=EXIT_UNREACHABLE)
    status(c2, first[c2], 9)
    more = receive(c1, received_at="2026-07-15 14:10")
    for folder in (c1, c2):
        sync(folder)
    portal.faults.remove(cut)  # healed
    for folder in (c3, c1, c2, c3):
        sync(folder)
    expected = portal_register(portal)
    assert set(expected) == set(first.values()) | set(offline) | {more}
    for folder in (c1, c2, c3):
        assert register(folder) == expected, folder.name  # nothing lost, nothing duplicated
    assert expected[first[c3]][0] == 4 and expected[first[c2]][0] == 9


def test_an_online_dossier_is_taken_once(tmp_path: Path, portal: PortalServer) -> None:
    c1, c2 = (set_up_counter(tmp_path / f"c{n}", portal, n) for n in (1, 2))
    service = CounterService.open(c1)
    template = dossier_record(
        service.intake.receive(intake()).dossier, UNIT
    )  # a valid record to submit online
    service.close()
    for key in ("MaHoSo", "Uuid"):
        template.pop(key)
    online = portal.submit_online(UNIT, template)["MaHoSo"]
    for folder in (c1, c2):
        sync(folder)
        status(folder, online, 2)  # both take it, offline from each other
    racers = [start(folder, "sync", "--format", "json") for folder in (c1, c2)]
    for racer in racers:
        racer.communicate(timeout=120)
        assert racer.returncode == 0
    winner = portal.dossier(online)["QuayTiepNhan"]
    assert winner in (1, 2)
    loser = c2 if winner == 1 else c1
    lost = local(loser, online)
    assert lost["sync_state"] == "conflict"
    assert f"đã tiếp nhận tại quầy {winner}" in lost["sync_message"]
    # Which side notices first is a matter of timing: the loser's push (the portal refuses
    # the stale claim and flags it too) or the loser's pull (the winner's claim arrives
    # first, and the loser's change is held before it is ever sent). Never an overwrite.
    if portal.dossier(online)["conflict"] is None:
        assert unsent_entries(loser, online) > 0  # held locally, never reached the portal
    # the loser's officer follows the portal: the copy shows the winner's receipt
    done = run(loser, "sync", "--resolve", online, "--keep", "portal", "--by", "an.nv")
    assert done.returncode == 0, done.stderr
    sync(loser)
    followed = local(loser, online)
    assert followed["status"] == 2 and followed["received_counter"] == winner
    assert followed["sync_state"] == "synced"
    assert portal.dossier(online)["version"] == 2  # one claim: the update with its step


def test_a_stale_change_is_flagged_on_both_sides(tmp_path: Path, portal: PortalServer) -> None:
    c1, c2 = (set_up_counter(tmp_path / f"c{n}", portal, n) for n in (1, 2))
    code = receive(c1)
    sync(c1)
    sync(c2)
    status(c1, code, 4)
    sync(c1)
    version = portal.dossier(code)["version"]
    status(c2, code, 5, "--reason", "Thiếu bản sao giấy khai sinh")  # based on the old version
    report = sync(c2)
    assert report["conflicts"] == 1
    assert portal.dossier(code)["TrangThaiHoSo"] == 4  # never overwritten
    assert portal.dossier(code)["version"] == version
    assert portal.dossier(code)["conflict"]["MaQuay"] == 2
    clash = local(c2, code)
    assert clash["status"] == 5 and clash["sync_state"] == "conflict"
    status_json = json.loads(run(c2, "sync", "--status", "--format", "json").stdout)
    assert [c["code"] for c in status_json["conflicts"]] == [code]
    # the officer keeps the counter's change: sent again on the current version, accepted
    assert run(c2, "sync", "--resolve", code, "--keep", "local", "--by", "an.nv").returncode == 0
    sync(c2)
    assert portal.dossier(code)["TrangThaiHoSo"] == 5
    assert portal.dossier(code)["conflict"] is None
    sync(c1)
    assert local(c1, code)["status"] == 5


def test_a_counter_number_used_twice_in_a_unit_is_refused_at_setup(
    tmp_path: Path, portal: PortalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def setup(folder: Path, user: str, *first: str) -> int:
        argv, stdin = signed_in(["setup", *first], f"{USERS[user]}\n")
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        return cli_main(
            [
                "--data-dir",
                str(folder),
                *argv,
                "--unit-code",
                UNIT,
                "--ward-code",
                "70",
                "--counter",
                "2",
                "--centre-name",
                "Trung tâm",
                "--portal-url",
                portal.url,
                "--portal-user",
                user,
                "--password-stdin",
            ]
        )

    first_admin = ("--admin-name", "Nguyễn Văn An")
    assert setup(tmp_path / "a", "quay1", *first_admin) == 0
    assert setup(tmp_path / "a", "quay1") == 0  # the same PC again: fine
    assert setup(tmp_path / "b", "quay2", *first_admin) == 2  # counter 2 of the unit again
    service = CounterService.open(tmp_path / "b")
    assert not service.settings.is_configured()
    service.close()


def test_centre_copies_count_in_search_and_today(tmp_path: Path, portal: PortalServer) -> None:
    c1, c2 = (set_up_counter(tmp_path / f"c{n}", portal, n) for n in (1, 2))
    code = receive(c1, received_at=None)
    sync(c1)
    sync(c2)
    service = CounterService.open(c2)
    try:
        assert [r["code"] for r in service.search.dossiers("minh khai")] == [code]
        assert service.dossiers.today_counts()["received_today"] == 1
    finally:
        service.close()
    assert portal_date(local(c2, code)["received_at"]) == portal.dossier(code)["NgayTiepNhan"]


def client_for(portal: PortalServer, user: str) -> PortalClient:
    return PortalClient(PortalConfig(portal.url, user, USERS[user], read_timeout=10))


def in_process_counter(folder: Path, portal: PortalServer, number: int) -> CounterService:
    set_up_counter(folder, portal, number)
    return CounterService.open(folder)


def test_a_partition_heals_in_batches_resuming_after_interruption(
    tmp_path: Path, portal: PortalServer
) -> None:
    busy = in_process_counter(tmp_path / "c1", portal, 1)
    away = in_process_counter(tmp_path / "c2", portal, 2)
    with client_for(portal, "quay1") as client:
        codes = [busy.intake.receive(intake()).dossier["code"] for _ in range(300)]
        for code in codes:
            busy.dossiers.change_status(code, 4, by="an.nv")
        for code in codes[:150]:
            busy.dossiers.change_status(code, 9, by="an.nv")
        assert sync_pass(busy, client).error is None
    # 300 creates + 450 status changes, each one update carrying its progress step: 750 items
    portal.faults.add("http500", path="/api/LayThayDoi", user="quay2", skip=1)
    with client_for(portal, "quay2") as client:
        cut = sync_pass(away, client)
        assert cut.failures and cut.failures[0][0] == "pull"
        assert cut.pulled_changes == pull.CHANGES_PAGE  # the first page is kept
        assert away.dossiers.count() == 300  # the creates came first
        before = len(portal.request_log())
        healed = sync_pass(away, client)
        assert healed.error is None
        pages = [e for e in portal.request_log()[before:] if e["path"] == "/api/LayThayDoi"]
    assert len(pages) == 1  # resumed from the stored cursor: the rest in one page
    assert cut.pulled_changes + healed.pulled_changes == 750
    expected = portal_register(portal)
    away.close()
    busy.close()
    assert register(tmp_path / "c2") == expected == register(tmp_path / "c1")


def test_a_bad_centre_feed_item_is_quarantined_and_the_rest_applied(
    tmp_path: Path, portal: PortalServer
) -> None:
    busy = in_process_counter(tmp_path / "c1", portal, 1)
    other = in_process_counter(tmp_path / "c2", portal, 2)
    code = busy.intake.receive(intake()).dossier["code"]
    with client_for(portal, "quay1") as client:
        assert sync_pass(busy, client).error is None
    portal.publish_raw_change(
        UNIT,
        {"type": "dossier", "MaHoSo": code, "version": 9, "dossier": {"Uuid": "x", "MaHoSo": code}},
    )
    with client_for(portal, "quay2") as client:
        report = sync_pass(other, client)
    assert report.error is None and report.quarantined == 1 and report.centre_received == 1
    assert other.dossiers.get(code)["portal_version"] == 1  # the bad item changed nothing
    busy.close()
    other.close()


def test_the_collector_at_hand_back_reaches_every_counter(
    tmp_path: Path, portal: PortalServer
) -> None:
    first = in_process_counter(tmp_path / "c1", portal, 1)
    second = in_process_counter(tmp_path / "c2", portal, 2)
    code = first.intake.receive(intake()).dossier["code"]
    with client_for(portal, "quay1") as c1, client_for(portal, "quay2") as c2:
        assert sync_pass(first, c1).error is None
        assert sync_pass(second, c2).error is None  # a copy before the hand-back
        assert second.dossiers.get(code)["collected_by"] is None
        first.dossiers.change_status(code, 4, by="an.nv")
        first.dossiers.change_status(code, 9, by="an.nv")
        first.dossiers.change_status(code, 10, by="an.nv", collected_by="Lê Thị  Hoa ")
        assert sync_pass(first, c1).error is None
        assert sync_pass(second, c2).error is None
    assert portal.dossier(code)["NguoiNhanKetQua"] == "Lê Thị Hoa"
    copy = second.dossiers.get(code)
    assert copy["status"] == 10 and copy["collected_by"] == "Lê Thị Hoa"
    first.close()
    second.close()
    third = in_process_counter(tmp_path / "c3", portal, 3)  # a counter that never had it
    with client_for(portal, "quay3") as c3:
        assert sync_pass(third, c3).error is None
    assert third.dossiers.get(code)["collected_by"] == "Lê Thị Hoa"
    third.close()
