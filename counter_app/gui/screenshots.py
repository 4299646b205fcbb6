"""`counter-app --screenshots DIR`: a PNG of every main screen, from training data.

Builds a training folder in a temporary directory (the real data folder is never touched),
signs in as the demo officer and grabs each screen with QWidget.grab(). Runs offscreen.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from counter_app.gui.context import AppContext
from counter_app.gui.training import DEMO_PASSWORD, DEMO_USER, prepare_training


def settle(
    ctx: AppContext, timeout: float = 20.0, condition: Callable[[], bool] | None = None
) -> None:
    """Process events until the DB queue is empty (and `condition` holds)."""
    app = QApplication.instance()
    deadline = time.monotonic() + timeout
    quiet = 0
    while time.monotonic() < deadline:
        app.processEvents()
        done = ctx.pending_jobs == 0 and (condition is None or condition())
        quiet = quiet + 1 if done else 0
        if quiet >= 3:
            return
        time.sleep(0.01)


def _save(widget: QWidget, path: Path, saved: list[Path]) -> None:
    QApplication.instance().processEvents()
    if widget.grab().save(str(path)):
        saved.append(path)


def _setup_screenshot(folder: Path, out_dir: Path, saved: list[Path]) -> None:
    """The first-run dialog on an empty folder, half filled in."""
    from counter_app.gui.dialogs.setup import SetupDialog
    from counter_app.services import CounterService

    service = CounterService.open(folder)
    ctx = AppContext(service)
    try:
        dialog = SetupDialog(ctx)
        dialog.show()
        dialog.commune.edit.setText("hoan kiem")
        dialog.commune._search("hoan kiem")
        dialog.unit_code.setText("000.00.01.H22")
        dialog.full_name.setText("Nguyễn Văn An")
        settle(ctx)
        _save(dialog, out_dir / "00-setup.png", saved)
        dialog.close()
        dialog.deleteLater()
    finally:
        ctx.wait_idle()
        ctx.run(service.store.close_thread_connection).result(10)
        ctx.shutdown()
        service.close()


def take_screenshots(
    out_dir: Path, *, dossiers: int = 300, language: str | None = None
) -> list[Path]:
    """Save the PNGs into out_dir; `language` ("vi"/"en") overrides the training setting."""
    from counter_app.gui import i18n
    from counter_app.gui.dialogs.settings import SettingsDialog
    from counter_app.gui.main_window import MainWindow

    out_dir.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="counter-app-shots-") as temporary:
        _setup_screenshot(Path(temporary) / "fresh", out_dir, saved)
        environment = prepare_training(Path(temporary) / "demo", dossiers=dossiers)
        ctx = AppContext(environment.service, training=True)
        i18n.install_translator(language or environment.service.settings.get("language"))
        window = None
        try:
            window = MainWindow(ctx, start_sync=True, prefill=(DEMO_USER, DEMO_PASSWORD))
            window.resize(1280, 800)
            window.show()
            settle(ctx, condition=lambda: bool(window.settings))
            _save(window, out_dir / "01-signin.png", saved)

            window.signin_page.form.submit()
            settle(ctx, condition=lambda: window.signed_in)
            window.show_intake()
            settle(ctx)
            _save(window, out_dir / "02-intake.png", saved)

            window.show_list()
            settle(ctx, condition=lambda: window.list_screen.model.rowCount() > 0)
            _save(window, out_dir / "03-list.png", saved)

            window.list_screen.search.setText("nguyen van")
            window.list_screen.apply_now()
            settle(ctx, condition=lambda: not window.list_screen.model.loading)
            _save(window, out_dir / "03b-list-search.png", saved)

            code = (
                window.list_screen.model.code_at(0) if window.list_screen.model.rowCount() else None
            )
            if code:
                window.list_screen.table.open_dossier(code)
                dialog = window.list_screen.table.last_dialog
                if dialog is not None:
                    dialog.resize(max(dialog.width(), 900), max(dialog.height(), 640))
                    settle(ctx)
                    _save(dialog, out_dir / "04-detail.png", saved)
                    dialog.close()
                    settle(ctx)

            window.show_today()
            settle(ctx, condition=lambda: bool(window.today_screen.counts))
            _save(window, out_dir / "05-today.png", saved)

            settings = SettingsDialog(ctx, window)
            settings.show()
            settle(ctx, condition=lambda: settings.loaded)
            for index, name in enumerate(("unit", "holidays", "printing", "portal", "catalogue")):
                settings.tabs.setCurrentIndex(index)
                _save(settings, out_dir / f"06-settings-{index + 1}-{name}.png", saved)
            settings.close()
            settings.deleteLater()

            window.open_sync_problems()
            settle(ctx)
            if window.sync_dialog is not None:
                _save(window.sync_dialog, out_dir / "07-sync-problems.png", saved)
                window.sync_dialog.close()

            window.lock()
            settle(ctx)
            if window.lock_dialog is not None:
                window.lock_dialog.resize(1280, 800)
                _save(window.lock_dialog, out_dir / "08-lock.png", saved)
        finally:
            if window is not None:
                window.shutdown()
                window.close()
                window.deleteLater()
            try:
                ctx.wait_idle(timeout=60)
                ctx.run(environment.service.store.close_thread_connection).result(10)
            finally:
                ctx.shutdown()
                environment.service.close()
                environment.close()
                QApplication.instance().processEvents()
    return saved
