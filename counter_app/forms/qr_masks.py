"""The QR encoder's mask choice, scored faster: ReportLab's rules on strings and bit rows.

`reportlab.graphics.barcode.qrencoder` tries the eight masks and keeps the one with the
fewest "lost points" (QRUtil.getLostPoint); its pure-Python scoring was most of a receipt's
QR cost. The same four rules are computed here on each row and column as a '0'/'1' string
(runs of five or more, the 1:1:3:1:1 finder-like pattern) and as an integer (2×2 blocks),
giving the same points, hence the same mask and the same symbol (including ReportLab's
quirk that its column pass of rule 3 never scores).
"""

from __future__ import annotations

import re

from reportlab.graphics.barcode.qrencoder import QRCode

_RUN = re.compile(r"0{5,}|1{5,}")
_FINDER = "10111010000"  # ReportLab's rule-3 pattern (dark, light, dark ×3, light, dark, light ×4)


def _runs(lines: list[str]) -> int:
    """Rule 1: a run of n >= 5 equal modules in a line costs n - 2 (ReportLab's count)."""
    return sum(len(match) - 2 for line in lines for match in _RUN.findall(line))


def _finders(lines: list[str]) -> int:
    """Rule 3: 40 per non-overlapping pattern starting before the line's last 11 modules."""
    score = 0
    for line in lines:
        last_start = len(line) - len(_FINDER)
        j = line.find(_FINDER)
        while 0 <= j < last_start:
            score += 40
            j = line.find(_FINDER, j + len(_FINDER))
    return score


def _blocks(lines: list[str]) -> int:
    """Rule 2: 3 per 2×2 block of one colour."""
    width = len(lines[0])
    mask = (1 << width) - 1
    pair_mask = mask >> 1
    score = 0
    previous = int(lines[0], 2)
    for line in lines[1:]:
        row = int(line, 2)
        same_vertically = ~(row ^ previous) & mask
        same_across = ~(row ^ (row >> 1)) & pair_mask
        score += 3 * (same_vertically & (same_vertically >> 1) & same_across).bit_count()
        previous = row
    return score


def lost_points(modules: list[list]) -> int:
    """QRUtil.getLostPoint of a module matrix."""
    rows = ["".join("1" if m else "0" for m in row) for row in modules]
    columns = ["".join(column) for column in zip(*rows, strict=True)]
    dark = sum(row.count("1") for row in rows)
    balance = 10 * (abs(100 * dark // len(modules) ** 2 - 50) // 5)
    # Rule 3 on rows only: ReportLab's column pass compares tuples with a list and never
    # scores, and the same mask must come out.
    return _runs(rows) + _runs(columns) + _blocks(rows) + _finders(rows) + balance


def best_mask_pattern(qr: QRCode) -> int:
    """QRCode.getBestMaskPattern, with the lost points scored by `lost_points`."""
    best, pattern = 0, 0
    for i in range(8):
        qr.makeImpl(True, i)
        points = lost_points(qr.modules)
        if i == 0 or best > points:
            best, pattern = points, i
    return pattern


def make(qr: QRCode) -> None:
    """QRCode.make, choosing the mask with `best_mask_pattern`."""
    if qr.version is None:
        qr.version = qr.calculate_version()
    qr.makeImpl(False, best_mask_pattern(qr))
