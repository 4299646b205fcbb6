"""Sending one attachment to the portal with the resumable upload (docs/portal-contract.md,
"Attachments"): start, chunks, commit; the answer is the file's reference (MaTep) that the
dossier record's attachment list then names.

No local state is needed to resume: the upload is keyed by the file's SHA-256, so starting
again after a cut, a crash or a kill answers the offset the portal already holds, and only
the chunk that was in flight is sent again. Transient faults (network, 5xx, 429, a broken
answer) are retried in place with the portal's backoff (portal/backoff.py); a refusal of the
file itself raises UploadRejected with the portal's message, and faults that outlast the
retries raise UploadInterrupted (retry later: the portal keeps what it got).

The source is anything with the file's size, SHA-256, dossier metadata and `read_at`, so
sync can hand the attachment store's decrypting reader straight in.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from counter_app.portal.backoff import BACKOFF_BASE, BACKOFF_CAP, backoff_delay
from counter_app.portal.client import PortalClient
from counter_app.portal.errors import (
    PortalAuthError,
    PortalError,
    UploadInterrupted,
    UploadRejected,
)

log = logging.getLogger(__name__)

DEFAULT_CHUNK_SIZE = 1024 * 1024
FILE_GROUPS = ("TepDinhKem", "GiayToKetQua")  # submitted documents, results
_READ_BLOCK = 1024 * 1024
T = TypeVar("T")


class UploadSource(Protocol):
    """One file to upload and what the portal is told about it."""

    dossier_code: str  # MaHoSo
    group: str  # NhomTep: "TepDinhKem" (a submitted document) or "GiayToKetQua" (a result)
    item: str  # TenGiayTo: the checklist item or result document it is
    file_name: str  # TenTep
    size: int
    sha256: str  # lowercase hex of the whole file: the upload's idempotency key

    def read_at(self, offset: int, length: int) -> bytes:
        """`length` bytes from `offset` (fewer only at the end of the file)."""
        ...


@dataclass(frozen=True)
class BytesSource:
    dossier_code: str
    group: str
    item: str
    file_name: str
    data: bytes = field(repr=False)

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def read_at(self, offset: int, length: int) -> bytes:
        return self.data[offset : offset + length]


@dataclass(frozen=True)
class FileSource:
    """A file on disk; its size and SHA-256 are taken once, when made with `of`."""

    dossier_code: str
    group: str
    item: str
    file_name: str
    path: Path
    size: int
    sha256: str

    @classmethod
    def of(
        cls, path: str | Path, *, dossier_code: str, group: str, item: str, file_name: str = ""
    ) -> FileSource:
        path = Path(path)
        digest = hashlib.sha256()
        size = 0
        with path.open("rb") as stream:
            while block := stream.read(_READ_BLOCK):
                digest.update(block)
                size += len(block)
        return cls(
            dossier_code, group, item, file_name or path.name, path, size, digest.hexdigest()
        )

    def read_at(self, offset: int, length: int) -> bytes:
        with self.path.open("rb") as stream:
            stream.seek(offset)
            return stream.read(length)


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry transient faults in one upload: `attempts` failures
    in a row (progress resets the count), waits from backoff_delay with `base` and `cap`."""

    attempts: int = 6
    base: float = BACKOFF_BASE
    cap: float = BACKOFF_CAP

    def wait(self, failures: int, retry_after: float | None = None) -> float:
        delay = backoff_delay(failures, base=self.base, cap=self.cap)
        return max(delay, min(retry_after or 0.0, self.cap))


class _Upload:
    """One run of the protocol for one source (the state of a single `upload` call)."""

    def __init__(
        self,
        client: PortalClient,
        source: UploadSource,
        chunk_size: int,
        on_progress: Callable[[int], None] | None,
        retry: RetryPolicy,
    ) -> None:
        self.client = client
        self.source = source
        self.size = source.size
        self.chunk_size = chunk_size
        self.on_progress = on_progress
        self.retry = retry
        self.failures = 0
        self.offset = 0
        self.upload_id = ""
        self._shown = -1

    def progress(self, offset: int) -> None:
        percent = offset * 100 // self.size
        if self.on_progress is not None and percent != self._shown:
            self._shown = percent
            self.on_progress(percent)

    def failed(self, error: PortalError) -> None:
        """A transient fault: wait and go on, or give up when it lasts."""
        self.failures += 1
        if self.failures >= self.retry.attempts:
            raise UploadInterrupted(
                f"Chưa tải lên được tệp {self.source.file_name}, sẽ thử lại sau; Cổng đã nhận "
                f"{self.offset}/{self.size} byte ({error.message})",
                offset=self.offset,
                status=error.status,
                error_code=error.error_code,
                portal_message=error.portal_message,
            ) from error
        delay = self.retry.wait(self.failures, error.retry_after)
        log.info(
            "upload %s: %s, retry %d in %.1f s",
            self.upload_id or "-",
            type(error).__name__,
            self.failures,
            delay,
        )
        time.sleep(delay)

    def rejected(self, error: PortalError) -> UploadRejected:
        shown = error.portal_message or error.message
        return UploadRejected(
            f"Cổng DVC từ chối tệp {self.source.file_name}: {shown}",
            status=error.status,
            error_code=error.error_code,
            portal_message=shown,
        )

    def settle(self, error: PortalError) -> None:
        """After a failed call: wait (transient), or raise (a refusal, or no way to go on)."""
        if error.retryable:
            self.failed(error)
        elif isinstance(error, PortalAuthError):
            raise error
        elif error.status is not None and 400 <= error.status < 500:
            raise self.rejected(error) from error
        else:
            raise error

    def call(self, step: Callable[[], T]) -> T:
        """`step` until it answers: transient faults are retried, refusals raised."""
        while True:
            try:
                return step()
            except PortalError as error:
                self.settle(error)

    def start(self) -> dict[str, Any]:
        source = self.source
        state = self.call(
            lambda: self.client.start_upload(
                dossier_code=source.dossier_code,
                group=source.group,
                item=source.item,
                file_name=source.file_name,
                size=source.size,
                sha256=source.sha256,
            )
        )
        self.upload_id = str(state["upload_id"])
        limit = state.get("chunk_size_max")
        if isinstance(limit, int):
            self.chunk_size = min(self.chunk_size, limit)
        return state

    def ask_offset(self) -> dict[str, Any]:
        def ask() -> dict[str, Any]:
            try:
                return self.client.upload_offset(self.upload_id, size=self.size)
            except PortalError as error:
                if error.error_code != "UPLOAD_NOT_FOUND":
                    raise
                log.warning("upload %s: the portal lost it, starting again", self.upload_id)
                return self.start()

        return self.call(ask)

    def send_chunks(self) -> None:
        while self.offset < self.size:
            length = min(self.chunk_size, self.size - self.offset)
            data = self.source.read_at(self.offset, length)
            if len(data) != length:
                raise ValueError(
                    f"tệp {self.source.file_name}: đọc được {len(data)} byte tại vị trí "
                    f"{self.offset}, cần {length} (the source is shorter than its size)"
                )
            try:
                status, offset = self.client.upload_chunk(
                    self.upload_id,
                    self.offset,
                    data,
                    size=self.size,
                    chunk_sha256=hashlib.sha256(data).hexdigest(),
                )
            except PortalError as error:
                if error.error_code == "UPLOAD_NOT_FOUND":
                    self.failed(error)  # the portal forgot it: ask_offset starts it again
                else:
                    self.settle(error)
                self.offset = int(self.ask_offset()["offset"])
                continue
            if status == "ok":
                self.failures = 0
            elif status == "offset_mismatch":
                # the portal holds another amount (a repeat after a lost answer): go on from it
                log.info("upload %s: portal at %d, not %d", self.upload_id, offset, self.offset)
                if offset <= self.offset:
                    self.failures += 1  # no progress: bounded like any fault
                    if self.failures >= self.retry.attempts:
                        raise UploadInterrupted(
                            f"Cổng không nhận tiếp tệp {self.source.file_name} (vị trí {offset})",
                            offset=offset,
                        )
            else:  # checksum_mismatch: the bytes were damaged on the way; send them again
                self.failed(PortalError(f"chunk at {self.offset} arrived damaged", retryable=True))
            self.offset = offset
            self.progress(self.offset)

    def commit(self) -> str | None:
        """The file's reference, or None when the portal says bytes are still missing."""
        source = self.source

        def commit() -> str | None:
            try:
                return self.client.commit_upload(
                    self.upload_id, size=source.size, sha256=source.sha256
                )
            except PortalError as error:
                if error.error_code == "UPLOAD_INCOMPLETE":
                    return None
                raise

        return self.call(commit)

    def run(self) -> str:
        state = self.start()
        while True:
            if state["complete"]:
                self.progress(self.size)
                return str(state["MaTep"])
            self.offset = int(state["offset"])
            self.progress(self.offset)
            self.send_chunks()
            ref = self.commit()
            if ref is not None:
                self.progress(self.size)
                return ref
            self.failures += 1
            if self.failures >= self.retry.attempts:
                raise UploadInterrupted(
                    f"Cổng chưa nhận đủ tệp {self.source.file_name}", offset=self.offset
                )
            state = self.ask_offset()


def upload(
    client: PortalClient,
    source: UploadSource,
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    on_progress: Callable[[int], None] | None = None,
    retry: RetryPolicy | None = None,
) -> str:
    """Upload `source` (or resume it, or find it already there) and return its MaTep.

    `on_progress(percent)` is called as the share the portal holds grows (0…100), from where
    a resumed upload stands. Raises UploadRejected (the portal's message: the file will not
    be taken as it is), UploadInterrupted (try later; nothing is lost), PortalAuthError.
    """
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(f"chunk_size must be a positive number of bytes, got {chunk_size!r}")
    if source.group not in FILE_GROUPS:
        raise ValueError(f"group must be one of {FILE_GROUPS}, got {source.group!r}")
    if source.size < 1:
        raise ValueError(f"tệp {source.file_name} rỗng (an empty file cannot be uploaded)")
    return _Upload(client, source, chunk_size, on_progress, retry or RetryPolicy()).run()
