"""Qt side of the sync engine: status re-emitted on the GUI thread, and the engine's lifecycle.

The engine (`counter_app.sync.engine.SyncEngine`) calls `on_status` from its own thread;
`SyncStatusBridge.on_status` is safe to call from any thread: it emits a Qt signal whose
receivers live on the GUI thread, so Qt queues the delivery there.
"""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from counter_app.domain.clock import CLOCK_SKEW_LIMIT
from counter_app.ops import secrets_store
from counter_app.sync.status import SyncStatus

log = logging.getLogger(__name__)

ENGINE_MODULE = "counter_app.sync.engine"


# Quitting waits this long for a request in flight; the thread is a daemon and every DB
# write is one transaction, so an unfinished pass is simply resent next time.
ENGINE_STOP_TIMEOUT = 5.0
NOT_CONFIGURED = SyncStatus(state="disabled")


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

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.latest: SyncStatus = NOT_CONFIGURED
        self.engine: Any = None
        self.status_changed.connect(self._remember)

    def on_status(self, status: SyncStatus) -> None:
        """Thread-safe: called by the engine from the sync thread."""
        self.status_changed.emit(status)

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

        self.engine = SyncEngine(service, password_provider=password, on_status=self.on_status)
        self.engine.start()
        return True

    def sync_now(self) -> None:
        if self.engine is not None:
            self.engine.sync_now()

    def stop_engine(self) -> None:
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
