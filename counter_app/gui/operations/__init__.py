"""The GUI's way into the core: one function per use case, each returning an op.

Modelled on Anki's `aqt.operations`: a write is a keyword-only function returning a
`CoreOp`, a read one returning a `QueryOp`; the caller is one line::

    change_status(ctx=self.ctx, parent=self, code=code, ...).success(done).run_in_background()

The op runs on the one-worker DB executor (`AppContext.run`), hands the result or error
back on the GUI thread, drops both when `parent` was deleted meanwhile, and after a
successful write publishes one `OpChanges` on `ctx.signals.changed` (views refresh there,
so no screen announces its own changes).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import shiboken6

from counter_app.gui.operations.changes import OpChanges

if TYPE_CHECKING:  # hints only: context.py imports what the GUI shares
    from counter_app.gui.context import AppContext
    from counter_app.services import CounterService

T = TypeVar("T")

__all__ = ["CoreOp", "OpChanges", "QueryOp", "alive", "guard", "publish"]


def alive(obj: object) -> bool:
    """False once the C++ side of a Qt object was deleted (closed dialog, destroyed window)."""
    return shiboken6.isValid(obj)


def guard(owner: object, callback: Callable[..., Any]) -> Callable[..., Any]:
    """A callback that does nothing when `owner` is gone by the time it is called."""

    def call(*args: Any) -> Any:
        if alive(owner):
            return callback(*args)
        return None

    return call


def publish(ctx: AppContext, changes: OpChanges) -> None:
    """The one way changes reach the views: after a write here, or a sync pass's results."""
    ctx.signals.changed.emit(changes)


class QueryOp(Generic[T]):
    """A read: `op(service)` off the GUI thread, then `success(result)` on it.

    Without a failure handler, errors go to the app's error handler (the crash dialog).
    """

    def __init__(
        self, *, ctx: AppContext, parent: object | None, op: Callable[[CounterService], T]
    ) -> None:
        self.ctx = ctx
        self.parent = parent
        self._op = op
        self._on_success: Callable[[T], Any] | None = None
        self._on_failure: Callable[[BaseException], Any] | None = None

    def success(self, callback: Callable[[T], Any]) -> QueryOp[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], Any]) -> QueryOp[T]:
        self._on_failure = callback
        return self

    def run_in_background(self) -> Future:
        service = self.ctx.service
        on_error = self._failed if self._on_failure is not None else None
        return self.ctx.run(lambda: self._op(service), self._succeeded, on_error)

    def _parent_gone(self) -> bool:
        return self.parent is not None and not alive(self.parent)

    def _succeeded(self, result: T) -> None:
        if self._on_success is not None and not self._parent_gone():
            self._on_success(result)

    def _failed(self, error: BaseException) -> None:
        if self._on_failure is not None and not self._parent_gone():
            self._on_failure(error)


class CoreOp(QueryOp[T]):
    """A write: like a query, and on success `changes` (or `changes(result)`) is published.

    The changes go out after the success handler and even when `parent` is gone: other
    screens must refresh either way, and a screen that reloads in its handler then sees
    its own change while already loading.
    """

    def __init__(
        self,
        *,
        ctx: AppContext,
        parent: object | None,
        op: Callable[[CounterService], T],
        changes: OpChanges | Callable[[T], OpChanges],
    ) -> None:
        super().__init__(ctx=ctx, parent=parent, op=op)
        self._changes = changes

    def _succeeded(self, result: T) -> None:
        super()._succeeded(result)
        changes = self._changes(result) if callable(self._changes) else self._changes
        publish(self.ctx, changes)
