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

SECRET_NAME = "audit-chain-key"


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
        return hmac.new(self.secret, material, hashlib.sha256).hexdigest()

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
