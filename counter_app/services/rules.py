"""Field rules shared by intake, corrections and the intake form model."""

from __future__ import annotations

from typing import Any

from counter_app.domain import addresses, catalogue, clock, identity
from counter_app.domain.text import nfc
from counter_app.services.errors import InputError

RETURN_METHODS = ("counter", "post")
CHANNELS = ("counter", "online", "post")


def validate_applicant(data: dict[str, Any], warnings: list[identity.Finding]) -> dict[str, Any]:
    full_name = nfc(str(data.get("full_name") or ""))
    if not full_name:
        raise InputError("applicant.full_name", "Họ tên người nộp không được để trống")
    birth_date = None
    if data.get("birth_date"):
        try:
            birth_date = clock.parse_date(str(data["birth_date"]))
        except ValueError:
            raise InputError(
                "applicant.birth_date", "Ngày sinh phải có dạng YYYY-MM-DD hoặc DD/MM/YYYY"
            ) from None
    sex = nfc(str(data.get("sex") or ""))
    id_type = str(data.get("id_type") or "cccd").lower()
    if id_type not in ("cccd", "cmnd", "passport"):
        raise InputError("applicant.id_type", "Loại giấy tờ: cccd, cmnd hoặc passport")
    id_number = identity.normalise_id_number(str(data.get("id_number") or ""))
    findings: list[identity.Finding] = []
    if id_number:
        findings += identity.check_id_number(
            id_number, id_type, birth_date=birth_date, sex=sex or None
        )
    phone = str(data.get("phone") or "")
    findings += identity.check_phone(phone)
    email = str(data.get("email") or "").strip()
    findings += identity.check_email(email)
    for finding in findings:
        if finding.level == "error":
            raise InputError(f"applicant.{finding.field}", finding.message)
        warnings.append(finding)
    ward_code = data.get("ward_code")
    province_code = data.get("province_code")
    if ward_code not in (None, ""):
        try:
            commune = addresses.commune(ward_code)
        except ValueError as exc:
            raise InputError("applicant.ward_code", str(exc)) from None
        if province_code not in (None, "") and int(province_code) != commune.province_code:
            raise InputError(
                "applicant.province_code",
                f"{commune.name} thuộc {commune.province_name}, không thuộc tỉnh mã {province_code}",
            )
        ward_code, province_code = commune.code, commune.province_code
    elif province_code not in (None, ""):
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
        "phone": identity.normalise_phone(phone) if phone.strip() else "",
        "email": email,
        "address": nfc(str(data.get("address") or "")),
        "ward_code": int(ward_code) if ward_code not in (None, "") else None,
        "province_code": int(province_code) if province_code not in (None, "") else None,
    }


def clean_document(index: int, doc: Any) -> dict[str, Any]:
    if not isinstance(doc, dict):
        raise InputError(f"documents[{index}]", "Mỗi giấy tờ phải là một đối tượng")
    name = nfc(str(doc.get("name") or ""))
    if not name:
        raise InputError(f"documents[{index}].name", "Thiếu tên giấy tờ")
    kind = doc.get("kind") or "original"
    if kind not in catalogue.DOCUMENT_KINDS:
        raise InputError(
            f"documents[{index}].kind",
            f"Loại giấy tờ '{kind}' không hợp lệ ({', '.join(catalogue.DOCUMENT_KINDS)})",
        )
    count = positive_int(doc.get("count", 1), f"documents[{index}].count")
    return {"name": name, "kind": kind, "count": count}


def positive_int(value: Any, field: str) -> int:
    if isinstance(value, bool):
        raise InputError(field, "phải là số nguyên ≥ 1")
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise InputError(field, f"phải là số nguyên ≥ 1, nhận được {value!r}") from None
    if number < 1 or number != value and not isinstance(value, str):
        raise InputError(field, f"phải là số nguyên ≥ 1, nhận được {value!r}")
    return number
