"""The portal's failures as typed errors, and how a failed HTTP request becomes one.

`.retryable` tells sync whether to try again later; `.maybe_processed` tells it the portal may
already have applied the request (so the retry must reuse the same idempotency key).
"""

from __future__ import annotations

import socket
import ssl
import time
from email.utils import parsedate_to_datetime

import requests


class PortalError(Exception):
    """Base of every portal failure. `message` is Vietnamese with an English detail."""

    retryable: bool = False

    def __init__(
        self,
        message: str,
        *,
        retryable: bool | None = None,
        status: int | None = None,
        error_code: str | None = None,
        retry_after: float | None = None,
        maybe_processed: bool = False,
        portal_message: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.portal_message = portal_message  # the portal's own words, when it answered any
        if retryable is not None:
            self.retryable = retryable
        self.status = status
        self.error_code = error_code
        self.retry_after = retry_after
        self.maybe_processed = maybe_processed


class PortalUnreachable(PortalError):
    """Connection refused/reset, timeout, DNS or proxy failure."""

    retryable = True


class PortalTLSError(PortalError):
    """TLS handshake or certificate failure: usually a wrong PC clock, CA bundle or proxy.

    Retryable so queued records wait (never get marked rejected) while a technician fixes it.
    """

    retryable = True


class PortalServerError(PortalError):
    """5xx, or a 2xx answer that is not the JSON the contract promises."""

    retryable = True


class PortalRateLimited(PortalError):
    """429: `.retry_after` seconds from the Retry-After header, when given."""

    retryable = True


class PortalAuthError(PortalError):
    """Wrong user name or password, or the account may not use this service."""

    retryable = False


class PortalConflict(PortalError):
    """409: the idempotency key was already used with a different body."""

    retryable = False


class PortalRequestError(PortalError):
    """Any other 4xx: the portal refused the request as a whole (bad shape, unknown code…)."""

    retryable = False


class UploadRejected(PortalError):
    """The portal refused an attachment for good (too large, a hash that does not match…):
    `.portal_message` is what to show; sending the same file again will not help."""

    retryable = False


class DownloadMismatch(PortalError):
    """A fetched attachment is not the file that was announced (its size or SHA-256): refused,
    nothing of it kept (portal/downloads.py)."""

    retryable = False


class UploadInterrupted(PortalError):
    """An attachment could not be finished now (the network, the portal): try later; the
    portal keeps `.offset` bytes of it, so the next try resumes there."""

    retryable = True

    def __init__(
        self,
        message: str,
        *,
        offset: int | None = None,
        status: int | None = None,
        error_code: str | None = None,
        portal_message: str | None = None,
    ) -> None:
        super().__init__(
            message, status=status, error_code=error_code, portal_message=portal_message
        )
        self.offset = offset


def error_chain(error: BaseException) -> list[BaseException]:
    """The exception and everything it wraps (requests nests urllib3 nests OSError)."""
    seen: list[BaseException] = []
    pending: list[BaseException] = [error]
    while pending:
        current = pending.pop()
        if any(current is known for known in seen) or len(seen) > 20:
            continue
        seen.append(current)
        linked = [current.__cause__, current.__context__, getattr(current, "reason", None)]
        linked.extend(getattr(current, "args", ()))
        pending.extend(item for item in linked if isinstance(item, BaseException))
    return seen


def network_error(error: requests.RequestException, method_url: str) -> PortalError:
    causes = error_chain(error)
    detail = f"{method_url}: {type(error).__name__}"
    root = next((c for c in reversed(causes) if isinstance(c, OSError)), None)
    if root is not None:
        detail += f" ({type(root).__name__}: {root})"
    detail = detail[:400]

    def has(*types: type[BaseException]) -> bool:
        return any(isinstance(c, types) for c in causes)

    if isinstance(error, requests.exceptions.SSLError) or has(ssl.SSLError):
        return PortalTLSError(
            "Lỗi chứng chỉ/kết nối bảo mật (TLS) tới Cổng DVC: kiểm tra đồng hồ máy, "
            f"chứng chỉ CA hoặc proxy (TLS failure: {detail})"
        )
    if isinstance(error, requests.exceptions.ProxyError):
        return PortalUnreachable(f"Lỗi máy chủ proxy khi kết nối Cổng DVC (proxy error: {detail})")
    if isinstance(error, requests.exceptions.ConnectTimeout):
        return PortalUnreachable(
            f"Quá thời gian chờ kết nối tới Cổng DVC (connect timeout: {detail})"
        )
    if isinstance(error, requests.exceptions.ReadTimeout):
        return PortalUnreachable(
            "Cổng DVC không trả lời trong thời gian chờ; yêu cầu có thể đã được xử lý "
            f"(read timeout: {detail})",
            maybe_processed=True,
        )
    if has(socket.gaierror) or "NameResolutionError" in {type(c).__name__ for c in causes}:
        return PortalUnreachable(
            f"Không tìm thấy máy chủ Cổng DVC, kiểm tra mạng/DNS (name resolution failed: {detail})"
        )
    if has(ConnectionRefusedError):
        return PortalUnreachable(f"Cổng DVC từ chối kết nối (connection refused: {detail})")
    if isinstance(
        error, requests.exceptions.ConnectionError | requests.exceptions.ChunkedEncodingError
    ):
        # Reset or closed after the request went out: the portal may have done the work.
        return PortalUnreachable(
            "Kết nối tới Cổng DVC bị ngắt trước khi có trả lời; yêu cầu có thể đã được xử lý "
            f"(connection lost: {detail})",
            maybe_processed=True,
        )
    return PortalError(f"Không gửi được yêu cầu tới Cổng DVC (request failed: {detail})")


def parse_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())
