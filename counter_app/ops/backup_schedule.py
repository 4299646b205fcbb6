"""The desktop app's backups, off the start path and off its DB thread (issue 12, item 9).

Qt-free. `BackgroundBackups` makes the GUI's backups on a thread and a SQLite connection of
its own (`backups.backup_folder`), so the window's queries never wait behind a 1 GB copy:

- `check()`: the day's backup when none was made today (or the exit backup an earlier close
  could not finish), started on the background thread. The GUI calls it once start-up has
  settled, then hourly (PCs stay on for days).
- `close(deadline)`: when the app closes. A backup still running is interrupted (no file is
  left; the day's backup is still due at the next start). An exit backup is made only when
  the office's data changed since the last backup (`Store.data_changes`, committed writes
  to a sealed table: a sync pass with nothing to do, or a plain look-up, changes nothing) or
  an earlier exit backup is owed. It gets `deadline` seconds; past them it is interrupted and
  owed (a mark in the backups folder): the next start makes it first.

After the day's backup, the same thread merges the search index when a bulk write left it
in many segments (`tidy_search_index`, store/search_index.py): short write steps, so the
counter keeps receiving; close() stops it between two steps and the next day goes on.

A listener hears `BackupEvent`s (started, progress, done, failed, interrupted) on the backup
thread; the GUI forwards them to its status bar (gui/backup_status.py).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.domain import clock
from counter_app.services import CounterService
from counter_app.store import file_modes, paths

if TYPE_CHECKING:  # imported when a backup or merge first runs, not at the app's start
    from counter_app.ops import backups
    from counter_app.store import search_index

log = logging.getLogger(__name__)

OWED_MARK = "exit-backup-owed"  # in the backups folder: an exit backup did not finish
EXIT_DEADLINE_SECONDS = 30.0  # a 1 GB database is copied and checked in ~5-10 s


@dataclass(frozen=True)
class BackupEvent:
    kind: str  # "started", "progress", "done", "failed", "interrupted"
    reason: str
    done: int = 0  # pages copied so far
    total: int = 0  # pages in all
    path: Path | None = None  # the backup made ("done")
    error: str = ""  # what went wrong ("failed"), or a second-folder problem ("done")

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0


Listener = Callable[[BackupEvent], None]


class BackgroundBackups:
    """Backups of one open data folder on their own thread and connection."""

    def __init__(
        self,
        service: CounterService,
        *,
        listener: Listener | None = None,
        pace_seconds: float = 0.0,
        step_pages: int | None = None,
    ) -> None:
        """`pace_seconds`: a pause after each step of `step_pages` pages (a gentler copy;
        default `backups.STEP_PAGES`)."""
        self.store = service.store
        self.folder = Path(service.store.folder)
        self.listener = listener
        self.pace_seconds = pace_seconds
        self.step_pages = step_pages
        self._changes_backed_up = self.store.data_changes
        self._stop = threading.Event()
        self._mutex = threading.Lock()
        self._thread: threading.Thread | None = None
        self._closed = False

    # -- what is due ------------------------------------------------------------------------
    @property
    def owed_mark(self) -> Path:
        return paths.backups_dir(self.folder) / OWED_MARK

    def due_reason(self, today: date | None = None) -> str | None:
        """ "exit" when an exit backup is owed, "daily" when none was made today, else None."""
        if self.owed_mark.exists():
            return "exit"
        from counter_app.ops import backups

        if backups.made_on(paths.backups_dir(self.folder), today or clock.now().date()):
            return None
        return "daily"

    def changed_since_backup(self) -> bool:
        """The office's data changed since the last backup this process made (or opened)."""
        return self.store.data_changes != self._changes_backed_up

    @property
    def running(self) -> bool:
        thread = self._thread
        return thread is not None and thread.is_alive()

    # -- starting ---------------------------------------------------------------------------
    def check(self, today: date | None = None) -> bool:
        """Start the due backup on the background thread; False when none is due, one is
        running or the app is closing."""
        with self._mutex:
            if self._closed or self.running:
                return False
            reason = self.due_reason(today)
            if reason is None:
                return False
            self._stop.clear()
            self._thread = threading.Thread(
                target=self._run_logged, args=(reason,), name="backup", daemon=True
            )
            self._thread.start()
        return True

    def _run_logged(self, reason: str) -> None:
        from counter_app.ops import backups

        try:
            self.run(reason)
        except backups.BackupError:
            return  # reported to the listener and the log by run()
        if reason == "daily":
            try:
                self.tidy_search_index()
            finally:
                self.store.close_thread_connection()  # this thread's, opened by the merge

    def tidy_search_index(self) -> search_index.MergeResult | None:
        """Merge the search index into one segment when it has many (a cold search then
        reads one b-tree per word, not one per segment), on the calling thread's own
        connection; None when there was nothing to do or it failed (logged). Never raises:
        the index still answers every search, only slower on a cold cache."""
        from counter_app.store import search_index

        store = self.store
        if store.readonly or store.damaged:
            return None
        reported = [-1]

        def progress(done: int, total: int) -> None:
            tenth = 10 * done // total if total else 0
            if tenth > reported[0]:
                reported[0] = tenth
                log.info("search index merge: %d / %d pages", done, total)

        try:
            if not search_index.needs_merge(store.conn()):
                return None
            result = search_index.merge(store, progress=progress, should_stop=self._stop.is_set)
        except Exception:  # noqa: BLE001 - maintenance must not kill the app
            log.exception("search index merge failed")
            return None
        log.info(
            "search index %s in %.1f s: %s -> %s segments",
            "merged" if result.finished else "merge stopped",
            result.seconds,
            result.before.segments if result.before else "?",
            result.after.segments if result.after else "?",
        )
        return result

    def run(self, reason: str, *, deadline: float | None = None) -> backups.BackupResult:
        """One backup on the calling thread (its own connection); `deadline`: a
        time.monotonic() after which it is interrupted. Raises BackupError/BackupInterrupted.
        """
        from counter_app.ops import backups

        self._emit(BackupEvent("started", reason))
        changes = self.store.data_changes  # before the snapshot: a later change is not in it

        def should_stop() -> bool:
            return self._stop.is_set() or (deadline is not None and time.monotonic() > deadline)

        def progress(done: int, total: int) -> None:
            self._emit(BackupEvent("progress", reason, done=done, total=total))
            if self.pace_seconds and done < total:
                self._stop.wait(self.pace_seconds)

        started = time.monotonic()
        try:
            result = backups.backup_folder(
                self.folder,
                reason,
                progress=progress,
                should_stop=should_stop,
                step_pages=backups.STEP_PAGES if self.step_pages is None else self.step_pages,
            )
        except backups.BackupInterrupted as exc:
            log.info("%s backup interrupted after %.1f s", reason, time.monotonic() - started)
            self._emit(BackupEvent("interrupted", reason, error=str(exc)))
            raise
        except backups.BackupError as exc:
            log.error("%s backup failed: %s", reason, exc)
            self._emit(BackupEvent("failed", reason, error=str(exc)))
            raise
        except Exception as exc:  # noqa: BLE001 - a background backup must not kill the app
            log.exception("%s backup failed", reason)
            error = backups.BackupError(f"Sao lưu không thành công / backup failed: {exc}")
            self._emit(BackupEvent("failed", reason, error=str(error)))
            raise error from exc
        self._changes_backed_up = max(self._changes_backed_up, changes)
        self.owed_mark.unlink(missing_ok=True)  # the new backup holds everything owed
        log.info("%s backup made in %.1f s", reason, time.monotonic() - started)
        self._emit(BackupEvent("done", reason, path=result.path, error=result.copy_error))
        return result

    # -- closing ----------------------------------------------------------------------------
    def close(self, deadline_seconds: float = EXIT_DEADLINE_SECONDS) -> backups.BackupResult | None:
        """Stop a running backup; make the exit backup when something changed since the last
        one (or one is owed), within `deadline_seconds`. Never raises: closing goes on."""
        with self._mutex:
            self._closed = True
            thread = self._thread
        self._stop.set()
        if thread is not None:
            # interrupted between two steps: quick; a copy to a slow second folder is not
            # interruptible, and the daemon thread may finish it while the app closes
            thread.join(deadline_seconds)
            if thread.is_alive():
                log.warning("a backup is still copying to the second folder; closing anyway")
                if self.changed_since_backup():
                    self._owe_exit_backup()
                return None
        if not (self.changed_since_backup() or self.owed_mark.exists()):
            log.info("no exit backup: nothing changed since the last backup")
            return None
        from counter_app.ops import backups

        self._stop.clear()
        try:
            return self.run("exit", deadline=time.monotonic() + deadline_seconds)
        except backups.BackupInterrupted:
            self._owe_exit_backup()
        except backups.BackupError:
            self._owe_exit_backup()
        return None

    def _owe_exit_backup(self) -> None:
        try:
            file_modes.private_dir(self.owed_mark.parent)
            file_modes.write_private_text(self.owed_mark, f"{clock.to_storage(clock.now())}\n")
            log.warning("exit backup not finished: it is made at the next start")
        except OSError as exc:
            log.error("cannot record the owed exit backup: %s", exc)

    def _emit(self, event: BackupEvent) -> None:
        listener = self.listener
        if listener is None:
            return
        try:
            listener(event)
        except Exception:  # noqa: BLE001 - a broken listener must not stop the backup
            log.exception("backup listener failed")
