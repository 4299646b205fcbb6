"""The one SQLite driver of the app: SQLCipher (the `sqlcipher3` module), encrypted files.

Every module of counter_app imports its SQLite names from here (``from counter_app.store
import driver as sqlite3``), so `Connection`, `Row` and the exceptions are SQLCipher's and
``except sqlite3.Error`` keeps catching what the driver raises. The standard library's
`sqlite3` is not imported anywhere in the app (the stand-in portal excepted).

`connect` is the one place that opens a file and applies its key: ``PRAGMA key`` first (a
raw 256-bit key, so no key derivation runs at open), then a cheap read of the schema to
prove the key. A file that cannot be read with the key it was given raises
`EncryptionKeyError`, whose message says the database is encrypted and which key it needs,
never SQLite's "file is not a database".
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as _dbapi

Connection = _dbapi.Connection
Cursor = _dbapi.Cursor
Row = _dbapi.Row
Error = _dbapi.Error
DatabaseError = _dbapi.DatabaseError
OperationalError = _dbapi.OperationalError
IntegrityError = _dbapi.IntegrityError
ProgrammingError = _dbapi.ProgrammingError
InterfaceError = _dbapi.InterfaceError
sqlite_version = _dbapi.sqlite_version

if getattr(sys, "frozen", False) and "sqlite3" not in sys.modules:
    try:  # the packaged bundle leaves the standard library's SQLite out (build.spec): the
        import sqlite3  # noqa: F401 - stand-in portal and sqlite-utils get SQLCipher's
    except ImportError:  # module under that name, which reads plain files as SQLite does
        import sqlcipher3 as _sqlcipher3

        sys.modules["sqlite3"] = _sqlcipher3
        sys.modules["sqlite3.dbapi2"] = _dbapi

SQLITE_MAGIC = b"SQLite format 3\x00"
KEY_BYTES = 32
# Prepared statements a connection keeps. The driver's cache (pysqlite's, size 100 unless
# told) keeps the most used statements and puts a new one last, where the next miss evicts
# it: once a connection has seen 100 distinct statements (opening a store alone runs ~60,
# the seal triggers' DDL), every statement not cached by then is compiled again at each
# use — a receipt compiled ~40 of its ~55 statements every time, about a fifth of its CPU.
# A statement costs ~7 KB; the app's set (hot paths bind lists as one JSON parameter, so
# their text does not vary with the count) fits well inside this.
STATEMENT_CACHE = 1024

__all__ = [
    "Connection",
    "DatabaseError",
    "EncryptionKeyError",
    "Error",
    "IntegrityError",
    "OperationalError",
    "ProgrammingError",
    "Row",
    "cipher_version",
    "connect",
    "file_state",
    "key_pragma",
    "open_file",
]


class EncryptionKeyError(DatabaseError):
    """The file is encrypted and the key given (or no key) does not open it."""


def file_state(path: Path | str) -> str:
    """'missing', 'empty', 'plain' (an unencrypted SQLite file) or 'encrypted' (anything
    else: SQLCipher files have no readable header; a damaged file looks the same)."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(16)
    except FileNotFoundError:
        return "missing"
    if not header:
        return "empty"
    return "plain" if header == SQLITE_MAGIC else "encrypted"


def key_pragma(key: bytes, schema: str = "") -> str:
    """``PRAGMA [schema.]key`` with a raw key (hex blob literal: no KDF, no quoting issue)."""
    if len(key) != KEY_BYTES:
        raise ValueError(f"a database key has {KEY_BYTES} bytes, not {len(key)}")
    prefix = f"{schema}." if schema else ""
    return f"PRAGMA {prefix}key = \"x'{key.hex()}'\""


def needs_key_message(path: Path | str, *, had_key: bool) -> str:
    if had_key:
        return (
            f"Cơ sở dữ liệu {path} được mã hóa bằng một khóa khác (hoặc tệp bị hỏng), cần "
            "khóa đúng để mở: dùng khóa khôi phục của máy đã tạo tệp ('--recovery-key'). / "
            "The database is encrypted with another key (or the file is damaged): it needs "
            "its own key, e.g. the recovery key of the PC that made it."
        )
    return (
        f"Cơ sở dữ liệu {path} được mã hóa, cần khóa để mở nhưng máy này không có khóa của "
        "nó (kho khóa của tài khoản Windows/hệ điều hành). Hãy chạy 'counter-app unlock "
        "--recovery-key …' với khóa khôi phục đã in khi cài đặt. / The database is "
        "encrypted and needs its key, which is not in this account's keyring: run "
        "'counter-app unlock --recovery-key …' with the recovery key printed at setup."
    )


def connect(
    path: Path | str,
    key: bytes | None,
    *,
    readonly: bool = False,
    immutable: bool = False,
    isolation_level: str | None = None,
    check_same_thread: bool = True,
    prove: bool = True,
    timeout: float = 5.0,
) -> Connection:
    """Open `path` with `key` (None: an unencrypted file) and prove it can be read.

    Raises EncryptionKeyError when the file is encrypted and `key` does not open it."""
    if readonly:
        target = f"file:{path}?mode=ro" + ("&immutable=1" if immutable else "")
        conn = _dbapi.connect(
            target,
            uri=True,
            isolation_level=isolation_level,
            check_same_thread=check_same_thread,
            timeout=timeout,
            cached_statements=STATEMENT_CACHE,
        )
    else:
        conn = _dbapi.connect(
            str(path),
            isolation_level=isolation_level,
            check_same_thread=check_same_thread,
            timeout=timeout,
            cached_statements=STATEMENT_CACHE,
        )
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our error, not stderr's
        if key is not None:
            conn.execute(key_pragma(key))
        if prove:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc) and file_state(path) == "encrypted":
            raise EncryptionKeyError(needs_key_message(path, had_key=key is not None)) from None
        raise
    return conn


def open_file(
    path: Path | str, keys: Sequence[bytes] = (), *, readonly: bool = True, **options: Any
) -> Connection:
    """Open a database file that may be plain (an old backup) or encrypted with one of
    `keys` (tried in order). Raises EncryptionKeyError when none opens it."""
    if file_state(path) == "plain" or not keys:
        return connect(path, None, readonly=readonly, **options)
    error: EncryptionKeyError | None = None
    for key in keys:
        try:
            return connect(path, key, readonly=readonly, **options)
        except EncryptionKeyError as exc:
            error = exc
    assert error is not None
    raise error


def opening_key(path: Path | str, keys: Sequence[bytes]) -> bytes | None:
    """Which of `keys` opens `path` (None for a plain file); EncryptionKeyError if none."""
    if file_state(path) == "plain":
        return None
    for key in keys:
        try:
            connect(path, key, readonly=True).close()
        except EncryptionKeyError:
            continue
        return key
    raise EncryptionKeyError(needs_key_message(path, had_key=bool(keys)))


def export_encrypted(source: Connection, target: Path, key: bytes) -> None:
    """Write an encrypted copy of the (plain or encrypted) database `source` to `target`,
    keeping its schema version. SQLCipher's backup API cannot copy a plain file into an
    encrypted one; `sqlcipher_export` can. `target` is absent or empty (it keeps its mode)."""
    target = Path(target)
    if target.exists() and target.stat().st_size:
        raise FileExistsError(target)  # callers give a new (or empty, private) file
    version = source.execute("PRAGMA user_version").fetchone()[0]
    source.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(target),))
    try:
        source.execute("SELECT sqlcipher_export('encrypted')").fetchone()
        source.execute(f"PRAGMA encrypted.user_version = {int(version)}")
    finally:
        source.execute("DETACH DATABASE encrypted")


def serve_sqlite_utils() -> None:
    """sqlite-utils (migrations) looks for the `pysqlite3` module before the standard
    `sqlite3`: point that name at SQLCipher, so its `except OperationalError` clauses catch
    what our connections raise, and the bundle needs no second SQLite library."""
    import sqlcipher3

    sys.modules.setdefault("pysqlite3", sqlcipher3)
    sys.modules.setdefault("pysqlite3.dbapi2", _dbapi)
    try:
        import sqlite3  # noqa: F401 - sqlite-utils' hook specs name it in annotations
    except ImportError:  # the packaged bundle leaves the standard library's SQLite out
        sys.modules["sqlite3"] = sqlcipher3
        sys.modules["sqlite3.dbapi2"] = _dbapi


def cipher_version() -> str:
    """SQLCipher's version ('' when the driver is not SQLCipher: never in a real build)."""
    conn = _dbapi.connect(":memory:")
    try:
        row = conn.execute("PRAGMA cipher_version").fetchone()
    finally:
        conn.close()
    return str(row[0]) if row else ""
