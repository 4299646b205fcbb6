"""What the services raise and return: one small module every caller can import."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from counter_app.domain import identity
from counter_app.domain.values import InputError

__all__ = ["AuthError", "InputError", "NotFound", "ReceiveResult"]


class NotFound(LookupError):
    pass


class AuthError(PermissionError):
    pass


@dataclass(frozen=True)
class ReceiveResult:
    """A received dossier and the warnings of its receipt; `already_received` when its
    client reference (or, for an import line, its content) was received before: then
    `dossier` is that earlier dossier and nothing was written (its documents included)."""

    dossier: dict[str, Any]
    warnings: list[identity.Finding]
    already_received: bool = False
    attached: int = 0  # documents captured at intake recorded with it
