"""One centre, many counters: what the stand-in portal adds so every counter of a unit sees
and can act on every dossier of its centre (docs/portal-contract.md, "Centre").

- the feed items for a counter's create/update (`dossier`, the full record, with the progress
  step it carried, `BuocXuLy`) and separate progress step (`status`), each naming the counter
  it came from (`MaQuay`);
- the version check: a change based on a version that is no longer current is refused as a
  `conflict` and the dossier flagged on the portal until a newer change lands;
- the receiving counter of a code (DESIGN §4: the first digit of the daily sequence).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from counter_app.portal_sim.canonical import canonical_json
from counter_app.portal_sim.validation import validate_progress

BASE_VERSION = "PhienBan"
STEP = "BuocXuLy"  # a progress step carried inside a DongBoHoSoMC record


def split_base_version(record: Any) -> tuple[Any, int | None, list[str]]:
    """(the record without its base version, that version or None, problems with it)."""
    if not isinstance(record, dict) or BASE_VERSION not in record:
        return record, None, []
    record = dict(record)
    base = record.pop(BASE_VERSION)
    if base is None:
        return record, None, []
    if isinstance(base, bool) or not isinstance(base, int) or base < 0:
        return record, None, [f"{BASE_VERSION} phải là số nguyên không âm, nhận được {base!r}"]
    return record, base, []


def split_step(record: Any) -> tuple[Any, dict[str, Any] | None, list[str]]:
    """(the record without its carried progress step, that step or None, problems with it).

    The step is not content (not stored in the record, not hashed): it is checked like a
    CapNhatTienDoHoSoMC step, must name the record's MaHoSo (filled in when left out) and
    the record's TrangThaiHoSo."""
    if not isinstance(record, dict) or STEP not in record:
        return record, None, []
    record = dict(record)
    step = record.pop(STEP)
    if step is None:
        return record, None, []
    if not isinstance(step, dict):
        return record, None, [f"{STEP} phải là một đối tượng JSON (một bước xử lý)"]
    step = {"MaHoSo": record.get("MaHoSo"), **step}
    errors = [f"{STEP}: {problem}" for problem in validate_progress(step)]
    if not errors and step["MaHoSo"] != record.get("MaHoSo"):
        errors.append(f"{STEP}.MaHoSo {step['MaHoSo']} khác MaHoSo {record.get('MaHoSo')}")
    if not errors and step["TrangThai"] != record.get("TrangThaiHoSo"):
        errors.append(
            f"{STEP}.TrangThai {step['TrangThai']} khác TrangThaiHoSo "
            f"{record.get('TrangThaiHoSo')!r}"
        )
    return record, step, errors


def step_stored(db: sqlite3.Connection, code: str, step: dict[str, Any]) -> bool:
    """Whether `step` is already the dossier's latest progress step."""
    last = db.execute(
        "SELECT payload FROM progress WHERE ma_ho_so = ? ORDER BY id DESC LIMIT 1", (code,)
    ).fetchone()
    return last is not None and last[0] == canonical_json(step)


def code_counter(code: str) -> int | None:
    """The counter that issued `code` (…-yyMMdd-cNNN), None for online codes (0NNN)."""
    sequence = code.rsplit("-", 1)[-1]
    if len(sequence) == 4 and sequence.isdigit() and sequence[0] != "0":
        return int(sequence[0])
    return None


def dossier_change(
    record: dict[str, Any],
    current: dict[str, Any],
    counter: int | None,
    now_text: str,
    step: dict[str, Any] | None = None,
) -> dict[str, Any]:
    change = {
        "type": "dossier",
        "MaHoSo": record["MaHoSo"],
        "TrangThaiHoSo": record["TrangThaiHoSo"],
        "version": current["version"],
        "changed_at": now_text,
        "MaQuay": counter,
        "QuayTiepNhan": current["counter"],
        "dossier": record,
    }
    if step is not None:
        change[STEP] = step  # who did it, when, what: the progress step carried with it
    return change


def status_change(
    code: str, current: dict[str, Any], counter: int | None, now_text: str
) -> dict[str, Any]:
    return {
        "type": "status",
        "MaHoSo": code,
        "TrangThaiHoSo": current["status"],
        "NgayTra": current.get("ngay_tra") or "",
        "version": current["version"],
        "changed_at": now_text,
        "MaQuay": counter,
    }


def current_view(db: sqlite3.Connection, code: str) -> dict[str, Any]:
    """The dossier as the portal holds it now, with who received it and who acted last."""
    payload, status, returned, version, counter = db.execute(
        "SELECT payload, trang_thai, ngay_tra, version, counter FROM dossiers WHERE ma_ho_so = ?",
        (code,),
    ).fetchone()
    record = json.loads(payload)
    record.update(TrangThaiHoSo=status, NgayTra=returned)
    last = db.execute(
        "SELECT payload FROM progress WHERE ma_ho_so = ? ORDER BY id DESC LIMIT 1", (code,)
    ).fetchone()
    step = json.loads(last[0]) if last else {}
    return {
        "version": version,
        "QuayTiepNhan": counter,
        "NguoiXuLy": step.get("NguoiXuLy", ""),
        "ThoiDiemXuLy": step.get("ThoiDiemXuLy", ""),
        "dossier": record,
    }


def refuse_stale(
    db: sqlite3.Connection,
    record: dict[str, Any],
    base: int,
    current: dict[str, Any],
    counter: int | None,
    now_text: str,
) -> dict[str, Any]:
    """Refuse a change based on an old version and flag the dossier on the portal."""
    code = record["MaHoSo"]
    view = current_view(db, code)
    receiving = view["QuayTiepNhan"]
    message = (
        f"Hồ sơ {code} đã được thay đổi trên Cổng (phiên bản {current['version']}, thay đổi "
        f"gửi lên dựa trên phiên bản {base})"
        + (f"; đã tiếp nhận tại quầy {receiving}" if receiving else "")
    )
    flag = {"MaQuay": counter, BASE_VERSION: base, "version": current["version"], "at": now_text}
    db.execute(
        "UPDATE dossiers SET conflict = ? WHERE ma_ho_so = ?",
        (json.dumps(flag, ensure_ascii=False), code),
    )
    return {
        "MaHoSo": code,
        "Uuid": record.get("Uuid"),
        "status": "conflict",
        "message": message,
        "version": current["version"],
        "current": view,
    }
