"""The procedure catalogue: importing it and reading procedures."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from counter_app.domain import catalogue
from counter_app.domain.text import fold
from counter_app.services.errors import InputError
from counter_app.services.staff import ADMINISTER

if TYPE_CHECKING:
    from counter_app.services.front import CounterService


class CatalogueManager:
    def __init__(self, service: CounterService) -> None:
        self._service = service

    def import_file(self, path: Path, *, actor: str) -> catalogue.Catalogue:
        self._service.staff.require(actor, ADMINISTER)
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise InputError(
                "file", f"Không đọc được tệp danh mục {path}: {exc.strerror}"
            ) from None
        try:
            parsed = catalogue.parse_catalogue(raw)
        except catalogue.CatalogueError as exc:
            raise InputError(exc.field, str(exc)) from None
        with self._service.store.write() as conn:
            catalogue.apply_catalogue(conn, parsed, source=str(path), actor=actor)
        return parsed

    def version(self) -> str:
        row = (
            self._service.store.read()
            .execute("SELECT version FROM catalogue_imports ORDER BY id DESC LIMIT 1")
            .fetchone()
        )
        return row["version"] if row else ""

    def procedures(self, query: str = "") -> list[dict[str, Any]]:
        rows = (
            self._service.store.read().execute("SELECT * FROM procedures ORDER BY code").fetchall()
        )
        items = [catalogue.procedure_from_row(r) for r in rows]
        needle = fold(query)
        if needle:
            items = [p for p in items if needle in fold(p["name"]) or p["code"].startswith(needle)]
        return items

    def procedure(self, code: str) -> dict[str, Any]:
        row = (
            self._service.store.read()
            .execute("SELECT * FROM procedures WHERE code = ?", (code.strip(),))
            .fetchone()
        )
        if row is None:
            raise InputError(
                "procedure_code", f"Mã thủ tục '{code}' không có trong danh mục / unknown procedure"
            )
        return catalogue.procedure_from_row(row)
