"""Keep memory flat over a day of previews and prints.

pdfium (QtPdf's engine) is set up when the first QPdfDocument is created and torn down when
the last one is destroyed; each such cycle leaks ~150 KB once a page was rendered at printer
resolution (measured: 100 load/render-at-300-dpi/close cycles +13 MB; the same with one other
document alive throughout +0.2 MB). Closing every preview made that a cycle per Lưu & In, so
`keep_pdf_engine_loaded()` parks one empty document on the application for the process's life.

Then, give freed C heap back to the operating system after the big, short-lived allocations.

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
_pdf_engine_keeper: object | None = None


def keep_pdf_engine_loaded() -> None:
    """Once per process, on the GUI thread: one empty QPdfDocument owned by the application."""
    global _pdf_engine_keeper
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtPdf import QPdfDocument

    app = QCoreApplication.instance()
    if app is None or (_pdf_engine_keeper is not None and _alive(_pdf_engine_keeper)):
        return
    keeper = QPdfDocument(app)
    keeper.setObjectName("pdfEngineKeeper")
    _pdf_engine_keeper = keeper


def _alive(obj: object) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


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
