"""The two books offices keep in spreadsheets: the register (Sổ theo dõi hồ sơ, Mẫu 07) and the
daily fee summary (phí, lệ phí by day and by fee), each for a period, in one read each.

The register lists the dossiers received in the period (as the printed Mẫu 07 does), oldest
first. The fee summary counts the fees of the dossiers received in the period that were really
received (not refused at the counter, DESIGN §3; online dossiers not yet received have no
fees collected): what was due, what is recorded as paid, and what is not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from counter_app.domain import addresses, clock
from counter_app.domain.residence import full_address
from counter_app.domain.status import (
    RECEIVED,
    RECEPTION_NAMES,
    reception,
    status_name,
)
from counter_app.services.errors import InputError
from counter_app.services.records import RECEIVED_SQL

if TYPE_CHECKING:
    from counter_app.services.front import CounterService

MAX_PERIOD_DAYS = 366  # a year at most on screen / in one file
REGISTER_LIMIT = 50_000  # rows in one register; a longer period is refused, not cut

_REGISTER_SQL = f"""
SELECT d.id, d.code, d.book_number, d.book_seq, d.procedure_code, d.procedure_name, d.sets,
       d.received_at, d.due_at, d.status, d.returned_at, d.channel, d.notes, d.officer,
       a.full_name, a.id_number, a.phone, a.address, a.ward_code, a.province_code,
       (SELECT coalesce(sum(f.amount), 0) FROM fees f WHERE f.dossier_id = d.id) AS fee_total,
       {RECEIVED_SQL} AS received
FROM dossiers d JOIN applicants a ON a.id = d.applicant_id
WHERE d.received_at >= :start AND d.received_at < :end
ORDER BY d.received_at, d.id
LIMIT :limit
"""

_FEES_SQL = f"""
SELECT substr(d.received_at, 1, 10) AS day, f.code, f.name, f.amount, f.paid, d.id AS dossier
FROM fees f JOIN dossiers d ON d.id = f.dossier_id
WHERE d.received_at >= :start AND d.received_at < :end AND {RECEIVED_SQL}
"""

REGISTER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("seq", "Số thứ tự"),
    ("code", "Mã hồ sơ"),
    ("procedure_name", "Thủ tục"),
    ("sets", "Số bộ"),
    ("full_name", "Người nộp"),
    ("address", "Địa chỉ"),
    ("phone", "Điện thoại"),
    ("received_at", "Ngày tiếp nhận"),
    ("due_at", "Hẹn trả"),
    ("status_name", "Tình trạng"),
    ("returned_at", "Ngày trả kết quả"),
    ("fee_total", "Phí, lệ phí (đồng)"),
    ("notes", "Ghi chú"),
)
FEE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("dossiers", "Số hồ sơ có thu"),
    ("items", "Số khoản"),
    ("due", "Phải thu (đồng)"),
    ("paid", "Đã thu (đồng)"),
    ("unpaid", "Chưa thu (đồng)"),
)


RECEPTION_COUNTS = ("received", "refused", "completion_requested", "not_received")


@dataclass(frozen=True)
class RegisterBook:
    date_from: date
    date_to: date
    rows: list[dict[str, Any]]  # REGISTER_COLUMNS keys; moments as datetime (or None)
    counts: dict[str, int] = field(default_factory=dict)  # RECEPTION_COUNTS: how many rows each


@dataclass(frozen=True)
class FeeSummary:
    date_from: date
    date_to: date
    totals: dict[str, int]
    by_day: list[dict[str, Any]] = field(default_factory=list)  # day (date) + FEE_COLUMNS
    by_fee: list[dict[str, Any]] = field(default_factory=list)  # code, name + FEE_COLUMNS


def check_period(date_from: date, date_to: date) -> dict[str, str]:
    """The SQL bounds of a period of whole days; InputError for a reversed or too long one."""
    if date_to < date_from:
        raise InputError("date_to", "Ngày kết thúc phải sau ngày bắt đầu / the period ends first")
    if (date_to - date_from).days >= MAX_PERIOD_DAYS:
        raise InputError("date_from", "Khoảng thời gian tối đa 1 năm / a year at most")
    return {"start": date_from.isoformat(), "end": (date_to + timedelta(days=1)).isoformat()}


def _moment(text: str | None) -> datetime | None:
    return clock.from_storage(text) if text else None


def _place(row: dict[str, Any]) -> tuple[str, str]:
    if row["ward_code"]:
        try:
            commune = addresses.commune(row["ward_code"])
        except ValueError:
            return "", ""
        return commune.name, commune.province_name
    if row["province_code"]:
        try:
            return "", addresses.province(row["province_code"]).name
        except ValueError:
            return "", ""
    return "", ""


def register_book(service: CounterService, date_from: date, date_to: date) -> RegisterBook:
    """The register rows of the dossiers received date_from…date_to (both included)."""
    params: dict[str, Any] = {**check_period(date_from, date_to), "limit": REGISTER_LIMIT + 1}
    found = [dict(r) for r in service.store.read().execute(_REGISTER_SQL, params)]
    if len(found) > REGISTER_LIMIT:
        raise InputError(
            "date_from",
            f"Kỳ này có hơn {REGISTER_LIMIT} hồ sơ; hãy chọn kỳ ngắn hơn / choose a shorter period",
        )
    rows = []
    counts = dict.fromkeys(RECEPTION_COUNTS, 0)
    for number, row in enumerate(found, start=1):
        commune, province = _place(row)
        standing = reception(row["status"], has_receipt_event=bool(row["received"]))
        counts[standing] += 1
        received = standing == RECEIVED
        # a dossier refused or sent back at the counter was never received: no receipt or
        # appointment in the book, its standing and the counter's moment in "Tình trạng"
        shown_status = status_name(row["status"])
        if not received:
            shown_status = (
                f"{RECEPTION_NAMES[standing]} ({_moment(row['received_at']):%d/%m/%Y %H:%M})"
            )
        rows.append(
            {
                "seq": row["book_seq"] or number,
                "book_number": row["book_number"] or "",
                "code": row["code"] or "",
                "procedure_code": row["procedure_code"] or "",
                "procedure_name": row["procedure_name"] or "",
                "sets": row["sets"] or 1,
                "full_name": row["full_name"] or "",
                "id_number": row["id_number"] or "",
                "address": full_address(row["address"], commune, province),
                "phone": row["phone"] or "",
                "received_at": _moment(row["received_at"]) if received else None,
                "due_at": _moment(row["due_at"]) if received else None,
                "status": row["status"],
                "reception": standing,
                "status_name": shown_status,
                "returned_at": _moment(row["returned_at"]),
                "fee_total": int(row["fee_total"] or 0),
                "notes": row["notes"] or "",
            }
        )
    return RegisterBook(date_from=date_from, date_to=date_to, rows=rows, counts=counts)


def _zero() -> dict[str, Any]:
    return {"dossiers": set(), "items": 0, "due": 0, "paid": 0, "unpaid": 0}


def _add(target: dict[str, Any], fee: dict[str, Any]) -> None:
    amount = int(fee["amount"] or 0)
    target["dossiers"].add(fee["dossier"])
    target["items"] += 1
    target["due"] += amount
    target["paid" if fee["paid"] else "unpaid"] += amount


def _counted(cell: dict[str, Any]) -> dict[str, Any]:
    return {**cell, "dossiers": len(cell["dossiers"])}


def fee_summary(service: CounterService, date_from: date, date_to: date) -> FeeSummary:
    """Fees of the dossiers received date_from…date_to: every day (zeros too), every fee."""
    params = check_period(date_from, date_to)
    totals = _zero()
    days = {date_from + timedelta(days=n): _zero() for n in range((date_to - date_from).days + 1)}
    fees: dict[tuple[str, str], dict[str, Any]] = {}
    for fee in (dict(r) for r in service.store.read().execute(_FEES_SQL, params)):
        key = (fee["code"] or "", fee["name"] or "")
        cell = fees.setdefault(key, {"code": key[0], "name": key[1], **_zero()})
        for target in (totals, days[date.fromisoformat(fee["day"])], cell):
            _add(target, fee)
    by_fee = sorted(fees.values(), key=lambda c: (-c["due"], c["code"], c["name"]))
    return FeeSummary(
        date_from=date_from,
        date_to=date_to,
        totals=_counted(totals),
        by_day=[{"day": day, **_counted(cell)} for day, cell in days.items()],
        by_fee=[_counted(cell) for cell in by_fee],
    )
