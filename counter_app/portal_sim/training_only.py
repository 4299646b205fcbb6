"""In the packaged app the stand-in portal is there for training mode only.

The bundle carries `counter_app.portal_sim` so that training (`counter-app --demo`) shows sync
working against a stand-in on 127.0.0.1 (gui/training.py starts it). A real counter must never
be able to send its dossiers to a stand-in: in a frozen (PyInstaller) build the stand-in
refuses to start unless training mode starts it, and it only ever listens on the loopback
interface. Development and test runs (not frozen) keep using it freely.
"""

from __future__ import annotations

import ipaddress
import sys

LOOPBACK_NAMES = frozenset({"localhost"})


class StandInRefused(RuntimeError):
    """The stand-in portal may not run here (the message says why, Vietnamese / English)."""


def is_packaged() -> bool:
    """True in the PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False))


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_may_start(*, host: str, training: bool, packaged: bool | None = None) -> None:
    """Raise StandInRefused when the stand-in may not start: in the packaged app, outside
    training mode or on an address other than loopback."""
    if not (is_packaged() if packaged is None else packaged):
        return
    if not training:
        raise StandInRefused(
            "Cổng giả lập chỉ dùng cho chế độ đào tạo (--demo), không dùng cho quầy thật / "
            "the stand-in portal runs in training mode only"
        )
    if not is_loopback(host):
        raise StandInRefused(
            f"Cổng giả lập chỉ nghe trên 127.0.0.1, không nghe trên {host} / "
            "the stand-in portal listens on the loopback address only"
        )
