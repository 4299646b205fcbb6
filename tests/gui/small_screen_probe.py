"""Child process of test_gui_small_screens: every window on a screen of the given size.

Run as `python tests/gui/small_screen_probe.py DATA_DIR` under
QT_QPA_PLATFORM=offscreen:configfile=<json with one screen>; the offscreen plugin's screen
size is fixed per process, hence the child. Opens the main window (signed in, each tab), a
dossier's detail, an action dialog, the receipt preview, settings, the sync problems list, the
document capture dialog and the batch hand-over;
prints one JSON object: the screen's available geometry and, per window, its frame and every
visible button lying outside it.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPoint, QRect  # noqa: E402
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget  # noqa: E402

from counter_app.gui.context import AppContext, Officer  # noqa: E402
from counter_app.services import CounterService  # noqa: E402
from tests.conftest import configure, intake  # noqa: E402


def main(folder: Path) -> dict:
    app = QApplication([])
    service = configure(CounterService.open(folder))
    code = service.intake.receive(intake()).dossier["code"]
    ctx = AppContext(service)
    available = app.primaryScreen().availableGeometry()
    report: dict = {
        "available": [available.x(), available.y(), available.width(), available.height()],
        "windows": {},
    }

    def wait(condition=lambda: True, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        quiet = 0
        while time.monotonic() < deadline:
            app.processEvents()
            quiet = quiet + 1 if ctx.pending_jobs == 0 and condition() else 0
            if quiet >= 3:
                return
            time.sleep(0.005)
        raise TimeoutError("probe step did not finish")

    def check(name: str, window: QWidget) -> None:
        window.show()
        wait(window.isVisible)
        frame = window.frameGeometry()
        outside = []
        for button in window.findChildren(QAbstractButton):
            if not button.isVisibleTo(window) or button.window() is not window:
                continue
            top_left = button.mapToGlobal(QPoint(0, 0))
            rect = QRect(top_left, button.size())
            # A button scrolled out of a scroll area is reachable; one cut off is not.
            clip = button.visibleRegion().boundingRect()
            if not available.contains(rect) or (clip.isEmpty() and not _in_scroll_area(button)):
                outside.append(button.text() or button.objectName() or type(button).__name__)
        if os.environ.get("PROBE_SHOTS"):  # a folder: look at what the test checked
            shots = Path(os.environ["PROBE_SHOTS"])
            shots.mkdir(parents=True, exist_ok=True)
            window.grab().save(str(shots / f"{name}.png"))
        report["windows"][name] = {
            "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
            "inside": available.contains(frame),
            "buttons_outside": outside,
        }

    from counter_app.gui.capture.dialog import CaptureDialog
    from counter_app.gui.dialogs.preview import PreviewDialog
    from counter_app.gui.dialogs.settings import SettingsDialog
    from counter_app.gui.dialogs.sync_problems import SyncProblemsDialog
    from counter_app.gui.dossier.detail import DossierDetailDialog
    from counter_app.gui.lists.batch_handover import BatchHandoverDialog
    from counter_app.gui.main_window import MainWindow

    window = MainWindow(ctx, settings=service.settings.all())
    check("signin", window)
    ctx.officer = Officer("an.nv", "Nguyễn Văn An", "admin")
    window._set_signed_in(True)
    wait(lambda: window.intake is not None and window.intake.ready)
    for name, show in (
        ("intake", window.show_intake),
        ("list", window.show_list),
        ("today", window.show_today),
    ):
        show()
        wait()
        check(name, window)
    page = window.intake
    window.show_intake()
    page.set_procedure(page.picker.by_code("2.001263"))  # the longest checklist: 5 + a fee
    page.checks.show_all = True
    page.checks.render_all()  # every field's message shown: the tallest the form gets
    wait()
    check("intake-filled", window)
    detail = DossierDetailDialog(ctx, code, window)
    wait(lambda: detail.dossier is not None)
    check("detail", detail)
    action = detail.start_action(5)  # supplement: the largest action dialog
    check("action-supplement", action)
    action.reject()
    pdf = service.prints.render(service.dossiers.get(code), "receipt")
    preview = PreviewDialog(ctx, pdf, title="Giấy tiếp nhận", parent=window)
    check("preview", preview)
    preview.reject()
    detail.reject()
    settings = SettingsDialog(ctx, window)
    wait(lambda: settings.loaded)
    check("settings", settings)
    settings.reject()
    problems = SyncProblemsDialog(ctx, window.sync_bridge, window)
    check("sync-problems", problems)
    problems.reject()
    capture = CaptureDialog(ctx, "Đơn đề nghị", window, code=code)
    check("capture", capture)
    capture.reject()
    handover = BatchHandoverDialog(ctx, window)
    check("batch-handover", handover)
    handover.reject()
    window.shutdown()
    ctx.wait_idle()
    ctx.run(service.store.close_thread_connection).result(10)
    ctx.shutdown()
    service.close()
    return report


def _in_scroll_area(widget: QWidget) -> bool:
    from PySide6.QtWidgets import QScrollArea

    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))), flush=True)
