"""Appointment date engine (DESIGN §6), against the real `holidays` data (no mocks).

Calendar facts used below (weekday of the 1st: Feb 2026 Sun, Mar 2026 Sun,
Apr 2026 Wed, Aug 2026 Sat, Sep 2026 Tue, Feb 2027 Mon):
- Tết 2026: Mon 16 – Fri 20 Feb off; Mon 23 Feb is the first working day after.
- Giỗ Tổ 2026 falls on Sun 26 Apr, substitute day off Mon 27 Apr.
- 30/4–1/5 2026: Thu 30 Apr, Fri 1 May off; Mon 4 May working.
- 2/9 2026: Mon 31 Aug (swapped with make-up Saturday 22 Aug), Tue 1 and Wed 2 Sep off.
- Tết 2027: Thu 4 – Wed 10 Feb off; Thu 11 Feb working.
Default hours 07:30–11:30 + 13:30–17:00 = 7 h 30 min a day.
"""

from __future__ import annotations

import time as _time
import unicodedata
from datetime import date, datetime, time, timedelta, timezone

import pytest

from counter_app.domain.appointments import (
    TimeUnit,
    WorkCalendar,
    format_appointment,
    weekday_name,
)
from counter_app.domain.working_hours import DEFAULT_HOURS, WorkingHours

WD = TimeUnit.WORKING_DAYS
WH = TimeUnit.WORKING_HOURS
CD = TimeUnit.CALENDAR_DAYS
SD = TimeUnit.SAME_DAY


def dt(y, mo, d, h=0, mi=0, s=0):
    return datetime(y, mo, d, h, mi, s)


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar()


# --------------------------------------------------------------------------- working days / holidays


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 2, 13), True),  # Fri before Tết
        (date(2026, 2, 14), False),  # Sat
        (date(2026, 2, 16), False),  # Giao thừa
        (date(2026, 2, 20), False),  # Mùng bốn
        (date(2026, 2, 23), True),
        (date(2026, 4, 27), False),  # Giỗ Tổ substitute
        (date(2026, 4, 30), False),
        (date(2026, 5, 1), False),
        (date(2026, 5, 4), True),
        (date(2026, 8, 22), True),  # make-up Saturday
        (date(2026, 8, 29), False),  # ordinary Saturday
        (date(2026, 8, 31), False),
        (date(2026, 9, 1), False),
        (date(2026, 9, 2), False),
        (date(2026, 9, 3), True),
        (date(2027, 2, 3), True),
        (date(2027, 2, 4), False),
        (date(2027, 2, 10), False),
        (date(2027, 2, 11), True),
    ],
)
def test_is_working_day(cal, day, working):
    assert cal.is_working_day(day) is working


def test_make_up_saturday_is_known_to_holidays(cal):
    # holidays lists 22/08/2026 among weekend workdays and names 31/08 as its swap.
    assert cal.is_working_day(date(2026, 8, 22))
    assert cal.holiday_name(date(2026, 8, 22)) is None
    assert "22/08/2026" in cal.holiday_name(date(2026, 8, 31))


def test_holiday_names(cal):
    assert cal.holiday_name(date(2026, 2, 17)) == "Tết Nguyên Đán"
    assert cal.holiday_name(date(2026, 9, 2)) == "Quốc khánh"
    assert cal.holiday_name(date(2026, 3, 2)) is None
    assert cal.holiday_name(datetime(2026, 4, 30, 10)) == "Ngày Chiến thắng"


def test_next_working_day(cal):
    assert cal.next_working_day(date(2026, 2, 13)) == date(2026, 2, 23)
    assert cal.next_working_day(date(2026, 3, 2)) == date(2026, 3, 3)  # strictly after
    assert cal.next_working_day(date(2026, 8, 21)) == date(2026, 8, 22)  # make-up Saturday
    assert cal.next_working_day(date(2026, 8, 28)) == date(2026, 9, 3)
    assert cal.next_working_day(date(2027, 2, 3)) == date(2027, 2, 11)
    assert cal.next_working_day(date(2026, 12, 31)) == date(2027, 1, 4)  # 1/1/2027 Fri off


def test_override_adds_and_removes_days():
    cal = WorkCalendar(overrides={date(2026, 2, 14): True, date(2026, 2, 23): False})
    assert cal.is_working_day(date(2026, 2, 14))
    assert not cal.is_working_day(date(2026, 2, 23))
    assert cal.overrides == {date(2026, 2, 14): True, date(2026, 2, 23): False}
    # Added Saturday 14/02 is the 1st working day after Fri 13/02.
    assert cal.due_at(dt(2026, 2, 13, 10), 1, WD) == dt(2026, 2, 14, 10)
    # Without 23/02: 14 (1), 24 (2), 25 (3).
    assert cal.due_at(dt(2026, 2, 13, 10), 3, WD) == dt(2026, 2, 25, 10)


def test_override_removing_a_day():
    cal = WorkCalendar(overrides={date(2026, 2, 23): False})
    # Tết until 20/02, 23/02 removed: 24 (1), 25 (2), 26 (3).
    assert cal.due_at(dt(2026, 2, 13, 10), 3, WD) == dt(2026, 2, 26, 10)
    # Receipt on the removed day is treated as 07:30 on the next working day.
    assert cal.service_start(dt(2026, 2, 23, 9)) == dt(2026, 2, 24, 7, 30)


def test_override_on_a_holiday_keeps_its_name():
    cal = WorkCalendar(overrides={date(2026, 2, 20): True})
    assert cal.is_working_day(date(2026, 2, 20))
    assert cal.holiday_name(date(2026, 2, 20)) == "Mùng bốn Tết Nguyên Đán"
    assert cal.due_at(dt(2026, 2, 13, 10), 1, WD) == dt(2026, 2, 20, 10)


def test_overrides_are_copied():
    table = {date(2026, 3, 2): False}
    cal = WorkCalendar(overrides=table)
    table[date(2026, 3, 2)] = True
    assert not cal.is_working_day(date(2026, 3, 2))


# --------------------------------------------------------------------------- service start


@pytest.mark.parametrize(
    ("received", "start"),
    [
        (dt(2026, 3, 2, 9, 15), dt(2026, 3, 2, 9, 15)),  # inside morning period
        (dt(2026, 3, 2, 7, 30), dt(2026, 3, 2, 7, 30)),  # period start is inside
        (dt(2026, 3, 2, 6, 0), dt(2026, 3, 2, 7, 30)),  # before the first period
        (dt(2026, 3, 2, 11, 30), dt(2026, 3, 2, 13, 30)),  # period end is already lunch
        (dt(2026, 3, 2, 12, 0), dt(2026, 3, 2, 13, 30)),  # lunch break
        (dt(2026, 3, 2, 16, 59), dt(2026, 3, 2, 16, 59)),
        (dt(2026, 3, 2, 17, 0), dt(2026, 3, 3, 7, 30)),  # 17:00 = after hours
        (dt(2026, 3, 2, 18, 0), dt(2026, 3, 3, 7, 30)),
        (dt(2026, 3, 7, 10, 0), dt(2026, 3, 9, 7, 30)),  # Saturday -> Monday
        (dt(2026, 2, 13, 18, 0), dt(2026, 2, 23, 7, 30)),  # Fri evening before Tết
        (dt(2026, 2, 17, 9, 0), dt(2026, 2, 23, 7, 30)),  # during Tết
        (dt(2026, 8, 21, 18, 0), dt(2026, 8, 22, 7, 30)),  # Fri evening -> make-up Sat
    ],
)
def test_service_start(cal, received, start):
    assert cal.service_start(received) == start


# --------------------------------------------------------------------------- working days


@pytest.mark.parametrize(
    ("received", "amount", "due"),
    [
        # 13/02 (Fri) does not count; 16–20 Tết, 21–22 weekend: 23 (1), 24 (2), 25 (3).
        (dt(2026, 2, 13, 10), 3, dt(2026, 2, 25, 10)),
        (dt(2026, 2, 13, 10), 1, dt(2026, 2, 23, 10)),
        # Tết 2027: 4–10 Feb off -> 11 (1), 12 (2).
        (dt(2027, 2, 3, 14), 2, dt(2027, 2, 12, 14)),
        # 30/4–1/5: Wed 29/04 -> Mon 04/05.
        (dt(2026, 4, 29, 9), 1, dt(2026, 5, 4, 9)),
        # Fri 24/04: 25–26 weekend, 27 Giỗ Tổ substitute -> 28 (1), 29 (2), 04/05 (3).
        (dt(2026, 4, 24, 9), 3, dt(2026, 5, 4, 9)),
        # 2/9: Fri 28/08 -> 29–30 weekend, 31/08–02/09 off -> Thu 03/09.
        (dt(2026, 8, 28, 10), 1, dt(2026, 9, 3, 10)),
        # Make-up Saturday counts: Fri 21/08 -> Sat 22 (1), Mon 24 (2).
        (dt(2026, 8, 21, 10), 1, dt(2026, 8, 22, 10)),
        (dt(2026, 8, 21, 10), 2, dt(2026, 8, 24, 10)),
        # Lunch receipt is 13:30 that day: Mon 02/03 -> Tue 03/03 13:30.
        (dt(2026, 3, 2, 12), 1, dt(2026, 3, 3, 13, 30)),
        # After hours: Mon 18:00 -> Tue 07:30 is the receipt; +2 -> Thu 05/03 07:30.
        (dt(2026, 3, 2, 18), 2, dt(2026, 3, 5, 7, 30)),
        # Weekend: Sat 07/03 -> Mon 09/03 07:30 is the receipt; +1 -> Tue 10/03 07:30.
        (dt(2026, 3, 7, 10), 1, dt(2026, 3, 10, 7, 30)),
        # Zero days: the normalised receipt itself.
        (dt(2026, 3, 2, 12), 0, dt(2026, 3, 2, 13, 30)),
        # 10 days across the year end: 2026-12-31 (Thu) -> 04,05,06,07,08,11,12,13,14,15 Jan.
        (dt(2026, 12, 31, 8), 10, dt(2027, 1, 15, 8)),
    ],
)
def test_due_working_days(cal, received, amount, due):
    assert cal.due_at(received, amount, WD) == due
    assert cal.due_at(received, float(amount), "working_days") == due


@pytest.mark.parametrize(
    ("received", "amount", "due"),
    [
        # 0.5 day = 3 h 45 min of working time.
        (dt(2026, 3, 2, 7, 30), 0.5, dt(2026, 3, 2, 11, 15)),
        # 10:00–11:30 is 1 h 30, the remaining 2 h 15 from 13:30 -> 15:45.
        (dt(2026, 3, 2, 10), 0.5, dt(2026, 3, 2, 15, 45)),
        # 1.5 days = 11 h 15: Mon 13:30–17:00 3 h 30, Tue 7 h 30 (11 h), Wed 07:30 + 15 min.
        (dt(2026, 3, 2, 13, 30), 1.5, dt(2026, 3, 4, 7, 45)),
        # Same as "1 day by the day rule (Tue 10:00) + 3 h 45" -> Tue 15:45.
        (dt(2026, 3, 2, 10), 1.5, dt(2026, 3, 3, 15, 45)),
    ],
)
def test_due_fractional_working_days(cal, received, amount, due):
    assert cal.due_at(received, amount, WD) == due


def test_fractional_days_equal_working_time_definition(cal):
    # Brief: a fractional amount is amount x a day's working time added with add_working_time.
    day = DEFAULT_HOURS.daily_total
    starts = [dt(2026, 2, 11, 7, 30), dt(2026, 2, 12, 13, 30), dt(2026, 8, 20, 16, 10)]
    starts += [dt(2026, 3, 2, 12), dt(2026, 3, 6, 18), dt(2026, 4, 29, 11, 29)]
    for received in starts:
        start = cal.service_start(received)
        for amount in (0.25, 0.5, 1.5, 2.75, 4.1):
            expected = cal.add_working_time(start, day * amount)
            assert cal.due_at(received, amount, WD) == expected, (received, amount)


# --------------------------------------------------------------------------- working hours


@pytest.mark.parametrize(
    ("received", "hours", "due"),
    [
        (dt(2026, 3, 2, 8), 2, dt(2026, 3, 2, 10)),
        # Landing exactly at a period end stays there (not 13:30).
        (dt(2026, 3, 2, 9, 30), 2, dt(2026, 3, 2, 11, 30)),
        (dt(2026, 3, 2, 13, 30), 3.5, dt(2026, 3, 2, 17)),
        # Across lunch: 10:30–11:30 (1 h), then 13:30 + 1 h.
        (dt(2026, 3, 2, 10, 30), 2, dt(2026, 3, 2, 14, 30)),
        # Lunch receipt starts at 13:30.
        (dt(2026, 3, 2, 12), 2, dt(2026, 3, 2, 15, 30)),
        # Across days: Mon 16:00–17:00 (1 h), Tue morning 4 h (5 h), 13:30 + 3 h.
        (dt(2026, 3, 2, 16), 8, dt(2026, 3, 3, 16, 30)),
        # Across Tết: Fri 13/02 16:00–17:00 (1 h), then Mon 23/02 07:30 + 1 h.
        (dt(2026, 2, 13, 16), 2, dt(2026, 2, 23, 8, 30)),
        # After hours -> Tue 07:30 + 4 h = 11:30 (period end).
        (dt(2026, 3, 2, 18), 4, dt(2026, 3, 3, 11, 30)),
        # 40 h = 5 days of 7 h 30 (37 h 30) + 2 h 30: Mon 07:30 ... Fri 17:00, next Mon 10:00.
        (dt(2026, 3, 2, 7, 30), 40, dt(2026, 3, 9, 10)),
        (dt(2026, 3, 2, 8), 0.25, dt(2026, 3, 2, 8, 15)),
    ],
)
def test_due_working_hours(cal, received, hours, due):
    assert cal.due_at(received, hours, WH) == due


# --------------------------------------------------------------------------- calendar days


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        (dt(2026, 3, 2, 10), 3, dt(2026, 3, 5, 10)),
        # Thu 12/02 + 5 = Tue 17/02 (Tết) -> rolled to Mon 23/02 at the same clock time.
        (dt(2026, 2, 12, 10), 5, dt(2026, 2, 23, 10)),
        # Fri 13/02 + 1 = Sat 14/02 -> Mon 23/02.
        (dt(2026, 2, 13, 10), 1, dt(2026, 2, 23, 10)),
        # Sat 07/03 is normalised to Mon 09/03 07:30; + 3 = Thu 12/03 07:30.
        (dt(2026, 3, 7, 10), 3, dt(2026, 3, 12, 7, 30)),
        # Lunch 12:00 -> 13:30; Wed 26/08 + 3 = Sat 29/08 -> 30 Sun, 31/08–02/09 off -> 03/09.
        (dt(2026, 8, 26, 12), 3, dt(2026, 9, 3, 13, 30)),
        # Landing on the make-up Saturday is fine: Wed 19/08 + 3 = Sat 22/08.
        (dt(2026, 8, 19, 9), 3, dt(2026, 8, 22, 9)),
        # 30/4–1/5: Mon 20/04 + 10 = Thu 30/04 -> Fri 1/5 off, weekend -> Mon 04/05.
        (dt(2026, 4, 20, 9), 10, dt(2026, 5, 4, 9)),
    ],
)
def test_due_calendar_days(cal, received, days, due):
    assert cal.due_at(received, days, CD) == due


# --------------------------------------------------------------------------- same day


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (dt(2026, 3, 2, 8), dt(2026, 3, 2, 17)),
        (dt(2026, 3, 2, 12), dt(2026, 3, 2, 17)),  # lunch -> 13:30, before cutoff
        (dt(2026, 3, 2, 15, 0), dt(2026, 3, 2, 17)),  # at the cutoff: still today
        (dt(2026, 3, 2, 15, 0, 1), dt(2026, 3, 3, 17)),  # after the cutoff
        (dt(2026, 3, 2, 16, 30), dt(2026, 3, 3, 17)),
        (dt(2026, 3, 2, 18), dt(2026, 3, 3, 17)),  # after hours -> Tue 07:30
        (dt(2026, 3, 7, 10), dt(2026, 3, 9, 17)),  # Saturday -> Monday
        (dt(2026, 2, 13, 15, 30), dt(2026, 2, 23, 17)),  # after cutoff before Tết
        (dt(2026, 8, 21, 16), dt(2026, 8, 22, 17)),  # -> make-up Saturday
    ],
)
def test_due_same_day(cal, received, due):
    assert cal.due_at(received, 0, SD) == due
    assert cal.due_at(received, 1, "same_day") == due


def test_custom_hours():
    hours = WorkingHours.parse("07:00-11:00,13:00-16:30")
    cal = WorkCalendar(hours=WorkingHours(hours.periods, same_day_cutoff=time(14, 0)))
    assert cal.due_at(dt(2026, 3, 2, 13, 59), 0, SD) == dt(2026, 3, 2, 16, 30)
    assert cal.due_at(dt(2026, 3, 2, 14, 1), 0, SD) == dt(2026, 3, 3, 16, 30)
    assert cal.service_start(dt(2026, 3, 2, 12)) == dt(2026, 3, 2, 13)
    assert cal.service_start(dt(2026, 3, 2, 16, 45)) == dt(2026, 3, 3, 7)
    # Day = 7 h 30; 0.5 day from 07:00 = 10:45.
    assert cal.due_at(dt(2026, 3, 2, 7), 0.5, WD) == dt(2026, 3, 2, 10, 45)


# --------------------------------------------------------------------------- working time


def test_working_time_between(cal):
    h = timedelta(hours=1)
    assert cal.working_time_between(dt(2026, 3, 2, 7, 30), dt(2026, 3, 2, 17)) == 7.5 * h
    assert cal.working_time_between(dt(2026, 3, 2, 0), dt(2026, 3, 3, 0)) == 7.5 * h
    assert cal.working_time_between(dt(2026, 3, 2, 12), dt(2026, 3, 2, 13, 30)) == timedelta()
    assert cal.working_time_between(dt(2026, 3, 2, 11), dt(2026, 3, 2, 14)) == 1 * h
    # Tết and the weekend contribute nothing: Fri 07:30 -> Mon 23/02 07:30 = one day.
    assert cal.working_time_between(dt(2026, 2, 13, 7, 30), dt(2026, 2, 23, 7, 30)) == 7.5 * h
    # Make-up Saturday counts: Fri 21/08 17:00 -> Mon 24/08 07:30 = Sat 22/08 only.
    assert cal.working_time_between(dt(2026, 8, 21, 17), dt(2026, 8, 24, 7, 30)) == 7.5 * h
    assert cal.working_time_between(dt(2026, 3, 3), dt(2026, 3, 2)) == timedelta()


def test_add_working_time_is_inverse_of_working_time_between(cal):
    start = dt(2026, 2, 11, 9, 17)
    for minutes in (0, 1, 133, 240, 253, 450, 451, 2000, 10_000):
        end = cal.add_working_time(start, timedelta(minutes=minutes))
        assert cal.working_time_between(start, end) == timedelta(minutes=minutes)


def test_add_working_time_from_outside_hours(cal):
    # Zero returns the start unchanged; positive time starts at the next period.
    assert cal.add_working_time(dt(2026, 3, 7, 10), timedelta()) == dt(2026, 3, 7, 10)
    assert cal.add_working_time(dt(2026, 3, 7, 10), timedelta(minutes=30)) == dt(2026, 3, 9, 8)
    assert cal.add_working_time(dt(2026, 3, 2, 12), timedelta(hours=1)) == dt(2026, 3, 2, 14, 30)
    # 7 h 30 from 07:30 ends at 17:00 the same day (end of period stays).
    assert cal.add_working_time(dt(2026, 3, 2, 7, 30), timedelta(hours=7.5)) == dt(2026, 3, 2, 17)
    with pytest.raises(ValueError):
        cal.add_working_time(dt(2026, 3, 2, 8), timedelta(hours=-1))


# --------------------------------------------------------------------------- supplement pause


def test_resume_vs_restart_working_days(cal):
    received = dt(2026, 3, 2, 8)  # Mon
    old_due = cal.due_at(received, 5, WD)
    assert old_due == dt(2026, 3, 9, 8)  # 3,4,5,6,9 March
    paused, resumed = dt(2026, 3, 4, 8), dt(2026, 3, 12, 10)  # Wed ... Thu next week
    kw = dict(paused_at=paused, old_due=old_due, resumed_at=resumed, amount=5, unit=WD)
    # Restart: 5 full days from Thu 12/03 10:00 -> 13, 16, 17, 18, 19 -> Thu 19/03 10:00.
    assert cal.resumed_due_at(**kw) == dt(2026, 3, 19, 10)
    assert cal.resumed_due_at(**kw, mode="restart") == dt(2026, 3, 19, 10)
    # Remaining working time Wed 04/03 08:00 -> Mon 09/03 08:00: 7 h (Wed) + 7 h 30 (Thu)
    # + 7 h 30 (Fri) + 30 min (Mon) = 22 h 30 = 3 days -> Thu 12/03 10:00 + 3 days = Tue 17/03.
    assert cal.resumed_due_at(**kw, mode="resume") == dt(2026, 3, 17, 10)
    # Resumed in the lunch break: the clock restarts at 13:30.
    kw["resumed_at"] = dt(2026, 3, 12, 12)
    assert cal.resumed_due_at(**kw, mode="resume") == dt(2026, 3, 17, 13, 30)


def test_resume_across_tet(cal):
    # Received Mon 09/02 09:00 + 5 WD -> 10, 11, 12, 13, 23 -> Mon 23/02 09:00.
    old_due = cal.due_at(dt(2026, 2, 9, 9), 5, WD)
    assert old_due == dt(2026, 2, 23, 9)
    # Paused Thu 12/02 09:00: remaining Thu 09:00-17:00 (6 h) + Fri 13 (7 h 30)
    # + Mon 23 07:30-09:00 (1 h 30) = 15 h = 2 days; Tết adds nothing.
    # Resumed Tue 24/02 15:00 -> Wed 25 15:00 (1), Thu 26 15:00 (2).
    due = cal.resumed_due_at(
        paused_at=dt(2026, 2, 12, 9),
        old_due=old_due,
        resumed_at=dt(2026, 2, 24, 15),
        amount=5,
        unit="working_days",
        mode="resume",
    )
    assert due == dt(2026, 2, 26, 15)


def test_resume_working_hours(cal):
    # 8 h from Mon 02/03 08:00 -> 08:00–11:30 3 h 30, 13:30–17:00 3 h 30, Tue 07:30 + 1 h.
    old_due = cal.due_at(dt(2026, 3, 2, 8), 8, WH)
    assert old_due == dt(2026, 3, 3, 8, 30)
    # Paused Mon 10:00: remaining 1 h 30 + 3 h 30 + 1 h = 6 h. Resumed Fri 06/03 18:00
    # -> Mon 09/03 07:30 + 6 h = 11:30 (4 h) + 2 h -> 15:30.
    kw = dict(paused_at=dt(2026, 3, 2, 10), old_due=old_due, resumed_at=dt(2026, 3, 6, 18))
    assert cal.resumed_due_at(**kw, amount=8, unit=WH, mode="resume") == dt(2026, 3, 9, 15, 30)
    # Restart: 8 h from Mon 09/03 07:30 -> 7 h 30 Monday, Tue 07:30 + 30 min.
    assert cal.resumed_due_at(**kw, amount=8, unit=WH) == dt(2026, 3, 10, 8)


def test_resume_vs_restart_calendar_days(cal):
    old_due = cal.due_at(dt(2026, 3, 2, 10), 10, CD)
    assert old_due == dt(2026, 3, 12, 10)
    kw = dict(paused_at=dt(2026, 3, 6, 10), old_due=old_due, resumed_at=dt(2026, 3, 9, 8))
    # Remaining 6 calendar days from Mon 09/03 08:00 = Sun 15/03 -> Mon 16/03 08:00.
    assert cal.resumed_due_at(**kw, amount=10, unit=CD, mode="resume") == dt(2026, 3, 16, 8)
    # Restart: Mon 09/03 08:00 + 10 = Thu 19/03 08:00.
    assert cal.resumed_due_at(**kw, amount=10, unit=CD, mode="restart") == dt(2026, 3, 19, 8)


def test_resume_when_paused_after_due(cal):
    # Nothing remained: due as soon as the clock restarts.
    due = cal.resumed_due_at(
        paused_at=dt(2026, 3, 10, 9),
        old_due=dt(2026, 3, 9, 9),
        resumed_at=dt(2026, 3, 12, 12),
        amount=3,
        unit=WD,
        mode="resume",
    )
    assert due == dt(2026, 3, 12, 13, 30)


@pytest.mark.parametrize(
    ("received", "amount", "unit"),
    [
        (dt(2026, 3, 2, 13, 30), 1, WD),  # starts at a period start
        (dt(2026, 3, 2, 18), 2, WD),  # clock starts Tue 07:30
        (dt(2026, 2, 12, 9, 45), 4, WD),  # across Tết
        (dt(2026, 8, 20, 16), 3, WD),  # across the make-up Saturday and 2/9
        (dt(2026, 3, 2, 9, 30), 2, WH),
        (dt(2026, 3, 2, 10), 16, WH),
        (dt(2026, 3, 2, 14), 0, SD),
        (dt(2026, 3, 2, 10), 10, CD),
    ],
)
def test_resume_at_the_pause_instant_keeps_the_due_date(cal, received, amount, unit):
    old_due = cal.due_at(received, amount, unit)
    paused = cal.service_start(received)
    due = cal.resumed_due_at(
        paused_at=paused,
        old_due=old_due,
        resumed_at=paused,
        amount=amount,
        unit=unit,
        mode="resume",
    )
    assert due == old_due


def test_resumed_due_at_rejects_bad_input(cal):
    kw = dict(paused_at=dt(2026, 3, 4, 8), old_due=dt(2026, 3, 9, 8), amount=5, unit=WD)
    with pytest.raises(ValueError, match="restart"):
        cal.resumed_due_at(**kw, resumed_at=dt(2026, 3, 12, 10), mode="pause")
    with pytest.raises(ValueError):
        cal.resumed_due_at(**kw, resumed_at=dt(2026, 3, 3, 10))  # before the pause


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize("amount", [-1, -0.5, float("nan"), float("inf"), "abc", None, True])
def test_rejects_bad_amount(cal, amount):
    with pytest.raises(ValueError):
        cal.due_at(dt(2026, 3, 2, 8), amount, WD)


@pytest.mark.parametrize("unit", ["days", "", "ngày làm việc", None])
def test_rejects_unknown_unit(cal, unit):
    with pytest.raises(ValueError, match="unit"):
        cal.due_at(dt(2026, 3, 2, 8), 1, unit)


def test_unit_strings_are_accepted(cal):
    assert cal.due_at(dt(2026, 3, 2, 8), 1, " Working_Days ") == dt(2026, 3, 3, 8)
    assert TimeUnit("same_day") is SD
    assert str(TimeUnit.WORKING_HOURS) == "working_hours"


def test_rejects_aware_datetimes(cal):
    aware = datetime(2026, 3, 2, 8, tzinfo=timezone(timedelta(hours=7)))
    with pytest.raises(ValueError):
        cal.due_at(aware, 1, WD)


# --------------------------------------------------------------------------- working hours text


def test_default_hours():
    assert DEFAULT_HOURS.periods == ((time(7, 30), time(11, 30)), (time(13, 30), time(17, 0)))
    assert DEFAULT_HOURS.same_day_cutoff == time(15, 0)
    assert DEFAULT_HOURS.daily_total == timedelta(hours=7, minutes=30)
    assert DEFAULT_HOURS.format() == "07:30-11:30,13:30-17:00"
    assert WorkingHours() == DEFAULT_HOURS


@pytest.mark.parametrize(
    "text",
    ["07:30-11:30,13:30-17:00", "08:00-17:00", "07:00-11:00,13:00-16:30", "07:30:15-11:30"],
)
def test_parse_format_round_trip(text):
    hours = WorkingHours.parse(text)
    assert hours.format() == text
    assert WorkingHours.parse(hours.format()) == hours


def test_parse_is_lenient_about_spacing():
    hours = WorkingHours.parse(" 7:30 - 11:30 ; 13:30–17:00 ")
    assert hours == DEFAULT_HOURS
    assert hours.format() == "07:30-11:30,13:30-17:00"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "07:30",
        "07:30-11:30,",
        "07:30-11:30-12:00",
        "25:00-26:00",
        "07:60-11:30",
        "11:30-07:30",  # ends before it starts
        "07:30-07:30",  # empty period
        "07:30-11:30,11:00-17:00",  # overlapping
        "13:30-17:00,07:30-11:30",  # unsorted
    ],
)
def test_parse_rejects_bad_text(text):
    with pytest.raises(ValueError) as info:
        WorkingHours.parse(text)
    message = str(info.value)
    assert "Invalid working hours" in message
    assert "Giờ làm việc không hợp lệ" in message


def test_direct_construction_is_validated():
    with pytest.raises(ValueError, match="overlap"):
        WorkingHours(((time(8), time(12)), (time(11), time(17))))
    with pytest.raises(ValueError):
        WorkingHours(())


# --------------------------------------------------------------------------- formatting


def test_weekday_names():
    names = [weekday_name(date(2026, 3, 2) + timedelta(days=i)) for i in range(7)]
    assert names == ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
    assert all(unicodedata.is_normalized("NFC", n) for n in names)


def test_format_appointment(cal):
    assert format_appointment(dt(2026, 2, 25, 9)) == "Thứ Tư, 25/02/2026 09:00"
    due = cal.due_at(dt(2026, 2, 13, 10), 3, WD)
    assert format_appointment(due) == "Thứ Tư, 25/02/2026 10:00"
    assert format_appointment(dt(2026, 3, 8, 17)) == "Chủ Nhật, 08/03/2026 17:00"


# --------------------------------------------------------------------------- speed


def test_due_at_is_fast():
    cal = WorkCalendar()
    cases = [
        (dt(2026, 2, 13, 10), 3, WD),
        (dt(2026, 8, 28, 16), 15, WD),
        (dt(2026, 3, 2, 12), 16, WH),
        (dt(2026, 2, 12, 10), 30, CD),
        (dt(2026, 3, 2, 15, 30), 0, SD),
    ]
    for case in cases:  # warm the holiday years
        cal.due_at(*case)
    rounds = 200
    began = _time.perf_counter()
    for _ in range(rounds):
        for case in cases:
            cal.due_at(*case)
    per_call = (_time.perf_counter() - began) / (rounds * len(cases))
    assert per_call < 1e-3, f"due_at took {per_call * 1e6:.0f} µs"
