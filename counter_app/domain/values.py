"""Typed, bounded checks of input values: each returns the clean value or raises InputError
naming the field. Used by intake (receive JSON, import lines, the intake form's data), the
catalogue and holiday file parsers; the bounds are those of `limits`."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from counter_app.domain import limits
from counter_app.domain.text import nfc, nfc_lines

_LINE_BREAKS = frozenset("\n\r\t")
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(r"[\[\]{}]")


class InputError(ValueError):
    """Bad input from a person or a file; `field` names what to fix."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


def _kind(value: Any) -> str:
    """What a JSON value is, for messages: never the value itself (it may be huge)."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "số / number"
    if isinstance(value, str):
        return "chuỗi / string"
    if isinstance(value, list):
        return "danh sách / list"
    if isinstance(value, dict):
        return "đối tượng / object"
    return type(value).__name__


def bad_character(value: str, *, multiline: bool = False) -> str | None:
    """The first control character, NUL or lone surrogate in a text (None when clean)."""
    for char in value:
        category = unicodedata.category(char)
        if category == "Cs" or (category == "Cc" and not (multiline and char in _LINE_BREAKS)):
            return char
    return None


def text(
    value: Any,
    field: str,
    *,
    max_len: int,
    required: bool = False,
    multiline: bool = False,
    missing: str = "",
) -> str:
    """A string (None and absent mean empty), NFC, without control characters, bounded."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InputError(field, f"phải là chuỗi ký tự, nhận được {_kind(value)} / must be a string")
    char = bad_character(value, multiline=multiline)
    if char is not None:
        raise InputError(
            field, f"chứa ký tự điều khiển U+{ord(char):04X} / contains a control character"
        )
    clean = nfc_lines(value) if multiline else nfc(value)
    if len(clean) > max_len:
        raise InputError(
            field, f"dài quá {max_len} ký tự ({len(clean)}) / longer than {max_len} characters"
        )
    if required and not clean:
        raise InputError(field, missing or "không được để trống / must not be empty")
    return clean


def integer(
    value: Any, field: str, *, minimum: int, maximum: int, digit_string: bool = True
) -> int:
    """A whole number in [minimum, maximum]: a JSON integer, an integral finite number, or
    (digit_string) a string of digits. Booleans are not numbers."""
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and math.isfinite(value) and value.is_integer():
        number = int(value)
    elif digit_string and isinstance(value, str) and value.strip().isascii():
        digits = value.strip()
        if digits.isdigit() and len(digits) <= 19:
            number = int(digits)
    if number is None:
        raise InputError(
            field,
            f"phải là số nguyên từ {minimum} đến {maximum}, nhận được {_kind(value)}"
            f" / must be a whole number",
        )
    if not minimum <= number <= maximum:
        raise InputError(
            field,
            f"phải từ {minimum} đến {maximum} / must be between {minimum} and {maximum}",
        )
    return number


def number(value: Any, field: str, *, minimum: float, maximum: float) -> float:
    """A finite JSON number in [minimum, maximum] (not a boolean, not a string)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(field, f"phải là số, nhận được {_kind(value)} / must be a number")
    if isinstance(value, int) and abs(value) > 2**53:
        raise InputError(field, f"phải từ {minimum:g} đến {maximum:g} / out of range")
    result = float(value)
    if not math.isfinite(result) or not minimum <= result <= maximum:
        raise InputError(field, f"phải từ {minimum:g} đến {maximum:g} / out of range")
    return result


def boolean(value: Any, field: str, *, default: bool = False) -> bool:
    """true or false; absent or null is the default. Strings are not booleans."""
    if value is None:
        return default
    if not isinstance(value, bool):
        raise InputError(
            field, f"phải là true hoặc false, nhận được {_kind(value)} / must be true or false"
        )
    return value


def choice(value: Any, field: str, choices: Sequence[str], *, default: str) -> str:
    """One of `choices`; absent, null or empty is the default."""
    if value is None or value == "":
        return default
    if not isinstance(value, str) or value not in choices:
        raise InputError(field, f"phải là một trong: {', '.join(choices)} / must be one of these")
    return value


def items(value: Any, field: str, *, max_items: int = limits.ITEMS_MAX) -> list[Any]:
    """A JSON list of at most `max_items` entries."""
    if not isinstance(value, list):
        raise InputError(field, f"phải là một danh sách, nhận được {_kind(value)} / must be a list")
    if len(value) > max_items:
        raise InputError(
            field, f"có quá {max_items} mục ({len(value)}) / more than {max_items} entries"
        )
    return value


def mapping(value: Any, field: str) -> dict[str, Any]:
    """A JSON object."""
    if not isinstance(value, dict):
        raise InputError(
            field, f"phải là một đối tượng JSON, nhận được {_kind(value)} / must be an object"
        )
    return value


def parse_json(raw: bytes | str, field: str, *, max_bytes: int = limits.JSON_BYTES_MAX) -> Any:
    """Decode one JSON document: UTF-8, bounded in size and nesting, no NaN/Infinity."""
    if isinstance(raw, bytes):
        if len(raw) > max_bytes:
            raise InputError(field, f"lớn quá {max_bytes} byte / larger than {max_bytes} bytes")
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(
                field, f"không phải văn bản UTF-8 (byte {exc.start}) / not UTF-8 text"
            ) from None
    elif len(raw) > max_bytes:
        raise InputError(field, f"lớn quá {max_bytes} byte / larger than {max_bytes} bytes")
    depth = _nesting(raw)
    if depth > limits.JSON_DEPTH_MAX:
        raise InputError(
            field,
            f"lồng nhau quá {limits.JSON_DEPTH_MAX} cấp / nested deeper than "
            f"{limits.JSON_DEPTH_MAX} levels",
        )
    try:
        return json.loads(raw, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise InputError(
            field, f"JSON không hợp lệ (dòng {exc.lineno}, cột {exc.colno}): {exc.msg}"
        ) from None
    except _ConstantRefused as exc:
        raise InputError(field, f"JSON không hợp lệ: {exc}") from None
    except (ValueError, RecursionError):  # a number of thousands of digits
        raise InputError(field, "JSON không hợp lệ: số quá dài / number too long") from None


class _ConstantRefused(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    raise _ConstantRefused(f"giá trị {name} không được phép / {name} is not allowed")


def _nesting(raw: str) -> int:
    """The deepest nesting of [ and { outside strings (a cheap scan before json.loads)."""
    deepest = depth = 0
    for bracket in _BRACKETS.findall(_STRINGS.sub("", raw)):
        if bracket in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limits.JSON_DEPTH_MAX:
                    break
        else:
            depth -= 1
    return deepest
