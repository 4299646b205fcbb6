"""RefreshWhenShown: a visible screen reloads on a change, a hidden one when shown next."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from counter_app.gui.widgets.refresh import RefreshWhenShown


def test_hidden_screens_reload_once_when_shown_visible_ones_at_once(qtbot) -> None:
    screen = QWidget()
    qtbot.addWidget(screen)
    loads: list[int] = []
    freshness = RefreshWhenShown(screen, lambda: loads.append(1))

    screen.show()  # never loaded: the first show loads
    qtbot.waitExposed(screen)
    assert len(loads) == 1
    freshness.core_changed()  # visible: at once
    assert len(loads) == 2

    screen.hide()
    freshness.core_changed()
    freshness.core_changed()  # hidden: only marked stale
    assert len(loads) == 2 and freshness.stale
    screen.show()
    assert len(loads) == 3 and not freshness.stale
    screen.hide()
    screen.show()  # nothing changed meanwhile: no reload
    assert len(loads) == 3


def test_a_screen_that_reloaded_by_itself_is_not_reloaded_on_show(qtbot) -> None:
    screen = QWidget()
    qtbot.addWidget(screen)
    loads: list[int] = []
    freshness = RefreshWhenShown(screen, lambda: loads.append(1))
    freshness.mark_fresh()  # e.g. the list started before its tab was shown
    screen.show()
    qtbot.waitExposed(screen)
    assert loads == []
