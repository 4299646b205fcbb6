"""The work calendar: working hours, holiday overrides (local and portal), appointments."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counter_app.domain import holiday_file, limits, values
from counter_app.domain.appointments import WorkCalendar
from counter_app.domain.text import nfc
from counter_app.domain.working_hours import WorkingHours
from counter_app.services.errors import InputError
from counter_app.services.records import now_text
from counter_app.services.staff import ADMINISTER
from counter_app.store import audit
from counter_app.store import driver as sqlite3

if TYPE_CHECKING:
    from counter_app.services.front import CounterService


class CalendarManager:
    def __init__(self, service: CounterService) -> None:
        self._service = service
        self._cached: WorkCalendar | None = None

    def forget(self) -> None:
        """Drop the cached calendar: settings or overrides changed."""
        self._cached = None

    def work_calendar(self) -> WorkCalendar:
        if self._cached is None:
            settings = self._service.settings.all()
            hours = WorkingHours.parse(settings["working_hours"])
            hours = WorkingHours(
                hours.periods, same_day_cutoff=time.fromisoformat(settings["same_day_cutoff"])
            )
            overrides = {
                date.fromisoformat(r["day"]): bool(r["working"])
                for r in self._service.store.read().execute(
                    "SELECT day, working FROM holiday_overrides"
                )
            }
            self._cached = WorkCalendar(hours, overrides)
        return self._cached

    def holiday_overrides(self) -> list[dict[str, Any]]:
        rows = self._service.store.read().execute("SELECT * FROM holiday_overrides ORDER BY day")
        return [dict(r) for r in rows]

    def set_holiday_override(
        self,
        day: date,
        working: bool | None,
        *,
        note: str = "",
        actor: str,
        source: str = "local",
    ) -> None:
        """working=True adds a working day, False a day off, None removes the override."""
        self._service.staff.require(actor, ADMINISTER)
        day = holiday_file.holiday_day(day, "day")
        note = values.text(note, "note", max_len=limits.TITLE_MAX)
        with self._service.store.write() as conn:
            self._write_holiday_override(conn, day, working, note=note, source=source)
            audit.append(
                conn,
                actor=actor,
                action="holiday.override",
                entity=day.isoformat(),
                detail={"working": working, "note": note, "source": source},
            )
        self.forget()

    def import_holiday_file(self, path: Path, *, actor: str) -> int:
        """A holiday file's days as local overrides: checked whole first, then written in one
        transaction (all or nothing). Returns how many days it holds."""
        self._service.staff.require(actor, ADMINISTER)
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise InputError("file", f"Không đọc được tệp {path}: {exc.strerror}") from None
        days = holiday_file.parse_holiday_file(raw)
        with self._service.store.write() as conn:
            for item in days:
                self._write_holiday_override(
                    conn, item.day, item.working, note=item.note, source="local"
                )
            audit.append(
                conn,
                actor=actor,
                action="holiday.import",
                entity=str(path),
                detail={"days": len(days)},
            )
        self.forget()
        return len(days)

    def apply_portal_holidays(self, items: list[tuple[date, bool, str]], *, actor: str) -> int:
        """The portal's days off / make-up days; a local override of the same day stays until
        a person removes it, a shipped seed row (official_days) is replaced by the portal's.
        Returns how many days changed."""
        current = {r["day"]: r for r in self.holiday_overrides()}
        changed = 0
        with self._service.store.write() as conn:
            for day, working, note in items:
                existing = current.get(day.isoformat())
                if existing and (
                    existing["source"] == "local"
                    or (existing["source"] == "portal" and bool(existing["working"]) == working)
                ):
                    continue
                self._write_holiday_override(conn, day, working, note=note, source="portal")
                changed += 1
            if changed:
                audit.append(conn, actor=actor, action="holiday.pull", detail={"changed": changed})
        if changed:
            self.forget()
        return changed

    @staticmethod
    def _write_holiday_override(
        conn: sqlite3.Connection, day: date, working: bool | None, *, note: str, source: str
    ) -> None:
        if working is None:
            conn.execute("DELETE FROM holiday_overrides WHERE day = ?", (day.isoformat(),))
        else:
            conn.execute(
                "INSERT INTO holiday_overrides (day, working, note, source, updated_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(day) DO UPDATE SET working = excluded.working, "
                "note = excluded.note, source = excluded.source, updated_at = excluded.updated_at",
                (day.isoformat(), int(working), nfc(note), source, now_text()),
            )

    def due_date(self, procedure_code: str, received_at: datetime) -> datetime:
        procedure = self._service.catalogue.procedure(procedure_code)
        return self.work_calendar().due_for(received_at, procedure)
