"""Issue 13: a dossier refused or sent back for completion at the counter was never received."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from conftest import intake
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from portal_fixtures import PORTAL_PASSWORD, PORTAL_USER

from counter_app.domain.status import (
    ALLOWED,
    INTAKE_OUTCOMES,
    NOT_RECEIVED_TARGETS,
    Status,
    TransitionError,
    allowed_targets,
    check_transition,
)
from counter_app.ops import secrets_store
from counter_app.portal.client import PortalClient
from counter_app.portal.config import PortalConfig
from counter_app.portal_sim import PortalServer
from counter_app.services import CounterService, InputError
from counter_app.sync.engine import sync_pass

SEED = Path(__file__).resolve().parents[2] / "resources" / "catalogue.json"


def _targets_of_events(service: CounterService, code: str) -> list[int]:
    return [e["to_status"] for e in service.dossiers.get(code)["events"]]


def test_refusal_at_intake_is_recorded_at_3_without_a_receipt(service: CounterService) -> None:
    result = service.intake.receive_with_status(
        intake(received_at="2026-07-15 11:00"), 3, by="an.nv", reason="Không thuộc thẩm quyền"
    )
    dossier = service.dossiers.get(result.dossier["code"])
    assert dossier["status"] == 3 and dossier["due_at"] is None
    assert [(e["from_status"], e["to_status"]) for e in dossier["events"]] == [(None, 3)]
    assert dossier["events"][0]["reason"] == "Không thuộc thẩm quyền"
    assert service.dossiers.allowed_actions(dossier["code"]) == []
    text = service.prints.produce(dossier["code"], "refusal", officer="an.nv", deliver=bytes)
    assert text[:4] == b"%PDF"


def test_completion_request_at_intake_is_not_received_until_completed(
    service: CounterService,
) -> None:
    bring = [{"name": "Bản sao Giấy khai sinh", "kind": "certified_copy", "count": 1}]
    result = service.intake.receive_with_status(
        intake(received_at="2026-07-15 11:00"),
        5,
        by="an.nv",
        reason="Thiếu tờ khai",
        documents=bring,
    )
    code = result.dossier["code"]
    dossier = service.dossiers.get(code)
    assert dossier["status"] == 5 and dossier["due_at"] is None
    assert _targets_of_events(service, code) == [5]
    assert service.dossiers.allowed_actions(code) == sorted(int(s) for s in NOT_RECEIVED_TARGETS)
    with pytest.raises(InputError):  # no clock to resume: it must be received first
        service.dossiers.change_status(code, 4, by="an.nv")
    assert service.prints.produce(code, "supplement", officer="an.nv", deliver=bytes)[:4] == b"%PDF"
    received = service.dossiers.change_status(code, 2, by="an.nv", at=datetime(2026, 7, 17, 9, 0))
    assert received["received_at"] == "2026-07-17 09:00:00"  # the clock starts now
    expected = service.calendar.work_calendar().due_at(
        datetime(2026, 7, 17, 9, 0),
        received["procedure"]["processing_time"],
        received["procedure"]["time_unit"],
    )
    assert received["due_at"] == expected.strftime("%Y-%m-%d %H:%M:%S")
    assert _targets_of_events(service, code) == [5, 2]


def test_an_intake_outcome_other_than_2_3_5_is_refused(service: CounterService) -> None:
    with pytest.raises(InputError):
        service.intake.receive_with_status(intake(), 4, by="an.nv", reason="x")
    with pytest.raises(InputError):
        service.intake.receive_with_status(intake(), 3, by="an.nv", reason=" ")


def test_a_received_dossier_is_not_refused_at_reception(service: CounterService) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    with pytest.raises(InputError):
        service.dossiers.change_status(code, 3, by="an.nv", reason="Thiếu giấy tờ")


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    outcome=st.sampled_from([3, 5]),
    steps=st.lists(st.sampled_from([int(s) for s in Status]), max_size=4),
)
def test_intake_refusal_and_completion_never_produce_a_status_2_event_until_received(
    service: CounterService, outcome: int, steps: list[int]
) -> None:
    """Whatever legal moves follow, a 2 appears only as an explicit later receipt (5 -> 2)."""
    code = service.intake.receive_with_status(
        intake(), outcome, by="an.nv", reason="Lý do"
    ).dossier["code"]
    assert 2 not in _targets_of_events(service, code)
    for step in steps:
        if step == 2 or step not in service.dossiers.allowed_actions(code):
            continue
        service.dossiers.change_status(
            code, step, by="an.nv", reason="Lý do", collected_by="Nguyễn Văn A"
        )
        assert 2 not in _targets_of_events(service, code)


def test_status_machine_intake_rules() -> None:
    assert INTAKE_OUTCOMES == {Status.RECEIVED, Status.REFUSED, Status.SUPPLEMENT_REQUESTED}
    assert Status.REFUSED not in ALLOWED[Status.RECEIVED]
    assert allowed_targets(5, received=False) == NOT_RECEIVED_TARGETS
    assert allowed_targets(5) == ALLOWED[Status.SUPPLEMENT_REQUESTED]
    with pytest.raises(TransitionError):
        check_transition(5, 4, received=False)
    check_transition(5, 2, received=False)


@pytest.fixture
def portal(make_portal_server: Callable[..., PortalServer]) -> PortalServer:
    return make_portal_server(catalogue_path=SEED)


def test_refused_and_sent_back_dossiers_reach_the_portal_without_an_appointment(
    service: CounterService, portal: PortalServer, data_dir: Path
) -> None:

    service.settings.update({"portal_url": portal.url, "portal_user": PORTAL_USER}, actor="t")
    secrets_store.set_portal_password(data_dir, PORTAL_USER, PORTAL_PASSWORD)
    refused = service.intake.receive_with_status(intake(), 3, by="an.nv", reason="Sai thẩm quyền")
    sent_back = service.intake.receive_with_status(intake(), 5, by="an.nv", reason="Thiếu tờ khai")
    client = PortalClient(
        PortalConfig(portal.url, PORTAL_USER, PORTAL_PASSWORD, connect_timeout=1, read_timeout=2)
    )
    assert sync_pass(service, client).error is None
    for result, status in ((refused, 3), (sent_back, 5)):
        record = portal.dossier(result.dossier["code"])
        assert record["TrangThaiHoSo"] == status and record["NgayHenTra"] == ""
    assert (
        service.store.conn()
        .execute("SELECT count(*) FROM outbox WHERE state IN ('pending', 'rejected')")
        .fetchone()[0]
        == 0
    )


def test_demo_data_follows_the_status_machine(service: CounterService) -> None:
    """Issue 13: no 2 -> 10 jumps; the register's "Ngày trả" is the hand-back moment."""
    from counter_app.demo import generate_demo_data

    assert generate_demo_data(service, 400, seed=3) == 400
    conn = service.store.conn()
    rows = conn.execute(
        "SELECT d.id, d.status, d.received_at, d.due_at, d.returned_at FROM dossiers d"
    ).fetchall()
    for row in rows:
        events = conn.execute(
            "SELECT at, from_status, to_status FROM status_events WHERE dossier_id = ? ORDER BY id",
            (row["id"],),
        ).fetchall()
        assert events[0]["from_status"] is None and events[0]["at"] == row["received_at"]
        for before, after in zip(events, events[1:], strict=False):
            check_transition(before["to_status"], after["to_status"], "Dữ liệu mẫu")
            assert after["from_status"] == before["to_status"] and after["at"] >= before["at"]
        assert events[-1]["to_status"] == row["status"]
        if row["status"] == 10:
            assert row["returned_at"] == events[-1]["at"] > row["received_at"]
        if row["status"] == 3:
            assert row["due_at"] is None and len(events) == 1
