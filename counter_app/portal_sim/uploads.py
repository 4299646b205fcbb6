"""The stand-in portal's resumable uploads (issue 16): start, chunks, offset, commit, files.

An upload is keyed by the file's SHA-256 (docs/portal-contract.md, "Attachments"): the same
content started twice is one upload, and once committed one file with one reference (MaTep)
that dossier records name in their attachment lists. Chunks are stored as they arrive, each
in its own transaction with the offset it moves, so a cut or a killed client loses at most
the chunk in flight and the next start or offset call says where to go on.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
import sqlite3
from collections.abc import Iterable
from typing import Any

from counter_app.portal_sim.endpoints import ApiError

SCHEMA = """
CREATE TABLE IF NOT EXISTS uploads (
    upload_id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,       -- the idempotency key of the upload
    size INTEGER NOT NULL,
    received INTEGER NOT NULL DEFAULT 0,
    file_ref TEXT UNIQUE,              -- MaTep, set by the commit
    ma_ho_so TEXT NOT NULL,            -- the first start's metadata (shown, not enforced)
    file_group TEXT NOT NULL,
    item TEXT NOT NULL,
    file_name TEXT NOT NULL,
    started_at TEXT NOT NULL,
    committed_at TEXT
);
CREATE TABLE IF NOT EXISTS upload_parts (
    upload_id TEXT NOT NULL,
    offset INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (upload_id, offset)
);
"""

FILE_GROUPS = ("TepDinhKem", "GiayToKetQua")
DOWNLOAD_CHUNK_MAX = 4 * 1024 * 1024  # bytes of one TaiTep answer  # submitted documents, results
DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024
CHUNK_SIZE_MAX = 8 * 1024 * 1024
MAX_NAME = 255
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",") + " MB"


def too_large(size: int, limit: int, name: str = "") -> ApiError:
    """413 FILE_TOO_LARGE, the refusal of a file over the portal's size limit."""
    named = f"Tệp {name} " if name else "Tệp "
    return ApiError(
        413,
        "FILE_TOO_LARGE",
        f"{named}({_megabytes(size)}) vượt quá giới hạn {_megabytes(limit)} của Cổng",
    )


def _text(request: dict[str, Any], name: str) -> str:
    value = request.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ApiError(400, "BAD_REQUEST", f'Thiếu "{name}"')
    if len(value) > MAX_NAME:
        raise ApiError(400, "BAD_REQUEST", f'"{name}" dài quá {MAX_NAME} ký tự')
    return value.strip()


def _sha256(value: Any, name: str = "sha256") -> str:
    if not isinstance(value, str) or not _SHA256.fullmatch(value):
        raise ApiError(400, "BAD_REQUEST", f'"{name}" phải là 64 chữ số hex thường (SHA-256)')
    return value


def _size(value: Any, name: str = "KichThuoc") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ApiError(400, "BAD_REQUEST", f'"{name}" phải là số nguyên dương (byte)')
    return value


def chunk_request(headers: Any, body: bytes) -> tuple[str, int, str]:
    """(upload id, offset, chunk sha256) of a TaiPhanTep request, or ApiError 400/413."""
    upload_id = (headers.get("Upload-Id") or "").strip()
    if not upload_id or len(upload_id) > 200:
        raise ApiError(400, "BAD_REQUEST", "Thiếu header Upload-Id")
    raw_offset = (headers.get("Upload-Offset") or "").strip()
    if not raw_offset.isdigit() or len(raw_offset) > 16:
        raise ApiError(400, "BAD_REQUEST", "Header Upload-Offset phải là số nguyên không âm")
    chunk_hash = (headers.get("Upload-Chunk-Sha256") or "").strip()
    if not _SHA256.fullmatch(chunk_hash):
        raise ApiError(
            400, "BAD_REQUEST", "Header Upload-Chunk-Sha256 phải là 64 chữ số hex thường"
        )
    if not body:
        raise ApiError(400, "BAD_REQUEST", "Phần tệp rỗng")
    if len(body) > CHUNK_SIZE_MAX:
        raise ApiError(
            413, "CHUNK_TOO_LARGE", f"Mỗi phần tệp tối đa {CHUNK_SIZE_MAX} byte (nhận {len(body)})"
        )
    return upload_id, int(raw_offset), chunk_hash


def upload_id_of(request: dict[str, Any]) -> str:
    value = request.get("upload_id")
    if not isinstance(value, str) or not value.strip() or len(value) > 200:
        raise ApiError(400, "BAD_REQUEST", 'Thiếu "upload_id"')
    return value


def _state(row: tuple[Any, ...]) -> dict[str, Any]:
    upload_id, size, received, file_ref = row
    return {
        "upload_id": upload_id,
        "offset": received,
        "size": size,
        "complete": file_ref is not None,
        "MaTep": file_ref,
    }


def _row(db: sqlite3.Connection, upload_id: str) -> tuple[Any, ...]:
    row = db.execute(
        "SELECT upload_id, size, received, file_ref FROM uploads WHERE upload_id = ?",
        (upload_id,),
    ).fetchone()
    if row is None:
        raise ApiError(404, "UPLOAD_NOT_FOUND", f"Không có phiên tải lên {upload_id} trên Cổng")
    return row


def start(
    db: sqlite3.Connection, request: dict[str, Any], now_text: str, max_file_bytes: int
) -> dict[str, Any]:
    """BatDauTaiTep: the upload of this content, new or as far as it got."""
    code = _text(request, "MaHoSo")
    group = request.get("NhomTep")
    if group not in FILE_GROUPS:
        raise ApiError(
            400, "BAD_REQUEST", f'"NhomTep" phải là {" hoặc ".join(FILE_GROUPS)}, nhận {group!r}'
        )
    item = _text(request, "TenGiayTo")
    file_name = _text(request, "TenTep")
    size = _size(request.get("KichThuoc"))
    sha256 = _sha256(request.get("sha256"))
    if size > max_file_bytes:
        raise too_large(size, max_file_bytes, file_name)
    row = db.execute(
        "SELECT upload_id, size, received, file_ref FROM uploads WHERE sha256 = ?", (sha256,)
    ).fetchone()
    if row is not None:
        if row[1] != size:
            raise ApiError(
                409,
                "UPLOAD_CONFLICT",
                f"Tệp có mã băm {sha256[:12]}… đã được bắt đầu tải lên với kích thước {row[1]} "
                f"byte, khác {size} byte",
            )
        return {**_state(row), "chunk_size_max": CHUNK_SIZE_MAX}
    upload_id = "TL-" + secrets.token_hex(12)
    db.execute(
        "INSERT INTO uploads (upload_id, sha256, size, ma_ho_so, file_group, item, file_name, "
        "started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (upload_id, sha256, size, code, group, item, file_name, now_text),
    )
    return {**_state((upload_id, size, 0, None)), "chunk_size_max": CHUNK_SIZE_MAX}


def offset(db: sqlite3.Connection, upload_id: str) -> dict[str, Any]:
    """LayViTriTaiTep: how much of the upload the portal holds."""
    return _state(_row(db, upload_id))


def chunk(
    db: sqlite3.Connection, upload_id: str, at: int, data: bytes, chunk_sha256: str
) -> dict[str, Any]:
    """TaiPhanTep: store `data` at `at` if that is where the upload stands.

    A chunk elsewhere (a repeat after a lost answer, a client that lost count) or one whose
    bytes do not match their hash stores nothing and answers the current offset.
    """
    upload_id, size, received, file_ref = _row(db, upload_id)

    def answer(status: str, message: str) -> dict[str, Any]:
        return {"upload_id": upload_id, "offset": received, "status": status, "message": message}

    if file_ref is not None or at != received:
        return answer(
            "offset_mismatch",
            f"Cổng đang giữ {received} byte của tệp; hãy gửi tiếp từ vị trí {received}"
            + (" (tệp đã hoàn tất)" if file_ref is not None else ""),
        )
    if hashlib.sha256(data).hexdigest() != chunk_sha256:
        return answer("checksum_mismatch", "Mã băm của phần tệp không khớp; hãy gửi lại phần này")
    if at + len(data) > size:
        raise ApiError(
            400,
            "BAD_REQUEST",
            f"Phần tệp vượt quá kích thước đã khai ({at} + {len(data)} > {size} byte)",
        )
    db.execute(
        "INSERT INTO upload_parts (upload_id, offset, data) VALUES (?, ?, ?)",
        (upload_id, at, data),
    )
    received = at + len(data)
    db.execute("UPDATE uploads SET received = ? WHERE upload_id = ?", (received, upload_id))
    return answer("ok", f"Đã nhận {received}/{size} byte")


def _parts(db: sqlite3.Connection, upload_id: str) -> Iterable[bytes]:
    for (data,) in db.execute(
        "SELECT data FROM upload_parts WHERE upload_id = ? ORDER BY offset", (upload_id,)
    ):
        yield bytes(data)


def commit(
    db: sqlite3.Connection, request: dict[str, Any], now_text: str
) -> dict[str, Any] | ApiError:
    """HoanTatTaiTep: check size and SHA-256 of what arrived, answer the file's reference.

    A repeated commit (its first answer lost) answers the same reference. A file whose bytes
    do not hash to the declared SHA-256 is thrown away, so a new upload starts from 0: that
    refusal is returned, not raised, so the caller commits the throwing away, then raises it.
    """
    upload_id = upload_id_of(request)
    size = _size(request.get("KichThuoc"))
    sha256 = _sha256(request.get("sha256"))
    upload_id, declared_size, received, file_ref = _row(db, upload_id)
    (declared_hash,) = db.execute(
        "SELECT sha256 FROM uploads WHERE upload_id = ?", (upload_id,)
    ).fetchone()
    if size != declared_size or sha256 != declared_hash:
        raise ApiError(
            400,
            "BAD_REQUEST",
            f"Kích thước hoặc mã băm khác với lúc bắt đầu tải lên ({declared_size} byte, "
            f"{declared_hash[:12]}…)",
        )
    if file_ref is None:
        if received != declared_size:
            raise ApiError(
                409,
                "UPLOAD_INCOMPLETE",
                f"Cổng mới nhận {received}/{declared_size} byte; hãy gửi tiếp từ vị trí {received}",
            )
        digest = hashlib.sha256()
        for data in _parts(db, upload_id):
            digest.update(data)
        if digest.hexdigest() != declared_hash:
            db.execute("DELETE FROM upload_parts WHERE upload_id = ?", (upload_id,))
            db.execute("UPDATE uploads SET received = 0 WHERE upload_id = ?", (upload_id,))
            return ApiError(
                422,
                "UPLOAD_CHECKSUM_MISMATCH",
                f"Nội dung nhận được có mã băm {digest.hexdigest()[:12]}…, khác mã băm đã khai "
                f"{declared_hash[:12]}…; tệp đã bị hủy, hãy tải lên lại",
            )
        file_ref = "TEP-" + secrets.token_hex(12)
        db.execute(
            "UPDATE uploads SET file_ref = ?, committed_at = ? WHERE upload_id = ?",
            (file_ref, now_text, upload_id),
        )
    return {"upload_id": upload_id, "MaTep": file_ref, "KichThuoc": size, "sha256": sha256}


def known_files(db: sqlite3.Connection, refs: Iterable[str]) -> set[str]:
    """Which of `refs` are committed files."""
    wanted = sorted(set(refs))
    if not wanted:
        return set()
    marks = ",".join("?" * len(wanted))
    rows = db.execute(f"SELECT file_ref FROM uploads WHERE file_ref IN ({marks})", wanted)
    return {ref for (ref,) in rows}


def file_content(db: sqlite3.Connection, file_ref: str) -> bytes | None:
    row = db.execute("SELECT upload_id FROM uploads WHERE file_ref = ?", (file_ref,)).fetchone()
    return None if row is None else b"".join(_parts(db, row[0]))


def file_piece(db: sqlite3.Connection, request: dict[str, Any]) -> dict[str, Any]:
    """TaiTep {MaTep, offset, length}: up to `length` bytes of a committed file from `offset`,
    base64, with the whole file's size and sha256; 404 FILE_NOT_FOUND for an unknown or
    uncommitted MaTep, 400 for an offset outside the file."""
    file_ref = _text(request, "MaTep")
    row = db.execute(
        "SELECT upload_id, size, sha256 FROM uploads WHERE file_ref = ?", (file_ref,)
    ).fetchone()
    if row is None:
        raise ApiError(404, "FILE_NOT_FOUND", f"Không có tệp {file_ref[:60]} trên Cổng")
    upload_id, size, sha256 = row
    start = request.get("offset", 0)
    length = request.get("length", DOWNLOAD_CHUNK_MAX)
    for name, value in (("offset", start), ("length", length)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ApiError(400, "BAD_REQUEST", f"{name} phải là số nguyên không âm")
    if start >= size:
        raise ApiError(400, "BAD_REQUEST", f"offset {start} ngoài tệp ({size} byte)")
    length = min(max(length, 1), DOWNLOAD_CHUNK_MAX, size - start)
    data = b"".join(_parts(db, upload_id))[start : start + length]
    return {
        "MaTep": file_ref,
        "KichThuoc": size,
        "sha256": sha256,
        "offset": start,
        "data": base64.b64encode(data).decode("ascii"),
    }


def tampered_piece(body: bytes) -> bytes:
    """A TaiTep answer with the first byte of its piece flipped (the tamper_download fault)."""
    answer = json.loads(body)
    data = bytearray(base64.b64decode(answer["data"]))
    if data:
        data[0] ^= 0xFF
    answer["data"] = base64.b64encode(bytes(data)).decode("ascii")
    return json.dumps(answer).encode("utf-8")


def file_count(db: sqlite3.Connection) -> int:
    return db.execute("SELECT COUNT(*) FROM uploads WHERE file_ref IS NOT NULL").fetchone()[0]
