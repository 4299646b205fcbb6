"""The app's catalogue file shape mapped to the portal's LayDanhSachTTHC field names."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

TIME_UNITS = frozenset({"working_days", "working_hours", "calendar_days", "same_day"})
DOCUMENT_KINDS = frozenset({"original", "certified_copy", "photocopy"})
CHANNEL_CODES = {"counter": 1, "online": 2, "post": 3}


def default_catalogue_path() -> Path | None:
    """The app's seed catalogue, when the checkout or bundle has one."""
    try:
        from counter_app.assets import resource_path
    except ImportError:
        return None
    path = resource_path("catalogue.json")
    return path if path.is_file() else None


def load_catalogue_file(path: str | Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def catalogue_to_portal(catalogue: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    """(version, procedures in portal shape) from the app shape {"version", "procedures": [...]}.

    Raises ValueError naming the offending procedure, so a bad seed fails at start-up.
    """
    if not isinstance(catalogue, dict) or not isinstance(catalogue.get("procedures"), list):
        raise ValueError('catalogue must be an object with a "procedures" list')
    version = str(catalogue.get("version") or "")
    if not version:
        raise ValueError('catalogue needs a non-empty "version"')
    mapped = [procedure_to_portal(procedure) for procedure in catalogue["procedures"]]
    codes = [item["MaTTHC"] for item in mapped]
    if len(set(codes)) != len(codes):
        raise ValueError("catalogue lists a procedure code twice")
    return version, mapped


def procedure_to_portal(procedure: dict[str, Any]) -> dict[str, Any]:
    code = procedure.get("code")
    try:
        time_unit = procedure["time_unit"]
        if time_unit not in TIME_UNITS:
            raise ValueError(f"time_unit {time_unit!r} is not one of {sorted(TIME_UNITS)}")
        documents = []
        for document in procedure.get("documents", []):
            if document["kind"] not in DOCUMENT_KINDS:
                raise ValueError(
                    f"document kind {document['kind']!r} is not one of {sorted(DOCUMENT_KINDS)}"
                )
            documents.append(
                {
                    "TenGiayTo": document["name"],
                    "LoaiGiayTo": document["kind"],
                    "SoLuong": int(document.get("count", 1)),
                }
            )
        channels = []
        for channel in procedure.get("channels", []):
            if channel not in CHANNEL_CODES:
                raise ValueError(f"channel {channel!r} is not one of {sorted(CHANNEL_CODES)}")
            channels.append(CHANNEL_CODES[channel])
        return {
            "MaTTHC": procedure["code"],
            "TenTTHC": procedure["name"],
            "MaLinhVuc": procedure.get("field_code") or "",
            "TenLinhVuc": procedure.get("field_name") or "",
            "ThoiHanGiaiQuyet": procedure["processing_time"],
            "DonViThoiHan": time_unit,
            **(
                {"GioChotTrongNgay": procedure["same_day_cutoff"]}
                if procedure.get("same_day_cutoff")
                else {}
            ),
            "DanhSachLePhi": [
                {
                    "MaPhiLePhi": fee.get("code") or "",
                    "TenPhiLePhi": fee["name"],
                    "Gia": int(fee["amount"]),
                }
                for fee in procedure.get("fees", [])
            ],
            "ThanhPhanHoSo": documents,
            "KetQua": list(procedure.get("results", [])),
            "KenhThucHien": channels,
        }
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"catalogue procedure {code!r}: {error}") from None
