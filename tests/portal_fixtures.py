"""Fixtures and helpers for tests that talk to the stand-in portal over real loopback HTTP.

Register once in tests/conftest.py with `pytest_plugins = ["portal_fixtures"]`; until
then a test module can do the same at its top. Every server started here is stopped at teardown.

PYTEST_DONT_REWRITE: this module has no assertions, and test modules import its helpers before
pytest sees it as a plugin (which would otherwise warn that it cannot be rewritten).
"""

from __future__ import annotations

import json
import socket
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from counter_app.portal.client import PortalClient
from counter_app.portal.config import PortalConfig
from counter_app.portal_sim import PortalServer

UNIT_CODE = "000.00.70.H26"
OTHER_UNIT_CODE = "000.00.71.H26"
PORTAL_USER = "counter"
PORTAL_PASSWORD = "mật-khẩu-thử-nghiệm"
BIRTH_REGISTRATION = "1.001193"
MARRIAGE_REGISTRATION = "1.000894"
CERTIFIED_COPY = "2.000815"


def portal_catalogue(version: str = "test-1") -> dict[str, Any]:
    """A small catalogue in the app's seed-file shape (resources/catalogue.json)."""
    return {
        "version": version,
        "procedures": [
            {
                "code": BIRTH_REGISTRATION,
                "name": "Đăng ký khai sinh",
                "field_code": "HOTICH",
                "field_name": "Hộ tịch",
                "processing_time": 0,
                "time_unit": "same_day",
                "fees": [{"code": "LP-KS", "name": "Lệ phí đăng ký khai sinh", "amount": 0}],
                "documents": [
                    {"name": "Tờ khai đăng ký khai sinh", "kind": "original", "count": 1},
                    {"name": "Giấy chứng sinh", "kind": "original", "count": 1},
                ],
                "results": ["Giấy khai sinh (bản chính)"],
                "channels": ["counter", "online", "post"],
            },
            {
                "code": MARRIAGE_REGISTRATION,
                "name": "Đăng ký kết hôn",
                "field_code": "HOTICH",
                "field_name": "Hộ tịch",
                "processing_time": 0,
                "time_unit": "same_day",
                "fees": [],
                "documents": [{"name": "Tờ khai đăng ký kết hôn", "kind": "original", "count": 1}],
                "results": ["Giấy chứng nhận kết hôn"],
                "channels": ["counter"],
            },
            {
                "code": CERTIFIED_COPY,
                "name": "Chứng thực bản sao từ bản chính",
                "field_code": "CHUNGTHUC",
                "field_name": "Chứng thực",
                "processing_time": 2,
                "time_unit": "working_hours",
                "fees": [{"code": "LP-CT", "name": "Phí chứng thực", "amount": 2000}],
                "documents": [{"name": "Bản chính giấy tờ", "kind": "original", "count": 1}],
                "results": ["Bản sao được chứng thực"],
                "channels": ["counter"],
            },
        ],
    }


def dossier_code(seq: int, *, unit_code: str = UNIT_CODE, day: str = "260715") -> str:
    """The seq-th code a commune's counters could issue on `day` (counter 1 first, then 2…)."""
    counter, number = divmod(seq - 1, 999)
    return f"{unit_code}-{day}-{counter + 1}{number + 1:03d}"


def make_dossier(seq: int = 1, *, unit_code: str = UNIT_CODE, **overrides: Any) -> dict[str, Any]:
    """A valid DongBoHoSoMC record; the same `seq` always gives the same content and Uuid."""
    code = dossier_code(seq, unit_code=unit_code)
    record: dict[str, Any] = {
        "MaHoSo": code,
        "Uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, code)),
        "MaDonVi": unit_code,
        "MaTTHC": BIRTH_REGISTRATION,
        "TenTTHC": "Đăng ký khai sinh",
        "MaLinhVuc": "HOTICH",
        "TenLinhVuc": "Hộ tịch",
        "KenhThucHien": 1,
        "ChuHoSo": "Nguyễn Văn An",
        "LoaiDoiTuong": 1,
        "MaDoiTuong": "001090012345",
        "SoDienThoai": "0912345678",
        "Email": "an.nguyen@example.vn",
        "TrichYeuHoSo": "Đăng ký khai sinh - Nguyễn Văn An",
        "NgayTiepNhan": "20260715083000",
        "NgayHenTra": "20260715170000",
        "TrangThaiHoSo": 2,
        "NgayTra": "",
        "HinhThuc": 1,
        "DinhDanhCHS": [{"LoaiDinhDanh": 1, "SoDinhDanh": "001090012345"}],
        "DanhSachLePhi": [
            {"TenPhiLePhi": "Lệ phí đăng ký khai sinh", "MaPhiLePhi": "LP-KS", "Gia": 0}
        ],
        "DanhSachTepDinhKemKhac": [
            {"TenGiayTo": "Tờ khai đăng ký khai sinh", "SoLuong": 1, "LoaiGiayTo": 1},
            {"TenGiayTo": "Giấy chứng sinh", "SoLuong": 1, "LoaiGiayTo": 1},
        ],
    }
    record.update(overrides)
    return record


def make_progress(ma_ho_so: str, **overrides: Any) -> dict[str, Any]:
    """A valid CapNhatTienDoHoSoMC step (hand-over to the back office, status 4)."""
    step: dict[str, Any] = {
        "MaHoSo": ma_ho_so,
        "NguoiXuLy": "Trần Thị Bình",
        "ChucDanh": "Cán bộ một cửa",
        "ThoiDiemXuLy": "20260715090000",
        "PhongBanXuLy": "Bộ phận Một cửa",
        "NoiDungXuLy": "Chuyển hồ sơ cho bộ phận chuyên môn",
        "TrangThai": 4,
        "NgayBatDau": "20260715083000",
        "NgayKetThucTheoQuyDinh": "20260715170000",
    }
    step.update(overrides)
    return step


def closed_port() -> int:
    """A loopback port nothing listens on (connecting to it is refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


LOGIN_FIRST = object()


class RawPortal:
    """Plain `requests` calls to a portal, to observe the wire behaviour without the client."""

    def __init__(self, url: str, username: str = PORTAL_USER, password: str = PORTAL_PASSWORD):
        self.url = url
        self.username = username
        self.password = password
        self.token: str | None = None

    def login(self) -> str:
        response = self.post(
            "/api/login", {"username": self.username, "password": self.password}, token=None
        )
        response.raise_for_status()
        self.token = response.json()["token"]
        return self.token

    def post(
        self,
        path: str,
        body: Any = None,
        *,
        token: Any = LOGIN_FIRST,
        key: str | None = None,
        timeout: float = 10,
        raw: bytes | None = None,
    ) -> requests.Response:
        """POST JSON `body` (or `raw` bytes); by default logs in first, `token=None` sends none."""
        if token is LOGIN_FIRST:
            token = self.token or self.login()
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if key:
            headers["Idempotency-Key"] = key
        data = raw if raw is not None else json.dumps({} if body is None else body).encode()
        # A fresh connection per call: the faults under test close connections on purpose.
        return requests.post(self.url + path, data=data, headers=headers, timeout=timeout)


@pytest.fixture
def portal_loopback_no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep loopback calls away from any proxy configured in the environment."""
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(name, "127.0.0.1,localhost")


@pytest.fixture
def portal_catalogue_path(tmp_path: Path) -> Path:
    path = tmp_path / "portal-catalogue.json"
    path.write_text(json.dumps(portal_catalogue(), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def make_portal_server(
    tmp_path: Path, portal_catalogue_path: Path, portal_loopback_no_proxy: None
) -> Iterator[Callable[..., PortalServer]]:
    """Factory: make_portal_server(token_ttl=…, clock_offset=…, db_path=…) -> started server."""
    servers: list[PortalServer] = []

    def start(**kwargs: Any) -> PortalServer:
        db_path = kwargs.pop("db_path", tmp_path / f"portal-{len(servers)}.sqlite3")
        kwargs.setdefault("users", {PORTAL_USER: PORTAL_PASSWORD})
        kwargs.setdefault("catalogue_path", portal_catalogue_path)
        server = PortalServer(db_path, **kwargs)
        servers.append(server)
        return server.start()

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def portal_server(make_portal_server: Callable[..., PortalServer]) -> PortalServer:
    return make_portal_server()


@pytest.fixture
def raw_portal(portal_server: PortalServer) -> RawPortal:
    return RawPortal(portal_server.url)


@pytest.fixture
def portal_config(portal_server: PortalServer) -> PortalConfig:
    return PortalConfig(
        base_url=portal_server.url,
        username=PORTAL_USER,
        password=PORTAL_PASSWORD,
        connect_timeout=2,
        read_timeout=5,
    )


@pytest.fixture
def portal_client(portal_config: PortalConfig) -> Iterator[PortalClient]:
    client = PortalClient(portal_config)
    yield client
    client.close()
