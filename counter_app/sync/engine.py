"""The background sync engine: a plain thread, usable headless or under the GUI's adapter,
that runs `sync_pass` (push the outbox, pull the portal's changes) over and over.

It runs a pass at start, then every `interval` seconds; after a failure it waits with
exponential backoff and full jitter (capped); `sync_now()` skips any wait. `stop()` lets the
current request finish or time out: every DB write is a whole transaction, so a stop never
leaves a record half-marked (a batch still 'sending' is resent with its key next time).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import replace

from counter_app.domain import clock
from counter_app.ops import secrets_store
from counter_app.portal.backoff import backoff_delay
from counter_app.portal.client import PortalClient
from counter_app.portal.config import PortalConfig
from counter_app.portal.errors import (
    PortalAuthError,
    PortalError,
    PortalTLSError,
    PortalUnreachable,
)
from counter_app.services import CounterService, InputError
from counter_app.sync.anchor import note_head
from counter_app.sync.attachments import upload_attachments
from counter_app.sync.pull import pull_changes, pull_reference_data_if_due
from counter_app.sync.push import push_outbox, recover_after_crash, retry_rejected
from counter_app.sync.state import get_state, set_state
from counter_app.sync.status import PassReport, SyncStatus, queue_counts

log = logging.getLogger(__name__)


def sync_pass(service: CounterService, client: PortalClient, *, pull: bool = True) -> PassReport:
    """Pull the portal's changes, push the outbox, upload documents (then push their lists),
    pull reference data when due.

    A step's portal failure is recorded in the report and the next step still runs (a broken
    feed never holds the uploads, nor a refused upload the feed), unless the portal cannot be
    reached or refuses the sign-in at all: then the other steps would only fail the same way.
    """
    report = PassReport()
    note_head(service, client)  # every request of the pass anchors the audit chain's head
    steps: list[tuple[str, Callable[[CounterService, PortalClient, PassReport], None]]] = []
    if pull:
        # Changes first: a clash with unsent local changes is flagged before any push
        # could overwrite the portal's side.
        steps.append(("pull", pull_changes))
    steps.append(("push", push_outbox))
    steps.append(("files", upload_attachments))  # after the records: files never delay them
    if pull:
        steps.append(("reference", pull_reference_data_if_due))
    for name, step in steps:
        try:
            step(service, client, report)
        except PortalError as error:
            log.warning("sync: %s step failed: %s", name, error)
            report.failures.append((name, error))
            report.error = report.error or error
            set_state(service, "last_error", f"{clock.to_storage(clock.now())} {error}")
            if _portal_out_of_reach(error):
                break
    if report.error is None:
        set_state(service, "last_success", clock.to_storage(clock.now()))
    report.clock_skew_seconds = client.last_clock_skew
    if client.last_clock_skew is not None:
        set_state(service, "clock_skew_seconds", f"{client.last_clock_skew:.0f}")
    return report


def _portal_out_of_reach(error: PortalError) -> bool:
    """No request can get through: wrong credentials, or no connection was ever made."""
    if isinstance(error, PortalAuthError):
        return True
    return isinstance(error, PortalUnreachable | PortalTLSError) and not error.maybe_processed


def portal_config(service: CounterService, password: str) -> PortalConfig | None:
    settings = service.settings.all()
    if not settings["portal_url"]:
        return None
    return PortalConfig(
        base_url=settings["portal_url"],
        username=settings["portal_user"],
        password=password,
        verify=settings["portal_ca_bundle"] or True,
    )


def configured_portal(service: CounterService) -> PortalConfig:
    """The portal of the settings with its stored password; InputError when none is set."""
    user = service.settings.get("portal_user")
    config = portal_config(service, secrets_store.get_portal_password(service.store.folder, user))
    if config is None:
        raise InputError(
            "portal_url",
            "Chưa cấu hình cổng DVC: chạy 'counter-app setup ... --portal-url URL "
            "--portal-user USER' / the portal is not configured",
        )
    return config


def current_status(service: CounterService, state: str, message: str = "") -> SyncStatus:
    counts = queue_counts(service.store.conn())
    last = get_state(service, "last_success")
    skew = get_state(service, "clock_skew_seconds")
    return SyncStatus(
        state=state,
        pending=int(counts["pending"]),
        rejected=int(counts["rejected"]),
        conflicts=int(counts["conflicts"]),
        last_success=clock.from_storage(last) if last else None,
        clock_skew_seconds=float(skew) if skew else None,
        message=message,
        oldest_pending=counts["oldest_pending"],  # type: ignore[arg-type]
        files_pending=int(counts["files_pending"]),
        files_uploading=int(counts["files_uploading"]),
        files_rejected=int(counts["files_rejected"]),
    )


class SyncEngine:
    def __init__(
        self,
        service: CounterService,
        *,
        password_provider: Callable[[], str],
        interval: float | None = None,
        on_status: Callable[[SyncStatus], None] | None = None,
        on_pass: Callable[[PassReport], None] | None = None,
        client_factory: Callable[[PortalConfig], PortalClient] = PortalClient,
    ) -> None:
        self.service = service
        self._password_provider = password_provider
        self._interval = interval
        self._on_status = on_status
        self._on_pass = on_pass  # every finished pass's report (views refresh on what it did)
        self._client_factory = client_factory
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._client: PortalClient | None = None
        self._client_key: tuple | None = None
        self._failures = 0
        self._status = SyncStatus(state="disabled")
        self._lock = threading.Lock()
        self.passes = 0

    # -- control -------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None:
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        if self._client is not None:
            self._client.close()
            self._client = None

    def sync_now(self) -> None:
        self._wake.set()

    def retry(self, code: str, *, actor: str) -> int:
        """Queue a rejected dossier again and sync at once; returns the entries requeued."""
        count = retry_rejected(self.service, code, actor=actor)
        self.sync_now()
        return count

    def retry_upload(self, attachment_id: int, *, actor: str) -> dict:
        """Queue a document the portal rejected again (audited) and sync at once."""
        row = self.service.attachments.retry_upload(attachment_id, by=actor)
        self.sync_now()
        return row

    def credentials_changed(self) -> None:
        """Settings changed the portal password: log in afresh on the next pass."""
        self._client_key = None
        self.sync_now()

    def status(self) -> SyncStatus:
        with self._lock:
            return self._status

    # -- loop ----------------------------------------------------------------------
    def _run(self) -> None:
        recover_after_crash(self.service)
        while not self._stopping.is_set():
            delay = self.run_pass()
            self._wake.wait(delay)
            self._wake.clear()
        self.service.store.close_thread_connection()

    def run_pass(self) -> float:
        """One pass; returns how long to wait before the next one."""
        interval = self._interval or float(self.service.settings.get("sync_interval_seconds"))
        client = self._ensure_client()
        if client is None:
            self._publish(current_status(self.service, "disabled", "Chưa cấu hình cổng DVC"))
            return interval
        self._publish(replace(current_status(self.service, "syncing"), state="syncing"))
        try:
            report = sync_pass(self.service, client)
        except PortalError as error:  # raised outside the pass's own handling
            report = PassReport(error=error)
        except Exception:  # noqa: BLE001 - the engine must keep running for days
            log.exception("sync pass failed")
            self._failures += 1
            self._publish(current_status(self.service, "error", "Lỗi nội bộ khi đồng bộ"))
            return backoff_delay(self._failures)
        self.passes += 1
        self._report(report)
        if report.error is None:
            self._failures = 0
            message = f"{report.rejected} bị từ chối" if report.rejected else ""
            self._publish(current_status(self.service, "synced", message))
            return interval
        self._failures += 1
        state = "offline" if report.error.retryable else "error"
        self._publish(current_status(self.service, state, str(report.error)))
        if not report.error.retryable:
            self._client_key = None  # e.g. wrong password: rebuild with fresh credentials
            return interval
        retry_after = getattr(report.error, "retry_after", None)
        delay = backoff_delay(self._failures)
        return max(delay, retry_after or 0.0)

    def _ensure_client(self) -> PortalClient | None:
        settings = self.service.settings.all()
        if not settings["portal_url"]:
            return None
        key = (settings["portal_url"], settings["portal_user"], settings["portal_ca_bundle"])
        if self._client is None or key != self._client_key:
            config = portal_config(self.service, self._password_provider())
            if self._client is not None:
                self._client.close()
            self._client = self._client_factory(config)
            self._client_key = key
        return self._client

    def _report(self, report: PassReport) -> None:
        if self._on_pass is not None:
            try:
                self._on_pass(report)
            except Exception:  # noqa: BLE001
                log.exception("sync pass listener failed")

    def _publish(self, status: SyncStatus) -> None:
        with self._lock:
            self._status = status
        if self._on_status is not None:
            try:
                self._on_status(status)
            except Exception:  # noqa: BLE001
                log.exception("sync status listener failed")
