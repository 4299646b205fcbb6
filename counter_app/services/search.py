"""Finding dossiers: one query for the list and the CLI, FTS when there is text."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from counter_app.domain import clock
from counter_app.domain.counters import COUNTER_SQL
from counter_app.domain.status import OPEN_STATUS_LIST, OPEN_STATUSES
from counter_app.domain.text import fold
from counter_app.services import digitisation

if TYPE_CHECKING:
    from counter_app.services.front import CounterService

SEARCH_LIMIT_MAX = 1000


class SearchManager:
    def __init__(self, service: CounterService) -> None:
        self._service = service

    def dossiers(
        self,
        text: str = "",
        *,
        status: int | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        procedure: str | None = None,
        overdue: bool = False,
        due_today: bool = False,
        sync_problems: bool = False,
        returned_on: date | None = None,
        counter: int | None = None,
        undigitised: bool = False,
        limit: int = 50,
        before_id: int | None = None,
        oldest_first: bool = False,
    ) -> list[dict[str, Any]]:
        """Newest first (or oldest first); page with before_id = the last row's id, which
        means "past that row" in either order. Rows are list-sized, with the receiving
        `counter` (DESIGN §4; 0 = online), `received_here` (that counter is this one) and
        the digitisation state (`digitisation_applies`, `missing_documents`,
        `result_digitised`: DIGITISATION_COLUMNS).

        `counter`: only the dossiers received at that counter (0: the online ones).
        `undigitised`: only those received at a counter whose submitted documents are not
        all digitised ("chưa số hóa", services/digitisation.py's maintained state: as
        quick when almost every dossier is digitised as when few are)."""
        sql, params = build_search_sql(
            text,
            status=status,
            date_from=date_from,
            date_to=date_to,
            procedure=procedure,
            overdue=overdue,
            due_today=due_today,
            sync_problems=sync_problems,
            returned_on=returned_on,
            counter=counter,
            undigitised=undigitised,
            limit=limit,
            before_id=before_id,
            oldest_first=oldest_first,
        )
        # Plain tuples zipped with the column names: half the cost of dict(sqlite3.Row)
        # for a page of 50 rows, which is most of a search's time once the index is quick.
        conn = self._service.store.read()
        cursor = conn.cursor()
        cursor.row_factory = None
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor]
        if rows:
            marks = ", ".join("?" * len(rows))
            states = {
                r["id"]: dict(r)
                for r in conn.execute(
                    f"SELECT {DIGITISATION_COLUMNS} FROM dossiers d WHERE d.id IN ({marks})",
                    [row["id"] for row in rows],
                )
            }
            for row in rows:
                row.update(states[row["id"]])
        settings = self._service.settings.all()  # one read per page, not one per setting
        here = settings["counter"]
        margin = timedelta(hours=settings["late_warning_hours"])
        now = clock.now()
        for row in rows:
            row["received_here"] = row["counter"] == here
            row["will_be_late"] = will_be_late(row["status"], row["due_at"], now=now, margin=margin)
        return rows


def will_be_late(status: int, due_at: str | None, *, now: datetime, margin: timedelta) -> bool:
    """'Sẽ trễ hạn': not finished, not yet past due, and due within `margin` from now
    (officers move the appointment and print Mẫu 04 before the date passes)."""
    if status not in OPEN_STATUSES or not due_at:
        return False
    due = clock.from_storage(due_at)
    return now <= due < now + margin


def fts_query(text: str) -> str:
    """'Nguyễn Văn A' -> '"nguyen"* "van"* "a"*': every word, as a prefix, accent-free."""
    words = [w for w in _split_words(fold(text)) if w]
    return " ".join(f'"{w}"*' for w in words)


def _split_words(text: str) -> list[str]:
    word = []
    words = []
    for ch in text:
        if ch.isalnum():
            word.append(ch)
        elif word:
            words.append("".join(word))
            word = []
    if word:
        words.append("".join(word))
    return words


LIST_COLUMNS = (
    "d.id, d.code, d.uuid, a.full_name, a.id_number, a.phone, d.procedure_code, "
    "d.procedure_name, d.received_at, d.due_at, d.status, d.sync_state, d.sync_message, "
    f"d.returned_at, d.conflict, {COUNTER_SQL} AS counter"
)
# The "Số hóa" column (services/digitisation.py): asked of the dossier, what is missing, and
# whether its result is digitised; read for a page's rows only.
DIGITISATION_COLUMNS = (
    f"d.id, {digitisation.APPLIES_SQL} AS digitisation_applies, "
    f"{digitisation.MISSING_SQL} AS missing_documents, "
    f"{digitisation.RESULT_SQL} AS result_digitised"
)


CODE_PATTERN = re.compile(r"^\S+-\d{6}-\d{4}$")


def build_search_sql(
    text: str,
    *,
    status: int | None,
    date_from: date | None,
    date_to: date | None,
    procedure: str | None,
    overdue: bool,
    due_today: bool,
    sync_problems: bool,
    limit: int,
    before_id: int | None,
    now: datetime | None = None,
    returned_on: date | None = None,
    oldest_first: bool = False,
    counter: int | None = None,
    undigitised: bool = False,
) -> tuple[str, list[Any]]:
    """One query for the list and the CLI: FTS when there is text, indexes otherwise."""
    where: list[str] = []
    params: list[Any] = []
    code = CODE_PATTERN.match(text.strip())
    if code:  # a whole code (typed, or scanned from the receipt's QR): the unique index
        where.append("d.code IN (?, ?)")
        params += [code.group(0), code.group(0).upper()]
        text = ""
    match = fts_query(text)
    if match:
        source = "dossiers_fts f JOIN dossiers d ON d.id = f.rowid"
        where.append("dossiers_fts MATCH ?")
        params.append(match)
        order = "f.rowid DESC"
        id_column = "f.rowid"
    elif undigitised:  # walk the maintained state (services/digitisation.py), newest first
        source = f"{digitisation.STATE_TABLE} u JOIN dossiers d ON d.id = u.dossier_id"
        order = "u.dossier_id DESC"
        id_column = "u.dossier_id"
    else:
        source = "dossiers d"
        order = "d.id DESC"
        id_column = "d.id"
    if status is not None:
        where.append("d.status = ?")
        params.append(int(status))
    if date_from is not None:
        where.append("d.received_at >= ?")
        params.append(date_from.isoformat())
    if date_to is not None:
        where.append("d.received_at < ?")
        params.append((date_to + timedelta(days=1)).isoformat())
    if procedure:
        where.append("d.procedure_code = ?")
        params.append(procedure)
    if (overdue or due_today) and now is None:
        now = clock.now()
    open_list = OPEN_STATUS_LIST
    # "+" keeps SQLite off the due_at/status indexes here: walking newest-first and
    # stopping at the limit is far cheaper than collecting every old open dossier.
    if overdue:
        where.append(f"+d.due_at < ? AND +d.status IN ({open_list})")
        params.append(clock.to_storage(now))
    if due_today:
        where.append(f"d.due_at >= ? AND d.due_at < ? AND +d.status IN ({open_list})")
        params += [now.date().isoformat(), (now.date() + timedelta(days=1)).isoformat()]
    if sync_problems:
        where.append("d.sync_state IN ('rejected', 'conflict')")
    if returned_on is not None:
        where.append("d.returned_at >= ? AND d.returned_at < ?")
        params += [returned_on.isoformat(), (returned_on + timedelta(days=1)).isoformat()]
    if counter is not None:
        where.append(f"{COUNTER_SQL} = ?")
        params.append(int(counter))
    if undigitised and counter == 0:  # online dossiers are never asked (digitisation.py)
        where.append("0")
    if undigitised and match:
        where.append(f"f.rowid IN (SELECT dossier_id FROM {digitisation.STATE_TABLE})")
    if before_id is not None:
        where.append(f"{id_column} {'>' if oldest_first else '<'} ?")
        params.append(int(before_id))
    if oldest_first:
        order = order.replace(" DESC", " ASC")
    limit = max(1, min(int(limit), SEARCH_LIMIT_MAX))
    sql = (
        f"SELECT {LIST_COLUMNS} FROM {source} JOIN applicants a ON a.id = d.applicant_id"
        + (f" WHERE {' AND '.join(where)}" if where else "")
        + f" ORDER BY {order} LIMIT {limit}"
    )
    return sql, params
