"""Qt side of the sync engine: status re-emitted on the GUI thread, and the engine's lifecycle.

The engine (`counter_app.sync.engine.SyncEngine`) calls `on_status` and `on_pass` from its own
thread; both are safe to call from any thread: they emit Qt signals whose receivers live on
the GUI thread, so Qt queues the delivery there.

With the app context attached (`SyncStatusBridge(parent, ctx=ctx)`), what a pass did is
published as the operations layer's changes (the list, the detail and Hôm nay reload on it:
"Chờ gửi" turns "Đã đồng bộ" without Làm mới), and a local write nudges the engine at once
instead of waiting for the next cycle. Nudges are coalesced: a burst of writes is one pass.
"""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QObject, QTimer, Signal

from counter_app.domain.clock import CLOCK_SKEW_LIMIT
from counter_app.ops import secrets_store
from counter_app.sync.status import SyncStatus

log = logging.getLogger(__name__)

ENGINE_MODULE = "counter_app.sync.engine"


# Quitting waits this long for a request in flight; the thread is a daemon and every DB
# write is one transaction, so an unfinished pass is simply resent next time.
ENGINE_STOP_TIMEOUT = 5.0
NOT_CONFIGURED = SyncStatus(state="disabled")
# A local write nudges the engine this long after the last write of a burst, and never more
# than NUDGE_MAX_WAIT_MS after the first: twenty status changes in a row are one pass.
NUDGE_QUIET_MS = 300
NUDGE_MAX_WAIT_MS = 2000


def engine_available() -> bool:
    """Whether this build has the sync engine (checked without importing it)."""
    try:
        return importlib.util.find_spec(ENGINE_MODULE) is not None
    except ModuleNotFoundError:
        return False


def describe(status: SyncStatus) -> str:
    """One line for the status bar: state, then what waits, then what was refused."""
    if status.state == "disabled":
        return QCoreApplication.translate("SyncStatus", "Chưa cấu hình đồng bộ")
    if status.state == "syncing":
        text = QCoreApplication.translate("SyncStatus", "Đang đồng bộ…")
    elif status.state == "offline":
        text = QCoreApplication.translate("SyncStatus", "Mất kết nối cổng DVC")
    elif status.state == "error":
        text = QCoreApplication.translate("SyncStatus", "Lỗi đồng bộ")
    elif status.last_success is not None:
        text = QCoreApplication.translate("SyncStatus", "Đã đồng bộ lúc {time}").format(
            time=status.last_success.strftime("%H:%M")
        )
    else:
        text = QCoreApplication.translate("SyncStatus", "Đã đồng bộ")
    parts = [text]
    if status.pending:
        parts.append(
            QCoreApplication.translate("SyncStatus", "{n} chờ gửi").format(n=status.pending)
        )
    if status.rejected:
        parts.append(
            QCoreApplication.translate("SyncStatus", "{n} bị từ chối").format(n=status.rejected)
        )
    conflicts = getattr(status, "conflicts", 0)
    if conflicts:
        parts.append(QCoreApplication.translate("SyncStatus", "{n} xung đột").format(n=conflicts))
    return " · ".join(parts)


def skew_warning(status: SyncStatus) -> str:
    """'' or a warning that the PC clock differs from the portal's by more than 5 minutes."""
    skew = status.clock_skew_seconds
    if skew is None or abs(skew) <= CLOCK_SKEW_LIMIT:
        return ""
    minutes = round(abs(skew) / 60)
    if skew > 0:
        return QCoreApplication.translate(
            "SyncStatus", "⚠ Đồng hồ máy chậm {m} phút so với cổng DVC: hãy chỉnh giờ"
        ).format(m=minutes)
    return QCoreApplication.translate(
        "SyncStatus", "⚠ Đồng hồ máy nhanh {m} phút so với cổng DVC: hãy chỉnh giờ"
    ).format(m=minutes)


class SyncStatusBridge(QObject):
    """Receives SyncStatus on any thread; `status_changed` fires on the GUI thread."""

    status_changed = Signal(object)
    pass_finished = Signal(object)  # a PassReport, on the GUI thread

    def __init__(self, parent: QObject | None = None, *, ctx: Any = None) -> None:
        super().__init__(parent)
        self.latest: SyncStatus = NOT_CONFIGURED
        self.engine: Any = None
        self.nudges = 0  # how many times local writes woke the engine
        self.status_changed.connect(self._remember)
        self._ctx = ctx
        self._nudge = QTimer(self)
        self._nudge.setSingleShot(True)
        self._nudge.setInterval(NUDGE_QUIET_MS)
        self._nudge.timeout.connect(self._nudge_now)
        self._first_write = QElapsedTimer()
        if ctx is not None:
            self.pass_finished.connect(self._publish_pass)
            ctx.signals.changed.connect(self._core_changed)

    def on_status(self, status: SyncStatus) -> None:
        """Thread-safe: called by the engine from the sync thread."""
        self.status_changed.emit(status)

    def on_pass(self, report: Any) -> None:
        """Thread-safe: called by the engine from the sync thread after every pass."""
        self.pass_finished.emit(report)

    def _publish_pass(self, report: Any) -> None:
        from counter_app.gui.operations import publish
        from counter_app.gui.operations.changes import changes_from_sync_pass

        changes = changes_from_sync_pass(report)
        if changes is not None:
            publish(self._ctx, changes)

    def _core_changed(self, changes: Any) -> None:
        if self.engine is None or not changes.is_local_dossier_write:
            return
        if not self._nudge.isActive():
            self._first_write.start()
        elif self._first_write.elapsed() >= NUDGE_MAX_WAIT_MS:
            return  # a long stream of writes: let the pending nudge fire
        self._nudge.start()  # (re)start: fires NUDGE_QUIET_MS after the last write

    def _nudge_now(self) -> None:
        if self.engine is not None:
            self.nudges += 1
            self.engine.sync_now()

    def _remember(self, status: SyncStatus) -> None:
        self.latest = status

    # -- engine lifecycle ----------------------------------------------------------------
    def start_engine(self, service: Any, *, prefer_file_secret: bool = False) -> bool:
        """Create and start the engine when the module exists; False when unavailable."""
        if not engine_available():
            self.status_changed.emit(NOT_CONFIGURED)
            return False
        if self.engine is not None:
            return True
        from counter_app.sync.engine import SyncEngine

        folder = Path(service.store.folder)

        def password() -> str:
            user = service.settings.get("portal_user")
            return secrets_store.get_portal_password(folder, user, prefer_file=prefer_file_secret)

        self.engine = SyncEngine(
            service, password_provider=password, on_status=self.on_status, on_pass=self.on_pass
        )
        self.engine.start()
        return True

    def sync_now(self) -> None:
        if self.engine is not None:
            self.engine.sync_now()

    def stop_engine(self) -> None:
        self._nudge.stop()
        if self.engine is not None:
            engine, self.engine = self.engine, None
            try:
                engine.stop(timeout=ENGINE_STOP_TIMEOUT)
            except Exception:  # noqa: BLE001 - shutting down: never block the exit on sync
                log.exception("stopping the sync engine failed")


def retry_rejected(service: Any, code: str, *, actor: str) -> int:
    """Re-queue a rejected dossier (runs on the DB thread through ctx.run)."""
    from counter_app.sync import push

    return push.retry_rejected(service, code, actor=actor)


def rejected_rows(service: Any, limit: int = 500) -> list[dict[str, Any]]:
    """Dossiers the portal refused or that clash with it, with the portal's messages."""
    return service.search.dossiers("", sync_problems=True, limit=limit)
