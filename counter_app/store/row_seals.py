"""Per-row content seals: page damage that SQLite's own checks cannot see (issue 10, item 6).

A flipped byte inside a record (an applicant's phone) leaves the b-tree valid, so
`PRAGMA integrity_check` says ok. Every row of the tables below is sealed with a SHA-256 of
its stored bytes in `row_seals`, written in the same transaction as the row: `Store.write`
collects the rows a transaction touched (temporary triggers of the writing connection)
and seals them before COMMIT. `doctor` verifies every seal; reading a dossier verifies that
dossier's rows. A mismatch is damage: the store stops writing and points to restore.

Why not SQLite's checksum VFS (`cksumvfs`)? Python's `sqlite3` here cannot load extensions
(`enable_load_extension` is missing from this build), it cannot set the 8 reserve bytes the
shim needs (no `file_control`), no Debian package ships the shim, and the Windows bundle would
need its own compiled DLL. Seals are plain SQL + hashlib and work everywhere.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Container, Iterable, Iterator
from contextlib import contextmanager

from counter_app.store import driver as sqlite3

SEALED_TABLES = (
    "settings",
    "staff",
    "applicants",
    "dossiers",
    "documents",
    "fees",
    "status_events",
    "due_changes",
    "print_log",
    "outbox",
    "code_sequences",
    "handovers",
    "staff_phones",
    "intake_references",
    "attachments",
)
QUEUE = "temp.row_seal_queue"
_QUEUE_IN_TRIGGER = "row_seal_queue"  # trigger bodies may not qualify names (temp is first)


def has_seals(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = 'row_seals'"
    ).fetchone()
    return row is not None


def has_table(conn: sqlite3.Connection, table: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    return row is not None


def _columns(conn: sqlite3.Connection, table: str) -> tuple[list[str], list[str]]:
    """(all columns, primary-key columns in key order; rowid when there is none)."""
    info = conn.execute(f'PRAGMA main.table_info("{table}")').fetchall()
    columns = [r[1] for r in info]
    keys = [r[1] for r in sorted((r for r in info if r[5]), key=lambda r: r[5])]
    return columns, keys or ["rowid"]


# A table's select of touched rows, by its CREATE statement: the text changes with its
# columns (ALTER TABLE rewrites it), so a cached select is never one of another schema.
_SELECTS: dict[str, str] = {}


def _touched_selects(conn: sqlite3.Connection, tables: Iterable[str]) -> dict[str, str]:
    """Per table of `tables`, the select of its rows by rowid list (one query for all, on
    every commit's path)."""
    selects = {}
    for name, sql in conn.execute(
        "SELECT name, sql FROM main.sqlite_master WHERE type = 'table' "
        "AND name IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(set(tables))),),
    ):
        select = _SELECTS.get(sql)
        if select is None:
            columns, keys = _columns(conn, name)
            select = _SELECTS[sql] = (
                _select(name, columns, keys) + " WHERE rowid IN (SELECT value FROM json_each(?))"
            )
        selects[name] = select
    return selects


def _key_sql(keys: list[str], alias: str = "") -> str:
    prefix = f"{alias}." if alias else ""
    return "json_array(" + ", ".join(f'{prefix}"{k}"' for k in keys) + ")"


def install_tracking(conn: sqlite3.Connection) -> None:
    """Temporary triggers (this connection only) that queue every touched sealed row."""
    conn.execute(
        # no constraint: a conflict clause inside a trigger would yield to the outer
        # statement's (an UPSERT); duplicates are merged when sealing
        f"CREATE TABLE IF NOT EXISTS {QUEUE} (tbl TEXT NOT NULL, row_key TEXT NOT NULL, "
        "row_id INTEGER)"
    )
    existing = {
        r[0] for r in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")
    }
    for table in SEALED_TABLES:
        if table not in existing:  # a table a later migration creates: tracked from then on
            continue
        _, keys = _columns(conn, table)
        new_key, old_key = _key_sql(keys, "new"), _key_sql(keys, "old")
        queue_new = f"INSERT INTO {_QUEUE_IN_TRIGGER} VALUES ('{table}', {new_key}, new.rowid);"
        queue_old = f"INSERT INTO {_QUEUE_IN_TRIGGER} VALUES ('{table}', {old_key}, NULL);"
        for event, body in (
            ("INSERT", queue_new),
            ("UPDATE", queue_old + " " + queue_new),
            ("DELETE", queue_old),
        ):
            conn.execute(
                f"CREATE TEMP TRIGGER IF NOT EXISTS row_seal_{event.lower()}_{table} "
                f'AFTER {event} ON main."{table}" BEGIN {body} END'
            )


def _digest(row: sqlite3.Row | tuple) -> str:
    """A row's seal from its material (column 1 of `_select`)."""
    return hashlib.sha256(row[1]).hexdigest()


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _material_sql(table: str, columns: list[str]) -> str:
    """One BLOB per row that SHA-256 seals: the table's name, then (column, type, bytes) of
    every non-NULL column (a later migration that adds a NULL column does not change the
    seal). Built by SQLite in one value: Python hashes it without touching each column
    (`||` and `CAST(… AS BLOB)` give the same bytes for every type)."""
    parts = [_literal(table)] + [
        f"coalesce(x'1e' || {_literal(c)} || x'1f' || typeof(\"{c}\") || x'1f' || "
        f"CAST(\"{c}\" AS BLOB), '')"
        for c in columns
    ]
    return "CAST(" + " || ".join(parts) + " AS BLOB)"


def _select(table: str, columns: list[str], keys: list[str]) -> str:
    return f'SELECT {_key_sql(keys)}, {_material_sql(table, columns)} FROM main."{table}"'


Change = tuple[str, str, "str | None", "str | None"]  # table, row key, old seal, new seal


def has_queued(conn: sqlite3.Connection) -> bool:
    """Whether this transaction touched a sealed table (the office's data changed)."""
    return conn.execute(f"SELECT EXISTS (SELECT 1 FROM {QUEUE})").fetchone()[0] == 1


def seal_queued(conn: sqlite3.Connection, watched: Container[str] = ()) -> list[Change]:
    """Seal the rows this transaction touched (inside it, before COMMIT). Returns, for the
    `watched` tables, each row whose seal changed as (table, key, old seal, new seal), None
    for a row that did not exist before or does not exist after (the audit trail's records).

    Every statement's text is the same whatever the rows (lists go as one JSON parameter),
    so a connection compiles each once: this runs before every COMMIT."""
    queued = conn.execute(f"SELECT tbl, row_key, row_id FROM {QUEUE}").fetchall()
    if not queued:
        return []
    by_table: dict[str, list[tuple[str, int | None]]] = {}
    for table, key, row_id in queued:
        by_table.setdefault(table, []).append((key, row_id))
    selects = _touched_selects(conn, by_table)
    before: dict[tuple[str, str], str] = {}
    watched_here = sorted(table for table in by_table if table in watched)
    if watched_here:  # the old seals of the watched rows only (not the outbox's, say)
        before = {
            (table, key): digest
            for table, key, digest in conn.execute(
                "SELECT s.tbl, s.row_key, s.hash FROM row_seals s "
                f"JOIN (SELECT DISTINCT tbl, row_key FROM {QUEUE} "
                "WHERE tbl IN (SELECT value FROM json_each(?))) q "
                "ON s.tbl = q.tbl AND s.row_key = q.row_key",
                (json.dumps(watched_here),),
            )
        }
    changes: list[Change] = []
    sealed: list[tuple[str, str, str]] = []
    gone: list[tuple[str, str]] = []
    for table, entries in by_table.items():
        select = selects[table]
        ids = sorted({row_id for _, row_id in entries if row_id is not None})
        present = {
            row[0]: _digest(row)
            for row in (conn.execute(select, (json.dumps(ids),)) if ids else ())
        }
        touched = sorted({key for key, _ in entries})
        if table in watched:
            changes += [
                (table, key, before.get((table, key)), present.get(key))
                for key in touched
                if before.get((table, key)) != present.get(key)
            ]
        sealed += [(table, key, digest) for key, digest in present.items()]
        gone += [(table, key) for key in touched if key not in present]
    conn.executemany(
        "INSERT INTO row_seals (tbl, row_key, hash) VALUES (?, ?, ?) "
        "ON CONFLICT(tbl, row_key) DO UPDATE SET hash = excluded.hash",
        sealed,
    )
    if gone:
        conn.executemany("DELETE FROM row_seals WHERE tbl = ? AND row_key = ?", gone)
    conn.execute(f"DELETE FROM {QUEUE}")
    return changes


def seals(conn: sqlite3.Connection, table: str) -> dict[str, str]:
    """Every seal of `table`, by row key."""
    return dict(
        conn.execute("SELECT row_key, hash FROM row_seals WHERE tbl = ?", (table,)).fetchall()
    )


def live_digests(conn: sqlite3.Connection, table: str) -> Iterator[tuple[str, str]]:
    """(row key, seal of its stored bytes now) for every row of `table`."""
    columns, keys = _columns(conn, table)
    for row in conn.execute(_select(table, columns, keys)):
        yield row[0], _digest(row)


RESEAL_CHUNK = 50_000  # rows sealed between two progress reports


def reseal_all(
    conn: sqlite3.Connection,
    tables: Iterable[str] = SEALED_TABLES,
    progress: Callable[[str, int, int], None] | None = None,
) -> None:
    """Seal every row again (after migrations, or after a restore's own writes), in chunks;
    `progress("seals", rows done, rows)` between them (minutes at 1M: the upgrade window)."""
    tables = tuple(tables)
    report = progress or (lambda what, done, total: None)
    total = sum(conn.execute(f'SELECT count(*) FROM main."{t}"').fetchone()[0] for t in tables)
    done = 0
    report("seals", 0, total)
    for table in tables:
        columns, keys = _columns(conn, table)
        conn.execute("DELETE FROM row_seals WHERE tbl = ?", (table,))
        rows = conn.execute(_select(table, columns, keys))
        while batch := rows.fetchmany(RESEAL_CHUNK):
            conn.executemany(
                "INSERT INTO row_seals (tbl, row_key, hash) VALUES (?, ?, ?)",
                ((table, row[0], _digest(row)) for row in batch),
            )
            done += len(batch)
            report("seals", done, total)


def verify(
    conn: sqlite3.Connection, table: str, where: str = "", params: tuple = (), limit: int = 20
) -> list[str]:
    """Rows of `table` (optionally `where`) whose stored bytes no longer match their seal.

    Without `where` it also reports seals whose row has disappeared."""
    columns, keys = _columns(conn, table)
    seals = (
        {
            key: digest
            for key, digest in conn.execute(
                "SELECT row_key, hash FROM row_seals WHERE tbl = ?", (table,)
            )
        }
        if not where
        else None
    )
    problems: list[str] = []
    seen: set[str] = set()
    for row in conn.execute(
        _select(table, columns, keys) + (f" WHERE {where}" if where else ""), params
    ):
        key = row[0]
        seen.add(key)
        if seals is not None:
            expected = seals.get(key)
        else:
            found = conn.execute(
                "SELECT hash FROM row_seals WHERE tbl = ? AND row_key = ?", (table, key)
            ).fetchone()
            expected = found[0] if found else None
        if expected != _digest(row):
            problems.append(
                f"{table} {key}: "
                + (
                    "nội dung không khớp dấu niêm phong / content does not match its seal"
                    if expected
                    else "không có dấu niêm phong / no seal"
                )
            )
            if len(problems) >= limit:
                return problems
    if seals is not None:
        problems += [
            f"{table} {key}: dòng đã mất / row missing" for key in seals if key not in seen
        ][: limit - len(problems)]
    return problems


@contextmanager
def _snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    """Rows and seals read in one read transaction, never half before a writer's commit."""
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")
    try:
        yield
    finally:
        if own and conn.in_transaction:
            conn.execute("COMMIT")


def verify_all(conn: sqlite3.Connection, limit: int = 20) -> list[str]:
    """Every sealed row of the database (the doctor's check)."""
    problems: list[str] = []
    with _snapshot(conn):
        for table in SEALED_TABLES:
            if not has_table(conn, table):  # an older schema (the doctor reads it as it is)
                continue
            problems += verify(conn, table, limit=limit - len(problems))
            if len(problems) >= limit:
                break
    return problems


def verify_dossier(conn: sqlite3.Connection, dossier_id: int) -> list[str]:
    """The seals of one dossier's rows: the dossier, its applicant and its child rows."""
    with _snapshot(conn):
        problems = verify(conn, "dossiers", "id = ?", (dossier_id,))
        problems += verify(
            conn,
            "applicants",
            "id = (SELECT applicant_id FROM dossiers WHERE id = ?)",
            (dossier_id,),
        )
        for table in ("documents", "fees", "status_events", "due_changes", "handovers"):
            problems += verify(conn, table, "dossier_id = ?", (dossier_id,))
        if has_table(conn, "attachments"):
            problems += verify(conn, "attachments", "dossier_id = ?", (dossier_id,))
    return problems
