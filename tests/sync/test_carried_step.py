"""Issue 14: a status change is one push — the progress step rides inside the DongBoHoSoMC
record (`BuocXuLy`); separate progress items already in an outbox still go as before."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import configure, intake
from hypothesis import given, settings
from hypothesis import strategies as st
from portal_fixtures import (
    PORTAL_PASSWORD,
    PORTAL_USER,
    UNIT_CODE,
    RawPortal,
    dossier_code,
    make_dossier,
    make_progress,
)

from counter_app.ops import secrets_store
from counter_app.portal import mapping as portal_mapping
from counter_app.portal.client import PortalClient
from counter_app.portal.config import PortalConfig
from counter_app.portal_sim import PortalServer
from counter_app.portal_sim.centre import split_step
from counter_app.services import CounterService
from counter_app.services.outbox import queue_dossier, queue_entry
from counter_app.sync.engine import sync_pass

pytest_plugins = ["portal_fixtures"]

SYNC = "/api/DongBoHoSoMC"
PROGRESS = "/api/CapNhatTienDoHoSoMC"
STEP = portal_mapping.STEP
SEED = Path(__file__).resolve().parents[2] / "resources" / "catalogue.json"


def push(raw: RawPortal, records: list, *, key: str, is_updating: bool = True) -> list[dict]:
    response = raw.post(SYNC, {"isUpdating": is_updating, "data": records}, key=key)
    assert response.status_code == 200, response.text
    return response.json()["results"]


def step(**overrides: Any) -> dict[str, Any]:
    carried = make_progress(dossier_code(1), **overrides)
    carried.pop("MaHoSo")  # filled in from the record
    return carried


# ---- the stand-in -----------------------------------------------------------------------


def test_a_carried_step_is_one_change_one_version_one_feed_item(
    portal_server: PortalServer, raw_portal: RawPortal
) -> None:
    push(raw_portal, [make_dossier(1)], key="c1", is_updating=False)
    code = dossier_code(1)
    record = make_dossier(1, TrangThaiHoSo=4, **{STEP: step(), "PhienBan": 1})
    [result] = push(raw_portal, [record], key="u1")
    assert (result["status"], result["version"]) == ("ok", 2)
    stored = portal_server.dossier(code)
    assert stored["TrangThaiHoSo"] == 4 and stored["version"] == 2
    assert [s["TrangThai"] for s in stored["TienDo"]] == [4]
    assert stored["TienDo"][0]["MaHoSo"] == code
    assert STEP not in stored  # not content: the record holds no step
    items = portal_server.store.changes(UNIT_CODE, 0, 100)[0]
    assert [i["type"] for i in items] == ["dossier", "dossier"]
    assert items[-1][STEP]["NguoiXuLy"] == "Trần Thị Bình" and STEP not in items[-1]["dossier"]
    # the same record again with the same step (a stray resend under a new key): nothing new
    [again] = push(raw_portal, [record], key="u2")
    assert (again["status"], again["version"]) == ("exists", 2)
    # identical content, a new step (a hand-over noted with the record): a change
    [noted] = push(
        raw_portal,
        [make_dossier(1, TrangThaiHoSo=4, **{STEP: step(NoiDungXuLy="Đã chuyển lại")})],
        key="u3",
    )
    assert (noted["status"], noted["version"]) == ("ok", 3)
    assert len(portal_server.dossier(code)["TienDo"]) == 2


def test_a_create_carries_its_step(portal_server: PortalServer, raw_portal: RawPortal) -> None:
    record = make_dossier(1, TrangThaiHoSo=3, NgayHenTra="", **{STEP: step(TrangThai=3)})
    [result] = push(raw_portal, [record], key="c1", is_updating=False)
    assert (result["status"], result["version"]) == ("ok", 1)
    stored = portal_server.dossier(dossier_code(1))
    assert [s["TrangThai"] for s in stored["TienDo"]] == [3]


def test_a_bad_carried_step_refuses_its_record_only(
    portal_server: PortalServer, raw_portal: RawPortal
) -> None:
    push(raw_portal, [make_dossier(n) for n in (1, 2)], key="c1", is_updating=False)
    records = [
        make_dossier(1, TrangThaiHoSo=4, **{STEP: step(TrangThai=9)}),
        make_dossier(1, TrangThaiHoSo=4, **{STEP: step(NguoiXuLy="", ThoiDiemXuLy="hôm nay")}),
        make_dossier(1, TrangThaiHoSo=4, **{STEP: "đã chuyển"}),
        make_dossier(1, TrangThaiHoSo=4, **{STEP: {**step(), "MaHoSo": dossier_code(2)}}),
        make_dossier(2, TrangThaiHoSo=4, **{STEP: make_progress(dossier_code(2))}),
    ]
    results = push(raw_portal, records, key="u1")
    assert [r["status"] for r in results] == ["rejected"] * 4 + ["ok"]
    assert "BuocXuLy.TrangThai 9 khác TrangThaiHoSo 4" in results[0]["message"]
    assert "BuocXuLy: Thiếu NguoiXuLy" in results[1]["message"]
    assert "BuocXuLy: ThoiDiemXuLy" in results[1]["message"]
    assert "BuocXuLy phải là một đối tượng JSON" in results[2]["message"]
    assert (
        f"BuocXuLy.MaHoSo {dossier_code(2)} khác MaHoSo {dossier_code(1)}" in results[3]["message"]
    )
    first = portal_server.dossier(dossier_code(1))
    assert first["version"] == 1 and first["TrangThaiHoSo"] == 2 and first["TienDo"] == []
    assert portal_server.dossier(dossier_code(2))["version"] == 2


def test_a_carried_step_cannot_leave_a_final_status(
    portal_server: PortalServer, raw_portal: RawPortal
) -> None:
    push(raw_portal, [make_dossier(1)], key="c1", is_updating=False)
    done = {"TrangThaiHoSo": 10, "NgayTra": "20260715160000"}
    push(raw_portal, [make_dossier(1, **done, **{STEP: step(TrangThai=10)})], key="u1")
    [result] = push(raw_portal, [make_dossier(1, TrangThaiHoSo=4, **{STEP: step()})], key="u2")
    assert result["status"] == "rejected"
    assert "đã ở trạng thái cuối 10, không thể chuyển sang 4" in result["message"]
    assert portal_server.dossier(dossier_code(1))["TrangThaiHoSo"] == 10


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 20) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=12,
)
STEP_LIKE = st.fixed_dictionaries(
    {},
    optional={
        "MaHoSo": st.sampled_from([dossier_code(1), dossier_code(2), ""]) | JSON,
        "NguoiXuLy": st.sampled_from(["Trần Thị Bình", ""]) | JSON,
        "NoiDungXuLy": st.just("Chuyển") | JSON,
        "TrangThai": st.integers(0, 11) | JSON,
        "ThoiDiemXuLy": st.sampled_from(["20260715090000", "20261399000000"]) | JSON,
    },
)


@settings(max_examples=150, deadline=None)
@given(carried=JSON | STEP_LIKE)
def test_any_carried_step_is_split_without_raising(carried: Any) -> None:
    record = make_dossier(1, TrangThaiHoSo=4, **{STEP: carried})
    rest, found, errors = split_step(record)
    assert STEP not in rest and rest == make_dossier(1, TrangThaiHoSo=4)
    if carried is None:
        assert found is None and errors == []
    elif errors:
        assert all(e.startswith(STEP) for e in errors)
    else:
        assert found is not None
        assert found["MaHoSo"] == dossier_code(1) and found["TrangThai"] == 4


# ---- the app ----------------------------------------------------------------------------


@pytest.fixture
def portal(make_portal_server: Callable[..., PortalServer]) -> PortalServer:
    return make_portal_server(catalogue_path=SEED)


def counter(folder: Path, portal: PortalServer) -> CounterService:
    service = configure(CounterService.open(folder), counter=1)
    service.settings.update({"portal_url": portal.url, "portal_user": PORTAL_USER}, actor="test")
    secrets_store.set_portal_password(folder, PORTAL_USER, PORTAL_PASSWORD)
    return service


def client_for(portal: PortalServer) -> PortalClient:
    return PortalClient(
        PortalConfig(portal.url, PORTAL_USER, PORTAL_PASSWORD, connect_timeout=1, read_timeout=5)
    )


def outbox_ops(service: CounterService) -> list[str]:
    return [r[0] for r in service.store.conn().execute("SELECT op FROM outbox ORDER BY id")]


def test_a_status_change_is_one_entry_and_one_push(tmp_path: Path, portal: PortalServer) -> None:
    service = counter(tmp_path / "c1", portal)
    code = service.intake.receive(intake()).dossier["code"]
    with client_for(portal) as client:
        assert sync_pass(service, client).error is None
        service.dossiers.change_status(code, 4, by="an.nv", reason="Chuyển phòng chuyên môn")
        assert outbox_ops(service) == ["dossier", "dossier"]
        before = len(portal.request_log())
        report = sync_pass(service, client, pull=False)
    assert report.error is None and report.sent == 1
    paths = [e["path"] for e in portal.request_log()[before:]]
    assert paths.count(SYNC) == 1 and PROGRESS not in paths
    stored = portal.dossier(code)
    assert stored["TrangThaiHoSo"] == 4 and stored["version"] == 2
    [carried] = stored["TienDo"]
    assert carried["NoiDungXuLy"] == "Chuyển phòng chuyên môn" and carried["TrangThai"] == 4
    local = service.dossiers.get(code)
    assert local["sync_state"] == "synced" and local["portal_version"] == 2
    service.close()


def test_old_separate_progress_items_in_an_outbox_still_go(
    tmp_path: Path, portal: PortalServer
) -> None:
    """An outbox written before steps rode in the record: the update, then its own step."""
    service = counter(tmp_path / "c1", portal)
    code = service.intake.receive(intake()).dossier["code"]
    service.dossiers.change_status(code, 4, by="an.nv")
    with service.store.write() as conn:
        # as the previous version queued it: the record without its step, then the step
        row = conn.execute("SELECT id, payload FROM outbox ORDER BY id DESC LIMIT 1").fetchone()
        dossier = service.dossiers.get(code)
        old_step = portal_mapping.progress_record(
            dossier,
            officer_name="Nguyễn Văn An",
            at=dossier["updated_at"],
            status=4,
            content="Chuyển xử lý",
        )
        conn.execute("DELETE FROM outbox WHERE id = ?", (row["id"],))
        unit = service.settings.get("unit_code")
        queue_dossier(conn, dossier, unit_code=unit, is_updating=True)
        queue_entry(conn, dossier["id"], "progress", {"record": old_step})
    assert outbox_ops(service) == ["dossier", "dossier", "progress"]
    with client_for(portal) as client:
        for _ in range(3):
            assert sync_pass(service, client).error is None
    stored = portal.dossier(code)
    assert stored["TrangThaiHoSo"] == 4 and stored["version"] == 3
    assert [s["NoiDungXuLy"] for s in stored["TienDo"]] == ["Chuyển xử lý"]
    states = [r[0] for r in service.store.conn().execute("SELECT state FROM outbox")]
    assert states == ["synced"] * 3
    service.close()


# ---- a portal that ignores BuocXuLy -------------------------------------------------------


def test_the_stand_in_acknowledges_a_step_it_holds_and_can_ignore_it(
    portal_server: PortalServer, raw_portal: RawPortal
) -> None:
    created = push(raw_portal, [make_dossier(1)], key="a1", is_updating=False)
    assert STEP not in created[0]  # nothing carried, nothing acknowledged
    [held] = push(raw_portal, [make_dossier(1, TrangThaiHoSo=4) | {STEP: step()}], key="a2")
    assert held["status"] == "ok" and held[STEP] == "ok"
    portal_server.carries_steps = False  # now a portal that does not know the field
    record = make_dossier(1, TrangThaiHoSo=9) | {STEP: step(TrangThai=9)}
    [ignored] = push(raw_portal, [record], key="a3")
    assert ignored["status"] == "ok" and STEP not in ignored
    stored = portal_server.dossier(dossier_code(1))
    assert stored["TrangThaiHoSo"] == 9 and STEP not in stored
    assert [s["TrangThai"] for s in stored["TienDo"]] == [4]  # the step was dropped unread
    # a bad step is not even looked at
    [unread] = push(raw_portal, [make_dossier(1, TrangThaiHoSo=9) | {STEP: "junk"}], key="a4")
    assert unread["status"] in ("ok", "exists")


@pytest.mark.parametrize("carries", [True, False], ids=["carrying", "ignoring"])
def test_no_step_is_lost_whether_the_portal_carries_it_or_not(
    tmp_path: Path, portal: PortalServer, carries: bool
) -> None:
    portal.carries_steps = carries
    service = counter(tmp_path / "c1", portal)
    code = service.intake.receive(intake()).dossier["code"]
    refused = service.intake.receive_with_status(
        intake(), 3, by="an.nv", reason="Không thuộc thẩm quyền của xã"
    ).dossier["code"]
    service.dossiers.change_status(code, 4, by="an.nv", reason="Chuyển phòng chuyên môn")
    service.dossiers.change_status(code, 9, by="an.nv", reason="Có kết quả")
    with client_for(portal) as client:
        before = len(portal.request_log())
        for _ in range(4):
            report = sync_pass(service, client, pull=False)
            assert report.error is None
        paths = [e["path"] for e in portal.request_log()[before:]]
    stored = portal.dossier(code)
    assert stored["TrangThaiHoSo"] == 9
    # every step, once each, in the order made, whichever way it travelled
    assert [(s["TrangThai"], s["NoiDungXuLy"]) for s in stored["TienDo"]] == [
        (4, "Chuyển phòng chuyên môn"),
        (9, "Có kết quả"),
    ]
    assert [s["TrangThai"] for s in portal.dossier(refused)["TienDo"]] == [3]
    states = {r[0] for r in service.store.conn().execute("SELECT state FROM outbox")}
    assert states == {"synced"}
    local = service.dossiers.get(code)
    assert local["sync_state"] == "synced" and local["portal_version"] == stored["version"]
    if carries:
        assert PROGRESS not in paths and stored["version"] == 3
    else:  # each step went as its own request, after its record
        assert outbox_ops(service).count("progress") == 3
        assert stored["version"] == 5
    service.close()
