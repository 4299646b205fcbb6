"""Printing a dossier's forms: render from what was recorded, and the print log.

A form printed before is a reprint: it needs a reason and carries "BẢN IN LẠI". A print
counts only once it was delivered (sent to the printer or saved as a file): the log is
written after that succeeded, so a cancelled print dialog or a failed job leaves no trace
and the next print is still the first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from counter_app import forms
from counter_app.domain import clock
from counter_app.domain.text import nfc
from counter_app.forms.registry import PAPER_SIZES, FormError, form_spec, form_title
from counter_app.services.errors import InputError
from counter_app.services.records import dossier_id, now_text
from counter_app.store import audit

if TYPE_CHECKING:
    from counter_app.services.front import CounterService

REGISTER_PAGE = 1000
Delivered = TypeVar("Delivered")


class Prints:
    def __init__(self, service: CounterService) -> None:
        self._service = service

    def render(
        self, dossier: dict[str, Any], form: str, *, paper: str = "a4", reprint: bool = False
    ) -> bytes:
        """The PDF of one form for a dossier (no logging; see produce)."""
        try:
            spec = form_spec(form)
            centre = self._service.settings.centre()
            return spec.render(dossier, centre, paper=paper, reprint=reprint)
        except FormError as exc:
            raise InputError("form", str(exc)) from None

    def produce(
        self,
        code: str,
        form: str,
        *,
        officer: str,
        deliver: Callable[[bytes], Delivered],
        paper: str = "a4",
        reprint_reason: str = "",
    ) -> Delivered:
        """Render a form, `deliver(pdf)` it (print it, write it), then log it.

        A second print of a form is a reprint and needs `reprint_reason`. Nothing is
        logged when rendering or `deliver` raises: an undelivered print is no print."""
        if paper not in PAPER_SIZES:
            raise InputError("paper", "Khổ giấy chỉ nhận 'a4' hoặc '80mm'")
        self._service.staff.get(officer)
        dossier = self._service.dossiers.get(code)
        reprint = self.was_printed(code, form)
        if reprint and not reprint_reason.strip():
            raise InputError(
                "reprint_reason",
                f"{form_title(form)} của hồ sơ này đã được in; in lại cần ghi lý do",
            )
        pdf = self.render(dossier, form, paper=paper, reprint=reprint)
        delivered = deliver(pdf)
        self.record(
            code,
            form=form,
            officer=officer,
            copies=list(form_spec(form).copies),
            paper=paper,
            reprint_reason=reprint_reason if reprint else "",
        )
        return delivered

    def first_print(
        self, code: str, form: str, *, paper: str | None = None
    ) -> tuple[bytes, dict[str, Any]] | None:
        """(PDF, dossier) of a form's first print, or None when it was printed before (a
        reprint: ask for the reason, then render it with `reprint=True`)."""
        if self.was_printed(code, form):
            return None
        dossier = self._service.dossiers.get(code)
        paper = paper or self._service.settings.get("paper")
        return self.render(dossier, form, paper=paper), dossier

    def register(self, date_from: date, date_to: date) -> bytes:
        """The tracking book (sổ theo dõi) of the dossiers received in a period, oldest first."""
        if date_to < date_from:
            raise InputError("to", "Ngày kết thúc phải sau ngày bắt đầu")
        rows: list[dict[str, Any]] = []
        before = None
        while True:
            page = self._service.search.dossiers(
                "", date_from=date_from, date_to=date_to, limit=REGISTER_PAGE, before_id=before
            )
            rows += page
            if len(page) < REGISTER_PAGE:
                break
            before = page[-1]["id"]
        dossiers = [self._service.dossiers.get(r["code"]) for r in reversed(rows)]
        return forms.render_register(
            dossiers, self._service.settings.centre(), date_from=date_from, date_to=date_to
        )

    def handover_list(self, day: date) -> bytes:
        """The day's list of dossiers handed over to the back office, batch by batch."""
        return forms.render_handover_list(
            self._service.dossiers.handovers_on(day), self._service.settings.centre(), day=day
        )

    def handover_batch_list(self, batch: str) -> bytes:
        """The daily hand-over list of exactly one batch (its day, its dossiers, both sides)."""
        rows = self._service.dossiers.handover_batch(batch)
        if not rows:
            raise InputError("batch", "Không có đợt bàn giao này / unknown hand-over batch")
        day = clock.from_storage(rows[0]["at"]).date()
        return forms.render_handover_list(rows, self._service.settings.centre(), day=day)

    def record_batch(
        self, batch: str, *, form: str, officer: str, copies: list[str], paper: str
    ) -> None:
        """Log a printed list of one hand-over batch in the print log of each of its dossiers
        (after delivery, like every print), in one transaction."""
        rows = self._service.dossiers.handover_batch(batch)
        if not rows:
            raise InputError("batch", "Không có đợt bàn giao này / unknown hand-over batch")
        self._service.staff.get(officer)
        with self._service.store.write() as conn:
            now = now_text()
            codes = list(dict.fromkeys(r["code"] for r in rows))
            conn.executemany(
                "INSERT INTO print_log (dossier_id, at, officer, form, copy, paper, "
                "reprint_reason) VALUES (?, ?, ?, ?, ?, ?, '')",
                [
                    (dossier_id(conn, code), now, officer, form, c, paper)
                    for code in codes
                    for c in copies
                ],
            )
            audit.append(
                conn,
                actor=officer,
                action="handover.print",
                entity=batch,
                detail={"form": form, "dossiers": codes, "copies": copies},
            )

    def record(
        self,
        code_or_uuid: str,
        *,
        form: str,
        officer: str,
        copies: list[str],
        paper: str,
        reprint_reason: str = "",
    ) -> None:
        with self._service.store.write() as conn:
            row_id = dossier_id(conn, code_or_uuid)
            now = now_text()
            conn.executemany(
                "INSERT INTO print_log (dossier_id, at, officer, form, copy, paper, "
                "reprint_reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(row_id, now, officer, form, c, paper, nfc(reprint_reason)) for c in copies],
            )
            audit.append(
                conn,
                actor=officer,
                action="dossier.print",
                entity=code_or_uuid,
                detail={"form": form, "copies": copies, "reprint_reason": reprint_reason},
            )

    def was_printed(self, code_or_uuid: str, form: str) -> bool:
        conn = self._service.store.read()
        row_id = dossier_id(conn, code_or_uuid)
        return (
            conn.execute(
                "SELECT 1 FROM print_log WHERE dossier_id = ? AND form = ? LIMIT 1",
                (row_id, form),
            ).fetchone()
            is not None
        )
