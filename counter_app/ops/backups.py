"""Backups: online copies through SQLite's backup API, rotation, a second copy, restore.

Qt-free. The GUI calls `maybe_daily_backup(service)` at start (and every hour, for PCs that
stay on for days) and `backup_now(service, "exit")` when it closes, both on its DB thread.
The command line has `counter-app backup [--to DIR]` and `counter-app restore FILE`.

Files: `<data>/backups/counter-YYYYMMDD-HHMMSS-<reason>.db`, each a complete single-file
SQLite database (rollback-journal mode, so it can be opened or copied on its own). The time
in the name (Vietnam time) is what rotation goes by, so copying files (to a USB drive, back
again) never changes which ones are kept.

Rotation keeps, among backups made by `daily`, `exit` and `manual`: the newest backup of each
of the last 7 days that have one, of each of the last 4 ISO weeks and of each of the last
12 months (the sets overlap, as in restic's --keep-daily/--keep-weekly/--keep-monthly).
Backups made before a migration (`pre-migration-vN`) are never rotated away.

The second folder (a USB drive or a network share) is the `backup_copy_dir` setting when the
app declares it, else $COUNTER_APP_BACKUP_COPY. Copies go to `<second>/<unit code>-quay<N>/`
(several counters may share one network folder) and are rotated there the same way. A
missing or unwritable second folder is reported and skipped: the local backup stands.

A restore replaces the data folder's database with a verified backup while holding the
folder lock (so never under a running app); the database it replaces is moved, untouched,
to `<data>/replaced/counter-YYYYMMDD-HHMMSS/`.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import socket
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from counter_app.domain import clock
from counter_app.services import CounterService
from counter_app.store import audit, paths
from counter_app.store.folder_lock import DataFolderLocked, FolderLock
from counter_app.store.migrations import SCHEMA_VERSION

log = logging.getLogger(__name__)

SECOND_FOLDER_ENV = "COUNTER_APP_BACKUP_COPY"
SECOND_FOLDER_SETTING = "backup_copy_dir"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
ROTATED_REASONS = frozenset({"daily", "exit", "manual"})
NAME_RE = re.compile(r"^counter-(\d{8})-(\d{6})-([a-z0-9][a-z0-9.-]*)\.db$")
REASON_RE = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
SQLITE_MAGIC = b"SQLite format 3\x00"
REQUIRED_TABLES = ("settings", "staff", "dossiers", "applicants", "audit_log", "outbox")


class BackupError(RuntimeError):
    """A backup could not be made (the message says why, in Vietnamese and English)."""


class RestoreRefused(RuntimeError):
    """The restore was not done; nothing in the data folder was changed."""


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    reason: str

    @property
    def rotated(self) -> bool:
        return self.reason in ROTATED_REASONS


@dataclass
class BackupResult:
    path: Path
    size: int
    removed: list[Path] = field(default_factory=list)
    copied_to: Path | None = None
    copy_error: str = ""


@dataclass
class VerifyReport:
    path: Path
    ok: bool
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    schema_version: int | None = None
    dossiers: int | None = None
    audit_rows: int | None = None
    newest_dossier: str | None = None


@dataclass
class RestoreResult:
    restored_from: Path
    replaced_dir: Path | None
    report: VerifyReport
    sequences_carried: int = 0
    notes: list[str] = field(default_factory=list)


# -- naming and listing ---------------------------------------------------------------------
def backup_name(taken_at: datetime, reason: str) -> str:
    if not REASON_RE.match(reason):
        raise ValueError(f"invalid backup reason {reason!r}")
    return f"counter-{taken_at:%Y%m%d-%H%M%S}-{reason}.db"


def parse_backup_name(path: Path) -> BackupFile | None:
    match = NAME_RE.match(path.name)
    if not match:
        return None
    try:
        taken_at = datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")
    except ValueError:
        return None
    return BackupFile(path=path, taken_at=taken_at, reason=match.group(3))


def list_backups(directory: Path) -> list[BackupFile]:
    """The backup files in `directory`, newest first."""
    try:
        entries = [p for p in Path(directory).iterdir() if p.is_file()]
    except OSError:
        return []
    found = [b for b in (parse_backup_name(p) for p in entries) if b is not None]
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def _unique_target(directory: Path, taken_at: datetime, reason: str) -> Path:
    target = directory / backup_name(taken_at, reason)
    number = 2
    while target.exists():
        target = directory / backup_name(taken_at, f"{reason}-{number}")
        number += 1
    return target


# -- making backups -----------------------------------------------------------------------------
def copy_database(source: sqlite3.Connection, target: Path) -> int:
    """Online copy of `source` into `target` via the backup API; returns the file size.

    The copy is written beside the target and renamed into place, so a crash never leaves a
    half-written file under a backup's name. The result is a single-file database.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    destination = sqlite3.connect(partial, isolation_level=None)
    try:
        source.backup(destination)
        destination.execute("PRAGMA journal_mode = DELETE")
        check = destination.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        destination.close()
    if check != "ok":
        partial.unlink(missing_ok=True)
        raise BackupError(
            f"Bản sao lưu vừa tạo không toàn vẹn ({check}) / the new backup failed its check"
        )
    _fsync_file(partial)
    os.replace(partial, target)
    _fsync_dir(target.parent)
    return target.stat().st_size


def backup_now(
    service: CounterService, reason: str = "manual", *, to: Path | None = None
) -> BackupResult:
    """Back up the open data folder now; rotate; copy to the second folder.

    Runs on the calling thread's connection (the GUI: its DB thread). Writers are not
    blocked (WAL). `to`: an extra folder to copy the backup to (besides the second folder).
    """
    folder = service.store.folder
    settings = service.settings.all()
    return _backup(folder, service.store.conn(), reason, to=to, settings=settings)


def backup_folder(folder: Path, reason: str = "manual", *, to: Path | None = None) -> BackupResult:
    """Back up a data folder without opening the app's store: works while the app runs."""
    db_file = paths.db_path(Path(folder))
    if not db_file.exists():
        raise BackupError(
            f"Không có cơ sở dữ liệu để sao lưu: {db_file} / no database in the data folder"
        )
    conn = sqlite3.connect(db_file, isolation_level=None)
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        settings = _read_settings(conn)
        return _backup(Path(folder), conn, reason, to=to, settings=settings)
    except sqlite3.DatabaseError as exc:
        raise BackupError(
            f"Không đọc được cơ sở dữ liệu ({exc}); hãy chạy 'counter-app doctor' / "
            "the database cannot be read"
        ) from exc
    finally:
        conn.close()


def _backup(
    folder: Path,
    conn: sqlite3.Connection,
    reason: str,
    *,
    to: Path | None,
    settings: dict[str, Any],
) -> BackupResult:
    directory = paths.backups_dir(folder)
    target = _unique_target(directory, clock.now(), reason)
    try:
        size = copy_database(conn, target)
    except OSError as exc:
        raise BackupError(
            f"Không ghi được bản sao lưu vào {directory}: {exc.strerror or exc} / "
            "cannot write the backup"
        ) from exc
    result = BackupResult(path=target, size=size)
    log.info("backup written: %s (%d bytes, reason %s)", target.name, size, reason)
    result.removed = rotate(directory)
    second = second_folder(settings)
    if second is not None:
        try:
            result.copied_to = copy_to_second_folder(
                target, second, subfolder=machine_subfolder(settings)
            )
        except OSError as exc:
            result.copy_error = (
                f"Không chép được bản sao lưu sang thư mục thứ hai {second}: "
                f"{exc.strerror or exc} / copy to the second folder failed"
            )
            log.warning("backup copy to the second folder failed: %s", type(exc).__name__)
    if to is not None:
        try:
            result.copied_to = copy_to_second_folder(target, Path(to), rotate_copies=False)
        except OSError as exc:
            raise BackupError(
                f"Đã sao lưu vào {target}, nhưng không chép được sang {to}: "
                f"{exc.strerror or exc} / the local backup is made, the copy failed"
            ) from exc
    return result


def maybe_daily_backup(
    service: CounterService, *, today: date | None = None
) -> BackupResult | None:
    """Back up unless a backup was already made today; returns it or None."""
    today = today or clock.now().date()
    existing = list_backups(paths.backups_dir(service.store.folder))
    if any(b.rotated and b.taken_at.date() == today for b in existing):
        return None
    return backup_now(service, "daily")


def second_folder(settings: dict[str, Any]) -> Path | None:
    """The configured second backup folder (setting, else environment), or None."""
    value = str(settings.get(SECOND_FOLDER_SETTING) or "").strip()
    value = value or os.environ.get(SECOND_FOLDER_ENV, "").strip()
    return Path(value).expanduser() if value else None


def machine_subfolder(settings: dict[str, Any]) -> str:
    """Where this counter's copies go inside a second folder that several counters may share
    (a network share): `<unit code>-quay<N>`, or the computer's name before setup."""
    unit = str(settings.get("unit_code") or "").strip()
    if unit:
        name = f"{unit}-quay{settings.get('counter') or 1}"
    else:
        name = socket.gethostname() or "counter"
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)


def copy_to_second_folder(
    backup_file: Path,
    destination: Path,
    *,
    subfolder: str = "",
    rotate_copies: bool = True,
) -> Path:
    """Copy one backup file into `destination[/subfolder]` and (by default) rotate the copies
    there. `destination` must exist: a USB drive that is not plugged in is never silently
    replaced by an empty local folder."""
    destination = Path(destination)
    if not destination.is_dir():
        raise FileNotFoundError(
            2, "thư mục không tồn tại (chưa cắm USB hoặc chưa kết nối ổ mạng?) / folder missing"
        )
    if subfolder:
        destination = destination / subfolder
        destination.mkdir(exist_ok=True)
    target = destination / backup_file.name
    partial = target.with_name(target.name + ".partial")
    shutil.copyfile(backup_file, partial)
    _fsync_file(partial)
    os.replace(partial, target)
    if rotate_copies:
        rotate(destination)
    log.info("backup copied to another folder: %s", target.name)
    return target


# -- rotation -------------------------------------------------------------------------------------
def select_kept(
    backups: Iterable[BackupFile],
    *,
    keep_daily: int = KEEP_DAILY,
    keep_weekly: int = KEEP_WEEKLY,
    keep_monthly: int = KEEP_MONTHLY,
) -> set[Path]:
    """Paths to keep among rotated backups: newest per day/ISO week/month, for the most recent
    `keep_*` periods that have a backup (overlapping)."""
    newest_first = sorted(backups, key=lambda b: (b.taken_at, b.path.name), reverse=True)
    kept: set[Path] = set()
    rules = (
        (keep_daily, lambda d: d.date()),
        (keep_weekly, lambda d: tuple(d.isocalendar())[:2]),
        (keep_monthly, lambda d: (d.year, d.month)),
    )
    for count, period_of in rules:
        seen: set[Any] = set()
        for backup in newest_first:
            if len(seen) >= count:
                break
            period = period_of(backup.taken_at)
            if period not in seen:
                seen.add(period)
                kept.add(backup.path)
    return kept


def rotate(directory: Path, **keep: int) -> list[Path]:
    """Delete rotated backups that `select_kept` does not keep; returns what was deleted."""
    candidates = [b for b in list_backups(directory) if b.rotated]
    kept = select_kept(candidates, **keep)
    removed = []
    for backup in candidates:
        if backup.path in kept:
            continue
        try:
            backup.path.unlink()
        except FileNotFoundError:
            continue  # another process rotated at the same time
        except OSError as exc:
            log.warning("could not delete old backup %s: %s", backup.path.name, exc)
            continue
        removed.append(backup.path)
    _remove_stale_partials(Path(directory))
    if removed:
        log.info("rotation removed %d old backup(s) in %s", len(removed), directory)
    return removed


def _remove_stale_partials(directory: Path, max_age_seconds: float = 3600) -> None:
    """Half-written copies left by a crash or a pulled USB drive (never a finished backup)."""
    try:
        partials = list(directory.glob("counter-*.db.partial"))
    except OSError:
        return
    for partial in partials:
        try:
            if time.time() - partial.stat().st_mtime > max_age_seconds:
                partial.unlink()
        except OSError:
            continue


# -- verification ------------------------------------------------------------------------------
def _open_readonly(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        # read-only medium with a WAL-mode file and no -shm: read the file as it is
        conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, isolation_level=None)
    conn.row_factory = sqlite3.Row
    return conn


def verify_backup(path: Path) -> VerifyReport:
    """Is `path` a complete, undamaged database of this app that this version can open?"""
    path = Path(path)
    report = VerifyReport(path=path, ok=False)
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        report.problems.append(f"Không đọc được tệp: {exc.strerror or exc} / cannot read the file")
        return report
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        report.problems.append("Không phải tệp cơ sở dữ liệu SQLite / not an SQLite database")
        return report
    conn = None
    try:
        conn = _open_readonly(path)
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
        if rows != ["ok"]:
            report.problems.append(
                "Tệp bị hỏng (integrity_check) / the file is damaged: " + "; ".join(rows[:5])
            )
            return report
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        report.schema_version = version
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        missing = [t for t in REQUIRED_TABLES if t not in tables]
        if version < 1 or missing:
            report.problems.append(
                "Không phải dữ liệu của ứng dụng quầy (thiếu bảng: "
                + ", ".join(missing or ["user_version"])
                + ") / not a counter-app database"
            )
            return report
        if version > SCHEMA_VERSION:
            report.problems.append(
                f"Bản sao lưu do phiên bản mới hơn tạo (lược đồ {version} > {SCHEMA_VERSION}); "
                "hãy cài phiên bản mới hơn / the backup needs a newer app version"
            )
            return report
        if version < SCHEMA_VERSION:
            report.warnings.append(
                f"Lược đồ cũ {version}: sẽ được nâng cấp lên {SCHEMA_VERSION} khi mở "
                "(có sao lưu trước) / will be migrated when opened"
            )
        report.dossiers = conn.execute("SELECT count(*) FROM dossiers").fetchone()[0]
        report.newest_dossier = conn.execute("SELECT max(received_at) FROM dossiers").fetchone()[0]
        chain = audit.verify(conn)
        report.audit_rows = chain.rows
        if not chain.ok:
            report.problems.append(
                "Nhật ký kiểm tra bị thay đổi / audit chain broken: "
                + "; ".join(chain.problems[:3])
            )
            return report
    except sqlite3.DatabaseError as exc:
        report.problems.append(f"Tệp bị hỏng: {exc} / the file is damaged")
        return report
    finally:
        if conn is not None:
            conn.close()
    report.ok = True
    return report


# -- restore --------------------------------------------------------------------------------------
def restore(
    folder: Path, backup_file: Path, *, ignore_audit: bool = False, actor: str = "technician"
) -> RestoreResult:
    """Replace the data folder's database with `backup_file`.

    Refuses (RestoreRefused, nothing changed) when the file fails verification or the folder
    is in use by a running app. The replaced database is kept in `<data>/replaced/…`.
    Dossier-code and book sequences from the replaced database are carried forward when it
    is readable, so a code issued after the backup is never issued a second time.
    """
    folder = Path(folder)
    backup_file = Path(backup_file).resolve()
    report = verify_backup(backup_file)
    if not report.ok:
        audit_only = all(p.startswith("Nhật ký kiểm tra") for p in report.problems)
        if not (ignore_audit and audit_only):
            raise RestoreRefused(
                "Không khôi phục: tệp sao lưu không dùng được / backup rejected:\n"
                + "\n".join(f"  - {p}" for p in report.problems)
            )
    folder.mkdir(parents=True, exist_ok=True)
    lock = FolderLock(folder / "counter.lock")
    try:
        lock.acquire(0.0)
    except DataFolderLocked as exc:
        raise RestoreRefused(
            "Không khôi phục khi ứng dụng đang chạy: hãy đóng mọi cửa sổ ứng dụng rồi thử lại. / "
            f"Close the app first. ({exc})"
        ) from None
    try:
        return _restore_locked(folder, backup_file, report, actor=actor)
    finally:
        lock.release()


def _restore_locked(
    folder: Path, backup_file: Path, report: VerifyReport, *, actor: str
) -> RestoreResult:
    db_file = paths.db_path(folder)
    if db_file.exists() and db_file.resolve() == backup_file:
        raise RestoreRefused("Tệp sao lưu chính là cơ sở dữ liệu đang dùng / same file")
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    incoming = folder / "counter.db.restoring"
    for leftover in (incoming, Path(f"{incoming}-journal")):
        leftover.unlink(missing_ok=True)
    source = _open_readonly(backup_file)
    try:
        copy_database(source, incoming)
    finally:
        source.close()
    result = RestoreResult(restored_from=backup_file, replaced_dir=None, report=report)
    conn = sqlite3.connect(incoming, isolation_level=None)
    try:
        conn.row_factory = sqlite3.Row
        conn.execute("BEGIN IMMEDIATE")
        if db_file.exists():
            result.sequences_carried = _carry_forward_sequences(conn, db_file, result.notes)
        audit.append(
            conn,
            actor=actor,
            action="backup.restore",
            detail={
                "file": backup_file.name,
                "schema_version": report.schema_version,
                "sequences_carried": result.sequences_carried,
            },
        )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()
        incoming.unlink(missing_ok=True)
        raise
    conn.close()
    _fsync_file(incoming)
    if db_file.exists() or Path(f"{db_file}-wal").exists():
        replaced = folder / "replaced" / f"counter-{stamp}"
        number = 2
        while replaced.exists():
            replaced = folder / "replaced" / f"counter-{stamp}-{number}"
            number += 1
        replaced.mkdir(parents=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            old = Path(f"{db_file}{suffix}")
            if old.exists():
                os.replace(old, replaced / old.name)
        result.replaced_dir = replaced
    os.replace(incoming, db_file)
    _fsync_dir(folder)
    log.info(
        "restored %s (schema %s, %s dossiers); replaced database kept in %s",
        backup_file.name,
        report.schema_version,
        report.dossiers,
        result.replaced_dir,
    )
    return result


def _carry_forward_sequences(conn: sqlite3.Connection, old_db: Path, notes: list[str]) -> int:
    """Raise the restored code/book sequences to the replaced database's values."""
    try:
        old = _open_readonly(old_db)
    except sqlite3.DatabaseError:
        notes.append(_sequence_warning())
        return 0
    carried = 0
    try:
        codes = old.execute("SELECT day, counter, last_seq FROM code_sequences").fetchall()
        books = old.execute("SELECT book, last_seq FROM book_sequences").fetchall()
    except sqlite3.DatabaseError:
        notes.append(_sequence_warning())
        return 0
    finally:
        old.close()
    for row in codes:
        carried += conn.execute(
            "INSERT INTO code_sequences (day, counter, last_seq) VALUES (?, ?, ?) "
            "ON CONFLICT(day, counter) DO UPDATE SET last_seq = excluded.last_seq "
            "WHERE excluded.last_seq > code_sequences.last_seq",
            (row["day"], row["counter"], row["last_seq"]),
        ).rowcount
    for row in books:
        carried += conn.execute(
            "INSERT INTO book_sequences (book, last_seq) VALUES (?, ?) "
            "ON CONFLICT(book) DO UPDATE SET last_seq = excluded.last_seq "
            "WHERE excluded.last_seq > book_sequences.last_seq",
            (row["book"], row["last_seq"]),
        ).rowcount
    if carried:
        notes.append(
            f"Đã giữ {carried} bộ đếm mã hồ sơ/sổ từ dữ liệu cũ để không cấp trùng mã / "
            "code counters carried forward so no code is issued twice"
        )
    return carried


def _sequence_warning() -> str:
    return (
        "Không đọc được bộ đếm mã hồ sơ của dữ liệu cũ: hồ sơ nhận sau thời điểm sao lưu có thể "
        "bị cấp trùng mã; hãy kiểm tra trên Cổng DVC / could not carry code counters forward"
    )


# -- helpers --------------------------------------------------------------------------------------
def _read_settings(conn: sqlite3.Connection) -> dict[str, Any]:
    try:
        rows = conn.execute("SELECT key, value FROM settings").fetchall()
    except sqlite3.DatabaseError:
        return {}
    values: dict[str, Any] = {}
    for key, value in rows:
        try:
            values[key] = json.loads(value)
        except (TypeError, ValueError):
            values[key] = value
    return values


def _fsync_file(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    if os.name == "nt":
        return  # directories cannot be opened for fsync on Windows
    _fsync_file(path)
