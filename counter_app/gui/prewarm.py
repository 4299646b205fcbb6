"""Importing the work screens on a worker thread while the officer signs in."""

from __future__ import annotations

from collections.abc import Callable

PREWARM_MODULES = (
    "counter_app.gui.lists.dossier_list",
    "counter_app.gui.lists.today",
    "counter_app.gui.intake",
    "counter_app.gui.dossier.detail",
)


def prewarm_imports(modules: list[str], after_first: Callable[[], None] | None = None) -> None:
    """Import modules on a worker thread while the sign-in page waits (no widgets here).

    `after_first` runs once the first module is imported or failed to (the GUI thread then
    imports it again itself, so a real import error is reported there, not swallowed).
    """
    import importlib

    for number, name in enumerate(modules):
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the import on the GUI thread reports problems
            if number == 0 and after_first is not None:
                after_first()
            return
        if number == 0 and after_first is not None:
            after_first()
