"""`counter-app sync`: one pass, the queue's status (digitised documents too), and retrying a
rejected dossier."""

from __future__ import annotations

import argparse
from typing import Any

from counter_app.cli import EXIT_OK, command, emit
from counter_app.domain import clock
from counter_app.portal.client import PortalClient
from counter_app.portal.errors import PortalAuthError
from counter_app.services import CounterService, InputError
from counter_app.services.staff import HANDLE, READ
from counter_app.sync.conflicts import resolve_conflict
from counter_app.sync.engine import configured_portal, current_status, sync_pass
from counter_app.sync.pull import force_reference_pull
from counter_app.sync.push import retry_rejected
from counter_app.sync.quarantine import SOURCE_NAMES, quarantined_items

EXIT_REJECTED = 3
EXIT_UNREACHABLE = 4
EXIT_SIGN_IN = 5  # the portal refused the sign-in (user name, password, account rights, proxy)


def register_commands(sub: Any) -> None:
    p = sub.add_parser(
        "sync",
        help="đồng bộ với cổng DVC / sync with the portal",
        description="Một lượt đồng bộ. Mã thoát: 0 gửi hết, 3 có hồ sơ bị từ chối, "
        "4 không kết nối được cổng, 5 cổng từ chối đăng nhập (sai tên/mật khẩu). / "
        "One sync pass. Exit codes: 0 all sent, 3 some rejected, 4 portal unreachable, "
        "5 the portal refused the sign-in.",
    )
    p.add_argument("--status", action="store_true", help="chỉ xem hàng đợi đồng bộ")
    p.add_argument("--retry", metavar="CODE", help="gửi lại hồ sơ bị từ chối (sau khi sửa)")
    p.add_argument(
        "--resolve",
        metavar="CODE",
        help="xử lý xung đột của một hồ sơ; dùng với --keep local|portal",
    )
    p.add_argument(
        "--keep", choices=["local", "portal"], help="giữ thay đổi tại quầy hay theo Cổng"
    )
    p.add_argument("--by", help="= --user (người đăng nhập)")
    p.add_argument("--format", choices=["text", "json"], default="text")


@command(
    "sync",
    permission=lambda args: READ if args.status and not (args.retry or args.resolve) else HANDLE,
)
def cmd_sync(args: argparse.Namespace, service: CounterService) -> int:
    if args.retry:
        count = retry_rejected(service, args.retry, actor=args.actor)
        print(f"Đã xếp lại {count} mục của hồ sơ {args.retry} vào hàng đợi")
        return EXIT_OK
    if args.resolve:
        if not args.keep:
            raise InputError("keep", "Cần --keep local hoặc --keep portal")
        resolve_conflict(service, args.resolve, keep=args.keep, actor=args.actor)
        print(f"Đã xử lý xung đột hồ sơ {args.resolve}: giữ {args.keep}")
        return EXIT_OK
    if args.status:
        return _print_status(args, service)
    config = configured_portal(service)
    force_reference_pull(service)  # a technician's pass refreshes everything
    with PortalClient(config) as client:
        report = sync_pass(service, client)
    lines = [
        f"Đã gửi: {report.sent}",
        f"Bị từ chối: {report.rejected}",
        f"Thay đổi nhận từ cổng: {report.pulled_changes} "
        f"(hồ sơ trực tuyến mới: {report.online_received}, xung đột: {report.conflicts})",
    ]
    if report.files_uploaded or report.files_rejected or report.files_deferred:
        lines.append(
            f"Tài liệu số hóa đã tải lên: {report.files_uploaded} (bị từ chối: "
            f"{report.files_rejected}, để lượt sau: {report.files_deferred})"
        )
    if report.catalogue_version:
        lines.append(f"Danh mục thủ tục cập nhật: {report.catalogue_version}")
    lines += [f"  ✗ {code}: {message}" for code, message in report.rejected_messages]
    if report.quarantined:
        lines.append(
            f"Mục của Cổng bị cách ly (sai cấu trúc, không áp dụng): {report.quarantined} "
            "— xem 'counter-app sync --status'"
        )
    lines += [f"CẢNH BÁO: {warning}" for warning in report.warnings]
    if report.clock_skew_seconds is not None and abs(report.clock_skew_seconds) > 300:
        lines.append(
            f"CẢNH BÁO: đồng hồ máy lệch {report.clock_skew_seconds:+.0f} giây so với cổng"
        )
    if isinstance(report.error, PortalAuthError):
        lines.append(
            f"Lỗi đăng nhập Cổng DVC với tài khoản {config.username!r}: {report.error}\n"
            "Kiểm tra tên đăng nhập và mật khẩu: counter-app setup … --portal-user USER "
            "--password-stdin / Check the portal user name and password."
        )
    elif report.error is not None:
        lines.append(f"Lỗi: {report.error}")
    emit(
        args,
        {
            "sent": report.sent,
            "rejected": report.rejected,
            "rejected_messages": report.rejected_messages,
            "pulled_changes": report.pulled_changes,
            "conflicts": report.conflicts,
            "online_received": report.online_received,
            "clock_skew_seconds": report.clock_skew_seconds,
            "quarantined": report.quarantined,
            "files_uploaded": report.files_uploaded,
            "files_rejected": report.files_rejected,
            "files_deferred": report.files_deferred,
            "centre_files": report.centre_files,
            "warnings": report.warnings,
            "failures": [{"step": step, "error": str(error)} for step, error in report.failures],
            "error": str(report.error) if report.error else None,
        },
        "\n".join(lines),
    )
    if isinstance(report.error, PortalAuthError):
        return EXIT_SIGN_IN
    if report.error is not None:
        return EXIT_UNREACHABLE if report.error.retryable else 1
    return EXIT_REJECTED if report.rejected or report.files_rejected else EXIT_OK


def _print_status(args: argparse.Namespace, service: CounterService) -> int:
    status = current_status(service, "status")
    rejected = [
        dict(r)
        for r in service.store.conn().execute(
            "SELECT d.code, o.op, o.last_error, o.attempts FROM outbox o JOIN dossiers d "
            "ON d.id = o.dossier_id WHERE o.state = 'rejected' ORDER BY o.id"
        )
    ]
    conflicts = [
        dict(r)
        for r in service.store.conn().execute(
            "SELECT code, sync_message FROM dossiers WHERE sync_state = 'conflict'"
        )
    ]
    quarantined = quarantined_items(service.store.conn())
    age = clock.now() - status.oldest_pending if status.oldest_pending is not None else None
    lines = [
        f"Chờ gửi: {status.pending}",
        f"Bị từ chối: {status.rejected}",
        f"Xung đột: {status.conflicts}",
        f"Tài liệu số hóa chờ tải lên: {status.files_pending} (đang tải: "
        f"{status.files_uploading}, bị Cổng từ chối: {status.files_rejected})",
        "Lần đồng bộ thành công gần nhất: "
        + (f"{status.last_success:%d/%m/%Y %H:%M}" if status.last_success else "chưa có"),
        "Mục chờ lâu nhất: " + (f"{age}" if age is not None else "không có"),
    ]
    lines += [f"  ✗ {r['code']} ({r['op']}): {r['last_error']}" for r in rejected]
    lines += [f"  ⚠ {r['code']}: {r['sync_message']}" for r in conflicts]
    lines.append(f"Mục của Cổng bị cách ly: {len(quarantined)}")
    for item in quarantined:
        lines.append(
            f"  ⊘ [{SOURCE_NAMES.get(item['source'], item['source'])}] "
            f"{item['item_key'] or '-'}: {item['reason']}"
        )
        lines.append(f"      Cổng gửi / portal sent: {item['raw'][:500]}")
    emit(
        args,
        {
            "pending": status.pending,
            "rejected": rejected,
            "conflicts": conflicts,
            "quarantined": quarantined,
            "last_success": status.last_success,
            "oldest_pending_seconds": age.total_seconds() if age is not None else None,
            "clock_skew_seconds": status.clock_skew_seconds,
            "files_pending": status.files_pending,
            "files_uploading": status.files_uploading,
            "files_rejected": status.files_rejected,
        },
        "\n".join(lines),
    )
    return EXIT_OK
