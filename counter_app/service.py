"""The service API: every use case of the counter, shared by the CLI, the GUI and sync.

Each write runs in one store transaction that also appends the audit row and, for
dossier changes, the frozen outbox entry (DESIGN §10: transactional outbox).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import sqlite3
import uuid as uuid_module
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from counter_app.domain import addresses, catalogue, clock, identity
from counter_app.domain.appointments import WorkCalendar, WorkingHours
from counter_app.domain.settings import SETTINGS, SettingError, coerce
from counter_app.domain.status import (
    FINAL,
    STATUS_NAMES,
    Status,
    TransitionError,
    check_transition,
    parse_status,
    status_name,
)
from counter_app.domain.text import fold, nfc, nfc_lines
from counter_app.portal import mapping as portal_mapping
from counter_app.store import audit
from counter_app.store.database import Store

ROLES = ("officer", "admin")
RETURN_METHODS = ("counter", "post")
CHANNELS = ("counter", "online", "post")
MAX_SEQUENCE = 999
# Statuses whose appointment clock runs: overdue only makes sense for these.
OPEN_STATUSES = (int(Status.RECEIVED), int(Status.PROCESSING), int(Status.PAYMENT_REQUESTED))
SEARCH_LIMIT_MAX = 1000


class InputError(ValueError):
    """Bad input from a person or a file; `field` names what to fix."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class NotFound(LookupError):
    pass


class AuthError(PermissionError):
    pass


@dataclass(frozen=True)
class ReceiveResult:
    dossier: dict[str, Any]
    warnings: list[identity.Finding]


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return f"scrypt$16384$8$1${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        _, n, r, p, salt_hex, digest_hex = stored.split("$")
        digest = hashlib.scrypt(
            password.encode("utf-8"),
            salt=bytes.fromhex(salt_hex),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(digest_hex) // 2,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


def _now_text() -> str:
    return clock.to_storage(clock.now())


class CounterService:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._calendar: WorkCalendar | None = None
        self._settings_cache: dict[str, Any] | None = None
        if self.store.read().execute("SELECT 1 FROM procedures LIMIT 1").fetchone() is None:
            self.import_catalogue(catalogue.seed_path(), actor="system")

    @classmethod
    def open(cls, folder: Path, *, lock_timeout: float = 0.0) -> CounterService:
        return cls(Store(folder, lock_timeout=lock_timeout))

    def close(self) -> None:
        self.store.close()

    # -- settings ----------------------------------------------------------
    def settings(self) -> dict[str, Any]:
        if self._settings_cache is None:
            values = {key: spec.default for key, spec in SETTINGS.items()}
            for row in self.store.read().execute("SELECT key, value FROM settings"):
                if row["key"] in SETTINGS:
                    values[row["key"]] = json.loads(row["value"])
            self._settings_cache = values
        return dict(self._settings_cache)

    def setting(self, key: str) -> Any:
        return self.settings()[key]

    def update_settings(self, values: dict[str, Any], *, actor: str) -> None:
        clean = {key: self._validate_setting(key, value) for key, value in values.items()}
        with self.store.write() as conn:
            for key, value in clean.items():
                conn.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, json.dumps(value, ensure_ascii=False)),
                )
            shown = {k: ("***" if "password" in k else v) for k, v in clean.items()}
            audit.append(conn, actor=actor, action="settings.update", detail=shown)
        self._settings_cache = None
        self._calendar = None

    def _validate_setting(self, key: str, value: Any) -> Any:
        try:
            value = coerce(key, value)
        except SettingError as exc:
            raise InputError(exc.field, str(exc)) from None
        if isinstance(value, str):
            value = nfc(value)
        if key == "counter" and not 1 <= value <= 9:
            raise InputError("counter", "Số quầy phải từ 1 đến 9 / counter must be 1-9")
        if key == "ward_code":
            try:
                addresses.commune(value)
            except ValueError as exc:
                raise InputError("ward_code", str(exc)) from None
        if key == "working_hours":
            try:
                WorkingHours.parse(value)
            except ValueError as exc:
                raise InputError("working_hours", str(exc)) from None
        if key == "same_day_cutoff":
            try:
                time.fromisoformat(value)
            except ValueError:
                raise InputError("same_day_cutoff", "Giờ phải có dạng HH:MM") from None
        if key == "supplement_mode" and value not in ("restart", "resume"):
            raise InputError("supplement_mode", "Chỉ nhận 'restart' hoặc 'resume'")
        if key == "paper" and value not in ("a4", "80mm"):
            raise InputError("paper", "Khổ giấy chỉ nhận 'a4' hoặc '80mm'")
        if key == "language" and value not in ("vi", "en"):
            raise InputError("language", "Ngôn ngữ chỉ nhận 'vi' hoặc 'en'")
        if key == "unit_code" and not value:
            raise InputError("unit_code", "Mã đơn vị không được để trống")
        if key == "portal_url" and value and not value.startswith(("http://", "https://")):
            raise InputError("portal_url", "Địa chỉ cổng phải bắt đầu bằng http:// hoặc https://")
        return value

    def configure(
        self,
        *,
        unit_code: str,
        ward_code: int | str,
        counter: int | str,
        centre_name: str,
        hours: str | None = None,
        actor: str = "setup",
        **extra: Any,
    ) -> None:
        values: dict[str, Any] = {
            "unit_code": unit_code,
            "ward_code": ward_code,
            "counter": counter,
            "centre_name": centre_name,
        }
        if hours:
            values["working_hours"] = hours
        values.update({k: v for k, v in extra.items() if v is not None})
        if not nfc(centre_name):
            raise InputError("centre_name", "Tên trung tâm không được để trống")
        self.update_settings(values, actor=actor)

    def is_configured(self) -> bool:
        settings = self.settings()
        return bool(settings["unit_code"] and settings["ward_code"] and settings["centre_name"])

    def require_configured(self) -> dict[str, Any]:
        if not self.is_configured():
            raise InputError(
                "setup",
                "Quầy chưa được thiết lập: chạy 'counter-app setup' trước / run setup first",
            )
        return self.settings()

    def centre(self) -> dict[str, Any]:
        settings = self.settings()
        info: dict[str, Any] = {
            "centre_name": settings["centre_name"],
            "unit_code": settings["unit_code"],
            "counter": settings["counter"],
            "lookup_url": settings["lookup_url"],
            "place": "",
            "commune_name": "",
            "province_name": "",
        }
        if settings["ward_code"]:
            commune = addresses.commune(settings["ward_code"])
            info.update(
                place=addresses.place_name(commune),
                commune_name=commune.name,
                province_name=commune.province_name,
            )
        return info

    # -- staff ---------------------------------------------------------------
    def add_staff(
        self, username: str, full_name: str, password: str, *, role: str = "officer", actor: str
    ) -> None:
        username = username.strip().lower()
        if not username or not all(ch.isalnum() or ch in "._-" for ch in username):
            raise InputError("username", "Tên đăng nhập chỉ gồm chữ, số và . _ -")
        if not nfc(full_name):
            raise InputError("full_name", "Họ tên cán bộ không được để trống")
        if role not in ROLES:
            raise InputError("role", f"Vai trò phải là một trong: {', '.join(ROLES)}")
        if len(password) < 6:
            raise InputError("password", "Mật khẩu phải có ít nhất 6 ký tự")
        with self.store.write() as conn:
            if conn.execute("SELECT 1 FROM staff WHERE username = ?", (username,)).fetchone():
                raise InputError("username", f"Tên đăng nhập '{username}' đã tồn tại")
            conn.execute(
                "INSERT INTO staff (username, full_name, role, password_hash, active, "
                "failed_logins, created_at) VALUES (?, ?, ?, ?, 1, 0, ?)",
                (username, nfc(full_name), role, hash_password(password), _now_text()),
            )
            audit.append(
                conn, actor=actor, action="staff.add", entity=username, detail={"role": role}
            )

    def list_staff(self) -> list[dict[str, Any]]:
        rows = self.store.read().execute(
            "SELECT username, full_name, role, active, failed_logins, created_at "
            "FROM staff ORDER BY username"
        )
        return [dict(r) for r in rows]

    def staff(self, username: str) -> dict[str, Any]:
        row = (
            self.store.read()
            .execute(
                "SELECT username, full_name, role, active FROM staff WHERE username = ?",
                (username.strip().lower(),),
            )
            .fetchone()
        )
        if row is None:
            raise InputError("officer", f"Không có cán bộ '{username}' / unknown staff account")
        return dict(row)

    def set_staff_active(self, username: str, active: bool, *, actor: str) -> None:
        self.staff(username)
        with self.store.write() as conn:
            conn.execute(
                "UPDATE staff SET active = ?, failed_logins = 0 WHERE username = ?",
                (int(active), username.strip().lower()),
            )
            audit.append(
                conn,
                actor=actor,
                action="staff.enable" if active else "staff.disable",
                entity=username,
            )

    def set_password(self, username: str, password: str, *, actor: str) -> None:
        self.staff(username)
        if len(password) < 6:
            raise InputError("password", "Mật khẩu phải có ít nhất 6 ký tự")
        with self.store.write() as conn:
            conn.execute(
                "UPDATE staff SET password_hash = ?, failed_logins = 0 WHERE username = ?",
                (hash_password(password), username.strip().lower()),
            )
            audit.append(conn, actor=actor, action="staff.password", entity=username)

    def authenticate(self, username: str, password: str) -> dict[str, Any]:
        """Check a sign-in; too many failures disable the account until an admin resets it.

        Failures are committed (and audited) before the error is raised.
        """
        username = username.strip().lower()
        limit = self.setting("max_failed_logins")
        locked_message = "Tài khoản đã bị khóa do đăng nhập sai nhiều lần; liên hệ quản trị viên."
        failure: str | None = None
        with self.store.write() as conn:
            row = conn.execute("SELECT * FROM staff WHERE username = ?", (username,)).fetchone()
            if row is None or not row["active"]:
                audit.append(conn, actor=username, action="signin.refused", entity=username)
                locked = row is not None and row["failed_logins"] >= limit
                failure = locked_message if locked else "Sai tên đăng nhập hoặc mật khẩu"
            elif not check_password(password, row["password_hash"]):
                failures = row["failed_logins"] + 1
                conn.execute(
                    "UPDATE staff SET failed_logins = ?, active = ? WHERE username = ?",
                    (failures, int(failures < limit), username),
                )
                audit.append(
                    conn,
                    actor=username,
                    action="signin.failed",
                    entity=username,
                    detail={"failures": failures},
                )
                left = limit - failures
                failure = (
                    f"Sai tên đăng nhập hoặc mật khẩu; còn {left} lần thử."
                    if left > 0
                    else locked_message
                )
            else:
                conn.execute("UPDATE staff SET failed_logins = 0 WHERE username = ?", (username,))
                audit.append(conn, actor=username, action="signin", entity=username)
        if failure:
            raise AuthError(failure)
        return {"username": row["username"], "full_name": row["full_name"], "role": row["role"]}

    # -- calendar --------------------------------------------------------------
    def calendar(self) -> WorkCalendar:
        if self._calendar is None:
            settings = self.settings()
            hours = WorkingHours.parse(settings["working_hours"])
            hours = WorkingHours(
                hours.periods, same_day_cutoff=time.fromisoformat(settings["same_day_cutoff"])
            )
            overrides = {
                date.fromisoformat(r["day"]): bool(r["working"])
                for r in self.store.read().execute("SELECT day, working FROM holiday_overrides")
            }
            self._calendar = WorkCalendar(hours, overrides)
        return self._calendar

    def holiday_overrides(self) -> list[dict[str, Any]]:
        rows = self.store.read().execute("SELECT * FROM holiday_overrides ORDER BY day")
        return [dict(r) for r in rows]

    def set_holiday_override(
        self,
        day: date,
        working: bool | None,
        *,
        note: str = "",
        actor: str,
        source: str = "local",
    ) -> None:
        """working=True adds a working day, False a day off, None removes the override."""
        with self.store.write() as conn:
            self._write_holiday_override(conn, day, working, note=note, source=source)
            audit.append(
                conn,
                actor=actor,
                action="holiday.override",
                entity=day.isoformat(),
                detail={"working": working, "note": note, "source": source},
            )
        self._calendar = None

    def apply_portal_holidays(self, items: list[tuple[date, bool, str]], *, actor: str) -> int:
        """The portal's days off / make-up days; a local override of the same day stays until
        a person removes it. Returns how many days changed."""
        current = {r["day"]: r for r in self.holiday_overrides()}
        changed = 0
        with self.store.write() as conn:
            for day, working, note in items:
                existing = current.get(day.isoformat())
                if existing and (
                    existing["source"] == "local" or bool(existing["working"]) == working
                ):
                    continue
                self._write_holiday_override(conn, day, working, note=note, source="portal")
                changed += 1
            if changed:
                audit.append(conn, actor=actor, action="holiday.pull", detail={"changed": changed})
        if changed:
            self._calendar = None
        return changed

    @staticmethod
    def _write_holiday_override(
        conn: sqlite3.Connection, day: date, working: bool | None, *, note: str, source: str
    ) -> None:
        if working is None:
            conn.execute("DELETE FROM holiday_overrides WHERE day = ?", (day.isoformat(),))
        else:
            conn.execute(
                "INSERT INTO holiday_overrides (day, working, note, source, updated_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(day) DO UPDATE SET working = excluded.working, "
                "note = excluded.note, source = excluded.source, updated_at = excluded.updated_at",
                (day.isoformat(), int(working), nfc(note), source, _now_text()),
            )

    def due_date(self, procedure_code: str, received_at: datetime) -> datetime:
        procedure = self.procedure(procedure_code)
        return self.calendar().due_at(
            received_at, procedure["processing_time"], procedure["time_unit"]
        )

    # -- catalogue -------------------------------------------------------------
    def import_catalogue(self, path: Path, *, actor: str) -> catalogue.Catalogue:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise InputError(
                "file", f"Không đọc được tệp danh mục {path}: {exc.strerror}"
            ) from None
        try:
            parsed = catalogue.parse_catalogue(raw)
        except catalogue.CatalogueError as exc:
            raise InputError(exc.field, str(exc)) from None
        with self.store.write() as conn:
            catalogue.apply_catalogue(conn, parsed, source=str(path), actor=actor)
        return parsed

    def catalogue_version(self) -> str:
        row = (
            self.store.read()
            .execute("SELECT version FROM catalogue_imports ORDER BY id DESC LIMIT 1")
            .fetchone()
        )
        return row["version"] if row else ""

    def procedures(self, query: str = "") -> list[dict[str, Any]]:
        rows = self.store.read().execute("SELECT * FROM procedures ORDER BY code").fetchall()
        items = [catalogue.procedure_from_row(r) for r in rows]
        needle = fold(query)
        if needle:
            items = [p for p in items if needle in fold(p["name"]) or p["code"].startswith(needle)]
        return items

    def procedure(self, code: str) -> dict[str, Any]:
        row = (
            self.store.read()
            .execute("SELECT * FROM procedures WHERE code = ?", (code.strip(),))
            .fetchone()
        )
        if row is None:
            raise InputError(
                "procedure_code", f"Mã thủ tục '{code}' không có trong danh mục / unknown procedure"
            )
        return catalogue.procedure_from_row(row)

    # -- receiving -------------------------------------------------------------
    def validate_intake(
        self, data: dict[str, Any]
    ) -> tuple[dict[str, Any], list[identity.Finding]]:
        """Check and normalise an intake; raise InputError on the first blocking problem."""
        if not isinstance(data, dict):
            raise InputError("dossier", "Hồ sơ phải là một đối tượng JSON")
        procedure = self.procedure(str(data.get("procedure_code") or ""))
        applicant_in = data.get("applicant")
        if not isinstance(applicant_in, dict):
            raise InputError("applicant", "Thiếu thông tin người nộp (applicant)")
        warnings: list[identity.Finding] = []
        applicant = self._validate_applicant(applicant_in, warnings)
        officer = self.staff(str(data.get("officer") or ""))
        if not officer["active"]:
            raise InputError("officer", f"Tài khoản cán bộ '{officer['username']}' đã bị khóa")
        documents = data.get("documents")
        if documents is None:
            documents = procedure["documents"]
        if not isinstance(documents, list):
            raise InputError("documents", "documents phải là một danh sách")
        clean_documents = [_clean_document(i, d) for i, d in enumerate(documents, 1)]
        fees = data.get("fees")
        if fees is None:
            fees = [dict(fee, paid=False) for fee in procedure["fees"]]
        clean_fees = []
        for index, fee in enumerate(fees, 1):
            amount = fee.get("amount", 0)
            if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
                raise InputError(f"fees[{index}].amount", "Mức phí phải là số nguyên VND ≥ 0")
            name = nfc(str(fee.get("name") or ""))
            if not name:
                raise InputError(f"fees[{index}].name", "Thiếu tên khoản phí, lệ phí")
            clean_fees.append(
                {
                    "code": str(fee.get("code") or ""),
                    "name": name,
                    "amount": amount,
                    "paid": bool(fee.get("paid", False)),
                }
            )
        received_at = data.get("received_at")
        try:
            received = clock.parse_datetime(received_at) if received_at else clock.now()
        except ValueError:
            raise InputError(
                "received_at", f"Thời điểm nhận '{received_at}' phải có dạng YYYY-MM-DD HH:MM"
            ) from None
        received = received.replace(microsecond=0)
        return_method = data.get("return_method") or "counter"
        if return_method not in RETURN_METHODS:
            raise InputError("return_method", "Hình thức trả kết quả: 'counter' hoặc 'post'")
        channel = data.get("channel") or "counter"
        if channel not in CHANNELS:
            raise InputError("channel", f"Kênh tiếp nhận phải là: {', '.join(CHANNELS)}")
        clean = {
            "procedure": procedure,
            "applicant": applicant,
            "officer": officer,
            "documents": clean_documents,
            "fees": clean_fees,
            "sets": _positive_int(data.get("sets", 1), "sets"),
            "received_at": received,
            "return_method": return_method,
            "channel": channel,
            "notes": nfc(str(data.get("notes") or "")),
        }
        return clean, warnings

    def _validate_applicant(
        self, data: dict[str, Any], warnings: list[identity.Finding]
    ) -> dict[str, Any]:
        full_name = nfc(str(data.get("full_name") or ""))
        if not full_name:
            raise InputError("applicant.full_name", "Họ tên người nộp không được để trống")
        birth_date = None
        if data.get("birth_date"):
            try:
                birth_date = clock.parse_date(str(data["birth_date"]))
            except ValueError:
                raise InputError(
                    "applicant.birth_date", "Ngày sinh phải có dạng YYYY-MM-DD hoặc DD/MM/YYYY"
                ) from None
        sex = nfc(str(data.get("sex") or ""))
        id_type = str(data.get("id_type") or "cccd").lower()
        if id_type not in ("cccd", "cmnd", "passport"):
            raise InputError("applicant.id_type", "Loại giấy tờ: cccd, cmnd hoặc passport")
        id_number = identity.normalise_id_number(str(data.get("id_number") or ""))
        findings: list[identity.Finding] = []
        if id_number:
            findings += identity.check_id_number(
                id_number, id_type, birth_date=birth_date, sex=sex or None
            )
        phone = str(data.get("phone") or "")
        findings += identity.check_phone(phone)
        email = str(data.get("email") or "").strip()
        findings += identity.check_email(email)
        for finding in findings:
            if finding.level == "error":
                raise InputError(f"applicant.{finding.field}", finding.message)
            warnings.append(finding)
        ward_code = data.get("ward_code")
        province_code = data.get("province_code")
        if ward_code not in (None, ""):
            try:
                commune = addresses.commune(ward_code)
            except ValueError as exc:
                raise InputError("applicant.ward_code", str(exc)) from None
            if province_code not in (None, "") and int(province_code) != commune.province_code:
                raise InputError(
                    "applicant.province_code",
                    f"{commune.name} thuộc {commune.province_name}, không thuộc tỉnh mã {province_code}",
                )
            ward_code, province_code = commune.code, commune.province_code
        elif province_code not in (None, ""):
            try:
                province_code = addresses.province(province_code).code
            except ValueError as exc:
                raise InputError("applicant.province_code", str(exc)) from None
        return {
            "full_name": full_name,
            "id_number": id_number,
            "id_type": id_type,
            "birth_date": birth_date.isoformat() if birth_date else "",
            "sex": sex,
            "phone": identity.normalise_phone(phone) if phone.strip() else "",
            "email": email,
            "address": nfc(str(data.get("address") or "")),
            "ward_code": int(ward_code) if ward_code not in (None, "") else None,
            "province_code": int(province_code) if province_code not in (None, "") else None,
        }

    def receive(self, data: dict[str, Any]) -> ReceiveResult:
        """Record a walk-in dossier: issue its code, compute its appointment, queue it."""
        settings = self.require_configured()
        clean, warnings = self.validate_intake(data)
        procedure = clean["procedure"]
        received = clean["received_at"]
        due = self.calendar().due_at(received, procedure["processing_time"], procedure["time_unit"])
        applicant = clean["applicant"]
        dossier_uuid = str(uuid_module.uuid4())
        now = _now_text()
        with self.store.write() as conn:
            code = self._issue_code(conn, settings, received)
            book = settings["book_number"] or str(received.year)
            book_seq = self._next_book_seq(conn, book)
            cursor = conn.execute(
                "INSERT INTO applicants (full_name, id_number, id_type, birth_date, sex, phone, "
                "email, address, ward_code, province_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tuple(
                    applicant[k]
                    for k in (
                        "full_name",
                        "id_number",
                        "id_type",
                        "birth_date",
                        "sex",
                        "phone",
                        "email",
                        "address",
                        "ward_code",
                        "province_code",
                    )
                ),
            )
            dossier_id = conn.execute(
                "INSERT INTO dossiers (uuid, code, procedure_code, procedure_name, field_code, "
                "field_name, processing_time, time_unit, applicant_id, sets, officer, "
                "received_at, due_at, status, channel, return_method, notes, book_number, "
                "book_seq, search_text, created_at, updated_at, sync_state) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    dossier_uuid,
                    code,
                    procedure["code"],
                    procedure["name"],
                    procedure["field_code"],
                    procedure["field_name"],
                    procedure["processing_time"],
                    procedure["time_unit"],
                    cursor.lastrowid,
                    clean["sets"],
                    clean["officer"]["username"],
                    clock.to_storage(received),
                    clock.to_storage(due),
                    int(Status.RECEIVED),
                    clean["channel"],
                    clean["return_method"],
                    clean["notes"],
                    book,
                    book_seq,
                    search_text(applicant, code),
                    now,
                    now,
                    "pending",
                ),
            ).lastrowid
            self._insert_children(conn, dossier_id, clean["documents"], clean["fees"])
            conn.execute(
                "INSERT INTO status_events (dossier_id, at, by, from_status, to_status, reason) "
                "VALUES (?, ?, ?, NULL, ?, '')",
                (dossier_id, clock.to_storage(received), clean["officer"]["username"], 2),
            )
            dossier = self._load_dossier(conn, dossier_id)
            self._queue_dossier(conn, dossier, is_updating=False)
            audit.append(
                conn,
                actor=clean["officer"]["username"],
                action="dossier.receive",
                entity=code,
                detail={"uuid": dossier_uuid, "procedure": procedure["code"]},
            )
        return ReceiveResult(dossier, warnings)

    @staticmethod
    def _insert_children(
        conn: sqlite3.Connection,
        dossier_id: int,
        documents: list[dict[str, Any]],
        fees: list[dict[str, Any]],
    ) -> None:
        conn.executemany(
            "INSERT INTO documents (dossier_id, position, name, kind, count) VALUES (?, ?, ?, ?, ?)",
            [(dossier_id, i, d["name"], d["kind"], d["count"]) for i, d in enumerate(documents, 1)],
        )
        conn.executemany(
            "INSERT INTO fees (dossier_id, code, name, amount, paid) VALUES (?, ?, ?, ?, ?)",
            [(dossier_id, f["code"], f["name"], f["amount"], int(f["paid"])) for f in fees],
        )

    def _issue_code(self, conn: sqlite3.Connection, settings: dict[str, Any], day: datetime) -> str:
        """Next code of this counter for that day; runs inside the receive transaction, so a
        crash before commit issues nothing and a committed code is never issued again."""
        counter = int(settings["counter"])
        day_key = day.strftime("%y%m%d")
        sequence = next_code_sequence(conn, day_key, counter)
        if sequence > MAX_SEQUENCE:
            raise InputError(
                "received_at",
                f"Quầy {counter} đã cấp hết {MAX_SEQUENCE} mã hồ sơ trong ngày "
                f"{day:%d/%m/%Y} / daily code range exhausted",
            )
        return f"{settings['unit_code']}-{day_key}-{counter}{sequence:03d}"

    @staticmethod
    def _next_book_seq(conn: sqlite3.Connection, book: str) -> int:
        return conn.execute(
            "INSERT INTO book_sequences (book, last_seq) VALUES (?, 1) "
            "ON CONFLICT(book) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq",
            (book,),
        ).fetchone()[0]

    # -- outbox --------------------------------------------------------------
    def _queue_dossier(
        self, conn: sqlite3.Connection, dossier: dict[str, Any], *, is_updating: bool
    ) -> None:
        if dossier.get("sync_state") == "local":
            return  # demo data never leaves the machine
        record = portal_mapping.dossier_record(dossier, self.setting("unit_code"))
        payload = {"isUpdating": is_updating, "record": record}
        self._queue(conn, dossier["id"], "dossier", payload)

    def _queue(
        self, conn: sqlite3.Connection, dossier_id: int, op: str, payload: dict[str, Any]
    ) -> None:
        conn.execute(
            "INSERT INTO outbox (dossier_id, op, payload, idempotency_key, created_at, state, "
            "attempts) VALUES (?, ?, ?, ?, ?, 'pending', 0)",
            (
                dossier_id,
                op,
                json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
                str(uuid_module.uuid4()),
                _now_text(),
            ),
        )
        conn.execute(
            "UPDATE dossiers SET sync_state = 'pending', sync_message = NULL WHERE id = ?",
            (dossier_id,),
        )

    # -- reading ---------------------------------------------------------------
    def _dossier_id(self, conn: sqlite3.Connection, code_or_uuid: str) -> int:
        key = code_or_uuid.strip()
        row = conn.execute(
            "SELECT id FROM dossiers WHERE code = ? OR uuid = ?", (key, key)
        ).fetchone()
        if row is None:
            raise NotFound(f"Không tìm thấy hồ sơ '{key}' / dossier not found")
        return row["id"]

    def get_dossier(self, code_or_uuid: str) -> dict[str, Any]:
        conn = self.store.read()
        return self._load_dossier(conn, self._dossier_id(conn, code_or_uuid))

    def _load_dossier(self, conn: sqlite3.Connection, dossier_id: int) -> dict[str, Any]:
        row = conn.execute("SELECT * FROM dossiers WHERE id = ?", (dossier_id,)).fetchone()
        dossier = dict(row)
        dossier.pop("search_text", None)
        applicant = dict(
            conn.execute(
                "SELECT * FROM applicants WHERE id = ?", (dossier.pop("applicant_id"),)
            ).fetchone()
        )
        applicant.pop("id")
        applicant["commune_name"] = applicant["province_name"] = ""
        if applicant["ward_code"]:
            commune = addresses.commune(applicant["ward_code"])
            applicant["commune_name"] = commune.name
            applicant["province_name"] = commune.province_name
        elif applicant["province_code"]:
            applicant["province_name"] = addresses.province(applicant["province_code"]).name
        dossier["applicant"] = applicant
        dossier["procedure"] = {
            "code": dossier.pop("procedure_code"),
            "name": dossier.pop("procedure_name"),
            "field_code": dossier.pop("field_code"),
            "field_name": dossier.pop("field_name"),
            "processing_time": dossier.pop("processing_time"),
            "time_unit": dossier.pop("time_unit"),
        }
        dossier["status_name"] = status_name(dossier["status"])
        dossier["documents"] = [
            dict(r)
            for r in conn.execute(
                "SELECT name, kind, count FROM documents WHERE dossier_id = ? ORDER BY position",
                (dossier_id,),
            )
        ]
        dossier["fees"] = [
            dict(r, paid=bool(r["paid"]))
            for r in conn.execute(
                "SELECT code, name, amount, paid FROM fees WHERE dossier_id = ? ORDER BY id",
                (dossier_id,),
            )
        ]
        names = {
            r["username"]: r["full_name"]
            for r in conn.execute("SELECT username, full_name FROM staff")
        }
        dossier["officer_name"] = names.get(dossier["officer"], dossier["officer"])
        dossier["events"] = [
            dict(r, by_name=names.get(r["by"], r["by"]), detail=json.loads(r["detail"] or "{}"))
            for r in conn.execute(
                "SELECT at, by, from_status, to_status, reason, detail FROM status_events "
                "WHERE dossier_id = ? ORDER BY id",
                (dossier_id,),
            )
        ]
        dossier["due_changes"] = [
            dict(r)
            for r in conn.execute(
                "SELECT at, by, kind, old_due, new_due, reason FROM due_changes "
                "WHERE dossier_id = ? ORDER BY id",
                (dossier_id,),
            )
        ]
        dossier["prints"] = [
            dict(r)
            for r in conn.execute(
                "SELECT at, officer, form, copy, paper, reprint_reason FROM print_log "
                "WHERE dossier_id = ? ORDER BY id",
                (dossier_id,),
            )
        ]
        return dossier

    # -- status ------------------------------------------------------------------
    def allowed_actions(self, code_or_uuid: str) -> list[int]:
        from counter_app.domain.status import ALLOWED

        dossier = self.get_dossier(code_or_uuid)
        return sorted(int(s) for s in ALLOWED[Status(dossier["status"])])

    def change_status(
        self,
        code_or_uuid: str,
        new_status: int | str,
        *,
        by: str,
        reason: str = "",
        collected_by: str = "",
        collected_id_number: str = "",
        at: datetime | None = None,
        documents: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Apply one status transition, with its event, audit row and outbox entries.

        `documents`: for a supplement request (5), what the citizen must bring (Mẫu 02).
        """
        target = parse_status(new_status)
        officer = self.staff(by)
        reason = nfc_lines(reason)
        moment = (at or clock.now()).replace(microsecond=0)
        moment_text = clock.to_storage(moment)
        with self.store.write() as conn:
            dossier_id = self._dossier_id(conn, code_or_uuid)
            current = conn.execute(
                "SELECT status, due_at, received_at, time_unit, processing_time FROM dossiers "
                "WHERE id = ?",
                (dossier_id,),
            ).fetchone()
            try:
                check_transition(current["status"], target, reason)
            except TransitionError as exc:
                raise InputError("status", str(exc)) from None
            if target == Status.RETURNED and not nfc(collected_by):
                raise InputError("collected_by", "Cần ghi họ tên người nhận kết quả")
            updates: dict[str, Any] = {"status": int(target), "updated_at": _now_text()}
            if current["status"] == Status.SUPPLEMENT_REQUESTED and target in (
                Status.PROCESSING,
                Status.RECEIVED,
            ):
                updates["due_at"] = self._resume_after_supplement(
                    conn, dossier_id, current, moment, by
                )
            if target == Status.RETURNED:
                updates.update(
                    returned_at=moment_text,
                    collected_by=nfc(collected_by),
                    collected_id_number=identity.normalise_id_number(collected_id_number),
                )
            detail = None
            if documents:
                detail = json.dumps(
                    {"documents": [_clean_document(i, d) for i, d in enumerate(documents, 1)]},
                    ensure_ascii=False,
                )
            assignments = ", ".join(f"{k} = ?" for k in updates)
            conn.execute(
                f"UPDATE dossiers SET {assignments} WHERE id = ?", (*updates.values(), dossier_id)
            )
            conn.execute(
                "INSERT INTO status_events (dossier_id, at, by, from_status, to_status, reason, "
                "detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    dossier_id,
                    moment_text,
                    officer["username"],
                    current["status"],
                    int(target),
                    reason,
                    detail,
                ),
            )
            dossier = self._load_dossier(conn, dossier_id)
            self._queue_dossier(conn, dossier, is_updating=True)
            if dossier.get("sync_state") != "local":
                progress = portal_mapping.progress_record(
                    dossier,
                    officer_name=officer["full_name"],
                    at=moment_text,
                    status=int(target),
                    content=reason or STATUS_NAMES[int(target)],
                )
                self._queue(conn, dossier_id, "progress", {"record": progress})
            audit.append(
                conn,
                actor=officer["username"],
                action="dossier.status",
                entity=dossier["code"],
                detail={"from": current["status"], "to": int(target), "reason": reason},
            )
        return dossier

    def _resume_after_supplement(
        self,
        conn: sqlite3.Connection,
        dossier_id: int,
        current: sqlite3.Row,
        resumed_at: datetime,
        by: str,
    ) -> str:
        """The clock stopped at status 5; set and record the new appointment."""
        paused = conn.execute(
            "SELECT at FROM status_events WHERE dossier_id = ? AND to_status = 5 "
            "ORDER BY id DESC LIMIT 1",
            (dossier_id,),
        ).fetchone()
        old_due = clock.from_storage(current["due_at"])
        new_due = self.calendar().resumed_due_at(
            paused_at=clock.from_storage(paused["at"]),
            old_due=old_due,
            resumed_at=resumed_at,
            amount=current["processing_time"],
            unit=current["time_unit"],
            mode=self.setting("supplement_mode"),
        )
        new_due_text = clock.to_storage(new_due)
        conn.execute(
            "INSERT INTO due_changes (dossier_id, at, by, kind, old_due, new_due, reason) "
            "VALUES (?, ?, ?, 'supplement', ?, ?, ?)",
            (
                dossier_id,
                clock.to_storage(resumed_at),
                by,
                current["due_at"],
                new_due_text,
                "Đã nhận đủ hồ sơ bổ sung",
            ),
        )
        return new_due_text

    def update_dossier(
        self,
        code_or_uuid: str,
        *,
        by: str,
        reason: str,
        applicant: dict[str, Any] | None = None,
        notes: str | None = None,
        return_method: str | None = None,
    ) -> tuple[dict[str, Any], list[identity.Finding]]:
        """Correct a dossier's applicant details, notes or return method (audited, synced).

        The code, procedure and receipt time are legal facts of the receipt and never change.
        """
        reason = nfc(reason)
        if not reason:
            raise InputError("reason", "Cần ghi lý do khi sửa thông tin hồ sơ")
        officer = self.staff(by)
        warnings: list[identity.Finding] = []
        clean_applicant = self._validate_applicant(applicant, warnings) if applicant else None
        if return_method is not None and return_method not in RETURN_METHODS:
            raise InputError("return_method", "Hình thức trả kết quả: 'counter' hoặc 'post'")
        with self.store.write() as conn:
            dossier_id = self._dossier_id(conn, code_or_uuid)
            row = conn.execute(
                "SELECT code, status, applicant_id FROM dossiers WHERE id = ?", (dossier_id,)
            ).fetchone()
            if Status(row["status"]) in FINAL:
                raise InputError("status", "Hồ sơ đã kết thúc, không thể sửa thông tin")
            changed: list[str] = []
            if clean_applicant is not None:
                assignments = ", ".join(f"{k} = ?" for k in clean_applicant)
                conn.execute(
                    f"UPDATE applicants SET {assignments} WHERE id = ?",
                    (*clean_applicant.values(), row["applicant_id"]),
                )
                conn.execute(
                    "UPDATE dossiers SET search_text = ? WHERE id = ?",
                    (search_text(clean_applicant, row["code"]), dossier_id),
                )
                changed.append("applicant")
            updates = {
                key: value
                for key, value in (("notes", notes), ("return_method", return_method))
                if value is not None
            }
            if "notes" in updates:
                updates["notes"] = nfc(updates["notes"])
            changed += list(updates)
            updates["updated_at"] = _now_text()
            assignments = ", ".join(f"{k} = ?" for k in updates)
            conn.execute(
                f"UPDATE dossiers SET {assignments} WHERE id = ?", (*updates.values(), dossier_id)
            )
            dossier = self._load_dossier(conn, dossier_id)
            self._queue_dossier(conn, dossier, is_updating=True)
            # Field names only: the audit log carries no personal data.
            audit.append(
                conn,
                actor=officer["username"],
                action="dossier.edit",
                entity=row["code"],
                detail={"fields": changed, "reason": reason},
            )
        return dossier, warnings

    def move_due(
        self, code_or_uuid: str, new_due: datetime, *, by: str, reason: str
    ) -> dict[str, Any]:
        """Move an appointment: needs a reason, kept with the old date, audited and synced."""
        reason = nfc(reason)
        if not reason:
            raise InputError("reason", "Cần ghi lý do khi thay đổi ngày hẹn trả")
        officer = self.staff(by)
        with self.store.write() as conn:
            dossier_id = self._dossier_id(conn, code_or_uuid)
            row = conn.execute(
                "SELECT status, due_at, received_at FROM dossiers WHERE id = ?", (dossier_id,)
            ).fetchone()
            if Status(row["status"]) in (Status.RETURNED, Status.REFUSED, Status.WITHDRAWN):
                raise InputError("status", "Hồ sơ đã kết thúc, không thể đổi ngày hẹn")
            new_text = clock.to_storage(new_due.replace(microsecond=0))
            if new_text <= row["received_at"]:
                raise InputError("due_at", "Ngày hẹn mới phải sau thời điểm tiếp nhận")
            conn.execute(
                "INSERT INTO due_changes (dossier_id, at, by, kind, old_due, new_due, reason) "
                "VALUES (?, ?, ?, 'moved', ?, ?, ?)",
                (dossier_id, _now_text(), officer["username"], row["due_at"], new_text, reason),
            )
            conn.execute(
                "UPDATE dossiers SET due_at = ?, updated_at = ? WHERE id = ?",
                (new_text, _now_text(), dossier_id),
            )
            dossier = self._load_dossier(conn, dossier_id)
            self._queue_dossier(conn, dossier, is_updating=True)
            audit.append(
                conn,
                actor=officer["username"],
                action="dossier.move_due",
                entity=dossier["code"],
                detail={"old": row["due_at"], "new": new_text, "reason": reason},
            )
        return dossier

    # -- search -------------------------------------------------------------------
    def search(
        self,
        text: str = "",
        *,
        status: int | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        procedure: str | None = None,
        overdue: bool = False,
        due_today: bool = False,
        sync_problems: bool = False,
        returned_on: date | None = None,
        limit: int = 50,
        before_id: int | None = None,
        oldest_first: bool = False,
    ) -> list[dict[str, Any]]:
        """Newest first (or oldest first); page with before_id = the last row's id, which
        means "past that row" in either order. Rows are list-sized."""
        sql, params = build_search_sql(
            text,
            status=status,
            date_from=date_from,
            date_to=date_to,
            procedure=procedure,
            overdue=overdue,
            due_today=due_today,
            sync_problems=sync_problems,
            returned_on=returned_on,
            limit=limit,
            before_id=before_id,
            oldest_first=oldest_first,
        )
        return [dict(r) for r in self.store.read().execute(sql, params)]

    def today_counts(self, today: date | None = None) -> dict[str, int]:
        day = (today or clock.now().date()).isoformat()
        now_text = _now_text()
        conn = self.store.read()
        open_list = _OPEN_LIST
        return {
            "received_today": conn.execute(
                "SELECT count(*) FROM dossiers WHERE received_at >= ? AND received_at < ?",
                (day, _next_day(day)),
            ).fetchone()[0],
            "due_today": conn.execute(
                f"SELECT count(*) FROM dossiers WHERE due_at >= ? AND due_at < ? "
                f"AND status IN ({open_list})",
                (day, _next_day(day)),
            ).fetchone()[0],
            "overdue": conn.execute(
                f"SELECT count(*) FROM dossiers WHERE due_at < ? AND status IN ({open_list})",
                (now_text,),
            ).fetchone()[0],
            "returned_today": conn.execute(
                "SELECT count(*) FROM dossiers WHERE returned_at >= ? AND returned_at < ?",
                (day, _next_day(day)),
            ).fetchone()[0],
        }

    # -- printing -------------------------------------------------------------------
    def record_print(
        self,
        code_or_uuid: str,
        *,
        form: str,
        officer: str,
        copies: list[str],
        paper: str,
        reprint_reason: str = "",
    ) -> None:
        with self.store.write() as conn:
            dossier_id = self._dossier_id(conn, code_or_uuid)
            now = _now_text()
            conn.executemany(
                "INSERT INTO print_log (dossier_id, at, officer, form, copy, paper, "
                "reprint_reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(dossier_id, now, officer, form, c, paper, nfc(reprint_reason)) for c in copies],
            )
            audit.append(
                conn,
                actor=officer,
                action="dossier.print",
                entity=code_or_uuid,
                detail={"form": form, "copies": copies, "reprint_reason": reprint_reason},
            )

    def was_printed(self, code_or_uuid: str, form: str) -> bool:
        conn = self.store.read()
        dossier_id = self._dossier_id(conn, code_or_uuid)
        return (
            conn.execute(
                "SELECT 1 FROM print_log WHERE dossier_id = ? AND form = ? LIMIT 1",
                (dossier_id, form),
            ).fetchone()
            is not None
        )

    # -- audit ---------------------------------------------------------------------
    def audit_verify(self) -> audit.AuditReport:
        return audit.verify(self.store.read())


def next_code_sequence(conn: sqlite3.Connection, day_key: str, counter: int) -> int:
    """The next number of a counter's daily sequence, inside the caller's transaction."""
    return conn.execute(
        "INSERT INTO code_sequences (day, counter, last_seq) VALUES (?, ?, 1) "
        "ON CONFLICT(day, counter) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq",
        (day_key, counter),
    ).fetchone()[0]


def search_text(applicant: dict[str, Any], code: str) -> str:
    """What the search index holds. Of the code only the day and number are indexed: the
    unit prefix is the same on every dossier and would make each code query match all."""
    parts = [
        fold(applicant["full_name"]),
        applicant.get("id_number") or "",
        applicant.get("phone") or "",
        " ".join(code.lower().rsplit("-", 2)[1:]),
    ]
    return " ".join(p for p in parts if p)


def fts_query(text: str) -> str:
    """'Nguyễn Văn A' -> '"nguyen"* "van"* "a"*': every word, as a prefix, accent-free."""
    words = [w for w in _split_words(fold(text)) if w]
    return " ".join(f'"{w}"*' for w in words)


def _split_words(text: str) -> list[str]:
    word = []
    words = []
    for ch in text:
        if ch.isalnum():
            word.append(ch)
        elif word:
            words.append("".join(word))
            word = []
    if word:
        words.append("".join(word))
    return words


def _next_day(day_iso: str) -> str:
    return (date.fromisoformat(day_iso) + timedelta(days=1)).isoformat()


LIST_COLUMNS = (
    "d.id, d.code, d.uuid, a.full_name, a.id_number, a.phone, d.procedure_code, "
    "d.procedure_name, d.received_at, d.due_at, d.status, d.sync_state, d.sync_message, "
    "d.returned_at, d.conflict"
)


_OPEN_LIST = ",".join(str(s) for s in OPEN_STATUSES)
CODE_PATTERN = re.compile(r"^\S+-\d{6}-\d{4}$")


def build_search_sql(
    text: str,
    *,
    status: int | None,
    date_from: date | None,
    date_to: date | None,
    procedure: str | None,
    overdue: bool,
    due_today: bool,
    sync_problems: bool,
    limit: int,
    before_id: int | None,
    now: datetime | None = None,
    returned_on: date | None = None,
    oldest_first: bool = False,
) -> tuple[str, list[Any]]:
    """One query for the list and the CLI: FTS when there is text, indexes otherwise."""
    where: list[str] = []
    params: list[Any] = []
    code = CODE_PATTERN.match(text.strip())
    if code:  # a whole code (typed, or scanned from the receipt's QR): the unique index
        where.append("d.code IN (?, ?)")
        params += [code.group(0), code.group(0).upper()]
        text = ""
    match = fts_query(text)
    if match:
        source = "dossiers_fts f JOIN dossiers d ON d.id = f.rowid"
        where.append("dossiers_fts MATCH ?")
        params.append(match)
        order = "f.rowid DESC"
        id_column = "f.rowid"
    else:
        source = "dossiers d"
        order = "d.id DESC"
        id_column = "d.id"
    if status is not None:
        where.append("d.status = ?")
        params.append(int(status))
    if date_from is not None:
        where.append("d.received_at >= ?")
        params.append(date_from.isoformat())
    if date_to is not None:
        where.append("d.received_at < ?")
        params.append((date_to + timedelta(days=1)).isoformat())
    if procedure:
        where.append("d.procedure_code = ?")
        params.append(procedure)
    if (overdue or due_today) and now is None:
        now = clock.now()
    open_list = _OPEN_LIST
    # "+" keeps SQLite off the due_at/status indexes here: walking newest-first and
    # stopping at the limit is far cheaper than collecting every old open dossier.
    if overdue:
        where.append(f"+d.due_at < ? AND +d.status IN ({open_list})")
        params.append(clock.to_storage(now))
    if due_today:
        where.append(f"d.due_at >= ? AND d.due_at < ? AND +d.status IN ({open_list})")
        params += [now.date().isoformat(), (now.date() + timedelta(days=1)).isoformat()]
    if sync_problems:
        where.append("d.sync_state IN ('rejected', 'conflict')")
    if returned_on is not None:
        where.append("d.returned_at >= ? AND d.returned_at < ?")
        params += [returned_on.isoformat(), (returned_on + timedelta(days=1)).isoformat()]
    if before_id is not None:
        where.append(f"{id_column} {'>' if oldest_first else '<'} ?")
        params.append(int(before_id))
    if oldest_first:
        order = order.replace(" DESC", " ASC")
    limit = max(1, min(int(limit), SEARCH_LIMIT_MAX))
    sql = (
        f"SELECT {LIST_COLUMNS} FROM {source} JOIN applicants a ON a.id = d.applicant_id"
        + (f" WHERE {' AND '.join(where)}" if where else "")
        + f" ORDER BY {order} LIMIT {limit}"
    )
    return sql, params


def _clean_document(index: int, doc: Any) -> dict[str, Any]:
    if not isinstance(doc, dict):
        raise InputError(f"documents[{index}]", "Mỗi giấy tờ phải là một đối tượng")
    name = nfc(str(doc.get("name") or ""))
    if not name:
        raise InputError(f"documents[{index}].name", "Thiếu tên giấy tờ")
    kind = doc.get("kind") or "original"
    if kind not in catalogue.DOCUMENT_KINDS:
        raise InputError(
            f"documents[{index}].kind",
            f"Loại giấy tờ '{kind}' không hợp lệ ({', '.join(catalogue.DOCUMENT_KINDS)})",
        )
    count = _positive_int(doc.get("count", 1), f"documents[{index}].count")
    return {"name": name, "kind": kind, "count": count}


def _positive_int(value: Any, field: str) -> int:
    if isinstance(value, bool):
        raise InputError(field, "phải là số nguyên ≥ 1")
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise InputError(field, f"phải là số nguyên ≥ 1, nhận được {value!r}") from None
    if number < 1 or number != value and not isinstance(value, str):
        raise InputError(field, f"phải là số nguyên ≥ 1, nhận được {value!r}")
    return number
