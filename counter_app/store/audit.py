"""Append-only audit log, each row chained to the previous one by SHA-256."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from counter_app.domain import clock
from counter_app.store import driver as sqlite3

GENESIS = "0" * 64


def _row_hash(prev_hash: str, at: str, actor: str, action: str, entity: str, detail: str) -> str:
    material = "\x1f".join([prev_hash, at, actor, action, entity, detail])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def append(
    conn: sqlite3.Connection,
    *,
    actor: str,
    action: str,
    entity: str = "",
    detail: dict[str, Any] | None = None,
) -> str:
    """Append one audit row inside the caller's write transaction; returns its hash."""
    head = conn.execute("SELECT last_id, last_hash FROM audit_head WHERE id = 1").fetchone()
    prev_hash = head["last_hash"] if head else GENESIS
    at = clock.to_storage(clock.now())
    detail_text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
    row_hash = _row_hash(prev_hash, at, actor or "", action, entity, detail_text)
    cursor = conn.execute(
        "INSERT INTO audit_log (at, actor, action, entity, detail, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (at, actor or "", action, entity, detail_text, prev_hash, row_hash),
    )
    conn.execute(
        "INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET last_id = excluded.last_id, last_hash = excluded.last_hash",
        (cursor.lastrowid, row_hash),
    )
    return row_hash


@dataclass
class AuditReport:
    ok: bool
    rows: int
    problems: list[str]


def verify(conn: sqlite3.Connection, max_problems: int = 20) -> AuditReport:
    """Recompute the chain: edited rows, deleted rows and a truncated tail are all reported.

    The chain and its head are read in one read transaction (one snapshot), so a writer
    committing meanwhile never looks like deleted tail rows. Text that is not valid UTF-8
    (damage) is reported as a damaged row, never raised.
    """
    own_transaction = not conn.in_transaction
    if own_transaction:
        conn.execute("BEGIN")  # deferred: a read snapshot, no write lock
    try:
        return _verify_snapshot(conn, max_problems)
    finally:
        if own_transaction and conn.in_transaction:
            conn.execute("COMMIT")


_CHAIN_COLUMNS = ("at", "actor", "action", "entity", "detail", "prev_hash", "hash")


def _verify_snapshot(conn: sqlite3.Connection, max_problems: int) -> AuditReport:
    problems: list[str] = []
    prev_hash = GENESIS
    rows = 0
    last_id = 0
    blobs = ", ".join(f"CAST({c} AS BLOB)" for c in _CHAIN_COLUMNS)
    for raw in conn.execute(f"SELECT id, {blobs} FROM audit_log ORDER BY id"):
        rows += 1
        row_id = raw[0]
        try:
            row = dict(zip(_CHAIN_COLUMNS, (_text(v) for v in raw[1:]), strict=True))
        except UnicodeDecodeError:
            problems.append(
                f"Dòng {row_id}: dữ liệu hỏng (không đọc được chữ) / undecodable text (damage)"
            )
            prev_hash = ""
            last_id = row_id
            if len(problems) >= max_problems:
                break
            continue
        if prev_hash and row["prev_hash"] != prev_hash:
            problems.append(
                f"Dòng {row_id}: không nối với dòng trước (bị xóa hoặc chèn) / broken link"
            )
        expected = _row_hash(
            row["prev_hash"], row["at"], row["actor"], row["action"], row["entity"], row["detail"]
        )
        if expected != row["hash"]:
            problems.append(f"Dòng {row_id}: nội dung đã bị sửa / row content altered")
        prev_hash = row["hash"]
        last_id = row_id
        if len(problems) >= max_problems:
            break
    head = conn.execute("SELECT last_id, last_hash FROM audit_head WHERE id = 1").fetchone()
    if len(problems) < max_problems:
        if head is None and rows:
            problems.append("Thiếu điểm neo cuối chuỗi / chain head missing")
        elif head is not None and (head[0] != last_id or (prev_hash and head[1] != prev_hash)):
            problems.append(
                f"Cuối chuỗi không khớp (neo: dòng {head[0]}, thực tế: dòng {last_id}): "
                "các dòng cuối đã bị xóa / tail rows deleted"
            )
    return AuditReport(ok=not problems, rows=rows, problems=problems)


def _text(value: bytes | None) -> str:
    """A stored text column read as bytes; invalid UTF-8 raises UnicodeDecodeError."""
    return "" if value is None else bytes(value).decode("utf-8")
