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
from counter_app.store import driver as sqlite3

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


# scrypt at OWASP's recommended cost: N=2^17, r=8, p=1 (128 MiB and ~0.3 s per hash).
# Hashes stored at a lower cost (the old N=2^14) are re-hashed at the next good sign-in.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
SCRYPT_MAX_N = 2**20  # a stored hash asking for more is refused, not computed
PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 1024
_cost = {"n": SCRYPT_N}  # lowered only by lower_hash_cost_for_tests(); nothing else writes it
_dummy_hashes: dict[int, str] = {}


def lower_hash_cost_for_tests(n: int) -> None:
    """Hash new passwords at cost `n` in this process: called by tests/conftest.py only.

    A function call, not an environment variable or a setting, so that an installed app
    can never pick it up; hashes it writes are re-hashed at SCRYPT_N by a production
    sign-in (the stored hash carries its own cost)."""
    _cost["n"] = n


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        dklen=dklen,
        maxmem=128 * r * (n + p + 2) + 1024 * 1024,  # 128·N·r bytes plus slack
    )


def hash_password(password: str, *, salt: bytes | None = None, n: int | None = None) -> str:
    """`scrypt$N$r$p$salt$digest` at the current cost (or `n`, for tests of old hashes)."""
    n = n or _cost["n"]
    salt = salt or secrets.token_bytes(16)
    digest = _scrypt(password, salt, n, SCRYPT_R, SCRYPT_P, 32)
    return f"scrypt${n}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def _parse_hash(stored: str) -> tuple[int, int, int, bytes, str] | None:
    try:
        kind, n, r, p, salt_hex, digest_hex = stored.split("$")
        parsed = (int(n), int(r), int(p), bytes.fromhex(salt_hex), digest_hex)
    except (ValueError, TypeError, AttributeError):
        return None
    if kind != "scrypt" or not 2 <= parsed[0] <= SCRYPT_MAX_N or not 1 <= parsed[1] <= 32:
        return None
    if not 1 <= parsed[2] <= 16 or not 16 <= len(digest_hex) <= 128:
        return None
    return parsed


def check_password(password: str, stored: str) -> bool:
    parsed = _parse_hash(stored)
    if parsed is None:
        return False
    n, r, p, salt, digest_hex = parsed
    try:
        digest = _scrypt(password, salt, n, r, p, len(digest_hex) // 2)
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


def needs_rehash(stored: str) -> bool:
    """Is `stored` weaker than what hash_password writes now (an old N=2^14 hash)?"""
    parsed = _parse_hash(stored)
    return parsed is None or parsed[0] < _cost["n"] or parsed[1] < SCRYPT_R


def _dummy_hash() -> str:
    """A hash at the current cost, checked for unknown users: same time as a wrong password."""
    n = _cost["n"]
    if n not in _dummy_hashes:
        _dummy_hashes[n] = hash_password(secrets.token_hex(16))
    return _dummy_hashes[n]


def check_password_rule(password: str, username: str = "") -> None:
    """A new password: at least 10 characters (a passphrase of a few words counts its
    spaces: "hoa sen trắng 2026"), not the user name; InputError otherwise."""
    text = nfc(password)
    if len(text) < PASSWORD_MIN_LENGTH:
        raise InputError(
            "password",
            f"Mật khẩu phải có ít nhất {PASSWORD_MIN_LENGTH} ký tự (có thể là một cụm từ, "
            f"vd 'hoa sen trắng 2026') / at least {PASSWORD_MIN_LENGTH} characters",
        )
    if len(text) > PASSWORD_MAX_LENGTH:
        raise InputError("password", f"Mật khẩu dài quá {PASSWORD_MAX_LENGTH} ký tự / too long")
    if username and text.strip().lower() == username.strip().lower():
        raise InputError("password", "Mật khẩu không được trùng tên đăng nhập / not the user name")


SIGN_IN_FAILED = "Sai tên đăng nhập hoặc mật khẩu / wrong user name or password"
ACCOUNT_LOCKED = "Tài khoản đã bị khóa; liên hệ quản trị viên. / the account is locked or disabled"


def check_sign_in_read_only(
    conn: sqlite3.Connection, username: str, password: str, permission: str
) -> str:
    """Sign in against a database that cannot be written (the backup a restore brings back,
    when the counter's own database is lost or damaged): the same checks and messages as
    StaffManager.authenticate and require, but no failure count. Returns the username."""
    username = username.strip().lower()
    row = conn.execute(
        "SELECT username, role, active, password_hash FROM staff WHERE username = ?", (username,)
    ).fetchone()
    good = check_password(password, row["password_hash"] if row else _dummy_hash())
    if row is None or not good:
        raise AuthError(SIGN_IN_FAILED)
    if not row["active"]:
        raise AuthError(ACCOUNT_LOCKED)
    if not allows(row["role"], permission):
        raise AuthError(
            f"Tài khoản {username} ({ROLE_LABELS.get(row['role'], row['role'])}) không có quyền "
            "này; liên hệ quản trị viên. / the role may not do this"
        )
    return str(row["username"])


class StaffManager:
    def __init__(self, service: CounterService) -> None:
        self._service = service

    def require(self, actor: str, permission: str) -> None:
        """Refuse (AuthError) when `actor` is a staff account whose role lacks `permission`,
        or that is disabled or locked: such an account can do nothing.

        Actors that are not accounts ("setup", "system", "training"…) are code of the app
        itself (first run, migrations, training); the CLI and the GUI always pass the
        signed-in username.
        """
        row = (
            self._service.store.read()
            .execute("SELECT role, active FROM staff WHERE username = ?", (actor.strip().lower(),))
            .fetchone()
        )
        if row is None:
            return
        if not row["active"]:
            raise AuthError(f"Tài khoản {actor}: {ACCOUNT_LOCKED}")
        if not allows(row["role"], permission):
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
        training: bool = False,
    ) -> None:
        """Add an account. `training`: the practice folder's demo account, whose published
        password (demo123) is exempt from the password rule; nothing else passes it."""
        self.require(actor, ADMINISTER)
        self._insert(
            username, full_name, password, role=role, actor=actor, phone=phone, training=training
        )

    def add_first_admin(
        self, username: str, full_name: str, password: str, *, actor: str = "setup"
    ) -> None:
        """The first admin of a new counter (setup, first run): only while no staff exists."""
        with self._service.store.write():
            if self._service.store.read().execute("SELECT 1 FROM staff LIMIT 1").fetchone():
                raise AuthError(
                    "Đã có tài khoản cán bộ: quản trị viên đầu tiên chỉ được tạo khi chưa có ai; "
                    "hãy đăng nhập bằng tài khoản quản trị (--user) / staff accounts exist "
                    "already: sign in as an admin"
                )
            self._insert(username, full_name, password, role="admin", actor=actor, phone="")

    def _insert(
        self,
        username: str,
        full_name: str,
        password: str,
        *,
        role: str,
        actor: str,
        phone: str,
        training: bool = False,
    ) -> None:
        username = username.strip().lower()
        if not username or not all(ch.isalnum() or ch in "._-" for ch in username):
            raise InputError("username", "Tên đăng nhập chỉ gồm chữ, số và . _ -")
        if not nfc(full_name):
            raise InputError("full_name", "Họ tên cán bộ không được để trống")
        if role not in ROLES:
            raise InputError("role", f"Vai trò phải là một trong: {', '.join(ROLES)}")
        if not training:
            check_password_rule(password, username)
        phone = clean_staff_phone(phone)
        password_hash = hash_password(password)
        with self._service.store.write() as conn:
            if conn.execute("SELECT 1 FROM staff WHERE username = ?", (username,)).fetchone():
                raise InputError("username", f"Tên đăng nhập '{username}' đã tồn tại")
            conn.execute(
                "INSERT INTO staff (username, full_name, role, password_hash, active, "
                "failed_logins, created_at) VALUES (?, ?, ?, ?, 1, 0, ?)",
                (username, nfc(full_name), role, password_hash, now_text()),
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
        """Set an officer's contact phone (printed on Mẫu 02 as the guiding officer's):
        an admin, or the officer for their own account."""
        if actor.strip().lower() != username.strip().lower():
            self.require(actor, ADMINISTER)
        else:
            self.require(actor, READ)
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
        check_password_rule(password, username)
        password_hash = hash_password(password)
        with self._service.store.write() as conn:
            conn.execute(
                "UPDATE staff SET password_hash = ?, failed_logins = 0 WHERE username = ?",
                (password_hash, username.strip().lower()),
            )
            audit.append(conn, actor=actor, action="staff.password", entity=username)

    def authenticate(self, username: str, password: str) -> dict[str, Any]:
        """Check a sign-in; too many failures disable the account until an admin resets it.

        An unknown user, a wrong password and a disabled account get the same message and
        the same work (a dummy hash is checked for unknown users); only someone who gives
        the right password of a locked or disabled account is told it is locked. A hash of
        an older, lower cost is re-hashed at the current cost. Failures are committed (and
        audited) before the error is raised. On a read-only store (a read command beside
        the running app) the record goes through the store's sign-in writer.
        """
        username = username.strip().lower()
        store = self._service.store
        if store.readonly and (store.damaged or not audit.has_trail(store.read())):
            # a read command on a folder that stopped writing (audit verify, show), or whose
            # audit trail was dropped (audit verify reports it): the same checks, nothing
            # recorded — the folder takes no writes until a restore
            account = self.get(check_sign_in_read_only(store.read(), username, password, READ))
            return {k: account[k] for k in ("username", "full_name", "role")}
        limit = self._service.settings.get("max_failed_logins")
        # the hash (~0.3 s) is checked before the write transaction, not inside it
        row = store.read().execute("SELECT * FROM staff WHERE username = ?", (username,)).fetchone()
        checked = row["password_hash"] if row else _dummy_hash()
        good = check_password(password, checked)
        new_hash = hash_password(password) if good and needs_rehash(checked) else None
        failure: str | None = None
        with store.sign_in_record() if store.readonly else store.write() as conn:
            row = conn.execute("SELECT * FROM staff WHERE username = ?", (username,)).fetchone()
            if row is not None and row["password_hash"] != checked:  # changed meanwhile
                good = check_password(password, row["password_hash"])
                new_hash = None
            if row is None or not row["active"]:
                audit.append(conn, actor=username, action="signin.refused", entity=username)
                failure = ACCOUNT_LOCKED if row is not None and good else SIGN_IN_FAILED
            elif not good:
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
                failure = SIGN_IN_FAILED
            else:
                conn.execute("UPDATE staff SET failed_logins = 0 WHERE username = ?", (username,))
                if new_hash is not None:
                    conn.execute(
                        "UPDATE staff SET password_hash = ? WHERE username = ?",
                        (new_hash, username),
                    )
                audit.append(
                    conn,
                    actor=username,
                    action="signin",
                    entity=username,
                    detail={"rehashed": True} if new_hash is not None else None,
                )
        if failure:
            raise AuthError(failure)
        return {"username": row["username"], "full_name": row["full_name"], "role": row["role"]}
