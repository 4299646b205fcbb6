"""`counter-app doctor`, `counter-app backup`, `counter-app restore`.

All three open the data folder themselves (no app store, no folder lock held by the CLI):
doctor and backup read it while the app may be running; restore takes the folder lock
itself and refuses while the app runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from counter_app.cli import EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, command, folder_free_sign_in
from counter_app.services import AuthError, CounterService
from counter_app.services.staff import ADMINISTER, HANDLE, check_sign_in_read_only
from counter_app.store import paths


def register_commands(sub: Any) -> None:
    p = sub.add_parser(
        "doctor",
        help="kiểm tra sức khỏe thư mục dữ liệu và bản cài đặt / health check",
        description="Kiểm tra thư mục dữ liệu, cơ sở dữ liệu, nhật ký kiểm tra, hàng đợi, "
        "cổng DVC, đồng hồ, máy in, phông chữ, sao lưu. Mã thoát 1 nếu có LỖI.",
    )
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument(
        "--bundle",
        metavar="FILE.zip",
        help="gom báo cáo, log và thiết lập (không có mật khẩu) vào tệp zip để gửi hỗ trợ",
    )
    p.add_argument("--no-portal", action="store_true", help="không thử kết nối cổng DVC")
    p.add_argument(
        "--portal-timeout", type=float, default=5.0, help="giây chờ kết nối cổng (mặc định 5)"
    )

    p = sub.add_parser(
        "backup",
        help="sao lưu ngay (chạy được khi ứng dụng đang mở) / back up now",
        description="Sao lưu trực tuyến vào <thư mục dữ liệu>/backups, xoay vòng (7 ngày, "
        "4 tuần, 12 tháng), chép sang thư mục thứ hai nếu đã cấu hình.",
    )
    p.add_argument("--to", metavar="DIR", help="chép thêm bản sao lưu vào DIR (USB, ổ mạng)")
    p.add_argument("--list", action="store_true", help="chỉ liệt kê các bản sao lưu")
    p.add_argument("--format", choices=["text", "json"], default="text")

    p = sub.add_parser(
        "restore",
        help="khôi phục từ một bản sao lưu (phải đóng ứng dụng trước) / restore a backup",
        description="Kiểm tra tệp sao lưu, rồi thay cơ sở dữ liệu; cơ sở dữ liệu cũ được "
        "giữ lại trong <thư mục dữ liệu>/replaced/. Từ chối khi ứng dụng đang chạy.",
    )
    p.add_argument("file", metavar="FILE", help="tệp sao lưu counter-….db")
    p.add_argument("--check-only", action="store_true", help="chỉ kiểm tra tệp, không khôi phục")
    p.add_argument(
        "--ignore-audit",
        action="store_true",
        help="vẫn khôi phục khi nhật ký kiểm tra của bản sao lưu bị thay đổi (ghi vào nhật ký)",
    )
    p.add_argument(
        "--accept-other-unit",
        action="store_true",
        help="vẫn khôi phục khi bản sao lưu thuộc đơn vị hoặc quầy khác (ghi nhật ký)",
    )
    p.add_argument(
        "--recovery-key",
        metavar="KEY",
        help="khóa khôi phục của máy đã tạo bản sao lưu (bản từ máy khác, '-': đọc từ stdin)",
    )
    p.add_argument("--by", help="người thực hiện: = --user (người đăng nhập, quản trị viên)")


# Open: a health check must run on a broken folder or before any account exists; it shows
# no personal data (the bundle's logs are masked).
@command("doctor", needs_service=False, permission=None)
def cmd_doctor(args: argparse.Namespace, service: CounterService | None) -> int:
    from counter_app.ops.doctor import run_doctor
    from counter_app.ops.support_bundle import write_bundle

    folder = paths.data_dir(args.data_dir)
    report = run_doctor(folder, check_portal=not args.no_portal, portal_timeout=args.portal_timeout)
    if args.format == "json":
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2, default=str))
    else:
        print(report.to_text())
    if args.bundle:
        try:
            target = write_bundle(report, Path(args.bundle))
        except OSError as exc:
            print(f"Lỗi / error: không ghi được {args.bundle}: {exc}", file=sys.stderr)
            return EXIT_INPUT
        print(f"Đã tạo gói hỗ trợ / support bundle: {target}", file=sys.stderr)
    return report.exit_code


# A backup copies every citizen's data (to USB with --to): a signed-in member of staff.
@command("backup", needs_service=False, permission=lambda args: None if args.list else HANDLE)
def cmd_backup(args: argparse.Namespace, service: CounterService | None) -> int:
    from counter_app.ops import backups

    folder = paths.data_dir(args.data_dir)
    if args.list:
        found = backups.list_backups(paths.backups_dir(folder))
        rows = [
            {
                "file": b.path.name,
                "taken_at": b.taken_at.isoformat(sep=" "),
                "reason": b.reason,
                "size": b.path.stat().st_size,
            }
            for b in found
        ]
        if args.format == "json":
            print(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            print(
                "\n".join(f"{r['file']}\t{r['size'] // 1024} KB" for r in rows)
                or "(chưa có bản sao lưu / no backups)"
            )
        return EXIT_OK
    try:
        result = backups.backup_folder(folder, "manual", to=Path(args.to) if args.to else None)
    except backups.BackupError as exc:
        print(f"Lỗi / error: {exc}", file=sys.stderr)
        return EXIT_INTERNAL
    if args.format == "json":
        print(
            json.dumps(
                {
                    "file": str(result.path),
                    "size": result.size,
                    "copied_to": str(result.copied_to) if result.copied_to else None,
                    "copy_error": result.copy_error or None,
                    "removed": [str(p) for p in result.removed],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(f"Đã sao lưu / backup written: {result.path} ({result.size // 1024} KB)")
        if result.copied_to:
            print(f"Đã chép sang / copied to: {result.copied_to}")
        if result.removed:
            print(f"Đã xóa {len(result.removed)} bản cũ theo vòng xoay / rotated away")
    if result.copy_error:
        print(f"Cảnh báo / warning: {result.copy_error}", file=sys.stderr)
    return EXIT_OK


@command(
    "restore",
    needs_service=False,
    permission=lambda args: None if args.check_only else ADMINISTER,
)
def cmd_restore(args: argparse.Namespace, service: CounterService | None) -> int:
    from counter_app.ops.encryption_cli import recovery_key_banner
    from counter_app.ops.restore import RestoreRefused, restore, verify_backup

    source = Path(args.file)
    folder = paths.data_dir(args.data_dir)
    keys = restore_keys(args, folder)
    recovery_key = getattr(args, "recovery_key_text", None)
    report = verify_backup(source, db_keys=keys)
    summary = (
        f"Tệp / file: {source}\n"
        f"  lược đồ / schema: {report.schema_version}, hồ sơ / dossiers: {report.dossiers}, "
        f"hồ sơ mới nhất / newest: {report.newest_dossier or '-'}, "
        f"nhật ký / audit rows: {report.audit_rows}\n"
        f"  {report.holder_text()}"
    )
    if args.check_only:
        print(summary)
        for warning in report.warnings:
            print(f"  Lưu ý / note: {warning}")
        if report.ok:
            print("Tệp sao lưu dùng được / the backup is usable")
            return EXIT_OK
        print("\n".join(f"  - {p}" for p in report.problems), file=sys.stderr)
        return EXIT_INPUT
    try:
        result = restore(
            folder,
            source,
            ignore_audit=args.ignore_audit,
            actor=args.actor,
            accept_other_unit=args.accept_other_unit,
            recovery_key=recovery_key,
        )
    except RestoreRefused as exc:
        print(f"Lỗi / error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    print(summary)
    print(f"Đã khôi phục vào / restored into: {paths.db_path(folder)}")
    if result.replaced_dir:
        print(
            f"Cơ sở dữ liệu cũ được giữ tại / the replaced database is kept in: {result.replaced_dir}"
        )
    for line in report.warnings + result.notes:
        print(f"Lưu ý / note: {line}")
    if result.recovery_key_created:
        print(recovery_key_banner(result.recovery_key_created), file=sys.stderr)
    _raise_code_counters_after_restore(folder, args.actor)
    print(
        "Hồ sơ tiếp nhận sau thời điểm sao lưu không có trong dữ liệu này; hãy đối chiếu với "
        "Cổng DVC. / Dossiers received after the backup are not in the restored data."
    )
    return EXIT_OK


def restore_keys(args: argparse.Namespace, folder: Path) -> list[bytes]:
    """The keys that may open the backup: the folder's, then --recovery-key (read once: the
    sign-in and the command both need it)."""
    from counter_app.ops.db_files import folder_keys
    from counter_app.ops.encryption_cli import read_recovery_key
    from counter_app.store import db_key

    if not hasattr(args, "recovery_key_text"):
        args.recovery_key_text = read_recovery_key(args.recovery_key)
    keys = folder_keys(folder)
    if args.recovery_key_text:
        keys.append(db_key.parse_recovery_key(args.recovery_key_text))
    return keys


@folder_free_sign_in("restore")
def _sign_in_with_backup(
    args: argparse.Namespace, username: str, password: str, permission: str
) -> str:
    """The counter's database is lost or damaged: the restorer signs in as an admin of the
    backup being restored (its staff table; no failure count can be kept there)."""
    from counter_app.ops.db_files import open_readonly
    from counter_app.ops.restore import verify_backup

    source = Path(args.file)
    report = verify_backup(source, db_keys=restore_keys(args, paths.data_dir(args.data_dir)))
    if not report.ok:
        raise AuthError(
            "Cơ sở dữ liệu của quầy mất hoặc hỏng và tệp sao lưu không dùng được để đăng nhập "
            "/ no database to sign in against: " + "; ".join(report.problems[:2])
        )
    conn = open_readonly(source, [report.key] if report.key else [])
    try:
        return check_sign_in_read_only(conn, username, password, permission)
    finally:
        conn.close()


def _raise_code_counters_after_restore(folder: Path, actor: str) -> None:
    """Codes issued after the backup was taken must never be issued again: raise the
    restored counters above every code known in the backups and on the portal."""
    from counter_app.cli_commands.admin import print_code_floor
    from counter_app.ops.code_floor import raise_code_counters

    service = CounterService.open(folder)
    try:
        print_code_floor(raise_code_counters(service, actor=actor))
    finally:
        service.close()
