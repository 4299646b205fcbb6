"""Restore: verify a backup file, then put it in place of the data folder's database.

A restore replaces the data folder's database with a verified backup while holding the
folder lock (so never under a running app); the database it replaces is moved, untouched,
to `<data>/replaced/counter-YYYYMMDD-HHMMSS/`. The command line is
`counter-app restore FILE` (`--check-only` only verifies).

Backups are encrypted with the key of the folder that made them. This folder's key opens
its own; a backup from another PC (or from before a `rekey`) needs its recovery key
(`--recovery-key`). The restored database is encrypted with this folder's key, so this
folder's recovery key keeps working; a folder without a key yet takes the backup's key.
Plain backups (made before encryption) are still accepted, and encrypted as they come in.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from counter_app.domain import clock
from counter_app.ops import attachment_backups
from counter_app.ops.backups import copy_database
from counter_app.ops.db_files import (
    folder_keys,
    fsync_file,
    open_readonly,
    read_settings,
)
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
from counter_app.store.audit_key import AuditKey
from counter_app.store.database import clear_damage_flag
from counter_app.store.durable import fsync_dir
from counter_app.store.folder_lock import DataFolderLocked, FolderLock
from counter_app.store.migrations import SCHEMA_VERSION

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
REQUIRED_TABLES = ("settings", "staff", "dossiers", "applicants", "audit_log", "outbox")


class RestoreRefused(RuntimeError):
    """The restore was not done; nothing in the data folder was changed."""


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
    unit_code: str | None = None
    counter: int | None = None
    encrypted: bool = False
    needs_key: bool = False  # encrypted with a key we were not given (or damaged)
    key: bytes | None = field(default=None, repr=False)  # the key that opened it
    audit_key: AuditKey | None = field(default=None, repr=False)  # the key it carries

    def holder_text(self) -> str:
        return holder_text(self.unit_code, self.counter, self.dossiers)


@dataclass
class RestoreResult:
    restored_from: Path
    replaced_dir: Path | None
    report: VerifyReport
    sequences_carried: int = 0
    notes: list[str] = field(default_factory=list)
    recovery_key_created: str | None = None  # the folder had no key: a new one, shown once


# -- verification ------------------------------------------------------------------------------
def verify_backup(
    path: Path, key: AuditKey | None = None, *, db_keys: Sequence[bytes] | None = None
) -> VerifyReport:
    """Is `path` a complete, undamaged database of this app that this version can open?
    With the data folder's audit `key` its keyed trail is checked in full (records included).

    `db_keys`: the keys to try on an encrypted file (the folder's, a recovery key); None: the
    keys of the data folder the file lies in (its backups/ or replaced/ folder)."""
    path = Path(path)
    if db_keys is None:
        db_keys = [k for folder in path.parents[1:3] for k in folder_keys(folder)]
    report = VerifyReport(path=path, ok=False)
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        report.problems.append(f"Không đọc được tệp: {exc.strerror or exc} / cannot read the file")
        return report
    report.encrypted = not header.startswith(SQLITE_MAGIC)
    if len(header) < 100 or (report.encrypted and path.stat().st_size % 512):
        report.problems.append("Không phải tệp cơ sở dữ liệu SQLite / not an SQLite database")
        return report
    conn = None
    try:
        try:
            report.key = sqlite3.opening_key(path, db_keys)
        except sqlite3.EncryptionKeyError:
            report.needs_key = True
            report.problems.append(backup_needs_key_message(path, bool(db_keys)))
            return report
        conn = open_readonly(path, [report.key] if report.key else [])
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
        report.unit_code, report.counter = unit_and_counter(read_settings(conn))
        report.audit_key = audit_key.carried(conn)
        chain = audit.verify(conn, report.audit_key or key, key_required=False)
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


def backup_needs_key_message(path: Path, had_keys: bool) -> str:
    tried = "khóa của thư mục dữ liệu này" + (" và khóa đã nhập" if had_keys else "")
    return (
        f"Tệp sao lưu {path.name} được mã hóa, cần khóa của máy đã tạo ra nó ({tried} không "
        "mở được): chạy lại với --recovery-key và khóa khôi phục của máy đó (hoặc tệp bị "
        "hỏng). / The backup is encrypted and needs the key of the PC that made it: run "
        "again with --recovery-key and that PC's recovery key (or the file is damaged)."
    )


# -- restore --------------------------------------------------------------------------------------
def unit_and_counter(settings: dict) -> tuple[str | None, int | None]:
    """The unit code and counter number a database's settings hold (None when not set up)."""
    unit = settings.get("unit_code") or None
    counter = settings.get("counter")
    try:
        number = int(counter) if counter not in (None, "") else None
    except (TypeError, ValueError):
        number = None
    return (str(unit) if unit else None), number


def holder_text(unit_code: str | None, counter: int | None, dossiers: int | None) -> str:
    return (
        f"đơn vị / unit {unit_code or '(chưa thiết lập)'}, quầy / counter {counter or '-'}, "
        f"{dossiers if dossiers is not None else '?'} hồ sơ / dossiers"
    )


def _current_holder(folder: Path) -> tuple[str | None, int | None, int | None]:
    """Unit, counter and dossier count of the folder's present database (Nones if unknown)."""
    db_file = paths.db_path(folder)
    marker = folder_identity.read_marker(folder) or {}
    remembered = (marker.get("unit_code"), marker.get("counter"), None)
    if not db_file.exists() or db_file.stat().st_size == 0:
        return remembered
    try:
        conn = open_readonly(db_file, folder_keys(folder))
    except sqlite3.DatabaseError:
        return remembered
    try:
        unit, counter = unit_and_counter(read_settings(conn))
        try:
            dossiers = conn.execute("SELECT count(*) FROM dossiers").fetchone()[0]
        except sqlite3.DatabaseError:
            dossiers = None
        return unit, counter, dossiers
    finally:
        conn.close()


def _check_same_unit(folder: Path, report: VerifyReport, accept_other_unit: bool) -> str:
    """Refuse a backup of another unit or counter unless accepted; returns a note or ''."""
    unit, counter, dossiers = _current_holder(folder)
    if unit is None and counter is None:
        return ""  # nothing set up here yet: any backup may be brought in
    same = (report.unit_code, report.counter) == (unit, counter)
    if same:
        return ""
    sides = (
        f"  - thư mục dữ liệu / this folder: {holder_text(unit, counter, dossiers)}\n"
        f"  - tệp sao lưu / the backup: {report.holder_text()}"
    )
    if not accept_other_unit:
        raise RestoreRefused(
            "Không khôi phục: bản sao lưu thuộc đơn vị hoặc quầy khác / the backup belongs to "
            f"another unit or counter:\n{sides}\n"
            "Nếu đúng là muốn dùng dữ liệu đó, chạy lại với --accept-other-unit. / "
            "Run again with --accept-other-unit if this is intended."
        )
    return "Đã khôi phục bản sao lưu của đơn vị/quầy khác theo yêu cầu / other unit accepted:\n" + (
        sides
    )


def restore(
    folder: Path,
    backup_file: Path,
    *,
    ignore_audit: bool = False,
    actor: str = "technician",
    accept_other_unit: bool = False,
    recovery_key: str | None = None,
) -> RestoreResult:
    """Replace the data folder's database with `backup_file`.

    `recovery_key`: the recovery key of the folder that made an encrypted backup, when it
    is not this folder's (RecoveryKeyInvalid when the text is not a recovery key).

    Refuses (RestoreRefused, nothing changed) when the file fails verification, the folder
    is in use by a running app, or the backup holds another unit's or counter's data (unless
    `accept_other_unit`). The replaced database is kept in `<data>/replaced/…`.
    Dossier-code and book sequences from the replaced database are carried forward when it
    is readable, so a code issued after the backup is never issued a second time.
    """
    folder = Path(folder)
    backup_file = Path(backup_file).resolve()
    keys = folder_keys(folder)
    if recovery_key:
        keys.append(db_key.parse_recovery_key(recovery_key))
    report = verify_backup(backup_file, audit_key.load(folder, create=False), db_keys=keys)
    if not report.ok:
        audit_only = all(p.startswith("Nhật ký kiểm tra") for p in report.problems)
        if not (ignore_audit and audit_only):
            raise RestoreRefused(
                "Không khôi phục: tệp sao lưu không dùng được / backup rejected:\n"
                + "\n".join(f"  - {p}" for p in report.problems)
            )
    file_modes.private_dir(folder)
    lock = FolderLock(folder / "counter.lock")
    try:
        lock.acquire(0.0)
    except DataFolderLocked as exc:
        raise RestoreRefused(
            "Không khôi phục khi ứng dụng đang chạy: hãy đóng mọi cửa sổ ứng dụng rồi thử lại. / "
            f"Close the app first. ({exc})"
        ) from None
    try:
        other_unit_note = _check_same_unit(folder, report, accept_other_unit)
        result = _restore_locked(
            folder, backup_file, report, actor=actor, other_unit=bool(other_unit_note)
        )
    finally:
        lock.release()
    if other_unit_note:
        result.notes.append(other_unit_note)
    return result


def _restore_locked(
    folder: Path, backup_file: Path, report: VerifyReport, *, actor: str, other_unit: bool
) -> RestoreResult:
    db_file = paths.db_path(folder)
    if db_file.exists() and db_file.resolve() == backup_file:
        raise RestoreRefused("Tệp sao lưu chính là cơ sở dữ liệu đang dùng / same file")
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    incoming = folder / "counter.db.restoring"
    for leftover in (incoming, Path(f"{incoming}-journal")):
        leftover.unlink(missing_ok=True)
    result = RestoreResult(restored_from=backup_file, replaced_dir=None, report=report)
    old_keys = folder_keys(folder)
    key = old_keys[0] if old_keys else report.key
    if key is None:  # a plain backup into a folder without a key: the folder's first key
        key = db_key.new_key()
        result.recovery_key_created = db_key.recovery_key_text(key)
    source = open_readonly(backup_file, [report.key] if report.key else [])
    try:
        copy_database(source, incoming, key)
    finally:
        source.close()
    conn = sqlite3.connect(incoming, key, isolation_level=None)
    try:
        conn.row_factory = sqlite3.Row
        sealed = row_seals.has_seals(conn)
        if sealed:  # the rows the restore itself writes (the carried counters) are sealed
            row_seals.install_tracking(conn)  # like any write; the backup's rows keep theirs
        conn.execute("BEGIN IMMEDIATE")
        if db_file.exists():
            result.sequences_carried = _carry_forward_sequences(
                conn, db_file, result.notes, old_keys
            )
        if sealed:
            row_seals.seal_queued(conn)
        audit_key.drop_carried(conn)
        if report.audit_key is not None:  # the restored trail's own key (from another PC)
            audit_key.save(folder, report.audit_key)
        audit.append(
            conn,
            key=report.audit_key or audit_key.load(folder, create=True),
            actor=actor,
            action="backup.restore",
            detail={
                "file": backup_file.name,
                "schema_version": report.schema_version,
                "sequences_carried": result.sequences_carried,
                "unit_code": report.unit_code,
                "counter": report.counter,
                "accepted_other_unit": other_unit,
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
    fsync_file(incoming)
    if not old_keys:
        db_key.save_folder_key(folder, key)  # before the file it opens is put in place
    if db_file.exists() or Path(f"{db_file}-wal").exists():
        replaced = folder / "replaced" / f"counter-{stamp}"
        number = 2
        while replaced.exists():
            replaced = folder / "replaced" / f"counter-{stamp}-{number}"
            number += 1
        file_modes.private_dir(replaced)
        for suffix in ("", "-wal", "-shm", "-journal"):
            old = Path(f"{db_file}{suffix}")
            if old.exists():
                os.replace(old, replaced / old.name)
        result.replaced_dir = replaced
    os.replace(incoming, db_file)
    fsync_dir(folder)
    clear_damage_flag(folder)
    restored = open_readonly(db_file, [key])
    try:
        folder_identity.record(folder, restored)
        result.notes += attachment_backups.restore_documents(
            folder, backup_file, restored, key=key, backup_key=report.key
        )
    finally:
        restored.close()
    log.info(
        "restored %s (schema %s, %s dossiers); replaced database kept in %s",
        backup_file.name,
        report.schema_version,
        report.dossiers,
        result.replaced_dir,
    )
    return result


def _carry_forward_sequences(
    conn: sqlite3.Connection, old_db: Path, notes: list[str], keys: Sequence[bytes]
) -> int:
    """Raise the restored code/book sequences to the replaced database's values."""
    try:
        old = open_readonly(old_db, keys)
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
