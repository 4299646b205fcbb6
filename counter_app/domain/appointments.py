"""Appointment (return) date engine (DESIGN.md §6).

All datetimes are naive Vietnam local time (see ``counter_app.domain.clock``).

Rules in short:

* A working day is Monday–Friday minus public holidays / official days off,
  plus official make-up Saturdays, as known by the ``holidays`` package
  (country ``VN``); a local override table wins over it.
* A receipt outside working hours is *normalised* by :meth:`WorkCalendar.service_start`
  to the start of the next working period.  Periods are half-open: 11:30 is
  already the lunch break and 17:00 is already "after hours".
* ``N working days``: same clock time on the N-th working day after the
  normalised day of receipt (that day does not count).
* ``working hours``: add working time across periods; a result landing exactly
  at the end of a period stays there (11:30, not 13:30).
* ``calendar days``: normalised receipt + N days, then rolled forward to a
  working day at the same clock time.
* ``same day``: end of the last period on the normalised receipt day, or on
  the next working day when received after the same-day cutoff — the
  procedure's own when the catalogue gives one (it is set by sector), else
  the commune's setting (:attr:`WorkingHours.same_day_cutoff`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from counter_app.domain.working_hours import DEFAULT_HOURS, WorkingHours, parse_cutoff

if TYPE_CHECKING:
    import holidays

__all__ = [
    "TimeUnit",
    "WorkCalendar",
    "format_appointment",
    "procedure_cutoff",
    "weekday_name",
]

# A calendar with no working day for this long is misconfigured (overrides gone wrong).
_MAX_SEARCH_DAYS = 3660


class TimeUnit(StrEnum):
    """Unit of a procedure's processing time (DESIGN §5)."""

    WORKING_DAYS = "working_days"
    WORKING_HOURS = "working_hours"
    CALENDAR_DAYS = "calendar_days"
    SAME_DAY = "same_day"


def _parse_unit(unit: TimeUnit | str) -> TimeUnit:
    if isinstance(unit, TimeUnit):
        return unit
    try:
        return TimeUnit(str(unit).strip().lower())
    except ValueError:
        valid = ", ".join(u.value for u in TimeUnit)
        raise ValueError(
            f"Unknown processing time unit {unit!r} (expected one of: {valid}) / "
            f"Đơn vị thời gian giải quyết không hợp lệ {unit!r} (cần một trong: {valid})"
        ) from None


def _parse_amount(amount: float) -> float:
    if isinstance(amount, bool):
        raise ValueError(f"Invalid processing time {amount!r} / Thời gian giải quyết không hợp lệ")
    try:
        value = float(amount)
    except (TypeError, ValueError):
        raise ValueError(
            f"Invalid processing time {amount!r} / Thời gian giải quyết không hợp lệ {amount!r}"
        ) from None
    if not math.isfinite(value) or value < 0:
        raise ValueError(
            f"Processing time must be a non-negative number, got {amount!r} / "
            f"Thời gian giải quyết phải là số không âm, nhận được {amount!r}"
        )
    return value


def _check_naive(moment: datetime, what: str = "moment") -> None:
    if not isinstance(moment, datetime):
        raise TypeError(f"{what} must be a datetime, got {type(moment).__name__}")
    if moment.tzinfo is not None:
        raise ValueError(
            f"{what} must be a naive Vietnam local time / {what} phải là giờ Việt Nam không kèm múi giờ"
        )


# --------------------------------------------------------------------------- working hours


# --------------------------------------------------------------------------- calendar


class WorkCalendar:
    """Working days and hours of one commune, and the due-date arithmetic on them.

    ``overrides`` is the local table: ``True`` forces a working day (a make-up
    Saturday ``holidays`` does not know), ``False`` forces a day off.  It is
    copied at construction; build a new calendar when the table changes.
    """

    def __init__(
        self,
        hours: WorkingHours = DEFAULT_HOURS,
        overrides: Mapping[date, bool] | None = None,
    ) -> None:
        self._hours = hours
        table: dict[date, bool] = {}
        for day, working in (overrides or {}).items():
            if isinstance(day, datetime):
                day = day.date()
            table[day] = bool(working)
        self._overrides = table
        self._holiday_table: holidays.HolidayBase | None = None
        self._working_cache: dict[date, bool] = {}
        self._periods = hours.periods
        self._last_end = hours.day_end

    @property
    def _holidays(self) -> holidays.HolidayBase:
        """One holidays object per calendar, made on first use (importing `holidays` costs
        ~100 ms, so not at start); years are populated lazily (expand=True)."""
        if self._holiday_table is None:
            import holidays

            self._holiday_table = holidays.country_holidays("VN", language="vi")
        return self._holiday_table

    @property
    def hours(self) -> WorkingHours:
        return self._hours

    @property
    def overrides(self) -> Mapping[date, bool]:
        return MappingProxyType(self._overrides)

    # ------------------------------------------------------------------ days

    def is_working_day(self, day: date) -> bool:
        if isinstance(day, datetime):
            day = day.date()
        cached = self._working_cache.get(day)
        if cached is None:
            forced = self._overrides.get(day)
            # holidays' is_working_day: weekend -> only if a make-up workday
            # (weekend_workdays); weekday -> only if not a holiday / day off.
            cached = forced if forced is not None else self._holidays.is_working_day(day)
            self._working_cache[day] = cached
        return cached

    def holiday_name(self, day: date) -> str | None:
        """Name of the public holiday / official day off on ``day`` per ``holidays``, else None.

        Overrides do not change the name (a day forced to be working keeps its
        holiday name; a day forced off has none unless it is a holiday).
        """
        if isinstance(day, datetime):
            day = day.date()
        return self._holidays.get(day)

    def next_working_day(self, day: date) -> date:
        """First working day strictly after ``day``."""
        if isinstance(day, datetime):
            day = day.date()
        one = timedelta(days=1)
        for _ in range(_MAX_SEARCH_DAYS):
            day += one
            if self.is_working_day(day):
                return day
        raise RuntimeError(f"No working day within {_MAX_SEARCH_DAYS} days after {day}")

    def _first_working_day_from(self, day: date) -> date:
        return day if self.is_working_day(day) else self.next_working_day(day)

    # ------------------------------------------------------------------ moments

    def service_start(self, moment: datetime) -> datetime:
        """Normalise a receipt time to the moment the processing clock starts."""
        _check_naive(moment)
        day = moment.date()
        if self.is_working_day(day):
            clock = moment.time()
            for start, end in self._periods:
                if clock < start:  # before the first period, or in a break
                    return datetime.combine(day, start)
                if clock < end:  # inside the period (half-open)
                    return moment
        return datetime.combine(self.next_working_day(day), self.hours.day_start)

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Working time inside periods on working days between two moments (0 if end <= start)."""
        _check_naive(start, "start")
        _check_naive(end, "end")
        total = timedelta()
        if end <= start:
            return total
        day = start.date()
        last = end.date()
        one = timedelta(days=1)
        while day <= last:
            if self.is_working_day(day):
                for p_start, p_end in self._periods:
                    lo = max(datetime.combine(day, p_start), start)
                    hi = min(datetime.combine(day, p_end), end)
                    if hi > lo:
                        total += hi - lo
            day += one
        return total

    def add_working_time(self, start: datetime, duration: timedelta) -> datetime:
        """Earliest moment at which ``duration`` of working time has passed since ``start``.

        Time outside periods does not count; a result landing exactly at the
        end of a period stays at that end (11:30, not 13:30).  A zero duration
        returns ``start`` unchanged.
        """
        _check_naive(start, "start")
        if duration < timedelta():
            raise ValueError(
                f"Duration must not be negative: {duration} / Thời lượng không được âm: {duration}"
            )
        if not duration:
            return start
        remaining = duration
        cursor = start
        day = start.date()
        if not self.is_working_day(day):
            day = self.next_working_day(day)
        daily = self.hours.daily_total
        for _ in range(_MAX_SEARCH_DAYS * 10):
            day_begin = datetime.combine(day, self.hours.day_start)
            # Whole working days can be skipped without walking their periods.
            if cursor <= day_begin and remaining > daily:
                remaining -= daily
                day = self.next_working_day(day)
                continue
            for p_start, p_end in self._periods:
                lo = max(datetime.combine(day, p_start), cursor)
                hi = datetime.combine(day, p_end)
                if hi <= lo:
                    continue
                available = hi - lo
                if remaining <= available:
                    return lo + remaining
                remaining -= available
            day = self.next_working_day(day)
        raise RuntimeError("Working time could not be added (calendar without working days?)")

    # ------------------------------------------------------------------ due dates

    def due_for(self, received_at: datetime, procedure: Mapping[str, Any]) -> datetime:
        """Appointment for a procedure of the catalogue (its time, unit and own same-day
        cutoff, "" = the setting's): the one way services compute a dossier's due date."""
        return self.due_at(
            received_at,
            procedure["processing_time"],
            procedure["time_unit"],
            same_day_cutoff=procedure_cutoff(procedure),
        )

    def due_at(
        self,
        received_at: datetime,
        amount: float,
        unit: TimeUnit | str,
        *,
        same_day_cutoff: time | None = None,
    ) -> datetime:
        """Appointment (return) moment for a dossier received at ``received_at``;
        ``same_day_cutoff`` (a procedure's) replaces the setting's for same-day work."""
        unit = _parse_unit(unit)
        value = _parse_amount(amount)
        start = self.service_start(received_at)

        if unit is TimeUnit.WORKING_DAYS:
            if value.is_integer():
                return self._add_working_days(start, int(value))
            # Fractional days as working time (amount x a day's working time).
            seconds = round(value * self.hours.daily_total.total_seconds())
            return self._add_day_time(start, timedelta(seconds=seconds))

        if unit is TimeUnit.WORKING_HOURS:
            return self.add_working_time(start, timedelta(seconds=round(value * 3600)))

        if unit is TimeUnit.CALENDAR_DAYS:
            return self._roll_to_working_day(start + timedelta(seconds=round(value * 86400)))

        # SAME_DAY: the amount is meaningless beyond validation.
        day = start.date()
        cutoff = self.hours.same_day_cutoff if same_day_cutoff is None else same_day_cutoff
        if start.time() > cutoff:
            day = self.next_working_day(day)
        return datetime.combine(day, self._last_end)

    def _add_working_days(self, start: datetime, days: int) -> datetime:
        """Same clock time on the ``days``-th working day after ``start``'s day."""
        day = start.date()
        for _ in range(days):
            day = self.next_working_day(day)
        return datetime.combine(day, start.time())

    def _add_day_time(self, start: datetime, duration: timedelta) -> datetime:
        """Working time for a working-days procedure, from a normalised ``start``.

        Whole days go by the day rule, the rest by :meth:`add_working_time`.  When
        the rest is non-zero this equals ``add_working_time(start, duration)``; for
        an exact number of days it keeps the day rule's clock time (13:30 + 1 day
        -> 13:30 next working day, not the equivalent 11:30 period end).
        """
        whole, rest = divmod(duration, self.hours.daily_total)
        return self.add_working_time(self._add_working_days(start, whole), rest)

    def _roll_to_working_day(self, moment: datetime) -> datetime:
        day = self._first_working_day_from(moment.date())
        return datetime.combine(day, moment.time())

    def resumed_due_at(
        self,
        *,
        paused_at: datetime,
        old_due: datetime,
        resumed_at: datetime,
        amount: float,
        unit: TimeUnit | str,
        mode: str = "restart",
        same_day_cutoff: time | None = None,
    ) -> datetime:
        """New due date after a supplement pause (status 5) ends at ``resumed_at``.

        ``mode="restart"``: the full processing time again from ``resumed_at``.
        ``mode="resume"``: only what remained between ``paused_at`` and
        ``old_due`` — working time for working days / hours / same day,
        elapsed calendar time for calendar days (then rolled to a working
        day) — counted from ``service_start(resumed_at)``.  For working days
        whole remaining days keep the day rule's clock time (see
        :meth:`_add_day_time`), so pausing and resuming at once gives
        ``old_due`` back.  A dossier paused after its due date has nothing
        left and is due at once.
        """
        unit = _parse_unit(unit)
        _parse_amount(amount)
        for name, value in (
            ("paused_at", paused_at),
            ("old_due", old_due),
            ("resumed_at", resumed_at),
        ):
            _check_naive(value, name)
        if resumed_at < paused_at:
            raise ValueError(
                f"resumed_at {resumed_at} is before paused_at {paused_at} / "
                "thời điểm tiếp tục xử lý trước thời điểm tạm dừng"
            )
        normalised_mode = str(mode).strip().lower()
        if normalised_mode == "restart":
            return self.due_at(resumed_at, amount, unit, same_day_cutoff=same_day_cutoff)
        if normalised_mode != "resume":
            raise ValueError(
                f"Unknown pause mode {mode!r} (expected 'restart' or 'resume') / "
                f"Chế độ tạm dừng không hợp lệ {mode!r} (cần 'restart' hoặc 'resume')"
            )
        start = self.service_start(resumed_at)
        if unit is TimeUnit.CALENDAR_DAYS:
            remaining = max(old_due - paused_at, timedelta())
            return self._roll_to_working_day(start + remaining)
        remaining = self.working_time_between(paused_at, old_due)
        if unit is TimeUnit.WORKING_DAYS:
            return self._add_day_time(start, remaining)
        return self.add_working_time(start, remaining)


def procedure_cutoff(procedure: Mapping[str, Any]) -> time | None:
    """A procedure's own same-day cutoff, None when it has none (the setting applies)."""
    text = procedure.get("same_day_cutoff") or ""
    return parse_cutoff(text) if text else None


# --------------------------------------------------------------------------- formatting

_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def weekday_name(day: date) -> str:
    """Vietnamese weekday name: "Thứ Hai" … "Thứ Bảy", "Chủ Nhật"."""
    return _WEEKDAYS[day.weekday()]


def format_appointment(moment: datetime) -> str:
    """``"Thứ Tư, 25/02/2026 09:00"``."""
    return f"{weekday_name(moment)}, {moment:%d/%m/%Y %H:%M}"
