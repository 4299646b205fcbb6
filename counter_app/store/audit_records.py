"""The records of the audit trail: what each change event says the changed rows now hold.

Each event carries, keyed by the install's secret, the content hash of every record its
transaction changed (the row's seal — store/row_seals.py — under an HMAC, or null for a row it
deleted), and the running tally of its tables: the row count and the sum (mod 2**256) of all
their record hashes. `audit verify` replays the records and compares them with the live rows:

- a row the trail recorded whose bytes differ now: edited outside the app (named);
- a row the trail recorded that is gone: deleted outside the app (named);
- a row the trail never recorded: checked against its seal (rows older than the keyed trail);
  a row with no seal or a wrong one is named;
- the tallies catch what the rest cannot name: an old row deleted together with its seal,
  or an old row edited and its unkeyed seal recomputed. Without the secret nobody can make
  a tally or a record hash fit.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from counter_app.store import driver as sqlite3
from counter_app.store import row_seals
from counter_app.store.audit_key import AuditKey

# The tables whose rows the trail records: the dossier and everything a person answers for.
# (The outbox, code sequences and intake references are bookkeeping: sealed, not recorded.)
AUDITED_TABLES = (
    "settings",
    "staff",
    "staff_phones",
    "applicants",
    "dossiers",
    "documents",
    "fees",
    "status_events",
    "due_changes",
    "handovers",
    "print_log",
    "attachments",
)
_MODULUS = 2**256


def record_hash(key: AuditKey, table: str, row_key: str, seal: str) -> str:
    return key.mac(f"{table}\x1f{row_key}\x1f{seal}".encode())


@dataclass
class Tally:
    rows: int = 0
    total: int = 0

    def add(self, digest: str, sign: int = 1) -> None:
        self.rows += sign
        self.total = (self.total + sign * int(digest, 16)) % _MODULUS

    def as_json(self) -> list:
        return [self.rows, f"{self.total:064x}"]

    @classmethod
    def from_json(cls, value: object) -> Tally:
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not isinstance(value[0], int)
            or not isinstance(value[1], str)
        ):
            raise ValueError(f"bad tally {value!r}")
        return cls(rows=value[0], total=int(value[1], 16))


def records_for(
    conn: sqlite3.Connection, key: AuditKey, changes: Iterable[row_seals.Change]
) -> str:
    """The records text of one transaction's changes ('' when none), moving the stored running
    tallies on in the same transaction."""
    changes = list(changes)
    if not changes:
        return ""
    rows: dict[str, dict[str, str | None]] = {}
    tallies = _stored_tallies(conn, sorted({change[0] for change in changes}))
    for table, row_key, old, new in changes:
        if old is not None:
            tallies[table].add(record_hash(key, table, row_key, old), -1)
        hashed = None if new is None else record_hash(key, table, row_key, new)
        if hashed is not None:
            tallies[table].add(hashed)
        rows.setdefault(table, {})[row_key] = hashed
    if not rows:
        return ""
    _store_tallies(conn, tallies)
    return encode(rows, tallies)


def baseline(conn: sqlite3.Connection, key: AuditKey) -> str:
    """The records text of a keyed switch-over: the tallies of every audited table as the
    seals stand (rows older than the keyed trail), stored as the running tallies."""
    tallies: dict[str, Tally] = {}
    for table in AUDITED_TABLES:
        tally = tallies[table] = Tally()
        for row_key, seal in row_seals.seals(conn, table).items():
            tally.add(record_hash(key, table, row_key, seal))
    _store_tallies(conn, tallies)
    return encode({}, tallies, baseline=True)


def encode(rows: dict, tallies: dict[str, Tally], *, baseline: bool = False) -> str:
    value: dict = {"rows": rows, "tallies": {t: v.as_json() for t, v in tallies.items()}}
    if baseline:
        value["baseline"] = True
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _stored_tallies(conn: sqlite3.Connection, tables: list[str]) -> dict[str, Tally]:
    """The running tallies of `tables` (one query: this is on every commit's path)."""
    tallies = {table: Tally() for table in tables}
    marks = ", ".join("?" * len(tables))
    for table, rows, total in conn.execute(
        f"SELECT tbl, row_count, hash_sum FROM audit_tallies WHERE tbl IN ({marks})", tables
    ):
        tallies[table] = Tally(rows, int(total, 16))
    return tallies


def _store_tallies(conn: sqlite3.Connection, tallies: dict[str, Tally]) -> None:
    conn.executemany(
        "INSERT INTO audit_tallies (tbl, row_count, hash_sum) VALUES (?, ?, ?) "
        "ON CONFLICT(tbl) DO UPDATE SET row_count = excluded.row_count, "
        "hash_sum = excluded.hash_sum",
        [(t, v.rows, f"{v.total:064x}") for t, v in tallies.items()],
    )


@dataclass
class Replay:
    """What the trail says the audited tables hold: the last record of each row it recorded
    (hash or None, and the audit row that said so) and the last tally of each table."""

    recorded: dict[str, dict[str, tuple[str | None, int]]]
    tallies: dict[str, tuple[Tally, int]]

    @classmethod
    def empty(cls) -> Replay:
        return cls(recorded={}, tallies={})

    def apply(self, audit_id: int, text: str) -> None:
        """One audit row's records; raises ValueError for text that is not records."""
        if not text:
            return
        value = json.loads(text)
        if not isinstance(value, dict):
            raise ValueError("records are not an object")
        for table, entries in (value.get("rows") or {}).items():
            for row_key, hashed in entries.items():
                self.recorded.setdefault(table, {})[row_key] = (hashed, audit_id)
        for table, tally in (value.get("tallies") or {}).items():
            self.tallies[table] = (Tally.from_json(tally), audit_id)


def compare_live(
    conn: sqlite3.Connection, key: AuditKey, replay: Replay, limit: int = 20
) -> list[str]:
    """The live rows of every audited table against the trail; each problem names the row."""
    problems: list[str] = []
    for table in AUDITED_TABLES:
        if not row_seals.has_table(conn, table):  # an older schema, read as it is
            continue
        table_problems = _compare_table(conn, key, replay, table, limit - len(problems))
        problems += table_problems
        if len(problems) >= limit:
            break
    return problems[:limit]


def _compare_table(
    conn: sqlite3.Connection, key: AuditKey, replay: Replay, table: str, limit: int
) -> list[str]:
    problems: list[str] = []
    seals = row_seals.seals(conn, table)
    seen: set[str] = set()
    live = Tally()
    recorded = replay.recorded.get(table, {})
    for row_key, seal in row_seals.live_digests(conn, table):
        seen.add(row_key)
        hashed = record_hash(key, table, row_key, seal)
        live.add(hashed)
        said = recorded.get(row_key)
        if said is not None:
            expected, audit_id = said
            if expected is None:
                problems.append(
                    f"{table} {row_key}: dòng đã xóa (nhật ký dòng {audit_id}) lại xuất hiện / "
                    "a deleted row reappeared (added outside the app)"
                )
            elif expected != hashed:
                problems.append(
                    f"{table} {row_key}: bị sửa ngoài ứng dụng (khác nhật ký dòng {audit_id}) / "
                    "edited outside the app"
                )
        elif seals.get(row_key) != seal:
            problems.append(
                f"{table} {row_key}: "
                + (
                    "bị sửa ngoài ứng dụng (không khớp dấu niêm phong) / edited outside the app"
                    if row_key in seals
                    else "không có trong nhật ký (thêm ngoài ứng dụng) / "
                    "not in the audit trail (added outside the app)"
                )
            )
        if len(problems) >= limit:
            return problems
    for row_key, (expected, audit_id) in recorded.items():
        if expected is not None and row_key not in seen:
            problems.append(
                f"{table} {row_key}: bị xóa ngoài ứng dụng (nhật ký dòng {audit_id} ghi nhận "
                "dòng này) / deleted outside the app"
            )
            if len(problems) >= limit:
                return problems
    said_tally = replay.tallies.get(table)
    if said_tally is not None and not problems:
        tally, audit_id = said_tally
        if (tally.rows, tally.total) != (live.rows, live.total):
            problems.append(
                f"{table}: nhật ký (dòng {audit_id}) ghi {tally.rows} dòng, tệp có {live.rows}; "
                "nội dung khác với nhật ký (dòng cũ bị sửa hoặc xóa cùng dấu niêm phong) / "
                "the table differs from the trail (old rows edited or deleted with their seals)"
            )
    return problems
