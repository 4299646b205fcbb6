"""The procedure catalogue (DESIGN §5): validation, the seed file, atomic versioned imports."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counter_app.assets import resource_path
from counter_app.domain import clock, limits, values
from counter_app.domain.appointments import TimeUnit
from counter_app.domain.text import fold
from counter_app.domain.working_hours import parse_cutoff
from counter_app.store import audit
from counter_app.store import driver as sqlite3

PROCEDURE_CODE = re.compile(r"^\d\.\d{6}$")
DOCUMENT_KINDS = ("original", "certified_copy", "photocopy")
CHANNELS = ("counter", "online", "post")  # how a dossier reaches the centre


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
    """Validate a catalogue file; every error names the procedure and field. Every value is
    type-checked and bounded (domain.limits), so that a procedure accepted here always gives
    intakes the core accepts."""
    try:
        data = values.parse_json(raw, "file", max_bytes=limits.FILE_BYTES_MAX)
    except values.InputError as exc:
        raise CatalogueError(
            "file", f"Tệp danh mục không phải JSON hợp lệ: {exc.message}"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("procedures"), list):
        raise CatalogueError(
            "procedures", "Tệp danh mục phải có khóa 'procedures' là một danh sách"
        )
    try:
        version = values.text(data.get("version"), "version", max_len=limits.CODE_MAX)
        values.items(data["procedures"], "procedures", max_items=limits.PROCEDURES_MAX)
    except values.InputError as exc:
        raise CatalogueError(exc.field, f"Tệp danh mục: {exc.message}") from None
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
    code = item.get("code", "")
    code = code.strip() if isinstance(code, str) else ""
    where = f"thủ tục {code or index}"
    if not PROCEDURE_CODE.match(code):
        raise CatalogueError("code", f"{where}: mã thủ tục phải có dạng d.dddddd")
    try:
        return _procedure_values(code, item, where)
    except values.InputError as exc:
        raise CatalogueError(exc.field, f"{where}: {exc.message}") from None


def _procedure_values(code: str, item: dict[str, Any], where: str) -> dict[str, Any]:
    name = values.text(
        item.get("name"),
        "name",
        max_len=limits.TITLE_MAX,
        required=True,
        missing="thiếu tên thủ tục",
    )
    unit = item.get("time_unit", "")
    if not isinstance(unit, str) or unit not in {u.value for u in TimeUnit}:
        shown = unit if isinstance(unit, str) else type(unit).__name__
        raise CatalogueError(
            "time_unit",
            f"{where}: đơn vị thời hạn '{shown[:50]}' không hợp lệ ({', '.join(TimeUnit)})",
        )
    processing_time = values.number(
        item.get("processing_time", 0),
        "processing_time",
        minimum=0,
        maximum=limits.PROCESSING_TIME_MAX,
    )
    if unit != TimeUnit.SAME_DAY and processing_time <= 0:
        raise CatalogueError("processing_time", f"{where}: thời hạn giải quyết phải lớn hơn 0")
    same_day_cutoff = catalogue_cutoff(item.get("same_day_cutoff"), where)
    fees = []
    for number, fee in enumerate(values.items(item.get("fees") or [], "fees"), 1):
        at = f"fees[{number}]"
        fee = values.mapping(fee, at)
        fees.append(
            {
                "code": values.text(fee.get("code"), f"{at}.code", max_len=limits.CODE_MAX),
                "name": values.text(
                    fee.get("name"), f"{at}.name", max_len=limits.TITLE_MAX, required=True
                ),
                "amount": values.integer(
                    fee.get("amount", 0),
                    f"{at}.amount",
                    minimum=0,
                    maximum=limits.AMOUNT_MAX,
                    digit_string=False,
                ),
            }
        )
    documents = []
    for number, doc in enumerate(values.items(item.get("documents") or [], "documents"), 1):
        at = f"documents[{number}]"
        doc = values.mapping(doc, at)
        documents.append(
            {
                "name": values.text(
                    doc.get("name"), f"{at}.name", max_len=limits.TITLE_MAX, required=True
                ),
                "kind": values.choice(
                    doc.get("kind"), f"{at}.kind", DOCUMENT_KINDS, default="original"
                ),
                "count": values.integer(
                    doc.get("count", 1),
                    f"{at}.count",
                    minimum=1,
                    maximum=limits.COUNT_MAX,
                    digit_string=False,
                ),
            }
        )
    results = values.items(item.get("results") or [], "results")
    channels = values.items(item.get("channels") or ["counter"], "channels")
    return {
        "code": code,
        "name": name,
        "field_code": values.text(item.get("field_code"), "field_code", max_len=limits.CODE_MAX),
        "field_name": values.text(item.get("field_name"), "field_name", max_len=limits.TITLE_MAX),
        "processing_time": processing_time,
        "time_unit": unit,
        "same_day_cutoff": same_day_cutoff,
        "fees": fees,
        "documents": documents,
        "results": [
            values.text(r, f"results[{n}]", max_len=limits.TITLE_MAX)
            for n, r in enumerate(results, 1)
        ],
        "channels": [
            values.choice(c, f"channels[{n}]", CHANNELS, default="counter")
            for n, c in enumerate(channels, 1)
        ],
    }


def catalogue_cutoff(value: Any, where: str) -> str:
    """A procedure's own same-day cutoff as "HH:MM", or "" (absent: the setting's applies).
    The sector sets it (DESIGN §6); a value that is not a time of day refuses the file."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    try:
        cutoff = parse_cutoff(value)
    except ValueError as exc:
        raise CatalogueError("same_day_cutoff", f"{where}: {exc}") from None
    return cutoff.strftime("%H:%M:%S" if cutoff.second else "%H:%M")


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
            p["same_day_cutoff"],
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
        "processing_time, time_unit, same_day_cutoff, fees, documents, results, channels, "
        "catalogue_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
