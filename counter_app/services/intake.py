"""Receiving a dossier at the counter: checking the intake, issuing its code, recording it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from counter_app.domain import clock, identity, limits, values
from counter_app.domain.status import (
    INTAKE_OUTCOMES,
    REASON_REQUIRED,
    STATUS_NAMES,
    Status,
    TransitionError,
    parse_status,
)
from counter_app.portal import mapping as portal_mapping
from counter_app.services.errors import InputError, ReceiveResult
from counter_app.services.outbox import queue_dossier
from counter_app.services.records import load_dossier, new_uuid, now_text
from counter_app.services.rules import (
    CHANNELS,
    RETURN_METHODS,
    clean_document,
    clean_fee,
    positive_int,
    validate_applicant,
)
from counter_app.store import audit
from counter_app.store import driver as sqlite3
from counter_app.store.dossier_writer import NewDossier, insert_dossiers

if TYPE_CHECKING:
    from counter_app.services.attachments import Capture
    from counter_app.services.front import CounterService

MAX_SEQUENCE = 999


class IntakeManager:
    def __init__(self, service: CounterService) -> None:
        self._service = service

    def validate(
        self, data: dict[str, Any], *, now: datetime | None = None
    ) -> tuple[dict[str, Any], list[identity.Finding]]:
        """Check and normalise an intake; raise InputError on the first blocking problem.
        Every value is type-checked and bounded (domain.limits) before it is used."""
        values.mapping(data, "dossier")
        now = now or clock.now()
        procedure_code = values.text(
            data.get("procedure_code"), "procedure_code", max_len=limits.CODE_MAX
        )
        procedure = self._service.catalogue.procedure(procedure_code)
        applicant_in = data.get("applicant")
        if not isinstance(applicant_in, dict):
            raise InputError("applicant", "Thiếu thông tin người nộp (applicant)")
        warnings: list[identity.Finding] = []
        applicant = validate_applicant(applicant_in, warnings, today=now.date())
        username = values.text(data.get("officer"), "officer", max_len=limits.CODE_MAX)
        officer = self._service.staff.get(username)
        if not officer["active"]:
            raise InputError("officer", f"Tài khoản cán bộ '{officer['username']}' đã bị khóa")
        documents = data.get("documents")
        if documents is None:
            documents = procedure["documents"]
        documents = values.items(documents, "documents")
        fees = data.get("fees")
        if fees is None:
            fees = [dict(fee, paid=False) for fee in procedure["fees"]]
        fees = values.items(fees, "fees")
        back_entry = values.boolean(data.get("back_entry"), "back_entry")
        clean = {
            "procedure": procedure,
            "applicant": applicant,
            "officer": officer,
            "documents": [clean_document(i, d) for i, d in enumerate(documents, 1)],
            "fees": [clean_fee(i, fee) for i, fee in enumerate(fees, 1)],
            "sets": positive_int(data.get("sets", 1), "sets", maximum=limits.SETS_MAX),
            "received_at": _received_at(data.get("received_at"), now, back_entry, warnings),
            "return_method": values.choice(
                data.get("return_method"), "return_method", RETURN_METHODS, default="counter"
            ),
            "channel": values.choice(data.get("channel"), "channel", CHANNELS, default="counter"),
            "notes": values.text(data.get("notes"), "notes", max_len=limits.TEXT_MAX),
        }
        return clean, warnings

    def receive(
        self,
        data: dict[str, Any],
        *,
        content_key: str | None = None,
        captures: Sequence[Capture] = (),
    ) -> ReceiveResult:
        """Record a walk-in dossier: issue its code, compute its appointment, queue it; with
        the documents captured at intake (`captures`) in the same transaction.

        An intake with a `client_reference` (or, for an import line, its `content_key`,
        see `content_key`) that was received before is not received again: the result is
        the earlier dossier with `already_received` set, and nothing is written."""
        return self._record(data, Status.RECEIVED, content_key=content_key, captures=captures)

    def _record(
        self,
        data: dict[str, Any],
        outcome: Status,
        *,
        content_key: str | None = None,
        by: str = "",
        reason: str = "",
        documents: list[dict[str, Any]] | None = None,
        captures: Sequence[Capture] = (),
    ) -> ReceiveResult:
        """Record a walk-in dossier at its intake outcome (domain.status.INTAKE_OUTCOMES) in
        one transaction. Only a receipt (2) has an appointment and a "received" event; a
        refusal (3) or a request to complete the dossier (5) is recorded as its one event,
        with its reason (and for 5 what to bring, Mẫu 02), and no appointment.

        The documents captured at intake are checked and their files put in place first
        (services/attachments.py `prepare`: a document that cannot be stored refuses the
        whole save), then their rows are written in the dossier's transaction: a dossier is
        never committed with its documents half recorded."""
        reference = _reference(data, content_key)
        if reference and (known := self._already_received(reference)) is not None:
            return known
        settings = self._service.settings.require_configured()
        clean, warnings = self.validate(data)
        procedure = clean["procedure"]
        received = clean["received_at"]
        officer = clean["officer"]["username"]
        actor = self._service.staff.get(by)["username"] if by else officer
        received_text = clock.to_storage(received)
        due_text: str | None = None
        if outcome is Status.RECEIVED:
            due = self._service.calendar.work_calendar().due_for(received, procedure)
            due_text = clock.to_storage(due)
        detail = None
        if documents:
            values.items(documents, "documents")
            detail = json.dumps(
                {"documents": [clean_document(i, d) for i, d in enumerate(documents, 1)]},
                ensure_ascii=False,
            )
        stored = self._service.attachments.prepare(captures, clean["documents"])
        now = now_text()
        with self._service.store.write() as conn:
            if reference and (known := self._already_received(reference)) is not None:
                return known
            code = _issue_code(conn, settings, received)
            book = settings["book_number"] or str(received.year)
            new = NewDossier(
                uuid=new_uuid(),
                code=code,
                procedure=procedure,
                applicant=clean["applicant"],
                officer=officer,
                received_at=received_text,
                due_at=due_text,  # type: ignore[arg-type]  # none before a receipt
                status=int(outcome),
                channel=clean["channel"],
                return_method=clean["return_method"],
                created_at=now,
                updated_at=now,
                sync_state="pending",
                events=[(received_text, actor, None, int(outcome), reason)],
                documents=clean["documents"],
                fees=clean["fees"],
                sets=clean["sets"],
                notes=clean["notes"],
                book_number=book,
                book_seq=_next_book_seq(conn, book),
            )
            [dossier_id] = insert_dossiers(conn, [new])
            if detail:
                conn.execute(
                    "UPDATE status_events SET detail = ? WHERE dossier_id = ?", (detail, dossier_id)
                )
            if reference:
                conn.execute(
                    "INSERT INTO intake_references (reference, dossier_id, created_at) "
                    "VALUES (?, ?, ?)",
                    (reference, dossier_id, now),
                )
            attached = self._service.attachments.record_prepared(
                conn, dossier_id, stored, by=officer
            )
            dossier = load_dossier(conn, dossier_id)
            unit = settings["unit_code"]
            progress = None
            if outcome is not Status.RECEIVED:
                progress = portal_mapping.progress_record(
                    dossier,
                    officer_name=self._service.staff.get(actor)["full_name"],
                    at=received_text,
                    status=int(outcome),
                    content=reason,
                )
            queue_dossier(conn, dossier, unit_code=unit, is_updating=False, step=progress)
            audit.append(
                conn,
                actor=actor,
                action="dossier.receive" if outcome is Status.RECEIVED else "dossier.intake",
                entity=code,
                detail={"uuid": new.uuid, "procedure": procedure["code"], "status": int(outcome)}
                if outcome is not Status.RECEIVED
                else {"uuid": new.uuid, "procedure": procedure["code"]},
            )
        return ReceiveResult(dossier, warnings, attached=attached)

    def _already_received(self, reference: str) -> ReceiveResult | None:
        conn = self._service.store.read()
        row = conn.execute(
            "SELECT dossier_id FROM intake_references WHERE reference = ?", (reference,)
        ).fetchone()
        if row is None:
            return None
        return ReceiveResult(load_dossier(conn, row["dossier_id"]), [], already_received=True)

    def receive_with_status(
        self,
        data: dict[str, Any],
        status: int | str,
        *,
        by: str,
        reason: str = "",
        documents: list[dict[str, Any]] | None = None,
        captures: Sequence[Capture] = (),
    ) -> ReceiveResult:
        """Record a dossier the counter refuses (3, Mẫu 03) or sends back for completion
        (5, Mẫu 02): one transaction, straight at that status, never received (no status-2
        event, no appointment). Status 2 is a plain receipt. The result holds the dossier and
        the warnings of the intake."""
        try:
            outcome = parse_status(status)
        except TransitionError as exc:
            raise InputError("status", str(exc)) from None
        if outcome not in INTAKE_OUTCOMES:
            raise InputError(
                "status",
                f"Tại quầy hồ sơ chỉ được tiếp nhận, từ chối hoặc yêu cầu bổ sung, không thể "
                f"ghi ở trạng thái {outcome.value} ({STATUS_NAMES[outcome]}) / an intake is "
                "received, refused or sent back for completion",
            )
        reason = values.text(reason, "reason", max_len=limits.TEXT_MAX, multiline=True)
        if outcome in REASON_REQUIRED and not reason.strip():
            raise InputError(
                "reason",
                f"Cần ghi lý do khi chuyển sang trạng thái {outcome.value} "
                f"({STATUS_NAMES[outcome]}). / A reason is required for status {outcome.value}.",
            )
        if outcome is Status.RECEIVED:
            return self._record(data, outcome, captures=captures)
        return self._record(
            data, outcome, by=by, reason=reason, documents=documents, captures=captures
        )


def content_key(data: Any, occurrence: int = 1) -> str:
    """The content key of an import line: a hash of its JSON (key order and spacing do not
    matter) and of which occurrence of that content in the file it is, so that a file with
    two identical lines receives two dossiers, and a second run of the file none."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(f"{canonical}#{occurrence}".encode()).hexdigest()


def _reference(data: Any, content: str | None) -> str | None:
    """What the intake is received under: its client reference, else its content key."""
    values.mapping(data, "dossier")
    client = values.text(
        data.get("client_reference"), "client_reference", max_len=limits.REFERENCE_MAX
    )
    if client:
        return f"client:{client}"
    return f"content:{content}" if content else None


def _received_at(
    value: Any, now: datetime, back_entry: bool, warnings: list[identity.Finding]
) -> datetime:
    """When the dossier was received: not later than RECEIVED_FUTURE_MAX from now, not before
    RECEIVED_EARLIEST unless it is a back-entry (then a warning, back to BACK_ENTRY_EARLIEST)."""
    if value is None or value == "":
        return now
    shape = "Thời điểm nhận phải có dạng YYYY-MM-DD HH:MM / must be YYYY-MM-DD HH:MM"
    if not isinstance(value, str) or len(value) > 40:
        raise InputError("received_at", shape)
    try:
        received = clock.parse_datetime(value).replace(microsecond=0)
    except (ValueError, OverflowError):
        raise InputError(
            "received_at", f"Thời điểm nhận '{value}' phải có dạng YYYY-MM-DD HH:MM"
        ) from None
    if received > now + limits.RECEIVED_FUTURE_MAX:
        raise InputError(
            "received_at",
            f"Thời điểm nhận {received:%d/%m/%Y %H:%M} ở tương lai / received in the future",
        )
    earliest = limits.BACK_ENTRY_EARLIEST if back_entry else limits.RECEIVED_EARLIEST
    if received.date() < earliest:
        hint = "" if back_entry else ' (nhập bù hồ sơ cũ: "back_entry": true)'
        raise InputError(
            "received_at",
            f"Thời điểm nhận trước ngày {earliest:%d/%m/%Y}{hint} / received before "
            f"{earliest.isoformat()}",
        )
    if received.date() < limits.RECEIVED_EARLIEST:
        warnings.append(
            identity.Finding(
                "received_at",
                identity.WARNING,
                f"Nhập bù: hồ sơ nhận trước ngày {limits.RECEIVED_EARLIEST:%d/%m/%Y} / "
                "back-entry of an old dossier",
            )
        )
    return received


def next_code_sequence(conn: sqlite3.Connection, day_key: str, counter: int) -> int:
    """The next number of a counter's daily sequence, inside the caller's transaction."""
    return conn.execute(
        "INSERT INTO code_sequences (day, counter, last_seq) VALUES (?, ?, 1) "
        "ON CONFLICT(day, counter) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq",
        (day_key, counter),
    ).fetchone()[0]


def _issue_code(conn: sqlite3.Connection, settings: dict[str, Any], day: datetime) -> str:
    """Next code of this counter for that day; runs inside the receive transaction, so a
    crash before commit issues nothing and a committed code is never issued again."""
    counter = int(settings["counter"])
    day_key = day.strftime("%y%m%d")
    sequence = next_code_sequence(conn, day_key, counter)
    if sequence > MAX_SEQUENCE:
        raise InputError(
            "received_at",
            f"Quầy {counter} đã cấp hết {MAX_SEQUENCE} mã hồ sơ trong ngày "
            f"{day:%d/%m/%Y} / daily code range exhausted",
        )
    return f"{settings['unit_code']}-{day_key}-{counter}{sequence:03d}"


def _next_book_seq(conn: sqlite3.Connection, book: str) -> int:
    return conn.execute(
        "INSERT INTO book_sequences (book, last_seq) VALUES (?, 1) "
        "ON CONFLICT(book) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq",
        (book,),
    ).fetchone()[0]
