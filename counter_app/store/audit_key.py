"""The audit chain's per-install secret: the key of its HMACs (issue 11).

Kept beside the database key: in the OS keyring (DPAPI-backed Credential Manager on the
counter PCs), else in the data folder's private secrets file (ops/secrets_store.py). Someone who
can write the database but not read the secret cannot recompute the chain or the record hashes.
The key is named in each row by `key_id` (a fingerprint, never the key), so rows sealed by a
lost or replaced key are reported as such instead of as edits.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from counter_app.store import driver as sqlite3

SECRET_NAME = "audit-chain-key"
# A backup carries the key of its trail (inside the encrypted file, never in the live
# database), so a backup restored on another PC with its recovery key is verified in full
# and its trail stays verifiable there.
CARRIED_TABLE = "carried_audit_key"


@dataclass(frozen=True)
class AuditKey:
    secret: bytes
    key_id: str

    @classmethod
    def from_hex(cls, text: str) -> AuditKey:
        secret = bytes.fromhex(text)
        if len(secret) < 16:
            raise ValueError("audit key too short")
        fingerprint = hmac.new(secret, b"counter-app audit key id", hashlib.sha256)
        return cls(secret=secret, key_id=fingerprint.hexdigest()[:16])

    def mac(self, material: bytes) -> str:
        # hmac.digest: OpenSSL's one-shot HMAC, the same bytes as hmac.new(...).digest()
        # (2.3 vs 2.6 µs a record; a drain macs two records per dossier)
        return hmac.digest(self.secret, material, "sha256").hex()

    def __repr__(self) -> str:  # never print the secret
        return f"AuditKey(key_id={self.key_id!r})"


def load(folder: Path, *, create: bool) -> AuditKey | None:
    """This data folder's key; with `create`, a new one is made when none is stored. None when
    there is none (a read-only look) or the stored text is not a key."""
    from counter_app.ops import secrets_store  # the generic secret store (keyring or file)

    text = secrets_store.get_or_create_secret(
        Path(folder), SECRET_NAME, (lambda: secrets.token_hex(32)) if create else None
    )
    if not text:
        return None
    try:
        return AuditKey.from_hex(text)
    except ValueError:
        return None


def save(folder: Path, key: AuditKey) -> None:
    """Make `key` this data folder's audit key (a restored backup's)."""
    from counter_app.ops import secrets_store

    secrets_store.set_secret(Path(folder), SECRET_NAME, key.secret.hex())


def carry_into(conn: sqlite3.Connection, key: AuditKey) -> None:
    """Write `key` into a backup copy (an autocommit connection to the copy)."""
    conn.execute(f"CREATE TABLE IF NOT EXISTS {CARRIED_TABLE} (secret_hex TEXT NOT NULL)")
    conn.execute(f"DELETE FROM {CARRIED_TABLE}")
    conn.execute(f"INSERT INTO {CARRIED_TABLE} VALUES (?)", (key.secret.hex(),))


def carried(conn: sqlite3.Connection) -> AuditKey | None:
    """The audit key a backup carries; None when it carries none (or not a key)."""
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (CARRIED_TABLE,)
    ).fetchone()
    if found is None:
        return None
    row = conn.execute(f"SELECT secret_hex FROM {CARRIED_TABLE} LIMIT 1").fetchone()
    try:
        return AuditKey.from_hex(row[0]) if row and isinstance(row[0], str) else None
    except ValueError:
        return None


def drop_carried(conn: sqlite3.Connection) -> None:
    """A restored copy leaves the carried key behind: the live database never holds it."""
    conn.execute(f"DROP TABLE IF EXISTS {CARRIED_TABLE}")
