"""HTTP front of the stand-in portal: listening, faults, idempotency, request log.

The services and the table routing to them are in endpoints.py; body and answer I/O in wire.py.
"""

from __future__ import annotations

import collections
import json
import logging
import socket
import threading
import time
from datetime import datetime
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from counter_app.domain.clock import VN_TZ
from counter_app.portal_sim import anchors, wire
from counter_app.portal_sim.canonical import canonical_json, digest
from counter_app.portal_sim.catalogue import (
    catalogue_to_portal,
    default_catalogue_path,
    load_catalogue_file,
)
from counter_app.portal_sim.endpoints import (
    ROUTES,
    ApiError,
    authenticate,
    bearer_token,
    json_bytes,
    request_user,
)
from counter_app.portal_sim.faults import LOGIN_PATH, Fault, FaultController
from counter_app.portal_sim.store import IdempotencyConflict, PortalStore
from counter_app.portal_sim.training_only import check_may_start
from counter_app.portal_sim.uploads import DEFAULT_MAX_FILE_BYTES, tampered_piece, too_large
from counter_app.portal_sim.validation import PORTAL_DATE_FORMAT
from counter_app.portal_sim.wire import Outcome

log = logging.getLogger(__name__)

MALFORMED_BODY = b'{"results": [{"MaHoSo": "'
REQUEST_LOG_SIZE = 10_000


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # PortalServer.stop() joins handler threads itself
    request_queue_size = 128
    portal: PortalServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.debug("portal sim: connection error from %s", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server_version = "PortalSim/1.0"
    sys_version = ""
    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
        self.server.portal._track_connection(self.connection, add=True)

    def finish(self) -> None:
        try:
            super().finish()
        except OSError:
            pass
        finally:
            self.server.portal._track_connection(self.connection, add=False)

    def version_string(self) -> str:
        return self.server_version

    def date_time_string(self, timestamp: float | None = None) -> str:
        return formatdate(self.server.portal.server_epoch(), usegmt=True)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (stdlib signature)
        log.debug("portal sim: " + format, *args)

    def do_POST(self) -> None:
        self.server.portal._serve(self)

    def _method_not_allowed(self) -> None:
        self.server.portal._serve(self, allowed=False)

    do_GET = do_PUT = do_DELETE = do_PATCH = do_HEAD = _method_not_allowed


class PortalServer:
    """The stand-in National Public Service Portal, in-process (see docs/portal-contract.md)."""

    def __init__(
        self,
        db_path: str | Path,
        host: str = "127.0.0.1",
        port: int = 0,
        users: dict[str, str] | None = None,
        token_ttl: float = 600,
        *,
        catalogue_path: str | Path | None = None,
        holiday_overrides: list[dict[str, Any]] | None = None,
        clock_offset: float = 0.0,
        training: bool = False,
        max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
        carries_steps: bool = True,
        uploads_need_record: bool = False,
    ) -> None:
        # the packaged app: training mode only, loopback only (before anything is opened)
        check_may_start(host=host, training=training)
        self.host = host
        self.training = training
        self._port = port
        self.users = dict(users) if users is not None else {"counter": "secret"}
        self.token_ttl = token_ttl
        self.clock_offset = clock_offset
        self.max_file_bytes = max_file_bytes  # attachments over it: 413 FILE_TOO_LARGE
        # False: behave like a portal that ignores a record's carried progress step
        # (BuocXuLy); tests may flip it while the server runs
        self.carries_steps = carries_steps
        # True: an upload for a dossier the portal does not hold is refused (404
        # DOSSIER_NOT_FOUND), as a strict portal may; tests may flip it while the server runs
        self.uploads_need_record = uploads_need_record
        self.faults = FaultController()
        self.store = PortalStore(db_path)
        try:
            if catalogue_path is not None:
                self.set_catalogue(catalogue_path)
            elif not self.store.has_catalogue() and (seed := default_catalogue_path()) is not None:
                self.set_catalogue(seed)
            if holiday_overrides is not None:
                self.store.set_holiday_overrides(holiday_overrides)
        except BaseException:
            self.store.close()
            raise
        self._log: collections.deque[dict[str, Any]] = collections.deque(maxlen=REQUEST_LOG_SIZE)
        self._state_lock = threading.Lock()
        self._httpd: _HTTPServer | None = None
        self._serve_thread: threading.Thread | None = None
        self._resume_timer: threading.Timer | None = None
        self._listening = threading.Event()
        self._stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._handler_threads: set[threading.Thread] = set()
        self._started = False
        self._closed = False

    # ---- lifecycle ------------------------------------------------------------------------

    @property
    def port(self) -> int:
        return self._port

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self._port}"

    def start(self) -> PortalServer:
        with self._state_lock:
            if self._started or self._closed:
                raise RuntimeError("portal simulator already started or stopped")
            check_may_start(host=self.host, training=self.training)
            self._started = True
            self._stopping.clear()
            self._open_listener()
        return self

    def stop(self) -> None:
        """Stop listening, cut open connections, wait for handlers, close the store."""
        self._stopping.set()
        with self._state_lock:
            if self._closed:
                return
            self._closed = True
            self._started = False
            if self._resume_timer is not None:
                self._resume_timer.cancel()
                self._resume_timer = None
            self._close_listener()
        self._cut_connections()
        with self._state_lock:
            threads = list(self._handler_threads)
        for thread in threads:
            if thread is not threading.current_thread():
                thread.join(timeout=5)
        self.store.close()

    def __enter__(self) -> PortalServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _open_listener(self) -> None:
        httpd = _HTTPServer((self.host, self._port), _Handler)
        httpd.portal = self
        self._port = httpd.server_address[1]
        self._httpd = httpd
        self._serve_thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"portal-sim:{self._port}",
            daemon=True,
        )
        self._serve_thread.start()
        self._listening.set()

    def _close_listener(self) -> None:
        httpd, thread = self._httpd, self._serve_thread
        self._httpd = self._serve_thread = None
        self._listening.clear()
        if httpd is not None:
            httpd.shutdown()
            httpd.server_close()
        if thread is not None:
            thread.join(timeout=5)

    def _cut_connections(self) -> None:
        with self._state_lock:
            connections = list(self._connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def pause_listening(self, seconds: float | None) -> None:
        """Close the listening socket (clients get 'connection refused') and cut open connections.

        Listening resumes after `seconds`, or on resume_listening() when `seconds` is None.
        """
        with self._state_lock:
            if not self._started:
                return
            if self._resume_timer is not None:
                self._resume_timer.cancel()
                self._resume_timer = None
            if self._httpd is not None:
                self._close_listener()
            if seconds is not None:
                self._resume_timer = threading.Timer(seconds, self.resume_listening)
                self._resume_timer.daemon = True
                self._resume_timer.start()
        self._cut_connections()

    def resume_listening(self) -> None:
        with self._state_lock:
            if self._resume_timer is not None:
                self._resume_timer.cancel()
                self._resume_timer = None
            if self._started and self._httpd is None:
                self._open_listener()

    def wait_until_listening(self, timeout: float = 10.0) -> bool:
        return self._listening.wait(timeout)

    def _track_connection(self, connection: socket.socket, *, add: bool) -> None:
        with self._state_lock:
            if add:
                self._connections.add(connection)
                self._handler_threads.add(threading.current_thread())
                if self._stopping.is_set():
                    try:
                        connection.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
            else:
                self._connections.discard(connection)
                self._handler_threads.discard(threading.current_thread())

    # ---- clock ----------------------------------------------------------------------------

    def server_epoch(self) -> float:
        return time.time() + self.clock_offset

    def server_now(self) -> datetime:
        """The server's clock as naive Vietnam time."""
        return datetime.fromtimestamp(self.server_epoch(), VN_TZ).replace(tzinfo=None)

    def _now_text(self) -> str:
        return self.server_now().strftime(PORTAL_DATE_FORMAT)

    # ---- test helpers ---------------------------------------------------------------------

    def set_catalogue(self, catalogue: dict[str, Any] | str | Path) -> str:
        """Publish a catalogue in the app's file shape ({"version", "procedures"}); returns the version."""
        if not isinstance(catalogue, dict):
            catalogue = load_catalogue_file(catalogue)
        version, procedures = catalogue_to_portal(catalogue)
        self.store.publish_catalogue(version, procedures)
        return version

    def set_holiday_overrides(self, overrides: list[dict[str, Any]]) -> None:
        self.store.set_holiday_overrides(overrides)

    def backoffice_set_status(
        self, ma_ho_so: str, trang_thai: int, ngay_tra: str | None = None
    ) -> int:
        """A back-office status change, published on the unit's changes feed; returns the version."""
        return self.store.backoffice_set_status(ma_ho_so, trang_thai, ngay_tra, self._now_text())

    def submit_online(self, unit_code: str, dossier: dict[str, Any]) -> dict[str, Any]:
        """A dossier submitted online for `unit_code` (status 1); returns it with its MaHoSo/Uuid."""
        return self.store.submit_online(unit_code, dossier, self._now_text())

    def publish_raw_change(self, unit_code: str, item: Any) -> None:
        """Put `item` on the unit's changes feed as it is, unchecked: how tests and training
        show what the app does with a poisoned feed item (a status of 99, a missing MaHoSo…)."""
        self.store.publish_raw_change(unit_code, item)

    def dossier_count(self) -> int:
        return self.store.dossier_count()

    def dossier_codes(self, unit_code: str | None = None) -> list[str]:
        return self.store.dossier_codes(unit_code)

    def dossier(self, ma_ho_so: str) -> dict[str, Any] | None:
        return self.store.dossier(ma_ho_so)

    def uploaded_file(self, file_ref: str) -> bytes | None:
        """The bytes of a committed file (MaTep), or None."""
        return self.store.file_content(file_ref)

    def file_count(self) -> int:
        """How many files were committed (each content once)."""
        return self.store.file_count()

    def request_log(self) -> list[dict[str, Any]]:
        with self._state_lock:
            return list(self._log)

    # ---- request handling -----------------------------------------------------------------

    def _serve(self, handler: _Handler, *, allowed: bool = True) -> None:
        started = time.perf_counter()
        path = urlsplit(handler.path).path
        entry: dict[str, Any] = {
            "method": handler.command,
            "path": path,
            "status": 0,
            "bytes": 0,
            "request_bytes": 0,
            "latency": 0.0,
            "fault": None,
            "idempotency_key": handler.headers.get("Idempotency-Key"),
        }
        recorded = False

        def record(status: int, size: int) -> None:
            # Logged before the answer goes out, so a test reading the log after its call
            # returned always finds the entry.
            nonlocal recorded
            entry.update(status=status, bytes=size, latency=time.perf_counter() - started)
            with self._state_lock:
                self._log.append(entry)
            recorded = True

        try:
            try:
                outcome = self._respond(handler, path, allowed, entry)
            except OSError:
                raise
            except Exception:
                log.exception("portal sim: unexpected error serving %s", path)
                handler.close_connection = True
                error = ApiError(500, "INTERNAL_ERROR", "Lỗi hệ thống Cổng DVC")
                outcome = Outcome(500, error.body())
            if outcome is None:
                record(0, 0)
            else:
                record(outcome.status, len(outcome.body))
                wire.send(handler, outcome)
        except OSError:
            handler.close_connection = True
            log.debug("portal sim: client went away during %s", path)
        finally:
            if not recorded:
                record(0, 0)

    def _respond(
        self, handler: _Handler, path: str, allowed: bool, entry: dict[str, Any]
    ) -> Outcome | None:
        """The answer to send, or None when the connection was deliberately dropped."""
        if allowed and path != LOGIN_PATH:
            cut = self.faults.take(path, request_user(self, handler, path, b""), before_body=True)
            if cut is not None:  # cut_chunk: part of the body arrives, then the line is cut
                entry["fault"] = cut.kind
                entry["request_bytes"] = wire.read_part(handler, float(cut.params["fraction"]))
                self._abort(handler)
                return None
        try:
            body = wire.read_body(handler)
        except ApiError as error:
            handler.close_connection = True
            return Outcome(error.status, error.body(), error.headers)
        entry["request_bytes"] = len(body)
        if not allowed:
            error = ApiError(405, "METHOD_NOT_ALLOWED", f"Chỉ hỗ trợ POST (nhận {handler.command})")
            return Outcome(error.status, error.body(), {"Allow": "POST"})

        fault = self.faults.take(path, request_user(self, handler, path, body))
        if fault is not None:
            entry["fault"] = fault.kind
            early = self._apply_fault_before(handler, fault)
            if early is not None or fault.kind == "refuse":
                return early
        try:
            outcome = self._dispatch(handler, path, body)
        except ApiError as error:
            outcome = Outcome(error.status, error.body(), error.headers)
        if fault is not None and fault.kind in ("drop_after_commit", "lose_commit_answer"):
            self._abort(handler)
            return None
        if fault is not None and fault.kind == "tamper_download" and outcome.status == 200:
            return Outcome(200, tampered_piece(outcome.body))
        if fault is not None and fault.kind == "malformed_json":
            custom = fault.params.get("body")
            broken = custom.encode("utf-8") if isinstance(custom, str) else MALFORMED_BODY
            return Outcome(200, broken)
        return outcome

    def _apply_fault_before(self, handler: _Handler, fault: Fault) -> Outcome | None:
        kind = fault.kind
        if kind == "refuse":
            self._abort(handler)
            seconds = fault.params.get("seconds") or 0
            if seconds:
                self.pause_listening(seconds)
            return None
        if kind == "drop_chunk":  # the chunk arrived whole; nothing is stored
            status = int(fault.params.get("status") or 500)
            error = ApiError(status, "INTERNAL_ERROR", "Lỗi hệ thống Cổng DVC: phần tệp bị mất")
            return Outcome(status, error.body())
        if kind == "upload_too_large":
            error = too_large(self.max_file_bytes + 1, self.max_file_bytes)
            return Outcome(error.status, error.body())
        if kind == "http500":
            error = ApiError(500, "INTERNAL_ERROR", "Lỗi hệ thống Cổng DVC (lỗi giả lập)")
            return Outcome(500, error.body())
        if kind == "http429":
            retry_after = fault.params.get("retry_after")
            error = ApiError(429, "RATE_LIMITED", "Quá nhiều yêu cầu, hãy thử lại sau")
            headers = (
                {"Retry-After": wire.format_retry_after(retry_after)}
                if retry_after is not None
                else {}
            )
            return Outcome(429, error.body(), headers)
        if kind == "slow":
            # Waiting on the stop event lets stop() end a slow request at once.
            self._stopping.wait(float(fault.params.get("seconds") or 0))
        elif kind == "expire_token":
            token = bearer_token(handler)
            if token:
                self.store.expire_token(token)
        return None

    def _abort(self, handler: _Handler) -> None:
        """Close the connection without an answer: RST, so the client sees a reset."""
        handler.close_connection = True
        with self._state_lock:
            # so a pause cannot turn the RST into a FIN
            self._connections.discard(handler.connection)
        wire.reset(handler.connection)

    def _authenticate(self, handler: _Handler) -> None:
        authenticate(self, handler)
        head = handler.headers.get(anchors.HEADER)
        if head is not None:  # kept even when the request itself is replayed or refused
            self.store.record_audit_head(anchors.parse_header(head), self._now_text())

    def _dispatch(self, handler: _Handler, path: str, body: bytes) -> Outcome:
        route = ROUTES.get(path)
        if route is None:
            raise ApiError(404, "NOT_FOUND", f"Không có dịch vụ {path}")
        if route.binary:
            self._authenticate(handler)
            return Outcome(200, json_bytes(route.handler(self, handler.headers, body)))
        try:
            request = json.loads(body) if body.strip() else {}
        except (ValueError, UnicodeDecodeError):
            raise ApiError(400, "BAD_REQUEST", "Nội dung yêu cầu không phải JSON hợp lệ") from None
        if not isinstance(request, dict):
            raise ApiError(400, "BAD_REQUEST", "Nội dung yêu cầu phải là một đối tượng JSON")
        if route.authenticated:
            self._authenticate(handler)
        if not route.mutating:
            return Outcome(200, json_bytes(route.handler(self, request, self._now_text())))

        key = handler.headers.get("Idempotency-Key", "").strip()
        if not key:
            raise ApiError(400, "IDEMPOTENCY_KEY_REQUIRED", "Thiếu header Idempotency-Key")
        if len(key) > 200:
            raise ApiError(400, "BAD_REQUEST", "Idempotency-Key dài quá 200 ký tự")
        now_text = self._now_text()
        body_hash = digest(path + "\n" + canonical_json(request))

        def work(db: Any) -> tuple[int, bytes]:
            return 200, json_bytes(route.handler(self, request, now_text, db))

        try:
            status, response, replayed = self.store.idempotent(key, body_hash, now_text, work)
        except IdempotencyConflict:
            raise ApiError(
                409,
                "IDEMPOTENCY_CONFLICT",
                f"Idempotency-Key {key} đã được dùng cho một yêu cầu có nội dung khác",
            ) from None
        return Outcome(status, response, replayed=replayed)
