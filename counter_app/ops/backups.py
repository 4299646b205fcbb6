"""Backups: online copies through SQLite's backup API, rotation, a second copy.

Qt-free. The GUI makes its backups through `counter_app.ops.backup_schedule` (the day's backup
after start-up settles, an exit backup when something changed), on their own thread and
connection, never on its DB thread: `backup_folder(..., progress=, should_stop=)` copies in
steps from one read snapshot, reports progress and can be interrupted.
The command line has `counter-app backup [--to DIR]` and `counter-app restore FILE`.

Files: `<data>/backups/counter-YYYYMMDD-HHMMSS-<reason>.db`, each a complete single-file
SQLite database (rollback-journal mode, so it can be opened or copied on its own), encrypted
with the data folder's key like the database (SQLCipher): a copy on a USB drive opens
elsewhere only with the recovery key. The time
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

The digitised documents the database names go into a pool beside the backups, each file once
(ops/attachment_backups.py), and along with every copy to the second folder.

Checking a backup and putting one back are in `counter_app.ops.restore`.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from counter_app.domain import clock
from counter_app.ops import attachment_backups
from counter_app.ops.db_files import folder_keys, fsync_file, read_settings
from counter_app.services import CounterService
from counter_app.store import audit_key, file_modes, paths
from counter_app.store import driver as sqlite3
from counter_app.store.audit_key import AuditKey
from counter_app.store.durable import fsync_dir

log = logging.getLogger(__name__)

SECOND_FOLDER_ENV = "COUNTER_APP_BACKUP_COPY"
SECOND_FOLDER_SETTING = "backup_copy_dir"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
ROTATED_REASONS = frozenset({"daily", "exit", "manual"})
NAME_RE = re.compile(r"^counter-(\d{8})-(\d{6})-([a-z0-9][a-z0-9.-]*)\.db$")
REASON_RE = re.compile(r"^[a-z0-9][a-z0-9.-]*$")


class BackupError(RuntimeError):
    """A backup could not be made (the message says why, in Vietnamese and English)."""


class BackupInterrupted(BackupError):
    """A backup was stopped before it finished (closing, a deadline): no file was left."""


# progress(pages copied, pages in all); should_stop() -> True interrupts between steps
Progress = Callable[[int, int], None]
StopCheck = Callable[[], bool]
STEP_PAGES = 4096  # 16 MB per step with 4 KB pages


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
def copy_database(
    source: sqlite3.Connection,
    target: Path,
    key: bytes | None,
    *,
    progress: Progress | None = None,
    should_stop: StopCheck | None = None,
    step_pages: int = STEP_PAGES,
    carry_audit_key: AuditKey | None = None,
) -> int:
    """Online copy of `source` into `target`, encrypted with `key`; returns the file size.
    With `carry_audit_key` the copy carries the trail's key (a backup: see audit_key).

    The copy is written beside the target and renamed into place, so a crash never leaves a
    half-written file under a backup's name; an interrupted or failed copy removes its
    partial file. The result is a single-file database. An encrypted source goes through
    the backup API (which re-encrypts each page with `key`); a plain one (a backup from
    before encryption, being restored) through sqlcipher_export.

    With `progress` or `should_stop` the copy goes in steps of `step_pages`, all from one
    read snapshot of `source` (a read transaction held across the steps: writers on other
    connections go on, WAL, and never make the copy start over). `should_stop()` is asked
    between steps and during the check of the copy; True raises BackupInterrupted.
    """
    file_modes.private_dir(target.parent)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    file_modes.create_private(partial)
    stepped = progress is not None or should_stop is not None
    plain_into_encrypted = key is not None and _is_plain(source)
    try:
        if plain_into_encrypted:
            _export_plain(source, partial, key)
        destination = sqlite3.connect(partial, key, isolation_level=None, prove=False)
        try:
            if plain_into_encrypted:
                pass  # written by the export
            elif stepped:
                _stepped_copy(source, destination, progress, should_stop, step_pages)
            else:
                source.backup(destination)
            if carry_audit_key is not None:
                audit_key.carry_into(destination, carry_audit_key)
            destination.execute("PRAGMA journal_mode = DELETE")
            if should_stop is not None:  # the check reads the whole copy: interruptible too
                destination.set_progress_handler(lambda: 1 if should_stop() else 0, 10_000)
            try:
                check = destination.execute("PRAGMA quick_check").fetchone()[0]
            except sqlite3.OperationalError as exc:
                if should_stop is not None and should_stop():
                    raise BackupInterrupted(_INTERRUPTED) from exc
                raise
        finally:
            destination.close()
        if check != "ok":
            raise BackupError(
                f"Bản sao lưu vừa tạo không toàn vẹn ({check}) / the new backup failed its check"
            )
        fsync_file(partial)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)
    return target.stat().st_size


def _is_plain(conn: sqlite3.Connection) -> bool:
    """Is this connection's main database unencrypted (no key was applied)?"""
    row = conn.execute("PRAGMA cipher_provider").fetchone()
    return row is None or not row[0]


def _export_plain(source: sqlite3.Connection, target: Path, key: bytes) -> None:
    staging = sqlite3.connect(":memory:", None, isolation_level=None)
    try:  # the source may be read-only: sqlcipher_export runs from a writable copy
        source.backup(staging)
        sqlite3.export_encrypted(staging, target, key)
    finally:
        staging.close()


_INTERRUPTED = "Sao lưu bị dừng giữa chừng, sẽ làm lại / the backup was interrupted"


def _stepped_copy(
    source: sqlite3.Connection,
    destination: sqlite3.Connection,
    progress: Progress | None,
    should_stop: StopCheck | None,
    step_pages: int,
) -> None:
    own_snapshot = not source.in_transaction
    if own_snapshot:
        source.execute("BEGIN")
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot starts

    def step(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)
        if should_stop is not None and remaining and should_stop():
            raise BackupInterrupted(_INTERRUPTED)  # aborts sqlite3's backup loop

    try:
        if should_stop is not None and should_stop():
            raise BackupInterrupted(_INTERRUPTED)
        source.backup(destination, pages=max(1, step_pages), progress=step)
    finally:
        if own_snapshot and source.in_transaction:
            source.execute("ROLLBACK")


def backup_now(
    service: CounterService, reason: str = "manual", *, to: Path | None = None
) -> BackupResult:
    """Back up the open data folder now; rotate; copy to the second folder.

    Runs on the calling thread's connection (the GUI: its DB thread). Writers are not
    blocked (WAL). `to`: an extra folder to copy the backup to (besides the second folder).
    """
    folder = service.store.folder
    settings = service.settings.all()
    store = service.store
    return _backup(folder, store.conn(), reason, to=to, settings=settings, key=store.key)


def backup_folder(
    folder: Path,
    reason: str = "manual",
    *,
    to: Path | None = None,
    progress: Progress | None = None,
    should_stop: StopCheck | None = None,
    step_pages: int = STEP_PAGES,
) -> BackupResult:
    """Back up a data folder without opening the app's store, on a connection of its own:
    works while the app runs (the GUI's background backups, the command line). `progress`,
    `should_stop`, `step_pages`: see copy_database; once stopped, the second-folder copy is
    left out."""
    db_file = paths.db_path(Path(folder))
    if not db_file.exists():
        raise BackupError(
            f"Không có cơ sở dữ liệu để sao lưu: {db_file} / no database in the data folder"
        )
    keys = folder_keys(Path(folder))
    try:
        key = sqlite3.opening_key(db_file, keys)
        conn = sqlite3.connect(db_file, key, isolation_level=None)
    except sqlite3.EncryptionKeyError as exc:
        raise BackupError(str(exc)) from exc
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        settings = read_settings(conn)
        return _backup(
            Path(folder),
            conn,
            reason,
            to=to,
            settings=settings,
            key=key,
            progress=progress,
            should_stop=should_stop,
            step_pages=step_pages,
        )
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
    key: bytes | None,
    progress: Progress | None = None,
    should_stop: StopCheck | None = None,
    step_pages: int = STEP_PAGES,
) -> BackupResult:
    directory = paths.backups_dir(folder)
    target = _unique_target(directory, clock.now(), reason)
    try:
        size = copy_database(
            conn,
            target,
            key,
            progress=progress,
            should_stop=should_stop,
            step_pages=step_pages,
            carry_audit_key=audit_key.load(folder, create=False) if key is not None else None,
        )
    except OSError as exc:
        raise BackupError(
            f"Không ghi được bản sao lưu vào {directory}: {exc.strerror or exc} / "
            "cannot write the backup"
        ) from exc
    documents = attachment_backups.named_in_file(target, key)  # what the copy names
    try:
        attachment_backups.carry(folder, directory, key, documents)
    except OSError as exc:
        raise BackupError(
            f"Đã sao lưu cơ sở dữ liệu vào {target}, nhưng không chép được tài liệu số hóa: "
            f"{exc.strerror or exc} / the documents could not be copied"
        ) from exc
    result = BackupResult(path=target, size=size)
    log.info("backup written: %s (%d bytes, reason %s)", target.name, size, reason)
    result.removed = rotate(directory)
    second = second_folder(settings)
    if second is not None and should_stop is not None and should_stop():
        result.copy_error = (
            f"Chưa chép bản sao lưu sang thư mục thứ hai {second} (đang đóng ứng dụng) / "
            "the copy to the second folder was left out (closing)"
        )
        log.warning("backup copy to the second folder left out: stopping")
    elif second is not None:
        try:
            result.copied_to = copy_to_second_folder(
                target, second, subfolder=machine_subfolder(settings)
            )
            attachment_backups.copy_pool(directory, result.copied_to.parent, key, documents)
        except OSError as exc:
            result.copy_error = (
                f"Không chép được bản sao lưu sang thư mục thứ hai {second}: "
                f"{exc.strerror or exc} / copy to the second folder failed"
            )
            log.warning("backup copy to the second folder failed: %s", type(exc).__name__)
    if to is not None:
        try:
            result.copied_to = copy_to_second_folder(target, Path(to), rotate_copies=False)
            attachment_backups.copy_pool(directory, Path(to), key, documents)
        except OSError as exc:
            raise BackupError(
                f"Đã sao lưu vào {target}, nhưng không chép được sang {to}: "
                f"{exc.strerror or exc} / the local backup is made, the copy failed"
            ) from exc
    return result


def made_on(directory: Path, day: date) -> bool:
    """Whether `directory` holds a rotated backup (daily, exit, manual) taken on `day`."""
    return any(b.rotated and b.taken_at.date() == day for b in list_backups(directory))


def maybe_daily_backup(
    service: CounterService, *, today: date | None = None
) -> BackupResult | None:
    """Back up unless a backup was already made today; returns it or None."""
    today = today or clock.now().date()
    if made_on(paths.backups_dir(service.store.folder), today):
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
        file_modes.private_dir(destination, parents=False)
    target = destination / backup_file.name
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    file_modes.create_private(partial)
    shutil.copyfile(backup_file, partial)
    fsync_file(partial)
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
