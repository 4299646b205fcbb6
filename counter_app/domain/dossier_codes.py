"""Dossier codes `{unit}-{yyMMdd}-{c}{NNN}` (DESIGN §4) read back into their parts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_CODE = re.compile(r"^(?P<unit>.+)-(?P<day>\d{6})-(?P<counter>[0-9])(?P<seq>\d{3})$")


@dataclass(frozen=True, slots=True)
class CodeParts:
    unit_code: str
    day_key: str  # yyMMdd
    counter: int
    sequence: int


def parse_code(code: str) -> CodeParts | None:
    """The parts of a dossier code, or None when `code` does not have the code's shape."""
    match = _CODE.match(code.strip()) if isinstance(code, str) else None
    if match is None:
        return None
    return CodeParts(match["unit"], match["day"], int(match["counter"]), int(match["seq"]))


def highest_per_day(codes: Iterable[str], unit_code: str, counter: int) -> dict[str, int]:
    """{yyMMdd: highest sequence} of the codes this unit's counter issued."""
    highest: dict[str, int] = {}
    for code in codes:
        parts = parse_code(code)
        if parts is None or parts.unit_code != unit_code or parts.counter != counter:
            continue
        highest[parts.day_key] = max(highest.get(parts.day_key, 0), parts.sequence)
    return highest


def merge_highest(*sources: dict[str, int]) -> dict[str, int]:
    merged: dict[str, int] = {}
    for source in sources:
        for day, sequence in source.items():
            merged[day] = max(merged.get(day, 0), sequence)
    return merged
