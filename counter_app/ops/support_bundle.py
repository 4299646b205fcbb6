"""The support bundle: a zip of the doctor's report, the logs, the settings without
secrets and the list of backups. It never includes the database or the password store.

Every text in it is redacted again (`redaction.redact`) as it is zipped: logs and crash.log
written by older versions (or by a handler without the redacting formatter) may hold ID
numbers, phones or passwords. The zip itself is 0600.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path
from typing import Any

from counter_app.ops.backups import list_backups
from counter_app.ops.db_files import folder_keys, open_readonly, read_settings
from counter_app.ops.doctor import DoctorReport
from counter_app.ops.health_checks import size_text
from counter_app.ops.redaction import redact
from counter_app.store import driver as sqlite3
from counter_app.store import file_modes, paths

SECRET_WORDS = ("password", "secret", "token", "key")


def redacted_settings(folder: Path) -> dict[str, Any]:
    """The settings table without anything secret-looking (the password is not in it anyway)."""
    db_file = paths.db_path(Path(folder))
    if not db_file.exists():
        return {}
    try:
        conn = open_readonly(db_file, folder_keys(Path(folder)))
    except sqlite3.DatabaseError as exc:
        return {"_error": str(exc)}
    try:
        values = read_settings(conn)
    finally:
        conn.close()
    return {
        key: ("***" if any(word in key.lower() for word in SECRET_WORDS) else value)
        for key, value in values.items()
    }


def write_bundle(report: DoctorReport, target: Path) -> Path:
    """A zip for support: doctor report, logs, settings without secrets, backup list."""
    from counter_app.ops import secrets_store

    target = Path(target)
    if target.suffix.lower() != ".zip":
        target = target.with_suffix(".zip")
    target.parent.mkdir(parents=True, exist_ok=True)
    file_modes.create_private(target)
    folder = report.folder
    env_vars = {
        k: ("***" if any(w in k.lower() for w in SECRET_WORDS) else v)
        for k, v in os.environ.items()
        if k.startswith(("COUNTER_APP_", "QT_"))
    }
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("doctor.txt", redact(report.to_text()))
        bundle.writestr(
            "doctor.json",
            redact(json.dumps(report.to_dict(), ensure_ascii=False, indent=2, default=str)),
        )
        settings = redacted_settings(folder)
        settings["_secret_store"] = secrets_store.backend_name()
        bundle.writestr(
            "settings.json", json.dumps(settings, ensure_ascii=False, indent=2, default=str)
        )
        bundle.writestr(
            "environment.json",
            json.dumps(
                {**report.environment, "env": env_vars}, ensure_ascii=False, indent=2, default=str
            ),
        )
        listing = [
            f"{b.path.name}\t{file_size_text(b.path)}"
            for b in list_backups(paths.backups_dir(folder))
        ]
        bundle.writestr("backups.txt", "\n".join(listing) + "\n")
        logs = paths.logs_dir(folder)
        if logs.is_dir():
            for path in sorted(logs.iterdir()):
                if path.is_file():
                    bundle.writestr(f"logs/{path.name}", redacted_file_text(path))
    return target


def redacted_file_text(path: Path) -> str:
    """A log file's text with personal data masked (undecodable bytes replaced, not lost)."""
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        return f"[không đọc được / unreadable: {exc.strerror or exc}]\n"
    return redact(text)


def file_size_text(path: Path) -> str:
    try:
        return size_text(path.stat().st_size)
    except OSError:
        return "?"
