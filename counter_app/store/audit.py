"""Append-only audit log, each row chained to the previous one and keyed by the install's secret.

Rows written before the keyed trail (schema 13) are SHA-256 links (`key_id` ''); from the
switch-over row (action `audit.keyed`) on, each row is an HMAC-SHA256 under the install's
secret (store/audit_key.py) and carries the records of the rows its transaction changed
(store/audit_records.py). Triggers refuse UPDATE and DELETE of the log and let the head only
move forward to an existing row. Someone who can write the file can still drop the triggers;
then verify tells: an edited row no longer fits its MAC, a recomputed chain has no MAC (or a
wrong one), edited or deleted data rows no longer fit their records, and a truncated or
replaced file no longer holds the heads the portal stored (`verify_anchors`).

Inside `Store.write` an event is queued (a temporary table of the connection: it rolls back
with the transaction) and written at COMMIT with the records, so the event of a use case
carries the content hashes of what it changed. On a bare connection (restore's work on an
incoming copy) it is written at once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from counter_app.domain import clock
from counter_app.store import audit_records, row_seals
from counter_app.store import driver as sqlite3
from counter_app.store.audit_key import AuditKey

GENESIS = "0" * 64
PENDING = "temp.audit_pending"
KEYED_ACTION = "audit.keyed"
ROWS_CHANGED = "rows.changed"  # a transaction that changed audited rows without an event


def _legacy_hash(prev_hash: str, at: str, actor: str, action: str, entity: str, detail: str) -> str:
    material = "\x1f".join([prev_hash, at, actor, action, entity, detail])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def _keyed_hash(key: AuditKey, fields: Mapping[str, str]) -> str:
    material = "\x1f".join(
        fields[c]
        for c in ("key_id", "prev_hash", "at", "actor", "action", "entity", "detail", "records")
    )
    return key.mac(material.encode("utf-8"))


def is_keyed_schema(conn: sqlite3.Connection) -> bool:
    """Schema 13 or later: the log has keyed rows and records."""
    return (
        conn.execute(
            "SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = 'audit_tallies'"
        ).fetchone()
        is not None
    )


def install_pending(conn: sqlite3.Connection) -> None:
    """The connection's queue of events waiting for their transaction's COMMIT."""
    conn.execute(
        f"CREATE TABLE IF NOT EXISTS {PENDING} (at TEXT, actor TEXT, action TEXT, "
        "entity TEXT, detail TEXT)"
    )


def append(
    conn: sqlite3.Connection,
    *,
    actor: str,
    action: str,
    entity: str = "",
    detail: dict[str, Any] | None = None,
    key: AuditKey | None = None,
) -> None:
    """Append one audit row inside the caller's write transaction (queued until its COMMIT
    inside `Store.write`; at once, keyed by `key` when given, on a bare connection)."""
    at = clock.to_storage(clock.now())
    detail_text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
    event = (at, actor or "", action, entity, detail_text)
    try:
        conn.execute(f"INSERT INTO {PENDING} VALUES (?, ?, ?, ?, ?)", event)
        return
    except sqlite3.OperationalError as exc:
        if "no such table" not in str(exc):
            raise
    _insert(conn, key if is_keyed_schema(conn) else None, *event)


def flush(
    conn: sqlite3.Connection, key: AuditKey | None, changes: Iterable[row_seals.Change]
) -> None:
    """Write the transaction's queued events (before its COMMIT); the last one carries the
    records of the audited rows it changed (an event of its own when none was queued)."""
    events = conn.execute(f"SELECT at, actor, action, entity, detail FROM {PENDING}").fetchall()
    records = audit_records.records_for(conn, key, changes) if key is not None else ""
    if not events and not records:
        return
    if not events:
        events = [(clock.to_storage(clock.now()), "", ROWS_CHANGED, "", "{}")]
    for index, event in enumerate(events):
        _insert(conn, key, *event, records=records if index == len(events) - 1 else "")
    conn.execute(f"DELETE FROM {PENDING}")


def head_key_id(conn: sqlite3.Connection) -> str | None:
    """The key id of the trail's last row ('' = unkeyed), None for an empty trail."""
    head = conn.execute(
        "SELECT l.key_id FROM audit_head h JOIN audit_log l ON l.id = h.last_id WHERE h.id = 1"
    ).fetchone()
    return None if head is None else head[0]


def ensure_keyed(conn: sqlite3.Connection, key: AuditKey) -> bool:
    """Switch the trail over to `key` when its last row is not keyed by it (a migrated
    install, or one whose secret was lost and made anew): a row carrying the tallies of the
    rows as they stand. Inside the caller's write transaction; True when it wrote one."""
    previous = head_key_id(conn)
    if previous == key.key_id:
        return False
    previous = previous or ""
    _insert(
        conn,
        key,
        clock.to_storage(clock.now()),
        "",
        KEYED_ACTION,
        "",
        json.dumps({"key_id": key.key_id, "previous_key_id": previous}, sort_keys=True),
        records=audit_records.baseline(conn, key),
    )
    return True


def _insert(
    conn: sqlite3.Connection,
    key: AuditKey | None,
    at: str,
    actor: str,
    action: str,
    entity: str,
    detail: str,
    *,
    records: str = "",
) -> str:
    head = conn.execute("SELECT last_id, last_hash FROM audit_head WHERE id = 1").fetchone()
    prev_hash = head[1] if head else GENESIS
    if key is None:
        row_hash = _legacy_hash(prev_hash, at, actor, action, entity, detail)
        fields = {"key_id": "", "records": ""} if is_keyed_schema(conn) else {}
    else:
        fields = {"key_id": key.key_id, "records": records}
        row_hash = _keyed_hash(
            key,
            dict(
                fields,
                prev_hash=prev_hash,
                at=at,
                actor=actor,
                action=action,
                entity=entity,
                detail=detail,
            ),
        )
    columns = ["at", "actor", "action", "entity", "detail", "prev_hash", "hash", *fields]
    values = [at, actor, action, entity, detail, prev_hash, row_hash, *fields.values()]
    cursor = conn.execute(
        f"INSERT INTO audit_log ({', '.join(columns)}) VALUES ({', '.join('?' * len(values))})",
        values,
    )
    moved = conn.execute(
        "UPDATE audit_head SET last_id = ?, last_hash = ? WHERE id = 1",
        (cursor.lastrowid, row_hash),
    ).rowcount
    if not moved:
        conn.execute(
            "INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, ?, ?)",
            (cursor.lastrowid, row_hash),
        )
    return row_hash


def head(conn: sqlite3.Connection) -> tuple[int, str] | None:
    """(last row id, its hash): what a sync batch anchors at the portal."""
    try:
        found = conn.execute("SELECT last_id, last_hash FROM audit_head WHERE id = 1").fetchone()
    except sqlite3.OperationalError:
        return None  # no audit tables (dropped): nothing to anchor
    return None if found is None else (int(found[0]), str(found[1]))


@dataclass
class AuditReport:
    ok: bool
    rows: int
    problems: list[str]


def verify(
    conn: sqlite3.Connection,
    key: AuditKey | None = None,
    max_problems: int = 20,
    *,
    key_required: bool = True,
) -> AuditReport:
    """Recompute the chain, then compare its records with the live rows.

    Edited, deleted, inserted and unkeyed chain rows, a truncated tail, and data rows edited,
    deleted or added outside the app are all reported, each naming its row. The chain, its
    head and the data are read in one read transaction (one snapshot), so a writer committing
    meanwhile never looks like tampering. Text that is not valid UTF-8 (damage) is reported as
    a damaged row, never raised. Rows keyed by another key than `key` are reported as
    unverifiable, unless `key_required` is False (a backup looked at without its folder's key:
    the unkeyed part and the links are still checked).
    """
    own_transaction = not conn.in_transaction
    if own_transaction:
        conn.execute("BEGIN")  # deferred: a read snapshot, no write lock
    try:
        return _verify_snapshot(conn, key, max_problems, key_required)
    finally:
        if own_transaction and conn.in_transaction:
            conn.execute("COMMIT")


_LEGACY_COLUMNS = ("at", "actor", "action", "entity", "detail", "prev_hash", "hash")
_KEYED_COLUMNS = (*_LEGACY_COLUMNS, "key_id", "records")


def has_trail(conn: sqlite3.Connection) -> bool:
    """Both audit tables exist (a file whose trail was dropped takes no audited writes)."""
    return {"audit_log", "audit_head"} <= _tables(conn)


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")}


def _verify_snapshot(
    conn: sqlite3.Connection, key: AuditKey | None, max_problems: int, key_required: bool
) -> AuditReport:
    tables = _tables(conn)
    keyed_schema = "audit_tallies" in tables
    missing = [t for t in ("audit_log", "audit_head") if t not in tables]
    if missing:
        return AuditReport(
            ok=False,
            rows=0,
            problems=[
                f"Thiếu bảng nhật ký {', '.join(missing)} (đã bị xóa) / audit tables dropped"
            ],
        )
    chain = _Chain(key, max_problems)
    columns = _KEYED_COLUMNS if keyed_schema else _LEGACY_COLUMNS
    blobs = ", ".join(f"CAST({c} AS BLOB)" for c in columns)
    for raw in conn.execute(f"SELECT id, {blobs} FROM audit_log ORDER BY id"):
        if not chain.check(raw[0], columns, raw[1:]):
            break
    chain.check_head(conn.execute("SELECT last_id, last_hash FROM audit_head WHERE id = 1"))
    problems = chain.problems
    if keyed_schema:
        problems += chain.keyed_summary(key_required)
        if key is not None and chain.keyed_rows:
            problems += audit_records.compare_live(conn, key, chain.replay, max_problems)
    return AuditReport(ok=not problems, rows=chain.rows, problems=problems)


class _Chain:
    """The walk over the log in id order."""

    def __init__(self, key: AuditKey | None, max_problems: int) -> None:
        self.key = key
        self.max_problems = max_problems
        self.problems: list[str] = []
        self.prev_hash = GENESIS
        self.rows = 0
        self.last_id = 0
        self.keyed_rows = 0  # rows keyed by this install's key, checked
        self.foreign: list[int] = []  # keyed rows another key (or no key at hand) sealed
        self.switched = False  # an `audit.keyed` row was seen: keyed rows may follow
        self.replay = audit_records.Replay.empty()

    def _problem(self, text: str) -> bool:
        self.problems.append(text)
        return len(self.problems) < self.max_problems

    def check(self, row_id: int, columns: tuple[str, ...], values: tuple) -> bool:
        """One row; False when enough problems were found."""
        self.rows += 1
        self.last_id = row_id
        try:
            row = dict(zip(columns, (_text(v) for v in values), strict=True))
        except UnicodeDecodeError:
            self.prev_hash = ""
            return self._problem(
                f"Dòng {row_id}: dữ liệu hỏng (không đọc được chữ) / undecodable text (damage)"
            )
        going = True
        if self.prev_hash and row["prev_hash"] != self.prev_hash:
            going = self._problem(
                f"Dòng {row_id}: không nối với dòng trước (bị xóa hoặc chèn) / broken link"
            )
        self.prev_hash = row["hash"]
        key_id = row.get("key_id", "")
        if not key_id:
            if self.keyed_rows or self.foreign:
                return going and self._problem(
                    f"Dòng {row_id}: không có khóa sau thời điểm chuyển sang chuỗi có khóa "
                    "(chuỗi bị tính lại không có bí mật) / unkeyed row after the keyed "
                    "switch-over (chain recomputed without the secret)"
                )
            if row["action"] == KEYED_ACTION:  # a switch-over is always keyed
                return going and self._problem(
                    f"Dòng {row_id}: dòng chuyển sang chuỗi có khóa lại không có khóa (chuỗi "
                    "bị tính lại không có bí mật) / the keyed switch-over row carries no key "
                    "(chain recomputed without the secret)"
                )
            expected = _legacy_hash(
                row["prev_hash"],
                row["at"],
                row["actor"],
                row["action"],
                row["entity"],
                row["detail"],
            )
            if expected != row["hash"]:
                return going and self._problem(
                    f"Dòng {row_id}: nội dung đã bị sửa / row content altered"
                )
            return going
        if row["action"] == KEYED_ACTION:
            self.switched = True
        elif not self.switched:
            going = going and self._problem(
                f"Dòng {row_id}: dòng có khóa trước thời điểm chuyển sang chuỗi có khóa / a "
                "keyed row before any keyed switch-over (the trail was rebuilt)"
            )
        if self.key is None or key_id != self.key.key_id:
            self.foreign.append(row_id)
            return going
        if _keyed_hash(self.key, row) != row["hash"]:
            return going and self._problem(
                f"Dòng {row_id}: nội dung đã bị sửa hoặc chuỗi bị tính lại không có bí mật / "
                "row content altered (or the chain recomputed without the secret)"
            )
        self.keyed_rows += 1
        try:
            self.replay.apply(row_id, row["records"])
        except (ValueError, TypeError, AttributeError):
            return going and self._problem(
                f"Dòng {row_id}: bản ghi nội dung không đọc được / unreadable records"
            )
        return going

    def check_head(self, cursor: sqlite3.Cursor) -> None:
        if len(self.problems) >= self.max_problems:
            return
        found = cursor.fetchone()
        if found is None and self.rows:
            self.problems.append("Thiếu điểm neo cuối chuỗi / chain head missing")
        elif found is not None and (
            found[0] != self.last_id or (self.prev_hash and found[1] != self.prev_hash)
        ):
            self.problems.append(
                f"Cuối chuỗi không khớp (neo: dòng {found[0]}, thực tế: dòng {self.last_id}): "
                "các dòng cuối đã bị xóa / tail rows deleted"
            )

    def keyed_summary(self, key_required: bool) -> list[str]:
        problems = []
        if self.foreign and key_required:
            first, last = self.foreign[0], self.foreign[-1]
            problems.append(
                f"{len(self.foreign)} dòng (từ dòng {first} đến {last}) được ký bằng khóa máy "
                "này không có (khóa bị mất, bị thay hoặc chuỗi bị làm giả) / rows sealed with "
                "a key this PC does not hold (lost or replaced secret, or a forged chain)"
            )
        if not self.keyed_rows and not self.foreign:
            problems.append(
                f"Nhật ký {self.rows} dòng không có dòng nào được ký bằng khóa (chuỗi bị tính "
                "lại không có bí mật hoặc bị thay thế) / no keyed row: the chain was rebuilt "
                "without the secret or replaced"
            )
        return problems


def verify_anchors(conn: sqlite3.Connection, heads: Iterable[Mapping[str, Any]]) -> list[str]:
    """The heads the portal stored for this counter against this file: each must still be a
    row of the chain with the same hash. A missing one means the file was truncated or rolled
    back to an older copy; a different one means the chain was rewritten or the database
    replaced (a fresh one, or an old backup that went on)."""
    problems: list[str] = []
    try:
        last = conn.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]
    except sqlite3.OperationalError:
        last = 0
    for anchored in heads:
        row_id, expected, at = int(anchored["id"]), str(anchored["hash"]), anchored.get("at", "")
        try:
            found = conn.execute("SELECT hash FROM audit_log WHERE id = ?", (row_id,)).fetchone()
        except sqlite3.OperationalError:
            found = None
        if found is None:
            problems.append(
                f"Cổng đã lưu dòng nhật ký {row_id} ({at}) nhưng tệp chỉ có đến dòng {last}: "
                "nhật ký bị cắt hoặc dữ liệu bị thay bằng bản cũ / the portal anchored row "
                f"{row_id} but this file ends at row {last}: truncated or rolled back to an "
                "older copy"
            )
        elif found[0] != expected:
            problems.append(
                f"Dòng nhật ký {row_id} khác với bản Cổng đã lưu ({at}): chuỗi bị viết lại hoặc "
                f"cơ sở dữ liệu bị thay thế / row {row_id} differs from the head the portal "
                "anchored: the chain was rewritten or the database replaced"
            )
    return problems


def _text(value: bytes | None) -> str:
    """A stored text column read as bytes; invalid UTF-8 raises UnicodeDecodeError."""
    return "" if value is None else bytes(value).decode("utf-8")
