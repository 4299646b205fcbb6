"""One answer on the wire: reading a request body, writing an answer, resetting a connection."""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

from counter_app.portal_sim.endpoints import ApiError

MAX_BODY_BYTES = 64 * 1024 * 1024


@dataclass
class Outcome:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    replayed: bool = False


def read_body(handler: BaseHTTPRequestHandler) -> bytes:
    raw_length = handler.headers.get("Content-Length")
    if handler.headers.get("Transfer-Encoding", "").lower() == "chunked":
        raise ApiError(411, "LENGTH_REQUIRED", "Cần header Content-Length (không hỗ trợ chunked)")
    try:
        length = int(raw_length or 0)
    except ValueError:
        raise ApiError(400, "BAD_REQUEST", "Content-Length không hợp lệ") from None
    if length > MAX_BODY_BYTES:
        raise ApiError(413, "PAYLOAD_TOO_LARGE", f"Nội dung vượt quá {MAX_BODY_BYTES} byte")
    return handler.rfile.read(length) if length > 0 else b""


def read_part(handler: BaseHTTPRequestHandler, fraction: float) -> int:
    """Read `fraction` of the announced body and leave the rest unread; the bytes read."""
    try:
        length = max(0, int(handler.headers.get("Content-Length") or 0))
    except ValueError:
        return 0
    wanted = min(int(length * max(0.0, min(1.0, fraction))), MAX_BODY_BYTES)
    return len(handler.rfile.read(wanted)) if wanted else 0


def send(handler: BaseHTTPRequestHandler, outcome: Outcome) -> None:
    handler.send_response(outcome.status)
    handler.send_header("Content-Type", "application/json; charset=utf-8")
    handler.send_header("Content-Length", str(len(outcome.body)))
    if outcome.replayed:
        handler.send_header("Idempotent-Replayed", "true")
    for name, value in outcome.headers.items():
        handler.send_header(name, value)
    if handler.close_connection:
        handler.send_header("Connection", "close")
    handler.end_headers()
    if handler.command != "HEAD":
        handler.wfile.write(outcome.body)


def reset(connection: socket.socket) -> None:
    """Close with RST (linger 0), so the client sees a reset rather than an orderly end."""
    try:
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        # The descriptor really closes (sending RST) once the handler drops its file objects.
        connection.close()
    except OSError:
        pass


def format_retry_after(seconds: float) -> str:
    return str(int(seconds)) if float(seconds).is_integer() else f"{seconds:g}"
