"""The stand-in portal's store of audit heads (issue 11): what each counter's trail looked like.

Every authenticated request may carry `X-Audit-Head` (docs/portal-contract.md, "Audit
anchors"): the counter's unit, number and chain head. The portal keeps each new head per
counter, outside the counter PC, and `LayNeoNhatKy` gives the history back, so
`counter-app audit verify --against-portal` can tell a truncated, rolled-back or replaced
database from the real one.
"""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

from counter_app.portal_sim.endpoints import ApiError

HEADER = "X-Audit-Head"
SCHEMA = """
CREATE TABLE IF NOT EXISTS audit_heads (
    seq INTEGER PRIMARY KEY,
    unit_code TEXT NOT NULL,
    counter INTEGER NOT NULL,
    head_id INTEGER NOT NULL,
    head_hash TEXT NOT NULL,
    received_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_heads_by_counter ON audit_heads (unit_code, counter, seq);
"""
_HASH = re.compile(r"[0-9a-f]{64}")
MAX_HISTORY = 1000  # heads given back per request: the newest


def parse_header(text: str) -> tuple[str, int, int, str]:
    """(unit, counter, head id, head hash) from the header; ApiError 400 when malformed."""
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise ApiError(400, "BAD_REQUEST", f"{HEADER} phải là một đối tượng JSON")
    unit, counter = value.get("MaDonVi"), value.get("MaQuay")
    head_id, head_hash = value.get("id"), value.get("hash")
    if not isinstance(unit, str) or not unit.strip() or len(unit) > 100:
        raise ApiError(400, "BAD_REQUEST", f'{HEADER}: thiếu "MaDonVi"')
    if not isinstance(counter, int) or isinstance(counter, bool) or not 1 <= counter <= 9:
        raise ApiError(400, "BAD_REQUEST", f'{HEADER}: "MaQuay" phải từ 1 đến 9')
    if not isinstance(head_id, int) or isinstance(head_id, bool) or head_id < 1:
        raise ApiError(400, "BAD_REQUEST", f'{HEADER}: "id" phải là số dòng dương')
    if not isinstance(head_hash, str) or not _HASH.fullmatch(head_hash):
        raise ApiError(400, "BAD_REQUEST", f'{HEADER}: "hash" phải là 64 chữ số hex')
    return unit.strip(), counter, head_id, head_hash


def record(db: sqlite3.Connection, head: tuple[str, int, int, str], now_text: str) -> None:
    """Keep `head` unless it is the counter's last one already."""
    unit, counter, head_id, head_hash = head
    last = db.execute(
        "SELECT head_id, head_hash FROM audit_heads WHERE unit_code = ? AND counter = ? "
        "ORDER BY seq DESC LIMIT 1",
        (unit, counter),
    ).fetchone()
    if last is not None and (last[0], last[1]) == (head_id, head_hash):
        return
    db.execute(
        "INSERT INTO audit_heads (unit_code, counter, head_id, head_hash, received_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (unit, counter, head_id, head_hash, now_text),
    )


def history(db: sqlite3.Connection, unit: str, counter: int) -> list[dict[str, Any]]:
    rows = db.execute(
        "SELECT head_id, head_hash, received_at FROM audit_heads WHERE unit_code = ? "
        "AND counter = ? ORDER BY seq DESC LIMIT ?",
        (unit, counter, MAX_HISTORY),
    ).fetchall()
    return [{"id": r[0], "hash": r[1], "at": r[2]} for r in reversed(rows)]
