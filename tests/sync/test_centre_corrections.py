"""Issue 14: an officer's correction of a dossier's applicant details (DossierManager.update)
goes through the outbox with its base version, reaches the stand-in portal on 127.0.0.1,
comes back in the unit's feed and is applied to the other counters' copies; a stale one is a
conflict on both sides. Each counter is its own data folder and portal credentials."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import UNIT, configure, intake
from test_centre import SEED, USERS, client_for, in_process_counter

from counter_app.ops import secrets_store
from counter_app.portal.client import PortalClient
from counter_app.portal.config import PortalConfig
from counter_app.portal_sim import PortalServer
from counter_app.services import CounterService
from counter_app.sync.conflicts import resolve_conflict
from counter_app.sync.engine import sync_pass
from counter_app.sync.status import PassReport

CORRECTED = {
    "full_name": "Nguyễn Thị Minh Khai Hoà",
    "id_number": "001190054321",
    "id_type": "cccd",
    "birth_date": "1990-05-02",
    "sex": "Nữ",
    "phone": "0987654321",
    "email": "khai@example.vn",
    "ward_code": 70,
    "address": "Số 9 ngõ 3 phố Hàng Bạc",
}
APPLICANT_KEYS = (*CORRECTED, "province_code")
NEWCOMER = {"quay4": "mật-khẩu-4"}


@pytest.fixture(autouse=True)
def file_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(secrets_store.SECRETS_ENV, "file")


@pytest.fixture
def portal(make_portal_server: Callable[..., PortalServer]) -> PortalServer:
    return make_portal_server(catalogue_path=SEED, users={**USERS, **NEWCOMER})


@pytest.fixture
def counters(tmp_path: Path, portal: PortalServer) -> Iterator[list[CounterService]]:
    services = [in_process_counter(tmp_path / f"c{n}", portal, n) for n in (1, 2, 3)]
    yield services
    for service in services:
        service.close()


def sync(service: CounterService, portal: PortalServer) -> PassReport:
    number = service.settings.get("counter")
    with client_for(portal, f"quay{number}") as client:
        report = sync_pass(service, client)
    assert report.error is None, report.failures
    return report


def applicant(service: CounterService, code: str) -> dict:
    held = service.dossiers.get(code)["applicant"]
    return {key: held[key] for key in APPLICANT_KEYS}


def correct(service: CounterService, code: str, **changes: object) -> dict:
    details = {**applicant(service, code), **changes}
    dossier, _ = service.dossiers.update(
        code, by="an.nv", reason="Sửa theo CCCD", applicant=details
    )
    return dossier


def test_a_correction_reaches_every_counter_of_the_centre(
    tmp_path: Path, portal: PortalServer, counters: list[CounterService]
) -> None:
    c1, c2, c3 = counters
    code = c1.intake.receive(intake()).dossier["code"]
    for service in counters:
        sync(service, portal)
    assert applicant(c3, code)["address"] == "Số 5 ngõ 12 phố Hàng Bạc"  # carried at creation
    c2.dossiers.update(
        code, by="an.nv", reason="Sửa theo CCCD", applicant=CORRECTED, return_method="post"
    )
    sent = sync(c2, portal)
    assert sent.sent == 1 and sent.conflicts == 0
    remote = portal.dossier(code)
    assert remote["ChuHoSo"] == CORRECTED["full_name"]
    assert remote["DinhDanhCHS"][0]["SoDinhDanh"] == CORRECTED["id_number"]
    assert remote["DiaChiChuHoSo"] == CORRECTED["address"] and remote["HinhThuc"] == 2
    assert remote["version"] == 2
    for service in (c1, c3):
        report = sync(service, portal)
        assert report.centre_applied == 1
        copy = service.dossiers.get(code)
        assert applicant(service, code) == applicant(c2, code)
        assert copy["return_method"] == "post" and copy["portal_version"] == 2
        assert copy["sync_state"] == "synced"
        assert [r["code"] for r in service.search.dossiers("minh khai hoà")] == [code]
        assert [r["code"] for r in service.search.dossiers("0987654321")] == [code]
    assert sync(c2, portal).centre_applied == 0  # its own echo is skipped
    # the audit row names the fields, never the data
    detail = (
        c1.store.read()
        .execute(
            "SELECT detail FROM audit_log WHERE action = 'dossier.centre' ORDER BY id DESC LIMIT 1"
        )
        .fetchone()["detail"]
    )
    assert "applicant.full_name" in detail and "Hoà" not in detail
    # a counter that never had the dossier copies it corrected
    fourth = configure(CounterService.open(tmp_path / "c4"), counter=4)
    config = PortalConfig(portal.url, "quay4", NEWCOMER["quay4"], read_timeout=10)
    with PortalClient(config) as client:
        assert sync_pass(fourth, client).error is None
    assert applicant(fourth, code) == applicant(c2, code)
    fourth.close()


def test_a_stale_correction_is_a_conflict_on_both_sides(
    portal: PortalServer, counters: list[CounterService]
) -> None:
    c1, c2, _ = counters
    code = c1.intake.receive(intake()).dossier["code"]
    sync(c1, portal)
    sync(c2, portal)
    c1.dossiers.change_status(code, 4, by="an.nv")
    sync(c1, portal)  # the portal is at version 2; counter 2 still holds version 1
    correct(c2, code, phone="0987654321")
    report = sync(c2, portal)
    assert report.conflicts == 1 and report.sent == 0
    remote = portal.dossier(code)
    assert remote["SoDienThoai"] == "0912345678" and remote["version"] == 2  # never overwritten
    assert remote["conflict"]["MaQuay"] == 2
    clash = c2.dossiers.get(code)
    assert clash["sync_state"] == "conflict" and "phiên bản 2" in clash["sync_message"]
    assert clash["applicant"]["phone"] == "0987654321"  # the officer's correction is kept
    # the officer follows the portal: the copy takes the portal's record, status included
    resolve_conflict(c2, code, keep="portal", actor="an.nv")
    followed = c2.dossiers.get(code)
    assert followed["applicant"]["phone"] == "0912345678" and followed["status"] == 4
    assert followed["sync_state"] == "synced"
    # corrected again, now on the current version: accepted and passed on
    correct(c2, code, phone="0987654321")
    assert sync(c2, portal).sent == 1
    assert portal.dossier(code)["SoDienThoai"] == "0987654321"
    assert portal.dossier(code)["conflict"] is None
    sync(c1, portal)
    assert c1.dossiers.get(code)["applicant"]["phone"] == "0987654321"
    assert c1.dossiers.get(code)["status"] == 4


def test_two_counters_correcting_offline_at_once(
    portal: PortalServer, counters: list[CounterService]
) -> None:
    c1, c2, c3 = counters
    code = c1.intake.receive(intake()).dossier["code"]
    for service in counters:
        sync(service, portal)
    correct(c1, code, phone="0911111111")
    correct(c2, code, phone="0922222222", address="Thôn Đông")
    assert sync(c1, portal).sent == 1  # first to reach the portal wins
    lost = sync(c2, portal)
    assert lost.conflicts == 1
    assert portal.dossier(code)["SoDienThoai"] == "0911111111"
    assert c2.dossiers.get(code)["applicant"]["phone"] == "0922222222"  # not overwritten
    assert c2.dossiers.get(code)["sync_state"] == "conflict"
    # the feed's copy of counter 1's change is not applied over counter 2's held correction
    assert sync(c2, portal).centre_applied == 0
    assert c2.dossiers.get(code)["applicant"]["phone"] == "0922222222"
    # counter 2's officer keeps their correction: re-sent on the portal's version, accepted
    resolve_conflict(c2, code, keep="local", actor="an.nv")
    assert sync(c2, portal).sent == 1
    remote = portal.dossier(code)
    assert remote["SoDienThoai"] == "0922222222" and remote["DiaChiChuHoSo"] == "Thôn Đông"
    for service in (c1, c3):
        sync(service, portal)
        assert applicant(service, code) == applicant(c2, code)
        assert service.dossiers.get(code)["portal_version"] == remote["version"]


def test_a_feed_correction_naming_an_unknown_commune_is_quarantined(
    portal: PortalServer, counters: list[CounterService]
) -> None:
    c1, c2, _ = counters
    code = c1.intake.receive(intake()).dossier["code"]
    sync(c1, portal)
    sync(c2, portal)
    record = {**portal.dossier(code)}
    for key in ("version", "conflict", "QuayTiepNhan"):
        record.pop(key, None)
    record.update(MaXaChuHoSo=999_999_999, ChuHoSo="Ai đó")
    portal.publish_raw_change(
        UNIT,
        {"type": "dossier", "MaHoSo": code, "version": 7, "MaQuay": 1, "dossier": record},
    )
    report = sync(c2, portal)
    assert report.quarantined == 1
    kept = c2.dossiers.get(code)
    assert kept["applicant"]["full_name"] == "Nguyễn Thị Minh Khai"  # nothing applied
    assert kept["applicant"]["ward_code"] == 70 and kept["portal_version"] == 1


def test_keeping_a_stale_correction_keeps_the_other_counters_status_change(
    portal: PortalServer, counters: list[CounterService]
) -> None:
    c1, c2, c3 = counters
    code = c1.intake.receive(intake()).dossier["code"]
    for service in counters:
        sync(service, portal)
    c1.dossiers.change_status(code, 4, by="an.nv", reason="Chuyển phòng chuyên môn")
    sync(c1, portal)
    correct(c2, code, phone="0987654321")  # based on version 1, status 2 then
    assert sync(c2, portal).conflicts == 1
    resolve_conflict(c2, code, keep="local", actor="an.nv")
    assert c2.dossiers.get(code)["status"] == 4  # the portal's status, taken with the merge
    assert sync(c2, portal).sent == 1
    remote = portal.dossier(code)
    assert remote["TrangThaiHoSo"] == 4 and remote["SoDienThoai"] == "0987654321"
    assert [s["TrangThai"] for s in remote["TienDo"]] == [4]
    for service in counters:
        sync(service, portal)
        held = service.dossiers.get(code)
        assert (held["status"], held["applicant"]["phone"]) == (4, "0987654321")
        assert held["sync_state"] == "synced"
    # the other way round: a stale status change kept over another counter's correction
    correct(c3, code, full_name="Nguyễn Thị Minh Khai Hoà")
    sync(c3, portal)
    c2.dossiers.change_status(code, 9, by="an.nv", reason="Có kết quả")
    assert sync(c2, portal).conflicts == 1
    resolve_conflict(c2, code, keep="local", actor="an.nv")
    assert sync(c2, portal).sent == 1
    remote = portal.dossier(code)
    assert remote["TrangThaiHoSo"] == 9 and remote["ChuHoSo"] == "Nguyễn Thị Minh Khai Hoà"
    assert [s["TrangThai"] for s in remote["TienDo"]] == [4, 9]
    for service in counters:
        sync(service, portal)
        held = service.dossiers.get(code)
        assert held["status"] == 9, service.settings.get("counter")
        assert held["applicant"]["full_name"] == "Nguyễn Thị Minh Khai Hoà"


def test_a_feed_record_blanking_the_applicant_name_is_quarantined(
    portal: PortalServer, counters: list[CounterService]
) -> None:
    c1, c2, _ = counters
    code = c1.intake.receive(intake()).dossier["code"]
    sync(c1, portal)
    sync(c2, portal)
    record = {**portal.dossier(code), "ChuHoSo": "  "}
    for key in ("version", "conflict", "QuayTiepNhan", "TienDo", "source"):
        record.pop(key, None)
    portal.publish_raw_change(
        UNIT, {"type": "dossier", "MaHoSo": code, "version": 7, "MaQuay": 1, "dossier": record}
    )
    assert sync(c2, portal).quarantined == 1
    assert c2.dossiers.get(code)["applicant"]["full_name"] == "Nguyễn Thị Minh Khai"
