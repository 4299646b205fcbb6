"""Per-row content seals: page damage that SQLite's own checks cannot see (issue 10, item 6).

A flipped byte inside a record (an applicant's phone) leaves the b-tree valid, so
`PRAGMA integrity_check` says ok. Every row of the tables below is sealed with a SHA-256 of
its stored bytes in `row_seals`, written in the same transaction as the row: `Store.write`
collects the rows a transaction touched (temporary triggers of the writing connection)
and seals them before COMMIT. `doctor` verifies every seal; reading a dossier verifies that
dossier's rows. A mismatch is damage: the store stops writing and points to restore.

An upgrade (Store._migrate, issue 15) runs the migrations without that tracking and does not
seal every row again: each migration declares the sealed tables whose rows it rewrites
(store/migrations.py, `_rewrites`). Their rows are checked against their seals first
(`check_before_upgrade`: a row altered before the upgrade stops it as damage instead of
being sealed as the migration's work), and only they, and the sealed tables the migrations
created, are sealed again after (`reseal`); every other seal stays exactly as it was, so
damage from before the upgrade is still found by `verify_all`. A restore seals the rows it
writes itself (the carried code counters) through the same tracking as `Store.write`.

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
    """Temporary triggers (this connection only) that queue every touched sealed row.
    Outside a transaction: they are made in one script and one transaction of their own."""
    if conn.in_transaction:  # the script's BEGIN would fail, and its rollback undo the caller's
        raise sqlite3.ProgrammingError("install_tracking runs outside a transaction")
    statements = [
        # no constraint: a conflict clause inside a trigger would yield to the outer
        # statement's (an UPSERT); duplicates are merged when sealing
        f"CREATE TABLE IF NOT EXISTS {QUEUE} (tbl TEXT NOT NULL, row_key TEXT NOT NULL, "
        "row_id INTEGER)"
    ]
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
            statements.append(
                f"CREATE TEMP TRIGGER IF NOT EXISTS row_seal_{event.lower()}_{table} "
                f'AFTER {event} ON main."{table}" BEGIN {body} END'
            )
    try:
        conn.executescript("BEGIN; " + ";\n".join(statements) + "; COMMIT;")
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise


def _digest(row: sqlite3.Row | tuple) -> str:
    """A row's seal from its material (column 1 of `_select`)."""
    return hashlib.sha256(row[1]).hexdigest()


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# concat() came with SQLite 3.44 (November 2023); a driver built on an older SQLite gets the
# chain of ||, which gives the same bytes, only slower.
_HAS_CONCAT = tuple(int(n) for n in sqlite3.sqlite_version.split(".")[:2]) >= (3, 44)


def _material_sql(table: str, columns: list[str], *, concat: bool = _HAS_CONCAT) -> str:
    """One BLOB per row that SHA-256 seals: the table's name, then (column, type, bytes) of
    every non-NULL column (a later migration that adds a NULL column does not change the
    seal). Built by SQLite in one value: Python hashes it without touching each column.
    `concat()` writes each value's bytes as `CAST(… AS BLOB)` does, for every type, and
    skips a NULL column's part; one call for the row, not a chain of `||` that copies the
    growing value once a part (quadratic in a wide row: ~40 columns for a dossier)."""
    if not concat:
        parts = [_literal(table)] + [
            f"coalesce(x'1e' || {_literal(c)} || x'1f' || typeof(\"{c}\") || x'1f' || "
            f"CAST(\"{c}\" AS BLOB), '')"
            for c in columns
        ]
        return "CAST(" + " || ".join(parts) + " AS BLOB)"
    parts = [_literal(table)] + [
        f'iif("{c}" IS NULL, NULL, '
        f"concat(x'1e', {_literal(c)}, x'1f', typeof(\"{c}\"), x'1f', \"{c}\"))"
        for c in columns
    ]
    return "CAST(concat(" + ", ".join(parts) + ") AS BLOB)"


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


CHUNK = 50_000  # rows compared or sealed between two progress reports


def _against_seals(
    conn: sqlite3.Connection, table: str
) -> Iterator[list[tuple[str, str | None, str]]]:
    """Every row of `table`, in chunks: (row key, its seal or None, the seal of its stored
    bytes now). Reads the seals of one chunk at a time (a table of 1,000,000 rows never has
    all its seals in memory)."""
    columns, keys = _columns(conn, table)
    rows = conn.execute(_select(table, columns, keys))
    while batch := rows.fetchmany(CHUNK):
        now = [(row[0], _digest(row)) for row in batch]
        sealed = dict(
            conn.execute(
                "SELECT row_key, hash FROM row_seals WHERE tbl = ? "
                "AND row_key IN (SELECT value FROM json_each(?))",
                (table, json.dumps([key for key, _ in now])),
            ).fetchall()
        )
        yield [(key, sealed.get(key), digest) for key, digest in now]


def _seals_without_row(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """(row key, seal) of every seal of `table` whose row is gone."""
    _, keys = _columns(conn, table)
    return conn.execute(
        "SELECT row_key, hash FROM row_seals WHERE tbl = ? "
        f'AND row_key NOT IN (SELECT {_key_sql(keys)} FROM main."{table}")',
        (table,),
    ).fetchall()


def _count(conn: sqlite3.Connection, tables: Iterable[str]) -> int:
    return sum(conn.execute(f'SELECT count(*) FROM main."{t}"').fetchone()[0] for t in tables)


def _mismatch(table: str, key: str, sealed: str | None) -> str:
    return f"{table} {key}: " + (
        "nội dung không khớp dấu niêm phong / content does not match its seal"
        if sealed
        else "không có dấu niêm phong / no seal"
    )


def _missing(table: str, key: str) -> str:
    return f"{table} {key}: dòng đã mất / row missing"


def check_before_upgrade(
    conn: sqlite3.Connection,
    tables: Iterable[str],
    progress: Callable[[str, int, int], None] | None = None,
    limit: int = 20,
) -> list[str]:
    """The rows of `tables` (those the pending migrations rewrite) against their seals, before
    the migrations run: a row damaged or altered behind the store's back must not be sealed
    again as if the migration had written it. `progress("seal-check", rows done, rows)`
    between chunks. Returns the problems, as `verify` words them (empty: all match)."""
    tables = tuple(tables)
    report = progress or (lambda what, done, total: None)
    total, done = _count(conn, tables), 0
    report("seal-check", 0, total)
    problems: list[str] = []
    for table in tables:
        for chunk in _against_seals(conn, table):
            problems += [_mismatch(table, k, s) for k, s, now in chunk if s != now]
            done += len(chunk)
            report("seal-check", done, total)
            if len(problems) >= limit:
                return problems[:limit]
        problems += [_missing(table, key) for key, _ in _seals_without_row(conn, table)]
        if len(problems) >= limit:
            return problems[:limit]
    return problems


def reseal(
    conn: sqlite3.Connection,
    tables: Iterable[str],
    progress: Callable[[str, int, int], None] | None = None,
    watched: Container[str] = (),
) -> list[Change]:
    """Seal every row of `tables` again, in chunks, writing only the seals that differ and
    deleting those of rows gone; `progress("seals", rows done, rows)` between chunks.

    After an upgrade it is given the tables the migrations rewrote (checked first by
    `check_before_upgrade`) and those they created; every other table keeps its seals.
    Returns, for the `watched` tables, each row whose seal changed, as `seal_queued` does
    (the keyed audit trail records them)."""
    tables = tuple(tables)
    report = progress or (lambda what, done, total: None)
    total, done = _count(conn, tables), 0
    report("seals", 0, total)
    changes: list[Change] = []
    for table in tables:
        for chunk in _against_seals(conn, table):
            changed = [(key, sealed, now) for key, sealed, now in chunk if sealed != now]
            conn.executemany(
                "INSERT INTO row_seals (tbl, row_key, hash) VALUES (?, ?, ?) "
                "ON CONFLICT(tbl, row_key) DO UPDATE SET hash = excluded.hash",
                [(table, key, now) for key, _, now in changed],
            )
            if table in watched:
                changes += [(table, key, sealed, now) for key, sealed, now in changed]
            done += len(chunk)
            report("seals", done, total)
        gone = _seals_without_row(conn, table)
        conn.executemany(
            "DELETE FROM row_seals WHERE tbl = ? AND row_key = ?", [(table, k) for k, _ in gone]
        )
        if table in watched:
            changes += [(table, key, sealed, None) for key, sealed in gone]
    return changes


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
            problems.append(_mismatch(table, key, expected))
            if len(problems) >= limit:
                return problems
    if seals is not None:
        problems += [_missing(table, key) for key in seals if key not in seen][
            : limit - len(problems)
        ]
    return problems


@contextmanager
def snapshot(conn: sqlite3.Connection) -> Iterator[None]:
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
    with snapshot(conn):
        for table in SEALED_TABLES:
            if not has_table(conn, table):  # an older schema (the doctor reads it as it is)
                continue
            problems += verify(conn, table, limit=limit - len(problems))
            if len(problems) >= limit:
                break
    return problems


def verify_dossier(conn: sqlite3.Connection, dossier_id: int) -> list[str]:
    """The seals of one dossier's rows: the dossier, its applicant and its child rows."""
    with snapshot(conn):
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
