"""Dossiers after receipt: reading, status changes, corrections, appointment moves."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from counter_app.domain import clock, identity, limits, values
from counter_app.domain.appointments import procedure_cutoff
from counter_app.domain.status import (
    FINAL,
    OPEN_STATUS_LIST,
    STATUS_NAMES,
    Status,
    TransitionError,
    allowed_targets,
    check_transition,
    parse_status,
)
from counter_app.domain.text import nfc, nfc_lines
from counter_app.portal import mapping as portal_mapping
from counter_app.services import records
from counter_app.services.errors import InputError
from counter_app.services.outbox import queue_dossier, queue_entry
from counter_app.services.rules import RETURN_METHODS, clean_document, validate_applicant
from counter_app.store import audit, row_seals
from counter_app.store import driver as sqlite3
from counter_app.store.dossier_writer import search_text

if TYPE_CHECKING:
    from counter_app.services.front import CounterService


class DossierManager:
    def __init__(self, service: CounterService) -> None:
        self._service = service

    def _unit_code(self) -> str:
        return self._service.settings.get("unit_code")

    def get(self, code_or_uuid: str) -> dict[str, Any]:
        """One dossier, its rows checked against their seals first: damaged rows are never
        shown as data; the store stops writing and the error points to restore."""
        store = self._service.store
        conn = store.read()
        dossier_id = records.dossier_id(conn, code_or_uuid)
        if row_seals.has_seals(conn):
            problems = row_seals.verify_dossier(conn, dossier_id)
            if problems:
                raise store.mark_damaged(problems)
        return records.load_dossier(conn, dossier_id)

    def allowed_actions(self, code_or_uuid: str) -> list[int]:
        dossier = self.get(code_or_uuid)
        received = any(e["to_status"] == Status.RECEIVED for e in dossier["events"])
        return sorted(int(s) for s in allowed_targets(dossier["status"], received=received))

    def change_status(
        self,
        code_or_uuid: str,
        new_status: int | str,
        *,
        by: str,
        reason: str = "",
        collected_by: str = "",
        collected_id_number: str = "",
        at: datetime | None = None,
        documents: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Apply one status transition, with its event, audit row and outbox entries.

        `documents`: for a supplement request (5), what the citizen must bring (Mẫu 02).
        """
        target = parse_status(new_status)
        officer = self._service.staff.get(by)
        reason = values.text(reason, "reason", max_len=limits.TEXT_MAX, multiline=True)
        collected_by = values.text(collected_by, "collected_by", max_len=limits.NAME_MAX)
        collected_id_number = values.text(
            collected_id_number, "collected_id_number", max_len=limits.SHORT_MAX
        )
        if documents:
            values.items(documents, "documents")
        moment = (at or clock.now()).replace(microsecond=0)
        moment_text = clock.to_storage(moment)
        with self._service.store.write() as conn:
            dossier_id = records.dossier_id(conn, code_or_uuid)
            current = conn.execute(
                "SELECT d.status, d.due_at, d.received_at, d.time_unit, d.processing_time, "
                "d.received_counter, coalesce(p.same_day_cutoff, '') AS same_day_cutoff "
                "FROM dossiers d LEFT JOIN procedures p ON p.code = d.procedure_code "
                "WHERE d.id = ?",
                (dossier_id,),
            ).fetchone()
            received = records.was_received(conn, dossier_id)
            try:
                check_transition(current["status"], target, reason, received=received)
            except TransitionError as exc:
                raise InputError("status", str(exc)) from None
            if target == Status.RETURNED and not nfc(collected_by):
                raise InputError("collected_by", "Cần ghi họ tên người nhận kết quả")
            updates: dict[str, Any] = {"status": int(target), "updated_at": records.now_text()}
            if current["received_counter"] is None and target != Status.REGISTERED:
                # an online dossier taken here (the portal grants the claim to one counter)
                updates["received_counter"] = self._service.settings.get("counter")
            if current["status"] == Status.SUPPLEMENT_REQUESTED and not received:
                # sent back for completion before receipt: received now, its clock starts now
                updates["received_at"] = moment_text
                updates["due_at"] = self._first_due(current, moment)
            elif current["status"] == Status.SUPPLEMENT_REQUESTED and target in (
                Status.PROCESSING,
                Status.RECEIVED,
            ):
                updates["due_at"] = self._resume_after_supplement(
                    conn, dossier_id, current, moment, by
                )
            if target == Status.RETURNED:
                updates.update(
                    returned_at=moment_text,
                    collected_by=nfc(collected_by),
                    collected_id_number=identity.normalise_id_number(collected_id_number),
                )
            event_detail: dict[str, Any] = {}
            if documents:
                event_detail["documents"] = [
                    clean_document(i, d) for i, d in enumerate(documents, 1)
                ]
            if target == Status.RETURNED:  # who collected, on the history row too
                event_detail["collected_by"] = updates["collected_by"]
                event_detail["collected_id_number"] = updates["collected_id_number"]
            detail = json.dumps(event_detail, ensure_ascii=False) if event_detail else None
            assignments = ", ".join(f"{k} = ?" for k in updates)
            conn.execute(
                f"UPDATE dossiers SET {assignments} WHERE id = ?", (*updates.values(), dossier_id)
            )
            conn.execute(
                "INSERT INTO status_events (dossier_id, at, by, from_status, to_status, reason, "
                "detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    dossier_id,
                    moment_text,
                    officer["username"],
                    current["status"],
                    int(target),
                    reason,
                    detail,
                ),
            )
            dossier = records.load_dossier(conn, dossier_id)
            progress = portal_mapping.progress_record(
                dossier,
                officer_name=officer["full_name"],
                at=moment_text,
                status=int(target),
                content=reason or STATUS_NAMES[int(target)],
            )
            # the step rides in the record: one change, one push
            queue_dossier(
                conn, dossier, unit_code=self._unit_code(), is_updating=True, step=progress
            )
            audit.append(
                conn,
                actor=officer["username"],
                action="dossier.status",
                entity=dossier["code"],
                detail={"from": current["status"], "to": int(target), "reason": reason},
            )
        return dossier

    def _first_due(self, current: sqlite3.Row, received_at: datetime) -> str:
        # the dossier's own time and unit (copied at intake), its procedure's cutoff
        due = self._service.calendar.work_calendar().due_for(received_at, dict(current))
        return clock.to_storage(due)

    def _resume_after_supplement(
        self,
        conn: sqlite3.Connection,
        dossier_id: int,
        current: sqlite3.Row,
        resumed_at: datetime,
        by: str,
    ) -> str:
        """The clock stopped at status 5; set and record the new appointment."""
        paused = conn.execute(
            "SELECT at FROM status_events WHERE dossier_id = ? AND to_status = 5 "
            "ORDER BY id DESC LIMIT 1",
            (dossier_id,),
        ).fetchone()
        old_due = clock.from_storage(current["due_at"])
        new_due = self._service.calendar.work_calendar().resumed_due_at(
            paused_at=clock.from_storage(paused["at"]),
            old_due=old_due,
            resumed_at=resumed_at,
            amount=current["processing_time"],
            unit=current["time_unit"],
            mode=self._service.settings.get("supplement_mode"),
            same_day_cutoff=procedure_cutoff(dict(current)),
        )
        new_due_text = clock.to_storage(new_due)
        conn.execute(
            "INSERT INTO due_changes (dossier_id, at, by, kind, old_due, new_due, reason) "
            "VALUES (?, ?, ?, 'supplement', ?, ?, ?)",
            (
                dossier_id,
                clock.to_storage(resumed_at),
                by,
                current["due_at"],
                new_due_text,
                "Đã nhận đủ hồ sơ bổ sung",
            ),
        )
        return new_due_text

    def update(
        self,
        code_or_uuid: str,
        *,
        by: str,
        reason: str,
        applicant: dict[str, Any] | None = None,
        notes: str | None = None,
        return_method: str | None = None,
    ) -> tuple[dict[str, Any], list[identity.Finding]]:
        """Correct a dossier's applicant details, notes or return method (audited, synced).

        The code, procedure and receipt time are legal facts of the receipt and never change.
        """
        reason = values.text(reason, "reason", max_len=limits.TEXT_MAX)
        if not reason:
            raise InputError("reason", "Cần ghi lý do khi sửa thông tin hồ sơ")
        if notes is not None:
            notes = values.text(notes, "notes", max_len=limits.TEXT_MAX)
        officer = self._service.staff.get(by)
        warnings: list[identity.Finding] = []
        clean_applicant = validate_applicant(applicant, warnings) if applicant else None
        if return_method is not None and return_method not in RETURN_METHODS:
            raise InputError("return_method", "Hình thức trả kết quả: 'counter' hoặc 'post'")
        with self._service.store.write() as conn:
            dossier_id = records.dossier_id(conn, code_or_uuid)
            row = conn.execute(
                "SELECT code, status, applicant_id FROM dossiers WHERE id = ?", (dossier_id,)
            ).fetchone()
            if Status(row["status"]) in FINAL:
                raise InputError("status", "Hồ sơ đã kết thúc, không thể sửa thông tin")
            changed: list[str] = []
            if clean_applicant is not None:
                assignments = ", ".join(f"{k} = ?" for k in clean_applicant)
                conn.execute(
                    f"UPDATE applicants SET {assignments} WHERE id = ?",
                    (*clean_applicant.values(), row["applicant_id"]),
                )
                conn.execute(
                    "UPDATE dossiers SET search_text = ? WHERE id = ?",
                    (search_text(clean_applicant, row["code"]), dossier_id),
                )
                changed.append("applicant")
            updates = {
                key: value
                for key, value in (("notes", notes), ("return_method", return_method))
                if value is not None
            }
            if "notes" in updates:
                updates["notes"] = nfc(updates["notes"])
            changed += list(updates)
            updates["updated_at"] = records.now_text()
            assignments = ", ".join(f"{k} = ?" for k in updates)
            conn.execute(
                f"UPDATE dossiers SET {assignments} WHERE id = ?", (*updates.values(), dossier_id)
            )
            dossier = records.load_dossier(conn, dossier_id)
            queue_dossier(conn, dossier, unit_code=self._unit_code(), is_updating=True)
            # Field names only: the audit log carries no personal data.
            audit.append(
                conn,
                actor=officer["username"],
                action="dossier.edit",
                entity=row["code"],
                detail={"fields": changed, "reason": reason},
            )
        return dossier, warnings

    def move_due(
        self, code_or_uuid: str, new_due: datetime, *, by: str, reason: str
    ) -> dict[str, Any]:
        """Move an appointment: needs a reason, kept with the old date, audited and synced."""
        reason = values.text(reason, "reason", max_len=limits.TEXT_MAX)
        if not reason:
            raise InputError("reason", "Cần ghi lý do khi thay đổi ngày hẹn trả")
        officer = self._service.staff.get(by)
        with self._service.store.write() as conn:
            dossier_id = records.dossier_id(conn, code_or_uuid)
            row = conn.execute(
                "SELECT status, due_at, received_at FROM dossiers WHERE id = ?", (dossier_id,)
            ).fetchone()
            if Status(row["status"]) in (Status.RETURNED, Status.REFUSED, Status.WITHDRAWN):
                raise InputError("status", "Hồ sơ đã kết thúc, không thể đổi ngày hẹn")
            new_text = clock.to_storage(new_due.replace(microsecond=0))
            if new_text <= row["received_at"]:
                raise InputError("due_at", "Ngày hẹn mới phải sau thời điểm tiếp nhận")
            conn.execute(
                "INSERT INTO due_changes (dossier_id, at, by, kind, old_due, new_due, reason) "
                "VALUES (?, ?, ?, 'moved', ?, ?, ?)",
                (
                    dossier_id,
                    records.now_text(),
                    officer["username"],
                    row["due_at"],
                    new_text,
                    reason,
                ),
            )
            conn.execute(
                "UPDATE dossiers SET due_at = ?, updated_at = ? WHERE id = ?",
                (new_text, records.now_text(), dossier_id),
            )
            dossier = records.load_dossier(conn, dossier_id)
            queue_dossier(conn, dossier, unit_code=self._unit_code(), is_updating=True)
            audit.append(
                conn,
                actor=officer["username"],
                action="dossier.move_due",
                entity=dossier["code"],
                detail={"old": row["due_at"], "new": new_text, "reason": reason},
            )
        return dossier

    def record_handover(
        self,
        codes: list[str],
        *,
        direction: str,
        agency: str,
        giver: str,
        receiver: str,
        by: str,
        notes: str = "",
        at: datetime | None = None,
    ) -> str:
        """Record dossiers handed over together between the centre and the deciding agency.

        `direction` is 'out' (to the agency, the back office) or 'back' (returned to the
        centre); both people are named. One transaction for the batch: each dossier gets a
        hand-over row (Mẫu 06, the daily hand-over list), an audit row and a portal progress
        step in the outbox. Returns the batch key the daily list groups by.
        """
        if direction not in HANDOVER_DIRECTIONS:
            raise InputError("direction", "Chiều bàn giao: 'out' (giao) hoặc 'back' (nhận lại)")
        people = {"agency": nfc(agency), "giver": nfc(giver), "receiver": nfc(receiver)}
        for field, value in people.items():
            if not value:
                raise InputError(field, f"{HANDOVER_FIELDS[field]} không được để trống")
        if not codes:
            raise InputError("codes", "Chưa chọn hồ sơ nào để bàn giao")
        officer = self._service.staff.get(by)
        notes = nfc_lines(notes)
        moment_text = clock.to_storage((at or clock.now()).replace(microsecond=0))
        batch = records.new_uuid()
        with self._service.store.write() as conn:
            for code in dict.fromkeys(codes):
                dossier_id = records.dossier_id(conn, code)
                status = conn.execute(
                    "SELECT status FROM dossiers WHERE id = ?", (dossier_id,)
                ).fetchone()["status"]
                if status in HANDOVER_CLOSED:
                    raise InputError(
                        "status", f"Hồ sơ {code} ({STATUS_NAMES[status]}) không thể bàn giao"
                    )
                conn.execute(
                    "INSERT INTO handovers (dossier_id, batch, direction, at, agency, giver, "
                    "receiver, notes, by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (dossier_id, batch, direction, moment_text, *people.values(), notes, by),
                )
                dossier = records.load_dossier(conn, dossier_id)
                content = (
                    f"{HANDOVER_DIRECTIONS[direction]} {people['agency']}: "
                    f"{people['giver']} giao, {people['receiver']} nhận"
                )
                if dossier.get("sync_state") != "local":
                    progress = portal_mapping.progress_record(
                        dossier,
                        officer_name=officer["full_name"],
                        at=moment_text,
                        status=status,
                        content=f"{content}. {notes}" if notes else content,
                    )
                    queue_entry(conn, dossier_id, "progress", {"record": progress})
                audit.append(
                    conn,
                    actor=officer["username"],
                    action="dossier.handover",
                    entity=dossier["code"],
                    detail={"batch": batch, "direction": direction, "agency": people["agency"]},
                )
        return batch

    def handovers_on(self, day: date, *, direction: str = "out") -> list[dict[str, Any]]:
        """The hand-overs of one day in one direction, batch by batch (the daily list)."""
        conn = self._service.store.read()
        rows = conn.execute(
            "SELECT h.batch, h.direction, h.at, h.agency, h.giver, h.receiver, h.notes, d.code "
            "FROM handovers h JOIN dossiers d ON d.id = h.dossier_id "
            "WHERE h.direction = ? AND h.at >= ? AND h.at < ? ORDER BY h.at, h.id",
            (direction, day.isoformat(), _next_day(day.isoformat())),
        )
        return [dict(r) for r in rows]

    def awaiting_handover(self, day: date) -> list[dict[str, Any]]:
        """The dossiers received on `day` and not yet handed over to the back office, oldest
        first: what the day's batch hand-over chooses from. A dossier refused or sent back
        at the counter was never received and is not among them."""
        rows = self._service.store.read().execute(
            "SELECT d.code, d.procedure_name, d.received_at, d.due_at, d.status, d.sets, "
            "a.full_name FROM dossiers d JOIN applicants a ON a.id = d.applicant_id "
            f"WHERE d.received_at >= ? AND d.received_at < ? AND d.status IN ({_HANDED_OVER_FROM}) "
            f"AND {records.RECEIVED_SQL} AND NOT EXISTS (SELECT 1 FROM handovers h "
            "WHERE h.dossier_id = d.id AND h.direction = 'out') ORDER BY d.received_at, d.id",
            (day.isoformat(), _next_day(day.isoformat())),
        )
        return [dict(r) for r in rows]

    def handover_batch(self, batch: str) -> list[dict[str, Any]]:
        """The rows of one recorded hand-over batch (as `handovers_on` gives them)."""
        rows = self._service.store.read().execute(
            "SELECT h.batch, h.direction, h.at, h.agency, h.giver, h.receiver, h.notes, d.code "
            "FROM handovers h JOIN dossiers d ON d.id = h.dossier_id WHERE h.batch = ? "
            "ORDER BY h.at, h.id",
            (batch,),
        )
        return [dict(r) for r in rows]

    def last_handover_agency(self) -> str:
        """The agency of the latest hand-over out ('' before the first): the usual one."""
        row = (
            self._service.store.read()
            .execute(
                "SELECT agency FROM handovers WHERE direction = 'out' ORDER BY at DESC, id DESC"
            )
            .fetchone()
        )
        return row["agency"] if row else ""

    def today_counts(self, today: date | None = None) -> dict[str, int]:
        day = (today or clock.now().date()).isoformat()
        now_text = records.now_text()
        conn = self._service.store.read()
        open_list = OPEN_STATUS_LIST
        return {
            "received_today": conn.execute(
                "SELECT count(*) FROM dossiers WHERE received_at >= ? AND received_at < ?",
                (day, _next_day(day)),
            ).fetchone()[0],
            "due_today": conn.execute(
                f"SELECT count(*) FROM dossiers WHERE due_at >= ? AND due_at < ? "
                f"AND status IN ({open_list})",
                (day, _next_day(day)),
            ).fetchone()[0],
            "overdue": conn.execute(
                f"SELECT count(*) FROM dossiers WHERE due_at < ? AND status IN ({open_list})",
                (now_text,),
            ).fetchone()[0],
            "returned_today": conn.execute(
                "SELECT count(*) FROM dossiers WHERE returned_at >= ? AND returned_at < ?",
                (day, _next_day(day)),
            ).fetchone()[0],
        }

    def count(self) -> int:
        """How many dossiers the counter holds (training seeds demo data into an empty one)."""
        return self._service.store.read().execute("SELECT count(*) FROM dossiers").fetchone()[0]


# Hand-over directions, as the portal's progress step and the forms say them.
HANDOVER_DIRECTIONS = {"out": "Chuyển hồ sơ đến", "back": "Nhận lại hồ sơ từ"}
HANDOVER_FIELDS = {"agency": "Cơ quan giải quyết", "giver": "Người giao", "receiver": "Người nhận"}
# Never received, or finished: there is nothing to hand over.
HANDOVER_CLOSED = frozenset({Status.REGISTERED, Status.REFUSED, Status.WITHDRAWN, Status.RETURNED})
# What a batch hand-over to the back office proposes: received and still to be decided.
_HANDED_OVER_FROM = ",".join(
    str(int(s))
    for s in (
        Status.RECEIVED,
        Status.PROCESSING,
        Status.SUPPLEMENT_REQUESTED,
        Status.PAYMENT_REQUESTED,
    )
)


def _next_day(day_iso: str) -> str:
    return (date.fromisoformat(day_iso) + timedelta(days=1)).isoformat()
