"""Masking personal data and secrets in text that leaves the database: log lines,
tracebacks and exception messages, crash reports, the support bundle.

It is a safety net (code must not log personal data in the first place), so it errs on
the side of masking. What it masks:
- secrets: the value after `password` / `passwd` / `passphrase` / `pwd` / `mat_khau` /
  `mật khẩu` / `token` / `secret` / `api_key` / `recovery_key` / `authorization` /
  `cookie` (also as part of a longer key, `portal_password=`, `'access_token': '…'`),
  `Bearer …` / `Basic …` credentials, the password in `scheme://user:password@host`;
- the values of the known personal fields (`full_name`, `id_number`, `birth_date`,
  `phone`, `email`, `address`, `collected_by`, their Vietnamese names `ho_ten`,
  `so_giay_to`, `cccd`, `ngay_sinh`, `so_dien_thoai`, `dia_chi` …) in `key=value`,
  `key: value` and `'key': 'value'` form;
- any run of 12 or more digits (a CCCD identity number; 13+ digit runs too, whatever they
  are), a 12-digit number written in groups (`001 203 004 567`), a standalone 9-digit
  number (the old CMND), and Vietnamese phone numbers (0… with 10–11 digits, +84 / 84…,
  with spaces, dots or dashes between digits).
Ordinary text — words, dossier codes (000.00.01.H22-260715-1001), dates, times, counts,
durations, paths — passes unchanged.
"""

from __future__ import annotations

import re

ID_MASK = "[số giấy tờ]"
PHONE_MASK = "[số điện thoại]"
SECRET_MASK = "***"
FIELD_MASK = "[đã che]"

_SECRET_WORDS = (
    r"password|passwd|passphrase|pwd|mat_?khau|matkhau|m[aậ]t[ _]kh[aẩ]u|token|secret|"
    r"api_?key|recovery_?key|authorization|cookie"
)
_PERSONAL_FIELDS = (
    r"full_name|applicant_name|ho_ten|ho_va_ten|hoten|id_number|so_giay_to|so_cccd|cccd|"
    r"cmnd|birth_date|date_of_birth|dob|ngay_sinh|phone|phone_number|so_dien_thoai|sdt|"
    r"email|address|dia_chi|residence|noi_cu_tru|collected_by"
)
# A value: quoted (to the matching quote), a `Bearer`/`Basic` credential, or a bare word.
_QUOTED = r"\"[^\"\n]*\"|'[^'\n]*'"
_SECRET = re.compile(
    rf"(?i)(?<![\w-])(?P<key>[\w-]{{0,40}}?(?:{_SECRET_WORDS})[\w-]{{0,40}}[\"']?\s*[=:]\s*)"
    rf"(?P<value>{_QUOTED}|(?:bearer|basic)\s+[^\s,;&'\"}})\]]+|[^\s,;&'\"}})\]]+)"
)
_FIELD = re.compile(
    rf"(?i)(?<![\w-])(?P<key>(?:\w{{1,40}}_)?(?:{_PERSONAL_FIELDS})[\"']?\s*[=:]\s*)"
    rf"(?P<value>{_QUOTED}|[^,;&'\"}})\]\n]+)"
)
_BEARER = re.compile(r"(?i)\b(bearer|basic)(\s+)[A-Za-z0-9._~+/=-]{6,}")
_URL_PASSWORD = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://[^/\s:@]+):[^/\s@]+@")
_LONG_DIGITS = re.compile(r"(?<![0-9])[0-9]{12,}(?![0-9])")
_GROUPED_ID = re.compile(
    r"(?<![0-9])(?:[0-9]{3}([ .])[0-9]{3}\1[0-9]{3}\1[0-9]{3}|[0-9]{4}([ .])[0-9]{4}\2[0-9]{4})"
    r"(?![0-9]|[.-][0-9])"
)
# A phone: 0 or (+)84, then a non-zero digit; written solid or in three groups with one
# kind of separator (0987 654 321, 024 3825 1234, +84 987.654.321); 10–11 digits as 0….
_PHONE = re.compile(
    r"(?<![\w.+-])(?:"
    r"(?:\+84|84|0)[1-9][0-9]{8,9}"
    r"|(?:\+84[ .-]?|84[ .-]?|0)[1-9][0-9]{1,3}(?P<sep>[ .-])[0-9]{3,4}(?P=sep)[0-9]{3,4}"
    r")(?!\w|[.-][0-9])"
)
_OLD_ID = re.compile(r"(?<![\w.-])[0-9]{9}(?!\w|[.-][0-9])")


def _mask_value(match: re.Match[str], mask: str) -> str:
    value = match.group("value")
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return f"{match.group('key')}{value[0]}{mask}{value[0]}"
    return f"{match.group('key')}{mask}"


def _mask_phone(match: re.Match[str]) -> str:
    digits = re.sub(r"[^0-9]", "", match.group(0))
    national = (
        "0" + digits[2:]
        if digits.startswith("84") and not match.group(0).startswith("0")
        else digits
    )
    return PHONE_MASK if len(national) in (10, 11) else match.group(0)


def redact(text: str) -> str:
    """`text` with secrets and personal data masked (see the module docstring)."""
    if not text:
        return text
    text = _URL_PASSWORD.sub(rf"\1:{SECRET_MASK}@", text)
    text = _SECRET.sub(lambda m: _mask_value(m, SECRET_MASK), text)
    text = _BEARER.sub(rf"\1\2{SECRET_MASK}", text)
    text = _FIELD.sub(lambda m: _mask_value(m, FIELD_MASK), text)
    # Digits last: masks never contain digits, so no step can join two runs into a new one.
    text = _LONG_DIGITS.sub(ID_MASK, text)
    text = _GROUPED_ID.sub(ID_MASK, text)
    text = _PHONE.sub(_mask_phone, text)
    return _OLD_ID.sub(ID_MASK, text)
