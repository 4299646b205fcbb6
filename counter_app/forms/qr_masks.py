"""The QR encoder's mask choice, scored faster: ReportLab's rules on strings and bit rows.

`reportlab.graphics.barcode.qrencoder` tries the eight masks and keeps the one with the
fewest "lost points" (QRUtil.getLostPoint); its pure-Python scoring was most of a receipt's
QR cost. The same four rules are computed here on the rows and columns as '0'/'1' strings
joined by a separator (runs of five or more, the 1:1:3:1:1 finder-like pattern: one regular
expression pass each) and on the rows as integers (2×2 blocks, the dark count), giving the
same points, hence the same mask and the same symbol (including ReportLab's quirk that its
column pass of rule 3 never scores).

The eight candidates are not placed module by module either: a test symbol (type info left
blank, as the encoder's trial placements leave it) differs between masks only in its data
modules, each flipped where that mask is dark. So the symbol is placed once, with mask 0, and
each candidate's rows are that symbol's rows (as integers) with the data modules where mask 0
and mask i differ flipped, by a bit mask per row computed once per version. The chosen
candidate then gets its type information (and version number) as the encoder sets them.
"""

from __future__ import annotations

import re
from functools import cache

from reportlab.graphics.barcode.qrencoder import QRCode, QRUtil

_RUN = re.compile("00000+|11111+")
# ReportLab's rule-3 pattern (dark, light, dark ×3, light, dark, light ×4), not counted when
# it ends a line (the encoder only looks at starts before the line's last 11 modules).
_FINDER = re.compile(r"10111010000(?!\|)")


def _runs(joined: str) -> int:
    """Rule 1: a run of n >= 5 equal modules in a line costs n - 2 (ReportLab's count)."""
    return sum(len(run) - 2 for run in _RUN.findall(joined))


def _blocks(rows: list[int], width: int) -> int:
    """Rule 2: 3 per 2×2 block of one colour."""
    mask = (1 << width) - 1
    pair_mask = mask >> 1
    score = 0
    previous = rows[0]
    for row in rows[1:]:
        same_vertically = ~(row ^ previous) & mask
        same_across = ~(row ^ (row >> 1)) & pair_mask
        score += 3 * (same_vertically & (same_vertically >> 1) & same_across).bit_count()
        previous = row
    return score


def _score(rows: list[int], width: int) -> int:
    """QRUtil.getLostPoint of a square matrix given as its rows (column 0 the top bit)."""
    lines = [format(row, f"0{width}b") for row in rows]
    across = "|".join(lines) + "|"
    down = "|".join(map("".join, zip(*lines, strict=True)))
    dark = sum(row.bit_count() for row in rows)
    balance = 10 * (abs(100 * dark // width**2 - 50) // 5)
    # Rule 3 on rows only: ReportLab's column pass compares tuples with a list and never
    # scores, and the same mask must come out.
    finders = 40 * len(_FINDER.findall(across))
    return _runs(across) + _runs(down) + _blocks(rows, width) + finders + balance


def _as_ints(modules: list[list]) -> list[int]:
    return [int("".join("1" if m else "0" for m in row), 2) for row in modules]


def lost_points(modules: list[list]) -> int:
    """QRUtil.getLostPoint of a module matrix."""
    return _score(_as_ints(modules), len(modules))


@cache
def _mask_rows(version: int) -> tuple[tuple[int, ...], ...]:
    """Per mask, per row: the row's data modules where the mask is dark, as an integer whose
    top bit is column 0 (the symbol's data positions depend on its version only)."""
    probe = QRCode(version, 0)
    count = version * 4 + 17
    probe.moduleCount = count
    positions = probe.dataPosIterator()
    masks = []
    for pattern in range(8):
        dark = QRUtil.getMask(pattern)
        rows = [0] * count
        for col, row in positions:
            if dark(row, col):
                rows[row] |= 1 << (count - 1 - col)
        masks.append(tuple(rows))
    return tuple(masks)


def _candidates(qr: QRCode) -> list[list[int]]:
    """The eight test symbols (qr.makeImpl(True, i) for each mask i) as integer rows."""
    qr.makeImpl(True, 0)
    masks = _mask_rows(qr.version)
    unmasked = [row ^ mask for row, mask in zip(_as_ints(qr.modules), masks[0], strict=True)]
    return [[row ^ mask for row, mask in zip(unmasked, masks[i], strict=True)] for i in range(8)]


def best_mask_pattern(qr: QRCode) -> int:
    """QRCode.getBestMaskPattern, with the lost points scored by `lost_points`."""
    return _best(_candidates(qr), qr.moduleCount)


def _best(candidates: list[list[int]], width: int) -> int:
    best, pattern = 0, 0
    for i, rows in enumerate(candidates):
        points = _score(rows, width)
        if i == 0 or best > points:
            best, pattern = points, i
    return pattern


def make(qr: QRCode) -> None:
    """QRCode.make, choosing the mask with `best_mask_pattern`: the chosen test symbol with
    its type information (and version number) set as makeImpl(False, mask) sets them."""
    if qr.version is None:
        qr.version = qr.calculate_version()
    candidates = _candidates(qr)
    pattern = _best(candidates, qr.moduleCount)
    width = qr.moduleCount
    qr.modules = [[bit == "1" for bit in format(row, f"0{width}b")] for row in candidates[pattern]]
    qr.setupTypeInfo(False, pattern)
    if qr.version >= 7:
        qr.setupTypeNumber(False)
