"""`counter-app setup`, `staff`, `audit` and `demo-data`: configuring and checking the counter."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from counter_app.cli import (
    EXIT_INTERNAL,
    EXIT_OK,
    add_command,
    command,
    emit,
    read_sign_in_password,
    read_stdin_line,
)
from counter_app.ops.code_floor import CodeFloorReport, raise_code_counters
from counter_app.services import CounterService, InputError
from counter_app.services.staff import ADMINISTER, READ, ROLES, check_password_rule


def register_commands(sub: Any) -> None:
    p = add_command(sub, "setup", "thiết lập quầy / configure this counter")
    p.add_argument(
        "--unit-code", required=True, help="mã định danh điện tử đơn vị, vd 000.00.01.H22"
    )
    p.add_argument(
        "--ward-code", required=True, type=int, help="mã xã/phường, vd 70 = Phường Hoàn Kiếm"
    )
    p.add_argument("--counter", required=True, type=int, help="số quầy 1–9")
    p.add_argument(
        "--replace-counter",
        action="store_true",
        help="máy này thay máy cũ của quầy (số quầy đã đăng ký trên Cổng DVC) / this PC "
        "replaces the counter's old PC",
    )
    p.add_argument("--centre-name", required=True, help="tên Trung tâm Phục vụ hành chính công")
    p.add_argument("--hours", help="giờ làm việc, vd 07:30-11:30,13:30-17:00")
    p.add_argument("--lookup-url", help="mẫu địa chỉ tra cứu, {code} thay bằng mã hồ sơ")
    p.add_argument("--portal-url", help="địa chỉ cổng DVC (để trống: không đồng bộ)")
    p.add_argument(
        "--portal-user", help="tài khoản cổng DVC; mật khẩu được hỏi hoặc đọc bằng --password-stdin"
    )
    p.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu cổng từ stdin")
    p.add_argument(
        "--portal-ca",
        metavar="FILE",
        help="tệp CA riêng để kiểm tra TLS của cổng (lưu đường dẫn tuyệt đối; lần setup sau "
        "không ghi thì giữ nguyên)",
    )
    p.add_argument(
        "--clear-portal-ca", action="store_true", help="bỏ tệp CA riêng đã lưu / forget the CA"
    )
    p.add_argument(
        "--admin-name",
        metavar="HỌ TÊN",
        help="lần thiết lập đầu (chưa có cán bộ nào): họ tên quản trị viên đầu tiên, tài khoản "
        "là --user, mật khẩu hỏi hoặc đọc bằng --password-stdin (trước lệnh) / first run: "
        "the first admin's full name",
    )

    p = add_command(sub, "staff", "tài khoản cán bộ / staff accounts")
    staff_sub = p.add_subparsers(dest="staff_command", required=True)
    s = staff_sub.add_parser("add", help="thêm cán bộ (mật khẩu hỏi hoặc đọc từ stdin)")
    s.add_argument("username")
    s.add_argument("--full-name", required=True)
    s.add_argument("--role", choices=ROLES, default="officer")
    s.add_argument("--phone", default="", help="số điện thoại liên hệ (in trên Mẫu 02)")
    s.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ dòng đầu stdin")
    s = staff_sub.add_parser(
        "password", help="đặt lại mật khẩu (tài khoản bị khóa: dùng thêm staff enable)"
    )
    s.add_argument("username")
    s.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ dòng đầu stdin")
    s = staff_sub.add_parser("phone", help="đặt số điện thoại liên hệ của cán bộ (Mẫu 02)")
    s.add_argument("username")
    s.add_argument("phone")
    s = staff_sub.add_parser("list", help="danh sách cán bộ")
    s.add_argument("--format", choices=["text", "json"], default="text")
    for name, text in (("disable", "khóa tài khoản"), ("enable", "mở khóa tài khoản")):
        s = staff_sub.add_parser(name, help=text)
        s.add_argument("username")

    p = add_command(sub, "audit", "nhật ký kiểm tra / audit log", read=True)
    p.add_argument("audit_command", choices=["verify"])
    p.add_argument(
        "--against-portal",
        action="store_true",
        help="đối chiếu với các điểm neo Cổng đã lưu / compare with the heads the portal kept",
    )

    p = add_command(sub, "demo-data", "tạo hồ sơ mẫu / generate demo dossiers")
    p.add_argument("--count", type=int, default=100)
    p.add_argument("--seed", type=int, default=1)


def _read_password(args: argparse.Namespace) -> str:
    """A command's own secret (a new staff password, the portal password): the next line of
    stdin with the command's --password-stdin (after the sign-in line), or asked twice."""
    if args.password_stdin:
        return read_stdin_line()
    if not sys.stdin.isatty():
        raise InputError("password", "Dùng --password-stdin để đọc mật khẩu từ đầu vào chuẩn")
    first = getpass.getpass("Mật khẩu / password: ")
    if first != getpass.getpass("Nhập lại / again: "):
        raise InputError("password", "Hai lần nhập mật khẩu không khớp")
    return first


@command("setup", permission=ADMINISTER, first_run=True)
def cmd_setup(args: argparse.Namespace, service: CounterService) -> int:
    """Signed in as an admin; on a counter without staff, creates the first admin (--user,
    --admin-name, the password of the sign-in) in the same transaction as the settings,
    and runs as them."""
    first_admin = _first_admin(args) if args.actor is None else None
    if first_admin is None and args.admin_name:
        raise InputError(
            "admin_name",
            "Đã có cán bộ: thêm quản trị viên bằng 'staff add … --role admin' / staff exist",
        )
    actor = first_admin[0] if first_admin else args.actor
    password = _read_password(args) if args.portal_user else None
    if args.portal_url:
        from counter_app.portal.config import check_portal_url

        check_portal_url(args.portal_url)
    portal_ca = _portal_ca_setting(args)
    if args.portal_url and args.portal_user and password is not None:
        verify = portal_ca if portal_ca is not None else service.settings.get("portal_ca_bundle")
        _check_counter_number(args, service, password, verify or True)
    with service.store.write():  # the first admin and the settings: both or neither
        if first_admin is not None:
            service.staff.add_first_admin(first_admin[0], args.admin_name, first_admin[1])
        service.settings.configure(
            unit_code=args.unit_code,
            ward_code=args.ward_code,
            counter=args.counter,
            centre_name=args.centre_name,
            hours=args.hours,
            actor=actor,
            lookup_url=args.lookup_url,
            portal_url=args.portal_url,
            portal_user=args.portal_user,
            portal_ca_bundle=portal_ca,
        )
    args.actor = actor
    if first_admin is not None:
        print(f"Đã tạo quản trị viên đầu tiên {actor} / first admin created")
    if args.portal_user:
        from counter_app.ops import secrets_store

        where = secrets_store.set_portal_password(
            service.store.folder, args.portal_user, password or ""
        )
        print(f"Đã lưu mật khẩu cổng DVC ({'keyring' if where == 'keyring' else 'tệp riêng'})")
    centre = service.settings.centre()
    print(
        f"Đã thiết lập: {centre['centre_name']} — {centre['commune_name']}, "
        f"{centre['province_name']}; mã đơn vị {centre['unit_code']}; quầy {centre['counter']}"
    )
    print_code_floor(raise_code_counters(service, actor=actor))
    return EXIT_OK


def _first_admin(args: argparse.Namespace) -> tuple[str, str]:
    """The first admin's username and password (checked against the rule), from --user,
    --admin-name and the sign-in password."""
    if not args.user or not args.admin_name:
        raise InputError(
            "admin_name",
            "Lần thiết lập đầu tạo quản trị viên đầu tiên: counter-app --user TÊN "
            "[--password-stdin] setup … --admin-name 'HỌ TÊN' / the first setup creates the "
            "first admin (--user NAME, --admin-name)",
        )
    username = args.user.strip().lower()
    password = read_sign_in_password(args, username, confirm=True)
    check_password_rule(password, username)
    return username, password


def _portal_ca_setting(args: argparse.Namespace) -> str | None:
    """The CA bundle to store: an absolute path that exists, '' to clear, None to keep."""
    from counter_app.portal.config import resolve_ca_bundle

    if args.clear_portal_ca:
        if args.portal_ca:
            raise InputError("portal_ca", "Dùng --portal-ca hoặc --clear-portal-ca, không cả hai")
        return ""
    return resolve_ca_bundle(args.portal_ca) if args.portal_ca else None


def print_code_floor(report: CodeFloorReport) -> None:
    """What raising the code counters did (after setup or a restore)."""
    if report.raised_days:
        print(
            f"Đã nâng bộ đếm mã hồ sơ của {report.raised_days} ngày theo "
            f"{', '.join(report.sources)} / code counters raised"
        )
    for warning in report.warnings:
        print(f"Cảnh báo / warning: {warning}", file=sys.stderr)


def _check_counter_number(
    args: argparse.Namespace, service: CounterService, password: str, verify: bool | str
) -> None:
    """Refuse a counter number another PC of the unit already uses (checked on the portal);
    an unreachable portal only warns: the counter can be set up offline."""
    from counter_app.portal.client import PortalClient
    from counter_app.portal.config import PortalConfig
    from counter_app.portal.errors import PortalError
    from counter_app.sync.registration import register_counter_number

    config = PortalConfig(
        base_url=args.portal_url,
        username=args.portal_user,
        password=password,
        verify=verify,
    )
    try:
        with PortalClient(config) as client:
            register_counter_number(
                service,
                client,
                args.unit_code,
                int(args.counter),
                replace=args.replace_counter,
            )
    except PortalError as error:
        print(
            f"CẢNH BÁO: chưa kiểm tra được số quầy trên Cổng DVC ({error}); hãy chạy lại setup "
            "khi có mạng / could not check the counter number on the portal"
        )


@command("staff", permission=ADMINISTER)
def cmd_staff(args: argparse.Namespace, service: CounterService) -> int:
    if args.staff_command == "add":
        password = _read_password(args)
        service.staff.add(
            args.username,
            args.full_name,
            password,
            role=args.role,
            actor=args.actor,
            phone=args.phone,
        )
        print(f"Đã thêm cán bộ {args.username.lower()} ({args.role})")
    elif args.staff_command == "password":
        service.staff.set_password(args.username, _read_password(args), actor=args.actor)
        print(f"Đã đặt lại mật khẩu cho {args.username}")
    elif args.staff_command == "phone":
        service.staff.set_phone(args.username, args.phone, actor=args.actor)
        print(f"Đã đặt số điện thoại cho {args.username}")
    elif args.staff_command in ("disable", "enable"):
        service.staff.set_active(args.username, args.staff_command == "enable", actor=args.actor)
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


@command("audit", permission=READ)
def cmd_audit(args: argparse.Namespace, service: CounterService) -> int:
    report = _audit_against_portal(service) if args.against_portal else service.audit.verify()
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


def _audit_against_portal(service: CounterService) -> Any:
    from counter_app.portal.client import PortalClient
    from counter_app.portal.errors import PortalError
    from counter_app.sync.anchor import verify_against_portal
    from counter_app.sync.engine import configured_portal

    config = configured_portal(service)
    try:
        with PortalClient(config) as client:
            return verify_against_portal(service, client)
    except PortalError as error:
        raise InputError(
            "portal",
            f"Không lấy được các điểm neo từ Cổng DVC: {error} / cannot fetch the portal's "
            "audit anchors (nothing was checked against the portal)",
        ) from error


@command("demo-data", permission=ADMINISTER)
def cmd_demo_data(args: argparse.Namespace, service: CounterService) -> int:
    from counter_app.demo import generate_demo_data

    created = generate_demo_data(service, args.count, seed=args.seed)
    print(f"Đã tạo {created} hồ sơ mẫu (không bao giờ được đồng bộ lên cổng)")
    return EXIT_OK
