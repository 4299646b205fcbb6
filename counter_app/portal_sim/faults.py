"""Fault injection for the stand-in portal: tests arm faults at run time, the CLI at start-up."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Any

# kind -> {parameter: default}; the CLI's single positional parameter is the first key.
FAULT_PARAMETERS: dict[str, dict[str, Any]] = {
    "refuse": {"seconds": 0.0},
    "http500": {},
    "http429": {"retry_after": 1.0},
    "slow": {"seconds": 1.0},
    "drop_after_commit": {},
    "malformed_json": {"body": None},
    "expire_token": {},
    # uploads (issue 16): each aims at its own endpoint unless given another path
    "drop_chunk": {"status": 500},
    "cut_chunk": {"fraction": 0.5},
    "lose_commit_answer": {},
    "upload_too_large": {},
    "tamper_download": {},  # a TaiTep answer with one byte of its piece flipped
}
FAULT_KINDS = frozenset(FAULT_PARAMETERS)
LOGIN_PATH = "/api/login"
CHUNK_PATH = "/api/TaiPhanTep"
DEFAULT_PATHS = {
    "drop_chunk": CHUNK_PATH,
    "cut_chunk": CHUNK_PATH,
    "lose_commit_answer": "/api/HoanTatTaiTep",
    "upload_too_large": "/api/BatDauTaiTep",
    "tamper_download": "/api/TaiTep",
}
# Taken before the request body is read (they act while it arrives).
BEFORE_BODY_KINDS = frozenset({"cut_chunk"})


@dataclass
class Fault:
    """One armed fault. `times=None` keeps it armed until removed."""

    kind: str
    times: int | None = 1
    path: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    hits: int = 0
    user: str | None = None  # only requests with this user's credentials (one counter)
    skip: int = 0  # let this many matching requests through first (e.g. fail the 2nd page)

    def matches(self, path: str, user: str | None = None) -> bool:
        if self.user is not None and user != self.user:
            return False
        if self.path is not None or self.kind in DEFAULT_PATHS:
            return (self.path or DEFAULT_PATHS[self.kind]) == path
        # An expired token only makes sense on calls that carry one.
        return not (self.kind == "expire_token" and path == LOGIN_PATH)

    def describe(self) -> str:
        parts = [self.kind]
        if self.params:
            parts.append(",".join(f"{k}={v}" for k, v in self.params.items()))
        if self.path:
            parts.append(f"@{self.path}")
        if self.user:
            parts.append(f"user={self.user}")
        return " ".join(parts)


class FaultController:
    """Thread-safe FIFO of armed faults; each request consumes at most one matching fault."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(
        self,
        kind: str,
        times: int | None = 1,
        *,
        path: str | None = None,
        user: str | None = None,
        skip: int = 0,
        **params: Any,
    ) -> Fault:
        if kind not in FAULT_KINDS:
            raise ValueError(
                f"unknown fault kind {kind!r}; known: {', '.join(sorted(FAULT_KINDS))}"
            )
        if times is not None and times < 1:
            raise ValueError("times must be >= 1, or None for 'until removed'")
        defaults = FAULT_PARAMETERS[kind]
        unknown = set(params) - set(defaults)
        if unknown:
            raise ValueError(f"fault {kind!r} takes no parameter(s) {sorted(unknown)}")
        fault = Fault(
            kind=kind, times=times, path=path, params={**defaults, **params}, user=user, skip=skip
        )
        with self._lock:
            self._faults.append(fault)
        return fault

    def take(
        self, path: str, user: str | None = None, *, before_body: bool = False
    ) -> Fault | None:
        """The first armed fault matching `path` (and `user`), consumed by one use; with
        `before_body`, only of the kinds that act while the body arrives (and only others
        without it)."""
        with self._lock:
            for index, fault in enumerate(self._faults):
                if (fault.kind in BEFORE_BODY_KINDS) != before_body:
                    continue
                if not fault.matches(path, user):
                    continue
                if fault.skip > 0:
                    fault.skip -= 1
                    return None
                fault.hits += 1
                if fault.times is not None:
                    fault.times -= 1
                    if fault.times == 0:
                        del self._faults[index]
                return fault
        return None

    def remove(self, fault: Fault) -> None:
        with self._lock:
            if fault in self._faults:
                self._faults.remove(fault)

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def pending(self) -> list[Fault]:
        with self._lock:
            return list(self._faults)


_TIMES_SUFFIX = re.compile(r"x(\d+|\*)$")


def parse_fault_spec(spec: str) -> tuple[str, int | None, str | None, dict[str, Any]]:
    """Parse the CLI syntax `kind[:param][xN|x*][@/path]` into (kind, times, path, params).

    Examples: `http500`, `http500x3`, `http429:0.5x2@/api/DongBoHoSoMC`, `slow:2x*`, `refuse:5`.
    """
    text = spec.strip()
    path: str | None = None
    if "@" in text:
        text, path = text.split("@", 1)
        if not path.startswith("/"):
            raise ValueError(f"fault path must start with '/': {spec!r}")
    times: int | None = 1
    suffix = _TIMES_SUFFIX.search(text)
    if suffix:  # no fault kind ends in 'x' + digits, so this never eats part of the kind
        times = None if suffix.group(1) == "*" else int(suffix.group(1))
        text = text[: suffix.start()]
    kind, _, raw_param = text.partition(":")
    if kind not in FAULT_KINDS:
        raise ValueError(f"unknown fault kind {kind!r} in {spec!r}")
    params: dict[str, Any] = {}
    if raw_param:
        names = list(FAULT_PARAMETERS[kind])
        if not names:
            raise ValueError(f"fault {kind!r} takes no parameter: {spec!r}")
        try:
            params[names[0]] = float(raw_param)
        except ValueError:
            raise ValueError(f"fault parameter must be a number of seconds: {spec!r}") from None
    if times is not None and times < 1:
        raise ValueError(f"fault count must be >= 1: {spec!r}")
    return kind, times, path, params
