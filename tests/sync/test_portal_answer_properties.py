"""Property suites for each portal answer parser (issue 10): whatever the portal sends, a
parser accepts it or raises AnswerError naming the value, never anything else; a feed item is
applied or quarantined, never an exception, and a quarantined item changes nothing else."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from conftest import configure, intake
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from portal_fixtures import make_dossier, portal_catalogue

from counter_app.domain import catalogue
from counter_app.portal import answers
from counter_app.portal import mapping as portal_mapping
from counter_app.portal_sim.catalogue import catalogue_to_portal
from counter_app.services import CounterService
from counter_app.sync.pull import apply_change
from counter_app.sync.status import PassReport

BOUNDED = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(["", "abc", "20260715083000", "20261399250000", "2026-07-15", "\x00"])
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)


def mutated(valid: dict[str, Any]) -> st.SearchStrategy[Any]:
    """`valid` with some fields replaced by anything, dropped, or nested fields poisoned."""

    @st.composite
    def poison(draw: Any) -> Any:
        item = json.loads(json.dumps(valid))
        for _ in range(draw(st.integers(1, 3))):
            target = item
            # one level down, sometimes: into a list of objects or an object field
            nested = [k for k, v in target.items() if isinstance(v, dict | list) and v]
            if nested and draw(st.booleans()):
                inner = target[draw(st.sampled_from(nested))]
                if isinstance(inner, list):
                    inner = inner[0]
                if isinstance(inner, dict) and inner:
                    target = inner
            if not target:
                break
            key = draw(st.sampled_from(sorted(target)))
            if draw(st.integers(0, 4)) == 0:
                del target[key]
            else:
                target[key] = draw(json_values)
        return item

    return poison() | st.just(valid) | json_values


def rejects_cleanly(check: Any, value: Any, *args: Any) -> bool:
    """True when `check` accepted `value`; AnswerError is the only way to refuse."""
    try:
        check(value, *args)
    except answers.AnswerError as error:
        assert error.path is not None and error.problem
        return False
    return True


# -- login ------------------------------------------------------------------------------------
@BOUNDED
@given(mutated({"token": "abc", "expires_in": 600, "expires_at": "20260715083000"}))
def test_login_answer(value: Any) -> None:
    if rejects_cleanly(answers.check_login, value):
        assert isinstance(value["token"], str) and value["token"].strip()
        expires_in = value.get("expires_in")
        assert expires_in is None or 0 < expires_in <= answers.MAX_TOKEN_LIFETIME


# -- push results -----------------------------------------------------------------------------
@BOUNDED
@given(
    mutated(
        {
            "results": [
                {"MaHoSo": "A-1", "status": "ok"},
                {"MaHoSo": "A-2", "status": "rejected", "message": "MaTTHC sai"},
            ]
        }
    )
)
def test_push_results(value: Any) -> None:
    records = [{"MaHoSo": "A-1"}, {"MaHoSo": "A-2"}]
    try:
        results = answers.check_push_results(value, records)
    except answers.AnswerError:
        return
    assert [r["MaHoSo"] for r in results] == ["A-1", "A-2"]
    assert all(r["status"] in answers.RESULT_STATUSES for r in results)


# -- catalogue --------------------------------------------------------------------------------
_VERSION, _PROCEDURES = catalogue_to_portal(portal_catalogue())


@BOUNDED
@given(mutated(_PROCEDURES[2]), json_values)
def test_catalogue_answer(procedure: Any, envelope: Any) -> None:
    rejects_cleanly(answers.check_catalogue, envelope)
    remote = {"version": "portal-x", "data": [_PROCEDURES[0], procedure]}
    assert rejects_cleanly(answers.check_catalogue, remote)
    if not rejects_cleanly(answers.check_procedure, procedure, 1):
        return
    # What pull_catalogue does next: map, then parse; a CatalogueError refuses it whole.
    document = portal_mapping.catalogue_document(remote)
    try:
        catalogue.parse_catalogue(json.dumps(document, ensure_ascii=False).encode("utf-8"))
    except catalogue.CatalogueError:
        pass


# -- holidays ---------------------------------------------------------------------------------
@BOUNDED
@given(mutated({"date": "2026-09-02", "working": False, "note": "Quốc khánh"}), json_values)
def test_holidays_answer(item: Any, envelope: Any) -> None:
    rejects_cleanly(answers.check_holidays, envelope)
    if rejects_cleanly(answers.check_holiday, item, 0):
        assert isinstance(date.fromisoformat(item["date"]), date)
        assert isinstance(item["working"], bool)


# -- changes feed -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def feed_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[CounterService, str]]:
    service = configure(CounterService.open(tmp_path_factory.mktemp("feed") / "data"))
    code = service.intake.receive(intake()).dossier["code"]
    yield service, code
    service.close()


def _counts(service: CounterService) -> tuple[int, ...]:
    conn = service.store.conn()
    tables = ("dossiers", "status_events", "audit_log", "outbox", "documents", "fees")
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    counts = tuple(
        conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables if t in present
    )
    statuses = tuple(r[0] for r in conn.execute("SELECT status FROM dossiers ORDER BY id"))
    return counts + statuses


@BOUNDED
@given(data=st.data())
def test_changes_page_and_items(feed_service: tuple[CounterService, str], data: Any) -> None:
    service, code = feed_service
    unit = service.settings.get("unit_code")
    online_code = f"{unit}-260715-0{data.draw(st.integers(100, 999))}"
    status_item = {
        "type": "status",
        "MaHoSo": code,
        "TrangThaiHoSo": 4,
        "NgayTra": "",
        "version": 2,
        "changed_at": "20260715090000",
    }
    online_item = {
        "type": "online_dossier",
        "MaHoSo": online_code,
        "version": 1,
        "dossier": make_dossier(1, unit_code=unit, MaHoSo=online_code, Uuid=online_code),
    }
    item = data.draw(mutated(status_item) | mutated(online_item))
    page = data.draw(mutated({"changes": [item], "cursor": "7", "has_more": False}))
    rejects_cleanly(answers.check_changes_page, page)

    before = _counts(service)
    quarantined_before = (
        service.store.conn().execute("SELECT count(*) FROM sync_quarantine").fetchone()[0]
    )
    report = PassReport()
    with service.store.write() as conn:
        applied = apply_change(service, conn, item, 0, report, cursor="7")
    quarantined = service.store.conn().execute("SELECT count(*) FROM sync_quarantine").fetchone()[0]
    if applied:
        assert report.quarantined == 0 and report.pulled_changes == 1
        assert all(
            1 <= s <= 10 for (s,) in service.store.conn().execute("SELECT status FROM dossiers")
        )
    else:
        assert report.quarantined == 1 and quarantined in (
            quarantined_before,
            quarantined_before + 1,
        )
        assert _counts(service) == before  # nothing else was written


@BOUNDED
@given(data=st.data())
def test_centre_corrections_in_the_feed(
    feed_service: tuple[CounterService, str], data: Any
) -> None:
    """Another counter's correction (issue 14): the applicant's details as the record carries
    them, poisoned; applied, or quarantined with nothing else written."""
    service, code = feed_service
    unit = service.settings.get("unit_code")
    held = service.dossiers.get(code)
    record = portal_mapping.dossier_record(held, unit) | {
        "ChuHoSo": "Nguyễn Thị Minh Khai Hoà",
        "NgaySinhChuHoSo": "19900502",
        "GioiTinhChuHoSo": "Nữ",
        "DiaChiChuHoSo": "Thôn Đông",
        "MaXaChuHoSo": 70,
        "MaTinhChuHoSo": 1,
    }
    item = data.draw(
        mutated(
            {
                "type": "dossier",
                "MaHoSo": code,
                "version": data.draw(st.integers(2, 10**6)),
                "MaQuay": 2,
                "dossier": record,
            }
        )
    )
    before = _counts(service)
    applicant_before = service.dossiers.get(code)["applicant"]
    report = PassReport()
    with service.store.write() as conn:
        applied = apply_change(service, conn, item, 0, report, cursor="8")
    if applied:
        assert report.quarantined == 0 and report.pulled_changes == 1
        service.dossiers.get(code)  # the copy still loads (its commune and province exist)
    else:
        assert report.quarantined == 1
        assert _counts(service) == before
        assert service.dossiers.get(code)["applicant"] == applicant_before
