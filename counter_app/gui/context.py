"""What every screen shares: the service, the signed-in officer, the background executor.

All database, PDF and network work goes through `AppContext.run`: it runs on one background
thread (a single writer; that thread has its own SQLite connection from the Store) and the
result or error comes back on the GUI thread. Screens do not call it themselves: they go
through `counter_app.gui.operations`, which publishes what a write changed on
`signals.changed`, and screens refresh there.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from counter_app.gui.compat import protect_singletons
from counter_app.services import CounterService
from counter_app.services import staff as staff_roles

# PySide6 abi3 wheels on Python 3.11 drop references to None/True/False (see compat.py);
# every GUI module imports this one, so the guard is in place before any Qt call.
protect_singletons()


@dataclass
class Officer:
    username: str
    full_name: str
    role: str

    def may(self, permission: str) -> bool:
        return staff_roles.allows(self.role, permission)

    @property
    def is_admin(self) -> bool:
        return self.may(staff_roles.ADMINISTER)


class _Delivery(QObject):
    """Carries a finished job's callback to the GUI thread (queued signal)."""

    finished = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver)

    @Slot(object)
    def _deliver(self, callback: Callable[[], None]) -> None:
        callback()


@dataclass
class AppContext:
    service: CounterService
    training: bool = False
    officer: Officer | None = None
    _executor: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=1, thread_name_prefix="db")
    )
    _delivery: _Delivery = field(default_factory=_Delivery)
    signals: AppSignals = field(default_factory=lambda: AppSignals())
    pending_jobs: int = 0

    def run(
        self,
        job: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Future:
        """Run `job` off the GUI thread; call on_done(result) / on_error(exc) on the GUI thread.

        Without on_error, errors go to the app's error handler (the crash dialog for bugs).
        """
        self.pending_jobs += 1

        def finish(future: Future) -> None:
            def deliver() -> None:
                self.pending_jobs -= 1
                error = future.exception()
                if error is None:
                    if on_done is not None:
                        on_done(future.result())
                elif on_error is not None:
                    on_error(error)
                else:
                    self.signals.unhandled_error.emit("".join(traceback.format_exception(error)))

            self._delivery.finished.emit(deliver)

        future = self._executor.submit(job)
        future.add_done_callback(finish)
        return future

    def wait_idle(self, timeout: float = 10.0) -> None:
        """Block until queued jobs ran (used at shutdown and by tests)."""
        self._executor.submit(lambda: None).result(timeout)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True)


class AppSignals(QObject):
    changed = Signal(object)  # OpChanges, published by the operations layer only
    signed_in = Signal(object)  # Officer
    signed_out = Signal()
    unhandled_error = Signal(str)  # formatted traceback
