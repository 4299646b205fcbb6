"""Per-record validation of portal payloads, with specific Vietnamese messages.

Each validator returns a list of messages; an empty list means the record is acceptable.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Container
from datetime import datetime
from typing import Any

PORTAL_DATE_FORMAT = "%Y%m%d%H%M%S"
STATUS_CODES = range(1, 11)
FINAL_STATUSES = frozenset({3, 7, 10})
CHANNEL_CODES = (1, 2, 3)  # in person, online, post
SUBJECT_TYPES = (1, 2)  # citizen, business
RETURN_METHODS = (1, 2)  # at the counter, by post
ID_TYPES = (1, 2, 3)  # CCCD, CMND, passport
DOCUMENT_KINDS = (1, 2, 3)  # original, certified copy, photocopy
DOCUMENT_KIND_NAMES = ("original", "certified_copy", "photocopy")

_DIGITS_14 = re.compile(r"^\d{14}$")
_DOSSIER_CODE = re.compile(r"^(?P<unit>.+)-(?P<day>\d{6})-(?P<seq>\d{4})$")
_PROCEDURE_CODE = re.compile(r"^\d\.\d{6}$")
_PHONE = re.compile(r"^\+?\d{9,12}$")
_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PASSPORT = re.compile(r"^[A-Z0-9]{6,12}$")

DOSSIER_TEXT_FIELDS = (
    "TenTTHC",
    "MaLinhVuc",
    "TenLinhVuc",
    "ChuHoSo",
    "MaDoiTuong",
    "SoDienThoai",
    "Email",
    "TrichYeuHoSo",
    "NgaySinhChuHoSo",
    "GioiTinhChuHoSo",
    "DiaChiChuHoSo",
)
MAX_TEXT_LENGTH = 2000
# Attached files, each naming a committed upload (MaTep): submitted documents, results.
ATTACHMENT_LISTS = ("DanhSachTepDinhKem", "DanhSachGiayToKetQua")


def parse_portal_date(value: Any) -> datetime | None:
    """A `yyyyMMddHHmmss` string as a naive Vietnam time, or None when it is not one."""
    if not isinstance(value, str) or not _DIGITS_14.match(value):
        return None
    try:  # by hand: strptime costs a third of a 500-dossier batch
        return datetime(
            int(value[0:4]),
            int(value[4:6]),
            int(value[6:8]),
            int(value[8:10]),
            int(value[10:12]),
            int(value[12:14]),
        )
    except ValueError:
        return None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _date_field(
    record: dict[str, Any], name: str, errors: list[str], *, required: bool
) -> datetime | None:
    value = record.get(name)
    if _blank(value):
        if required:
            errors.append(f"Thiếu {name}")
        return None
    moment = parse_portal_date(value)
    if moment is None:
        errors.append(f"{name} phải có dạng yyyyMMddHHmmss, nhận được {value!r}")
    return moment


def _code_field(
    record: dict[str, Any],
    name: str,
    allowed: tuple[int, ...],
    errors: list[str],
    *,
    required: bool,
) -> int | None:
    value = record.get(name)
    if value is None or value == "":
        if required:
            errors.append(f"Thiếu {name}")
        return None
    if not _is_int(value) or value not in allowed:
        choices = ", ".join(str(code) for code in allowed)
        errors.append(f"{name} phải là một trong các số {choices}, nhận được {value!r}")
        return None
    return value


def _list_field(record: dict[str, Any], name: str, errors: list[str]) -> list[Any]:
    value = record.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        errors.append(f"{name} phải là danh sách")
        return []
    return value


def validate_dossier(
    record: Any, procedure_codes: Container[str], file_refs: Container[str] = frozenset()
) -> list[str]:
    """Messages for everything wrong with one DongBoHoSoMC record (empty list: valid).

    `file_refs` are the committed files (MaTep) the attachment lists may name."""
    if not isinstance(record, dict):
        return ["Hồ sơ phải là một đối tượng JSON"]
    errors: list[str] = []

    unit_code = record.get("MaDonVi")
    if _blank(unit_code) or not isinstance(unit_code, str):
        errors.append("Thiếu MaDonVi")
        unit_code = None

    code = record.get("MaHoSo")
    if _blank(code) or not isinstance(code, str):
        errors.append("Thiếu MaHoSo")
    else:
        match = _DOSSIER_CODE.match(code)
        shape = f"{unit_code or '{MaDonVi}'}-yyMMdd-NNNN"
        if not match or (unit_code and match["unit"] != unit_code):
            errors.append(f"MaHoSo {code} không đúng dạng {shape}")
        else:
            day = match["day"]
            try:
                datetime(2000 + int(day[0:2]), int(day[2:4]), int(day[4:6]))
            except ValueError:
                errors.append(f"MaHoSo {code} có ngày tiếp nhận {day} không hợp lệ")

    internal_id = record.get("Uuid")
    if _blank(internal_id):
        errors.append("Thiếu Uuid")
    else:
        try:
            uuid.UUID(str(internal_id))
        except ValueError:
            errors.append(f"Uuid {internal_id!r} không phải UUID hợp lệ")

    procedure = record.get("MaTTHC")
    if _blank(procedure):
        errors.append("Thiếu MaTTHC")
    elif not isinstance(procedure, str) or not _PROCEDURE_CODE.match(procedure):
        errors.append(f"MaTTHC {procedure!r} không đúng dạng d.dddddd")
    elif procedure not in procedure_codes:
        errors.append(f"MaTTHC {procedure} không có trong danh mục")

    for name in DOSSIER_TEXT_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            errors.append(f"{name} phải là chuỗi ký tự")
        elif isinstance(value, str) and len(value) > MAX_TEXT_LENGTH:
            errors.append(f"{name} dài quá {MAX_TEXT_LENGTH} ký tự")
    for name in ("TenTTHC", "ChuHoSo"):
        if _blank(record.get(name)):
            errors.append(f"Thiếu {name}")

    phone = record.get("SoDienThoai")
    if isinstance(phone, str) and phone.strip():
        if not _PHONE.match(_PHONE_SEPARATORS.sub("", phone)):
            errors.append(f"SoDienThoai {phone!r} không hợp lệ")
    email = record.get("Email")
    if isinstance(email, str) and email.strip() and not _EMAIL.match(email.strip()):
        errors.append(f"Email {email!r} không hợp lệ")

    _code_field(record, "KenhThucHien", CHANNEL_CODES, errors, required=True)
    _code_field(record, "LoaiDoiTuong", SUBJECT_TYPES, errors, required=True)
    _code_field(record, "HinhThuc", RETURN_METHODS, errors, required=False)
    status = _code_field(record, "TrangThaiHoSo", tuple(STATUS_CODES), errors, required=True)

    # Status 1 (registered online, not yet received) has no reception yet; a dossier refused (3)
    # or sent back for completion (5) before it was received has no appointment (NgayHenTra).
    received = _date_field(record, "NgayTiepNhan", errors, required=status not in (None, 1))
    due = _date_field(record, "NgayHenTra", errors, required=status not in (None, 1, 3, 5))
    returned = _date_field(record, "NgayTra", errors, required=status == 10)
    if received and due and due < received:
        errors.append("NgayHenTra không được trước NgayTiepNhan")
    if received and returned and returned < received:
        errors.append("NgayTra không được trước NgayTiepNhan")

    for index, item in enumerate(_list_field(record, "DinhDanhCHS", errors), start=1):
        errors.extend(_identity_errors(index, item))
    for index, item in enumerate(_list_field(record, "DanhSachLePhi", errors), start=1):
        errors.extend(_fee_errors(index, item))
    for index, item in enumerate(_list_field(record, "DanhSachTepDinhKemKhac", errors), start=1):
        errors.extend(_document_errors(index, item))
    for name in ATTACHMENT_LISTS:
        for index, item in enumerate(_list_field(record, name, errors), start=1):
            errors.extend(_attachment_errors(name, index, item, file_refs))
    return errors


def referenced_files(records: list[Any]) -> set[str]:
    """Every file reference (MaTep) the records' attachment lists name."""
    refs: set[str] = set()
    for record in records:
        if not isinstance(record, dict):
            continue
        for name in ATTACHMENT_LISTS:
            items = record.get(name)
            if isinstance(items, list):
                refs.update(
                    item["MaTep"]
                    for item in items
                    if isinstance(item, dict) and isinstance(item.get("MaTep"), str)
                )
    return refs


def _attachment_errors(name: str, index: int, item: Any, file_refs: Container[str]) -> list[str]:
    where = f"{name}[{index}]"
    if not isinstance(item, dict):
        return [f"{where} phải là đối tượng JSON"]
    errors = []
    if _blank(item.get("TenGiayTo")) or not isinstance(item.get("TenGiayTo"), str):
        errors.append(f"Thiếu {where}.TenGiayTo")
    file_name = item.get("TenTep")
    if file_name is not None and not isinstance(file_name, str):
        errors.append(f"{where}.TenTep phải là chuỗi ký tự")
    ref = item.get("MaTep")
    if _blank(ref) or not isinstance(ref, str):
        errors.append(f"Thiếu {where}.MaTep (mã tệp do Cổng cấp khi hoàn tất tải lên)")
    elif ref not in file_refs:
        errors.append(
            f"{where}.MaTep {ref[:60]} không có trên Cổng (tệp chưa được tải lên hoặc chưa "
            "hoàn tất tải lên)"
        )
    return errors


def _identity_errors(index: int, item: Any) -> list[str]:
    where = f"DinhDanhCHS[{index}]"
    if not isinstance(item, dict):
        return [f"{where} phải là đối tượng JSON"]
    kind = item.get("LoaiDinhDanh")
    number = item.get("SoDinhDanh")
    if not _is_int(kind) or kind not in ID_TYPES:
        return [f"{where}.LoaiDinhDanh phải là 1 (CCCD), 2 (CMND) hoặc 3 (hộ chiếu)"]
    if _blank(number) or not isinstance(number, str):
        return [f"Thiếu {where}.SoDinhDanh"]
    if kind == 1 and not re.fullmatch(r"\d{12}", number):
        return [f"{where}: số CCCD {number} phải gồm 12 chữ số"]
    if kind == 2 and not re.fullmatch(r"\d{9}|\d{12}", number):
        return [f"{where}: số CMND {number} phải gồm 9 hoặc 12 chữ số"]
    if kind == 3 and not _PASSPORT.match(number):
        return [f"{where}: số hộ chiếu {number} không hợp lệ"]
    return []


def _fee_errors(index: int, item: Any) -> list[str]:
    where = f"DanhSachLePhi[{index}]"
    if not isinstance(item, dict):
        return [f"{where} phải là đối tượng JSON"]
    errors = []
    if _blank(item.get("TenPhiLePhi")):
        errors.append(f"Thiếu {where}.TenPhiLePhi")
    amount = item.get("Gia")
    if not _is_int(amount) or amount < 0:
        errors.append(f"{where}.Gia phải là số nguyên không âm (đồng), nhận được {amount!r}")
    return errors


def _document_errors(index: int, item: Any) -> list[str]:
    where = f"DanhSachTepDinhKemKhac[{index}]"
    if not isinstance(item, dict):
        return [f"{where} phải là đối tượng JSON"]
    errors = []
    if _blank(item.get("TenGiayTo")):
        errors.append(f"Thiếu {where}.TenGiayTo")
    count = item.get("SoLuong")
    if not _is_int(count) or count < 1:
        errors.append(f"{where}.SoLuong phải là số nguyên dương, nhận được {count!r}")
    kind = item.get("LoaiGiayTo")
    if not ((_is_int(kind) and kind in DOCUMENT_KINDS) or kind in DOCUMENT_KIND_NAMES):
        errors.append(
            f"{where}.LoaiGiayTo phải là 1 (bản chính), 2 (bản sao chứng thực) hoặc 3 (bản chụp), "
            f"nhận được {kind!r}"
        )
    return errors


def validate_progress(record: Any) -> list[str]:
    """Messages for everything wrong with one CapNhatTienDoHoSoMC step (empty list: valid)."""
    if not isinstance(record, dict):
        return ["Bước xử lý phải là một đối tượng JSON"]
    errors: list[str] = []
    if _blank(record.get("MaHoSo")) or not isinstance(record.get("MaHoSo"), str):
        errors.append("Thiếu MaHoSo")
    for name in ("NguoiXuLy", "NoiDungXuLy"):
        value = record.get(name)
        if _blank(value) or not isinstance(value, str):
            errors.append(f"Thiếu {name}")
    for name in ("ChucDanh", "PhongBanXuLy"):
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            errors.append(f"{name} phải là chuỗi ký tự")
    _code_field(record, "TrangThai", tuple(STATUS_CODES), errors, required=True)
    _date_field(record, "ThoiDiemXuLy", errors, required=True)
    start = _date_field(record, "NgayBatDau", errors, required=False)
    deadline = _date_field(record, "NgayKetThucTheoQuyDinh", errors, required=False)
    if start and deadline and deadline < start:
        errors.append("NgayKetThucTheoQuyDinh không được trước NgayBatDau")
    return errors
