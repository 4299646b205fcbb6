"""HTTP client of the National Public Service Portal (contract: docs/portal-contract.md).

The client does one request per call and never retries by itself, except once after a
re-login when the portal says the session token expired (same Idempotency-Key). Backoff,
batching and sync state belong to sync's push and pull. Errors are typed (portal/errors.py);
the configuration is portal/config.py.

Never logged: the password, the session token, request or response bodies (citizens' data).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

import requests

from counter_app.domain.clock import CLOCK_SKEW_LIMIT, VN_TZ
from counter_app.portal import answers
from counter_app.portal.config import PortalConfig, check_portal_url, redact_url
from counter_app.portal.errors import (
    PortalAuthError,
    PortalConflict,
    PortalError,
    PortalRateLimited,
    PortalRequestError,
    PortalServerError,
    PortalUnreachable,
    network_error,
    parse_retry_after,
)

log = logging.getLogger(__name__)

TOKEN_REFRESH_MARGIN = 30  # seconds before the announced expiry we log in again
USER_AGENT = "counter-app portal client"
AUDIT_HEAD_HEADER = "X-Audit-Head"


class PortalClient:
    """Synchronous client; use one instance per thread (requests.Session is not thread-safe)."""

    def __init__(self, config: PortalConfig, session: requests.Session | None = None) -> None:
        check_portal_url(config.base_url)  # https://, or http:// to 127.0.0.1 only
        if config.verify is False:
            raise ValueError("TLS verification of the portal cannot be turned off")
        self.config = config
        self._base_url = config.base_url.rstrip("/")
        self._owns_session = session is None
        self.session = session or requests.Session()
        self.session.trust_env = True  # HTTP(S)_PROXY / NO_PROXY / REQUESTS_CA_BUNDLE
        self.session.headers.setdefault("User-Agent", USER_AGENT)
        self._token: str | None = None
        self._token_deadline: float | None = None  # time.monotonic() after which we re-login
        self._token_lock = threading.Lock()
        self.last_server_time: datetime | None = None
        self.last_clock_skew: float | None = None
        self.last_latency_ms: float | None = None
        # The counter's audit chain head (unit, counter, row id, hash), sent with every
        # authenticated request as X-Audit-Head so the portal keeps it (docs/portal-contract.md,
        # "Audit anchors"); set by sync before its requests. A tuple: replaced, never mutated.
        self.audit_head: tuple[str, int, int, str] | None = None

    def close(self) -> None:
        if self._owns_session:
            self.session.close()

    def __enter__(self) -> PortalClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ---- session ------------------------------------------------------------------------

    def login(self) -> None:
        """Get a fresh session token. Raises PortalAuthError on wrong credentials."""
        with self._token_lock:
            self._token = None
            self._token_deadline = None
            body = json.dumps(
                {"username": self.config.username, "password": self.config.password},
                ensure_ascii=False,
            ).encode("utf-8")
            response = self._send("/api/login", body, token=None, idempotency_key=None)
            if response.status_code == 401:
                code, message = self._error_details(response)
                raise PortalAuthError(
                    f"Cổng DVC từ chối đăng nhập: {message} (login rejected for user "
                    f"{self.config.username!r})",
                    status=401,
                    error_code=code,
                )
            data = self._decode(response, "/api/login")
            try:
                answers.check_login(data)
            except answers.AnswerError as error:
                raise PortalServerError(
                    f"Cổng DVC trả lời đăng nhập sai cấu trúc (login answer: {error})",
                    status=response.status_code,
                ) from None
            expires_in = data.get("expires_in")
            self._token = data["token"]
            if expires_in is not None:
                margin = min(TOKEN_REFRESH_MARGIN, expires_in / 2)
                self._token_deadline = time.monotonic() + expires_in - margin
            log.info("portal: logged in as %s", self.config.username)

    def sign_in_if_needed(self) -> None:
        """Log in now unless a valid token is held (so a caller can do it beside other work)."""
        self._current_token()

    def _current_token(self) -> str:
        token, deadline = self._token, self._token_deadline
        if token is None or (deadline is not None and time.monotonic() >= deadline):
            self.login()
            token = self._token
        if token is None:  # another thread dropped it between login() and here
            raise PortalError("Mất phiên đăng nhập Cổng DVC (session token lost)", retryable=True)
        return token

    # ---- services -------------------------------------------------------------------------

    def sync_dossiers(
        self,
        records: list[dict[str, Any]],
        *,
        is_updating: bool,
        idempotency_key: str,
        counter: int | None = None,
    ) -> list[dict[str, Any]]:
        """DongBoHoSoMC: per-record results in the order of `records`; `counter` (MaQuay) names
        the sending counter on the centre's feed."""
        if not records:
            return []
        payload: dict[str, Any] = {"isUpdating": is_updating, "data": records}
        if counter is not None:
            payload["MaQuay"] = counter
        data = self._call("/api/DongBoHoSoMC", payload, idempotency_key=idempotency_key)
        return self._results(data, records, "/api/DongBoHoSoMC")

    def sync_dossiers_json(
        self,
        record_texts: Sequence[str],
        codes: Sequence[str],
        *,
        is_updating: bool,
        idempotency_key: str,
        counter: int | None = None,
    ) -> list[dict[str, Any]]:
        """DongBoHoSoMC from records already encoded as compact JSON (the outbox's frozen
        text, spliced in: the body is byte-for-byte what `sync_dossiers` would send).
        `codes` are the records' MaHoSo, to check each result is for its own dossier."""
        return self._push_json(
            "/api/DongBoHoSoMC",
            '{"isUpdating":' + ("true" if is_updating else "false") + ',"data":[',
            record_texts,
            codes,
            idempotency_key,
            counter,
        )

    def update_progress_json(
        self,
        record_texts: Sequence[str],
        codes: Sequence[str],
        *,
        idempotency_key: str,
        counter: int | None = None,
    ) -> list[dict[str, Any]]:
        """CapNhatTienDoHoSoMC from records already encoded as compact JSON."""
        return self._push_json(
            "/api/CapNhatTienDoHoSoMC", '{"data":[', record_texts, codes, idempotency_key, counter
        )

    def _push_json(
        self,
        path: str,
        head: str,
        record_texts: Sequence[str],
        codes: Sequence[str],
        idempotency_key: str,
        counter: int | None,
    ) -> list[dict[str, Any]]:
        if not record_texts:
            return []
        tail = "]}" if counter is None else f'],"MaQuay":{int(counter)}}}'
        body = (head + ",".join(record_texts) + tail).encode("utf-8")
        data = self._call_body(path, body, idempotency_key=idempotency_key)
        return self._results(data, [{"MaHoSo": code} for code in codes], path)

    def update_progress(
        self,
        records: list[dict[str, Any]],
        *,
        idempotency_key: str,
        counter: int | None = None,
    ) -> list[dict[str, Any]]:
        """CapNhatTienDoHoSoMC: per-record results in the order of `records`."""
        if not records:
            return []
        payload: dict[str, Any] = {"data": records}
        if counter is not None:
            payload["MaQuay"] = counter
        data = self._call("/api/CapNhatTienDoHoSoMC", payload, idempotency_key=idempotency_key)
        return self._results(data, records, "/api/CapNhatTienDoHoSoMC")

    def register_counter(
        self, unit_code: str, counter: int, machine_id: str, *, replace: bool = False
    ) -> dict[str, Any]:
        """DangKyQuay: {"status": "ok" | "taken", "message"}; "taken" when another machine
        of the unit already uses counter number `counter` (unless `replace`: this PC takes
        the counter over from a retired one)."""
        request = {"MaDonVi": unit_code, "MaQuay": counter, "MaMay": machine_id, "ThayThe": replace}
        return self._fetch("/api/DangKyQuay", request, answers.check_register_counter)

    def fetch_catalogue(self) -> dict[str, Any]:
        """LayDanhSachTTHC: {"version": str, "data": [procedure, …]}; each procedure is checked
        by the caller (answers.check_procedure), so one bad item can be named and set aside."""
        data = self._fetch("/api/LayDanhSachTTHC", {}, answers.check_catalogue)
        return {"version": str(data.get("version") or ""), "data": data["data"]}

    def fetch_procedure(self, code: str) -> dict[str, Any]:
        """LayThuTuc: one procedure. An unknown code raises PortalRequestError (404)."""
        data = self._fetch("/api/LayThuTuc", {"MaTTHC": code}, answers.check_procedure_answer)
        procedure = data["data"]
        if procedure["MaTTHC"] != code:
            raise self._shape_error("/api/LayThuTuc", f'"data" must be procedure {code}')
        return procedure

    def fetch_holiday_overrides(self) -> list[Any]:
        """LayNgayNghi: [{"date": "YYYY-MM-DD", "working": bool, "note": str}, …], each item
        still to be checked by the caller (answers.check_holiday)."""
        data = self._fetch("/api/LayNgayNghi", {}, answers.check_holidays)
        return data["data"]

    def fetch_changes(self, unit_code: str, cursor: str | None, limit: int = 500) -> dict[str, Any]:
        """LayThayDoi: {"changes": [...], "cursor": str, "has_more": bool} after `cursor`; each
        change still to be checked by the caller (answers.check_change)."""
        request = {"MaDonVi": unit_code, "cursor": cursor, "limit": limit}
        data = self._fetch("/api/LayThayDoi", request, answers.check_changes_page)
        return {"changes": data["changes"], "cursor": data["cursor"], "has_more": data["has_more"]}

    # ---- attachments: one call of the resumable upload each (the loop is portal/uploads.py) --

    def start_upload(
        self,
        *,
        dossier_code: str,
        group: str,
        item: str,
        file_name: str,
        size: int,
        sha256: str,
    ) -> dict[str, Any]:
        """BatDauTaiTep: {"upload_id", "offset", "size", "complete", "MaTep", "chunk_size_max"};
        the same sha256 again answers the same upload, as far as it got (or complete)."""
        request = {
            "MaHoSo": dossier_code,
            "NhomTep": group,
            "TenGiayTo": item,
            "TenTep": file_name,
            "KichThuoc": size,
            "sha256": sha256,
        }
        return self._fetch_checked(
            "/api/BatDauTaiTep", request, lambda data: answers.check_upload_state(data, size=size)
        )

    def upload_offset(self, upload_id: str, *, size: int) -> dict[str, Any]:
        """LayViTriTaiTep: the upload's state, as start_upload answers it."""
        return self._fetch_checked(
            "/api/LayViTriTaiTep",
            {"upload_id": upload_id},
            lambda data: answers.check_upload_state(data, size=size, upload_id=upload_id),
        )

    def upload_chunk(
        self, upload_id: str, offset: int, data: bytes, *, size: int, chunk_sha256: str
    ) -> tuple[str, int]:
        """TaiPhanTep: (status, offset) — "ok" and the offset past `data`, or
        "offset_mismatch" / "checksum_mismatch" and where the upload stands."""
        path = "/api/TaiPhanTep"
        headers = {
            "Content-Type": "application/octet-stream",
            "Upload-Id": upload_id,
            "Upload-Offset": str(offset),
            "Upload-Chunk-Sha256": chunk_sha256,
        }
        answer = self._call_body(path, data, extra_headers=headers)
        try:
            return answers.check_chunk_answer(
                answer, upload_id=upload_id, size=size, offset=offset, length=len(data)
            )
        except answers.AnswerError as error:
            raise self._shape_error(path, str(error)) from None

    def commit_upload(self, upload_id: str, *, size: int, sha256: str) -> str:
        """HoanTatTaiTep: the file's reference (MaTep); a repeated commit answers the same."""
        return self._fetch_checked(
            "/api/HoanTatTaiTep",
            {"upload_id": upload_id, "KichThuoc": size, "sha256": sha256},
            lambda data: answers.check_upload_commit(
                data, upload_id=upload_id, size=size, sha256=sha256
            ),
        )

    def download_chunk(
        self, file_ref: str, offset: int, length: int, *, size: int | None = None
    ) -> tuple[int, str, bytes]:
        """TaiTep: (the file's size, its sha256, up to `length` bytes from `offset`) of a
        committed file (MaTep); the loop and the hash check are portal/downloads.py."""
        return self._fetch_checked(
            "/api/TaiTep",
            {"MaTep": file_ref, "offset": offset, "length": length},
            lambda data: answers.check_download_chunk(
                data, file_ref=file_ref, offset=offset, size=size
            ),
        )

    def ping(self) -> dict[str, Any]:
        """ "Test connection": a fresh login (reachability + credentials) and the clock check.

        Returns {ok, server_time, clock_skew_seconds, clock_ok, latency_ms}; raises PortalError.
        `clock_skew_seconds` is server minus PC (positive: the PC is behind).
        """
        started = time.perf_counter()
        self.login()
        latency_ms = (time.perf_counter() - started) * 1000
        skew = self.last_clock_skew
        return {
            "ok": True,
            "server_time": self.last_server_time,
            "clock_skew_seconds": skew,
            "clock_ok": None if skew is None else abs(skew) <= CLOCK_SKEW_LIMIT,
            "latency_ms": latency_ms,
        }

    # ---- plumbing ------------------------------------------------------------------------

    def _call(
        self, path: str, payload: dict[str, Any], *, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return self._call_body(path, body, idempotency_key=idempotency_key)

    def _call_body(
        self,
        path: str,
        body: bytes,
        *,
        idempotency_key: str | None = None,
        extra_headers: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        response = self._send(
            path,
            body,
            token=self._current_token(),
            idempotency_key=idempotency_key,
            extra_headers=extra_headers,
        )
        if response.status_code == 401:
            # TOKEN_EXPIRED (or a token the portal forgot): log in again once and repeat the
            # identical request; the idempotency key makes the repeat safe.
            code, _ = self._error_details(response)
            log.info("portal: %s answered 401 %s, logging in again", path, code)
            self.login()
            response = self._send(
                path,
                body,
                token=self._token,
                idempotency_key=idempotency_key,
                extra_headers=extra_headers,
            )
            if response.status_code == 401:
                code, message = self._error_details(response)
                raise PortalAuthError(
                    f"Cổng DVC từ chối phiên đăng nhập: {message} (401 {code} after re-login)",
                    status=401,
                    error_code=code,
                )
        return self._decode(response, path)

    def _send(
        self,
        path: str,
        body: bytes,
        *,
        token: str | None,
        idempotency_key: str | None,
        extra_headers: dict[str, str] | None = None,
    ) -> requests.Response:
        url = self._base_url + path
        headers = {"Content-Type": "application/json; charset=utf-8", "Accept": "application/json"}
        headers.update(extra_headers or {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        head = self.audit_head
        if token and head is not None:
            unit, counter, head_id, head_hash = head
            headers[AUDIT_HEAD_HEADER] = json.dumps(
                {"MaDonVi": unit, "MaQuay": counter, "id": head_id, "hash": head_hash},
                separators=(",", ":"),
            )
        sent_at = time.time()
        started = time.perf_counter()
        try:
            response = self.session.post(
                url,
                data=body,
                headers=headers,
                timeout=(self.config.connect_timeout, self.config.read_timeout),
                verify=self.config.verify,
                allow_redirects=False,
            )
        except requests.RequestException as error:
            log.warning("portal: POST %s failed: %s", path, type(error).__name__)
            raise network_error(error, f"POST {redact_url(url)}") from error
        elapsed = time.perf_counter() - started
        self.last_latency_ms = elapsed * 1000
        self._note_server_time(response, sent_at + elapsed / 2)
        log.debug(
            "portal: POST %s -> %s in %.0f ms (key=%s)",
            path,
            response.status_code,
            elapsed * 1000,
            idempotency_key,
        )
        return response

    def _note_server_time(self, response: requests.Response, local_epoch: float) -> None:
        header = response.headers.get("Date")
        if not header:
            return
        try:
            server_time = parsedate_to_datetime(header)
        except (TypeError, ValueError):
            return
        if server_time.tzinfo is None:
            return
        self.last_server_time = server_time.astimezone(VN_TZ)
        self.last_clock_skew = server_time.timestamp() - local_epoch
        if abs(self.last_clock_skew) > CLOCK_SKEW_LIMIT:
            log.warning("portal: PC clock differs from the portal by %.0f s", self.last_clock_skew)

    @staticmethod
    def _error_details(response: requests.Response) -> tuple[str | None, str]:
        try:
            data = json.loads(response.content)
        except ValueError:
            data = None
        if isinstance(data, dict) and isinstance(data.get("message"), str):
            code = data.get("error_code")
            return (code if isinstance(code, str) else None), data["message"]
        text = response.content[:200].decode("utf-8", "replace").strip()
        return None, f"HTTP {response.status_code} {response.reason or ''} {text}".strip()

    def _decode(self, response: requests.Response, path: str) -> dict[str, Any]:
        status = response.status_code
        if 200 <= status < 300:
            try:
                data = json.loads(response.content)
            except ValueError as error:
                raise PortalServerError(
                    f"Cổng DVC trả lời không phải JSON hợp lệ; yêu cầu có thể đã được xử lý "
                    f"(invalid JSON from {path}: {error})",
                    status=status,
                    maybe_processed=True,
                ) from None
            if not isinstance(data, dict):
                raise self._shape_error(path, "the answer must be a JSON object", status)
            return data
        code, message = self._error_details(response)
        detail = f"HTTP {status}" + (f" {code}" if code else "") + f" from {path}"
        kwargs: dict[str, Any] = {"status": status, "error_code": code, "portal_message": message}
        if 300 <= status < 400:
            # Often a captive portal or proxy login page; records must wait, not be rejected.
            location = redact_url(response.headers.get("Location", ""))
            raise PortalUnreachable(
                f"Cổng DVC chuyển hướng sang địa chỉ khác: kiểm tra địa chỉ Cổng hoặc mạng có cần "
                f"đăng nhập không ({detail}, Location: {location or '-'})",
                **kwargs,
            )
        if status == 407:
            raise PortalAuthError(
                f"Máy chủ proxy yêu cầu đăng nhập: kiểm tra cấu hình proxy ({detail})", **kwargs
            )
        if status in (401, 403):
            raise PortalAuthError(
                f"Cổng DVC từ chối quyền truy cập: {message} ({detail})", **kwargs
            )
        if status == 409:
            raise PortalConflict(
                f"Xung đột khóa chống gửi trùng (Idempotency-Key): {message} ({detail})", **kwargs
            )
        if status == 429:
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            raise PortalRateLimited(
                f"Cổng DVC đang quá tải, cần gửi lại sau: {message} ({detail})",
                retry_after=retry_after,
                **kwargs,
            )
        if status >= 500:
            raise PortalServerError(
                f"Cổng DVC gặp lỗi: {message} ({detail})",
                retry_after=parse_retry_after(response.headers.get("Retry-After")),
                **kwargs,
            )
        raise PortalRequestError(f"Cổng DVC từ chối yêu cầu: {message} ({detail})", **kwargs)

    @staticmethod
    def _shape_error(path: str, expectation: str, status: int | None = 200) -> PortalServerError:
        return PortalServerError(
            f"Cổng DVC trả lời sai cấu trúc; yêu cầu có thể đã được xử lý "
            f"(unexpected answer from {path}: {expectation})",
            status=status,
            maybe_processed=True,
        )

    def _fetch(
        self, path: str, payload: dict[str, Any], check: Callable[[Any], None]
    ) -> dict[str, Any]:
        """A read call whose answer is checked against its declared shape (portal/answers.py)."""
        data = self._call(path, payload)
        try:
            check(data)
        except answers.AnswerError as error:
            raise self._shape_error(path, str(error)) from None
        return data

    def _results(
        self, data: dict[str, Any], records: list[dict[str, Any]], path: str
    ) -> list[dict[str, Any]]:
        try:
            return answers.check_push_results(data, records)
        except answers.AnswerError as error:
            raise self._shape_error(path, str(error)) from None

    def fetch_audit_heads(self, unit_code: str, counter: int) -> list[dict[str, Any]]:
        """LayNeoNhatKy: the audit heads the portal stored for this counter, oldest first."""
        return self._fetch_checked(
            "/api/LayNeoNhatKy",
            {"MaDonVi": unit_code, "MaQuay": counter},
            answers.check_audit_heads,
        )

    def _fetch_checked(
        self, path: str, payload: dict[str, Any], check: Callable[[Any], Any]
    ) -> Any:
        data = self._call(path, payload)
        try:
            return check(data)
        except answers.AnswerError as error:
            raise self._shape_error(path, str(error)) from None

    def fetch_highest_codes(
        self, unit_code: str, counter: int, since_day: str | None = None
    ) -> dict[str, int]:
        """LayMaHoSoCaoNhat: {yyMMdd: highest sequence} of the dossier codes the portal holds
        for this unit's counter (from `since_day`), so a re-set-up counter never goes back."""
        path = "/api/LayMaHoSoCaoNhat"
        data = self._call(path, {"MaDonVi": unit_code, "Quay": counter, "TuNgay": since_day})
        try:
            return answers.check_highest_codes(data)
        except answers.AnswerError as error:
            raise self._shape_error(path, str(error)) from None
