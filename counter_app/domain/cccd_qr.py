"""The QR line printed on a chip CCCD card, read from a scanner (DESIGN §4, issue 13).

``CCCD|old CMND|name|ddMMyyyy|sex|residence|issue ddMMyyyy[|extra…]``; cards issued without
an old ID number may leave that slot out (six fields). Fields are placed by their shapes
(12-digit ID, 9/12-digit old ID, a name with no digits, 8-digit dates, a sex word), not by
positions alone: a line that fits neither layout is refused (:class:`CccdQrAmbiguous`) rather
than filled into the wrong fields. Labelled fields (``CCCD: …``) and spaces around ``|`` are
tolerated. Keyboard-mode scanners that cannot type Vietnamese letters turn them into ``?`` or
drop them: :attr:`CccdQr.name_needs_check` says so, and the intake screen asks the officer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from counter_app.domain.text import fold, nfc

__all__ = ["CccdQr", "CccdQrAmbiguous", "looks_like_cccd_qr", "parse_cccd_qr"]


class CccdQrAmbiguous(ValueError):
    """A CCCD QR line (it starts with a 12-digit ID) whose other fields cannot be placed."""


@dataclass(frozen=True)
class CccdQr:
    """The fields of the QR code printed on a chip CCCD card."""

    id_number: str
    old_id_number: str  # old CMND, "" when the card has none
    full_name: str
    birth_date: date | None  # None when the field is missing or not a valid date
    sex: str  # "Nam"/"Nữ" as printed ("Nữ" also when the scanner lost its letters: "N?")
    address: str
    issue_date: date | None
    extra: tuple[str, ...]  # trailing fields beyond the seven known ones

    @property
    def name_needs_check(self) -> bool:
        """True when the name probably lost its Vietnamese letters on the way in."""
        return name_lost_diacritics(self.full_name, self.address)


_QR_MIN_FIELDS = 6
_ID_DIGITS = re.compile(r"[0-9]{12}")
_OLD_ID_DIGITS = re.compile(r"(?:[0-9]{9}|[0-9]{12})?")
_SEPARATORS = re.compile(r"[\s.\-]+")
_QR_DATE = re.compile(r"([0-9]{2})[/.\-]?([0-9]{2})[/.\-]?([0-9]{4})")
_QR_EARLIEST_YEAR = 1900  # earlier years are scanner garbage, not a living person's dates
_LABEL = re.compile(r"^([^:|0-9]{2,25}):\s*")
_FIELD_LABELS = frozenset(
    {
        "cccd", "so cccd", "can cuoc", "so can cuoc", "so dinh danh", "so dinh danh ca nhan",
        "cmnd", "so cmnd", "ho ten", "ho va ten", "ten", "ngay sinh", "gioi tinh",
        "dia chi", "noi thuong tru", "noi cu tru", "ngay cap",
    }
)  # fmt: skip
_MALE = frozenset({"nam", "male", "m"})
_FEMALE = frozenset({"nu", "female", "f"})
_FEMALE_LOST = frozenset({"n?", "n", "n\ufffd"})  # "Nữ" typed by a keyboard-mode scanner
_LOST_LETTER = re.compile(r"[?\ufffd]")
# Name parts that Vietnamese names carry with their marks; seen bare, the marks were lost.
_MARKED_NAME_PARTS = frozenset(
    {
        "nguyen", "nguyn", "tran", "trn", "le", "pham", "phm", "hoang", "huynh", "vu", "vo",
        "dang", "bui", "do", "ngo", "duong", "thi", "th", "van", "vn", "duc", "dc",
    }
)  # fmt: skip


def _parse_qr_date(text: str) -> date | None:
    """ddMMyyyy (separators tolerated) -> date; anything else -> None."""
    match = _QR_DATE.fullmatch(text)
    if not match:
        return None
    day, month, year = (int(group) for group in match.groups())
    if year < _QR_EARLIEST_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _unlabelled(field: str) -> str:
    match = _LABEL.match(field)
    if match and fold(match[1]) in _FIELD_LABELS:
        return field[match.end() :]
    return field


def _split(line: str | None) -> list[str]:
    value = (line or "").replace("\ufeff", "").strip()
    return [nfc(_unlabelled(nfc(field))) for field in value.split("|")]


def _sex_word(text: str) -> str | None:
    folded = fold(text)
    if folded in _MALE:
        return "Nam"
    if folded in _FEMALE or folded in _FEMALE_LOST:
        return "Nữ"
    return None


def _is_name(text: str) -> bool:
    return bool(text) and not any(ch.isdigit() for ch in text) and any(ch.isalpha() for ch in text)


def _date_shaped(text: str) -> bool:
    return bool(_QR_DATE.fullmatch(text))


def _fits(fields: list[str], has_old_id: bool) -> bool:
    """The line read as [id, (old id,) name, birth, sex, address, issue…] has sensible shapes:
    an old ID slot empty or 9/12 digits, a name, and a sex word or a date where they go."""
    rest = fields[2:] if has_old_id else fields[1:]
    if has_old_id and not _OLD_ID_DIGITS.fullmatch(_SEPARATORS.sub("", fields[1])):
        return False
    if len(rest) < 4 or not _is_name(rest[0]):
        return False
    return _sex_word(rest[2]) is not None or (_date_shaped(rest[1]) and not _is_name(rest[2]))


def parse_cccd_qr(line: str | None) -> CccdQr:
    """Parse a CCCD QR line (seven fields, or six without the old-ID slot, extras kept).

    Tolerant of surrounding white space, labels, NFD text, bad dates (-> None), a missing
    issue date and extra trailing fields. Raises ValueError when the line is clearly not a
    CCCD QR line, and its subclass CccdQrAmbiguous when it is one whose fields cannot be
    placed with confidence (nothing is filled then).
    """
    fields = _split(line)
    if len(fields) < _QR_MIN_FIELDS:
        raise ValueError(
            f"Không phải mã QR CCCD: cần ít nhất {_QR_MIN_FIELDS} trường ngăn cách bởi '|' "
            f"(đang có {len(fields)})."
        )
    id_number = _SEPARATORS.sub("", fields[0])
    if not (_ID_DIGITS.fullmatch(id_number) and id_number.isascii()):
        raise ValueError(
            "Không phải mã QR CCCD: trường đầu tiên phải là số CCCD 12 chữ số "
            f"(đang là '{fields[0]}')."
        )
    with_old, without_old = _fits(fields, True), _fits(fields, False)
    if with_old == without_old:
        raise CccdQrAmbiguous(
            f"Mã QR của CCCD {id_number} không rõ thứ tự các trường (họ tên, ngày sinh, giới "
            "tính); chưa điền gì. Hãy quét lại hoặc nhập tay. / The CCCD QR fields cannot be "
            "placed; nothing was filled."
        )
    old_id = _SEPARATORS.sub("", fields[1]) if with_old else ""
    rest = fields[2:] if with_old else fields[1:]
    extra = list(rest[5:])
    while extra and not extra[-1]:
        extra.pop()
    return CccdQr(
        id_number=id_number,
        old_id_number=old_id,
        full_name=rest[0],
        birth_date=_parse_qr_date(rest[1]),
        sex=_sex_word(rest[2]) or rest[2],
        address=rest[3],
        issue_date=_parse_qr_date(rest[4]) if len(rest) > 4 else None,
        extra=tuple(extra),
    )


def looks_like_cccd_qr(text: str | None) -> bool:
    """Whether text is a CCCD QR line (e.g. a scanner burst typed into a field): exactly the
    lines :func:`parse_cccd_qr` reads or refuses as ambiguous."""
    try:
        parse_cccd_qr(text)
    except CccdQrAmbiguous:
        return True
    except ValueError:
        return False
    return True


def name_lost_diacritics(name: str, address: str = "") -> bool:
    """A scanned name that probably lost its Vietnamese letters: a ``?`` / replacement mark,
    a bare name part that is always written with marks (Nguyen, Tran, Thi…), or an all-plain
    name scanned with an all-plain address (the scanner typed no Vietnamese letter at all)."""
    if _LOST_LETTER.search(name):
        return True
    if not name.isascii():
        return False
    if any(part in _MARKED_NAME_PARTS for part in name.lower().split()):
        return True
    return bool(address) and address.isascii() and any(ch.isalpha() for ch in address)
