"""What the services raise and return: one small module every caller can import."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from counter_app.domain import identity


class InputError(ValueError):
    """Bad input from a person or a file; `field` names what to fix."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class NotFound(LookupError):
    pass


class AuthError(PermissionError):
    pass


@dataclass(frozen=True)
class ReceiveResult:
    dossier: dict[str, Any]
    warnings: list[identity.Finding]
