"""Work around a reference-count bug of PySide6 abi3 wheels on Python < 3.12.

For development installs on Python 3.11 only: the shipped bundle is built with Python 3.12+
(.ci/build-bundle), where `protect_singletons()` does nothing, and its `--self-test`
reports the workaround inactive. Remove this module when the project requires Python 3.12.

PySide6 6.12 ships "abi3" (stable ABI) binaries built with Python 3.12+ headers. There,
None, True and False are immortal (PEP 683), so the generated code no longer counts the
references it hands back for them. Loaded by Python 3.11, every void Qt call made from
Python (``label.setText(...)``, ``widget.update()``…) and many signal emissions drop one
reference to None/True/False that was never taken. None starts with ~5,000 references,
so after a few thousand calls the interpreter aborts with
``Fatal Python error: none_dealloc: deallocating None`` (or ``bool_dealloc``). A counter
GUI used all day would crash within minutes.

`protect_singletons()` gives these objects what Python 3.12 gives them: a reference count
so large it can never reach zero (they are static objects that are never freed anyway).
It is a no-op on Python >= 3.12 and on debug builds.
"""

from __future__ import annotations

import sys

_BALLAST = 1 << 40  # ~10^12 stray decrements before trouble: never, in practice
_done = False


def affected() -> bool:
    """Whether this interpreter has the bug: CPython before 3.12."""
    return sys.version_info < (3, 12) and sys.implementation.name == "cpython"


def is_active() -> bool:
    """Whether `protect_singletons()` has patched this process."""
    return _done


def protect_singletons() -> bool:
    """Make None/True/False/Ellipsis/NotImplemented effectively immortal; once per process."""
    global _done
    if _done or not affected() or hasattr(sys, "gettotalrefcount"):
        return False
    import ctypes  # only where the workaround applies (~2.5 ms of the start)

    for singleton in (None, True, False, Ellipsis, NotImplemented):
        # ob_refcnt is the first field of every object in a release build of CPython 3.11.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _BALLAST
    _done = True
    return True


class GuiThreadGarbageCollector:
    """Run Python's cyclic garbage collector on the GUI thread only.

    Left automatic, a collection can start on the DB or sync thread and delete parentless
    Qt objects there, which crashes Qt. Automatic collection is switched off and a timer
    on the GUI thread collects whenever the counts pass the usual thresholds.
    """

    INTERVAL_MS = 500

    def __init__(self) -> None:
        import gc

        from PySide6.QtCore import QTimer

        self._gc = gc
        self._thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer()
        self.timer.setInterval(self.INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        counts = self._gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                self._gc.collect(generation)
                return

    def stop(self) -> None:
        self.timer.stop()
        self._gc.enable()
