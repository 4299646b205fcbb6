"""What the stand-in portal does with dossier records, inside the caller's transaction.

Creating and updating from the counter (DongBoHoSoMC), progress steps (CapNhatTienDoHoSoMC),
and the test helpers' back-office status changes and online submissions, which are published
on the unit's changes feed. PortalStore opens the transactions and holds the catalogue.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from typing import Any

from counter_app.portal_sim import centre, uploads
from counter_app.portal_sim.canonical import canonical_json, digest
from counter_app.portal_sim.validation import (
    ATTACHMENT_LISTS,
    FINAL_STATUSES,
    referenced_files,
    validate_dossier,
    validate_progress,
)


def _result(record: Any, status: str, message: str, version: int | None = None) -> dict[str, Any]:
    fields = record if isinstance(record, dict) else {}
    code = fields.get("MaHoSo")
    return {
        "MaHoSo": code if isinstance(code, str) else None,
        "Uuid": fields.get("Uuid"),
        "status": status,
        "message": message,
        "version": version,
    }


def existing_dossiers(db: sqlite3.Connection, codes: list[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    unique = list(dict.fromkeys(codes))
    for start in range(0, len(unique), 900):
        chunk = unique[start : start + 900]
        marks = ",".join("?" * len(chunk))
        for code, internal_id, content_hash, version, status, ngay_tra, counter, unit in db.execute(
            "SELECT ma_ho_so, uuid, content_hash, version, trang_thai, ngay_tra, counter, "
            f"unit_code FROM dossiers WHERE ma_ho_so IN ({marks})",
            chunk,
        ):
            found[code] = {
                "uuid": internal_id,
                "hash": content_hash,
                "version": version,
                "status": status,
                "ngay_tra": ngay_tra,
                "counter": counter,
                "unit": unit,
            }
    return found


def _with_held_lists(db: sqlite3.Connection, record: dict[str, Any]) -> dict[str, Any]:
    """An update that does not carry an attachment list leaves the list the portal holds as
    it is (absent: nothing said; carried, even empty: the complete list). The update is then
    the record with the held lists, stored, compared and published so."""
    missing = [name for name in ATTACHMENT_LISTS if name not in record]
    if not missing:
        return record
    row = db.execute("SELECT payload FROM dossiers WHERE ma_ho_so = ?", (record["MaHoSo"],))
    stored = row.fetchone()
    if stored is None:
        return record  # created earlier in this very batch (inserted at its end): no lists
    held = json.loads(stored[0])
    kept = {name: held[name] for name in missing if name in held}
    return {**record, **kept} if kept else record


def apply_dossier_batch(
    db: sqlite3.Connection,
    records: list[Any],
    is_updating: bool,
    now_text: str,
    procedures: dict[str, dict[str, Any]],
    counter: int | None = None,
    *,
    carries_steps: bool = True,
) -> list[dict[str, Any]]:
    """Apply a DongBoHoSoMC batch record by record inside the caller's transaction.

    `counter` is the sending counter (the request's MaQuay). A record carrying `PhienBan` (the
    portal version its change was based on) is applied only if that version is current; else
    it is refused with status `conflict` and the dossier is flagged (centre.refuse_stale).
    Every accepted create or update goes on the unit's feed with the full record.
    A record may carry a progress step (`BuocXuLy`): stored as the dossier's step with the
    accepted create or update, one version, one feed item; refused with the record. The
    result of a record whose step the portal holds says so (`"BuocXuLy": "ok"`). With
    `carries_steps` off the stand-in is a portal that ignores the field: the step is dropped
    unread and never acknowledged, so the client sends it as its own CapNhatTienDoHoSoMC step.
    """
    codes = [
        r["MaHoSo"] for r in records if isinstance(r, dict) and isinstance(r.get("MaHoSo"), str)
    ]
    existing = existing_dossiers(db, codes)
    files = uploads.known_files(db, referenced_files(records))
    inserts: list[tuple[Any, ...]] = []
    results: list[dict[str, Any]] = []
    published: list[tuple[str, dict[str, Any]]] = []
    steps: list[tuple[str, str, str]] = []
    for record in records:
        record, base, errors = centre.split_base_version(record)
        record, step, step_errors = centre.split_step(record)
        if not carries_steps:
            step, step_errors = None, []
        errors += validate_dossier(record, procedures, files) + step_errors
        if errors:
            results.append(_result(record, "rejected", "; ".join(errors)))
            continue
        code = record["MaHoSo"]
        internal_id = str(record["Uuid"])
        current = existing.get(code)
        if is_updating and current is not None:
            record = _with_held_lists(db, record)
        payload = canonical_json(record)
        content_hash = digest(payload)
        if current is None:
            if is_updating:
                message = (
                    f"Hồ sơ {code} chưa có trên Cổng nên không thể cập nhật; "
                    "hãy gửi với isUpdating=false để tạo mới"
                )
                results.append(_result(record, "rejected", message))
                continue
            receiving = centre.code_counter(code) or counter
            inserts.append(
                (
                    code,
                    internal_id,
                    record["MaDonVi"],
                    "counter",
                    record["TrangThaiHoSo"],
                    record.get("NgayTra") or "",
                    content_hash,
                    payload,
                    1,
                    now_text,
                    now_text,
                    receiving,
                )
            )
            existing[code] = {
                "uuid": internal_id,
                "hash": content_hash,
                "version": 1,
                "status": record["TrangThaiHoSo"],
                "ngay_tra": record.get("NgayTra") or "",
                "counter": receiving,
                "unit": record["MaDonVi"],
            }
            results.append(_result(record, "ok", "Đã tạo hồ sơ", 1))
            if step is not None:
                steps.append((code, canonical_json(step), now_text))
                results[-1][centre.STEP] = "ok"
            published.append(
                (
                    record["MaDonVi"],
                    centre.dossier_change(record, existing[code], counter, now_text, step),
                )
            )
        elif current["uuid"] != internal_id:
            message = (
                f"MaHoSo {code} đã được dùng cho một hồ sơ khác trên Cổng "
                f"(Uuid {current['uuid']}, hồ sơ gửi lên có Uuid {internal_id})"
            )
            results.append(_result(record, "rejected", message))
        elif current["hash"] == content_hash and (
            step is None or not is_updating or centre.step_stored(db, code, step)
        ):
            # identical content; a carried step still new is a change (two counters
            # taking one online dossier send the same record with their own steps)
            results.append(
                _result(
                    record,
                    "exists",
                    "Hồ sơ đã có trên Cổng với cùng nội dung",
                    current["version"],
                )
            )
            if step is not None and centre.step_stored(db, code, step):
                results[-1][centre.STEP] = "ok"
        elif not is_updating:
            message = (
                f"Hồ sơ {code} đã có trên Cổng với nội dung khác; "
                "muốn sửa thì gửi với isUpdating=true"
            )
            results.append(_result(record, "rejected", message))
        elif base is not None and base != current["version"]:
            results.append(centre.refuse_stale(db, record, base, current, counter, now_text))
        elif (
            step is not None
            and current["status"] in FINAL_STATUSES
            and step["TrangThai"] != current["status"]
        ):
            message = (
                f"Hồ sơ {code} đã ở trạng thái cuối {current['status']}, "
                f"không thể chuyển sang {step['TrangThai']}"
            )
            results.append(_result(record, "rejected", message))
        else:
            version = current["version"] + 1
            if current["counter"] is None and record["TrangThaiHoSo"] != 1:
                current["counter"] = counter  # an online dossier taken: the claim is granted
            db.execute(
                "UPDATE dossiers SET trang_thai = ?, ngay_tra = ?, content_hash = ?, payload = ?, "
                "version = ?, updated_at = ?, counter = ?, conflict = NULL WHERE ma_ho_so = ?",
                (
                    record["TrangThaiHoSo"],
                    record.get("NgayTra") or "",
                    content_hash,
                    payload,
                    version,
                    now_text,
                    current["counter"],
                    code,
                ),
            )
            current.update(
                hash=content_hash,
                version=version,
                status=record["TrangThaiHoSo"],
                ngay_tra=record.get("NgayTra") or "",
            )
            results.append(_result(record, "ok", "Đã cập nhật hồ sơ", version))
            if step is not None:
                steps.append((code, canonical_json(step), now_text))
                results[-1][centre.STEP] = "ok"
            published.append(
                (current["unit"], centre.dossier_change(record, current, counter, now_text, step))
            )
    if inserts:
        db.executemany(
            "INSERT INTO dossiers (ma_ho_so, uuid, unit_code, source, trang_thai, ngay_tra, "
            "content_hash, payload, version, created_at, updated_at, counter) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            inserts,
        )
    if steps:  # after the creates: a step belongs to its dossier
        db.executemany(
            "INSERT INTO progress (ma_ho_so, payload, received_at) VALUES (?, ?, ?)", steps
        )
    for unit_code, change in published:
        _publish_change(db, unit_code, change)
    return results


def apply_progress_batch(
    db: sqlite3.Connection, records: list[Any], now_text: str, counter: int | None = None
) -> list[dict[str, Any]]:
    """Apply a CapNhatTienDoHoSoMC batch record by record inside the caller's transaction;
    each accepted step goes on the unit's feed as a status change from `counter`."""
    codes = [
        r["MaHoSo"] for r in records if isinstance(r, dict) and isinstance(r.get("MaHoSo"), str)
    ]
    existing = existing_dossiers(db, codes)
    steps: list[tuple[Any, ...]] = []
    changed: dict[str, dict[str, Any]] = {}
    results: list[dict[str, Any]] = []
    published: list[tuple[str, dict[str, Any]]] = []
    for record in records:
        record, base, errors = centre.split_base_version(record)
        errors += validate_progress(record)
        if errors:
            results.append(_result(record, "rejected", "; ".join(errors)))
            continue
        code = record["MaHoSo"]
        current = existing.get(code)
        if current is None:
            results.append(_result(record, "rejected", f"Hồ sơ {code} không có trên Cổng"))
            continue
        new_status = record["TrangThai"]
        if base is not None and base != current["version"]:
            results.append(centre.refuse_stale(db, record, base, current, counter, now_text))
            continue
        if current["status"] in FINAL_STATUSES and new_status != current["status"]:
            message = (
                f"Hồ sơ {code} đã ở trạng thái cuối {current['status']}, "
                f"không thể chuyển sang {new_status}"
            )
            results.append(_result(record, "rejected", message))
            continue
        current["status"] = new_status
        current["version"] += 1
        if new_status == 10:
            current["ngay_tra"] = record["ThoiDiemXuLy"]
        changed[code] = current
        steps.append((code, canonical_json(record), now_text))
        results.append(_result(record, "ok", "Đã ghi nhận tiến độ", current["version"]))
        published.append((current["unit"], centre.status_change(code, current, counter, now_text)))
    if steps:
        db.executemany(
            "INSERT INTO progress (ma_ho_so, payload, received_at) VALUES (?, ?, ?)", steps
        )
    for code, current in changed.items():
        db.execute(
            "UPDATE dossiers SET trang_thai = ?, version = ?, updated_at = ?, conflict = NULL, "
            "ngay_tra = COALESCE(?, ngay_tra) WHERE ma_ho_so = ?",
            (current["status"], current["version"], now_text, current.get("ngay_tra"), code),
        )
    for unit_code, change in published:
        _publish_change(db, unit_code, change)
    return results


def set_status_from_backoffice(
    db: sqlite3.Connection, ma_ho_so: str, trang_thai: int, ngay_tra: str | None, now_text: str
) -> int:
    """A back-office status change, published on the unit's changes feed; returns the version."""
    row = db.execute(
        "SELECT unit_code, version, ngay_tra FROM dossiers WHERE ma_ho_so = ?", (ma_ho_so,)
    ).fetchone()
    if row is None:
        raise KeyError(ma_ho_so)
    unit_code, version, current_ngay_tra = row
    returned = ngay_tra or (now_text if trang_thai == 10 else current_ngay_tra)
    version += 1
    db.execute(
        "UPDATE dossiers SET trang_thai = ?, ngay_tra = ?, version = ?, updated_at = ? "
        "WHERE ma_ho_so = ?",
        (trang_thai, returned, version, now_text, ma_ho_so),
    )
    change = {
        "type": "status",
        "MaHoSo": ma_ho_so,
        "TrangThaiHoSo": trang_thai,
        "NgayTra": returned,
        "version": version,
        "changed_at": now_text,
    }
    _publish_change(db, unit_code, change)
    return version


def insert_online_dossier(
    db: sqlite3.Connection,
    unit_code: str,
    dossier: dict[str, Any],
    now_text: str,
    procedures: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    """A dossier submitted online (status 1), published on the unit's changes feed."""
    record = dict(dossier)
    record.update(MaDonVi=unit_code, TrangThaiHoSo=1, KenhThucHien=2)
    if not record.get("Uuid"):
        record["Uuid"] = str(uuid.uuid4())
    if not record.get("MaHoSo"):
        # Counters issue c001..c999 (c = 1..9), so 0NNN never collides with them.
        prefix = f"{unit_code}-{now_text[2:8]}-0"
        (count,) = db.execute(
            "SELECT COUNT(*) FROM dossiers WHERE source = 'online' AND ma_ho_so LIKE ?",
            (prefix.replace("%", r"\%").replace("_", r"\_") + "%",),
        ).fetchone()
        record["MaHoSo"] = f"{prefix}{count + 1:03d}"
    errors = validate_dossier(
        record, procedures, uploads.known_files(db, referenced_files([record]))
    )
    if errors:
        raise ValueError("; ".join(errors))
    if existing_dossiers(db, [record["MaHoSo"]]):
        raise ValueError(f"MaHoSo {record['MaHoSo']} already exists")
    payload = canonical_json(record)
    db.execute(
        "INSERT INTO dossiers (ma_ho_so, uuid, unit_code, source, trang_thai, ngay_tra, "
        "content_hash, payload, version, created_at, updated_at) "
        "VALUES (?, ?, ?, 'online', 1, '', ?, ?, 1, ?, ?)",
        (
            record["MaHoSo"],
            record["Uuid"],
            unit_code,
            digest(payload),
            payload,
            now_text,
            now_text,
        ),
    )
    change = {
        "type": "online_dossier",
        "MaHoSo": record["MaHoSo"],
        "TrangThaiHoSo": 1,
        "version": 1,
        "changed_at": now_text,
        "dossier": record,
    }
    _publish_change(db, unit_code, change)
    return record


def _publish_change(db: sqlite3.Connection, unit_code: str, change: dict[str, Any]) -> None:
    """Append to the unit's changes feed (LayThayDoi)."""
    db.execute(
        "INSERT INTO changes (unit_code, payload) VALUES (?, ?)",
        (unit_code, canonical_json(change)),
    )
