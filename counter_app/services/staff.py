"""Staff accounts: adding, enabling, passwords (scrypt) and signing in."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import TYPE_CHECKING, Any

from counter_app.domain.text import nfc
from counter_app.services.errors import AuthError, InputError
from counter_app.services.records import now_text
from counter_app.store import audit

if TYPE_CHECKING:
    from counter_app.services.front import CounterService

ROLES = ("officer", "supervisor", "admin")

# What each role may do: the one table the GUI, the CLI and the services read.
READ = "read"  # search, list, Today, the register, dossier details: the whole centre
HANDLE = "handle"  # receive, advance, hand back, print: counter work
REPORTS = "reports"  # the centre's figures (dashboard, `counter-app report`)
ADMINISTER = "administer"  # settings, staff accounts, catalogue, holiday overrides
PERMISSIONS: dict[str, frozenset[str]] = {
    "officer": frozenset({READ, HANDLE}),
    # The centre head: reads everything of the centre and its figures, never the admin things.
    "supervisor": frozenset({READ, HANDLE, REPORTS}),
    "admin": frozenset({READ, HANDLE, REPORTS, ADMINISTER}),
}
ROLE_LABELS = {"officer": "Cán bộ", "supervisor": "Lãnh đạo trung tâm", "admin": "Quản trị viên"}


def allows(role: str, permission: str) -> bool:
    """May an account of `role` do `permission`? Unknown roles may do nothing."""
    return permission in PERMISSIONS.get(role, frozenset())


def clean_staff_phone(phone: str) -> str:
    """An officer's contact phone as printed on Mẫu 02: digits (a leading + allowed), or ''."""
    compact = "".join(phone.split()).replace(".", "").replace("-", "")
    digits = compact[1:] if compact.startswith("+") else compact
    if compact and (not digits.isdigit() or not 8 <= len(digits) <= 15):
        raise InputError("phone", "Số điện thoại cán bộ chỉ gồm 8–15 chữ số / staff phone")
    return compact


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


class StaffManager:
    def __init__(self, service: CounterService) -> None:
        self._service = service

    def require(self, actor: str, permission: str) -> None:
        """Refuse (AuthError) when `actor` is a staff account whose role lacks `permission`.

        Actors that are not accounts ("setup", "cli", "system"…) are the technician working
        on the data folder itself, and pass.
        """
        row = (
            self._service.store.read()
            .execute("SELECT role FROM staff WHERE username = ?", (actor.strip().lower(),))
            .fetchone()
        )
        if row is not None and not allows(row["role"], permission):
            label = ROLE_LABELS.get(row["role"], row["role"])
            raise AuthError(
                f"Tài khoản {actor} ({label}) không có quyền này; liên hệ quản trị viên. / "
                f"the {row['role']} role may not do this"
            )

    def add(
        self,
        username: str,
        full_name: str,
        password: str,
        *,
        role: str = "officer",
        actor: str,
        phone: str = "",
    ) -> None:
        self.require(actor, ADMINISTER)
        username = username.strip().lower()
        if not username or not all(ch.isalnum() or ch in "._-" for ch in username):
            raise InputError("username", "Tên đăng nhập chỉ gồm chữ, số và . _ -")
        if not nfc(full_name):
            raise InputError("full_name", "Họ tên cán bộ không được để trống")
        if role not in ROLES:
            raise InputError("role", f"Vai trò phải là một trong: {', '.join(ROLES)}")
        if len(password) < 6:
            raise InputError("password", "Mật khẩu phải có ít nhất 6 ký tự")
        phone = clean_staff_phone(phone)
        with self._service.store.write() as conn:
            if conn.execute("SELECT 1 FROM staff WHERE username = ?", (username,)).fetchone():
                raise InputError("username", f"Tên đăng nhập '{username}' đã tồn tại")
            conn.execute(
                "INSERT INTO staff (username, full_name, role, password_hash, active, "
                "failed_logins, created_at) VALUES (?, ?, ?, ?, 1, 0, ?)",
                (username, nfc(full_name), role, hash_password(password), now_text()),
            )
            if phone:
                conn.execute(
                    "INSERT INTO staff_phones (username, phone) VALUES (?, ?)", (username, phone)
                )
            audit.append(
                conn, actor=actor, action="staff.add", entity=username, detail={"role": role}
            )

    def all(self) -> list[dict[str, Any]]:
        rows = self._service.store.read().execute(
            "SELECT s.username, full_name, role, active, failed_logins, created_at, "
            "coalesce(p.phone, '') AS phone FROM staff s "
            "LEFT JOIN staff_phones p ON p.username = s.username ORDER BY s.username"
        )
        return [dict(r) for r in rows]

    def get(self, username: str) -> dict[str, Any]:
        row = (
            self._service.store.read()
            .execute(
                "SELECT s.username, full_name, role, active, coalesce(p.phone, '') AS phone "
                "FROM staff s LEFT JOIN staff_phones p ON p.username = s.username "
                "WHERE s.username = ?",
                (username.strip().lower(),),
            )
            .fetchone()
        )
        if row is None:
            raise InputError("officer", f"Không có cán bộ '{username}' / unknown staff account")
        return dict(row)

    def set_active(self, username: str, active: bool, *, actor: str) -> None:
        self.require(actor, ADMINISTER)
        self.get(username)
        with self._service.store.write() as conn:
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

    def set_phone(self, username: str, phone: str, *, actor: str) -> None:
        """Set an officer's contact phone (printed on Mẫu 02 as the guiding officer's)."""
        self.get(username)
        phone = clean_staff_phone(phone)
        with self._service.store.write() as conn:
            conn.execute(
                "INSERT INTO staff_phones (username, phone) VALUES (?, ?) "
                "ON CONFLICT(username) DO UPDATE SET phone = excluded.phone",
                (username.strip().lower(), phone),
            )
            audit.append(conn, actor=actor, action="staff.phone", entity=username)

    def set_password(self, username: str, password: str, *, actor: str) -> None:
        self.require(actor, ADMINISTER)
        self.get(username)
        if len(password) < 6:
            raise InputError("password", "Mật khẩu phải có ít nhất 6 ký tự")
        with self._service.store.write() as conn:
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
        limit = self._service.settings.get("max_failed_logins")
        locked_message = "Tài khoản đã bị khóa do đăng nhập sai nhiều lần; liên hệ quản trị viên."
        failure: str | None = None
        with self._service.store.write() as conn:
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
