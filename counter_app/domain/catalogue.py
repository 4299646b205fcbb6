"""The procedure catalogue (DESIGN §5): validation, the seed file, atomic versioned imports."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counter_app.assets import resource_path
from counter_app.domain import clock
from counter_app.domain.appointments import TimeUnit
from counter_app.domain.text import fold, nfc
from counter_app.store import audit

PROCEDURE_CODE = re.compile(r"^\d\.\d{6}$")
DOCUMENT_KINDS = ("original", "certified_copy", "photocopy")


class CatalogueError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Catalogue:
    version: str
    procedures: list[dict[str, Any]]
    sha256: str


def seed_path() -> Path:
    return resource_path("catalogue.json")


def parse_catalogue(raw: bytes) -> Catalogue:
    """Validate a catalogue file; every error names the procedure and field."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CatalogueError("file", f"Tệp danh mục không phải JSON hợp lệ: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("procedures"), list):
        raise CatalogueError(
            "procedures", "Tệp danh mục phải có khóa 'procedures' là một danh sách"
        )
    version = str(data.get("version") or "").strip()
    if not version:
        raise CatalogueError("version", "Tệp danh mục thiếu 'version'")
    procedures = [_validate_procedure(i, p) for i, p in enumerate(data["procedures"], 1)]
    codes = [p["code"] for p in procedures]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise CatalogueError("code", f"Mã thủ tục bị trùng: {', '.join(duplicates)}")
    if not procedures:
        raise CatalogueError("procedures", "Danh mục không có thủ tục nào")
    return Catalogue(version, procedures, hashlib.sha256(raw).hexdigest())


def _validate_procedure(index: int, item: Any) -> dict[str, Any]:
    where = f"thủ tục thứ {index}"
    if not isinstance(item, dict):
        raise CatalogueError("procedures", f"{where}: phải là một đối tượng")
    code = str(item.get("code", "")).strip()
    where = f"thủ tục {code or index}"
    if not PROCEDURE_CODE.match(code):
        raise CatalogueError("code", f"{where}: mã thủ tục phải có dạng d.dddddd")
    name = nfc(item.get("name"))
    if not name:
        raise CatalogueError("name", f"{where}: thiếu tên thủ tục")
    unit = str(item.get("time_unit", ""))
    if unit not in {u.value for u in TimeUnit}:
        raise CatalogueError(
            "time_unit", f"{where}: đơn vị thời hạn '{unit}' không hợp lệ ({', '.join(TimeUnit)})"
        )
    try:
        processing_time = float(item.get("processing_time", 0))
    except (TypeError, ValueError):
        raise CatalogueError(
            "processing_time", f"{where}: thời hạn giải quyết phải là số"
        ) from None
    if processing_time < 0 or (unit != TimeUnit.SAME_DAY and processing_time <= 0):
        raise CatalogueError("processing_time", f"{where}: thời hạn giải quyết phải lớn hơn 0")
    fees = []
    for fee in item.get("fees") or []:
        amount = fee.get("amount", 0)
        if not isinstance(amount, int) or amount < 0:
            raise CatalogueError(
                "fees", f"{where}: mức phí '{fee.get('name')}' phải là số nguyên ≥ 0"
            )
        fees.append(
            {"code": str(fee.get("code", "")), "name": nfc(fee.get("name")), "amount": amount}
        )
    documents = []
    for doc in item.get("documents") or []:
        kind = doc.get("kind", "original")
        if kind not in DOCUMENT_KINDS:
            raise CatalogueError("documents", f"{where}: loại giấy tờ '{kind}' không hợp lệ")
        count = doc.get("count", 1)
        if not isinstance(count, int) or count < 1:
            raise CatalogueError("documents", f"{where}: số lượng giấy tờ phải là số nguyên ≥ 1")
        documents.append({"name": nfc(doc.get("name")), "kind": kind, "count": count})
    return {
        "code": code,
        "name": name,
        "field_code": str(item.get("field_code", "")),
        "field_name": nfc(item.get("field_name")),
        "processing_time": processing_time,
        "time_unit": unit,
        "fees": fees,
        "documents": documents,
        "results": [nfc(r) for r in item.get("results") or []],
        "channels": list(item.get("channels") or ["counter"]),
    }


def apply_catalogue(
    conn: sqlite3.Connection, catalogue: Catalogue, *, source: str, actor: str
) -> None:
    """Replace the catalogue inside the caller's write transaction (all or nothing).

    Procedures missing from the new version are kept: old dossiers still refer to them.
    """
    rows = [
        (
            p["code"],
            p["name"],
            fold(p["name"]),
            p["field_code"],
            p["field_name"],
            p["processing_time"],
            p["time_unit"],
            json.dumps(p["fees"], ensure_ascii=False),
            json.dumps(p["documents"], ensure_ascii=False),
            json.dumps(p["results"], ensure_ascii=False),
            json.dumps(p["channels"], ensure_ascii=False),
            catalogue.version,
        )
        for p in catalogue.procedures
    ]
    conn.executemany(
        "INSERT OR REPLACE INTO procedures (code, name, name_fold, field_code, field_name, "
        "processing_time, time_unit, fees, documents, results, channels, catalogue_version) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.execute(
        "INSERT INTO catalogue_imports (version, source, sha256, procedure_count, imported_at, "
        "imported_by) VALUES (?, ?, ?, ?, ?, ?)",
        (
            catalogue.version,
            source,
            catalogue.sha256,
            len(rows),
            clock.to_storage(clock.now()),
            actor,
        ),
    )
    audit.append(
        conn,
        actor=actor,
        action="catalogue.import",
        entity=catalogue.version,
        detail={"source": source, "procedures": len(rows), "sha256": catalogue.sha256},
    )


def procedure_from_row(row: sqlite3.Row) -> dict[str, Any]:
    item = dict(row)
    for key in ("fees", "documents", "results", "channels"):
        item[key] = json.loads(item[key] or "[]")
    item.pop("name_fold", None)
    return item


def procedure_matches(procedures: list[dict[str, Any]], query: str) -> list[dict[str, Any]]:
    """Accent-insensitive type-ahead over code and name: every typed word must appear."""
    words = fold(query).split()
    if not words:
        return list(procedures)
    hits = []
    for position, procedure in enumerate(procedures):
        name = fold(procedure["name"])
        tokens = [procedure["code"], *name.split(), *fold(procedure.get("field_name")).split()]
        haystack = " ".join(tokens)
        if not all(word in haystack for word in words):
            continue
        # Whole words beat word starts beat pieces of words; a name starting with the
        # first word comes first among equals.
        score = 0
        for word in words:
            if word in tokens:
                continue
            score += 1 if any(token.startswith(word) for token in tokens) else 3
        starts = name.startswith(words[0]) or procedure["code"].startswith(words[0])
        hits.append((score, 0 if starts else 1, position, procedure))
    hits.sort(key=lambda hit: hit[:3])
    return [hit[-1] for hit in hits]
