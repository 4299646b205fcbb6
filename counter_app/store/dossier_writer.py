"""The one writer of new dossier rows: a dossier with its applicant, documents, fees,
first status events and search index row (the FTS trigger indexes `search_text`).

Receiving at the counter, an online dossier pulled from the portal and bulk demo data all
insert through `insert_dossiers`, so the rows always have the same shape. It lives in the
store because it is plain SQL inside the caller's transaction: the callers (services, sync,
demo) decide codes, audit rows and outbox entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from counter_app.domain.text import fold
from counter_app.store import driver as sqlite3

APPLICANT_COLUMNS = (
    "full_name",
    "id_number",
    "id_type",
    "birth_date",
    "sex",
    "phone",
    "email",
    "address",
    "ward_code",
    "province_code",
)
DOSSIER_COLUMNS = (
    "id, uuid, code, procedure_code, procedure_name, field_code, field_name, processing_time, "
    "time_unit, applicant_id, sets, officer, received_at, due_at, status, channel, "
    "return_method, notes, book_number, book_seq, returned_at, collected_by, search_text, "
    "created_at, updated_at, sync_state, portal_version, received_counter"
)


@dataclass(slots=True)
class NewDossier:
    """One dossier to insert. `procedure` has code, name, field_code, field_name,
    processing_time, time_unit; `applicant` any of APPLICANT_COLUMNS (missing ones are NULL);
    `events` are (at, by, from_status, to_status, reason), the first one from None."""

    uuid: str
    code: str
    procedure: dict[str, Any]
    applicant: dict[str, Any]
    officer: str
    received_at: str
    due_at: str
    status: int
    channel: str
    return_method: str
    created_at: str
    updated_at: str
    sync_state: str
    events: list[tuple[str, str, int | None, int, str]]
    documents: list[dict[str, Any]] = field(default_factory=list)
    fees: list[dict[str, Any]] = field(default_factory=list)
    sets: int = 1
    notes: str = ""
    book_number: str | None = None
    book_seq: int | None = None
    returned_at: str | None = None
    collected_by: str | None = None
    portal_version: Any = None
    received_counter: int | None = None  # None: the counter digit of a counter's code


def code_counter(code: str) -> int | None:
    """The counter that issued `code` (…-yyMMdd-cNNN, DESIGN §4); None for online codes."""
    sequence = code.rsplit("-", 1)[-1]
    if len(sequence) == 4 and sequence.isdigit() and sequence[0] != "0":
        return int(sequence[0])
    return None


def search_text(applicant: dict[str, Any], code: str) -> str:
    """What the search index holds. Of the code only the day and number are indexed: the
    unit prefix is the same on every dossier and would make each code query match all."""
    parts = [
        fold(applicant["full_name"]),
        applicant.get("id_number") or "",
        applicant.get("phone") or "",
        " ".join(code.lower().rsplit("-", 2)[1:]),
    ]
    return " ".join(p for p in parts if p)


def insert_dossiers(conn: sqlite3.Connection, dossiers: Sequence[NewDossier]) -> list[int]:
    """Insert the dossiers in the caller's (write) transaction; returns their ids.

    Ids are taken as max + 1, which is what SQLite itself would pick, so that a batch can
    be written with one executemany per table (demo data writes thousands at a time).
    """
    next_applicant = conn.execute("SELECT coalesce(max(id), 0) FROM applicants").fetchone()[0]
    next_dossier = conn.execute("SELECT coalesce(max(id), 0) FROM dossiers").fetchone()[0]
    applicants, rows, documents, fees, events, ids = [], [], [], [], [], []
    for dossier in dossiers:
        next_applicant += 1
        next_dossier += 1
        applicant_id, dossier_id = next_applicant, next_dossier
        ids.append(dossier_id)
        applicants.append((applicant_id, *(dossier.applicant.get(k) for k in APPLICANT_COLUMNS)))
        procedure = dossier.procedure
        rows.append(
            (
                dossier_id,
                dossier.uuid,
                dossier.code,
                procedure["code"],
                procedure["name"],
                procedure["field_code"],
                procedure["field_name"],
                procedure["processing_time"],
                procedure["time_unit"],
                applicant_id,
                dossier.sets,
                dossier.officer,
                dossier.received_at,
                dossier.due_at,
                dossier.status,
                dossier.channel,
                dossier.return_method,
                dossier.notes,
                dossier.book_number,
                dossier.book_seq,
                dossier.returned_at,
                dossier.collected_by,
                search_text(dossier.applicant, dossier.code),
                dossier.created_at,
                dossier.updated_at,
                dossier.sync_state,
                dossier.portal_version,
                dossier.received_counter
                if dossier.received_counter is not None
                else code_counter(dossier.code),
            )
        )
        documents += [
            (dossier_id, i, d["name"], d["kind"], d["count"])
            for i, d in enumerate(dossier.documents, 1)
        ]
        fees += [
            (dossier_id, f["code"], f["name"], f["amount"], int(f["paid"])) for f in dossier.fees
        ]
        events += [(dossier_id, *event) for event in dossier.events]
    conn.executemany(
        f"INSERT INTO applicants (id, {', '.join(APPLICANT_COLUMNS)}) "
        f"VALUES ({', '.join('?' * (len(APPLICANT_COLUMNS) + 1))})",
        applicants,
    )
    conn.executemany(
        f"INSERT INTO dossiers ({DOSSIER_COLUMNS}) VALUES ({', '.join('?' * 28)})", rows
    )
    conn.executemany(
        "INSERT INTO documents (dossier_id, position, name, kind, count) VALUES (?, ?, ?, ?, ?)",
        documents,
    )
    conn.executemany(
        "INSERT INTO fees (dossier_id, code, name, amount, paid) VALUES (?, ?, ?, ?, ?)", fees
    )
    conn.executemany(
        "INSERT INTO status_events (dossier_id, at, by, from_status, to_status, reason) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        events,
    )
    return ids
