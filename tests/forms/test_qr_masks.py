"""qr_masks scores every mask as ReportLab's encoder does, so the symbol is the same."""

from __future__ import annotations

import random
import string

from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel, QRUtil

from counter_app.forms import qr_masks


def _values(count: int) -> list[str]:
    rng = random.Random(15)
    values = []
    for n in range(count):
        if n % 2:
            values.append(
                f"000.00.{rng.randrange(100):02d}.H{rng.randrange(100):02d}-"
                f"26{rng.randrange(10**4):04d}-{rng.randrange(10**4):04d}"
            )
        else:
            values.append("".join(rng.choices(string.printable[:94], k=rng.randrange(1, 150))))
    return values


def _encoder(value: str) -> QRCode:
    qr = QRCode(None, QRErrorCorrectLevel.M)
    qr.addData(value)
    qr.version = qr.calculate_version()
    return qr


def test_lost_points_match_the_encoder_for_every_mask() -> None:
    for value in _values(120):
        qr = _encoder(value)
        for mask in range(8):
            qr.makeImpl(True, mask)
            assert qr_masks.lost_points(qr.modules) == QRUtil.getLostPoint(qr), (value, mask)


def test_same_symbol_as_the_encoder() -> None:
    for value in _values(40):
        expected, fast = _encoder(value), _encoder(value)
        expected.make()
        qr_masks.make(fast)
        assert fast.modules == expected.modules, value
