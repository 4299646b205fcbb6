"""Ordered schema migrations. Append new ones; never edit a released one.

Row seals (store/row_seals.py) and migrations: the store runs the migrations without its
seal tracking, so a migration that changes the stored bytes of existing rows of a sealed
table (an UPDATE, a table rebuild, an INSERT…SELECT into it, a column added with a non-NULL
default) declares that table with `@_rewrites(...)`; one that only adds a NULL column does
not (a seal skips NULL columns), nor one that creates a table (a new table is sealed after
the upgrade anyway). Before migrating, the store checks the declared tables' rows against
their seals (a damaged row stops the upgrade: it must not be sealed as the migration's work);
after, it seals those tables again, and the tables the migrations created. Every other row
keeps its seal, untouched. The upgrade tests fail for a rewrite left undeclared.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from counter_app.store import driver as sqlite3
from counter_app.store.row_seals import SEALED_TABLES

if TYPE_CHECKING:  # the migrations get a Database from Store.db(), which imports it
    import sqlite_utils

# What a long migration reports while it runs: (what, done, total) in its own units, e.g.
# ("search index", 250_000, 1_000_000). The GUI shows it; the CLI and tests may ignore it.
MigrationProgress = Callable[[str, int, int], None]

SEARCH_INDEX_CHUNK = 50_000  # dossiers indexed between two progress reports


def _reports_progress(migration: Callable[..., None]) -> Callable[..., None]:
    """Mark a migration that takes `progress=` (the runner passes it only to those)."""
    migration.reports_progress = True  # type: ignore[attr-defined]
    return migration


def _rewrites(*tables: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Declare the sealed tables whose existing rows a migration rewrites (module docstring)."""
    unknown = set(tables) - set(SEALED_TABLES)
    if unknown:
        raise ValueError(f"not sealed tables: {sorted(unknown)}")

    def declare(migration: Callable[..., None]) -> Callable[..., None]:
        migration.rewrites = tables  # type: ignore[attr-defined]
        return migration

    return declare


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


def _v4_portal_item_quarantine(db: sqlite_utils.Database) -> None:
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


def _v5_intake_references(db: sqlite_utils.Database) -> None:
    """What an intake was received under (a client reference, or an import line's content):
    receiving it again answers with the dossier already received instead of a new one."""
    db.execute(
        "CREATE TABLE intake_references (reference TEXT PRIMARY KEY, "
        "dossier_id INTEGER NOT NULL REFERENCES dossiers(id), created_at TEXT NOT NULL)"
    )


def _v6_database_identity(db: sqlite_utils.Database) -> None:
    """A random id of this database, also kept in the folder's marker: a database that is
    not the folder's own (replaced, lost and recreated) is noticed before it is used."""
    import uuid

    from counter_app.domain import clock

    db.execute(
        "CREATE TABLE store_identity (id INTEGER PRIMARY KEY CHECK (id = 1), "
        "database_id TEXT NOT NULL, created_at TEXT NOT NULL)"
    )
    db.execute(
        "INSERT INTO store_identity (id, database_id, created_at) VALUES (1, ?, ?)",
        (uuid.uuid4().hex, clock.to_storage(clock.now())),
    )


@_rewrites(*SEALED_TABLES)  # no row had a seal before: every sealed table is sealed after it
def _v7_row_seals(db: sqlite_utils.Database) -> None:
    """Per-row content seals (store/row_seals.py); the store seals every row after migrating."""
    db.execute(
        "CREATE TABLE row_seals (tbl TEXT NOT NULL, row_key TEXT NOT NULL, hash TEXT NOT NULL, "
        "PRIMARY KEY (tbl, row_key)) WITHOUT ROWID"
    )


def _v8_centre_figures_indexes(db: sqlite_utils.Database) -> None:
    """The centre's figures (services/reports.py): when each dossier was first finished (its
    first event to 9 or 10) is found by the moment and by the dossier, without a table scan."""
    db.execute(
        "CREATE INDEX idx_status_events_finished_at ON status_events(at, dossier_id) "
        "WHERE to_status IN (9, 10)"
    )
    db.execute(
        "CREATE INDEX idx_status_events_finished_by_dossier ON status_events(dossier_id, at) "
        "WHERE to_status IN (9, 10)"
    )


def _v9_handovers_and_staff_phone(db: sqlite_utils.Database) -> None:
    """Hand-overs between the centre and the deciding agency (Mẫu 06, the daily hand-over
    list), each with both people; and a contact phone per officer (Mẫu 02)."""
    db.execute(
        """
        CREATE TABLE handovers (
            id INTEGER PRIMARY KEY,
            dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
            batch TEXT NOT NULL,           -- dossiers handed over together share it
            direction TEXT NOT NULL,       -- out: to the agency | back: returned to the centre
            at TEXT NOT NULL,
            agency TEXT NOT NULL,
            giver TEXT NOT NULL,
            receiver TEXT NOT NULL,
            notes TEXT NOT NULL DEFAULT '',
            by TEXT NOT NULL               -- the signed-in officer who recorded it
        )
        """
    )
    db.execute("CREATE INDEX idx_handovers_dossier ON handovers(dossier_id, id)")
    db.execute("CREATE INDEX idx_handovers_at ON handovers(at)")
    # Kept beside the staff table so existing staff rows stay exactly as they were.
    db.execute(
        "CREATE TABLE staff_phones (username TEXT PRIMARY KEY REFERENCES staff(username), "
        "phone TEXT NOT NULL)"
    )


@_rewrites("dossiers")
def _v10_dossiers_receiving_counter(db: sqlite_utils.Database) -> None:
    """The counter of the centre that received each dossier (issue 14: the local DB holds the
    whole centre's register). A counter's code carries it (DESIGN §4: the first digit of the
    daily sequence); an online dossier gets the counter that took it, NULL until then."""
    db.execute("ALTER TABLE dossiers ADD COLUMN received_counter INTEGER")
    db.execute(
        "UPDATE dossiers SET received_counter = CAST(substr(code, -4, 1) AS INTEGER) "
        "WHERE code GLOB '*-[1-9][0-9][0-9][0-9]'"
    )
    db.execute("CREATE INDEX idx_dossiers_received_counter ON dossiers(received_counter)")


@_reports_progress
def _v11_search_prefix_index(db: sqlite_utils.Database, *, progress: MigrationProgress) -> None:
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


def _v12_seed_official_days_2026(db: sqlite_utils.Database) -> None:
    """The 2026 official decisions the `holidays` package lacks (domain/official_days.py, each
    with its source) as holiday overrides with source "seed". A day that already has an
    override (set by a person or the portal) keeps it. Seeded here rather than at start so it
    happens once per database, in the upgrade's transaction: a technician's later removal of a
    seed row is not undone at the next start."""
    from counter_app.domain.official_days import SEED_2026, SEED_SOURCE

    for item in SEED_2026:
        db.execute(
            "INSERT OR IGNORE INTO holiday_overrides (day, working, note, source, updated_at) "
            "VALUES (?, ?, ?, ?, strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))",
            (item.day.isoformat(), int(item.working), item.override_note, SEED_SOURCE),
        )


def _v13_tamper_evident_audit(db: sqlite_utils.Database) -> None:
    """The keyed audit trail (store/audit.py, store/audit_records.py): each row names the key
    that sealed it ('' = the old unkeyed SHA-256 rows) and carries the content hashes of the
    records its transaction changed; `audit_tallies` keeps the running per-table tally the
    next event carries. Triggers refuse deleting log rows and let the head only move forward
    to a row that exists (the store appends the keyed switch-over row after migrating)."""
    db.execute("ALTER TABLE audit_log ADD COLUMN key_id TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE audit_log ADD COLUMN records TEXT NOT NULL DEFAULT ''")
    db.execute(
        "CREATE TABLE audit_tallies (tbl TEXT PRIMARY KEY, row_count INTEGER NOT NULL, "
        "hash_sum TEXT NOT NULL)"
    )
    # one statement each: executescript would COMMIT the migration's transaction
    for name, when, event in _AUDIT_TRIGGERS:
        message = (
            "audit_log is append-only"
            if event.endswith("audit_log")
            else ("audit_head only moves forward")
        )
        moment = "AFTER" if name == "audit_log_append_at_end" else "BEFORE"  # NEW.id is known
        db.execute(
            f"CREATE TRIGGER {name} {moment} {event} {when} BEGIN "
            f"SELECT RAISE(ABORT, '{message}'); END"
        )


def _v15_attachments(db: sqlite_utils.Database) -> None:
    """Digitised documents (issue 16): one row per stored PDF of a dossier. `kind` is
    'submitted' (a checklist item: `item` is its position in `documents`, NULL for "other
    documents") or 'result'; the file itself is `attachments/<ab>/<sha256>` in the data
    folder (store/attachment_files.py). The upload columns belong to the later sync step:
    pending → uploading (uploaded_bytes) → uploaded (portal_file_ref) or rejected
    (upload_error). A document attached at another counter of the centre is known from the
    unit's feed before its content is: upload_state 'remote', source 'portal', portal_file_ref
    its MaTep (fetched on demand, then 'uploaded'); `listed` is 1 once the dossier's attachment
    list sent to the portal names it. Sealed and recorded by the audit trail like the dossier's
    other rows."""
    db.execute(
        """
        CREATE TABLE attachments (
            id INTEGER PRIMARY KEY,
            dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
            kind TEXT NOT NULL CHECK (kind IN ('submitted', 'result')),
            item INTEGER,                  -- documents.position; NULL: other documents
            label TEXT NOT NULL,           -- the checklist item's name (or what was typed)
            sha256 TEXT NOT NULL,          -- of the plaintext PDF
            bytes INTEGER NOT NULL,
            pages INTEGER NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('scanner', 'folder', 'file', 'portal')),
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            upload_state TEXT NOT NULL DEFAULT 'pending'
                CHECK (upload_state IN ('pending', 'uploading', 'uploaded', 'rejected',
                                        'remote')),
            uploaded_bytes INTEGER NOT NULL DEFAULT 0,
            portal_file_ref TEXT,
            upload_error TEXT NOT NULL DEFAULT '',
            listed INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute("CREATE INDEX idx_attachments_dossier ON attachments(dossier_id, kind, item)")
    db.execute("CREATE INDEX idx_attachments_sha256 ON attachments(sha256)")
    db.execute(
        "CREATE INDEX idx_attachments_upload ON attachments(upload_state) "
        "WHERE upload_state != 'uploaded'"
    )
    db.execute("CREATE INDEX idx_attachments_file_ref ON attachments(portal_file_ref)")


@_reports_progress
def _v16_undigitised_state(db: sqlite_utils.Database, *, progress: MigrationProgress) -> None:
    """The dossiers that are not digitised ("chưa số hóa", issue 16) as a maintained table,
    kept by triggers in the same transaction as every change the rule depends on, and filled
    from the rule here (services/digitisation.py: `install`, the rule and its triggers), in
    chunks of dossiers for the progress report. The list filter then walks that table: its
    cost no longer depends on the share of dossiers digitised."""
    from counter_app.services import digitisation

    digitisation.install(db.conn, progress)


_HEAD_ROW_EXISTS = (
    "NOT EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.last_id AND hash = NEW.last_hash)"
)
_AUDIT_TRIGGERS = (
    ("audit_log_no_delete", "", "DELETE ON audit_log"),
    (
        "audit_log_append_at_end",
        "WHEN NEW.id < (SELECT max(id) FROM audit_log)",
        "INSERT ON audit_log",
    ),
    ("audit_head_no_delete", "", "DELETE ON audit_head"),
    (
        "audit_head_one_row",
        f"WHEN NEW.id != 1 OR EXISTS (SELECT 1 FROM audit_head) OR {_HEAD_ROW_EXISTS}",
        "INSERT ON audit_head",
    ),
    (
        "audit_head_forward",
        f"WHEN NEW.id != OLD.id OR NEW.last_id <= OLD.last_id OR {_HEAD_ROW_EXISTS}",
        "UPDATE ON audit_head",
    ),
)


def _v14_procedure_same_day_cutoff(db: sqlite_utils.Database) -> None:
    """A procedure's own same-day cutoff "HH:MM" (set by sector, DESIGN §6); '' = the
    commune's setting, which every procedure imported before keeps."""
    db.execute("ALTER TABLE procedures ADD COLUMN same_day_cutoff TEXT NOT NULL DEFAULT ''")


MIGRATIONS: list[Callable[..., None]] = [
    _v1_initial,
    _v2_drafts_and_sync_state,
    _v3_returned_index,
    _v4_portal_item_quarantine,
    _v5_intake_references,
    _v6_database_identity,
    _v7_row_seals,
    _v8_centre_figures_indexes,
    _v9_handovers_and_staff_phone,
    _v10_dossiers_receiving_counter,
    _v11_search_prefix_index,
    _v12_seed_official_days_2026,
    _v13_tamper_evident_audit,
    _v14_procedure_same_day_cutoff,
    _v15_attachments,
    _v16_undigitised_state,
]
SCHEMA_VERSION = len(MIGRATIONS)


def rewritten_tables(found: int) -> tuple[str, ...]:
    """The sealed tables that the migrations after version `found` rewrite, in SEALED_TABLES
    order."""
    declared = {t for m in MIGRATIONS[found:] for t in getattr(m, "rewrites", ())}
    return tuple(t for t in SEALED_TABLES if t in declared)


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
