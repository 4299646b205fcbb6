"""`counter-app`: the command line over the service API.

Exit codes: 0 ok, 2 bad input (the message names the field), 1 internal error.
Read commands accept --format json.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from counter_app import __version__
from counter_app.domain import clock
from counter_app.domain.appointments import format_appointment
from counter_app.domain.status import STATUS_NAMES, status_name
from counter_app.ops.logging_setup import setup_logging, shutdown_logging
from counter_app.services import AuthError, CounterService, InputError, NotFound
from counter_app.services.intake_form import check_receive_birth_date
from counter_app.store import paths
from counter_app.store.folder_lock import DataFolderLocked

EXIT_OK, EXIT_INTERNAL, EXIT_INPUT = 0, 1, 2
CLI_LOCK_TIMEOUT = 30.0  # scripted runs queue for the folder instead of failing at once

Handler = Callable[[argparse.Namespace, CounterService], int]
_COMMANDS: dict[str, Handler] = {}
# Commands that open the data folder themselves (restore, doctor, backup): handler gets None.
_NO_SERVICE_COMMANDS: set[str] = set()


def command(name: str, *, needs_service: bool = True) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _COMMANDS[name] = handler
        if not needs_service:
            _NO_SERVICE_COMMANDS.add(name)
        return handler

    return register


# -- output helpers -------------------------------------------------------------
def emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if getattr(args, "format", "text") == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)


def _parse_date_arg(value: str) -> date:
    try:
        return clock.parse_date(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"ngày '{value}' phải có dạng YYYY-MM-DD hoặc DD/MM/YYYY"
        ) from None


def _read_json_input(source: str) -> Any:
    try:
        raw = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError("json", f"Không đọc được tệp {source}: {exc.strerror}") from None
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(
            "json", f"JSON không hợp lệ (dòng {exc.lineno}, cột {exc.colno}): {exc.msg}"
        ) from None


def format_dossier(dossier: dict[str, Any]) -> str:
    applicant = dossier["applicant"]
    procedure = dossier["procedure"]
    lines = [
        f"Mã hồ sơ:        {dossier['code']}",
        f"Thủ tục:         {procedure['code']} {procedure['name']}",
        f"Người nộp:       {applicant['full_name']}"
        + (
            f" ({applicant['id_type'].upper()} {applicant['id_number']})"
            if applicant["id_number"]
            else ""
        ),
        f"Điện thoại:      {applicant['phone']}",
        "Địa chỉ:         "
        + ", ".join(
            p
            for p in (applicant["address"], applicant["commune_name"], applicant["province_name"])
            if p
        ),
        f"Tiếp nhận:       {format_appointment(clock.from_storage(dossier['received_at']))}"
        f" — {dossier['officer_name']}",
        f"Hẹn trả:         {format_appointment(clock.from_storage(dossier['due_at']))}",
        f"Trạng thái:      {dossier['status']} — {dossier['status_name']}",
        f"Đồng bộ:         {dossier['sync_state']}"
        + (f" — {dossier['sync_message']}" if dossier.get("sync_message") else ""),
        "Giấy tờ:",
    ]
    lines += [f"  - {d['name']} ({d['kind']}, {d['count']})" for d in dossier["documents"]]
    if dossier["fees"]:
        lines.append("Phí, lệ phí:")
        lines += [
            f"  - {f['name']}: {f['amount']:,} đồng{' (đã nộp)' if f['paid'] else ''}".replace(
                ",", "."
            )
            for f in dossier["fees"]
        ]
    lines.append("Lịch sử:")
    lines += [
        f"  {e['at']}  {e['from_status'] or '-'} → {e['to_status']} "
        f"({status_name(e['to_status'])}) bởi {e['by_name']}"
        + (f": {e['reason']}" if e["reason"] else "")
        for e in dossier["events"]
    ]
    for change in dossier["due_changes"]:
        lines.append(
            f"  Đổi hẹn {change['old_due']} → {change['new_due']} ({change['kind']}): {change['reason']}"
        )
    return "\n".join(lines)


# -- commands ---------------------------------------------------------------------
@command("setup")
def cmd_setup(args: argparse.Namespace, service: CounterService) -> int:
    service.settings.configure(
        unit_code=args.unit_code,
        ward_code=args.ward_code,
        counter=args.counter,
        centre_name=args.centre_name,
        hours=args.hours,
        actor="setup",
        lookup_url=args.lookup_url,
        portal_url=args.portal_url,
        portal_user=args.portal_user,
        portal_ca_bundle=args.portal_ca,
    )
    if args.portal_user:
        from counter_app.ops import secrets_store

        where = secrets_store.set_portal_password(
            service.store.folder, args.portal_user, _read_password(args)
        )
        print(f"Đã lưu mật khẩu cổng DVC ({'keyring' if where == 'keyring' else 'tệp riêng'})")
    centre = service.settings.centre()
    print(
        f"Đã thiết lập: {centre['centre_name']} — {centre['commune_name']}, "
        f"{centre['province_name']}; mã đơn vị {centre['unit_code']}; quầy {centre['counter']}"
    )
    return EXIT_OK


@command("staff")
def cmd_staff(args: argparse.Namespace, service: CounterService) -> int:
    if args.staff_command == "add":
        password = _read_password(args)
        service.staff.add(args.username, args.full_name, password, role=args.role, actor="cli")
        print(f"Đã thêm cán bộ {args.username.lower()} ({args.role})")
    elif args.staff_command == "password":
        service.staff.set_password(args.username, _read_password(args), actor="cli")
        print(f"Đã đặt lại mật khẩu cho {args.username}")
    elif args.staff_command in ("disable", "enable"):
        service.staff.set_active(args.username, args.staff_command == "enable", actor="cli")
        print(
            f"Đã {'mở khóa' if args.staff_command == 'enable' else 'khóa'} tài khoản {args.username}"
        )
    else:
        staff = service.staff.all()
        emit(
            args,
            staff,
            "\n".join(
                f"{s['username']:<16} {s['role']:<8} {'hoạt động' if s['active'] else 'đã khóa':<10} "
                f"{s['full_name']}"
                for s in staff
            )
            or "(chưa có cán bộ nào)",
        )
    return EXIT_OK


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    if not sys.stdin.isatty():
        raise InputError("password", "Dùng --password-stdin để đọc mật khẩu từ đầu vào chuẩn")
    first = getpass.getpass("Mật khẩu / password: ")
    if first != getpass.getpass("Nhập lại / again: "):
        raise InputError("password", "Hai lần nhập mật khẩu không khớp")
    return first


def _print_received(args: argparse.Namespace, result: Any) -> None:
    dossier = result.dossier
    warnings = [f"{w.field}: {w.message}" for w in result.warnings]
    emit(
        args,
        {
            "code": dossier["code"],
            "uuid": dossier["uuid"],
            "due_at": dossier["due_at"],
            "warnings": warnings,
        },
        f"{dossier['code']}\tHẹn trả: {format_appointment(clock.from_storage(dossier['due_at']))}"
        + "".join(f"\n  Lưu ý: {w}" for w in warnings),
    )


@command("receive")
def cmd_receive(args: argparse.Namespace, service: CounterService) -> int:
    data = _read_json_input(args.json)
    check_receive_birth_date(data)
    _print_received(args, service.intake.receive(data))
    return EXIT_OK


@command("import")
def cmd_import(args: argparse.Namespace, service: CounterService) -> int:
    """Receive every line of a JSONL file; a bad line is reported and skipped, never half-saved."""
    failures = 0
    received = 0
    try:
        handle = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise InputError("file", f"Không đọc được tệp {args.file}: {exc.strerror}") from None
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                check_receive_birth_date(data)
                result = service.intake.receive(data)
            except json.JSONDecodeError as exc:
                failures += 1
                print(f"dòng {number}: JSON không hợp lệ: {exc.msg}", file=sys.stderr)
                continue
            except (InputError, NotFound) as exc:
                failures += 1
                print(f"dòng {number}: {exc}", file=sys.stderr)
                continue
            received += 1
            if args.format != "json":
                print(f"{result.dossier['code']}\t{result.dossier['due_at']}")
    print(f"Đã tiếp nhận {received} hồ sơ, {failures} dòng lỗi", file=sys.stderr)
    return EXIT_INPUT if failures else EXIT_OK


@command("show")
def cmd_show(args: argparse.Namespace, service: CounterService) -> int:
    dossier = service.dossiers.get(args.code)
    emit(args, dossier, format_dossier(dossier))
    return EXIT_OK


@command("search")
def cmd_search(args: argparse.Namespace, service: CounterService) -> int:
    rows = service.search.dossiers(
        args.text or "",
        status=args.status,
        date_from=args.date_from,
        date_to=args.date_to,
        procedure=args.procedure,
        overdue=args.overdue,
        due_today=args.due_today,
        limit=args.limit,
    )
    text = "\n".join(
        f"{r['code']}  {r['full_name']:<28} {r['procedure_code']}  {r['received_at'][:16]}  "
        f"hẹn {r['due_at'][:16]}  [{r['status']}] {status_name(r['status'])}"
        for r in rows
    )
    emit(args, rows, text or "Không có hồ sơ nào phù hợp.")
    return EXIT_OK


@command("status")
def cmd_status(args: argparse.Namespace, service: CounterService) -> int:
    dossier = service.dossiers.change_status(
        args.code,
        args.new_status,
        by=args.by,
        reason=args.reason or "",
        collected_by=args.collected_by or "",
        collected_id_number=args.collected_id or "",
        documents=[_parse_document_arg(text) for text in args.document or []],
    )
    print(f"{dossier['code']}: {dossier['status']} — {dossier['status_name']}")
    if dossier["due_changes"] and dossier["due_changes"][-1]["kind"] == "supplement":
        change = dossier["due_changes"][-1]
        print(f"Hẹn trả cũ: {change['old_due']}  → mới: {change['new_due']}")
    return EXIT_OK


def _parse_document_arg(text: str) -> dict[str, Any]:
    """'Tờ khai:original:1' -> a document dict; kind and count are optional."""
    name, _, rest = text.partition(":")
    kind, _, count = rest.partition(":")
    return {"name": name, "kind": kind or "original", "count": int(count) if count.isdigit() else 1}


@command("due-date")
def cmd_due_date(args: argparse.Namespace, service: CounterService) -> int:
    try:
        received = clock.parse_datetime(args.received) if args.received else clock.now()
    except ValueError:
        raise InputError("received", "Thời điểm nhận phải có dạng 'YYYY-MM-DD HH:MM'") from None
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


@command("audit")
def cmd_audit(args: argparse.Namespace, service: CounterService) -> int:
    report = service.audit.verify()
    emit(
        args,
        {"ok": report.ok, "rows": report.rows, "problems": report.problems},
        (
            f"Nhật ký kiểm tra toàn vẹn: {report.rows} dòng, chuỗi băm hợp lệ."
            if report.ok
            else "NHẬT KÝ ĐÃ BỊ THAY ĐỔI / audit chain broken:\n"
            + "\n".join(f"  - {p}" for p in report.problems)
        ),
    )
    return EXIT_OK if report.ok else EXIT_INTERNAL


@command("catalogue")
def cmd_catalogue(args: argparse.Namespace, service: CounterService) -> int:
    if args.catalogue_command == "import":
        parsed = service.catalogue.import_file(Path(args.file), actor=args.by)
        print(f"Đã nhập danh mục phiên bản {parsed.version}: {len(parsed.procedures)} thủ tục")
        return EXIT_OK
    items = service.catalogue.procedures(args.query or "")
    emit(
        args,
        {"version": service.catalogue.version(), "procedures": items},
        "\n".join(
            f"{p['code']}  {p['name']}  ({p['processing_time']:g} {p['time_unit']})" for p in items
        ),
    )
    return EXIT_OK


@command("holiday")
def cmd_holiday(args: argparse.Namespace, service: CounterService) -> int:
    if args.holiday_command == "list":
        rows = service.calendar.holiday_overrides()
        emit(
            args,
            rows,
            "\n".join(
                f"{r['day']}  {'làm việc' if r['working'] else 'nghỉ'}  {r['note']}" for r in rows
            )
            or "(không có ngày điều chỉnh)",
        )
        return EXIT_OK
    working = {"work": True, "off": False, "remove": None}[args.holiday_command]
    service.calendar.set_holiday_override(args.day, working, note=args.note or "", actor=args.by)
    print(f"Đã cập nhật ngày {args.day.isoformat()}")
    return EXIT_OK


@command("demo-data")
def cmd_demo_data(args: argparse.Namespace, service: CounterService) -> int:
    from counter_app.demo import generate_demo_data

    created = generate_demo_data(service, args.count, seed=args.seed)
    print(f"Đã tạo {created} hồ sơ mẫu (không bao giờ được đồng bộ lên cổng)")
    return EXIT_OK


# -- parser -------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="counter-app",
        description="Ứng dụng quầy tiếp nhận hồ sơ cấp xã / commune counter app. "
        "Không có lệnh: mở giao diện.",
    )
    parser.add_argument("--version", action="version", version=f"counter-app {__version__}")
    parser.add_argument(
        "--data-dir",
        help=f"thư mục dữ liệu (mặc định: ${paths.DATA_DIR_ENV} hoặc thư mục của hệ điều hành)",
    )
    parser.add_argument("--demo", action="store_true", help="chế độ đào tạo / training mode")
    parser.add_argument("--screenshots", metavar="DIR", help="lưu ảnh các màn hình vào DIR")
    parser.add_argument(
        "--self-test", action="store_true", help="tự kiểm tra bản cài đặt rồi thoát / self-test"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_text: str, *, read: bool = False) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        if read:
            p.add_argument("--format", choices=["text", "json"], default="text")
        return p

    p = add("setup", "thiết lập quầy / configure this counter")
    p.add_argument(
        "--unit-code", required=True, help="mã định danh điện tử đơn vị, vd 000.00.01.H22"
    )
    p.add_argument(
        "--ward-code", required=True, type=int, help="mã xã/phường, vd 70 = Phường Hoàn Kiếm"
    )
    p.add_argument("--counter", required=True, type=int, help="số quầy 1–9")
    p.add_argument("--centre-name", required=True, help="tên Trung tâm Phục vụ hành chính công")
    p.add_argument("--hours", help="giờ làm việc, vd 07:30-11:30,13:30-17:00")
    p.add_argument("--lookup-url", help="mẫu địa chỉ tra cứu, {code} thay bằng mã hồ sơ")
    p.add_argument("--portal-url", help="địa chỉ cổng DVC (để trống: không đồng bộ)")
    p.add_argument(
        "--portal-user", help="tài khoản cổng DVC; mật khẩu được hỏi hoặc đọc bằng --password-stdin"
    )
    p.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu cổng từ stdin")
    p.add_argument("--portal-ca", metavar="FILE", help="tệp CA riêng để kiểm tra TLS của cổng")

    p = add("staff", "tài khoản cán bộ / staff accounts")
    staff_sub = p.add_subparsers(dest="staff_command", required=True)
    s = staff_sub.add_parser("add", help="thêm cán bộ (mật khẩu hỏi hoặc đọc từ stdin)")
    s.add_argument("username")
    s.add_argument("--full-name", required=True)
    s.add_argument("--role", choices=["officer", "admin"], default="officer")
    s.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ dòng đầu stdin")
    s = staff_sub.add_parser(
        "password", help="đặt lại mật khẩu (tài khoản bị khóa: dùng thêm staff enable)"
    )
    s.add_argument("username")
    s.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ dòng đầu stdin")
    s = staff_sub.add_parser("list", help="danh sách cán bộ")
    s.add_argument("--format", choices=["text", "json"], default="text")
    for name, text in (("disable", "khóa tài khoản"), ("enable", "mở khóa tài khoản")):
        s = staff_sub.add_parser(name, help=text)
        s.add_argument("username")

    p = add("receive", "tiếp nhận một hồ sơ từ JSON / receive one dossier", read=True)
    p.add_argument("--json", required=True, metavar="FILE|-", help="tệp JSON hoặc - cho stdin")

    p = add("import", "tiếp nhận nhiều hồ sơ từ tệp JSONL / receive many", read=True)
    p.add_argument("file", metavar="FILE.jsonl")

    p = add("show", "xem một hồ sơ / show a dossier", read=True)
    p.add_argument("code", help="mã hồ sơ hoặc UUID")

    p = add("search", "tìm hồ sơ (không dấu, không phân biệt hoa thường)", read=True)
    p.add_argument("text", nargs="?", default="", help="tên, số giấy tờ, điện thoại hoặc mã hồ sơ")
    p.add_argument("--status", type=int, choices=sorted(STATUS_NAMES))
    p.add_argument("--from", dest="date_from", type=_parse_date_arg, help="nhận từ ngày")
    p.add_argument("--to", dest="date_to", type=_parse_date_arg, help="nhận đến ngày")
    p.add_argument("--procedure", help="mã thủ tục")
    p.add_argument("--overdue", action="store_true", help="chỉ hồ sơ quá hạn")
    p.add_argument("--due-today", action="store_true", help="chỉ hồ sơ hẹn trả hôm nay")
    p.add_argument("--limit", type=int, default=50)

    p = add("status", "chuyển trạng thái hồ sơ / change a dossier's status")
    p.add_argument("code")
    p.add_argument("new_status", type=int, metavar="NEW", help="mã trạng thái 1–10")
    p.add_argument("--by", required=True, help="tên đăng nhập cán bộ")
    p.add_argument("--reason", help="lý do (bắt buộc khi từ chối, yêu cầu bổ sung, rút, dừng)")
    p.add_argument("--collected-by", help="họ tên người nhận kết quả (trạng thái 10)")
    p.add_argument("--collected-id", help="số giấy tờ người nhận kết quả")
    p.add_argument(
        "--document",
        action="append",
        metavar="TÊN[:LOẠI[:SỐ]]",
        help="giấy tờ cần bổ sung (trạng thái 5), lặp lại được; LOẠI: original|certified_copy|photocopy",
    )

    p = add("due-date", "tính ngày hẹn trả / compute an appointment", read=True)
    p.add_argument("--procedure", required=True, help="mã thủ tục, vd 1.001193")
    p.add_argument("--received", help="'YYYY-MM-DD HH:MM' (mặc định: bây giờ)")

    p = add("audit", "nhật ký kiểm tra / audit log", read=True)
    p.add_argument("audit_command", choices=["verify"])

    p = add("catalogue", "danh mục thủ tục / procedure catalogue", read=True)
    cat_sub = p.add_subparsers(dest="catalogue_command", required=True)
    c = cat_sub.add_parser("list", help="liệt kê thủ tục")
    c.add_argument("query", nargs="?", default="")
    c = cat_sub.add_parser(
        "import", help="nhập tệp danh mục mới (kiểm tra, có phiên bản, nguyên tử)"
    )
    c.add_argument("file")
    c.add_argument("--by", default="technician")

    p = add("holiday", "ngày nghỉ/làm bù điều chỉnh / holiday overrides", read=True)
    hol_sub = p.add_subparsers(dest="holiday_command", required=True)
    hol_sub.add_parser("list")
    for name, text in (
        ("work", "thêm ngày làm việc"),
        ("off", "thêm ngày nghỉ"),
        ("remove", "bỏ điều chỉnh"),
    ):
        h = hol_sub.add_parser(name, help=text)
        h.add_argument("day", type=_parse_date_arg)
        h.add_argument("--note")
        h.add_argument("--by", default="technician")

    p = add("demo-data", "tạo hồ sơ mẫu / generate demo dossiers")
    p.add_argument("--count", type=int, default=100)
    p.add_argument("--seed", type=int, default=1)

    for extension in _extensions():
        extension(sub)
    return parser


def _extensions() -> list[Callable[[Any], None]]:
    """Commands that live beside their feature (forms, sync, operations)."""
    found = []
    for module_name in ("counter_app.forms.cli", "counter_app.sync.cli", "counter_app.ops.cli"):
        try:
            module = __import__(module_name, fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue
            raise
        found.append(module.register_commands)
    return found


def _start_options() -> argparse.ArgumentParser:
    """The options that can start the GUI; parsed alone so that a plain start does not
    pay for building every sub-command (and importing what they need)."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data-dir")
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--screenshots")
    parser.add_argument("--self-test", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args, rest = _start_options().parse_known_args(argv)
    if rest:  # a command, --help or --version: the full parser
        args = build_parser().parse_args(argv)
    else:
        args.command = None
    if args.self_test:
        from counter_app.ops.selftest import run_self_test

        return run_self_test()
    setup_logging(paths.data_dir(args.data_dir))
    if args.command is None:
        return _start_gui(args, argv)
    handler = _COMMANDS[args.command]
    service = None
    try:
        if args.command not in _NO_SERVICE_COMMANDS:
            service = CounterService.open(
                paths.data_dir(args.data_dir), lock_timeout=CLI_LOCK_TIMEOUT
            )
        return handler(args, service)  # type: ignore[arg-type]
    except (InputError, NotFound, AuthError) as exc:
        print(f"Lỗi / error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except DataFolderLocked as exc:
        print(f"Lỗi / error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return EXIT_INTERNAL
    except Exception:  # noqa: BLE001 - last resort: report, never lose the trace
        traceback.print_exc()
        print("Lỗi nội bộ / internal error", file=sys.stderr)
        return EXIT_INTERNAL
    finally:
        if service is not None:
            service.close()
        shutdown_logging()


def _start_gui(args: argparse.Namespace, argv: list[str]) -> int:
    try:
        from counter_app.gui.app import run_gui
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("counter_app.gui"):
            build_parser().print_help()
            return EXIT_OK
        raise
    return run_gui(args, argv)
