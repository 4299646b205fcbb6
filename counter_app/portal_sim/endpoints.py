"""The stand-in portal's services, one function per path, and the table that routes to them.

Each endpoint takes the server, the parsed JSON request and the server's time as portal text;
a mutating one also gets the open transaction (`db`) its idempotent answer commits with; a
binary one (an upload's chunk) gets the request headers and raw body instead of JSON.
A request the contract refuses raises ApiError, which becomes the JSON error answer.
"""

from __future__ import annotations

import hmac
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from counter_app.domain.clock import VN_TZ
from counter_app.portal_sim.validation import PORTAL_DATE_FORMAT

if TYPE_CHECKING:
    from http.server import BaseHTTPRequestHandler

    from counter_app.portal_sim.server import PortalServer

MAX_BATCH = 1000
DEFAULT_CHANGES_PAGE = 500
MAX_CHANGES_PAGE = 1000


class ApiError(Exception):
    def __init__(
        self, status: int, error_code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.error_code = error_code
        self.message = message
        self.headers = headers or {}

    def body(self) -> bytes:
        return json_bytes({"error_code": self.error_code, "message": self.message})


def json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@dataclass
class Route:
    handler: Callable[..., Any]
    authenticated: bool = True
    mutating: bool = False
    binary: bool = (
        False  # the body is raw bytes (a file chunk), not JSON: handler(portal, headers, body)
    )


def bearer_token(handler: BaseHTTPRequestHandler) -> str | None:
    header = handler.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def authenticate(portal: PortalServer, handler: BaseHTTPRequestHandler) -> None:
    token = bearer_token(handler)
    if not token:
        raise ApiError(401, "UNAUTHORIZED", "Thiếu mã phiên (Authorization: Bearer …)")
    expires_at = portal.store.token_expiry(token)
    if expires_at is None:
        raise ApiError(401, "UNAUTHORIZED", "Mã phiên không hợp lệ, hãy đăng nhập lại")
    if time.time() >= expires_at:
        raise ApiError(401, "TOKEN_EXPIRED", "Phiên đăng nhập đã hết hạn, hãy đăng nhập lại")


def login(portal: PortalServer, request: dict[str, Any], _now: str) -> dict[str, Any]:
    username = request.get("username")
    password = request.get("password")
    expected = portal.users.get(username) if isinstance(username, str) else None
    if (
        expected is None
        or not isinstance(password, str)
        or not hmac.compare_digest(expected.encode("utf-8"), password.encode("utf-8"))
    ):
        raise ApiError(401, "UNAUTHORIZED", "Sai tên đăng nhập hoặc mật khẩu")
    token = secrets.token_urlsafe(32)
    expires_at = time.time() + portal.token_ttl
    portal.store.save_token(token, username, expires_at)
    shown = datetime.fromtimestamp(expires_at + portal.clock_offset, VN_TZ)
    return {
        "token": token,
        "expires_at": shown.strftime(PORTAL_DATE_FORMAT),
        "expires_in": portal.token_ttl,
    }


def _batch(request: dict[str, Any]) -> list[Any]:
    data = request.get("data")
    if not isinstance(data, list):
        raise ApiError(400, "BAD_REQUEST", 'Thiếu "data" (danh sách bản ghi)')
    if len(data) > MAX_BATCH:
        raise ApiError(
            413, "BATCH_TOO_LARGE", f"Mỗi lần gửi tối đa {MAX_BATCH} bản ghi (nhận {len(data)})"
        )
    return data


def _counter(request: dict[str, Any], *, required: bool = False) -> int | None:
    """The sending counter's number (MaQuay, 1–9), optional on pushes."""
    counter = request.get("MaQuay")
    if counter is None and not required:
        return None
    if isinstance(counter, bool) or not isinstance(counter, int) or not 1 <= counter <= 9:
        raise ApiError(400, "BAD_REQUEST", f'"MaQuay" phải là số quầy từ 1 đến 9, nhận {counter!r}')
    return counter


def sync_dossiers(
    portal: PortalServer, request: dict[str, Any], now_text: str, db: Any = None
) -> dict[str, Any]:
    is_updating = request.get("isUpdating")
    if not isinstance(is_updating, bool):
        raise ApiError(400, "BAD_REQUEST", '"isUpdating" phải là true hoặc false')
    records = _batch(request)
    counter = _counter(request)
    results = portal.store.sync_dossiers(
        db, records, is_updating, now_text, counter, carries_steps=portal.carries_steps
    )
    return {"results": results}


def update_progress(
    portal: PortalServer, request: dict[str, Any], now_text: str, db: Any = None
) -> dict[str, Any]:
    records = _batch(request)
    return {"results": portal.store.update_progress(db, records, now_text, _counter(request))}


def register_counter(portal: PortalServer, request: dict[str, Any], now: str) -> dict[str, Any]:
    """DangKyQuay: one machine per counter number in a unit."""
    unit_code = request.get("MaDonVi")
    machine = request.get("MaMay")
    if not isinstance(unit_code, str) or not unit_code.strip():
        raise ApiError(400, "BAD_REQUEST", 'Thiếu "MaDonVi"')
    if not isinstance(machine, str) or not machine.strip() or len(machine) > 200:
        raise ApiError(400, "BAD_REQUEST", 'Thiếu "MaMay" (mã máy của quầy)')
    counter = _counter(request, required=True)
    assert counter is not None
    replace = request.get("ThayThe") is True
    holder = portal.store.register_counter(
        unit_code.strip(), counter, machine.strip(), now, replace=replace
    )
    if holder is None:
        return {"status": "ok", "message": f"Đã đăng ký quầy {counter}"}
    return {
        "status": "taken",
        "message": f"Số quầy {counter} của đơn vị {unit_code} đã được một máy khác dùng",
    }


def catalogue(portal: PortalServer, request: dict[str, Any], _now: str) -> dict[str, Any]:
    version, procedures = portal.store.procedures()
    return {"version": version, "data": procedures}


def procedure(portal: PortalServer, request: dict[str, Any], _now: str) -> dict[str, Any]:
    code = request.get("MaTTHC")
    if not isinstance(code, str) or not code.strip():
        raise ApiError(400, "BAD_REQUEST", 'Thiếu "MaTTHC"')
    found = portal.store.procedure(code.strip())
    if found is None:
        raise ApiError(404, "NOT_FOUND", f"MaTTHC {code} không có trong danh mục")
    return {"version": portal.store.catalogue_version, "data": found}


def holidays(portal: PortalServer, request: dict[str, Any], _now: str) -> dict[str, Any]:
    return {"data": portal.store.holiday_overrides()}


def changes(portal: PortalServer, request: dict[str, Any], _now: str) -> dict[str, Any]:
    unit_code = request.get("MaDonVi")
    if not isinstance(unit_code, str) or not unit_code.strip():
        raise ApiError(400, "BAD_REQUEST", 'Thiếu "MaDonVi"')
    cursor = request.get("cursor")
    if cursor in (None, ""):
        after = 0
    elif isinstance(cursor, str) and cursor.isdigit():
        after = int(cursor)
    else:
        raise ApiError(400, "INVALID_CURSOR", f"cursor {cursor!r} không hợp lệ")
    limit = request.get("limit", DEFAULT_CHANGES_PAGE)
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_CHANGES_PAGE:
        raise ApiError(400, "BAD_REQUEST", f'"limit" phải từ 1 đến {MAX_CHANGES_PAGE}')
    try:
        page, last, has_more = portal.store.changes(unit_code.strip(), after, limit)
    except LookupError:
        raise ApiError(
            400,
            "INVALID_CURSOR",
            f"cursor {cursor} chưa từng được Cổng cấp; hãy đồng bộ lại từ đầu",
        ) from None
    return {"changes": page, "cursor": str(last), "has_more": has_more}


def highest_codes(portal: PortalServer, request: dict[str, Any], _now: str) -> dict[str, Any]:
    unit_code = request.get("MaDonVi")
    if not isinstance(unit_code, str) or not unit_code.strip():
        raise ApiError(400, "BAD_REQUEST", 'Thiếu "MaDonVi"')
    counter = request.get("Quay")
    if not isinstance(counter, int) or isinstance(counter, bool) or not 1 <= counter <= 9:
        raise ApiError(400, "BAD_REQUEST", '"Quay" phải là số quầy từ 1 đến 9')
    since = request.get("TuNgay") or "000000"
    if not isinstance(since, str) or len(since) != 6 or not since.isdigit():
        raise ApiError(400, "BAD_REQUEST", '"TuNgay" phải có dạng yyMMdd')
    unit = unit_code.strip()
    found = portal.store.highest_codes(unit, counter, since)
    data = [
        {"Ngay": day, "SoThuTu": seq, "MaHoSo": f"{unit}-{day}-{counter}{seq:03d}"}
        for day, seq in found.items()
    ]
    return {"data": data, "MaHoSoCaoNhat": data[-1]["MaHoSo"] if data else None}


def audit_heads(portal: PortalServer, request: dict[str, Any], _now: str) -> dict[str, Any]:
    """LayNeoNhatKy: the audit heads this counter's requests carried, oldest first."""
    unit_code = request.get("MaDonVi")
    if not isinstance(unit_code, str) or not unit_code.strip():
        raise ApiError(400, "BAD_REQUEST", 'Thiếu "MaDonVi"')
    counter = _counter(request, required=True)
    assert counter is not None
    return {"data": portal.store.audit_heads(unit_code.strip(), counter)}


# ---- attachments: resumable uploads (the rules are in uploads.py) ---------------------------


def start_upload(portal: PortalServer, request: dict[str, Any], now: str) -> dict[str, Any]:
    """BatDauTaiTep: keyed by the file's sha256, so it needs no Idempotency-Key. With
    `uploads_need_record`, a file for a dossier the portal does not hold is refused."""
    code = request.get("MaHoSo")
    if portal.uploads_need_record and isinstance(code, str) and portal.store.dossier(code) is None:
        raise ApiError(
            404,
            "DOSSIER_NOT_FOUND",
            f"Hồ sơ {code} không có trên Cổng: hãy gửi hồ sơ trước khi tải tệp của hồ sơ lên",
        )
    return portal.store.start_upload(request, now, portal.max_file_bytes)


def upload_offset(portal: PortalServer, request: dict[str, Any], _now: str) -> dict[str, Any]:
    """LayViTriTaiTep: how much of an upload the portal holds."""
    return portal.store.upload_offset(request)


def upload_chunk(portal: PortalServer, headers: Any, body: bytes) -> dict[str, Any]:
    """TaiPhanTep: raw bytes, with Upload-Id, Upload-Offset and Upload-Chunk-Sha256 headers."""
    return portal.store.upload_chunk(headers, body)


def commit_upload(portal: PortalServer, request: dict[str, Any], now: str) -> dict[str, Any]:
    """HoanTatTaiTep: a repeated commit answers the same MaTep."""
    return portal.store.commit_upload(request, now)


def download_file(portal: PortalServer, request: dict[str, Any], _now: str) -> dict[str, Any]:
    """TaiTep: a piece of a committed file, for another counter of the centre."""
    return portal.store.file_piece(request)


ROUTES: dict[str, Route] = {
    "/api/login": Route(login, authenticated=False),
    "/api/DongBoHoSoMC": Route(sync_dossiers, mutating=True),
    "/api/CapNhatTienDoHoSoMC": Route(update_progress, mutating=True),
    "/api/LayDanhSachTTHC": Route(catalogue),
    "/api/LayThuTuc": Route(procedure),
    "/api/LayNgayNghi": Route(holidays),
    "/api/LayThayDoi": Route(changes),
    "/api/LayMaHoSoCaoNhat": Route(highest_codes),
    "/api/DangKyQuay": Route(register_counter),
    "/api/LayNeoNhatKy": Route(audit_heads),
    "/api/BatDauTaiTep": Route(start_upload),
    "/api/TaiPhanTep": Route(upload_chunk, binary=True),
    "/api/LayViTriTaiTep": Route(upload_offset),
    "/api/HoanTatTaiTep": Route(commit_upload),
    "/api/TaiTep": Route(download_file),
}


def request_user(
    portal: PortalServer, handler: BaseHTTPRequestHandler, path: str, body: bytes
) -> str | None:
    """Whose credentials a request carries (for faults aimed at one counter)."""
    if path == "/api/login":
        try:
            username = json.loads(body).get("username")
        except (ValueError, AttributeError, UnicodeDecodeError):
            return None
        return username if isinstance(username, str) else None
    token = bearer_token(handler)
    return portal.store.token_user(token) if token else None
