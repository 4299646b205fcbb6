"""The stand-in portal over real loopback HTTP, observed with plain `requests` calls."""

from __future__ import annotations

import json
import select
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
import requests
from portal_fixtures import (
    BIRTH_REGISTRATION,
    CERTIFIED_COPY,
    OTHER_UNIT_CODE,
    PORTAL_PASSWORD,
    PORTAL_USER,
    UNIT_CODE,
    RawPortal,
    dossier_code,
    make_dossier,
    make_progress,
    portal_catalogue,
)

from counter_app.assets import resource_path
from counter_app.domain.clock import VN_TZ
from counter_app.portal_sim import PortalServer, parse_fault_spec
from counter_app.portal_sim.faults import FaultController

pytest_plugins = ["portal_fixtures"]

SYNC = "/api/DongBoHoSoMC"
PROGRESS = "/api/CapNhatTienDoHoSoMC"
CHANGES = "/api/LayThayDoi"


def sync(raw: RawPortal, records: list, *, key: str, is_updating: bool = False) -> list[dict]:
    response = raw.post(SYNC, {"isUpdating": is_updating, "data": records}, key=key)
    assert response.status_code == 200, response.text
    return response.json()["results"]


# ---- login and tokens -------------------------------------------------------------------


def test_login_returns_token_and_expiry(portal_server: PortalServer, raw_portal: RawPortal) -> None:
    response = raw_portal.post(
        "/api/login", {"username": PORTAL_USER, "password": PORTAL_PASSWORD}, token=None
    )
    assert response.status_code == 200
    body = response.json()
    assert body["token"] and body["expires_in"] == 600
    expires_at = datetime.strptime(body["expires_at"], "%Y%m%d%H%M%S")
    assert 590 <= (expires_at - portal_server.server_now()).total_seconds() <= 601


def test_login_rejects_wrong_password(raw_portal: RawPortal) -> None:
    response = raw_portal.post(
        "/api/login", {"username": PORTAL_USER, "password": "sai"}, token=None
    )
    assert response.status_code == 401
    assert response.json() == {
        "error_code": "UNAUTHORIZED",
        "message": "Sai tên đăng nhập hoặc mật khẩu",
    }


def test_missing_or_unknown_token_is_unauthorized(raw_portal: RawPortal) -> None:
    for token in (None, "not-a-token"):
        response = raw_portal.post("/api/LayNgayNghi", {}, token=token)
        assert response.status_code == 401
        assert response.json()["error_code"] == "UNAUTHORIZED"


def test_token_expires_after_its_lifetime(make_portal_server) -> None:
    server = make_portal_server(token_ttl=0)
    raw = RawPortal(server.url)
    response = raw.post("/api/LayNgayNghi", {})
    assert response.status_code == 401
    assert response.json()["error_code"] == "TOKEN_EXPIRED"


def test_tokens_survive_a_restart(make_portal_server, tmp_path: Path) -> None:
    db_path = tmp_path / "durable.sqlite3"
    first = make_portal_server(db_path=db_path)
    token = RawPortal(first.url).login()
    first.stop()
    second = make_portal_server(db_path=db_path)
    assert RawPortal(second.url).post("/api/LayNgayNghi", {}, token=token).status_code == 200


# ---- DongBoHoSoMC -----------------------------------------------------------------------


def test_new_dossier_is_created_with_version_1(
    portal_server: PortalServer, raw_portal: RawPortal
) -> None:
    record = make_dossier(1)
    [result] = sync(raw_portal, [record], key="k1")
    assert result == {
        "MaHoSo": record["MaHoSo"],
        "Uuid": record["Uuid"],
        "status": "ok",
        "message": "Đã tạo hồ sơ",
        "version": 1,
    }
    stored = portal_server.dossier(record["MaHoSo"])
    assert stored["ChuHoSo"] == "Nguyễn Văn An"
    assert stored["version"] == 1 and stored["TrangThaiHoSo"] == 2 and stored["source"] == "counter"
    assert portal_server.dossier_count() == 1
    assert portal_server.dossier("nothing") is None


def test_identical_resend_is_exists(portal_server: PortalServer, raw_portal: RawPortal) -> None:
    sync(raw_portal, [make_dossier(1)], key="k1")
    [result] = sync(raw_portal, [make_dossier(1)], key="k2")
    assert result["status"] == "exists" and result["version"] == 1
    assert portal_server.dossier_count() == 1


def test_different_content_without_is_updating_is_rejected(raw_portal: RawPortal) -> None:
    sync(raw_portal, [make_dossier(1)], key="k1")
    [result] = sync(raw_portal, [make_dossier(1, ChuHoSo="Lê Văn Cường")], key="k2")
    assert result["status"] == "rejected"
    assert "đã có trên Cổng với nội dung khác" in result["message"]
    assert "isUpdating=true" in result["message"]


def test_is_updating_changes_the_dossier_and_bumps_version(
    portal_server: PortalServer, raw_portal: RawPortal
) -> None:
    sync(raw_portal, [make_dossier(1)], key="k1")
    changed = make_dossier(1, SoDienThoai="0987654321", TrangThaiHoSo=4)
    [result] = sync(raw_portal, [changed], key="k2", is_updating=True)
    assert (result["status"], result["version"]) == ("ok", 2)
    stored = portal_server.dossier(changed["MaHoSo"])
    assert stored["SoDienThoai"] == "0987654321" and stored["TrangThaiHoSo"] == 4
    [again] = sync(raw_portal, [changed], key="k3", is_updating=True)
    assert (again["status"], again["version"]) == ("exists", 2)


def test_updating_an_unknown_dossier_is_rejected(raw_portal: RawPortal) -> None:
    [result] = sync(raw_portal, [make_dossier(7)], key="k1", is_updating=True)
    assert result["status"] == "rejected"
    assert "chưa có trên Cổng" in result["message"]


def test_a_code_reused_by_another_dossier_is_rejected(raw_portal: RawPortal) -> None:
    sync(raw_portal, [make_dossier(1)], key="k1")
    clash = make_dossier(1, Uuid="0f0e2a4c-2b7e-4f1e-9a43-8d3c1d2e5f60")
    for key, updating in (("k2", False), ("k3", True)):
        [result] = sync(raw_portal, [clash], key=key, is_updating=updating)
        assert result["status"] == "rejected"
        assert "đã được dùng cho một hồ sơ khác" in result["message"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"NgayHenTra": "2026-07-15"}, "NgayHenTra phải có dạng yyyyMMddHHmmss"),
        ({"NgayTiepNhan": "20261332080000"}, "NgayTiepNhan phải có dạng yyyyMMddHHmmss"),
        ({"MaTTHC": "9.999999"}, "MaTTHC 9.999999 không có trong danh mục"),
        ({"MaTTHC": "1001193"}, "MaTTHC '1001193' không đúng dạng d.dddddd"),
        ({"ChuHoSo": "  "}, "Thiếu ChuHoSo"),
        ({"ChuHoSo": None}, "Thiếu ChuHoSo"),
        ({"Uuid": "abc"}, "Uuid 'abc' không phải UUID hợp lệ"),
        ({"MaHoSo": "H26-260715-1001"}, "không đúng dạng 000.00.70.H26-yyMMdd-NNNN"),
        ({"MaHoSo": f"{UNIT_CODE}-261345-1001"}, "ngày tiếp nhận 261345 không hợp lệ"),
        ({"MaDonVi": ""}, "Thiếu MaDonVi"),
        ({"KenhThucHien": "1"}, "KenhThucHien phải là một trong các số 1, 2, 3"),
        ({"LoaiDoiTuong": 5}, "LoaiDoiTuong phải là một trong các số 1, 2"),
        ({"TrangThaiHoSo": 11}, "TrangThaiHoSo phải là một trong các số"),
        ({"TrangThaiHoSo": 10}, "Thiếu NgayTra"),
        ({"NgayHenTra": "20260714170000"}, "NgayHenTra không được trước NgayTiepNhan"),
        ({"SoDienThoai": "12ab"}, "SoDienThoai '12ab' không hợp lệ"),
        ({"Email": "khong-hop-le"}, "Email 'khong-hop-le' không hợp lệ"),
        (
            {"DinhDanhCHS": [{"LoaiDinhDanh": 1, "SoDinhDanh": "12345"}]},
            "số CCCD 12345 phải gồm 12 chữ số",
        ),
        (
            {"DanhSachLePhi": [{"TenPhiLePhi": "Phí", "Gia": -1}]},
            "DanhSachLePhi[1].Gia phải là số nguyên không âm",
        ),
        (
            {"DanhSachTepDinhKemKhac": [{"TenGiayTo": "Tờ khai", "SoLuong": 0, "LoaiGiayTo": 1}]},
            "DanhSachTepDinhKemKhac[1].SoLuong phải là số nguyên dương",
        ),
        (
            {"DanhSachTepDinhKemKhac": [{"TenGiayTo": "Tờ khai", "SoLuong": 1, "LoaiGiayTo": 9}]},
            "DanhSachTepDinhKemKhac[1].LoaiGiayTo phải là 1 (bản chính)",
        ),
        ({"DanhSachLePhi": "không"}, "DanhSachLePhi phải là danh sách"),
    ],
)
def test_validation_messages_are_specific(
    raw_portal: RawPortal, overrides: dict, message: str
) -> None:
    [result] = sync(raw_portal, [make_dossier(1, **overrides)], key="k1")
    assert result["status"] == "rejected"
    assert message in result["message"]


def test_status_1_online_dossier_needs_no_reception_dates(raw_portal: RawPortal) -> None:
    record = make_dossier(1, TrangThaiHoSo=1, KenhThucHien=2, NgayTiepNhan="", NgayHenTra="")
    assert sync(raw_portal, [record], key="k1")[0]["status"] == "ok"


def test_one_bad_record_never_fails_the_others(
    portal_server: PortalServer, raw_portal: RawPortal
) -> None:
    records = [
        make_dossier(1),
        make_dossier(2, NgayHenTra="soon"),
        "not a dossier",
        make_dossier(3),
    ]
    results = sync(raw_portal, records, key="k1")
    assert [r["status"] for r in results] == ["ok", "rejected", "rejected", "ok"]
    assert results[1]["MaHoSo"] == dossier_code(2)
    assert results[2] == {
        "MaHoSo": None,
        "Uuid": None,
        "status": "rejected",
        "message": "Hồ sơ phải là một đối tượng JSON",
        "version": None,
    }
    assert portal_server.dossier_count() == 2


def test_same_dossier_twice_in_one_batch_is_applied_in_order(
    portal_server: PortalServer, raw_portal: RawPortal
) -> None:
    first, second = make_dossier(1), make_dossier(1, TrangThaiHoSo=4)
    results = sync(raw_portal, [first, first, second], key="k1")
    assert [r["status"] for r in results] == ["ok", "exists", "rejected"]
    results = sync(
        raw_portal, [second, make_dossier(1, TrangThaiHoSo=5)], key="k2", is_updating=True
    )
    assert [(r["status"], r["version"]) for r in results] == [("ok", 2), ("ok", 3)]
    assert portal_server.dossier(first["MaHoSo"])["TrangThaiHoSo"] == 5


def test_a_500_dossier_batch_is_one_request(
    portal_server: PortalServer, raw_portal: RawPortal
) -> None:
    records = [make_dossier(seq) for seq in range(1, 501)]
    results = sync(raw_portal, records, key="big")
    assert {r["status"] for r in results} == {"ok"}
    assert [r["MaHoSo"] for r in results] == [r["MaHoSo"] for r in records]
    assert portal_server.dossier_count() == 500


@pytest.mark.parametrize(
    ("path", "body", "raw", "key", "status", "error_code"),
    [
        (SYNC, {"isUpdating": False, "data": []}, None, None, 400, "IDEMPOTENCY_KEY_REQUIRED"),
        (SYNC, None, b"{not json", "k", 400, "BAD_REQUEST"),
        (SYNC, None, b"[1, 2]", "k", 400, "BAD_REQUEST"),
        (SYNC, {"isUpdating": "no", "data": []}, None, "k", 400, "BAD_REQUEST"),
        (SYNC, {"isUpdating": False, "data": {}}, None, "k", 400, "BAD_REQUEST"),
        (SYNC, {"isUpdating": False, "data": [{}] * 1001}, None, "k", 413, "BATCH_TOO_LARGE"),
        (PROGRESS, {"data": "x"}, None, "k", 400, "BAD_REQUEST"),
        ("/api/KhongCo", {}, None, None, 404, "NOT_FOUND"),
    ],
)
def test_request_level_errors(
    raw_portal: RawPortal, path: str, body, raw, key, status: int, error_code: str
) -> None:
    response = raw_portal.post(path, body, raw=raw, key=key)
    assert response.status_code == status
    assert response.json()["error_code"] == error_code
    assert response.json()["message"]


def test_only_post_is_allowed(portal_server: PortalServer) -> None:
    response = requests.get(portal_server.url + SYNC, timeout=5)
    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"
    assert response.json()["error_code"] == "METHOD_NOT_ALLOWED"


# ---- idempotency ------------------------------------------------------------------------


def test_same_key_and_body_replays_the_stored_answer(
    portal_server: PortalServer, raw_portal: RawPortal
) -> None:
    body = {"isUpdating": False, "data": [make_dossier(1), make_dossier(2, MaTTHC="9.999999")]}
    first = raw_portal.post(SYNC, body, key="same")
    # The catalogue changes in between: a replay must still give the stored answer, not re-run.
    portal_server.set_catalogue(portal_catalogue("test-2"))
    second = raw_portal.post(SYNC, body, key="same")
    assert second.status_code == 200
    assert second.content == first.content
    assert second.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert portal_server.dossier_count() == 1
    assert portal_server.dossier(dossier_code(1))["version"] == 1


def test_concurrent_duplicates_of_one_request_apply_once(
    portal_server: PortalServer, raw_portal: RawPortal
) -> None:
    raw_portal.login()
    body = {"isUpdating": False, "data": [make_dossier(seq) for seq in range(1, 51)]}
    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(pool.map(lambda _: raw_portal.post(SYNC, body, key="dup"), range(8)))
    assert {r.status_code for r in responses} == {200}
    assert len({r.content for r in responses}) == 1
    assert sum("Idempotent-Replayed" not in r.headers for r in responses) == 1
    assert portal_server.dossier_count() == 50


def test_same_key_with_another_body_is_a_conflict(
    portal_server: PortalServer, raw_portal: RawPortal
) -> None:
    sync(raw_portal, [make_dossier(1)], key="shared")
    response = raw_portal.post(SYNC, {"isUpdating": False, "data": [make_dossier(2)]}, key="shared")
    assert response.status_code == 409
    assert response.json()["error_code"] == "IDEMPOTENCY_CONFLICT"
    assert "shared" in response.json()["message"]
    other_endpoint = raw_portal.post(
        PROGRESS, {"data": [make_progress(dossier_code(1))]}, key="shared"
    )
    assert other_endpoint.status_code == 409
    assert portal_server.dossier_count() == 1


def test_key_order_and_spacing_do_not_change_the_body_identity(raw_portal: RawPortal) -> None:
    record = make_dossier(1)
    sync(raw_portal, [record], key="k")
    reordered = json.dumps(
        {"data": [dict(reversed(list(record.items())))], "isUpdating": False}, indent=2
    ).encode()
    response = raw_portal.post(SYNC, raw=reordered, key="k")
    assert response.status_code == 200
    assert response.headers["Idempotent-Replayed"] == "true"


# ---- CapNhatTienDoHoSoMC ----------------------------------------------------------------


def test_progress_updates_the_portal_status(
    portal_server: PortalServer, raw_portal: RawPortal
) -> None:
    sync(raw_portal, [make_dossier(1)], key="k1")
    code = dossier_code(1)
    response = raw_portal.post(
        PROGRESS,
        {
            "data": [
                make_progress(code),
                make_progress(code, TrangThai=9, NoiDungXuLy="Đã có kết quả"),
            ]
        },
        key="p1",
    )
    assert response.status_code == 200
    assert [(r["status"], r["version"]) for r in response.json()["results"]] == [
        ("ok", 2),
        ("ok", 3),
    ]
    stored = portal_server.dossier(code)
    assert stored["TrangThaiHoSo"] == 9 and stored["version"] == 3
    assert [step["TrangThai"] for step in stored["TienDo"]] == [4, 9]


def test_progress_rejections(raw_portal: RawPortal) -> None:
    sync(raw_portal, [make_dossier(1)], key="k1")
    code = dossier_code(1)
    records = [
        make_progress(dossier_code(99)),
        make_progress(code, ThoiDiemXuLy="15/07/2026"),
        make_progress(code, NguoiXuLy=""),
        make_progress(code, TrangThai=10, ThoiDiemXuLy="20260715160000"),
        make_progress(code, TrangThai=4),
    ]
    results = raw_portal.post(PROGRESS, {"data": records}, key="p1").json()["results"]
    assert [r["status"] for r in results] == ["ok" if i == 3 else "rejected" for i in range(5)]
    assert results[0]["message"] == f"Hồ sơ {dossier_code(99)} không có trên Cổng"
    assert "ThoiDiemXuLy phải có dạng yyyyMMddHHmmss" in results[1]["message"]
    assert results[2]["message"] == "Thiếu NguoiXuLy"
    assert results[4]["message"] == f"Hồ sơ {code} đã ở trạng thái cuối 10, không thể chuyển sang 4"


def test_returning_the_result_sets_ngay_tra(
    portal_server: PortalServer, raw_portal: RawPortal
) -> None:
    sync(raw_portal, [make_dossier(1)], key="k1")
    step = make_progress(dossier_code(1), TrangThai=10, ThoiDiemXuLy="20260716090000")
    raw_portal.post(PROGRESS, {"data": [step]}, key="p1")
    assert portal_server.dossier(dossier_code(1))["NgayTra"] == "20260716090000"


# ---- catalogue and holidays ------------------------------------------------------------


def test_catalogue_is_mapped_to_portal_field_names(raw_portal: RawPortal) -> None:
    body = raw_portal.post("/api/LayDanhSachTTHC", {}).json()
    assert body["version"] == "test-1"
    by_code = {item["MaTTHC"]: item for item in body["data"]}
    assert set(by_code) == {BIRTH_REGISTRATION, "1.000894", CERTIFIED_COPY}
    assert by_code[CERTIFIED_COPY] == {
        "MaTTHC": CERTIFIED_COPY,
        "TenTTHC": "Chứng thực bản sao từ bản chính",
        "MaLinhVuc": "CHUNGTHUC",
        "TenLinhVuc": "Chứng thực",
        "ThoiHanGiaiQuyet": 2,
        "DonViThoiHan": "working_hours",
        "DanhSachLePhi": [{"MaPhiLePhi": "LP-CT", "TenPhiLePhi": "Phí chứng thực", "Gia": 2000}],
        "ThanhPhanHoSo": [
            {"TenGiayTo": "Bản chính giấy tờ", "LoaiGiayTo": "original", "SoLuong": 1}
        ],
        "KetQua": ["Bản sao được chứng thực"],
        "KenhThucHien": [1],
    }


def test_one_procedure(raw_portal: RawPortal) -> None:
    response = raw_portal.post("/api/LayThuTuc", {"MaTTHC": BIRTH_REGISTRATION})
    assert response.status_code == 200
    assert response.json()["data"]["TenTTHC"] == "Đăng ký khai sinh"
    missing = raw_portal.post("/api/LayThuTuc", {"MaTTHC": "9.999999"})
    assert missing.status_code == 404
    assert missing.json()["message"] == "MaTTHC 9.999999 không có trong danh mục"
    assert raw_portal.post("/api/LayThuTuc", {}).status_code == 400


def test_a_newer_catalogue_can_be_published(
    portal_server: PortalServer, raw_portal: RawPortal
) -> None:
    newer = portal_catalogue("test-2")
    newer["procedures"].append(
        dict(newer["procedures"][0], code="1.000656", name="Đăng ký khai tử")
    )
    assert (
        sync(raw_portal, [make_dossier(1, MaTTHC="1.000656")], key="k1")[0]["status"] == "rejected"
    )
    assert portal_server.set_catalogue(newer) == "test-2"
    body = raw_portal.post("/api/LayDanhSachTTHC", {}).json()
    assert body["version"] == "test-2" and len(body["data"]) == 4
    assert sync(raw_portal, [make_dossier(1, MaTTHC="1.000656")], key="k2")[0]["status"] == "ok"


def test_an_invalid_catalogue_is_refused(portal_server: PortalServer) -> None:
    bad = portal_catalogue()
    bad["procedures"][0]["time_unit"] = "fortnights"
    with pytest.raises(ValueError, match="1.001193.*time_unit 'fortnights'"):
        portal_server.set_catalogue(bad)


@pytest.mark.skipif(not resource_path("catalogue.json").is_file(), reason="no seed catalogue yet")
def test_default_catalogue_is_the_app_seed(tmp_path: Path, portal_loopback_no_proxy: None) -> None:
    seed = json.loads(resource_path("catalogue.json").read_text(encoding="utf-8"))
    with PortalServer(tmp_path / "p.sqlite3") as server:
        version, procedures = server.store.procedures()
    assert version == seed["version"]
    assert {p["MaTTHC"] for p in procedures} == {p["code"] for p in seed["procedures"]}


def test_holiday_overrides(make_portal_server) -> None:
    overrides = [
        {"date": "2026-09-01", "working": False, "note": "Nghỉ bù Quốc khánh"},
        {"date": "2026-08-29", "working": True, "note": "Làm bù"},
    ]
    server = make_portal_server(holiday_overrides=overrides)
    raw = RawPortal(server.url)
    assert raw.post("/api/LayNgayNghi", {}).json() == {
        "data": sorted(overrides, key=lambda o: o["date"])
    }
    server.set_holiday_overrides([])
    assert raw.post("/api/LayNgayNghi", {}).json() == {"data": []}


# ---- LayThayDoi -------------------------------------------------------------------------


def changes(
    raw: RawPortal, cursor: str | None, unit: str = UNIT_CODE, **extra
) -> requests.Response:
    return raw.post(CHANGES, {"MaDonVi": unit, "cursor": cursor, **extra})


def test_changes_feed_carries_backoffice_statuses_and_online_dossiers(
    portal_server: PortalServer, raw_portal: RawPortal
) -> None:
    sync(raw_portal, [make_dossier(1)], key="k1")
    assert portal_server.backoffice_set_status(dossier_code(1), 9) == 2
    online = portal_server.submit_online(
        UNIT_CODE,
        make_dossier(
            1,
            MaHoSo="",
            Uuid="6a1f0f5e-8d52-4a41-8f7e-1d2c3b4a5e6f",
            NgayTiepNhan="",
            NgayHenTra="",
        ),
    )
    assert online["MaHoSo"].startswith(f"{UNIT_CODE}-") and online["MaHoSo"].endswith("-0001")
    portal_server.submit_online(
        OTHER_UNIT_CODE, make_dossier(1, unit_code=OTHER_UNIT_CODE, MaHoSo="")
    )

    body = changes(raw_portal, None).json()
    assert body["has_more"] is False
    # issue 14: the feed carries the whole centre, the counter's own create included
    created, status_change, online_change = body["changes"]
    assert created["type"] == "dossier" and created["dossier"]["MaHoSo"] == dossier_code(1)
    assert created["version"] == 1 and created["QuayTiepNhan"] == 1
    assert status_change == {
        "type": "status",
        "MaHoSo": dossier_code(1),
        "TrangThaiHoSo": 9,
        "NgayTra": "",
        "version": 2,
        "changed_at": status_change["changed_at"],
    }
    assert online_change["type"] == "online_dossier"
    assert online_change["dossier"]["TrangThaiHoSo"] == 1
    assert online_change["dossier"]["Uuid"] == "6a1f0f5e-8d52-4a41-8f7e-1d2c3b4a5e6f"
    assert portal_server.dossier(online["MaHoSo"])["source"] == "online"

    # Nothing new: the same cursor comes back.
    assert changes(raw_portal, body["cursor"]).json() == {
        "changes": [],
        "cursor": body["cursor"],
        "has_more": False,
    }
    other = changes(raw_portal, None, unit=OTHER_UNIT_CODE).json()["changes"]
    assert [c["type"] for c in other] == ["online_dossier"]


def test_received_online_dossier_is_updated_by_the_counter(
    portal_server: PortalServer, raw_portal: RawPortal
) -> None:
    online = portal_server.submit_online(
        UNIT_CODE, make_dossier(1, MaHoSo="", NgayTiepNhan="", NgayHenTra="")
    )
    received = dict(
        online, TrangThaiHoSo=2, NgayTiepNhan="20260715083000", NgayHenTra="20260715170000"
    )
    [result] = sync(raw_portal, [received], key="k1", is_updating=True)
    assert (result["status"], result["version"]) == ("ok", 2)


def test_returned_status_gets_a_return_date(
    portal_server: PortalServer, raw_portal: RawPortal
) -> None:
    sync(raw_portal, [make_dossier(1)], key="k1")
    portal_server.backoffice_set_status(dossier_code(1), 10)
    # issue 14: the create is on the feed before the back-office change
    [change] = [c for c in changes(raw_portal, None).json()["changes"] if c["type"] == "status"]
    assert (
        change["NgayTra"] and change["NgayTra"] == portal_server.dossier(dossier_code(1))["NgayTra"]
    )
    with pytest.raises(KeyError):
        portal_server.backoffice_set_status(dossier_code(50), 9)


def test_changes_are_paged_with_a_monotonic_durable_cursor(
    make_portal_server, tmp_path: Path
) -> None:
    db_path = tmp_path / "feed.sqlite3"
    server = make_portal_server(db_path=db_path)
    raw = RawPortal(server.url)
    sync(raw, [make_dossier(seq) for seq in range(1, 6)], key="k1")
    # issue 14: the creates are on the feed too; page through what came after them
    after_creates = changes(raw, None).json()["cursor"]
    for seq in range(1, 6):
        server.backoffice_set_status(dossier_code(seq), 4)

    first = changes(raw, after_creates, limit=2).json()
    second = changes(raw, first["cursor"], limit=2).json()
    assert first["has_more"] and second["has_more"]
    assert int(second["cursor"]) > int(first["cursor"])
    server.stop()

    server = make_portal_server(db_path=db_path)
    raw = RawPortal(server.url)
    third = changes(raw, second["cursor"], limit=2).json()
    assert third["has_more"] is False
    seen = [c["MaHoSo"] for page in (first, second, third) for c in page["changes"]]
    assert seen == [dossier_code(seq) for seq in range(1, 6)]


@pytest.mark.parametrize(
    ("body", "error_code"),
    [
        ({"MaDonVi": UNIT_CODE, "cursor": "abc"}, "INVALID_CURSOR"),
        ({"MaDonVi": UNIT_CODE, "cursor": "999"}, "INVALID_CURSOR"),
        ({"MaDonVi": UNIT_CODE, "cursor": None, "limit": 0}, "BAD_REQUEST"),
        ({"cursor": None}, "BAD_REQUEST"),
    ],
)
def test_changes_feed_errors(raw_portal: RawPortal, body: dict, error_code: str) -> None:
    response = raw_portal.post(CHANGES, body)
    assert response.status_code == 400
    assert response.json()["error_code"] == error_code


# ---- clock --------------------------------------------------------------------------------


def test_every_response_carries_the_server_clock(make_portal_server) -> None:
    server = make_portal_server(clock_offset=600)
    for response in (
        requests.post(server.url + "/api/login", json={}, timeout=5),
        requests.get(server.url + "/", timeout=5),
    ):
        server_time = parsedate_to_datetime(response.headers["Date"])
        skew = (server_time - datetime.now(VN_TZ)).total_seconds()
        assert 590 <= skew <= 610


# ---- faults -------------------------------------------------------------------------------


def test_refuse_resets_the_connection(portal_server: PortalServer, raw_portal: RawPortal) -> None:
    raw_portal.login()
    portal_server.faults.add("refuse")
    with pytest.raises(requests.ConnectionError):
        raw_portal.post("/api/LayNgayNghi", {})
    assert raw_portal.post("/api/LayNgayNghi", {}).status_code == 200
    assert [e["status"] for e in portal_server.request_log()[-2:]] == [0, 200]


def test_refuse_with_seconds_stops_listening(
    portal_server: PortalServer, raw_portal: RawPortal
) -> None:
    raw_portal.login()
    portal_server.faults.add("refuse", seconds=60)
    with pytest.raises(requests.ConnectionError):
        raw_portal.post("/api/LayNgayNghi", {})
    with pytest.raises(requests.ConnectionError, match="[Cc]onnection refused"):
        raw_portal.post("/api/LayNgayNghi", {})
    portal_server.resume_listening()
    assert portal_server.wait_until_listening(5)
    assert raw_portal.post("/api/LayNgayNghi", {}).status_code == 200


def test_refuse_pause_ends_by_itself(portal_server: PortalServer, raw_portal: RawPortal) -> None:
    raw_portal.login()
    portal_server.faults.add("refuse", seconds=0.05)
    with pytest.raises(requests.ConnectionError):
        raw_portal.post("/api/LayNgayNghi", {})
    assert portal_server.wait_until_listening(10)
    assert raw_portal.post("/api/LayNgayNghi", {}).status_code == 200


def test_http500(portal_server: PortalServer, raw_portal: RawPortal) -> None:
    portal_server.faults.add("http500", times=2, path=SYNC)
    assert raw_portal.post("/api/LayNgayNghi", {}).status_code == 200  # other paths untouched
    for _ in range(2):
        response = raw_portal.post(SYNC, {"isUpdating": False, "data": [make_dossier(1)]}, key="k")
        assert response.status_code == 500
        assert response.json()["error_code"] == "INTERNAL_ERROR"
    assert portal_server.dossier_count() == 0
    assert (
        raw_portal.post(SYNC, {"isUpdating": False, "data": [make_dossier(1)]}, key="k").status_code
        == 200
    )


def test_http429_has_retry_after(portal_server: PortalServer, raw_portal: RawPortal) -> None:
    raw_portal.login()
    portal_server.faults.add("http429", retry_after=7)
    response = raw_portal.post("/api/LayNgayNghi", {})
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "7"
    assert response.json()["error_code"] == "RATE_LIMITED"


def test_slow_delays_the_answer(portal_server: PortalServer, raw_portal: RawPortal) -> None:
    raw_portal.login()
    portal_server.faults.add("slow", seconds=2)
    with pytest.raises(requests.ReadTimeout):
        raw_portal.post("/api/LayNgayNghi", {}, timeout=0.2)
    portal_server.faults.add("slow", seconds=0.01)
    assert raw_portal.post("/api/LayNgayNghi", {}).status_code == 200


def test_drop_after_commit_commits_then_hangs_up(
    portal_server: PortalServer, raw_portal: RawPortal
) -> None:
    raw_portal.login()
    body = {"isUpdating": False, "data": [make_dossier(1)]}
    portal_server.faults.add("drop_after_commit", path=SYNC)
    with pytest.raises(requests.ConnectionError):
        raw_portal.post(SYNC, body, key="k")
    assert portal_server.dossier_count() == 1
    retry = raw_portal.post(SYNC, body, key="k")
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert retry.json()["results"][0]["status"] == "ok"
    assert portal_server.dossier_count() == 1


def test_malformed_json_answers_200_with_a_broken_body(
    portal_server: PortalServer, raw_portal: RawPortal
) -> None:
    portal_server.faults.add("malformed_json", path=SYNC)
    response = raw_portal.post(SYNC, {"isUpdating": False, "data": [make_dossier(1)]}, key="k")
    assert response.status_code == 200
    with pytest.raises(ValueError):
        response.json()
    assert portal_server.dossier_count() == 1  # the work itself was done


def test_expire_token(portal_server: PortalServer, raw_portal: RawPortal) -> None:
    token = raw_portal.login()
    portal_server.faults.add("expire_token")
    response = raw_portal.post("/api/LayNgayNghi", {})
    assert response.status_code == 401
    assert response.json()["error_code"] == "TOKEN_EXPIRED"
    assert raw_portal.post("/api/LayNgayNghi", {}, token=token).status_code == 401
    assert raw_portal.post("/api/LayNgayNghi", {}, token=raw_portal.login()).status_code == 200


def test_faults_until_removed_and_request_log(
    portal_server: PortalServer, raw_portal: RawPortal
) -> None:
    raw_portal.login()
    fault = portal_server.faults.add("http500", times=None, path="/api/LayNgayNghi")
    for _ in range(3):
        assert raw_portal.post("/api/LayNgayNghi", {}).status_code == 500
    portal_server.faults.remove(fault)
    assert raw_portal.post("/api/LayNgayNghi", {}).status_code == 200
    assert fault.hits == 3
    entries = portal_server.request_log()
    assert [e["fault"] for e in entries[-4:]] == ["http500"] * 3 + [None]
    assert set(entries[-1]) == {
        "method",
        "path",
        "status",
        "bytes",
        "request_bytes",
        "latency",
        "fault",
        "idempotency_key",
    }
    assert entries[-1]["bytes"] > 0 and entries[-1]["latency"] >= 0


def test_fault_controller_validates() -> None:
    faults = FaultController()
    with pytest.raises(ValueError, match="unknown fault kind"):
        faults.add("meteor")
    with pytest.raises(ValueError, match="takes no parameter"):
        faults.add("http500", seconds=1)
    with pytest.raises(ValueError):
        faults.add("http500", times=0)


@pytest.mark.parametrize(
    ("spec", "parsed"),
    [
        ("http500", ("http500", 1, None, {})),
        ("http500x3", ("http500", 3, None, {})),
        (
            "http429:2.5x2@/api/DongBoHoSoMC",
            ("http429", 2, "/api/DongBoHoSoMC", {"retry_after": 2.5}),
        ),
        ("slow:1x*", ("slow", None, None, {"seconds": 1.0})),
        ("refuse:5", ("refuse", 1, None, {"seconds": 5.0})),
        ("expire_token", ("expire_token", 1, None, {})),
        ("expire_tokenx2", ("expire_token", 2, None, {})),
        (
            "drop_after_commit@/api/CapNhatTienDoHoSoMC",
            ("drop_after_commit", 1, "/api/CapNhatTienDoHoSoMC", {}),
        ),
    ],
)
def test_fault_spec_syntax(spec: str, parsed: tuple) -> None:
    assert parse_fault_spec(spec) == parsed


@pytest.mark.parametrize("spec", ["meteor", "http500:3", "slow:soon", "http500@api", "http500x0"])
def test_bad_fault_specs(spec: str) -> None:
    with pytest.raises(ValueError):
        parse_fault_spec(spec)


# ---- subprocess mode -------------------------------------------------------------------


def test_command_line_server_starts_answers_and_stops_on_sigterm(
    tmp_path: Path, portal_catalogue_path: Path, portal_loopback_no_proxy: None
) -> None:
    command = [
        sys.executable, "-m", "counter_app.portal_sim",
        "--host", "127.0.0.1", "--port", "0",
        "--db", str(tmp_path / "cli.sqlite3"),
        "--catalogue", str(portal_catalogue_path),
        "--user", "quay1", "--password", "mk",
        "--fault", "http500x1@/api/LayNgayNghi",
    ]  # fmt: skip
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    try:
        ready, _, _ = select.select([process.stdout], [], [], 30)
        assert ready, "the simulator printed nothing"
        first_line = process.stdout.readline().strip()
        assert first_line.startswith("listening on http://127.0.0.1:")
        url = first_line.removeprefix("listening on ")
        raw = RawPortal(url, username="quay1", password="mk")
        assert raw.post("/api/LayNgayNghi", {}).status_code == 500
        assert raw.post("/api/LayNgayNghi", {}).status_code == 200
        assert (
            raw.post(SYNC, {"isUpdating": False, "data": [make_dossier(1)]}, key="k").status_code
            == 200
        )

        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
        assert process.stdout.read().strip() == "stopped"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()
    with pytest.raises(requests.ConnectionError):
        requests.post(url + "/api/login", json={}, timeout=2)
