"""`counter-app due-date`, `catalogue` and `holiday`: the procedure catalogue and the calendar."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from counter_app.cli import EXIT_OK, add_command, command, emit, parse_date_arg
from counter_app.domain import clock, limits
from counter_app.domain.appointments import format_appointment
from counter_app.services import CounterService, InputError
from counter_app.services.staff import ADMINISTER


def register_commands(sub: Any) -> None:
    p = add_command(sub, "due-date", "tính ngày hẹn trả / compute an appointment", read=True)
    p.add_argument("--procedure", required=True, help="mã thủ tục, vd 1.001193")
    p.add_argument("--received", help="'YYYY-MM-DD HH:MM' (mặc định: bây giờ)")

    p = add_command(sub, "catalogue", "danh mục thủ tục / procedure catalogue", read=True)
    cat_sub = p.add_subparsers(dest="catalogue_command", required=True)
    c = cat_sub.add_parser("list", help="liệt kê thủ tục")
    c.add_argument("query", nargs="?", default="")
    c = cat_sub.add_parser(
        "import", help="nhập tệp danh mục mới (kiểm tra, có phiên bản, nguyên tử)"
    )
    c.add_argument("file")
    c.add_argument("--by", help="= --user (người đăng nhập)")

    p = add_command(sub, "holiday", "ngày nghỉ/làm bù điều chỉnh / holiday overrides", read=True)
    hol_sub = p.add_subparsers(dest="holiday_command", required=True)
    hol_sub.add_parser("list")
    h = hol_sub.add_parser(
        "import", help='nhập tệp ngày nghỉ/làm bù [{"date", "working", "note"}] (nguyên tử)'
    )
    h.add_argument("file")
    h.add_argument("--by", help="= --user (người đăng nhập)")
    for name, text in (
        ("work", "thêm ngày làm việc"),
        ("off", "thêm ngày nghỉ"),
        ("remove", "bỏ điều chỉnh"),
    ):
        h = hol_sub.add_parser(name, help=text)
        h.add_argument("day", type=parse_date_arg)
        h.add_argument("--note")
        h.add_argument("--by", help="= --user (người đăng nhập)")


@command("due-date", permission=None)  # no personal data
def cmd_due_date(args: argparse.Namespace, service: CounterService) -> int:
    try:
        received = clock.parse_datetime(args.received) if args.received else clock.now()
    except (ValueError, OverflowError):
        raise InputError("received", "Thời điểm nhận phải có dạng 'YYYY-MM-DD HH:MM'") from None
    if not limits.CALENDAR_EARLIEST <= received.date() <= limits.CALENDAR_LATEST:
        raise InputError(
            "received",
            f"Thời điểm nhận phải từ {limits.CALENDAR_EARLIEST:%d/%m/%Y} đến "
            f"{limits.CALENDAR_LATEST:%d/%m/%Y} / out of range",
        )
    due = service.calendar.due_date(args.procedure, received)
    emit(
        args,
        {
            "procedure": args.procedure,
            "received_at": clock.to_storage(received),
            "due_at": clock.to_storage(due),
        },
        format_appointment(due),
    )
    return EXIT_OK


@command(
    "catalogue", permission=lambda args: None if args.catalogue_command == "list" else ADMINISTER
)
def cmd_catalogue(args: argparse.Namespace, service: CounterService) -> int:
    if args.catalogue_command == "import":
        parsed = service.catalogue.import_file(Path(args.file), actor=args.actor)
        print(f"Đã nhập danh mục phiên bản {parsed.version}: {len(parsed.procedures)} thủ tục")
        return EXIT_OK
    items = service.catalogue.procedures(args.query or "")
    emit(
        args,
        {"version": service.catalogue.version(), "procedures": items},
        "\n".join(
            f"{p['code']}  {p['name']}  ({p['processing_time']:g} {p['time_unit']}"
            + (f", chốt nhận trong ngày {p['same_day_cutoff']}" if p["same_day_cutoff"] else "")
            + ")"
            for p in items
        ),
    )
    return EXIT_OK


@command("holiday", permission=lambda args: None if args.holiday_command == "list" else ADMINISTER)
def cmd_holiday(args: argparse.Namespace, service: CounterService) -> int:
    if args.holiday_command == "list":
        rows = service.calendar.holiday_overrides()
        emit(
            args,
            rows,
            "\n".join(
                f"{r['day']}  {'làm việc' if r['working'] else 'nghỉ'}  [{r['source']}]  {r['note']}"
                for r in rows
            )
            or "(không có ngày điều chỉnh)",
        )
        return EXIT_OK
    if args.holiday_command == "import":
        count = service.calendar.import_holiday_file(Path(args.file), actor=args.actor)
        print(f"Đã nhập {count} ngày điều chỉnh")
        return EXIT_OK
    working = {"work": True, "off": False, "remove": None}[args.holiday_command]
    service.calendar.set_holiday_override(args.day, working, note=args.note or "", actor=args.actor)
    print(f"Đã cập nhật ngày {args.day.isoformat()}")
    return EXIT_OK
