"""Give freed C heap back to the operating system after the big, short-lived allocations.

A receipt preview holds pdfium's document and its rendered pages; printing rasterises each
page at up to 300 dpi (tens of MB) on the DB thread. Once those are freed, glibc keeps the
pages in its arenas: nothing is leaked, yet the resident size the officer's Task Manager shows
only ever grows (measured by bench/bench_gui.py --soak: ~6 MB more per 100 intakes without
this, flat with it). `malloc_trim(0)` hands the free pages back; it costs a few milliseconds
and runs when a preview has been closed. Elsewhere (macOS, Windows, musl) it does nothing.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Callable
from functools import lru_cache

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        trim = ctypes.CDLL(None).malloc_trim  # glibc only
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def can_release() -> bool:
    """Whether this platform's C library can give free heap back (glibc)."""
    return _malloc_trim() is not None


def release_free_memory() -> bool:
    """Return the C heap's free pages to the OS; True when something was released."""
    trim = _malloc_trim()
    if trim is None:
        return False
    try:
        return bool(trim(0))
    except OSError:  # never let memory hygiene break the GUI
        log.debug("malloc_trim failed", exc_info=True)
        return False
