"""`counter-app report`: the centre's figures of a period (service.reports.centre_figures),
shown, as JSON, or written to a .csv / .xlsx file (services/report_export.py)."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from counter_app.cli import EXIT_OK, add_command, command, parse_date_arg
from counter_app.services import CounterService, InputError
from counter_app.services.report_export import counter_label, export
from counter_app.services.reports import CentreFigures
from counter_app.services.staff import REPORTS
from counter_app.store import file_modes


def register_commands(sub: Any) -> None:
    p = add_command(sub, "report", "số liệu trung tâm theo kỳ / the centre's figures")
    p.add_argument("--from", dest="date_from", required=True, type=parse_date_arg)
    p.add_argument("--to", dest="date_to", required=True, type=parse_date_arg)
    p.add_argument("--format", choices=["text", "json", "csv", "xlsx"], default="text")
    p.add_argument("--out", metavar="FILE", help="ghi ra tệp (bắt buộc với xlsx)")


@command("report", permission=REPORTS)
def cmd_report(args: argparse.Namespace, service: CounterService) -> int:
    figures = service.reports.centre_figures(args.date_from, args.date_to)
    out = Path(args.out) if args.out else None
    if args.format in ("csv", "xlsx"):
        if out is None and args.format == "xlsx":
            raise InputError("out", "Cần --out FILE để ghi tệp xlsx / --out is required")
        if out is None:  # csv to standard output
            with tempfile.TemporaryDirectory() as folder:
                written = export(figures, Path(folder) / "figures.csv", "csv")
                sys.stdout.write(written.read_text(encoding="utf-8-sig"))
            return EXIT_OK
        export(figures, out, args.format)
        print(f"Đã ghi {out}")
        return EXIT_OK
    text = (
        json.dumps(figures.to_dict(), ensure_ascii=False, indent=2)
        if args.format == "json"
        else summary_text(figures)
    )
    if out is not None:
        file_modes.write_private_text(out, text + "\n")
        print(f"Đã ghi {out}")
    else:
        print(text)
    return EXIT_OK


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def summary_text(figures: CentreFigures) -> str:
    totals = figures.totals
    lines = [
        f"Số liệu trung tâm {figures.date_from:%d/%m/%Y} – {figures.date_to:%d/%m/%Y} "
        f"(tính đến {figures.as_of:%d/%m/%Y %H:%M})",
        f"  Tiếp nhận: {totals['received']} (trực tuyến {totals['online']}, "
        f"{_percent(totals['online_share'])})",
        f"  Từ chối tiếp nhận: {totals['refused']}; yêu cầu bổ sung, hoàn thiện (chưa tiếp "
        f"nhận): {totals['completion_requested']}",
        f"  Đã giải quyết: {totals['finished']} — đúng hạn {totals['on_time']}, "
        f"trễ hạn {totals['late']}; tỷ lệ đúng hạn {_percent(totals['on_time_rate'])}",
        f"  Đang quá hạn: {totals['overdue_now']}",
        f"  Số hóa hồ sơ (tiếp nhận tại quầy): {totals['digitised']}/"
        f"{totals['received'] - totals['online']}, {_percent(totals['digitised_rate'])}; "
        f"số hóa kết quả: {totals['results_digitised']}/{totals['finished']}, "
        f"{_percent(totals['result_digitised_rate'])}",
    ]
    if figures.by_counter:
        lines.append("  Theo quầy:")
        lines += [
            f"    {counter_label(r['counter']):<12} nhận {r['received']:>5}  "
            f"giải quyết {r['finished']:>5}  đúng hạn {_percent(r['on_time_rate']):>6}  "
            f"quá hạn {r['overdue_now']:>4}  số hóa {_percent(r['digitised_rate']):>6}  "
            f"kết quả số hóa {_percent(r['result_digitised_rate']):>6}"
            for r in figures.by_counter
        ]
    if figures.by_procedure:
        lines.append("  Số hóa theo thủ tục:")
        lines += [
            f"    {r['procedure_code']:<12} hồ sơ {_percent(r['digitised_rate']):>6}  "
            f"kết quả {_percent(r['result_digitised_rate']):>6}  {r['procedure_name']}"
            for r in figures.by_procedure
        ]
    return "\n".join(lines)
