"""Citizen identity and contact validation (the chip-CCCD QR line parser is cccd_qr.py).

Validation returns findings instead of raising: an "error" blocks saving, a
"warning" is shown to the officer but does not block (the CCCD structure rules
changed in 2024, so structural mismatches are only warnings).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from counter_app.domain import clock
from counter_app.domain.text import fold, nfc

ERROR = "error"
WARNING = "warning"


class IdType(StrEnum):
    CCCD = "cccd"
    CMND = "cmnd"
    PASSPORT = "passport"


@dataclass(frozen=True)
class Finding:
    """One validation finding about one field."""

    field: str
    level: str  # ERROR (must fix, blocks saving) or WARNING (shown, does not block)
    message: str  # Vietnamese, user-facing

    @property
    def is_error(self) -> bool:
        return self.level == ERROR


# Birth-registration province codes used in CCCD numbers (the 63 pre-2025 provinces,
# Thông tư 07/2016/TT-BCA). The 34 post-merger province codes are a subset of these.
CCCD_PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội",
    "002": "Hà Giang",
    "004": "Cao Bằng",
    "006": "Bắc Kạn",
    "008": "Tuyên Quang",
    "010": "Lào Cai",
    "011": "Điện Biên",
    "012": "Lai Châu",
    "014": "Sơn La",
    "015": "Yên Bái",
    "017": "Hòa Bình",
    "019": "Thái Nguyên",
    "020": "Lạng Sơn",
    "022": "Quảng Ninh",
    "024": "Bắc Giang",
    "025": "Phú Thọ",
    "026": "Vĩnh Phúc",
    "027": "Bắc Ninh",
    "030": "Hải Dương",
    "031": "Hải Phòng",
    "033": "Hưng Yên",
    "034": "Thái Bình",
    "035": "Hà Nam",
    "036": "Nam Định",
    "037": "Ninh Bình",
    "038": "Thanh Hóa",
    "040": "Nghệ An",
    "042": "Hà Tĩnh",
    "044": "Quảng Bình",
    "045": "Quảng Trị",
    "046": "Thừa Thiên Huế",
    "048": "Đà Nẵng",
    "049": "Quảng Nam",
    "051": "Quảng Ngãi",
    "052": "Bình Định",
    "054": "Phú Yên",
    "056": "Khánh Hòa",
    "058": "Ninh Thuận",
    "060": "Bình Thuận",
    "062": "Kon Tum",
    "064": "Gia Lai",
    "066": "Đắk Lắk",
    "067": "Đắk Nông",
    "068": "Lâm Đồng",
    "070": "Bình Phước",
    "072": "Tây Ninh",
    "074": "Bình Dương",
    "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu",
    "079": "Hồ Chí Minh",
    "080": "Long An",
    "082": "Tiền Giang",
    "083": "Bến Tre",
    "084": "Trà Vinh",
    "086": "Vĩnh Long",
    "087": "Đồng Tháp",
    "089": "An Giang",
    "091": "Kiên Giang",
    "092": "Cần Thơ",
    "093": "Hậu Giang",
    "094": "Sóc Trăng",
    "095": "Bạc Liêu",
    "096": "Cà Mau",
}

_ID_LABELS = {IdType.CCCD: "CCCD", IdType.CMND: "CMND", IdType.PASSPORT: "hộ chiếu"}
_ID_SEPARATORS = re.compile(r"[\s.\-]+")
_NOT_DIGIT = re.compile(r"[^0-9]")
_PASSPORT = re.compile(r"[A-Z][A-Z0-9]{7,8}")


def _coerce_id_type(id_type: IdType | str) -> IdType:
    try:
        return IdType(str(id_type).strip().lower())
    except ValueError:
        raise ValueError(f"Loại giấy tờ không hợp lệ: {id_type!r}") from None


def normalise_id_number(number: str) -> str:
    """Storage form of an ID number: separators (spaces, dots, dashes) removed, upper case.

    NFKC folds full-width digits/letters typed through some input methods into ASCII.
    """
    if not number:
        return ""
    return _ID_SEPARATORS.sub("", unicodedata.normalize("NFKC", number)).upper()


def check_id_number(
    number: str,
    id_type: IdType | str,
    *,
    birth_date: date | None = None,
    sex: str | None = None,
) -> list[Finding]:
    """Validate a CCCD, CMND or passport number; an empty number is an error."""
    kind = _coerce_id_type(id_type)
    value = normalise_id_number(number)
    label = _ID_LABELS[kind]
    if not value:
        return [Finding("id_number", ERROR, f"Chưa nhập số {label}.")]
    if kind is IdType.PASSPORT:
        return _check_passport(value)

    bad_chars = sorted(set(_NOT_DIGIT.findall(value)))
    if bad_chars:
        shown = ", ".join(f"'{ch}'" for ch in bad_chars)
        return [
            Finding(
                "id_number",
                ERROR,
                f"Số {label} chỉ được gồm chữ số (có ký tự không hợp lệ: {shown}).",
            )
        ]
    if kind is IdType.CMND:
        if len(value) not in (9, 12):
            return [
                Finding(
                    "id_number",
                    ERROR,
                    f"Số CMND phải có 9 hoặc 12 chữ số (đang có {len(value)}).",
                )
            ]
        return []
    if len(value) != 12:
        return [
            Finding("id_number", ERROR, f"Số CCCD phải có đúng 12 chữ số (đang có {len(value)}).")
        ]
    return _check_cccd_structure(value, birth_date, sex)


def _check_passport(value: str) -> list[Finding]:
    if _PASSPORT.fullmatch(value):
        return []
    return [
        Finding(
            "id_number",
            ERROR,
            "Số hộ chiếu phải gồm 8–9 ký tự chữ và số, bắt đầu bằng một chữ cái "
            f"(ví dụ C1234567); đang là '{value}'.",
        )
    ]


def _sex_is_female(sex: str | None) -> bool | None:
    """True for female, False for male, None when unknown or not given."""
    folded = fold(sex)
    if folded in ("nam", "male", "m"):
        return False
    if folded in ("nu", "female", "f"):
        return True
    return None


def _check_cccd_structure(value: str, birth_date: date | None, sex: str | None) -> list[Finding]:
    findings: list[Finding] = []
    province_code, sex_century_digit, year_digits = value[:3], int(value[3]), value[4:6]

    if province_code not in CCCD_PROVINCE_CODES:
        findings.append(
            Finding(
                "id_number",
                WARNING,
                f"Mã tỉnh nơi đăng ký khai sinh ({province_code}, 3 chữ số đầu) không có trong "
                "danh mục 001–096. Kiểm tra lại số CCCD.",
            )
        )

    # Digit G: even = male, odd = female; G // 2 counts centuries from 1900.
    century_start = 1900 + 100 * (sex_century_digit // 2)
    implied_year = century_start + int(year_digits)
    if sex_century_digit > 3:
        findings.append(
            Finding(
                "id_number",
                WARNING,
                f"Chữ số thứ 4 của số CCCD là {sex_century_digit}, nghĩa là sinh từ năm "
                f"{century_start}; chỉ 0–3 (sinh 1900–2099) là hợp lý. Kiểm tra lại số CCCD.",
            )
        )
    elif implied_year > clock.now().year:
        findings.append(
            Finding(
                "id_number",
                WARNING,
                f"Số CCCD cho năm sinh {implied_year}, là năm trong tương lai. Kiểm tra lại số CCCD.",
            )
        )

    if birth_date is not None:
        if int(year_digits) != birth_date.year % 100:
            findings.append(
                Finding(
                    "id_number",
                    WARNING,
                    f"Hai chữ số năm sinh trong số CCCD ({year_digits}, chữ số thứ 5–6) không khớp "
                    f"năm sinh {birth_date.year}.",
                )
            )
        if sex_century_digit <= 3 and century_start != birth_date.year // 100 * 100:
            findings.append(
                Finding(
                    "id_number",
                    WARNING,
                    f"Chữ số thứ 4 của số CCCD ({sex_century_digit}) chỉ người sinh "
                    f"{century_start}–{century_start + 99}, không khớp năm sinh {birth_date.year}.",
                )
            )

    female = _sex_is_female(sex)
    if female is not None and female != bool(sex_century_digit % 2):
        number_says = "nữ" if sex_century_digit % 2 else "nam"
        given = "nữ" if female else "nam"
        findings.append(
            Finding(
                "id_number",
                WARNING,
                f"Chữ số thứ 4 của số CCCD ({sex_century_digit}) chỉ giới tính {number_says}, "
                f"nhưng giới tính đã nhập là {given}.",
            )
        )
    return findings


# --- phone -----------------------------------------------------------------

_PHONE_SEPARATORS = re.compile(r"[\s.\-]+")
_MOBILE_PREFIXES = "35789"
_MOBILE_PREFIXES_TEXT = "03, 05, 07, 08 hoặc 09"


def _strip_phone(phone: str) -> str:
    return _PHONE_SEPARATORS.sub("", unicodedata.normalize("NFKC", phone or ""))


def _national_digits(compact: str) -> str | None:
    """The nine digits after the leading 0 / +84 / 84, or None if the shape is wrong."""
    if compact.startswith("+84"):
        rest = compact[3:]
    elif compact.startswith("84") and len(compact) == 11:
        rest = compact[2:]
    elif compact.startswith("0"):
        rest = compact[1:]
    else:
        return None
    if len(rest) == 9 and rest.isascii() and rest.isdigit() and rest[0] in _MOBILE_PREFIXES:
        return rest
    return None


def check_phone(phone: str) -> list[Finding]:
    """Validate a Vietnamese mobile number; empty is allowed."""
    compact = _strip_phone(phone)
    if not compact:
        return []
    if _national_digits(compact) is not None:
        return []

    def error(message: str) -> list[Finding]:
        return [Finding("phone", ERROR, message)]

    body = compact[1:] if compact.startswith("+") else compact
    bad_chars = sorted(set(_NOT_DIGIT.findall(body)))
    if bad_chars:
        shown = ", ".join(f"'{ch}'" for ch in bad_chars)
        return error(
            "Số điện thoại chỉ được gồm chữ số (có thể bắt đầu bằng +84 và có dấu cách, "
            f"dấu chấm, gạch ngang); có ký tự không hợp lệ: {shown}."
        )
    if compact.startswith("+"):
        if not compact.startswith("+84"):
            return error("Chỉ nhận số điện thoại di động Việt Nam (mã quốc gia +84).")
        rest = compact[3:]
        if rest.startswith("0"):
            return error("Sau +84 không ghi số 0 đầu (ví dụ +84 912 345 678).")
        if len(rest) != 9:
            return error(f"Sau +84 phải có đúng 9 chữ số (đang có {len(rest)}).")
        return error(f"Số di động sau +84 phải bắt đầu bằng 3, 5, 7, 8 hoặc 9 (đang là {rest[0]}).")
    if compact.startswith("84") and len(compact) == 11:
        return error(
            f"Số di động sau 84 phải bắt đầu bằng 3, 5, 7, 8 hoặc 9 (đang là {compact[2]})."
        )
    if not compact.startswith("0"):
        return error(
            "Số điện thoại di động phải bắt đầu bằng 0 hoặc +84 "
            "(ví dụ 0912 345 678 hoặc +84 912 345 678)."
        )
    if len(compact) != 10:
        return error(f"Số điện thoại di động phải có đúng 10 chữ số (đang có {len(compact)}).")
    return error(
        f"Số điện thoại di động phải bắt đầu bằng {_MOBILE_PREFIXES_TEXT} (đang là {compact[:2]})."
    )


def normalise_phone(phone: str) -> str:
    """Canonical '0xxxxxxxxx' form of a valid mobile number.

    Input that check_phone rejects is returned with separators removed, so that
    nothing the officer typed is lost.
    """
    compact = _strip_phone(phone)
    national = _national_digits(compact)
    return "0" + national if national is not None else compact


# --- email -----------------------------------------------------------------

_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_EMAIL_LABEL = re.compile(r"[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?")
_EMAIL_TLD = re.compile(r"[A-Za-z]{2,}")
# Misspellings of common providers seen at counters; a warning, since they are valid syntax.
_DOMAIN_TYPOS = {
    "gmail.con": "gmail.com",
    "gmail.co": "gmail.com",
    "gmial.com": "gmail.com",
    "gmai.com": "gmail.com",
    "gamil.com": "gmail.com",
    "gmail.vn": "gmail.com",
    "yahoo.con": "yahoo.com",
    "yaho.com": "yahoo.com",
    "outlook.con": "outlook.com",
    "hotmail.con": "hotmail.com",
}


def check_email(email: str) -> list[Finding]:
    """Simple sanity check of an email address; empty is allowed."""
    value = nfc(email)
    if not value:
        return []

    def error(message: str) -> list[Finding]:
        return [Finding("email", ERROR, message)]

    if " " in value:
        return error("Email không được chứa dấu cách.")
    if value.count("@") != 1:
        return error(f"Email phải có đúng một ký tự @ (đang có {value.count('@')}).")
    local, domain = value.split("@")
    if not value.isascii():
        return error("Email không được chứa chữ có dấu hoặc ký tự đặc biệt.")
    if not local:
        return error("Email thiếu phần tên trước @.")
    if not domain:
        return error("Email thiếu tên miền sau @ (ví dụ @gmail.com).")
    if len(value) > 254 or len(local) > 64:
        return error("Email quá dài.")
    if not _EMAIL_LOCAL.fullmatch(local):
        return error(f"Phần trước @ của email không hợp lệ: '{local}'.")
    labels = domain.split(".")
    if len(labels) < 2:
        return error(f"Tên miền của email phải có dấu chấm (ví dụ gmail.com); đang là '{domain}'.")
    if not all(_EMAIL_LABEL.fullmatch(label) for label in labels) or not _EMAIL_TLD.fullmatch(
        labels[-1]
    ):
        return error(f"Tên miền của email không hợp lệ: '{domain}'.")
    suggestion = _DOMAIN_TYPOS.get(domain.lower())
    if suggestion:
        return [
            Finding(
                "email",
                WARNING,
                f"Tên miền '{domain}' có thể bị gõ nhầm; có phải là '{suggestion}'?",
            )
        ]
    return []
