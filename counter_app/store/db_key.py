"""The database key of a data folder, its recovery key, and encrypting files with it.

The key is 256 random bits, kept by `counter_app.ops.secrets_store` under the name
``db-key`` (OS keyring; the 0600 file fallback on machines without one). The database and
every backup of the folder are encrypted with it (SQLCipher, raw key). The recovery key is
the same 256 bits written for people: 56 base-32 letters/digits in groups of four, the last
group a checksum, so a mistyped key is told apart from a wrong one. It is shown once, when
the key is made (first setup, the migration of a plain database, `rekey`); a backup copied
to another PC opens there only with it (`restore --recovery-key`, `unlock --recovery-key`).

During `rekey` the new key is saved as ``db-key-next`` before the database is re-encrypted,
and becomes ``db-key`` after: a crash in between leaves a key that opens the file.
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
from pathlib import Path

from counter_app.store import driver, file_modes, paths
from counter_app.store.durable import fsync_file

SECRET_NAME = "db-key"
NEXT_SECRET_NAME = "db-key-next"
CHECK_BYTES = 3
GROUP = 4


class RecoveryKeyInvalid(ValueError):
    """The text typed as a recovery key is not one (wrong length, letters, checksum)."""


def new_key() -> bytes:
    return secrets.token_bytes(driver.KEY_BYTES)


# -- the keyring --------------------------------------------------------------------------------
def _decode_stored(value: str) -> bytes | None:
    try:
        key = bytes.fromhex(value.strip())
    except ValueError:
        return None
    return key if len(key) == driver.KEY_BYTES else None


def folder_key(folder: Path) -> bytes | None:
    """The folder's database key from the keyring (None when this account has none)."""
    from counter_app.ops import secrets_store

    return _decode_stored(secrets_store.get_secret(Path(folder), SECRET_NAME))


def folder_keys(folder: Path) -> list[bytes]:
    """The keys that may open the folder's files: the key, then a rekey's unfinished one."""
    from counter_app.ops import secrets_store

    found = []
    for name in (SECRET_NAME, NEXT_SECRET_NAME):
        key = _decode_stored(secrets_store.get_secret(Path(folder), name))
        if key is not None and key not in found:
            found.append(key)
    return found


def save_folder_key(folder: Path, key: bytes, *, name: str = SECRET_NAME) -> str:
    """Keep `key` as the folder's database key; returns the store used (keyring/file)."""
    from counter_app.ops import secrets_store

    where = secrets_store.set_secret(Path(folder), name, key.hex())
    if name == SECRET_NAME:
        secrets_store.set_secret(Path(folder), NEXT_SECRET_NAME, "")
    return where


def save_next_key(folder: Path, key: bytes) -> None:
    save_folder_key(folder, key, name=NEXT_SECRET_NAME)


# -- the recovery key ----------------------------------------------------------------------------
def recovery_key_text(key: bytes) -> str:
    """The recovery key people write down: 14 groups of 4 base-32 characters."""
    check = hashlib.sha256(key).digest()[:CHECK_BYTES]
    letters = base64.b32encode(key + check).decode("ascii").rstrip("=")
    return "-".join(letters[i : i + GROUP] for i in range(0, len(letters), GROUP))


def parse_recovery_key(text: str) -> bytes:
    """The key a recovery key stands for; RecoveryKeyInvalid with a clear message if the
    text is not a recovery key (spaces, dashes and case do not matter; 0/O and 1/I/L are
    read as the base-32 letters they were mistaken for)."""
    cleaned = "".join(ch for ch in str(text).upper() if ch not in " -\t\r\n")
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    expected = len(recovery_key_text(bytes(driver.KEY_BYTES)).replace("-", ""))
    if len(cleaned) != expected:
        raise RecoveryKeyInvalid(
            f"Khóa khôi phục phải có {expected} ký tự (14 nhóm 4 ký tự), đã nhập {len(cleaned)} "
            f"/ a recovery key has {expected} characters, {len(cleaned)} were given"
        )
    padding = "=" * (-len(cleaned) % 8)
    try:
        raw = base64.b32decode(cleaned + padding)
    except ValueError:
        raise RecoveryKeyInvalid(
            "Khóa khôi phục chỉ gồm chữ A–Z và số 2–7 / a recovery key has only A–Z and 2–7"
        ) from None
    key, check = raw[: driver.KEY_BYTES], raw[driver.KEY_BYTES :]
    if hashlib.sha256(key).digest()[:CHECK_BYTES] != check:
        raise RecoveryKeyInvalid(
            "Khóa khôi phục bị gõ sai (mã kiểm tra không khớp): hãy so lại từng nhóm / "
            "the recovery key is mistyped (its checksum does not match)"
        )
    return key


# -- files ---------------------------------------------------------------------------------------
def encrypt_file_in_place(path: Path, key: bytes) -> None:
    """Replace the plain database file `path` (no -wal, single file) by an encrypted copy."""
    path = Path(path)
    partial = path.with_name(path.name + ".encrypting")
    partial.unlink(missing_ok=True)
    file_modes.create_private(partial)
    source = driver.connect(path, None, isolation_level=None)
    try:
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        driver.export_encrypted(source, partial, key)
    finally:
        source.close()
    check = driver.connect(partial, key, isolation_level=None)
    try:
        check.execute("PRAGMA journal_mode = DELETE")
        result = check.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        check.close()
    if result != "ok":
        partial.unlink(missing_ok=True)
        raise driver.DatabaseError(f"encrypted copy of {path.name} failed its check: {result}")
    fsync_file(partial)
    os.replace(partial, path)
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def rekey_file(path: Path, old: bytes, new: bytes) -> None:
    """Re-encrypt the encrypted database file `path` from `old` to `new` (in place)."""
    conn = driver.connect(path, old, isolation_level=None)
    try:
        conn.execute(f"PRAGMA rekey = \"x'{new.hex()}'\"")
    finally:
        conn.close()
    driver.connect(path, new, readonly=True).close()  # proves the new key opens it


def shred(path: Path) -> None:
    """Overwrite a file with random bytes, flush it, delete it (best effort on SSDs and
    copy-on-write file systems, where old blocks may survive: the docs say so)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    with open(path, "r+b") as handle:
        remaining = size
        while remaining > 0:
            chunk = min(remaining, 1 << 20)
            handle.write(secrets.token_bytes(chunk))
            remaining -= chunk
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()


def local_copies(folder: Path) -> list[Path]:
    """The files encrypted with the folder's key besides counter.db: backups, the databases
    a restore replaced, the digitised documents (with their copies beside the backups) and
    those captured at intake still in the capture spool."""
    found: list[Path] = []
    for directory, pattern in (
        (paths.backups_dir(folder), "counter-*.db"),
        (Path(folder) / "replaced", "*/counter.db"),
        # the digitised documents (store/attachment_files.py) and the backups' pool of them
        (Path(folder) / "attachments", "??/" + "[0-9a-f]" * 64),
        (paths.backups_dir(folder) / "attachments", "??/" + "[0-9a-f]" * 64),
        # the documents captured at intake, waiting for their dossier (store/capture_spool.py)
        (Path(folder) / "capture_spool", "*/??/" + "[0-9a-f]" * 64),
    ):
        try:
            found.extend(p for p in sorted(directory.glob(pattern)) if p.is_file())
        except OSError:
            continue
    return found


def encrypt_plain_copies(folder: Path, key: bytes, *, skip: set[Path]) -> list[str]:
    """Encrypt every plain copy in the folder but those in `skip`; returns what was done."""
    outcome = []
    for copy in local_copies(folder):
        if copy in skip or driver.file_state(copy) != "plain":
            continue
        encrypt_file_in_place(copy, key)
        outcome.append(f"encrypted {copy.name}")
    return outcome


def rekey_local_copies(folder: Path, old: bytes, new: bytes) -> tuple[int, list[str]]:
    """Re-encrypt the folder's copies made with `old`; returns the count and notes."""
    done, notes = 0, []
    for copy in local_copies(folder):
        if driver.file_state(copy) != "encrypted":
            continue
        try:
            rekey_file(copy, old, new)
        except driver.EncryptionKeyError:
            notes.append(
                f"{copy.name}: mã hóa bằng khóa khác, giữ nguyên / another key, left as it is"
            )
            continue
        done += 1
    return done, notes
