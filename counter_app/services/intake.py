"""Receiving a dossier at the counter: checking the intake, issuing its code, recording it."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from counter_app.domain import clock, identity
from counter_app.domain.status import Status
from counter_app.domain.text import nfc
from counter_app.services.errors import InputError, ReceiveResult
from counter_app.services.intake_form import check_receive_birth_date
from counter_app.services.outbox import queue_dossier
from counter_app.services.records import load_dossier, now_text
from counter_app.services.rules import (
    CHANNELS,
    RETURN_METHODS,
    clean_document,
    positive_int,
    validate_applicant,
)
from counter_app.store import audit
from counter_app.store.dossier_writer import NewDossier, insert_dossiers

if TYPE_CHECKING:
    from counter_app.services.front import CounterService

MAX_SEQUENCE = 999


class IntakeManager:
    def __init__(self, service: CounterService) -> None:
        self._service = service

    def validate(self, data: dict[str, Any]) -> tuple[dict[str, Any], list[identity.Finding]]:
        """Check and normalise an intake; raise InputError on the first blocking problem."""
        if not isinstance(data, dict):
            raise InputError("dossier", "Hồ sơ phải là một đối tượng JSON")
        procedure = self._service.catalogue.procedure(str(data.get("procedure_code") or ""))
        applicant_in = data.get("applicant")
        if not isinstance(applicant_in, dict):
            raise InputError("applicant", "Thiếu thông tin người nộp (applicant)")
        check_receive_birth_date(data)
        warnings: list[identity.Finding] = []
        applicant = validate_applicant(applicant_in, warnings)
        officer = self._service.staff.get(str(data.get("officer") or ""))
        if not officer["active"]:
            raise InputError("officer", f"Tài khoản cán bộ '{officer['username']}' đã bị khóa")
        documents = data.get("documents")
        if documents is None:
            documents = procedure["documents"]
        if not isinstance(documents, list):
            raise InputError("documents", "documents phải là một danh sách")
        clean_documents = [clean_document(i, d) for i, d in enumerate(documents, 1)]
        fees = data.get("fees")
        if fees is None:
            fees = [dict(fee, paid=False) for fee in procedure["fees"]]
        clean_fees = []
        for index, fee in enumerate(fees, 1):
            amount = fee.get("amount", 0)
            if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
                raise InputError(f"fees[{index}].amount", "Mức phí phải là số nguyên VND ≥ 0")
            name = nfc(str(fee.get("name") or ""))
            if not name:
                raise InputError(f"fees[{index}].name", "Thiếu tên khoản phí, lệ phí")
            clean_fees.append(
                {
                    "code": str(fee.get("code") or ""),
                    "name": name,
                    "amount": amount,
                    "paid": bool(fee.get("paid", False)),
                }
            )
        received_at = data.get("received_at")
        try:
            received = clock.parse_datetime(received_at) if received_at else clock.now()
        except ValueError:
            raise InputError(
                "received_at", f"Thời điểm nhận '{received_at}' phải có dạng YYYY-MM-DD HH:MM"
            ) from None
        received = received.replace(microsecond=0)
        return_method = data.get("return_method") or "counter"
        if return_method not in RETURN_METHODS:
            raise InputError("return_method", "Hình thức trả kết quả: 'counter' hoặc 'post'")
        channel = data.get("channel") or "counter"
        if channel not in CHANNELS:
            raise InputError("channel", f"Kênh tiếp nhận phải là: {', '.join(CHANNELS)}")
        clean = {
            "procedure": procedure,
            "applicant": applicant,
            "officer": officer,
            "documents": clean_documents,
            "fees": clean_fees,
            "sets": positive_int(data.get("sets", 1), "sets"),
            "received_at": received,
            "return_method": return_method,
            "channel": channel,
            "notes": nfc(str(data.get("notes") or "")),
        }
        return clean, warnings

    def receive(self, data: dict[str, Any]) -> ReceiveResult:
        """Record a walk-in dossier: issue its code, compute its appointment, queue it."""
        settings = self._service.settings.require_configured()
        clean, warnings = self.validate(data)
        procedure = clean["procedure"]
        received = clean["received_at"]
        due = self._service.calendar.work_calendar().due_at(
            received, procedure["processing_time"], procedure["time_unit"]
        )
        officer = clean["officer"]["username"]
        received_text = clock.to_storage(received)
        now = now_text()
        with self._service.store.write() as conn:
            code = _issue_code(conn, settings, received)
            book = settings["book_number"] or str(received.year)
            new = NewDossier(
                uuid=str(uuid.uuid4()),
                code=code,
                procedure=procedure,
                applicant=clean["applicant"],
                officer=officer,
                received_at=received_text,
                due_at=clock.to_storage(due),
                status=int(Status.RECEIVED),
                channel=clean["channel"],
                return_method=clean["return_method"],
                created_at=now,
                updated_at=now,
                sync_state="pending",
                events=[(received_text, officer, None, int(Status.RECEIVED), "")],
                documents=clean["documents"],
                fees=clean["fees"],
                sets=clean["sets"],
                notes=clean["notes"],
                book_number=book,
                book_seq=_next_book_seq(conn, book),
            )
            [dossier_id] = insert_dossiers(conn, [new])
            dossier = load_dossier(conn, dossier_id)
            queue_dossier(conn, dossier, unit_code=settings["unit_code"], is_updating=False)
            audit.append(
                conn,
                actor=officer,
                action="dossier.receive",
                entity=code,
                detail={"uuid": new.uuid, "procedure": procedure["code"]},
            )
        return ReceiveResult(dossier, warnings)

    def receive_with_status(
        self,
        data: dict[str, Any],
        status: int | str,
        *,
        by: str,
        reason: str = "",
        documents: list[dict[str, Any]] | None = None,
    ) -> ReceiveResult:
        """Record a dossier and move it on at once (refused or sent back for supplement at
        reception): one transaction, so there is either both or neither. The result holds
        the dossier after the change and the warnings of the receipt."""
        with self._service.store.write():
            received = self.receive(data)
            dossier = self._service.dossiers.change_status(
                received.dossier["code"], status, by=by, reason=reason, documents=documents
            )
        return ReceiveResult(dossier, received.warnings)


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
