"""Field rules shared by intake, corrections and the intake form model: every value gets a
typed, bounded check (`domain.values`, bounds in `domain.limits`) naming its field."""

from __future__ import annotations

from datetime import date
from typing import Any

from counter_app.domain import addresses, catalogue, clock, identity, limits, values
from counter_app.services.errors import InputError
from counter_app.services.intake_form import ERROR, check_birth_date, format_date

RETURN_METHODS = ("counter", "post")
CHANNELS = catalogue.CHANNELS
ID_TYPES = tuple(identity.IdType)


def validate_applicant(
    data: dict[str, Any], warnings: list[identity.Finding], *, today: date | None = None
) -> dict[str, Any]:
    def field_text(key: str, max_len: int, **options: Any) -> str:
        return values.text(data.get(key), f"applicant.{key}", max_len=max_len, **options)

    full_name = field_text(
        "full_name",
        limits.NAME_MAX,
        required=True,
        missing="Họ tên người nộp không được để trống",
    )
    birth_date = _birth_date(field_text("birth_date", limits.SHORT_MAX), warnings, today)
    sex = field_text("sex", limits.SHORT_MAX)
    id_type = field_text("id_type", limits.SHORT_MAX).lower() or "cccd"
    if id_type not in ID_TYPES:
        raise InputError("applicant.id_type", "Loại giấy tờ: cccd, cmnd hoặc passport")
    id_number = identity.normalise_id_number(field_text("id_number", limits.SHORT_MAX))
    findings: list[identity.Finding] = []
    if id_number:
        findings += identity.check_id_number(
            id_number, id_type, birth_date=birth_date, sex=sex or None
        )
    phone = field_text("phone", limits.SHORT_MAX)
    findings += identity.check_phone(phone)
    email = field_text("email", limits.EMAIL_MAX)
    findings += identity.check_email(email)
    for finding in findings:
        if finding.level == "error":
            raise InputError(f"applicant.{finding.field}", finding.message)
        warnings.append(finding)
    ward_code = _address_code(data.get("ward_code"), "applicant.ward_code")
    province_code = _address_code(data.get("province_code"), "applicant.province_code")
    if ward_code is not None:
        try:
            commune = addresses.commune(ward_code)
        except ValueError as exc:
            raise InputError("applicant.ward_code", str(exc)) from None
        if province_code is not None and province_code != commune.province_code:
            raise InputError(
                "applicant.province_code",
                f"{commune.name} thuộc {commune.province_name}, không thuộc tỉnh mã {province_code}",
            )
        ward_code, province_code = commune.code, commune.province_code
    elif province_code is not None:
        try:
            province_code = addresses.province(province_code).code
        except ValueError as exc:
            raise InputError("applicant.province_code", str(exc)) from None
    return {
        "full_name": full_name,
        "id_number": id_number,
        "id_type": id_type,
        "birth_date": birth_date.isoformat() if birth_date else "",
        "sex": sex,
        "phone": identity.normalise_phone(phone) if phone else "",
        "email": email,
        "address": field_text("address", limits.TEXT_MAX),
        "ward_code": ward_code,
        "province_code": province_code,
    }


def _birth_date(text: str, warnings: list[identity.Finding], today: date | None) -> date | None:
    """A birth date as the JSON gives it, held to the form's rule (future or more than
    BIRTH_AGE_MAX years ago: refused; more than BIRTH_AGE_WARNING: a warning)."""
    if not text:
        return None
    try:
        day = clock.parse_date(text)
    except ValueError:
        raise InputError(
            "applicant.birth_date", "Ngày sinh phải có dạng YYYY-MM-DD hoặc DD/MM/YYYY"
        ) from None
    for level, message in check_birth_date(format_date(day), today or clock.now().date()):
        if level == ERROR:
            raise InputError("applicant.birth_date", message)
        warnings.append(identity.Finding("birth_date", level, message))
    return day


def _address_code(value: Any, field: str) -> int | None:
    if value is None or value == "":
        return None
    return values.integer(value, field, minimum=1, maximum=limits.ADDRESS_CODE_MAX)


def clean_document(index: int, doc: Any) -> dict[str, Any]:
    where = f"documents[{index}]"
    if not isinstance(doc, dict):
        raise InputError(where, "Mỗi giấy tờ phải là một đối tượng")
    name = values.text(
        doc.get("name"),
        f"{where}.name",
        max_len=limits.TITLE_MAX,
        required=True,
        missing="Thiếu tên giấy tờ",
    )
    kind = doc.get("kind") or "original"
    if not isinstance(kind, str) or kind not in catalogue.DOCUMENT_KINDS:
        raise InputError(
            f"{where}.kind",
            f"Loại giấy tờ '{str(kind)[:50]}' không hợp lệ ({', '.join(catalogue.DOCUMENT_KINDS)})",
        )
    count = positive_int(doc.get("count", 1), f"{where}.count", maximum=limits.COUNT_MAX)
    return {"name": name, "kind": kind, "count": count}


def clean_fee(index: int, fee: Any) -> dict[str, Any]:
    where = f"fees[{index}]"
    if not isinstance(fee, dict):
        raise InputError(where, "Mỗi khoản phí phải là một đối tượng / each fee must be an object")
    amount = fee.get("amount", 0)
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        raise InputError(f"{where}.amount", "Mức phí phải là số nguyên VND ≥ 0")
    amount = values.integer(
        amount, f"{where}.amount", minimum=0, maximum=limits.AMOUNT_MAX, digit_string=False
    )
    return {
        "code": values.text(fee.get("code"), f"{where}.code", max_len=limits.CODE_MAX),
        "name": values.text(
            fee.get("name"),
            f"{where}.name",
            max_len=limits.TITLE_MAX,
            required=True,
            missing="Thiếu tên khoản phí, lệ phí",
        ),
        "amount": amount,
        "paid": values.boolean(fee.get("paid"), f"{where}.paid"),
    }


def positive_int(value: Any, field: str, *, maximum: int = limits.COUNT_MAX) -> int:
    """A whole number from 1 to `maximum` (a JSON integer or a string of digits)."""
    return values.integer(value, field, minimum=1, maximum=maximum)
