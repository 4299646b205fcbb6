"""When a dossier counts as digitised (số hóa, issue 16): the one rule, in SQL.

Thông tư 01/2023/TT-VPCP has one-stop offices digitise the components of the dossiers
citizens submit on paper and the results they hand back; centres are judged by the share
digitised. Here, over a dossiers row aliased `d`:

- its **submitted documents** are digitised when every checklist item it has (`documents`,
  by position) has a submitted attachment, and it has at least one submitted attachment
  (a dossier without a checklist needs one "other documents" file). `MISSING_SQL` counts
  what is missing: the checklist items without a file, or 1 for a dossier with no checklist
  and no file; digitised is `MISSING_SQL = 0`.
- its **result** is digitised when a 'result' attachment exists (`RESULT_SQL`); it is asked
  of dossiers whose result was ready or handed back (status 9 or 10).
- the submitted documents are asked only of dossiers received at a counter
  (`APPLIES_SQL`): online dossiers came as electronic files through the portal, and
  dossiers refused or sent back before receipt were never received (DESIGN §3). The list
  shows "—" for the others.

An attachment counts when its row has a SHA-256, whatever its local content: rows arriving
from other counters (sync) name a file this counter may not hold yet; but not once withdrawn
(another counter's file its dossier's list on the portal no longer names: outbox.WITHDRAWN_SQL).

The centre's figures (services/reports.py) and `service.attachments.digitisation(code)` read
these fragments.

**The maintained state** (`undigitised`, migration v16): the ids of the dossiers for which
`UNDIGITISED_SQL` holds, so the list's "chưa số hóa" filter walks that table (newest first)
instead of asking the rule of every dossier until it finds a page: its cost no longer depends
on the share digitised. SQLite triggers (`STATE_TRIGGERS`) keep it: the rule reads, of one
dossier X, only its `dossiers` row (status, channel), its `documents` rows, its `attachments`
rows and its `status_events` rows (receipt, to_status 2); every insert, delete and update of
a column the rule reads, in any of those tables, recomputes X from scratch (`_RECOMPUTE`) in
the statement's own transaction. So the table equals the rule after every statement whoever
writes (the services, sync, restore, a migration), which the consistency test checks against
the rule computed from scratch. It is derived and not sealed (store/row_seals.py): a damaged
row there cannot lose or alter a record, and `refill` rebuilds it from the rule.
Changing the rule here needs a migration that calls `install(conn)` again (the test
tests/services/test_undigitised_state.py compares the database's triggers with these).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from counter_app.services.outbox import WITHDRAWN_SQL
from counter_app.services.records import RECEIVED_SQL

# An attachment `a` that counts (digitised).
HAS_FILE_SQL = f"a.sha256 IS NOT NULL AND a.sha256 != '' AND NOT {WITHDRAWN_SQL}"

# A checklist item `doc` of dossier `d` without a submitted file.
ITEM_MISSING_SQL = (
    "NOT EXISTS (SELECT 1 FROM attachments a WHERE a.dossier_id = doc.dossier_id "
    f"AND a.kind = 'submitted' AND a.item = doc.position AND {HAS_FILE_SQL})"
)

MISSING_SQL = (
    "((SELECT count(*) FROM documents doc WHERE doc.dossier_id = d.id "
    f"AND {ITEM_MISSING_SQL}) + (NOT EXISTS (SELECT 1 FROM documents doc "
    "WHERE doc.dossier_id = d.id) AND NOT EXISTS (SELECT 1 FROM attachments a "
    f"WHERE a.dossier_id = d.id AND a.kind = 'submitted' AND {HAS_FILE_SQL})))"
)

DIGITISED_SQL = f"({MISSING_SQL} = 0)"

RESULT_SQL = (
    "EXISTS (SELECT 1 FROM attachments a WHERE a.dossier_id = d.id "
    f"AND a.kind = 'result' AND {HAS_FILE_SQL})"
)

APPLIES_SQL = f"(d.channel IS NOT 'online' AND {RECEIVED_SQL})"

# "Chưa số hóa": received at a counter and something is missing.
UNDIGITISED_SQL = f"({APPLIES_SQL} AND {MISSING_SQL} > 0)"

STATE_TABLE = "undigitised"
CREATE_STATE_TABLE = f"CREATE TABLE {STATE_TABLE} (dossier_id INTEGER PRIMARY KEY)"
# Of a dossier the rule applies to (APPLIES_SQL holds), `DIGITISED_SQL` read from the state:
# one primary-key probe (the centre's figures).
DIGITISED_STATE_SQL = f"NOT EXISTS (SELECT 1 FROM {STATE_TABLE} u WHERE u.dossier_id = d.id)"

# Dossier X (an SQL expression of the trigger's row) recomputed from the rule: out, then back
# in when the rule holds. Plain DELETE + INSERT: a conflict clause inside a trigger would give
# way to the outer statement's.
_RECOMPUTE = (
    f"DELETE FROM {STATE_TABLE} WHERE dossier_id = {{x}}; "
    f"INSERT INTO {STATE_TABLE} (dossier_id) SELECT d.id FROM dossiers d "
    f"WHERE d.id = {{x}} AND {UNDIGITISED_SQL};"
)


def _trigger(name: str, event: str, body_of: tuple[str, ...], when: str = "") -> str:
    body = " ".join(_RECOMPUTE.format(x=x) for x in body_of)
    return f"CREATE TRIGGER {name} AFTER {event}{f' {when}' if when else ''} BEGIN {body} END"


# (name, SQL): every change the rule depends on. status_events only matter as receipts.
STATE_TRIGGERS = (
    (
        "undigitised_dossier_ai",
        _trigger("undigitised_dossier_ai", "INSERT ON dossiers", ("NEW.id",)),
    ),
    (
        "undigitised_dossier_au",
        _trigger(
            "undigitised_dossier_au",
            "UPDATE OF id, status, channel ON dossiers",
            ("OLD.id", "NEW.id"),
        ),
    ),
    (
        "undigitised_dossier_ad",
        f"CREATE TRIGGER undigitised_dossier_ad AFTER DELETE ON dossiers BEGIN "
        f"DELETE FROM {STATE_TABLE} WHERE dossier_id = OLD.id; END",
    ),
    *(
        (
            f"undigitised_{table}_{suffix}",
            _trigger(f"undigitised_{table}_{suffix}", f"{event} ON {table}", rows, when),
        )
        for table, columns, receipts_only in (
            ("documents", "dossier_id, position", False),
            ("attachments", "dossier_id, kind, item, sha256, source, listed", False),
            ("status_events", "dossier_id, to_status", True),
        )
        for suffix, event, rows, when in (
            (
                "ai",
                "INSERT",
                ("NEW.dossier_id",),
                "WHEN NEW.to_status = 2" if receipts_only else "",
            ),
            (
                "ad",
                "DELETE",
                ("OLD.dossier_id",),
                "WHEN OLD.to_status = 2" if receipts_only else "",
            ),
            (
                "au",
                f"UPDATE OF {columns}",
                ("OLD.dossier_id", "NEW.dossier_id"),
                "WHEN OLD.to_status = 2 OR NEW.to_status = 2" if receipts_only else "",
            ),
        )
    ),
)

REFILL_CHUNK = 50_000  # dossiers between two progress reports


def install(conn: Any, progress: Callable[[str, int, int], None] | None = None) -> None:
    """Create (or re-create) the state table and its triggers, then fill it from the rule,
    in the caller's transaction (migration v16). `progress("digitisation", done, total)`."""
    conn.execute(f"DROP TABLE IF EXISTS {STATE_TABLE}")
    conn.execute(CREATE_STATE_TABLE)
    for name, sql in STATE_TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
        conn.execute(sql)
    refill(conn, progress)


def refill(conn: Any, progress: Callable[[str, int, int], None] | None = None) -> None:
    """Rebuild the state from the rule, in chunks of dossiers (for the progress report)."""
    report = progress or (lambda what, done, total: None)
    conn.execute(f"DELETE FROM {STATE_TABLE}")
    total = conn.execute("SELECT count(*) FROM dossiers").fetchone()[0]
    done, last_id = 0, 0
    report("digitisation", 0, total)
    while True:
        count, top = conn.execute(
            "SELECT count(*), max(id) FROM (SELECT id FROM dossiers WHERE id > ? "
            "ORDER BY id LIMIT ?)",
            (last_id, REFILL_CHUNK),
        ).fetchone()
        if not count:
            break
        conn.execute(
            f"INSERT INTO {STATE_TABLE} (dossier_id) SELECT d.id FROM dossiers d "
            f"WHERE d.id > ? AND d.id <= ? AND {UNDIGITISED_SQL} ORDER BY d.id",
            (last_id, top),
        )
        done, last_id = done + count, top
        report("digitisation", done, total)


def from_rule(conn: Any) -> set[int]:
    """The dossiers the rule finds undigitised, computed from scratch (tests, doctor)."""
    return {r[0] for r in conn.execute(f"SELECT d.id FROM dossiers d WHERE {UNDIGITISED_SQL}")}


def maintained(conn: Any) -> set[int]:
    return {r[0] for r in conn.execute(f"SELECT dossier_id FROM {STATE_TABLE}")}
