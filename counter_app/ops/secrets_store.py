"""Secrets of a data folder: the portal password and named secrets (the database key, …),
in the OS keyring, or in a private file when there is no keyring.

The password never goes into the settings table (settings are audited and copied into
backups). It is kept by the `keyring` package under the service name ``counter-app``
and the portal user name (the data folder is part of the key, so two data folders, e.g.
a real one and the training one, never overwrite each other's password).

Fallback: on machines where keyring has no usable backend (a headless Linux box
without Secret Service, a minimal Windows image with the credential store disabled,
or when ``COUNTER_APP_SECRETS=file``), the password is written to
``<data folder>/portal-secret.json``, created with owner-only permissions (0600 on
POSIX; on Windows the data folder's ACL applies). This file is NOT encrypted: anyone
who can read the data folder can read the password, exactly as they could read the
dossiers. Technicians should prefer a machine with a working keyring; `backend_name()`
tells which store is in use (shown in the settings dialog).

Named secrets (`get_secret` / `set_secret`, name -> value): the database key
(counter_app.store.db_key) and other per-install secrets live beside it under the same
rules: keyring service ``counter-app-secret``, account ``<name>@<data folder>``; fallback
file ``<data folder>/counter-secrets.json`` (0600), never copied into backups or bundles.
With the file fallback, a copy of the whole data folder carries its key: the keyring is the
protection, the file is for machines without one (and for tests).

Qt-free: the sync engine reads the password with `get_portal_password` on its own thread.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from pathlib import Path

from counter_app.store import file_modes

KEYRING_SERVICE = "counter-app"
SECRETS_ENV = "COUNTER_APP_SECRETS"  # "file" forces the file store (tests, training, portable)
SECRET_FILE = "portal-secret.json"
NAMED_SECRETS_SERVICE = "counter-app-secret"
NAMED_SECRETS_FILE = "counter-secrets.json"
SECRET_FILES = (SECRET_FILE, NAMED_SECRETS_FILE)  # never in a backup, a bundle, a report

_file_mutex = threading.Lock()


def _keyring_usable() -> bool:
    if os.environ.get(SECRETS_ENV, "").strip().lower() == "file":
        return False
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring install means "no keyring"
        return False
    if isinstance(backend, fail.Keyring):
        return False
    priority = getattr(backend, "priority", 1)
    try:
        return float(priority) > 0
    except (TypeError, ValueError):
        return True


def _account(data_dir: Path, user: str) -> str:
    return f"{user}@{Path(data_dir).resolve()}"


def backend_name(*, prefer_file: bool = False) -> str:
    """'keyring' or 'file': where passwords are stored on this machine."""
    return "keyring" if not prefer_file and _keyring_usable() else "file"


def _file_path(data_dir: Path, file_name: str = SECRET_FILE) -> Path:
    return Path(data_dir) / file_name


def _read_file(data_dir: Path, file_name: str = SECRET_FILE) -> dict[str, str]:
    try:
        data = json.loads(_file_path(data_dir, file_name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _write_file(data_dir: Path, data: dict[str, str], file_name: str = SECRET_FILE) -> None:
    path = _file_path(data_dir, file_name)
    file_modes.private_dir(path.parent)
    temporary = path.with_suffix(".tmp")
    file_modes.create_private(temporary)  # 0600 even when a stale .tmp was left looser
    fd = os.open(temporary, os.O_WRONLY | os.O_TRUNC)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def get_portal_password(data_dir: Path, user: str, *, prefer_file: bool = False) -> str:
    """The stored password for `user` ("" when none is stored)."""
    if not user:
        return ""
    if not prefer_file and _keyring_usable():
        import keyring

        try:
            value = keyring.get_password(KEYRING_SERVICE, _account(data_dir, user))
        except Exception:  # noqa: BLE001 - a locked/broken keyring: fall back to the file
            value = None
        if value is not None:
            return value
    with _file_mutex:
        return _read_file(data_dir).get(user, "")


def set_portal_password(
    data_dir: Path, user: str, password: str, *, prefer_file: bool = False
) -> str:
    """Store (or, with an empty password, forget) the password; returns the store used."""
    if not user:
        raise ValueError("portal user is empty")
    if not prefer_file and _keyring_usable():
        import keyring

        try:
            account = _account(data_dir, user)
            if password:
                keyring.set_password(KEYRING_SERVICE, account, password)
            else:
                try:
                    keyring.delete_password(KEYRING_SERVICE, account)
                except keyring.errors.PasswordDeleteError:
                    pass
            _forget_in_file(data_dir, user)  # never keep a stale copy beside the keyring
            return "keyring"
        except Exception:  # noqa: BLE001 - keyring refused (locked, no D-Bus): use the file
            pass
    with _file_mutex:
        data = _read_file(data_dir)
        if password:
            data[user] = password
        else:
            data.pop(user, None)
        _write_file(data_dir, data)
    return "file"


def _forget_in_file(data_dir: Path, user: str) -> None:
    with _file_mutex:
        data = _read_file(data_dir)
        if user in data:
            data.pop(user)
            _write_file(data_dir, data)


# -- named secrets ----------------------------------------------------------------------------
def get_secret(data_dir: Path, name: str, *, prefer_file: bool = False) -> str:
    """The secret `name` of the data folder ("" when none is stored)."""
    if not name:
        raise ValueError("secret name is empty")
    if not prefer_file and _keyring_usable():
        import keyring

        try:
            value = keyring.get_password(NAMED_SECRETS_SERVICE, _account(data_dir, name))
        except Exception:  # noqa: BLE001 - a locked/broken keyring: fall back to the file
            value = None
        if value is not None:
            return value
    with _file_mutex:
        return _read_file(data_dir, NAMED_SECRETS_FILE).get(name, "")


def set_secret(data_dir: Path, name: str, value: str, *, prefer_file: bool = False) -> str:
    """Store (or, with an empty value, forget) the secret `name`; returns the store used."""
    if not name:
        raise ValueError("secret name is empty")
    if not prefer_file and _keyring_usable():
        import keyring

        try:
            account = _account(data_dir, name)
            if value:
                keyring.set_password(NAMED_SECRETS_SERVICE, account, value)
            else:
                try:
                    keyring.delete_password(NAMED_SECRETS_SERVICE, account)
                except keyring.errors.PasswordDeleteError:
                    pass
            _forget_secret_in_file(data_dir, name)
            return "keyring"
        except Exception:  # noqa: BLE001 - keyring refused (locked, no D-Bus): use the file
            pass
    with _file_mutex:
        data = _read_file(data_dir, NAMED_SECRETS_FILE)
        if value:
            data[name] = value
        else:
            data.pop(name, None)
        _write_file(data_dir, data, NAMED_SECRETS_FILE)
    return "file"


def _forget_secret_in_file(data_dir: Path, name: str) -> None:
    with _file_mutex:
        data = _read_file(data_dir, NAMED_SECRETS_FILE)
        if name in data:
            data.pop(name)
            _write_file(data_dir, data, NAMED_SECRETS_FILE)


def get_or_create_secret(data_dir: Path, name: str, create: Callable[[], str] | None = None) -> str:
    """A named secret of the data folder (e.g. the audit chain's key, kept beside the
    database key); with `create`, made and stored when missing. '' when missing and not
    created."""
    value = get_secret(data_dir, name)
    if value or create is None:
        return value
    value = create()
    set_secret(data_dir, name, value)
    return value
