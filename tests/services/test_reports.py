"""The centre's figures (service.reports.centre_figures) on a hand-made register with known
answers, the supervisor role, and the exports read back."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from conftest import intake

from counter_app.domain.counters import ONLINE, counter_of
from counter_app.services import AuthError, CounterService
from counter_app.services.staff import ADMINISTER, REPORTS, allows

PERIOD = (date(2026, 7, 13), date(2026, 7, 20))
NOW = datetime(2026, 7, 21, 9, 30)


def _receive(service: CounterService, received_at: str, **extra: object) -> dict:
    return service.intake.receive(intake(received_at=received_at, **extra)).dossier


def _advance(service: CounterService, code: str, *steps: tuple[int, str]) -> None:
    for status, at in steps:
        service.dossiers.change_status(
            code,
            status,
            by="an.nv",
            at=datetime.fromisoformat(at),
            collected_by="Nguyễn Thị Minh Khai" if status == 10 else "",
        )


def _later(moment: str, seconds: int) -> str:
    value = datetime.fromisoformat(moment)
    return (value.replace(second=value.second + seconds)).isoformat(sep=" ")


@pytest.fixture
def register(service: CounterService) -> CounterService:
    """Counter 1, counter 2 and one online dossier around the week 13–20/07/2026."""
    a = _receive(service, "2026-07-15 10:05")  # finished exactly at its appointment: on time
    _advance(service, a["code"], (4, "2026-07-16 08:00"), (9, a["due_at"]))
    b = _receive(service, "2026-07-15 10:06")  # finished one second after it: late
    _advance(service, b["code"], (4, "2026-07-16 08:00"), (9, _later(b["due_at"], 1)))
    c = _receive(service, "2026-07-16 09:00")  # open, appointment 21/07 09:00 < now: overdue
    _advance(service, c["code"], (4, "2026-07-16 10:00"))
    d = _receive(service, "2026-07-16 09:30")  # open, appointment 21/07 09:30 == now: not yet
    assert d["due_at"] == "2026-07-21 09:30:00" and c["due_at"] == "2026-07-21 09:00:00"
    service.intake.receive_with_status(  # refused at reception: never received
        intake(received_at="2026-07-15 11:00"), 3, by="an.nv", reason="Thiếu giấy tờ"
    )
    f = _receive(service, "2026-07-10 10:00")  # received before, finished in the period
    _advance(service, f["code"], (4, "2026-07-13 08:00"), (9, "2026-07-14 09:00"))
    _advance(service, f["code"], (10, "2026-07-15 09:00"))  # the hand-back is no 2nd finish
    _receive(service, "2026-07-21 08:00")  # after the period: in nothing
    online = _receive(service, "2026-07-14 10:00", channel="online")  # open and overdue
    service.settings.update({"counter": 2}, actor="test")
    h = _receive(service, "2026-07-17 08:00")
    assert counter_of(h["code"]) == 2 and counter_of(online["code"], "online") == ONLINE
    _advance(
        service,
        h["code"],
        (4, "2026-07-17 09:00"),
        (9, "2026-07-17 15:00"),
        (10, "2026-07-20 08:00"),
    )
    return service


def test_totals_and_rates_on_known_register(register: CounterService) -> None:
    figures = register.reports.centre_figures(*PERIOD, now=NOW)
    assert figures.totals == {
        "received": 6,
        "online": 1,
        "finished": 4,
        "on_time": 3,
        "late": 1,
        "overdue_now": 2,
        "online_share": round(1 / 6, 4),
        "on_time_rate": 0.75,
    }


def test_overdue_boundary_moves_with_now(register: CounterService) -> None:
    one_second_later = register.reports.centre_figures(*PERIOD, now=datetime(2026, 7, 21, 9, 30, 1))
    assert one_second_later.totals["overdue_now"] == 3  # d's appointment has now passed


def test_by_day_covers_every_day_of_the_period(register: CounterService) -> None:
    figures = register.reports.centre_figures(*PERIOD, now=NOW)
    days = {row["day"]: row for row in figures.by_day}
    assert list(days) == [f"2026-07-{d}" for d in range(13, 21)]
    picked = {
        day: (row["received"], row["finished"], row["on_time"], row["late"])
        for day, row in days.items()
    }
    assert picked == {
        "2026-07-13": (0, 0, 0, 0),
        "2026-07-14": (1, 1, 1, 0),
        "2026-07-15": (2, 0, 0, 0),
        "2026-07-16": (2, 0, 0, 0),
        "2026-07-17": (1, 1, 1, 0),
        "2026-07-18": (0, 0, 0, 0),
        "2026-07-19": (0, 0, 0, 0),
        "2026-07-20": (0, 2, 1, 1),
    }
    assert days["2026-07-20"]["on_time_rate"] == 0.5 and days["2026-07-13"]["on_time_rate"] is None


def test_by_counter_and_by_procedure(register: CounterService) -> None:
    figures = register.reports.centre_figures(*PERIOD, now=NOW)
    counters = {
        row["counter"]: tuple(row[k] for k in ("received", "finished", "on_time", "late"))
        + (row["overdue_now"],)
        for row in figures.by_counter
    }
    assert counters == {ONLINE: (1, 0, 0, 0, 1), 1: (4, 3, 2, 1, 1), 2: (1, 1, 1, 0, 0)}
    [procedure] = figures.by_procedure
    assert procedure["procedure_code"] == "1.004873" and procedure["received"] == 6
    assert procedure["procedure_name"]


def test_empty_period_and_bad_period(service: CounterService) -> None:
    figures = service.reports.centre_figures(date(2026, 1, 1), date(2026, 1, 1), now=NOW)
    assert figures.totals["received"] == 0 and figures.totals["on_time_rate"] is None
    assert len(figures.by_day) == 1 and figures.by_counter == []
    with pytest.raises(ValueError, match="date_to"):
        service.reports.centre_figures(date(2026, 1, 2), date(2026, 1, 1))


def test_counter_of_code() -> None:
    assert counter_of("000.00.01.H22-260715-2003") == 2
    assert counter_of("000.00.01.H22-260715-9999") == 9
    assert counter_of("G22.99-260715-0001") is None  # not a counter's sequence
    assert counter_of(None) is None


# -- roles ------------------------------------------------------------------------------
def test_supervisor_reads_and_reports_but_cannot_administer(service: CounterService) -> None:
    service.staff.add("chi.lt", "Lê Thị Chi", "matkhau3", role="supervisor", actor="an.nv")
    account = service.staff.authenticate("chi.lt", "matkhau3")
    assert account["role"] == "supervisor"
    assert allows("supervisor", REPORTS) and not allows("supervisor", ADMINISTER)
    assert not allows("officer", REPORTS) and allows("admin", ADMINISTER)
    service.intake.receive(intake())
    assert len(service.search.dossiers("")) == 1  # reads the register
    assert (
        service.reports.centre_figures(date(2026, 7, 15), date(2026, 7, 15)).totals["received"] == 1
    )
    for forbidden in (
        lambda: service.settings.update({"centre_name": "Khác"}, actor="chi.lt"),
        lambda: service.staff.add("x.y", "X Y", "matkhau9", actor="chi.lt"),
        lambda: service.staff.set_password("binh.tt", "matkhau9", actor="chi.lt"),
        lambda: service.staff.set_active("binh.tt", False, actor="chi.lt"),
        lambda: service.calendar.set_holiday_override(date(2026, 8, 1), True, actor="chi.lt"),
        lambda: service.staff.add("x.y", "X Y", "matkhau9", actor="binh.tt"),  # officers neither
    ):
        with pytest.raises(AuthError, match="không có quyền"):
            forbidden()
    assert service.settings.get("centre_name") != "Khác"
    service.settings.update({"paper": "80mm"}, actor="chi.lt")  # this PC's paper: anyone
    service.settings.update({"centre_name": "Trung tâm mới"}, actor="an.nv")  # the admin may
