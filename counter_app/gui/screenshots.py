"""`counter-app --screenshots DIR`: a PNG of every main screen, from training data.

Builds a training folder in a temporary directory (the real data folder is never touched),
signs in as the demo officer and grabs each screen with QWidget.grab(). Runs offscreen, once
per screen size of SCREEN_SIZES, each in its own process (the offscreen screen is fixed per
process): the commune office's 1366×768 into DIR, 1920×1080 into DIR/1920x1080. With
QT_QPA_PLATFORM already set, one run on that platform's screen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from counter_app.gui.context import AppContext
from counter_app.gui.training import DEMO_PASSWORD, DEMO_USER, prepare_training
from counter_app.gui.widgets.screen import fit_to_screen

# (width, height, sub-folder of DIR); the first is the most common screen in commune offices.
SCREEN_SIZES = ((1366, 768, ""), (1920, 1080, "1920x1080"))


def offscreen_platform(folder: Path, width: int, height: int) -> str:
    """QT_QPA_PLATFORM for an offscreen screen of width×height (a config file in `folder`)."""
    screen = {"name": f"{width}x{height}", "x": 0, "y": 0, "width": width, "height": height}
    screen.update(logicalDpi=96, logicalBaseDpi=96, dpr=1)
    config = folder / f"screen-{width}x{height}.json"
    config.write_text(json.dumps({"windowFrameMargins": True, "screens": [screen]}))
    return f"offscreen:configfile={config}"


def take_screenshots_at_sizes(out_dir: Path) -> list[Path]:
    """Every screen at each of SCREEN_SIZES, each size in a child `counter-app --screenshots`."""
    if getattr(sys, "frozen", False):  # the bundle: its executable is counter-app itself
        command = [sys.executable]
    else:
        command = [sys.executable, "-m", "counter_app"]
    saved: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="counter-app-screens-") as temporary:
        for width, height, sub in SCREEN_SIZES:
            target = out_dir / sub if sub else out_dir
            env = dict(os.environ)
            env["QT_QPA_PLATFORM"] = offscreen_platform(Path(temporary), width, height)
            result = subprocess.run(
                [*command, "--screenshots", str(target)],
                env=env,
                capture_output=True,
                text=True,
                timeout=600,
            )
            if result.returncode != 0:
                raise RuntimeError(
                    f"screenshots at {width}x{height} failed: {result.stderr[-2000:]}"
                )
            saved += [Path(line) for line in result.stdout.splitlines() if line.endswith(".png")]
    return saved


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


def _preview_screenshot(
    ctx: AppContext, parent: QWidget, code: str, out_dir: Path, saved: list[Path]
) -> None:
    """The receipt preview (Mẫu 01) of `code`, as Lưu & In opens it."""
    from counter_app.gui.dialogs.preview import PreviewDialog

    service = ctx.service
    pdf = ctx.run(lambda: service.prints.render(service.dossiers.get(code), "receipt")).result()
    preview = PreviewDialog(ctx, pdf, title=f"Giấy tiếp nhận hồ sơ - {code}", parent=parent)
    preview.show()
    settle(ctx)
    # QPdfView renders pages on its own threads, with no signal when done: give it a moment.
    deadline = time.monotonic() + 1.5
    while time.monotonic() < deadline:
        QApplication.instance().processEvents()
        time.sleep(0.02)
    _save(preview, out_dir / "04b-preview.png", saved)
    preview.close()
    preview.deleteLater()


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
            window.show()  # as large as the screen allows, up to 1280×800
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
                    settle(ctx, condition=lambda: dialog.dossier is not None)
                    _save(dialog, out_dir / "04-detail.png", saved)
                    _preview_screenshot(ctx, dialog, code, out_dir, saved)
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
                fit_to_screen(window.lock_dialog, 1280, 800)
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
