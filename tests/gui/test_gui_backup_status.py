"""Backups off the start path (issue 12, item 9), seen from the window.

The backup is paced (one page per step, a pause after each) so that it is observably in
progress while the window signs in and loads its list; no timings are asserted.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from counter_app.gui.backup_status import BackupStatus  # noqa: E402
from counter_app.gui.context import AppContext  # noqa: E402
from counter_app.gui.dialogs.signin import SignInForm  # noqa: E402
from counter_app.gui.main_window import MainWindow  # noqa: E402
from counter_app.ops import secrets_store  # noqa: E402
from counter_app.ops.backup_schedule import BackgroundBackups  # noqa: E402
from counter_app.ops.restore import verify_backup  # noqa: E402
from counter_app.services import CounterService  # noqa: E402
from counter_app.store import paths  # noqa: E402
from tests.conftest import configure, intake  # noqa: E402
from tests.gui.test_gui_shell import sign_in, wait_loaded  # noqa: E402

WAIT = 10_000  # ms; generous for slow CI, never a timed assertion
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _no_retry_delay_and_file_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SignInForm, "RETRY_DELAY_MS", 0)
    monkeypatch.setenv(secrets_store.SECRETS_ENV, "file")


@pytest.fixture
def window(service: CounterService, qtbot, qapp: QApplication) -> Iterator[MainWindow]:
    ctx = AppContext(service)
    win = MainWindow(ctx, settings=service.settings.all())
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.shutdown()
    win.close()
    win.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    ctx.wait_idle()
    ctx.run(service.store.close_thread_connection).result(10)
    ctx.shutdown()
    qapp.processEvents()


def test_the_window_works_while_a_backup_runs_and_shows_its_progress(
    service: CounterService, window: MainWindow, qtbot, tmp_path: Path
) -> None:
    for number in range(20):
        applicant = dict(intake()["applicant"], full_name=f"Nguyễn Văn Số {number}")
        service.intake.receive(intake(applicant=applicant))
    background = BackgroundBackups(service, pace_seconds=0.2, step_pages=1)
    status = BackupStatus(window)
    background.listener = status.listener
    try:
        assert background.check()
        qtbot.waitUntil(lambda: status.bar.isVisible() and status.bar.value() > 0, timeout=WAIT)

        # the window's first queries: sign-in, then the list, answered during the backup
        sign_in(qtbot, window, "an.nv", "matkhau1-quay")
        assert window.ctx.officer is not None
        window.show_list()
        model = window.list_screen.model
        wait_loaded(qtbot, window.ctx, model)
        assert model.rowCount() == 20
        assert background.running  # the backup was in progress all along
        value = status.bar.value()
        assert 0 < value < 100 and status.bar.isVisible()
        assert status.bar.text() == f"Đang sao lưu… {value}%"
        window.statusBar().grab().save(str(tmp_path / "backup-status.png"))

        background.pace_seconds = 0  # let it finish
        qtbot.waitUntil(lambda: not background.running, timeout=WAIT * 3)
        qtbot.waitUntil(lambda: not status.bar.isVisible(), timeout=WAIT)
        # the bar hides at 100 %, the "done" message follows when the copy has been checked
        qtbot.waitUntil(
            lambda: window.statusBar().currentMessage() == "Đã sao lưu dữ liệu.", timeout=WAIT
        )
        (made,) = paths.backups_dir(service.store.folder).glob("counter-*-daily.db")
        assert verify_backup(made).dossiers == 20
    finally:
        background.listener = None
        background.close(deadline_seconds=5)


def test_a_failed_backup_is_said_on_the_status_bar(
    service: CounterService, window: MainWindow, qtbot
) -> None:
    blocker = paths.backups_dir(service.store.folder)
    blocker.write_text("not a folder")  # the backups folder cannot be made
    background = BackgroundBackups(service)
    status = BackupStatus(window)
    background.listener = status.listener
    try:
        assert background.check()
        qtbot.waitUntil(
            lambda: status.last is not None and status.last.kind == "failed", timeout=WAIT
        )
        assert window.statusBar().currentMessage().startswith("Sao lưu không thành công:")
        assert not status.bar.isVisible()
    finally:
        background.listener = None
        background.close(deadline_seconds=5)
        blocker.unlink()


def test_the_app_closing_during_the_days_backup_leaves_no_backup_file(tmp_path: Path) -> None:
    """The whole app as a process: the day's backup starts as soon as start-up settled
    (delay 0), the start-up probe quits at once, the running backup is interrupted, and as
    nothing changed there is no exit backup: no file, no partial file."""
    folder = tmp_path / "data"
    service = configure(CounterService.open(folder))
    service.intake.receive(intake())
    service.close()
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        COUNTER_APP_STARTUP_PROBE="1",
        COUNTER_APP_BACKUP_DELAY_MS="0",
        PYTHONPATH=str(ROOT),
    )
    env.pop("COUNTER_APP_DATA", None)
    result = subprocess.run(
        [sys.executable, "-m", "counter_app", "--data-dir", str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    line = next(line for line in result.stdout.splitlines() if line.startswith("STARTUP_IDLE"))
    assert line.split()[-1] in ("backup=running", "backup=idle")
    directory = paths.backups_dir(folder)
    left = sorted(p.name for p in directory.iterdir()) if directory.exists() else []
    # either the day's backup finished before the probe quit (a complete file), or it was
    # interrupted (nothing at all); never a partial file, never an exit backup
    assert not [name for name in left if name.endswith(".partial") or "-exit" in name], left
    for name in left:
        assert verify_backup(directory / name).ok, name
