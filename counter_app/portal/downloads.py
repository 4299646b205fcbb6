"""Fetching a committed attachment (a MaTep) from the portal, piece by piece (TaiTep,
docs/portal-contract.md "Attachments"), for a counter that knows of the file from the unit's
feed but never had its content.

The caller says which file it expects (size and SHA-256, from the feed): the bytes are checked
against both before they are given back, so a damaged or substituted download is refused
(DownloadMismatch) and nothing of it is kept. Transient faults are retried in place with the
portal's backoff, as uploads are (portal/uploads.py, RetryPolicy).
"""

from __future__ import annotations

import hashlib
import time

from counter_app.portal.client import PortalClient
from counter_app.portal.errors import DownloadMismatch, PortalError
from counter_app.portal.uploads import DEFAULT_CHUNK_SIZE, RetryPolicy


def download(
    client: PortalClient,
    file_ref: str,
    *,
    size: int,
    sha256: str,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    retry: RetryPolicy | None = None,
) -> bytes:
    """The whole file `file_ref`, verified: `size` bytes whose SHA-256 is `sha256`.

    Raises DownloadMismatch (the portal's file is another one, or arrived altered),
    PortalError (a refusal such as FILE_NOT_FOUND, or faults that outlast the retries)."""
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be a positive number of bytes, got {chunk_size!r}")
    retry = retry or RetryPolicy()
    parts: list[bytes] = []
    offset = 0
    failures = 0
    while offset < size:
        try:
            _total, announced, piece = client.download_chunk(
                file_ref, offset, min(chunk_size, size - offset), size=size
            )
        except PortalError as error:
            failures += 1
            if not error.retryable or failures >= retry.attempts:
                if error.status == 200:  # an answer of the wrong size or shape
                    raise DownloadMismatch(
                        f"Tệp {file_ref} trên Cổng không khớp tệp đã báo ({error.message})",
                        status=error.status,
                    ) from error
                raise
            time.sleep(retry.wait(failures, error.retry_after))
            continue
        if announced != sha256:
            raise DownloadMismatch(
                f"Tệp {file_ref} trên Cổng có mã băm khác tệp đã báo / the portal's file is "
                "another one"
            )
        if not piece:
            raise DownloadMismatch(f"Cổng trả phần rỗng của tệp {file_ref} tại vị trí {offset}")
        failures = 0
        parts.append(piece)
        offset += len(piece)
    data = b"".join(parts)
    if hashlib.sha256(data).hexdigest() != sha256:
        raise DownloadMismatch(
            f"Tệp {file_ref} tải về bị sai lệch (SHA-256 không khớp), không lưu / the download "
            "does not match its SHA-256 and was not kept"
        )
    return data
