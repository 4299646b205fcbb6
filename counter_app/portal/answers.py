"""The declared shape of every portal answer, checked before anything uses it.

One schema per answer (login, push results, catalogue, holidays, changes feed) and per item
of the lists the portal sends (a procedure, a day off, a change). A schema is a small typed
validator: it returns nothing and raises `AnswerError` naming the path of the first value
that does not fit. The client checks whole answers (an answer that fails is a portal error);
sync checks each item, so one bad item is set aside (quarantined) and never stops the rest.
"""

from __future__ import annotations

import base64
import binascii
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from counter_app.domain.status import Status

Check = Callable[[Any, str], None]

PORTAL_DATE = "%Y%m%d%H%M%S"
MAX_TEXT = 2000
MAX_CODE = 200
MAX_TOKEN = 4096
MAX_AMOUNT = 2**53  # money in đồng: far above any fee, below what JSON numbers keep exactly
MAX_COUNT = 10_000
MAX_ITEMS = 10_000  # per list inside one item (fees, documents, ids…)
MAX_TOKEN_LIFETIME = 30 * 24 * 3600
STATUS_CODES = frozenset(int(s) for s in Status)
ID_TYPE_CODES = frozenset({1, 2, 3})
DOC_KIND_CODES = frozenset({1, 2, 3})
CHANNEL_CODES = frozenset({1, 2, 3})
RETURN_METHOD_CODES = frozenset({1, 2})
RESULT_STATUSES = frozenset({"ok", "exists", "rejected", "conflict"})
CHANGE_TYPES = ("status", "online_dossier", "dossier")


class AnswerError(ValueError):
    """A portal answer, or one item of it, does not have its declared shape."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def _name(value: Any) -> str:
    return "null" if value is None else type(value).__name__


# ---- value checks -------------------------------------------------------------------------


def text(*, max_length: int = MAX_TEXT, required: bool = False) -> Check:
    def check(value: Any, path: str) -> None:
        if not isinstance(value, str):
            raise AnswerError(path, f"must be text, got {_name(value)}")
        if required and not value.strip():
            raise AnswerError(path, "must not be empty")
        if len(value) > max_length:
            raise AnswerError(path, f"is longer than {max_length} characters")
        if "\x00" in value:
            raise AnswerError(path, "contains a NUL character")

    return check


def integer(low: int, high: int) -> Check:
    def check(value: Any, path: str) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise AnswerError(path, f"must be a whole number, got {_name(value)}")
        if not low <= value <= high:
            raise AnswerError(path, f"must be from {low} to {high}, got {value}")

    return check


def one_of(allowed: frozenset[Any]) -> Check:
    def check(value: Any, path: str) -> None:
        if isinstance(value, bool) or not isinstance(value, int | str) or value not in allowed:
            raise AnswerError(path, f"must be one of {sorted(allowed)}, got {value!r:.60}")

    return check


def boolean(value: Any, path: str) -> None:
    if not isinstance(value, bool):
        raise AnswerError(path, f"must be true or false, got {_name(value)}")


def seconds(value: Any, path: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise AnswerError(path, f"must be a number of seconds, got {value!r:.60}")
    if not 0 < value <= MAX_TOKEN_LIFETIME:
        raise AnswerError(path, f"must be from 1 to {MAX_TOKEN_LIFETIME} seconds")


def portal_date(value: Any, path: str) -> None:
    """yyyyMMddHHmmss; an empty string means "no date"."""
    text(max_length=14)(value, path)
    if value == "":
        return
    try:
        moment = datetime.strptime(value, PORTAL_DATE)
    except ValueError:
        raise AnswerError(path, f"must be a date yyyyMMddHHmmss, got {value!r}") from None
    if not 2000 <= moment.year <= 2100:
        raise AnswerError(path, f"year {moment.year} is outside 2000–2100")


def iso_day(value: Any, path: str) -> None:
    text(max_length=10)(value, path)
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise AnswerError(path, f"must be a day YYYY-MM-DD, got {value!r}") from None
    if not 2000 <= day.year <= 2100:
        raise AnswerError(path, f"year {day.year} is outside 2000–2100")


def birth_day(value: Any, path: str) -> None:
    """yyyyMMdd; an empty string means "not known"."""
    text(max_length=8)(value, path)
    if value == "":
        return
    try:
        if len(value) != 8 or not value.isdigit():
            raise ValueError(value)
        day = datetime.strptime(value, "%Y%m%d")
    except ValueError:
        raise AnswerError(path, f"must be a day yyyyMMdd, got {value!r}") from None
    if not 1850 <= day.year <= 2100:
        raise AnswerError(path, f"year {day.year} is outside 1850–2100")


def code_day(value: Any, path: str) -> None:
    """The yyMMdd part of a dossier code."""
    if not (isinstance(value, str) and len(value) == 6 and value.isdigit()):
        raise AnswerError(path, f"must be a day yyMMdd, got {value!r:.40}")


def list_of(item: Check, *, max_items: int = MAX_ITEMS) -> Check:
    def check(value: Any, path: str) -> None:
        if not isinstance(value, list):
            raise AnswerError(path, f"must be a list, got {_name(value)}")
        if len(value) > max_items:
            raise AnswerError(path, f"has more than {max_items} items")
        for index, element in enumerate(value):
            item(element, f"{path}[{index}]")

    return check


def nullable(inner: Check) -> Check:
    """`inner`, or null (the portal leaves optional values out or sends null)."""

    def check(value: Any, path: str) -> None:
        if value is not None:
            inner(value, path)

    return check


@dataclass(frozen=True)
class Field:
    check: Check
    required: bool = False


def obj(fields: Mapping[str, Field]) -> Check:
    """A JSON object with the declared fields; keys it does not declare pass unchecked."""

    def check(value: Any, path: str) -> None:
        if not isinstance(value, dict):
            raise AnswerError(path, f"must be an object, got {_name(value)}")
        for name, declared in fields.items():
            where = f"{path}.{name}" if path else name
            if name not in value:
                if declared.required:
                    raise AnswerError(where, "is missing")
                continue
            declared.check(value[name], where)

    return check


def required(check: Check) -> Field:
    return Field(check, required=True)


def optional(check: Check) -> Field:
    return Field(nullable(check))


# ---- the declared answers -----------------------------------------------------------------

LOGIN = obj(
    {"token": required(text(max_length=MAX_TOKEN, required=True)), "expires_in": optional(seconds)}
)

PUSH_RESULT = obj(
    {
        "status": required(one_of(RESULT_STATUSES)),
        "MaHoSo": optional(text(max_length=MAX_CODE)),
        "message": optional(text()),
        "version": optional(integer(0, 2**53)),
        # "ok": the record's carried progress step is held with it (anything else, or
        # nothing: not held, sync sends the step on its own)
        "BuocXuLy": optional(text(max_length=50)),
    }
)

_FEE = obj(
    {
        "MaPhiLePhi": optional(text(max_length=MAX_CODE)),
        "TenPhiLePhi": optional(text()),
        "Gia": optional(integer(0, MAX_AMOUNT)),
    }
)
PROCEDURE = obj(
    {
        "MaTTHC": required(text(max_length=MAX_CODE, required=True)),
        "TenTTHC": optional(text()),
        "MaLinhVuc": optional(text(max_length=MAX_CODE)),
        "TenLinhVuc": optional(text()),
        "ThoiHanGiaiQuyet": optional(integer(0, 10_000)),
        "DonViThoiHan": optional(text(max_length=MAX_CODE)),
        "GioChotTrongNgay": optional(text(max_length=MAX_CODE)),  # "HH:MM", parsed later
        "DanhSachLePhi": optional(list_of(_FEE)),
        "ThanhPhanHoSo": optional(
            list_of(
                obj(
                    {
                        "TenGiayTo": optional(text()),
                        "LoaiGiayTo": optional(text(max_length=MAX_CODE)),
                        "SoLuong": optional(integer(1, MAX_COUNT)),
                    }
                )
            )
        ),
        "KetQua": optional(list_of(text())),
        "KenhThucHien": optional(list_of(one_of(CHANNEL_CODES))),
    }
)
# Items are checked one by one (PROCEDURE), so one bad procedure is named, not the answer.
CATALOGUE_ANSWER = obj(
    {
        "version": optional(text(max_length=MAX_CODE)),
        "data": required(list_of(lambda _value, _path: None, max_items=100_000)),
    }
)

HOLIDAY = obj({"date": required(iso_day), "working": required(boolean), "note": optional(text())})
HOLIDAYS_ANSWER = obj({"data": required(list_of(lambda _value, _path: None, max_items=10_000))})

CHANGES_PAGE = obj(
    {
        "changes": required(list_of(lambda _value, _path: None, max_items=100_000)),
        "cursor": required(text(max_length=MAX_CODE, required=True)),
        "has_more": required(boolean),
    }
)

COUNTER_NUMBER = integer(1, 9)
STATUS_CHANGE = obj(
    {
        "type": required(one_of(frozenset({"status"}))),
        "MaQuay": optional(COUNTER_NUMBER),
        "MaHoSo": required(text(max_length=MAX_CODE, required=True)),
        "TrangThaiHoSo": required(one_of(STATUS_CODES)),
        "NgayTra": optional(portal_date),
        "changed_at": optional(portal_date),
        "version": optional(integer(0, 2**53)),
    }
)
ONLINE_RECORD = obj(
    {
        "Uuid": required(text(max_length=MAX_CODE, required=True)),
        "MaHoSo": required(text(max_length=MAX_CODE, required=True)),
        "MaTTHC": optional(text(max_length=MAX_CODE)),
        "TenTTHC": optional(text()),
        "MaLinhVuc": optional(text(max_length=MAX_CODE)),
        "TenLinhVuc": optional(text()),
        "ChuHoSo": optional(text(max_length=200)),
        "SoDienThoai": optional(text(max_length=50)),
        "Email": optional(text(max_length=254)),
        "NgayTiepNhan": optional(portal_date),
        "NgayHenTra": optional(portal_date),
        "HinhThuc": optional(one_of(RETURN_METHOD_CODES)),
        "NgaySinhChuHoSo": optional(birth_day),
        "GioiTinhChuHoSo": optional(text(max_length=50)),
        "DiaChiChuHoSo": optional(text()),
        "MaXaChuHoSo": optional(nullable(integer(1, 10**9))),
        "MaTinhChuHoSo": optional(nullable(integer(1, 10**9))),
        "DinhDanhCHS": optional(
            list_of(
                obj(
                    {
                        "LoaiDinhDanh": optional(one_of(ID_TYPE_CODES)),
                        "SoDinhDanh": optional(text(max_length=50)),
                    }
                )
            )
        ),
        "DanhSachLePhi": optional(list_of(_FEE)),
        "DanhSachTepDinhKemKhac": optional(
            list_of(
                obj(
                    {
                        "TenGiayTo": optional(text()),
                        "SoLuong": optional(integer(1, MAX_COUNT)),
                        "LoaiGiayTo": optional(one_of(DOC_KIND_CODES)),
                    }
                )
            )
        ),
    }
)
ONLINE_DOSSIER_CHANGE = obj(
    {
        "type": required(one_of(frozenset({"online_dossier"}))),
        "dossier": required(ONLINE_RECORD),
        "version": optional(integer(0, 2**53)),
    }
)
HIGHEST_CODES = obj(
    {
        "data": required(
            list_of(
                obj({"Ngay": required(code_day), "SoThuTu": required(integer(0, 999))}),
                max_items=100_000,
            )
        )
    }
)
# A counter's dossier as the centre's feed carries it: the online record's fields, plus the
# status and the dates every counter's register shows.
# An attached file as a dossier record's lists name it (docs/portal-contract.md, "Attachments"):
# the portal's fields, plus what another counter needs to record and later check it; without
# KichThuoc and sha256 a counter cannot verify a download, so it skips such an item.
ATTACHMENT_ITEM = obj(
    {
        "TenGiayTo": optional(text()),
        "MaTep": required(text(max_length=MAX_CODE, required=True)),
        "TenTep": optional(text()),
        "KichThuoc": optional(integer(1, 2**53)),
        "sha256": optional(lambda value, path: sha256_hex(value, path)),
        "ViTriGiayTo": optional(integer(0, MAX_COUNT)),
        "SoTrang": optional(integer(0, MAX_COUNT)),
    }
)
ATTACHMENT_LISTS = ("DanhSachTepDinhKem", "DanhSachGiayToKetQua")  # submitted, results
# A carried list is complete for its dossier (a file it does not name is withdrawn at the
# other counters), so a list of the wrong shape quarantines the whole item: never a guess.
# Null is the list not carried. Far above what the counters of one centre attach to a dossier.
MAX_ATTACHMENT_ITEMS = 1000
CENTRE_RECORD = obj(
    {
        "TrangThaiHoSo": required(one_of(STATUS_CODES)),
        "KenhThucHien": optional(one_of(CHANNEL_CODES)),
        "NgayTra": optional(portal_date),
        **{
            name: optional(list_of(ATTACHMENT_ITEM, max_items=MAX_ATTACHMENT_ITEMS))
            for name in ATTACHMENT_LISTS
        },
    }
)
DOSSIER_CHANGE = obj(
    {
        "type": required(one_of(frozenset({"dossier"}))),
        "MaHoSo": required(text(max_length=MAX_CODE, required=True)),
        "dossier": required(
            lambda value, path: (ONLINE_RECORD(value, path), CENTRE_RECORD(value, path))
        ),
        "version": required(integer(1, 2**53)),
        "MaQuay": optional(COUNTER_NUMBER),
        "QuayTiepNhan": optional(COUNTER_NUMBER),
        "changed_at": optional(portal_date),
    }
)
CHANGE_BY_TYPE: dict[str, Check] = {
    "status": STATUS_CHANGE,
    "online_dossier": ONLINE_DOSSIER_CHANGE,
    "dossier": DOSSIER_CHANGE,
}
# What the portal holds now, sent with a `conflict` push result (a change based on an old
# version): checked as the feed's dossier change is, so the clash can be shown and settled.
CONFLICT_CURRENT = obj(
    {
        "version": required(integer(1, 2**53)),
        "QuayTiepNhan": optional(COUNTER_NUMBER),
        "NguoiXuLy": optional(text()),
        "ThoiDiemXuLy": optional(portal_date),
        "dossier": required(
            lambda value, path: (ONLINE_RECORD(value, path), CENTRE_RECORD(value, path))
        ),
    }
)
REGISTER_COUNTER = obj(
    {"status": required(one_of(frozenset({"ok", "taken"}))), "message": optional(text())}
)


def sha256_hex(value: Any, path: str) -> None:
    if not isinstance(value, str) or len(value) != 64 or value.strip("0123456789abcdef"):
        raise AnswerError(path, f"must be 64 lowercase hex digits, got {_name(value)}")


# LayNeoNhatKy: the audit heads the portal stored for a counter, oldest first.
AUDIT_HEADS = obj(
    {
        "data": required(
            list_of(
                obj(
                    {
                        "id": required(integer(1, 2**53)),
                        "hash": required(sha256_hex),
                        "at": optional(text()),
                    }
                ),
                max_items=100_000,
            )
        )
    }
)


# Attachments (issue 16): the state of an upload (BatDauTaiTep, LayViTriTaiTep), a chunk's
# answer (TaiPhanTep), the commit's answer (HoanTatTaiTep). Offsets are checked against the
# size the client declared, so a wrong offset is an error, never a silent skip or repeat.
MAX_UPLOAD_BYTES = 2**53
CHUNK_STATUSES = frozenset({"ok", "offset_mismatch", "checksum_mismatch"})
UPLOAD_STATE = obj(
    {
        "upload_id": required(text(max_length=MAX_CODE, required=True)),
        "offset": required(integer(0, MAX_UPLOAD_BYTES)),
        "size": required(integer(1, MAX_UPLOAD_BYTES)),
        "complete": required(boolean),
        "MaTep": optional(text(max_length=MAX_CODE, required=True)),
        "chunk_size_max": optional(integer(1, MAX_UPLOAD_BYTES)),
    }
)
CHUNK_ANSWER = obj(
    {
        "upload_id": required(text(max_length=MAX_CODE, required=True)),
        "offset": required(integer(0, MAX_UPLOAD_BYTES)),
        "status": required(one_of(CHUNK_STATUSES)),
        "message": optional(text()),
    }
)
MAX_DOWNLOAD_TEXT = 8 * 1024 * 1024  # base64 of a piece (the stand-in sends 4 MB at most)
# TaiTep: one piece of a committed file, base64 in `data`, with the whole file's size and hash.
DOWNLOAD_CHUNK = obj(
    {
        "MaTep": required(text(max_length=MAX_CODE, required=True)),
        "KichThuoc": required(integer(1, MAX_UPLOAD_BYTES)),
        "sha256": required(sha256_hex),
        "offset": required(integer(0, MAX_UPLOAD_BYTES)),
        "data": required(text(max_length=MAX_DOWNLOAD_TEXT)),
    }
)
UPLOAD_COMMIT = obj(
    {
        "upload_id": required(text(max_length=MAX_CODE, required=True)),
        "MaTep": required(text(max_length=MAX_CODE, required=True)),
        "KichThuoc": required(integer(1, MAX_UPLOAD_BYTES)),
        "sha256": required(sha256_hex),
    }
)


# ---- entry points -------------------------------------------------------------------------


def check_login(data: Any) -> None:
    LOGIN(data, "")


def check_push_results(data: Any, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The per-record results (PUSH_RESULT), one per record in their order, each for its own
    dossier."""
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, list) or len(results) != len(records):
        count = len(results) if isinstance(results, list) else "no"
        raise AnswerError("results", f"{count} results for {len(records)} records")
    for index, (result, record) in enumerate(zip(results, records, strict=True)):
        path = f"results[{index}]"
        if not isinstance(result, dict) or not isinstance(result.get("status"), str):
            raise AnswerError(path, f"result {index} has no valid status")
        try:
            PUSH_RESULT(result, path)
        except AnswerError as error:
            raise AnswerError(
                error.path, f"result {index} has no valid status or message ({error.problem})"
            ) from None
        sent_code = record.get("MaHoSo") if isinstance(record, dict) else None
        if isinstance(sent_code, str) and sent_code and result.get("MaHoSo") != sent_code:
            # Never attribute a result to the wrong dossier.
            raise AnswerError(
                f"{path}.MaHoSo",
                f"result {index} is for {result.get('MaHoSo')!r:.60}, not {sent_code!r}",
            )
    return results


def check_conflict_current(data: Any, index: int) -> None:
    CONFLICT_CURRENT(data, f"results[{index}].current")


def check_register_counter(data: Any) -> None:
    REGISTER_COUNTER(data, "")


def check_catalogue(data: Any) -> None:
    CATALOGUE_ANSWER(data, "")


def check_procedure(item: Any, index: int) -> None:
    PROCEDURE(item, f"data[{index}]")


def check_procedure_answer(data: Any) -> None:
    """LayThuTuc: {"data": procedure}."""
    obj({"data": required(PROCEDURE)})(data, "")


def check_highest_codes(data: Any) -> dict[str, int]:
    """LayMaHoSoCaoNhat: {yyMMdd: highest daily sequence} of one counter's codes."""
    HIGHEST_CODES(data, "")
    highest: dict[str, int] = {}
    for item in data["data"]:
        highest[item["Ngay"]] = max(highest.get(item["Ngay"], 0), item["SoThuTu"])
    return highest


def check_audit_heads(data: Any) -> list[dict[str, Any]]:
    """LayNeoNhatKy: [{"id", "hash", "at"}, …] oldest first."""
    AUDIT_HEADS(data, "")
    return [dict(item) for item in data["data"]]


def check_holidays(data: Any) -> None:
    HOLIDAYS_ANSWER(data, "")


def check_holiday(item: Any, index: int) -> None:
    HOLIDAY(item, f"data[{index}]")


def check_changes_page(data: Any) -> None:
    CHANGES_PAGE(data, "")


def check_change(item: Any, index: int) -> None:
    """One item of the changes feed: a status change or an online dossier."""
    path = f"changes[{index}]"
    if not isinstance(item, dict):
        raise AnswerError(path, f"must be an object, got {_name(item)}")
    kind = item.get("type")
    schema = CHANGE_BY_TYPE.get(kind) if isinstance(kind, str) else None
    if schema is None:
        raise AnswerError(f"{path}.type", f"must be one of {list(CHANGE_TYPES)}, got {kind!r:.60}")
    schema(item, path)


def item_key(item: Any) -> str:
    """What a person would look a quarantined item up by: its dossier code or day, if any."""
    if not isinstance(item, dict):
        return ""
    for candidate in (item.get("MaHoSo"), item.get("MaTTHC"), item.get("date")):
        if isinstance(candidate, str):
            return candidate[:MAX_CODE]
    dossier = item.get("dossier")
    if isinstance(dossier, dict) and isinstance(dossier.get("MaHoSo"), str):
        return dossier["MaHoSo"][:MAX_CODE]
    return ""


def _same(path: str, got: Any, expected: Any) -> None:
    if got != expected:
        raise AnswerError(path, f"is {got!r:.80}, not {expected!r:.80}")


def check_upload_state(data: Any, *, size: int, upload_id: str | None = None) -> dict[str, Any]:
    """BatDauTaiTep / LayViTriTaiTep: {"upload_id", "offset", "size", "complete", "MaTep",
    "chunk_size_max"} of an upload of `size` bytes (and of `upload_id`, once known)."""
    UPLOAD_STATE(data, "")
    _same("size", data["size"], size)
    if upload_id is not None:
        _same("upload_id", data["upload_id"], upload_id)
    if data["offset"] > size:
        raise AnswerError("offset", f"{data['offset']} is beyond the file's {size} bytes")
    if data["complete"]:
        if data.get("MaTep") is None:
            raise AnswerError("MaTep", "is missing from a complete upload")
        _same("offset", data["offset"], size)
    return data


def check_chunk_answer(
    data: Any, *, upload_id: str, size: int, offset: int, length: int
) -> tuple[str, int]:
    """TaiPhanTep: (status, the portal's offset now) for `length` bytes sent at `offset`.

    `ok` must move the offset exactly past the chunk; a refused chunk answers where the
    upload stands, which is never beyond the file."""
    CHUNK_ANSWER(data, "")
    _same("upload_id", data["upload_id"], upload_id)
    status, now = data["status"], data["offset"]
    if now > size:
        raise AnswerError("offset", f"{now} is beyond the file's {size} bytes")
    if status == "ok":
        _same("offset", now, offset + length)
    return status, now


def check_download_chunk(
    data: Any, *, file_ref: str, offset: int, size: int | None = None
) -> tuple[int, str, bytes]:
    """TaiTep: (the file's size, its sha256, the bytes at `offset`), never past the file."""
    DOWNLOAD_CHUNK(data, "")
    _same("MaTep", data["MaTep"], file_ref)
    _same("offset", data["offset"], offset)
    if size is not None:
        _same("KichThuoc", data["KichThuoc"], size)
    try:
        piece = base64.b64decode(data["data"], validate=True)
    except (ValueError, binascii.Error):
        raise AnswerError("data", "is not base64") from None
    if offset + len(piece) > data["KichThuoc"]:
        raise AnswerError("data", f"runs past the file's {data['KichThuoc']} bytes")
    return data["KichThuoc"], data["sha256"], piece


def check_upload_commit(data: Any, *, upload_id: str, size: int, sha256: str) -> str:
    """HoanTatTaiTep: the file's reference (MaTep), for the very file that was declared."""
    UPLOAD_COMMIT(data, "")
    _same("upload_id", data["upload_id"], upload_id)
    _same("KichThuoc", data["KichThuoc"], size)
    _same("sha256", data["sha256"], sha256)
    return data["MaTep"]
