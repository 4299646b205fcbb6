"""Where and as whom the client talks to the portal, kept out of logs where it is secret."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit


@dataclass
class PortalConfig:
    base_url: str
    username: str
    password: str
    verify: bool | str = True  # or the path of a CA bundle
    connect_timeout: float = 5
    read_timeout: float = 30

    def __repr__(self) -> str:  # keeps the password out of logs and tracebacks
        return (
            f"PortalConfig(base_url={self.base_url!r}, username={self.username!r}, "
            f"password='***', verify={self.verify!r}, connect_timeout={self.connect_timeout}, "
            f"read_timeout={self.read_timeout})"
        )


def redact_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.username or parts.password:
        host = parts.hostname or ""
        netloc = f"***@{host}" + (f":{parts.port}" if parts.port else "")
        return urlunsplit(parts._replace(netloc=netloc))
    return url
