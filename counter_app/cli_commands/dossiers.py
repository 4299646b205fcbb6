"""`counter-app receive`, `import`, `show`, `search` and `status`: dossiers at the counter."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from counter_app.cli import EXIT_INPUT, EXIT_OK, add_command, command, emit, parse_date_arg
from counter_app.domain import clock, limits, values
from counter_app.domain.appointments import format_appointment
from counter_app.domain.residence import full_address
from counter_app.domain.status import STATUS_NAMES, status_name
from counter_app.services import CounterService, InputError, NotFound
from counter_app.services.intake import content_key
from counter_app.services.staff import HANDLE, READ

BACK_ENTRY_HELP = (
    f"nhập bù hồ sơ cũ: cho phép thời điểm nhận trước {limits.RECEIVED_EARLIEST:%d/%m/%Y} "
    '(như "back_entry": true) / back-entry of old dossiers'
)


def register_commands(sub: Any) -> None:
    p = add_command(sub, "receive", "tiếp nhận một hồ sơ từ JSON / receive one dossier", read=True)
    p.add_argument("--json", required=True, metavar="FILE|-", help="tệp JSON hoặc - cho stdin")

    p.add_argument("--back-entry", action="store_true", help=BACK_ENTRY_HELP)

    p = add_command(sub, "import", "tiếp nhận nhiều hồ sơ từ tệp JSONL / receive many", read=True)
    p.add_argument("file", metavar="FILE.jsonl")
    p.add_argument("--back-entry", action="store_true", help=BACK_ENTRY_HELP)

    p = add_command(sub, "show", "xem một hồ sơ / show a dossier", read=True)
    p.add_argument("code", help="mã hồ sơ hoặc UUID")

    p = add_command(sub, "search", "tìm hồ sơ (không dấu, không phân biệt hoa thường)", read=True)
    p.add_argument("text", nargs="?", default="", help="tên, số giấy tờ, điện thoại hoặc mã hồ sơ")
    p.add_argument("--status", type=int, choices=sorted(STATUS_NAMES))
    p.add_argument("--from", dest="date_from", type=parse_date_arg, help="nhận từ ngày")
    p.add_argument("--to", dest="date_to", type=parse_date_arg, help="nhận đến ngày")
    p.add_argument("--procedure", help="mã thủ tục")
    p.add_argument("--overdue", action="store_true", help="chỉ hồ sơ quá hạn")
    p.add_argument("--due-today", action="store_true", help="chỉ hồ sơ hẹn trả hôm nay")
    p.add_argument("--undigitised", action="store_true", help="chỉ hồ sơ chưa số hóa")
    p.add_argument("--limit", type=int, default=50)

    p = add_command(sub, "status", "chuyển trạng thái hồ sơ / change a dossier's status")
    p.add_argument("code")
    p.add_argument("new_status", type=int, metavar="NEW", help="mã trạng thái 1–10")
    p.add_argument(
        "--by", help="tên đăng nhập cán bộ: như --user, phải là người đăng nhập / = --user"
    )
    p.add_argument("--reason", help="lý do (bắt buộc khi từ chối, yêu cầu bổ sung, rút, dừng)")
    p.add_argument("--collected-by", help="họ tên người nhận kết quả (trạng thái 10)")
    p.add_argument("--collected-id", help="số giấy tờ người nhận kết quả")
    p.add_argument(
        "--document",
        action="append",
        metavar="TÊN[:LOẠI[:SỐ]]",
        help="giấy tờ cần bổ sung (trạng thái 5), lặp lại được; LOẠI: original|certified_copy|photocopy",
    )


def _read_json_input(source: str) -> Any:
    """The receive JSON from a file or stdin: bytes, so that non-UTF-8 input is a clear error."""
    try:
        if source == "-":
            stream = getattr(sys.stdin, "buffer", None)
            raw: bytes | str = stream.read() if stream is not None else sys.stdin.read()
        else:
            raw = Path(source).read_bytes()
    except OSError as exc:
        raise InputError("json", f"Không đọc được tệp {source}: {exc.strerror}") from None
    return values.parse_json(raw, "json")


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
        + full_address(applicant["address"], applicant["commune_name"], applicant["province_name"]),
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


@command("receive", permission=HANDLE)
def cmd_receive(args: argparse.Namespace, service: CounterService) -> int:
    data = _as_signed_in(_read_json_input(args.json), args.actor)
    if args.back_entry and isinstance(data, dict):
        data["back_entry"] = True
    result = service.intake.receive(data)
    if result.already_received:
        print(_already_received_text(result), file=sys.stderr)
    _print_received(args, result)
    return EXIT_OK


def _already_received_text(result: Any) -> str:
    return f"Đã tiếp nhận trước đó / already received: {result.dossier['code']}"


def _import_lines(source: str) -> list[bytes]:
    try:
        if source == "-":
            stream = getattr(sys.stdin, "buffer", None)
            raw = stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
        else:
            raw = Path(source).read_bytes()
    except OSError as exc:
        raise InputError("file", f"Không đọc được tệp {source}: {exc.strerror}") from None
    return raw.split(b"\n")


@command("import", permission=HANDLE)
def cmd_import(args: argparse.Namespace, service: CounterService) -> int:
    """Receive every line of a JSONL file; a bad line is reported and skipped, never half-saved.

    Each line is received under its client reference, or else its content key: a second run
    of the same file reports its lines as already received, with their codes."""
    failures = received = already = 0
    seen: dict[str, int] = {}
    for number, line in enumerate(_import_lines(args.file), 1):
        if not line.strip():
            continue
        try:
            data = _as_signed_in(values.parse_json(line, "json"), args.actor)
            key = content_key(data, seen.setdefault(_canonical(data), 0) + 1)
            seen[_canonical(data)] += 1
            if args.back_entry and isinstance(data, dict):
                data["back_entry"] = True
            result = service.intake.receive(data, content_key=key)
        except (InputError, NotFound) as exc:
            failures += 1
            print(f"dòng {number}: {exc}", file=sys.stderr)
            continue
        if result.already_received:
            already += 1
            print(f"dòng {number}: {_already_received_text(result)}", file=sys.stderr)
        else:
            received += 1
        if args.format != "json":
            print(f"{result.dossier['code']}\t{result.dossier['due_at']}")
    print(
        f"Đã tiếp nhận {received} hồ sơ, {already} dòng đã tiếp nhận trước đó, {failures} dòng lỗi",
        file=sys.stderr,
    )
    return EXIT_INPUT if failures else EXIT_OK


def _as_signed_in(data: Any, actor: str) -> Any:
    """The receiving officer is the signed-in one: filled in when the JSON has none,
    refused when it names someone else (never a made-up or borrowed name)."""
    if not isinstance(data, dict):
        return data
    named = data.get("officer")
    if named in (None, ""):
        return {**data, "officer": actor}
    if not isinstance(named, str) or named.strip().lower() != actor:
        raise InputError(
            "officer",
            f"{str(named)[:40]!r} khác người đăng nhập {actor}: hồ sơ được ghi tên "
            "người đăng nhập / the officer must be the signed-in user",
        )
    return data


def _canonical(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=True)


@command("show", permission=READ)
def cmd_show(args: argparse.Namespace, service: CounterService) -> int:
    dossier = service.dossiers.get(args.code)
    emit(args, dossier, format_dossier(dossier))
    return EXIT_OK


@command("search", permission=READ)
def cmd_search(args: argparse.Namespace, service: CounterService) -> int:
    rows = service.search.dossiers(
        args.text or "",
        status=args.status,
        date_from=args.date_from,
        date_to=args.date_to,
        procedure=args.procedure,
        overdue=args.overdue,
        due_today=args.due_today,
        undigitised=args.undigitised,
        limit=args.limit,
    )
    text = "\n".join(
        f"{r['code']}  {r['full_name']:<28} {r['procedure_code']}  {(r['received_at'] or '—')[:16]}  "
        f"hẹn {(r['due_at'] or '—')[:16]}  [{r['status']}] {status_name(r['status'])}  "
        f"số hóa: {digitised_text(r)}"
        for r in rows
    )
    emit(args, rows, text or "Không có hồ sơ nào phù hợp.")
    return EXIT_OK


def digitised_text(row: dict[str, Any]) -> str:
    """'đủ', 'thiếu n' or '—' (not asked of it: online, or never received)."""
    if not row["digitisation_applies"]:
        return "—"
    return "đủ" if row["missing_documents"] == 0 else f"thiếu {row['missing_documents']}"


@command("status", permission=HANDLE)
def cmd_status(args: argparse.Namespace, service: CounterService) -> int:
    dossier = service.dossiers.change_status(
        args.code,
        args.new_status,
        by=args.actor,
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
