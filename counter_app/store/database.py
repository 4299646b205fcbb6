"""The local SQLite store: one writer per data folder, a connection per thread, migrations."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from counter_app.domain import clock
from counter_app.store import paths
from counter_app.store.folder_lock import DataFolderLocked, FolderLock
from counter_app.store.migrations import (
    SCHEMA_VERSION,
    MigrationProgress,
    apply_migration,
    schema_version,
)

__all__ = ["DataFolderLocked", "Store", "SchemaTooNew", "open_connection"]

BUSY_TIMEOUT_MS = 10_000
BACKUP_STEP_PAGES = 16_384  # 64 MB of 4 KB pages between two progress reports


class SchemaTooNew(RuntimeError):
    """The data folder was written by a newer version of the app."""


def open_connection(db_file: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection with the app's pragmas. Autocommit mode: transactions are explicit."""
    if readonly:
        conn = sqlite3.connect(
            f"file:{db_file}?mode=ro", uri=True, isolation_level=None, check_same_thread=True
        )
    else:
        conn = sqlite3.connect(db_file, isolation_level=None, check_same_thread=True)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: every commit (a received dossier, a status change) is on disk when it returns.
        conn.execute("PRAGMA synchronous = FULL")
    return conn


class Store:
    """Owns a data folder: the folder lock, the schema, and per-thread connections.

    Writes go through :meth:`write`, which serialises writers inside the process and
    takes SQLite's write lock up front (BEGIN IMMEDIATE), so a transaction never fails
    half-way on lock upgrade.
    """

    def __init__(
        self,
        folder: Path,
        *,
        lock_timeout: float = 0.0,
        migration_progress: MigrationProgress | None = None,
    ) -> None:
        """`migration_progress(what, done, total)` hears from the pre-migration backup
        ("backup", pages) and from long migrations (e.g. "search index", dossiers)."""
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = FolderLock(self.folder / "counter.lock")
        self._lock.acquire(lock_timeout)
        self.db_path = paths.db_path(self.folder)
        self._local = threading.local()
        self._write_mutex = threading.RLock()
        self._connections: list[sqlite3.Connection] = []
        self._connections_mutex = threading.Lock()
        try:
            self.migrated_from = self._migrate(migration_progress)
        except BaseException:
            self.close()
            raise

    # -- connections -------------------------------------------------------
    def conn(self) -> sqlite3.Connection:
        """This thread's connection (sqlite3 objects never cross threads)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = open_connection(self.db_path)
            self._local.conn = conn
            with self._connections_mutex:
                self._connections.append(conn)
        return conn

    def db(self) -> sqlite_utils.Database:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite_utils.Database(self.conn())
            self._local.db = db
        return db

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed durably on success, rolled back on error."""
        conn = self.conn()
        with self._write_mutex:
            if conn.in_transaction:  # nested use joins the outer transaction
                yield conn
                return
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def read(self) -> sqlite3.Connection:
        return self.conn()

    def close_thread_connection(self) -> None:
        """Close this thread's connection (a worker thread that is about to end)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            return
        with self._connections_mutex:
            if conn in self._connections:
                self._connections.remove(conn)
        conn.close()
        self._local.conn = None
        self._local.db = None

    def close(self) -> None:
        with self._connections_mutex:
            for conn in self._connections:
                try:
                    conn.close()
                except sqlite3.ProgrammingError:
                    pass  # created in another thread that already ended
            self._connections.clear()
        self._local = threading.local()
        self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ------------------------------------------------------------
    def _migrate(self, progress: MigrationProgress | None = None) -> int:
        """Bring the schema up to date; returns the version found (0 for a new DB)."""
        existed = self.db_path.exists() and self.db_path.stat().st_size > 0
        conn = self.conn()
        found = schema_version(conn)
        if found > SCHEMA_VERSION:
            raise SchemaTooNew(
                f"Dữ liệu được tạo bởi phiên bản mới hơn (lược đồ {found} > {SCHEMA_VERSION}). "
                "Hãy cài phiên bản ứng dụng mới hơn. / The data folder needs a newer app version."
            )
        if found == SCHEMA_VERSION:
            return found
        if existed:
            self.backup(reason=f"pre-migration-v{found}", progress=progress)
        else:
            progress = None  # a new folder: nothing to wait for, nothing to show
        db = self.db()
        for version in range(found + 1, SCHEMA_VERSION + 1):
            with self.write():
                apply_migration(version, db, progress)
                conn.execute(f"PRAGMA user_version = {version}")
        return found

    def backup(
        self,
        target: Path | None = None,
        *,
        reason: str = "manual",
        progress: MigrationProgress | None = None,
    ) -> Path:
        """An online, consistent copy of the DB through SQLite's backup API; with `progress`,
        copied in steps and reported as ("backup", pages copied, pages)."""
        if target is None:
            stamp = clock.now().strftime("%Y%m%d-%H%M%S")
            target = paths.backups_dir(self.folder) / f"counter-{stamp}-{reason}.db"
        target.parent.mkdir(parents=True, exist_ok=True)
        destination = sqlite3.connect(target)
        try:
            if progress is None:
                self.conn().backup(destination)
            else:

                def report(status: int, remaining: int, total: int) -> None:
                    progress("backup", total - remaining, total)

                self.conn().backup(destination, pages=BACKUP_STEP_PAGES, progress=report)
        finally:
            destination.close()
        return target

    @property
    def schema_version(self) -> int:
        return schema_version(self.conn())
