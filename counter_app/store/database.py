"""The local SQLite store: one writer per data folder, a connection per thread, migrations.

The database is encrypted (SQLCipher, see `driver` and `db_key`): the store finds the
folder's key in the keyring, makes one for a new folder (its recovery key is then in
`recovery_key_created`, to be shown once), and encrypts a plain database of an older
version on open: a plain backup first (as before any migration), then the database, then
the plain backups, which are encrypted (default) or, for the one just made, shredded
(`plain_backups="shred"`, $COUNTER_APP_PLAIN_BACKUPS, `counter-app encrypt`).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.domain import clock
from counter_app.store import (
    audit,
    audit_key,
    db_key,
    file_modes,
    folder_identity,
    paths,
    row_seals,
)
from counter_app.store import driver as sqlite3
from counter_app.store.audit_records import AUDITED_TABLES
from counter_app.store.folder_lock import DataFolderLocked, FolderLock
from counter_app.store.migrations import (
    SCHEMA_VERSION,
    MigrationProgress,
    apply_migration,
    rewritten_tables,
    schema_version,
)

if TYPE_CHECKING:
    import sqlite_utils

__all__ = [
    "DataFolderLocked",
    "DatabaseBusy",
    "DatabaseDamaged",
    "ReadOnlyStore",
    "SchemaTooNew",
    "Store",
    "database_problem",
    "open_connection",
]

BUSY_TIMEOUT_MS = 10_000
BACKUP_STEP_PAGES = 16_384  # 64 MB of 4 KB pages between two progress reports
PLAIN_BACKUPS_ENV = "COUNTER_APP_PLAIN_BACKUPS"
PLAIN_BACKUP_CHOICES = ("encrypt", "shred")


class SchemaTooNew(RuntimeError):
    """The data folder was written by a newer version of the app."""


class DatabaseBusy(RuntimeError):
    """Another program holds SQLite's write lock on the database longer than we wait."""


class DatabaseDamaged(RuntimeError):
    """The database file is damaged: stop writing and restore a backup."""


DAMAGE_FLAG = "damage-found.txt"


def read_damage_flag(folder: Path) -> str:
    """Why writing stopped (damage found earlier, by any process), or '' when it did not."""
    try:
        return (Path(folder) / DAMAGE_FLAG).read_text(encoding="utf-8").strip() or "damage"
    except FileNotFoundError:
        return ""
    except OSError as exc:
        return str(exc)


def clear_damage_flag(folder: Path) -> None:
    """After a restore the folder holds a verified database again."""
    (Path(folder) / DAMAGE_FLAG).unlink(missing_ok=True)


RESTORE_HINT = (
    "Hãy ngừng ghi, chạy 'counter-app doctor' và khôi phục bản sao lưu gần nhất "
    "('counter-app backup --list', rồi 'counter-app restore FILE'). / "
    "Stop writing and restore the latest backup."
)


def database_problem(exc: sqlite3.Error, db_file: Path | str = "") -> RuntimeError:
    """What an SQLite error means for the user: the DB is busy (another writer) or damaged."""
    text = str(exc)
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return DatabaseBusy(
            f"Cơ sở dữ liệu {db_file} đang bị một chương trình khác giữ quyền ghi quá "
            f"{BUSY_TIMEOUT_MS // 1000} giây ({text}). Hãy đóng chương trình đó (công cụ "
            "SQLite, sao chép tệp…) rồi thử lại. / Another program is writing the database."
        )
    return DatabaseDamaged(f"Cơ sở dữ liệu {db_file} bị hỏng ({text}). {RESTORE_HINT}")


def open_connection(
    db_file: Path, key: bytes | None = None, *, readonly: bool = False
) -> sqlite3.Connection:
    """A connection with the app's key and pragmas. Autocommit mode: transactions are
    explicit."""
    if not readonly and not Path(db_file).exists():
        # SQLite gives the -wal/-shm files the database file's mode: 0600 too
        file_modes.create_private(Path(db_file))
    conn = sqlite3.connect(db_file, key, readonly=readonly, isolation_level=None)
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

    readonly = False
    recovery_key_created: str | None = None
    plain_backup_outcome: list[str] | None = None
    _migration_backed_up = False
    _shred_after_migration: Path | None = None
    key: bytes | None = None

    def __init__(
        self,
        folder: Path,
        *,
        lock_timeout: float = 0.0,
        migration_progress: MigrationProgress | None = None,
        plain_backups: str | None = None,
        encrypted: bool = True,
    ) -> None:
        """`migration_progress(what, done, total)` hears from the seal check before an upgrade
        ("seal-check", rows), the pre-migration backup ("backup", pages), long migrations
        (e.g. "search index", dossiers) and the sealing of the rows they rewrote ("seals").

        `plain_backups`: what becomes of the plain backup made before a plain database is
        encrypted ("encrypt", the default, or "shred"). `encrypted=False` keeps a plain
        database plain: only the benchmark's baseline uses it."""
        self.folder = Path(folder)
        file_modes.private_dir(self.folder)
        self._lock = FolderLock(self.folder / "counter.lock")
        self._lock.acquire(lock_timeout)
        # an install made by an older version (0755/0644) is tightened at every start
        file_modes.tighten_tree(self.folder, paths.logs_dir(self.folder))
        self.db_path = paths.db_path(self.folder)
        self._local = threading.local()
        self._write_mutex = threading.RLock()
        self._connections: list[sqlite3.Connection] = []
        self._connections_mutex = threading.Lock()
        # committed transactions that changed the office's data (a sealed table) since the
        # store opened: the exit backup runs only when this moved (ops/backup_schedule.py)
        self.data_changes = 0
        self.damaged = read_damage_flag(self.folder)
        try:
            folder_identity.check_before_open(
                self.folder, self.db_path, db_key.folder_keys(self.folder)
            )
            if encrypted:
                self.key = self._prepare_key(migration_progress, plain_backups)
            self.audit_key = audit_key.load(self.folder, create=True)
            self.migrated_from = self._migrate(migration_progress)
            self._key_the_audit_trail()
            if self._shred_after_migration is not None:
                db_key.shred(self._shred_after_migration)
                self.plain_backup_outcome = [
                    *(self.plain_backup_outcome or []),
                    f"shredded {self._shred_after_migration.name}",
                ]
            folder_identity.record(self.folder, self.conn())
        except BaseException:
            self.close()
            raise

    # -- connections -------------------------------------------------------
    def conn(self) -> sqlite3.Connection:
        """This thread's connection (sqlite3 objects never cross threads)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = open_connection(self.db_path, self.key, readonly=self.readonly)
            self._local.conn = conn
            with self._connections_mutex:
                self._connections.append(conn)
        return conn

    def db(self) -> sqlite_utils.Database:
        """This thread's sqlite-utils view (migrations only; imported on first use)."""
        db = getattr(self._local, "db", None)
        if db is None:
            sqlite3.serve_sqlite_utils()
            import sqlite_utils

            db = sqlite_utils.Database(self.conn())
            self._local.db = db
        return db

    def mark_damaged(self, problems: list[str]) -> DatabaseDamaged:
        """Damage was found: no more writes (this process and, by the flag file, any other)
        until a restore. Returns the error to raise."""
        self.damaged = "; ".join(problems[:5]) or "damage"
        try:
            file_modes.write_private_text(
                self.folder / DAMAGE_FLAG, f"{clock.to_storage(clock.now())} {self.damaged}\n"
            )
        except OSError:
            pass  # the flag in memory still stops this process
        return DatabaseDamaged(f"Dữ liệu bị hỏng: {self.damaged}. Đã ngừng ghi. {RESTORE_HINT}")

    def _refuse_if_damaged(self) -> None:
        if self.damaged:
            raise DatabaseDamaged(
                f"Đã ngừng ghi vì dữ liệu bị hỏng ({self.damaged}). {RESTORE_HINT}"
            )

    def _ensure_sealing(self, conn: sqlite3.Connection) -> bool:
        """Install this connection's seal tracking once the schema has seals (and its queue
        of audit events once the schema has the keyed trail)."""
        if getattr(self._local, "sealing", False):
            return True
        if not row_seals.has_seals(conn):
            return False
        row_seals.install_tracking(conn)
        self._local.keyed = audit.is_keyed_schema(conn)
        if self._local.keyed:
            audit.install_pending(conn)
        self._local.sealing = True
        return True

    def _key_the_audit_trail(self) -> None:
        """The keyed switch-over row, when the trail's last row is not keyed by this install's
        key (just migrated, or the secret was made anew). Tolerates dropped audit tables:
        `audit verify` reports those."""
        conn = self.conn()
        if self.audit_key is None or self.damaged or not audit.is_keyed_schema(conn):
            return
        try:
            with self.write() as conn:
                audit.ensure_keyed(conn, self.audit_key)
        except (sqlite3.OperationalError, DatabaseDamaged):
            pass

    def _seal_and_audit(self, conn: sqlite3.Connection, *, keyed: bool) -> bool:
        """Before COMMIT: seal the rows the transaction touched and write its queued audit
        events (keyed, carrying the records it changed). True when it touched sealed rows."""
        touched = row_seals.has_queued(conn)
        changes = row_seals.seal_queued(conn, AUDITED_TABLES if keyed else ())
        if keyed:
            audit.flush(conn, self.audit_key, changes)
        return touched

    @contextmanager
    def _sealed_transaction(
        self, conn: sqlite3.Connection, *, sealing: bool, keyed: bool
    ) -> Iterator[None]:
        """BEGIN IMMEDIATE … COMMIT on `conn`: the body's error rolls back and is raised as
        is; the rows it touched are sealed and its audit events written before COMMIT (a
        failure there is a database problem)."""
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise database_problem(exc, self.db_path) from exc
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        try:
            touched = sealing and self._seal_and_audit(conn, keyed=keyed)
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise database_problem(exc, self.db_path) from exc
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        if touched:
            self.data_changes += 1

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed durably on success, rolled back on error.

        The rows it touched are sealed (row_seals) just before COMMIT; a store that found
        damage refuses to write."""
        conn = self.conn()
        with self._write_mutex:
            if conn.in_transaction:  # nested use joins the outer transaction
                yield conn
                return
            self._refuse_if_damaged()
            sealing = self._ensure_sealing(conn)
            keyed = sealing and self._local.keyed
            with self._sealed_transaction(conn, sealing=sealing, keyed=keyed):
                yield conn

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
        self._local.sealing = False

    def close(self) -> None:
        with self._connections_mutex:
            for conn in self._connections:
                try:
                    conn.close()
                except sqlite3.ProgrammingError:
                    pass  # created in another thread that already ended
            self._connections.clear()
        self._local = threading.local()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ------------------------------------------------------------
    def _migrate(self, progress: MigrationProgress | None = None) -> int:
        """Bring the schema up to date; returns the version found (0 for a new DB).

        Seals (migrations module docstring): the rows of the sealed tables the pending
        migrations rewrite are checked against their seals first, then backed up and
        migrated without seal tracking, and only those tables (and the sealed tables the
        migrations created) are sealed again; a mismatch stops the upgrade before anything
        is written, as damage."""
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
        self._refuse_if_damaged()
        present = [t for t in row_seals.SEALED_TABLES if row_seals.has_table(conn, t)]
        rewritten = rewritten_tables(found)
        if not existed:
            progress = None  # a new folder: nothing to wait for, nothing to show
        else:
            self._check_seals_before_upgrade(conn, [t for t in rewritten if t in present], progress)
            if not self._migration_backed_up:  # (the plain backup before encrypting serves)
                self.backup(reason=f"pre-migration-v{found}", progress=progress)
        # the trail already keyed by this install's key records the seals the upgrade changes
        # (otherwise the switch-over row after migrating takes the tallies as they stand)
        keyed = (
            self.audit_key is not None
            and audit.is_keyed_schema(conn)
            and audit.head_key_id(conn) == self.audit_key.key_id
        )
        db = self.db()
        for version in range(found + 1, SCHEMA_VERSION + 1):
            with self._migration_transaction(conn):
                apply_migration(version, db, progress)
                conn.execute(f"PRAGMA user_version = {version}")
        created = [t for t in row_seals.SEALED_TABLES if t not in present]
        with self._migration_transaction(conn):
            changes = row_seals.reseal(
                conn,
                [t for t in row_seals.SEALED_TABLES if t in rewritten or t in created],
                progress,
                watched=AUDITED_TABLES if keyed else (),
            )
            if changes:
                audit.install_pending(conn)
                audit.flush(conn, self.audit_key, changes)
        return found

    def _check_seals_before_upgrade(
        self, conn: sqlite3.Connection, tables: list[str], progress: MigrationProgress | None
    ) -> None:
        """The rows the migrations will rewrite still match their seals (old schema's)."""
        if not tables or not row_seals.has_seals(conn):
            return  # (before seals existed there is nothing to check)
        with row_seals.snapshot(conn):
            problems = row_seals.check_before_upgrade(conn, tables, progress)
        if problems:
            raise self.mark_damaged(problems)

    @contextmanager
    def _migration_transaction(self, conn: sqlite3.Connection) -> Iterator[None]:
        """One migration's transaction, without seal tracking (the upgrade seals what the
        migrations declare they rewrite)."""
        with self._write_mutex:
            self._refuse_if_damaged()
            with self._sealed_transaction(conn, sealing=False, keyed=False):
                yield

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
        file_modes.private_dir(target.parent)
        file_modes.create_private(target)
        destination = sqlite3.connect(target, self.key, prove=False)
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

    # -- encryption ----------------------------------------------------------
    def _prepare_key(self, progress: MigrationProgress | None, plain_backups: str | None) -> bytes:
        """The key that opens (or will create) the folder's database; a plain database is
        encrypted here, before the schema migrations."""
        state = sqlite3.file_state(self.db_path)
        keys = db_key.folder_keys(self.folder)
        if state == "encrypted":
            if len(keys) == 1:
                return keys[0]  # the store's first connection proves it (EncryptionKeyError)
            key = sqlite3.opening_key(self.db_path, keys)
            assert key is not None
            if key != keys[0]:
                db_key.save_folder_key(self.folder, key)  # a rekey stopped half-way
            return key
        key = keys[0] if keys else self._new_key()
        if state == "plain":
            self._encrypt_plain_database(key, progress, plain_backups)
        return key

    def _new_key(self) -> bytes:
        key = db_key.new_key()
        db_key.save_folder_key(self.folder, key)
        self.recovery_key_created = db_key.recovery_key_text(key)
        return key

    def _encrypt_plain_database(
        self, key: bytes, progress: MigrationProgress | None, plain_backups: str | None
    ) -> None:
        """Back up the plain database (the usual backup before a migration), encrypt it,
        then encrypt the folder's plain copies. With "shred", the plain backup is kept
        plain until the migrations have succeeded, then overwritten and deleted."""
        choice = (plain_backups or os.environ.get(PLAIN_BACKUPS_ENV) or "encrypt").strip()
        if choice not in PLAIN_BACKUP_CHOICES:
            raise ValueError(
                f"plain_backups phải là một trong {', '.join(PLAIN_BACKUP_CHOICES)}, "
                f"không phải {choice!r} / unknown choice for the plain backup"
            )
        self.key = None
        found = schema_version(self.conn())
        serves_migration = choice == "encrypt" and 0 < found < SCHEMA_VERSION
        reason = f"pre-migration-v{found}" if serves_migration else "pre-encryption"
        plain_backup = self.backup(reason=reason, progress=progress)
        self.close_thread_connection()
        db_key.encrypt_file_in_place(self.db_path, key)
        self.key = key
        self._migration_backed_up = serves_migration
        keep_plain = {plain_backup} if choice == "shred" else set()
        self.plain_backup_outcome = db_key.encrypt_plain_copies(self.folder, key, skip=keep_plain)
        self._shred_after_migration = plain_backup if choice == "shred" else None

    def rekey(self, *, actor: str) -> tuple[str, list[str]]:
        """A new database key: the database and the folder's local backups are re-encrypted
        with it; returns the new recovery key and notes (backups left as they were).
        The old recovery key opens none of them any more (copies elsewhere keep theirs)."""
        if self.readonly or self.key is None:
            raise RuntimeError("rekey needs the writable, encrypted store")
        with self._write_mutex:
            old, new = self.key, db_key.new_key()
            db_key.save_next_key(self.folder, new)
            self.close_other_connections()
            conn = self.conn()
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute(f"PRAGMA rekey = \"x'{new.hex()}'\"")
            self.close_thread_connection()
            self.key = new
            self.conn()  # proves the new key opens the database
            db_key.save_folder_key(self.folder, new)
            rekeyed, notes = db_key.rekey_local_copies(self.folder, old, new)
            with self.write() as conn:
                from counter_app.store import audit

                audit.append(
                    conn, actor=actor, action="store.rekey", detail={"backups_rekeyed": rekeyed}
                )
        return db_key.recovery_key_text(new), notes

    def close_other_connections(self) -> None:
        """Close every connection but this thread's (rekey needs the file to itself)."""
        mine = getattr(self._local, "conn", None)
        with self._connections_mutex:
            for conn in list(self._connections):
                if conn is mine:
                    continue
                try:
                    conn.close()
                except sqlite3.ProgrammingError:
                    pass
                self._connections.remove(conn)


class ReadOnlyStore(Store):
    """The data folder opened for reading only: no folder lock, no migration, no writes.

    Read commands (show, search, audit verify, sync --status, …) run beside the running app,
    which holds the folder lock: WAL readers never wait for the writer.
    """

    readonly = True

    def __init__(self, folder: Path) -> None:  # noqa: D107 - no lock, no migration
        self.folder = Path(folder)
        self._lock = None
        self.db_path = paths.db_path(self.folder)
        self._local = threading.local()
        self._write_mutex = threading.RLock()
        self._connections = []
        self._connections_mutex = threading.Lock()
        self.migrated_from = SCHEMA_VERSION
        self.data_changes = 0
        self.damaged = read_damage_flag(self.folder)
        if not self.db_path.exists():
            raise FileNotFoundError(self.db_path)
        keys = db_key.folder_keys(self.folder)
        folder_identity.check_before_open(self.folder, self.db_path, keys)
        # a plain database (an older version's) is read as it is; the next writer encrypts it
        self.key = sqlite3.opening_key(self.db_path, keys)
        self.audit_key = audit_key.load(self.folder, create=False)

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        raise RuntimeError("read-only store: this command must not write")
        yield self.conn()  # pragma: no cover - makes this a generator

    @contextmanager
    def sign_in_record(self) -> Iterator[sqlite3.Connection]:
        """The one write a read command makes: its sign-in (failure count, audit row), so
        that lockout holds for read commands too. A short transaction on its own writable
        connection beside the running app (SQLite serialises it with the app's writers);
        sealed like every write."""
        self._refuse_if_damaged()
        conn = open_connection(self.db_path, self.key)
        try:
            sealing = row_seals.has_seals(conn)
            keyed = sealing and audit.is_keyed_schema(conn)
            if sealing:
                row_seals.install_tracking(conn)
            if keyed:
                audit.install_pending(conn)
            with self._sealed_transaction(conn, sealing=sealing, keyed=keyed):
                yield conn
        finally:
            conn.close()
