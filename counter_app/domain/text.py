"""Vietnamese text helpers: NFC storage form and accent-insensitive folding."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(value: str | None) -> str:
    """Precomposed (NFC) form with surrounding and repeated white space collapsed."""
    if value is None:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()


def nfc_lines(value: str | None) -> str:
    """Like nfc() for each line, keeping line breaks (reasons listed one a line)."""
    lines = (nfc(line) for line in (value or "").splitlines())
    return "\n".join(line for line in lines if line)


def fold(value: str | None) -> str:
    """Lower-case, accent-free form used for search: 'Nguyễn Đức' -> 'nguyen duc'."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower()).strip()
