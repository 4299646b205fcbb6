"""The register and the fee summary as files offices report with: CSV (UTF-8 with a BOM, so
Excel reads the diacritics; dates as dd/mm/yyyy hh:mm) and .xlsx (XlsxWriter; real dates and
numbers, a header row frozen, a totals row)."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from counter_app.services.errors import InputError
from counter_app.services.ledgers import FEE_COLUMNS, REGISTER_COLUMNS, FeeSummary, RegisterBook
from counter_app.store import file_modes

FORMATS = ("xlsx", "csv")
_MONEY = {"fee_total", "due", "paid", "unpaid"}
_MOMENTS = {"received_at", "due_at", "returned_at"}


def _period(date_from: date, date_to: date) -> str:
    return f"{date_from:%d/%m/%Y} – {date_to:%d/%m/%Y}"


def _tables_register(book: RegisterBook) -> list[tuple[str, list[str], list[list[Any]]]]:
    header = [label for _key, label in REGISTER_COLUMNS]
    rows = [[row[key] for key, _label in REGISTER_COLUMNS] for row in book.rows]
    title = f"Sổ theo dõi hồ sơ {_period(book.date_from, book.date_to)} — {len(rows)} hồ sơ"
    return [("Sổ theo dõi", [title, *header], rows)]


def _tables_fees(summary: FeeSummary) -> list[tuple[str, list[str], list[list[Any]]]]:
    values = [key for key, _label in FEE_COLUMNS]
    labels = [label for _key, label in FEE_COLUMNS]
    period = _period(summary.date_from, summary.date_to)
    days = [[row["day"], *(row[k] for k in values)] for row in summary.by_day]
    days.append(["Tổng cộng", *(summary.totals[k] for k in values)])
    fees = [[row["code"], row["name"], *(row[k] for k in values)] for row in summary.by_fee]
    fees.append(["", "Tổng cộng", *(summary.totals[k] for k in values)])
    return [
        ("Theo ngày", [f"Phí, lệ phí theo ngày {period}", "Ngày", *labels], days),
        ("Theo khoản thu", [f"Phí, lệ phí theo khoản {period}", "Mã", "Tên", *labels], fees),
    ]


def _csv_cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return "" if value is None else value


def _write_csv(tables: list[tuple[str, list[str], list[list[Any]]]], path: Path) -> None:
    with file_modes.open_private(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        for index, (_sheet, (title, *header), rows) in enumerate(tables):
            if index:
                writer.writerow([])
            writer.writerow([title])
            writer.writerow(header)
            writer.writerows([_csv_cell(v) for v in row] for row in rows)


def _write_xlsx(
    tables: list[tuple[str, list[str], list[list[Any]]]], path: Path, keys: list[list[str]]
) -> None:
    import xlsxwriter  # only when exporting: the app starts without it

    file_modes.create_private(path)  # xlsxwriter rewrites the file in place: it stays 0600
    book = xlsxwriter.Workbook(str(path), {"remove_timezone": True})
    try:
        bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "border": 1})
        title_format = book.add_format({"bold": True, "font_size": 13})
        moment = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
        day = book.add_format({"num_format": "dd/mm/yyyy"})
        money = book.add_format({"num_format": "#,##0"})
        for (sheet_name, (title, *header), rows), columns in zip(tables, keys, strict=True):
            sheet = book.add_worksheet(sheet_name)
            sheet.write_string(0, 0, title, title_format)
            sheet.write_row(2, 0, header, bold)
            for r, row in enumerate(rows, start=3):
                for c, value in enumerate(row):
                    key = columns[c] if c < len(columns) else ""
                    if value is None or value == "":
                        sheet.write_blank(r, c, None)
                    elif isinstance(value, datetime):
                        sheet.write_datetime(r, c, value, moment)
                    elif isinstance(value, date):
                        sheet.write_datetime(
                            r, c, datetime(value.year, value.month, value.day), day
                        )
                    elif isinstance(value, bool):
                        sheet.write_boolean(r, c, value)
                    elif isinstance(value, int | float):
                        sheet.write_number(r, c, value, money if key in _MONEY else None)
                    else:
                        sheet.write_string(r, c, str(value))
            for c, key in enumerate(columns):
                wide = key in ("procedure_name", "address", "name", "notes")
                sheet.set_column(c, c, 40 if wide else 17 if key in _MOMENTS else 14)
            sheet.freeze_panes(3, 0)
            sheet.autofilter(2, 0, 2 + len(rows), len(header) - 1)
    finally:
        book.close()


def _written(path: Path, write: Callable[[Path], None]) -> Path:
    """Write next to `path` first, then replace it: never a half-written file."""
    path = Path(path)
    partial = path.with_name(path.name + ".part")
    try:
        write(partial)
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise InputError("path", f"Không ghi được tệp {path}: {exc.strerror or exc}") from None
    return path


def _format(path: Path, fmt: str | None) -> str:
    fmt = (fmt or Path(path).suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise InputError("format", f"Định dạng tệp phải là: {', '.join(FORMATS)} / xlsx or csv")
    return fmt


def export_register(book: RegisterBook, path: Path, fmt: str | None = None) -> Path:
    """Write the register to `path` as xlsx or csv (from the suffix when fmt is None)."""
    tables, keys = _tables_register(book), [[key for key, _ in REGISTER_COLUMNS]]
    if _format(path, fmt) == "csv":
        return _written(path, lambda target: _write_csv(tables, target))
    return _written(path, lambda target: _write_xlsx(tables, target, keys))


def export_fees(summary: FeeSummary, path: Path, fmt: str | None = None) -> Path:
    """Write the fee summary (by day, by fee) to `path` as xlsx (two sheets) or csv."""
    values = [key for key, _ in FEE_COLUMNS]
    tables, keys = _tables_fees(summary), [["day", *values], ["code", "name", *values]]
    if _format(path, fmt) == "csv":
        return _written(path, lambda target: _write_csv(tables, target))
    return _written(path, lambda target: _write_xlsx(tables, target, keys))
