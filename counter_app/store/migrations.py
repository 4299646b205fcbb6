"""Ordered schema migrations. Append new ones; never edit a released one."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import sqlite_utils

# What a long migration reports while it runs: (what, done, total) in its own units, e.g.
# ("search index", 250_000, 1_000_000). The GUI shows it; the CLI and tests may ignore it.
MigrationProgress = Callable[[str, int, int], None]

SEARCH_INDEX_CHUNK = 50_000  # dossiers indexed between two progress reports


def _reports_progress(migration: Callable[..., None]) -> Callable[..., None]:
    """Mark a migration that takes `progress=` (the runner passes it only to those)."""
    migration.reports_progress = True  # type: ignore[attr-defined]
    return migration


def _v1_initial(db: sqlite_utils.Database) -> None:
    db["settings"].create({"key": str, "value": str}, pk="key")
    db["staff"].create(
        {
            "username": str,
            "full_name": str,
            "role": str,
            "password_hash": str,
            "active": int,
            "failed_logins": int,
            "created_at": str,
        },
        pk="username",
        not_null={"full_name", "role", "password_hash"},
        defaults={"active": 1, "failed_logins": 0},
    )
    db["procedures"].create(
        {
            "code": str,
            "name": str,
            "name_fold": str,
            "field_code": str,
            "field_name": str,
            "processing_time": float,
            "time_unit": str,
            "fees": str,
            "documents": str,
            "results": str,
            "channels": str,
            "catalogue_version": str,
        },
        pk="code",
        not_null={"name", "time_unit"},
    )
    db["catalogue_imports"].create(
        {
            "id": int,
            "version": str,
            "source": str,
            "sha256": str,
            "procedure_count": int,
            "imported_at": str,
            "imported_by": str,
        },
        pk="id",
    )
    db["holiday_overrides"].create(
        {"day": str, "working": int, "note": str, "source": str, "updated_at": str}, pk="day"
    )
    db["applicants"].create(
        {
            "id": int,
            "full_name": str,
            "id_number": str,
            "id_type": str,
            "birth_date": str,
            "sex": str,
            "phone": str,
            "email": str,
            "address": str,
            "ward_code": int,
            "province_code": int,
        },
        pk="id",
        not_null={"full_name"},
    )
    db["dossiers"].create(
        {
            "id": int,
            "uuid": str,
            "code": str,
            "procedure_code": str,
            "procedure_name": str,
            "field_code": str,
            "field_name": str,
            "processing_time": float,
            "time_unit": str,
            "applicant_id": int,
            "sets": int,
            "officer": str,
            "received_at": str,
            "due_at": str,
            "status": int,
            "channel": str,
            "return_method": str,
            "notes": str,
            "book_number": str,
            "book_seq": int,
            "returned_at": str,
            "collected_by": str,
            "collected_id_number": str,
            "search_text": str,
            "created_at": str,
            "updated_at": str,
            "sync_state": str,
            "sync_message": str,
            "portal_version": int,
            "conflict": str,
        },
        pk="id",
        not_null={"uuid", "status"},
        foreign_keys=[("applicant_id", "applicants", "id")],
    )
    db.execute("CREATE UNIQUE INDEX idx_dossiers_uuid ON dossiers(uuid)")
    db.execute("CREATE UNIQUE INDEX idx_dossiers_code ON dossiers(code)")
    db.execute("CREATE INDEX idx_dossiers_received ON dossiers(received_at)")
    # Single-column indexes are ordered by rowid too, so "newest first" needs no sort.
    db.execute("CREATE INDEX idx_dossiers_status ON dossiers(status)")
    db.execute("CREATE INDEX idx_dossiers_due ON dossiers(due_at)")
    db.execute("CREATE INDEX idx_dossiers_procedure ON dossiers(procedure_code)")
    db.execute(
        "CREATE INDEX idx_dossiers_sync_problems ON dossiers(sync_state) "
        "WHERE sync_state IN ('rejected', 'conflict')"
    )
    child = {"dossier_id": int}
    db["documents"].create(
        {"id": int, **child, "position": int, "name": str, "kind": str, "count": int},
        pk="id",
        foreign_keys=[("dossier_id", "dossiers", "id")],
    )
    db["fees"].create(
        {"id": int, **child, "code": str, "name": str, "amount": int, "paid": int},
        pk="id",
        foreign_keys=[("dossier_id", "dossiers", "id")],
    )
    db["status_events"].create(
        {
            "id": int,
            **child,
            "at": str,
            "by": str,
            "from_status": int,
            "to_status": int,
            "reason": str,
        },
        pk="id",
        foreign_keys=[("dossier_id", "dossiers", "id")],
    )
    db["due_changes"].create(
        {
            "id": int,
            **child,
            "at": str,
            "by": str,
            "kind": str,
            "old_due": str,
            "new_due": str,
            "reason": str,
        },
        pk="id",
        foreign_keys=[("dossier_id", "dossiers", "id")],
    )
    db["print_log"].create(
        {
            "id": int,
            **child,
            "at": str,
            "officer": str,
            "form": str,
            "copy": str,
            "paper": str,
            "reprint_reason": str,
        },
        pk="id",
        foreign_keys=[("dossier_id", "dossiers", "id")],
    )
    for table in ("documents", "fees", "status_events", "due_changes", "print_log"):
        db.execute(f"CREATE INDEX idx_{table}_dossier ON {table}(dossier_id)")
    db["audit_log"].create(
        {
            "id": int,
            "at": str,
            "actor": str,
            "action": str,
            "entity": str,
            "detail": str,
            "prev_hash": str,
            "hash": str,
        },
        pk="id",
        not_null={"action", "hash"},
    )
    db["audit_head"].create({"id": int, "last_id": int, "last_hash": str}, pk="id")
    db["outbox"].create(
        {
            "id": int,
            "dossier_id": int,
            "op": str,
            "payload": str,
            "idempotency_key": str,
            "created_at": str,
            "state": str,
            "attempts": int,
            "last_error": str,
            "next_attempt_at": str,
            "sent_at": str,
        },
        pk="id",
        not_null={"op", "payload", "idempotency_key", "state"},
        defaults={"state": "pending", "attempts": 0},
    )
    db.execute("CREATE UNIQUE INDEX idx_outbox_key ON outbox(idempotency_key)")
    db.execute("CREATE INDEX idx_outbox_pending ON outbox(state, id)")
    db.execute("CREATE INDEX idx_outbox_dossier ON outbox(dossier_id, id)")
    db["code_sequences"].create(
        {"day": str, "counter": int, "last_seq": int}, pk=("day", "counter")
    )
    db["book_sequences"].create({"book": str, "last_seq": int}, pk="book")
    # Accent-folded search over name, ID number, phone and code; kept in step by triggers.
    db.execute(
        "CREATE VIRTUAL TABLE dossiers_fts USING fts5(search_text, content='dossiers', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
    )
    db.executescript(
        """
        CREATE TRIGGER dossiers_fts_ai AFTER INSERT ON dossiers BEGIN
          INSERT INTO dossiers_fts(rowid, search_text) VALUES (new.id, new.search_text);
        END;
        CREATE TRIGGER dossiers_fts_ad AFTER DELETE ON dossiers BEGIN
          INSERT INTO dossiers_fts(dossiers_fts, rowid, search_text)
          VALUES ('delete', old.id, old.search_text);
        END;
        CREATE TRIGGER dossiers_fts_au AFTER UPDATE OF search_text ON dossiers BEGIN
          INSERT INTO dossiers_fts(dossiers_fts, rowid, search_text)
          VALUES ('delete', old.id, old.search_text);
          INSERT INTO dossiers_fts(rowid, search_text) VALUES (new.id, new.search_text);
        END;
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
          SELECT RAISE(ABORT, 'audit_log is append-only');
        END;
        """
    )


def _v2_drafts_and_sync_state(db: sqlite_utils.Database) -> None:
    """Intake drafts (GUI autosave) and key/value sync state (cursors, last success)."""
    db["drafts"].create({"id": str, "officer": str, "data": str, "updated_at": str}, pk="id")
    db["sync_state"].create({"key": str, "value": str}, pk="key")
    # Entries sent together share a batch key: a resend after a crash or a lost answer
    # repeats the very same request, so the portal's idempotency replay applies.
    db.execute("ALTER TABLE outbox ADD COLUMN batch_key TEXT")
    # Structured details of a status change, e.g. the documents a supplement asks for.
    db.execute("ALTER TABLE status_events ADD COLUMN detail TEXT")


def _v3_returned_index(db: sqlite_utils.Database) -> None:
    """The Today screen lists and counts results handed back on a day."""
    db.execute(
        "CREATE INDEX idx_dossiers_returned ON dossiers(returned_at) WHERE returned_at IS NOT NULL"
    )


def _portal_item_quarantine(db: sqlite_utils.Database) -> None:
    """Portal answers' items that do not fit their declared shape (portal/answers.py): kept
    with the portal's raw text and shown to people, never applied; one row per distinct item."""
    db.execute(
        """
        CREATE TABLE sync_quarantine (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,          -- changes | catalogue | holidays
            item_key TEXT NOT NULL,        -- the dossier code, procedure or day it names, or ''
            reason TEXT NOT NULL,          -- which value does not fit, and why
            raw TEXT NOT NULL,             -- the item as the portal sent it (JSON text)
            digest TEXT NOT NULL,          -- sha256 of source + raw: the same item is one row
            cursor TEXT,                   -- the feed cursor the item came before, for changes
            first_seen_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            times_seen INTEGER NOT NULL DEFAULT 1
        )
        """
    )
    db.execute("CREATE UNIQUE INDEX idx_sync_quarantine_digest ON sync_quarantine(digest)")


@_reports_progress
def _search_prefix_index(db: sqlite_utils.Database, *, progress: MigrationProgress) -> None:
    """The search index with prefix indexes for 1-6 characters: a typed fragment ("nguy",
    "0011") reads one ready doclist instead of merging every term that starts with it, so
    a search costs the same at 10,000 and at 1,000,000 dossiers (about +9 % disk).

    Same table name, columns, tokenizer and content table: the triggers and the search SQL
    are unchanged, and so are the rows a search returns. Indexed in chunks of dossiers for
    the progress report; on a 1,000,000-dossier folder this takes about a minute."""
    conn = db.conn
    conn.execute("DROP TABLE dossiers_fts")  # the triggers name it and find the new one
    conn.execute(
        "CREATE VIRTUAL TABLE dossiers_fts USING fts5(search_text, content='dossiers', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2', "
        "prefix='1 2 3 4 5 6')"
    )
    total = conn.execute("SELECT count(*) FROM dossiers").fetchone()[0]
    done, last_id = 0, 0
    progress("search index", 0, total)
    while True:
        bounds = conn.execute(
            "SELECT count(*), max(id) FROM (SELECT id FROM dossiers WHERE id > ? "
            "ORDER BY id LIMIT ?)",
            (last_id, SEARCH_INDEX_CHUNK),
        ).fetchone()
        if not bounds[0]:
            break
        conn.execute(
            "INSERT INTO dossiers_fts(rowid, search_text) SELECT id, search_text FROM dossiers "
            "WHERE id > ? AND id <= ? ORDER BY id",
            (last_id, bounds[1]),
        )
        done, last_id = done + bounds[0], bounds[1]
        progress("search index", done, total)


MIGRATIONS: list[Callable[..., None]] = [
    _v1_initial,
    _v2_drafts_and_sync_state,
    _v3_returned_index,
    _portal_item_quarantine,
    _search_prefix_index,
]
SCHEMA_VERSION = len(MIGRATIONS)


def apply_migration(
    version: int, db: sqlite_utils.Database, progress: MigrationProgress | None = None
) -> None:
    """Run migration `version` (1-based) inside the caller's transaction."""
    migration = MIGRATIONS[version - 1]
    if getattr(migration, "reports_progress", False):
        migration(db, progress=progress or _no_progress)
    else:
        migration(db)


def _no_progress(what: str, done: int, total: int) -> None:
    del what, done, total


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]
