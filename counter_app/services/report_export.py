"""The centre's figures as files: CSV (UTF-8 with a BOM, so Excel reads the diacritics) and
.xlsx (XlsxWriter: one sheet per table, rates as percentages, a line chart of the days).

Both take the `CentreFigures` of service.reports.centre_figures and write the same tables:
the totals, by day, by procedure and by counter.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from counter_app.domain.counters import ONLINE
from counter_app.services.errors import InputError
from counter_app.services.reports import COUNTS, RATES, CentreFigures
from counter_app.store import file_modes

HEADERS = {
    "received": "Tiếp nhận",
    "online": "Trực tuyến",
    "refused": "Từ chối tiếp nhận",
    "completion_requested": "Yêu cầu bổ sung",
    "finished": "Đã giải quyết",
    "on_time": "Đúng hạn",
    "late": "Trễ hạn",
    "overdue_now": "Đang quá hạn",
    "digitised": "Hồ sơ đã số hóa",
    "results_digitised": "Kết quả đã số hóa",
    "online_share": "Tỷ lệ trực tuyến",
    "on_time_rate": "Tỷ lệ đúng hạn",
    "digitised_rate": "Tỷ lệ số hóa hồ sơ",
    "result_digitised_rate": "Tỷ lệ số hóa kết quả",
}
VALUE_COLUMNS = (*COUNTS, *RATES)
SECTIONS = (
    ("totals", "Tổng hợp"),
    ("by_day", "Theo ngày"),
    ("by_procedure", "Theo thủ tục"),
    ("by_counter", "Theo quầy"),
)
FORMATS = ("csv", "xlsx")


def counter_label(counter: int | None) -> str:
    if counter == ONLINE:
        return "Trực tuyến"
    return f"Quầy {counter}" if counter is not None else "Không rõ"


def _tables(figures: CentreFigures) -> Iterator[tuple[str, str, list[tuple[str, str, dict]]]]:
    """(section key, section title, [(key, label, row)]) for each table."""
    period = f"{figures.date_from:%d/%m/%Y} – {figures.date_to:%d/%m/%Y}"
    yield "totals", "Tổng hợp", [("", period, figures.totals)]
    yield "by_day", "Theo ngày", [(r["day"], _day_label(r["day"]), r) for r in figures.by_day]
    yield (
        "by_procedure",
        "Theo thủ tục",
        [(r["procedure_code"], r["procedure_name"], r) for r in figures.by_procedure],
    )
    yield (
        "by_counter",
        "Theo quầy",
        [(str(r["counter"]), counter_label(r["counter"]), r) for r in figures.by_counter],
    )


def _day_label(day: str) -> str:
    return f"{day[8:10]}/{day[5:7]}/{day[0:4]}"


def write_csv(figures: CentreFigures, path: Path) -> Path:
    """One table with a first column naming the section; rates as fractions (0.75)."""
    path = Path(path)
    with file_modes.open_private(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            [
                f"Số liệu trung tâm {figures.date_from:%d/%m/%Y} – {figures.date_to:%d/%m/%Y}",
                f"tính đến {figures.as_of:%d/%m/%Y %H:%M}",
            ]
        )
        writer.writerow(["Bảng", "Mã", "Tên", *(HEADERS[c] for c in VALUE_COLUMNS)])
        for _key, title, rows in _tables(figures):
            for key, label, row in rows:
                writer.writerow([title, key, label, *(_csv_value(row[c]) for c in VALUE_COLUMNS)])
    return path


def _csv_value(value: Any) -> Any:
    return "" if value is None else value


def write_xlsx(figures: CentreFigures, path: Path) -> Path:
    import xlsxwriter  # only when exporting: the app starts without it

    path = Path(path)
    file_modes.create_private(path)  # xlsxwriter rewrites the file in place: it stays 0600
    book = xlsxwriter.Workbook(str(path))
    try:
        bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        percent = book.add_format({"num_format": "0.0%"})
        title_format = book.add_format({"bold": True, "font_size": 13})
        for key, title, rows in _tables(figures):
            sheet = book.add_worksheet(title)
            sheet.write(
                0,
                0,
                f"{title} — {figures.date_from:%d/%m/%Y} – {figures.date_to:%d/%m/%Y} "
                f"(tính đến {figures.as_of:%d/%m/%Y %H:%M})",
                title_format,
            )
            sheet.write_row(2, 0, ["Mã", "Tên", *(HEADERS[c] for c in VALUE_COLUMNS)], bold)
            for n, (row_key, label, row) in enumerate(rows, start=3):
                sheet.write_string(n, 0, row_key)
                sheet.write_string(n, 1, label or "")
                for col, name in enumerate(VALUE_COLUMNS, start=2):
                    value = row[name]
                    if value is None:
                        sheet.write_blank(n, col, None)
                    elif name in RATES:
                        sheet.write_number(n, col, value, percent)
                    else:
                        sheet.write_number(n, col, value)
            sheet.set_column(0, 0, 14)
            sheet.set_column(1, 1, 40 if key == "by_procedure" else 16)
            sheet.set_column(2, 1 + len(VALUE_COLUMNS), 12)
            sheet.freeze_panes(3, 2)
            if key == "by_day" and rows:
                _day_chart(book, sheet, title, len(rows))
    finally:
        book.close()
    return path


def _day_chart(book: Any, sheet: Any, title: str, count: int) -> None:
    chart = book.add_chart({"type": "line"})
    last = 2 + count
    for name in ("received", "finished", "late"):
        col = 2 + VALUE_COLUMNS.index(name)
        chart.add_series(
            {
                "name": [title, 2, col],
                "categories": [title, 3, 1, last, 1],
                "values": [title, 3, col, last, col],
            }
        )
    chart.set_title({"name": "Hồ sơ theo ngày"})
    sheet.insert_chart(2, 3 + len(VALUE_COLUMNS), chart, {"x_scale": 1.6, "y_scale": 1.3})
    rates = book.add_chart({"type": "line"})
    for name in ("digitised_rate", "result_digitised_rate"):
        col = 2 + VALUE_COLUMNS.index(name)
        rates.add_series(
            {
                "name": [title, 2, col],
                "categories": [title, 3, 1, last, 1],
                "values": [title, 3, col, last, col],
            }
        )
    rates.set_title({"name": "Tỷ lệ số hóa theo ngày"})
    rates.set_y_axis({"num_format": "0%", "min": 0, "max": 1})
    sheet.insert_chart(24, 3 + len(VALUE_COLUMNS), rates, {"x_scale": 1.6, "y_scale": 1.3})


def export(figures: CentreFigures, path: Path, fmt: str | None = None) -> Path:
    """Write `figures` to `path` as csv or xlsx (from the file's suffix when fmt is None)."""
    fmt = (fmt or Path(path).suffix.lstrip(".")).lower()
    if fmt == "csv":
        return write_csv(figures, path)
    if fmt == "xlsx":
        return write_xlsx(figures, path)
    raise InputError("format", f"Định dạng tệp phải là: {', '.join(FORMATS)} / csv or xlsx")
