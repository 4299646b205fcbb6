"""The print log: which form of which dossier was printed, when, by whom."""

from __future__ import annotations

from typing import TYPE_CHECKING

from counter_app.domain.text import nfc
from counter_app.services.records import dossier_id, now_text
from counter_app.store import audit

if TYPE_CHECKING:
    from counter_app.services.front import CounterService


class PrintLog:
    def __init__(self, service: CounterService) -> None:
        self._service = service

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
