"""`counter-app attach` and `attachments`: the digitised documents of a dossier (issue 16)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from counter_app.cli import EXIT_OK, add_command, command, emit
from counter_app.services import CounterService
from counter_app.services.attachments import REMOTE
from counter_app.services.staff import HANDLE, READ


def register_commands(sub: Any) -> None:
    p = add_command(
        sub,
        "attach",
        "số hóa: lưu các tệp (PDF, JPEG, PNG, TIFF) thành một tài liệu của hồ sơ / attach "
        "files as one document of a dossier",
    )
    p.add_argument("code", help="mã hồ sơ")
    p.add_argument("files", nargs="+", metavar="FILE", help="các tệp, theo thứ tự trang")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--item", type=int, metavar="N", help="mục số N của danh mục giấy tờ")
    which.add_argument("--other", action="store_true", help="giấy tờ khác (ngoài danh mục)")
    which.add_argument("--result", action="store_true", help="kết quả giải quyết")
    p.add_argument("--label", default="", help="tên tài liệu (mặc định: tên mục giấy tờ)")

    p = add_command(sub, "attachments", "các tài liệu số hóa của hồ sơ / list", read=True)
    p.add_argument("code", help="mã hồ sơ")
    p.add_argument(
        "--save",
        nargs=2,
        metavar=("ID", "FILE"),
        help="lưu bản PDF ra tệp (tài liệu của quầy khác: tải về từ Cổng, kiểm tra mã băm)",
    )

    p = add_command(
        sub,
        "retry-upload",
        "gửi lại lên Cổng một tài liệu số hóa bị từ chối / retry a rejected upload",
    )
    p.add_argument("id", type=int, help="số của tài liệu (xem 'attachments MÃ')")


@command("attach", permission=HANDLE)
def cmd_attach(args: argparse.Namespace, service: CounterService) -> int:
    row = service.attachments.attach(
        args.code,
        [Path(f) for f in args.files],
        by=args.actor,
        kind="result" if args.result else "submitted",
        item=None if args.other or args.result else args.item,
        label=args.label,
    )
    note = " (đã có từ trước / already attached)" if row["already_attached"] else ""
    print(
        f"{args.code}: #{row['id']} {row['label']} — {row['pages']} trang, {row['bytes']} bytes, "
        f"sha256 {row['sha256']}{note}"
    )
    return EXIT_OK


@command("attachments", permission=READ)
def cmd_attachments(args: argparse.Namespace, service: CounterService) -> int:
    if args.save:
        attachment_id, target = int(args.save[0]), Path(args.save[1])
        if service.attachments.get(attachment_id)["upload_state"] == REMOTE:
            # attached at another counter: downloaded and checked, not kept (a read command)
            from counter_app.sync.attachments import download_remote

            target.write_bytes(download_remote(service, attachment_id))
        else:
            target.write_bytes(service.attachments.open(attachment_id))
        print(f"#{attachment_id} → {target}")
        return EXIT_OK
    rows = service.attachments.list(args.code)
    state = service.attachments.digitisation(args.code)
    lines = [
        f"#{r['id']} [{r['kind']} {r['item'] if r['item'] is not None else '-'}] {r['label']}: "
        f"{r['pages']} trang, {r['bytes']} bytes, {r['upload_state']}"
        for r in rows
    ]
    if state.submitted_done:
        lines.append("Đã số hóa đủ / digitised")
    elif state.missing_items:
        lines.append(f"Chưa số hóa các mục / not digitised: {list(state.missing_items)}")
    else:  # no checklist and no document (services/digitisation.py)
        lines.append("Chưa có tài liệu số hóa nào / no document digitised yet")
    emit(args, {"attachments": rows, "missing_items": list(state.missing_items)}, "\n".join(lines))
    return EXIT_OK


@command("retry-upload", permission=HANDLE)
def cmd_retry_upload(args: argparse.Namespace, service: CounterService) -> int:
    row = service.attachments.retry_upload(args.id, by=args.actor)
    print(f"#{row['id']} {row['label']}: sẽ gửi lại ở lượt đồng bộ sau / queued again")
    return EXIT_OK
