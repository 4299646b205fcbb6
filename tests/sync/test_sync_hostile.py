"""Issue 10, sync: retries that work, a poisoned changes feed, sign-in failures (stand-in portal
on 127.0.0.1)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import intake
from conftest import signed_main as cli_main
from portal_fixtures import PORTAL_USER
from test_sync import SEED, counter

from counter_app.ops import secrets_store
from counter_app.portal_sim import PortalServer
from counter_app.services import CounterService

MISSING = "1.001699"


@pytest.fixture
def portal(make_portal_server: Callable[..., PortalServer]) -> PortalServer:
    return make_portal_server(catalogue_path=SEED)


def _catalogue(*, without: str | None = None, version: str) -> dict:
    catalogue = json.loads(SEED.read_text(encoding="utf-8"))
    catalogue["procedures"] = [p for p in catalogue["procedures"] if p["code"] != without]
    catalogue["version"] = version
    return catalogue


# -- 1. a retried rejection is a new request -----------------------------------------------------
def test_retry_of_a_dossier_sent_alone_is_a_fresh_request(
    tmp_path: Path, portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "c1"
    service = counter(folder, portal)
    portal.set_catalogue(_catalogue(without=MISSING, version="portal-2"))
    code = service.intake.receive(intake(procedure_code=MISSING)).dossier["code"]
    service.close()
    args = ["--data-dir", str(folder), "sync"]
    assert cli_main(args) == 3
    portal.set_catalogue(_catalogue(version="portal-3"))  # the portal fixed its catalogue
    assert cli_main([*args, "--retry", code]) == 0
    assert cli_main(args) == 0, capsys.readouterr().out
    assert portal.dossier(code) is not None
    keys = [r["idempotency_key"] for r in portal.request_log() if r["path"] == "/api/DongBoHoSoMC"]
    assert len(keys) == 2 and keys[0] != keys[1]


def test_resend_of_the_same_payload_keeps_its_key_and_a_changed_payload_gets_a_fresh_one(
    tmp_path: Path, portal: PortalServer
) -> None:
    from counter_app.sync.push import batch_key

    service = counter(tmp_path / "c1", portal)
    service.intake.receive(intake())
    entry = dict(service.store.conn().execute("SELECT * FROM outbox").fetchone())
    assert batch_key([entry]) == batch_key([dict(entry)])
    changed = {**entry, "payload": entry["payload"].replace("Nguyễn", "Nguyen")}
    assert batch_key([changed]) != batch_key([entry])
    service.close()


# -- 3. sign-in failure ---------------------------------------------------------------------------
def test_sign_in_failure_exits_with_its_own_code(
    tmp_path: Path, portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "c1"
    service = counter(folder, portal)
    service.intake.receive(intake())
    service.close()
    secrets_store.set_portal_password(folder, PORTAL_USER, "sai-mật-khẩu")
    from counter_app.sync.cli import EXIT_SIGN_IN

    assert cli_main(["--data-dir", str(folder), "sync"]) == EXIT_SIGN_IN == 5
    out = capsys.readouterr().out
    assert "đăng nhập" in out and PORTAL_USER in out


# -- 2. a poisoned changes feed -----------------------------------------------------------------
def _online(code: str, **overrides: object) -> dict:
    from portal_fixtures import make_dossier

    record = make_dossier(1, MaHoSo=code, KenhThucHien=2, TrangThaiHoSo=1)
    record.update(overrides)
    return {"type": "online_dossier", "MaHoSo": code, "version": 1, "dossier": record}


def poisoned_items(code: str, unit: str) -> list[object]:
    """Each poisoned feed item of issue 10, about an existing dossier `code` where it names one."""
    online_code = f"{unit}-260715-0901"
    documents = [{"TenGiayTo": "Tờ khai", "SoLuong": "abc", "LoaiGiayTo": 1}]
    return [
        {"type": "status"},
        {"type": "status", "MaHoSo": code, "TrangThaiHoSo": "abc"},
        {"type": "status", "MaHoSo": code, "TrangThaiHoSo": None},
        {"type": "status", "MaHoSo": code, "TrangThaiHoSo": 99},
        {"type": "status", "MaHoSo": code, "TrangThaiHoSo": 4, "changed_at": "20261399250000"},
        {"type": "status", "MaHoSo": code, "TrangThaiHoSo": 10, "NgayTra": "hôm qua"},
        {"type": "online_dossier", "MaHoSo": online_code, "version": 1},
        _online(online_code, Uuid=None),
        {**_online(online_code), "dossier": {**_online(online_code)["dossier"], "Uuid": ""}},
        _online(online_code, DanhSachTepDinhKemKhac=documents),
        _online(online_code, NgayTiepNhan="2026-07-15"),
        {"type": "refund", "MaHoSo": code},
        "không phải đối tượng",
        None,
    ]


def test_sync_against_a_poisoned_feed_pushes_everything_and_quarantines_exactly_the_bad_items(
    tmp_path: Path, portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "c1"
    service = counter(folder, portal)
    unit = service.settings.get("unit_code")
    synced = [service.intake.receive(intake()).dossier["code"] for _ in range(2)]
    args = ["--data-dir", str(folder), "sync"]
    service.close()
    assert cli_main(args) == 0
    service = CounterService.open(folder)
    pending = [service.intake.receive(intake()).dossier["code"] for _ in range(3)]
    service.close()
    bad = poisoned_items(synced[0], unit)
    for item in bad:
        portal.publish_raw_change(unit, item)
    portal.backoffice_set_status(synced[1], 4)  # a good item behind the bad ones
    good_online = _online(f"{unit}-260715-0902")
    portal.publish_raw_change(unit, good_online)
    capsys.readouterr()

    assert cli_main(args) == 0, capsys.readouterr().out
    out = capsys.readouterr().out
    assert f"bị cách ly (sai cấu trúc, không áp dụng): {len(bad)}" in out
    assert all(portal.dossier(code) is not None for code in pending)
    service = CounterService.open(folder)
    assert service.dossiers.get(synced[1])["status"] == 4  # applied
    assert service.dossiers.get(synced[0])["status"] == 2  # none of the bad statuses
    assert service.dossiers.get(good_online["MaHoSo"])["channel"] == "online"
    # 99 was never written: the dossier still moves on as usual
    assert service.dossiers.change_status(synced[0], 4, by="an.nv")["status"] == 4
    service.close()

    assert cli_main([*args, "--status", "--format", "json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert len(status["quarantined"]) == len(bad)
    raws = {item["raw"] for item in status["quarantined"]}
    assert raws == {json.dumps(item, ensure_ascii=False) for item in bad}
    assert all(item["source"] == "changes" and item["reason"] for item in status["quarantined"])
    assert cli_main([*args, "--status"]) == 0
    text = capsys.readouterr().out
    assert f"Mục của Cổng bị cách ly: {len(bad)}" in text and '"TrangThaiHoSo": 99' in text
    # the cursor moved past them: the next pass neither re-reads nor re-counts them
    assert cli_main(args) == 0
    assert "cách ly" not in capsys.readouterr().out
    service = CounterService.open(folder)
    assert portal.dossier(synced[0])["TrangThaiHoSo"] == 4
    count = service.store.conn().execute("SELECT count(*) FROM sync_quarantine").fetchone()[0]
    assert count == len(bad)
    service.close()


def test_a_feed_whose_cursor_does_not_advance_ends_the_pull_with_a_warning(
    tmp_path: Path, portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "c1"
    service = counter(folder, portal)
    code = service.intake.receive(intake()).dossier["code"]
    service.close()
    stuck = '{"changes":[],"cursor":"0","has_more":true}'
    portal.faults.add("malformed_json", times=None, path="/api/LayThayDoi", body=stuck)
    assert cli_main(["--data-dir", str(folder), "sync"]) == 0
    assert "con trỏ không tiến" in capsys.readouterr().out
    assert portal.dossier(code) is not None
    feed_calls = [r for r in portal.request_log() if r["path"] == "/api/LayThayDoi"]
    assert len(feed_calls) <= 2


def test_a_failing_feed_never_holds_the_push_nor_a_failing_push_the_reference_pull(
    tmp_path: Path, portal: PortalServer
) -> None:
    from test_sync import client_for

    from counter_app.sync.engine import sync_pass
    from counter_app.sync.pull import force_reference_pull

    service = counter(tmp_path / "c1", portal)
    code = service.intake.receive(intake()).dossier["code"]
    portal.faults.add("malformed_json", times=1, path="/api/LayThayDoi", body='{"changes": 5}')
    with client_for(portal) as client:
        report = sync_pass(service, client)
    assert [step for step, _ in report.failures] == ["pull"]
    assert portal.dossier(code) is not None and report.sent == 1
    assert "changes: must be a list" in str(report.error)

    service.intake.receive(intake())
    portal.set_catalogue(_catalogue(version="portal-9"))
    portal.faults.add("http500", times=None, path="/api/DongBoHoSoMC")
    force_reference_pull(service)
    with client_for(portal) as client:
        report = sync_pass(service, client)
    assert [step for step, _ in report.failures] == ["push"]
    assert report.catalogue_version == "portal-9"
    service.close()
