"""Local dossier <-> portal record, both directions (DESIGN §9 field names, dates as
yyyyMMddHHmmss).

Each field of the portal's dossier record is declared once in `DOSSIER_FIELDS`: the local
value it carries and how that value crosses the wire each way. Push freezes records with
`dossier_record`; pull reads portal values back with `local_value`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from counter_app.domain import clock

PORTAL_DATE = "%Y%m%d%H%M%S"
ID_TYPES = {"cccd": 1, "cmnd": 2, "passport": 3}
DOC_KINDS = {"original": 1, "certified_copy": 2, "photocopy": 3}
CHANNELS = {"counter": 1, "online": 2, "post": 3}
RETURN_METHODS = {"counter": 1, "post": 2}
ID_TYPE_NAMES = {code: name for name, code in ID_TYPES.items()}
DOC_KIND_NAMES = {code: name for name, code in DOC_KINDS.items()}
CHANNEL_NAMES = {code: name for name, code in CHANNELS.items()}
RETURN_METHOD_NAMES = {code: name for name, code in RETURN_METHODS.items()}
# The progress step a DongBoHoSoMC record carries with it (docs/portal-contract.md): a status
# change is one record, one request, one portal version.
STEP = "BuocXuLy"
# Who collected the result at hand-back (status 10), so every counter of the centre sees it;
# only on records that have one (docs/portal-contract.md).
COLLECTOR = "NguoiNhanKetQua"


# What each kind of change owns in a record, for a conflict settled by keeping the counter's
# side (sync/conflicts.py): the counter's values of these fields are kept, the rest of the
# record is the portal's. A record carrying a step is a status change; one without is a
# correction or a moved appointment.
STATUS_CHANGE_FIELDS = ("TrangThaiHoSo", "NgayTiepNhan", "NgayHenTra", "NgayTra", COLLECTOR, STEP)
CORRECTION_FIELDS = (
    "ChuHoSo",
    "MaDoiTuong",
    "SoDienThoai",
    "Email",
    "TrichYeuHoSo",
    "DinhDanhCHS",
    "HinhThuc",
    "NgayHenTra",
    "NgaySinhChuHoSo",
    "GioiTinhChuHoSo",
    "DiaChiChuHoSo",
    "MaXaChuHoSo",
    "MaTinhChuHoSo",
)


def kept_over(portal_record: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """The portal's record with the fields the counter's change `own` owns taken from it
    (a field `own` lacks is left out, e.g. no collector yet)."""
    fields = STATUS_CHANGE_FIELDS if STEP in own else CORRECTION_FIELDS
    merged = {k: v for k, v in portal_record.items() if k not in fields}
    merged.update({k: own[k] for k in fields if k in own})
    return merged


def portal_date(value: str | datetime | None) -> str:
    if not value:
        return ""
    moment = clock.from_storage(value) if isinstance(value, str) else value
    return moment.strftime(PORTAL_DATE)


def from_portal_date(value: str | None) -> str | None:
    if not value:
        return None
    return clock.to_storage(datetime.strptime(value, PORTAL_DATE))


def _as_is(value: Any) -> Any:
    return value


def _text(value: Any) -> str:
    return value or ""


def _code_of(codes: dict[str, int], default: str) -> Callable[[str | None], int]:
    return lambda name: codes.get(name or default, codes[default])


def _name_of(names: dict[int, str], default: str) -> Callable[[Any], str]:
    return lambda code: names.get(code, default)


@dataclass(frozen=True)
class PortalField:
    """One portal field and the local value it carries.

    `local` is "part.key": the key in the local dossier (part `dossier`), its applicant or
    procedure, or in one fee or document. None marks a field `dossier_record` composes
    from several local values; it has no single local value to read back. `from_wire` gets
    None for a field the portal left out.
    """

    portal: str
    local: str | None
    to_wire: Callable[[Any], Any] = _as_is
    from_wire: Callable[[Any], Any] = _as_is


_CHANNEL = (_code_of(CHANNELS, "counter"), _name_of(CHANNEL_NAMES, "counter"))
_RETURN_METHOD = (_code_of(RETURN_METHODS, "counter"), _name_of(RETURN_METHOD_NAMES, "counter"))
_DATE = (portal_date, from_portal_date)

# In the order the portal's DongBoHoSoMC record lists them.
DOSSIER_FIELDS: tuple[PortalField, ...] = (
    PortalField("Uuid", "dossier.uuid"),
    PortalField("MaDonVi", None),  # the counter's unit, a setting
    PortalField("MaHoSo", "dossier.code"),
    PortalField("MaTTHC", "procedure.code", _as_is, _text),
    PortalField("TenTTHC", "procedure.name", _as_is, _text),
    PortalField("MaLinhVuc", "procedure.field_code", _text, _text),
    PortalField("TenLinhVuc", "procedure.field_name", _text, _text),
    PortalField("KenhThucHien", "dossier.channel", *_CHANNEL),
    PortalField("ChuHoSo", "applicant.full_name", _as_is, _text),
    PortalField("LoaiDoiTuong", None),  # always 1: a citizen
    PortalField("MaDoiTuong", None),  # the id number again; read back from DinhDanhCHS
    PortalField("SoDienThoai", "applicant.phone", _text, _text),
    PortalField("Email", "applicant.email", _text, _text),
    PortalField("TrichYeuHoSo", None),  # "procedure - applicant"
    PortalField("NgayTiepNhan", "dossier.received_at", *_DATE),
    PortalField("NgayHenTra", "dossier.due_at", *_DATE),
    PortalField("TrangThaiHoSo", "dossier.status", int, int),
    PortalField("NgayTra", "dossier.returned_at", *_DATE),
    PortalField("HinhThuc", "dossier.return_method", *_RETURN_METHOD),
    PortalField("DinhDanhCHS", None),  # IDENTITY_FIELDS, one entry when there is an id
    PortalField("DanhSachLePhi", None),  # FEE_FIELDS, one per fee
    PortalField("DanhSachTepDinhKemKhac", None),  # DOCUMENT_FIELDS, one per document
)
IDENTITY_FIELDS: tuple[PortalField, ...] = (
    PortalField(
        "LoaiDinhDanh",
        "applicant.id_type",
        _code_of(ID_TYPES, "cccd"),
        _name_of(ID_TYPE_NAMES, "cccd"),
    ),
    PortalField("SoDinhDanh", "applicant.id_number", _as_is, _text),
)
FEE_FIELDS: tuple[PortalField, ...] = (
    PortalField("TenPhiLePhi", "fee.name", _as_is, _text),
    PortalField("MaPhiLePhi", "fee.code", _text, _text),
    PortalField("Gia", "fee.amount", int, lambda amount: int(amount or 0)),
)
DOCUMENT_FIELDS: tuple[PortalField, ...] = (
    PortalField("TenGiayTo", "document.name", _as_is, _text),
    PortalField("SoLuong", "document.count", int, lambda count: int(count or 1)),
    PortalField(
        "LoaiGiayTo",
        "document.kind",
        _code_of(DOC_KINDS, "original"),
        _name_of(DOC_KIND_NAMES, "original"),
    ),
)


def _birth_to_wire(value: str) -> str:
    return value.replace("-", "")


def _birth_from_wire(value: Any) -> str:
    text = _text(value)
    return f"{text[:4]}-{text[4:6]}-{text[6:8]}" if text else ""


# The applicant's details beyond DESIGN §9's fields, so a correction made at one counter
# reaches the others (issue 14; docs/portal-contract.md "Applicant details"). Each is on the
# record when this counter knows it (a NULL column: a copy that never learnt it says
# nothing); a record without one leaves the local value as it is.
APPLICANT_EXTRA_FIELDS: tuple[PortalField, ...] = (
    PortalField("NgaySinhChuHoSo", "applicant.birth_date", _birth_to_wire, _birth_from_wire),
    PortalField("GioiTinhChuHoSo", "applicant.sex", _text, _text),
    PortalField("DiaChiChuHoSo", "applicant.address", _text, _text),
    PortalField("MaXaChuHoSo", "applicant.ward_code"),
    PortalField("MaTinhChuHoSo", "applicant.province_code"),
)
_FIELD_BY_PORTAL_NAME = {
    f.portal: f
    for f in DOSSIER_FIELDS
    + IDENTITY_FIELDS
    + FEE_FIELDS
    + DOCUMENT_FIELDS
    + APPLICANT_EXTRA_FIELDS
}


def _wire_record(
    fields: tuple[PortalField, ...],
    parts: dict[str, dict[str, Any]],
    composed: dict[str, Any] | None = None,
) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for f in fields:
        if f.local is None:
            record[f.portal] = (composed or {})[f.portal]
        else:
            part, key = f.local.split(".")
            record[f.portal] = f.to_wire(parts[part].get(key))
    return record


def local_value(record: dict[str, Any], portal_name: str) -> Any:
    """A portal field of `record` as the local value it carries (None when absent)."""
    return _FIELD_BY_PORTAL_NAME[portal_name].from_wire(record.get(portal_name))


def dossier_record(dossier: dict[str, Any], unit_code: str) -> dict[str, Any]:
    """The DongBoHoSoMC record for a dossier, as frozen into the outbox."""
    applicant = dossier["applicant"]
    procedure = dossier["procedure"]
    parts = {"dossier": dossier, "applicant": applicant, "procedure": procedure}
    identity = []
    if applicant.get("id_number"):
        identity.append(_wire_record(IDENTITY_FIELDS, parts))
    composed = {
        "MaDonVi": unit_code,
        "LoaiDoiTuong": 1,
        "MaDoiTuong": applicant.get("id_number") or "",
        "TrichYeuHoSo": f"{procedure['name']} - {applicant['full_name']}",
        "DinhDanhCHS": identity,
        "DanhSachLePhi": [_wire_record(FEE_FIELDS, {"fee": f}) for f in dossier.get("fees", [])],
        "DanhSachTepDinhKemKhac": [
            _wire_record(DOCUMENT_FIELDS, {"document": d}) for d in dossier.get("documents", [])
        ],
    }
    record = _wire_record(DOSSIER_FIELDS, parts, composed)
    for f in APPLICANT_EXTRA_FIELDS:
        value = applicant.get(f.local.split(".")[1])  # type: ignore[union-attr]
        if value is not None:
            record[f.portal] = f.to_wire(value)
    if dossier.get("collected_by"):
        record[COLLECTOR] = dossier["collected_by"]
    return record


def applicant_of(record: dict[str, Any], *, said_only: bool = False) -> dict[str, Any]:
    """The applicant as a portal record names them: the DESIGN §9 fields (absent ones empty;
    with `said_only`, left out), the extra fields only those the record carries."""
    identity = (record.get("DinhDanhCHS") or [{}])[0]
    out = {
        key: value
        for key, portal, value in (
            ("full_name", "ChuHoSo", local_value(record, "ChuHoSo")),
            ("id_number", "DinhDanhCHS", local_value(identity, "SoDinhDanh")),
            ("id_type", "DinhDanhCHS", local_value(identity, "LoaiDinhDanh")),
            ("phone", "SoDienThoai", local_value(record, "SoDienThoai")),
            ("email", "Email", local_value(record, "Email")),
        )
        if not said_only or portal in record
    }
    for f in APPLICANT_EXTRA_FIELDS:
        if f.portal in record:
            out[f.local.split(".")[1]] = f.from_wire(record[f.portal])  # type: ignore[union-attr]
    return out


ATTACHMENT_LISTS = {"submitted": "DanhSachTepDinhKem", "result": "DanhSachGiayToKetQua"}


def attachment_lists(rows: Iterable[Mapping[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """A dossier's files on the portal (rows of `attachments` with their MaTep) as the record's
    lists: the portal's TenGiayTo, MaTep, TenTep, plus what another counter of the centre needs
    to record and verify each (KichThuoc, sha256, the checklist position ViTriGiayTo, SoTrang).
    Both lists always appear, possibly empty: a list carried is complete for its dossier."""
    lists: dict[str, list[dict[str, Any]]] = {name: [] for name in ATTACHMENT_LISTS.values()}
    for row in rows:
        if not row["portal_file_ref"]:
            continue
        lists[ATTACHMENT_LISTS[row["kind"]]].append(
            {
                "TenGiayTo": row["label"],
                "MaTep": row["portal_file_ref"],
                "TenTep": attachment_file_name(row),
                "KichThuoc": row["bytes"],
                "sha256": row["sha256"],
                "ViTriGiayTo": row["item"],
                "SoTrang": row["pages"],
            }
        )
    return lists


def attachment_file_name(row: Mapping[str, Any]) -> str:
    """The TenTep a document is uploaded under: its label and a short hash, as a PDF."""
    return f"{row['label']}-{row['sha256'][:8]}.pdf"


def collector(record: dict[str, Any]) -> str | None:
    """Who collected the result, as a portal record names them (None: not said)."""
    value = record.get(COLLECTOR)
    return value.strip() or None if isinstance(value, str) else None


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


def catalogue_document(remote: dict[str, Any]) -> dict[str, Any]:
    """The portal's LayDanhSachTTHC answer as a local catalogue document (before parsing).

    Values pass as the portal sent them: `catalogue.parse_catalogue` checks them, so a bad
    remote catalogue is refused whole rather than half-converted here.
    """
    return {
        "version": remote["version"],
        "procedures": [
            {
                "code": p["MaTTHC"],
                "name": p.get("TenTTHC", ""),
                "field_code": p.get("MaLinhVuc", ""),
                "field_name": p.get("TenLinhVuc", ""),
                "processing_time": p.get("ThoiHanGiaiQuyet", 0),
                "time_unit": p.get("DonViThoiHan", ""),
                # the wire name is ours (the stand-in's); the national field is unconfirmed
                "same_day_cutoff": p.get("GioChotTrongNgay"),
                "fees": [
                    {
                        "code": f.get("MaPhiLePhi", ""),
                        "name": f.get("TenPhiLePhi", ""),
                        "amount": f.get("Gia", 0),
                    }
                    for f in p.get("DanhSachLePhi") or []
                ],
                "documents": [
                    {
                        "name": d.get("TenGiayTo", ""),
                        "kind": d.get("LoaiGiayTo", "original"),
                        "count": d.get("SoLuong", 1),
                    }
                    for d in p.get("ThanhPhanHoSo") or []
                ],
                "results": p.get("KetQua") or [],
                "channels": [CHANNEL_NAMES.get(c, str(c)) for c in p.get("KenhThucHien") or [1]],
            }
            for p in remote["data"]
        ],
    }
