"""Local dossier <-> portal record (DESIGN §9 field names, dates as yyyyMMddHHmmss)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from counter_app.domain import clock

PORTAL_DATE = "%Y%m%d%H%M%S"
ID_TYPES = {"cccd": 1, "cmnd": 2, "passport": 3}
DOC_KINDS = {"original": 1, "certified_copy": 2, "photocopy": 3}
CHANNELS = {"counter": 1, "online": 2, "post": 3}
RETURN_METHODS = {"counter": 1, "post": 2}


def portal_date(value: str | datetime | None) -> str:
    if not value:
        return ""
    moment = clock.from_storage(value) if isinstance(value, str) else value
    return moment.strftime(PORTAL_DATE)


def from_portal_date(value: str | None) -> str | None:
    if not value:
        return None
    return clock.to_storage(datetime.strptime(value, PORTAL_DATE))


def dossier_record(dossier: dict[str, Any], unit_code: str) -> dict[str, Any]:
    """The DongBoHoSoMC record for a dossier, as frozen into the outbox."""
    applicant = dossier["applicant"]
    procedure = dossier["procedure"]
    identity = []
    if applicant.get("id_number"):
        identity.append(
            {
                "LoaiDinhDanh": ID_TYPES.get(applicant.get("id_type") or "cccd", 1),
                "SoDinhDanh": applicant["id_number"],
            }
        )
    return {
        "Uuid": dossier["uuid"],
        "MaDonVi": unit_code,
        "MaHoSo": dossier["code"],
        "MaTTHC": procedure["code"],
        "TenTTHC": procedure["name"],
        "MaLinhVuc": procedure.get("field_code") or "",
        "TenLinhVuc": procedure.get("field_name") or "",
        "KenhThucHien": CHANNELS.get(dossier.get("channel") or "counter", 1),
        "ChuHoSo": applicant["full_name"],
        "LoaiDoiTuong": 1,
        "MaDoiTuong": applicant.get("id_number") or "",
        "SoDienThoai": applicant.get("phone") or "",
        "Email": applicant.get("email") or "",
        "TrichYeuHoSo": f"{procedure['name']} - {applicant['full_name']}",
        "NgayTiepNhan": portal_date(dossier["received_at"]),
        "NgayHenTra": portal_date(dossier["due_at"]),
        "TrangThaiHoSo": int(dossier["status"]),
        "NgayTra": portal_date(dossier.get("returned_at")),
        "HinhThuc": RETURN_METHODS.get(dossier.get("return_method") or "counter", 1),
        "DinhDanhCHS": identity,
        "DanhSachLePhi": [
            {"TenPhiLePhi": f["name"], "MaPhiLePhi": f.get("code") or "", "Gia": int(f["amount"])}
            for f in dossier.get("fees", [])
        ],
        "DanhSachTepDinhKemKhac": [
            {
                "TenGiayTo": d["name"],
                "SoLuong": int(d["count"]),
                "LoaiGiayTo": DOC_KINDS.get(d["kind"], 1),
            }
            for d in dossier.get("documents", [])
        ],
    }


def progress_record(
    dossier: dict[str, Any], *, officer_name: str, at: str, status: int, content: str
) -> dict[str, Any]:
    """A CapNhatTienDoHoSoMC step for a status change."""
    return {
        "MaHoSo": dossier["code"],
        "NguoiXuLy": officer_name,
        "ChucDanh": "Cán bộ một cửa",
        "ThoiDiemXuLy": portal_date(at),
        "PhongBanXuLy": "Bộ phận Một cửa",
        "NoiDungXuLy": content,
        "TrangThai": int(status),
        "NgayBatDau": portal_date(dossier["received_at"]),
        "NgayKetThucTheoQuyDinh": portal_date(dossier["due_at"]),
    }
