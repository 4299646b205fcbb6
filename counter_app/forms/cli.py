"""`counter-app print`, `register`, `handover` and `handover-list`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from counter_app.cli import EXIT_OK, command, parse_date_arg
from counter_app.forms.registry import FORMS, PAPER_SIZES
from counter_app.services import CounterService, InputError
from counter_app.services.staff import HANDLE
from counter_app.store import file_modes


def register_commands(sub: Any) -> None:
    p = sub.add_parser("print", help="in một mẫu của hồ sơ ra PDF / render a form to PDF")
    p.add_argument("code")
    p.add_argument(
        "--form",
        choices=list(FORMS),
        default="receipt",
        help="; ".join(f"{key}: {spec.title}" for key, spec in FORMS.items()),
    )
    p.add_argument(
        "--paper", choices=list(PAPER_SIZES), default=None, help="mặc định: theo thiết lập"
    )
    p.add_argument("--out", required=True, help="tệp PDF")
    p.add_argument("--by", help="cán bộ in: = --user (người đăng nhập)")
    p.add_argument("--reprint-reason", default="", help="lý do in lại (bắt buộc khi in lại)")
    p = sub.add_parser("register", help="Sổ theo dõi hồ sơ cho một khoảng ngày / the register")
    p.add_argument("--from", dest="date_from", required=True, type=parse_date_arg)
    p.add_argument("--to", dest="date_to", required=True, type=parse_date_arg)
    p.add_argument("--out", required=True)
    p = sub.add_parser(
        "handover", help="ghi bàn giao hồ sơ với cơ quan giải quyết / record a hand-over"
    )
    p.add_argument("codes", nargs="+", help="các mã hồ sơ giao cùng một đợt")
    p.add_argument("--direction", choices=["out", "back"], default="out")
    p.add_argument("--agency", required=True, help="cơ quan giải quyết")
    p.add_argument("--giver", required=True, help="họ tên người giao")
    p.add_argument("--receiver", required=True, help="họ tên người nhận")
    p.add_argument("--notes", default="")
    p.add_argument("--by", help="cán bộ ghi nhận: = --user (người đăng nhập)")
    p = sub.add_parser(
        "handover-list", help="danh sách hồ sơ bàn giao trong ngày / the day's hand-over list"
    )
    p.add_argument("--date", dest="day", required=True, type=parse_date_arg)
    p.add_argument("--out", required=True)


def _write(path: str, pdf: bytes) -> None:
    try:
        file_modes.write_private_bytes(Path(path), pdf)
    except OSError as exc:
        raise InputError("out", f"Không ghi được tệp {path}: {exc.strerror}") from None


@command("print", permission=HANDLE)
def cmd_print(args: argparse.Namespace, service: CounterService) -> int:

    # logged only once the file is written: a failed write is no print
    size = service.prints.produce(
        args.code,
        args.form,
        officer=args.actor,
        deliver=lambda pdf: (_write(args.out, pdf), len(pdf))[1],
        paper=args.paper or service.settings.get("paper"),
        reprint_reason=args.reprint_reason,
    )
    print(f"Đã tạo {args.out} ({size // 1024} KB)")
    return EXIT_OK


@command("register", permission=HANDLE)
def cmd_register(args: argparse.Namespace, service: CounterService) -> int:

    pdf = service.prints.register(args.date_from, args.date_to)
    _write(args.out, pdf)
    print(f"Đã tạo {args.out}")
    return EXIT_OK


@command("handover", permission=HANDLE)
def cmd_handover(args: argparse.Namespace, service: CounterService) -> int:

    batch = service.dossiers.record_handover(
        args.codes,
        direction=args.direction,
        agency=args.agency,
        giver=args.giver,
        receiver=args.receiver,
        by=args.actor,
        notes=args.notes,
    )
    print(f"Đã ghi bàn giao {len(set(args.codes))} hồ sơ (đợt {batch})")
    return EXIT_OK


@command("handover-list", permission=HANDLE)
def cmd_handover_list(args: argparse.Namespace, service: CounterService) -> int:

    pdf = service.prints.handover_list(args.day)
    _write(args.out, pdf)
    print(f"Đã tạo {args.out}")
    return EXIT_OK
