"""Where and as whom the client talks to the portal, kept out of logs where it is secret."""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from counter_app.domain.values import InputError

# Plain http:// is allowed to this host only: the stand-in portal of training and tests.
PLAIN_HTTP_HOSTS = frozenset({"127.0.0.1"})
URL_MAX = 2000


def check_portal_url(url: str) -> str:
    """The portal's base URL, checked: https:// (http:// only to 127.0.0.1), a host, no
    user name or password inside, no spaces; InputError("portal_url", …) otherwise.
    Returns it stripped of surrounding spaces and of a trailing slash."""
    text = (url or "").strip()
    if not text:
        raise InputError("portal_url", "Địa chỉ cổng DVC không được để trống / empty URL")
    if len(text) > URL_MAX or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in text):
        raise InputError(
            "portal_url", "Địa chỉ cổng DVC có khoảng trắng hoặc ký tự lạ / stray characters"
        )
    try:
        parts = urlsplit(text)
        port = parts.port
        host = parts.hostname
    except ValueError:
        raise InputError("portal_url", f"Địa chỉ cổng DVC không hợp lệ: {text[:80]!r}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise InputError(
            "portal_url", "Địa chỉ cổng phải bắt đầu bằng https:// / the URL must be https://"
        )
    if not host:
        raise InputError("portal_url", "Địa chỉ cổng DVC thiếu tên máy chủ / no host in the URL")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise InputError(
            "portal_url",
            "Không ghi tài khoản/mật khẩu trong địa chỉ cổng; dùng --portal-user / no "
            "credentials in the URL",
        )
    if scheme == "http" and host not in PLAIN_HTTP_HOSTS:
        raise InputError(
            "portal_url",
            f"Cổng DVC phải dùng https:// (http:// chỉ cho cổng thử trên 127.0.0.1); "
            f"{host} không được / plain http:// is refused except to 127.0.0.1",
        )
    del port  # parsed only to refuse a bad one
    return urlunsplit(parts._replace(scheme=scheme)).rstrip("/")


def resolve_ca_bundle(path: str) -> str:
    """A CA bundle for the portal's TLS as the absolute path to store; it must exist and
    hold certificates OpenSSL can load. InputError("portal_ca", …) otherwise."""
    text = (path or "").strip()
    if not text or "\x00" in text:
        raise InputError("portal_ca", "Thiếu đường dẫn tệp CA / no CA file given")
    try:
        resolved = Path(text).expanduser().resolve()
        is_file = resolved.is_file()
    except (OSError, RuntimeError, ValueError):
        raise InputError("portal_ca", f"Đường dẫn tệp CA không hợp lệ: {text[:120]}") from None
    if not is_file:
        raise InputError("portal_ca", f"Không có tệp CA {resolved} / the CA file does not exist")
    try:
        ssl.create_default_context(cafile=str(resolved))
    except (ssl.SSLError, OSError, ValueError) as exc:
        raise InputError(
            "portal_ca",
            f"Tệp {resolved} không phải chứng chỉ CA dạng PEM đọc được ({exc}) / not a "
            "usable PEM CA bundle",
        ) from None
    return str(resolved)


@dataclass
class PortalConfig:
    base_url: str
    username: str
    password: str
    verify: bool | str = True  # or the path of a CA bundle
    connect_timeout: float = 5
    read_timeout: float = 30

    def __post_init__(self) -> None:
        if self.verify is False:
            raise ValueError("TLS verification of the portal cannot be turned off")

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
