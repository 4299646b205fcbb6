"""The centre's figures for a period: what one-stop centres are judged by.

One read over the local register (which holds the whole centre's dossiers), in SQL:

- received: dossiers received in the period (`RECEIVED_SQL`: refused at reception, sent
  back for completion before receipt and online dossiers not yet received never were,
  DESIGN §3); `online` of them came through the portal;
- refused: dossiers refused at reception (Mẫu 03, status 3) in the period, by the day of the
  refusal; they were never received;
- completion_requested: dossiers sent back for completion before receipt (Mẫu 02, status 5
  with no receipt before it) in the period, by the day of the request; when the completed
  dossier comes back it is received then, and counted as received that day;
- finished: dossiers whose result was ready in the period (their first event to status 9,
  or straight to 10), `on_time` when that was at or before the appointment, else `late`;
- overdue_now: dossiers still open now whose appointment has passed, received by the end
  of the period (the period's unfinished work that is late as of now);
- digitised: of the dossiers received at a counter in the period (received − online), those
  whose submitted documents are digitised now (the rule's maintained state, one probe per
  dossier); results_digitised: of the finished ones, those whose result is
  (services/digitisation.py's rule, as of now). Their rates are
  `digitised_rate` and `result_digitised_rate`.

By day (every day of the period, zeros included), by procedure and by counter (the code's
counter, DESIGN §4; online dossiers are counter 0, "online").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from counter_app.domain import clock
from counter_app.domain.counters import COUNTER_SQL
from counter_app.domain.status import OPEN_STATUS_LIST
from counter_app.services import digitisation
from counter_app.services.errors import InputError
from counter_app.services.ledgers import FeeSummary, RegisterBook, fee_summary, register_book
from counter_app.services.records import RECEIVED_SQL

if TYPE_CHECKING:
    from counter_app.services.front import CounterService

COUNTS = (
    "received",
    "online",
    "refused",
    "completion_requested",
    "finished",
    "on_time",
    "late",
    "overdue_now",
    "digitised",
    "results_digitised",
)
RATES = ("online_share", "on_time_rate", "digitised_rate", "result_digitised_rate")
MAX_PERIOD_DAYS = 366 * 5

_FIGURES_SQL = f"""
WITH facts AS (
    SELECT substr(d.received_at, 1, 10) AS day, d.procedure_code, d.procedure_name,
           {COUNTER_SQL} AS counter, 1 AS received, d.channel = 'online' AS online,
           0 AS refused, 0 AS completion_requested,
           0 AS finished, 0 AS on_time, 0 AS late, 0 AS overdue_now,
           d.channel IS NOT 'online' AND {digitisation.DIGITISED_STATE_SQL} AS digitised,
           0 AS results_digitised
    FROM dossiers d
    WHERE d.received_at >= :start AND d.received_at < :end AND {RECEIVED_SQL}
  UNION ALL
    SELECT substr(e.at, 1, 10), d.procedure_code, d.procedure_name, {COUNTER_SQL},
           0, 0, e.to_status = 3, e.to_status = 5, 0, 0, 0, 0, 0, 0
    FROM status_events e JOIN dossiers d ON d.id = e.dossier_id
    WHERE e.at >= :start AND e.at < :end AND (
        e.to_status = 3
        OR (e.to_status = 5 AND NOT EXISTS (
            SELECT 1 FROM status_events r
            WHERE r.dossier_id = e.dossier_id AND r.to_status = 2
              AND (r.at < e.at OR (r.at = e.at AND r.id < e.id))
        ))
    )
  UNION ALL
    SELECT substr(e.at, 1, 10), d.procedure_code, d.procedure_name, {COUNTER_SQL},
           0, 0, 0, 0, 1, e.at <= d.due_at, e.at > d.due_at, 0, 0,
           {digitisation.RESULT_SQL}
    FROM status_events e JOIN dossiers d ON d.id = e.dossier_id
    WHERE e.to_status IN (9, 10) AND e.at >= :start AND e.at < :end
      AND NOT EXISTS (
          SELECT 1 FROM status_events earlier
          WHERE earlier.dossier_id = e.dossier_id AND earlier.to_status IN (9, 10)
            AND (earlier.at < e.at OR (earlier.at = e.at AND earlier.id < e.id))
      )
  UNION ALL
    SELECT NULL, d.procedure_code, d.procedure_name, {COUNTER_SQL}, 0, 0, 0, 0, 0, 0, 0, 1,
           0, 0
    FROM dossiers d
    WHERE d.status IN ({OPEN_STATUS_LIST}) AND d.due_at < :now AND d.received_at < :end
)
SELECT day, procedure_code, max(procedure_name) AS procedure_name, counter,
       sum(received) AS received, sum(online) AS online, sum(refused) AS refused,
       sum(completion_requested) AS completion_requested, sum(finished) AS finished,
       sum(on_time) AS on_time, sum(late) AS late, sum(overdue_now) AS overdue_now,
       sum(digitised) AS digitised, sum(results_digitised) AS results_digitised
FROM facts GROUP BY day, procedure_code, counter
"""


def _zero() -> dict[str, int]:
    return dict.fromkeys(COUNTS, 0)


def with_rates(counts: dict[str, Any]) -> dict[str, Any]:
    """The counts plus the share received online, the on-time rate and the digitisation
    rates of the dossiers received at a counter and of the results (0–1, None: no base)."""
    received, finished = counts["received"], counts["finished"]
    at_counters = received - counts["online"]
    return {
        **counts,
        "online_share": round(counts["online"] / received, 4) if received else None,
        "on_time_rate": round(counts["on_time"] / finished, 4) if finished else None,
        "digitised_rate": round(counts["digitised"] / at_counters, 4) if at_counters else None,
        "result_digitised_rate": (
            round(counts["results_digitised"] / finished, 4) if finished else None
        ),
    }


@dataclass(frozen=True)
class CentreFigures:
    date_from: date
    date_to: date
    as_of: datetime
    totals: dict[str, Any]
    by_day: list[dict[str, Any]] = field(default_factory=list)
    by_procedure: list[dict[str, Any]] = field(default_factory=list)
    by_counter: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(
            date_from=self.date_from.isoformat(),
            date_to=self.date_to.isoformat(),
            as_of=clock.to_storage(self.as_of),
        )
        return data


class ReportsManager:
    def __init__(self, service: CounterService) -> None:
        self._service = service

    def centre_figures(
        self, date_from: date, date_to: date, *, now: datetime | None = None
    ) -> CentreFigures:
        """The figures of the days date_from…date_to (both included), as of `now`."""
        if date_to < date_from:
            raise InputError("date_to", "Ngày kết thúc phải sau ngày bắt đầu / period ends first")
        if (date_to - date_from).days >= MAX_PERIOD_DAYS:
            raise InputError("date_from", "Khoảng thời gian tối đa 5 năm / period too long")
        now = (now or clock.now()).replace(microsecond=0)
        params = {
            "start": date_from.isoformat(),
            "end": (date_to + timedelta(days=1)).isoformat(),
            "now": clock.to_storage(now),
        }
        cells = [dict(r) for r in self._service.store.read().execute(_FIGURES_SQL, params)]
        totals, days, procedures, counters = _zero(), {}, {}, {}
        for offset in range((date_to - date_from).days + 1):
            days[(date_from + timedelta(days=offset)).isoformat()] = _zero()
        for cell in cells:
            procedure = procedures.setdefault(
                cell["procedure_code"],
                {"procedure_code": cell["procedure_code"], "procedure_name": "", **_zero()},
            )
            procedure["procedure_name"] = cell["procedure_name"] or procedure["procedure_name"]
            targets = [totals, procedure, counters.setdefault(cell["counter"], _zero())]
            if cell["day"] in days:
                targets.append(days[cell["day"]])
            for target in targets:
                for name in COUNTS:
                    target[name] += cell[name]
        by_procedure = sorted(
            procedures.values(), key=lambda p: (-p["received"], -p["finished"], p["procedure_code"])
        )
        return CentreFigures(
            date_from=date_from,
            date_to=date_to,
            as_of=now,
            totals=with_rates(totals),
            by_day=[with_rates({"day": day, **counts}) for day, counts in days.items()],
            by_procedure=[with_rates(p) for p in by_procedure],
            by_counter=[
                with_rates({"counter": counter, **counts})
                for counter, counts in sorted(counters.items(), key=lambda kv: kv[0] or 0)
            ],
        )

    def register(self, date_from: date, date_to: date) -> RegisterBook:
        """The register (Sổ theo dõi, Mẫu 07) rows of the dossiers received in the period."""
        return register_book(self._service, date_from, date_to)

    def fees(self, date_from: date, date_to: date) -> FeeSummary:
        """The fees of the period by day and by fee (what was due, paid, not paid)."""
        return fee_summary(self._service, date_from, date_to)
