"""The digitised documents' files: content-addressed, encrypted at rest, written atomically.

Each stored document (a PDF) is `<data>/attachments/<ab>/<sha256>`, named after the SHA-256 of
its plaintext, so the same content is stored once however often it is attached. A file is a
small SQLCipher container encrypted with the folder's database key (store/db_key.py): a
`document` row (sha256, bytes, chunk count) and the PDF in 1 MB `chunks` blobs.

Why SQLCipher containers: the bundle cannot take `cryptography` (~10 MB of Rust library, the
bundle is at its budget), and SQLCipher is already shipped and already holds the key: every
4 KB page is AES-256 encrypted with its own IV and an HMAC-SHA512, so a flipped byte anywhere
is refused at read, the key stays raw (no KDF at open), and `rekey` re-encrypts a container
as it does a backup (`db_key.local_copies` lists them). Reading back also checks the
plaintext's SHA-256 and length against the name, so a container swapped for another one
(encrypted with the same key) is caught too.

Writing is crash-safe: the container is built as `.<sha256>.<pid>.partial` in the same folder
(0600 from its creation, folder 0700 via file_modes), fsynced, renamed onto its name and the
folder fsynced. A kill leaves at most a partial file, never a half file under a real name;
`clear_partials` removes those a dead writer left. Rows of `attachments` are written only after
their file is in place (services/attachments.py), so no row ever names a missing file.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from counter_app.store import driver, file_modes
from counter_app.store.durable import fsync_dir, fsync_file

FOLDER_NAME = "attachments"
CHUNK_BYTES = 1 << 20
PARTIAL_SUFFIX = ".partial"
STALE_PARTIAL_SECONDS = 3600
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")

MISSING = "missing"
ALTERED = "altered"


class AttachmentFileError(RuntimeError):
    """A stored document cannot be given back: its file is missing or was altered."""

    def __init__(self, sha256: str, problem: str, detail: str = "") -> None:
        self.sha256 = sha256
        self.problem = problem
        text = (
            "Tệp giấy tờ số hóa bị mất / the attachment file is missing"
            if problem == MISSING
            else "Tệp giấy tờ số hóa bị thay đổi hoặc hỏng / the attachment file was altered"
        )
        super().__init__(f"{text}: {sha256[:12]}…{' (' + detail + ')' if detail else ''}")


def root(folder: Path) -> Path:
    return Path(folder) / FOLDER_NAME


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class AttachmentFiles:
    """The files of one content-addressed folder (a data folder's, or a backup pool's).

    `key`: the key new containers are written with (None only for the benchmark's plain
    store); `read_keys`: the keys tried when reading (the key first)."""

    def __init__(self, directory: Path, key: bytes | None, read_keys: Sequence[bytes] = ()) -> None:
        self.directory = Path(directory)
        self.key = key
        keys = [key] if key is not None else []
        self.read_keys = keys + [k for k in read_keys if k not in keys]

    def path(self, sha256: str) -> Path:
        if not SHA256_RE.match(sha256):
            raise ValueError(f"not a SHA-256: {sha256!r}")
        return self.directory / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    # -- writing ------------------------------------------------------------------------------
    def put(self, data: bytes) -> str:
        """Store `data` (once: an intact file of the same content is kept); returns its SHA-256."""
        sha256 = digest(data)
        if self.check(sha256) == "":
            return sha256
        self._write(sha256, data)
        return sha256

    def _write(self, sha256: str, data: bytes) -> None:
        final = self.path(sha256)
        folder = file_modes.private_dir(final.parent)
        file_modes.private_dir(self.directory)
        partial = folder / f".{sha256}.{os.getpid()}{PARTIAL_SUFFIX}"
        partial.unlink(missing_ok=True)
        file_modes.create_private(partial)
        try:
            conn = driver.connect(partial, self.key, isolation_level=None)
            try:
                conn.execute("PRAGMA journal_mode = OFF")  # the rename is the commit
                conn.execute("PRAGMA synchronous = OFF")  # fsync below, once
                conn.execute("BEGIN")
                conn.execute(
                    "CREATE TABLE document (id INTEGER PRIMARY KEY CHECK (id = 1), "
                    "sha256 TEXT NOT NULL, bytes INTEGER NOT NULL, chunks INTEGER NOT NULL)"
                )
                conn.execute("CREATE TABLE chunks (n INTEGER PRIMARY KEY, data BLOB NOT NULL)")
                count = 0
                for count, start in enumerate(range(0, len(data), CHUNK_BYTES), start=1):
                    conn.execute(
                        "INSERT INTO chunks (n, data) VALUES (?, ?)",
                        (count, data[start : start + CHUNK_BYTES]),
                    )
                conn.execute(
                    "INSERT INTO document (id, sha256, bytes, chunks) VALUES (1, ?, ?, ?)",
                    (sha256, len(data), count),
                )
                conn.execute("COMMIT")
            finally:
                conn.close()
            fsync_file(partial)
            os.replace(partial, final)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        fsync_dir(final.parent)

    # -- reading ------------------------------------------------------------------------------
    def read(self, sha256: str) -> bytes:
        """The plaintext of a stored document, its SHA-256 and length checked; raises
        AttachmentFileError when the file is missing, altered or not readable with the key."""
        path = self.path(sha256)
        if not path.is_file():
            raise AttachmentFileError(sha256, MISSING)
        try:
            conn = driver.open_file(path, self.read_keys, readonly=True, isolation_level=None)
        except driver.DatabaseError as exc:
            raise AttachmentFileError(sha256, ALTERED, type(exc).__name__) from None
        try:
            head = conn.execute(
                "SELECT sha256, bytes, chunks FROM document WHERE id = 1"
            ).fetchone()
            parts = [bytes(row[0]) for row in conn.execute("SELECT data FROM chunks ORDER BY n")]
        except driver.DatabaseError as exc:
            raise AttachmentFileError(sha256, ALTERED, type(exc).__name__) from None
        finally:
            conn.close()
        data = b"".join(parts)
        if head is None or head[0] != sha256 or head[1] != len(data) or head[2] != len(parts):
            raise AttachmentFileError(sha256, ALTERED, "nội dung không khớp / content mismatch")
        if digest(data) != sha256:
            raise AttachmentFileError(sha256, ALTERED, "SHA-256")
        return data

    def check(self, sha256: str) -> str:
        """'' when the file is there and intact, else MISSING or ALTERED."""
        try:
            self.read(sha256)
        except AttachmentFileError as exc:
            return exc.problem
        return ""

    # -- housekeeping ---------------------------------------------------------------------------
    def remove(self, sha256: str) -> None:
        path = self.path(sha256)
        path.unlink(missing_ok=True)

    def stored(self) -> Iterator[str]:
        """The SHA-256 of every file in the folder (not the partial ones)."""
        if not self.directory.is_dir():
            return
        for sub in sorted(self.directory.iterdir()):
            if not sub.is_dir():
                continue
            for entry in sorted(sub.iterdir()):
                if SHA256_RE.match(entry.name) and entry.name[:2] == sub.name:
                    yield entry.name

    def clear_partials(self, max_age: float = STALE_PARTIAL_SECONDS) -> int:
        """Remove partial files older than `max_age` seconds (a killed writer's); returns how
        many. Those of a live process are younger: a save takes well under a minute."""
        removed = 0
        if not self.directory.is_dir():
            return 0
        now = time.time()
        for partial in self.directory.glob(f"*/.*{PARTIAL_SUFFIX}"):
            try:
                if now - partial.stat().st_mtime >= max_age:
                    partial.unlink()
                    removed += 1
            except OSError:
                continue
        return removed

    def copy_to(self, other: AttachmentFiles, sha256: str) -> None:
        """Put the file of `sha256` into `other` as it is (same key) or re-encrypted with
        `other.key` (a backup from another PC restored here). Checks it first."""
        if other.key == self.key or other.key is None and self.key is None:
            self.read(sha256)  # intact, or AttachmentFileError
            target = other.path(sha256)
            file_modes.private_dir(other.directory)
            file_modes.private_dir(target.parent)
            partial = target.parent / f".{sha256}.{os.getpid()}{PARTIAL_SUFFIX}"
            file_modes.create_private(partial)
            try:
                shutil.copyfile(self.path(sha256), partial)
                fsync_file(partial)
                os.replace(partial, target)
            except BaseException:
                partial.unlink(missing_ok=True)
                raise
            fsync_dir(target.parent)
        else:
            other._write(sha256, self.read(sha256))
