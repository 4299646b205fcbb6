"""A faster scan behind PySide6's import hook, with the same answer.

Once `PySide6.QtCore` is imported, PySide6 replaces `__import__` and, after every module
imported from then on, asks whether the module's source mentions "PySide6" (to apply its
opt-in `from __feature__ import snake_case` switches to that module). It finds out with
`inspect.getsource`, which reads, tokenizes and splits the whole file through `linecache`:
~0.2 ms a module, 15-20 ms of the GUI's start-up (~90 modules imported after Qt). See
napari/napari#8584.

`install()` keeps the question and its answer and only reads the file faster: the bytes of
the module's own ``.py`` file, searched for the same word. Anything else (a frozen module in
the bundle, a module without a source file, a PySide6 that no longer has the hook) goes to
PySide6's own scan, unchanged.
"""

from __future__ import annotations

import sys
from types import ModuleType

_HOOK_MODULE = "shibokensupport.feature"
_SCAN = "_mod_uses_pyside"


def install() -> bool:
    """Put the faster scan in place; False when this PySide6 has no such hook."""
    feature = sys.modules.get(_HOOK_MODULE)
    original = getattr(feature, _SCAN, None)
    if original is None or hasattr(original, "pyside_scan"):
        return False

    def mentions_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return original(module)

    mentions_pyside.pyside_scan = original  # type: ignore[attr-defined]
    setattr(feature, _SCAN, mentions_pyside)
    return True
