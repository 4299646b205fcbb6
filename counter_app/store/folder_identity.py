"""A data folder remembers that it has held data, so a lost database is never recreated.

Beside `counter.db` the folder keeps `counter.identity.json`: the database's id (stored in
the database too, table `store_identity`), the unit code and the counter number. With the
marker or backups present, a missing, empty or different database refuses to open with the
restore instruction instead of starting empty and reissuing dossier codes (issue 10, item 4).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from counter_app.store import driver as sqlite3
from counter_app.store import file_modes, paths

MARKER_NAME = "counter.identity.json"


class DatabaseLost(RuntimeError):
    """The folder held data, but its database is missing, empty or another database."""


def marker_path(folder: Path) -> Path:
    return Path(folder) / MARKER_NAME


def read_marker(folder: Path) -> dict[str, Any] | None:
    try:
        value = json.loads(marker_path(folder).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {}  # unreadable: the folder still held data
    return value if isinstance(value, dict) else {}


def write_marker(
    folder: Path, database_id: str | None, unit_code: str | None, counter: int | None
) -> None:
    """Write the marker atomically (a temporary file renamed into place)."""
    value = {"database_id": database_id, "unit_code": unit_code, "counter": counter}
    target = marker_path(folder)
    if read_marker(folder) == value:
        return
    temporary = target.with_suffix(".tmp")
    file_modes.write_private_text(temporary, json.dumps(value, ensure_ascii=False, indent=1))
    with open(temporary, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, target)


def database_id(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT database_id FROM store_identity WHERE id = 1").fetchone()
    except sqlite3.OperationalError:
        return None  # a schema from before the identity table
    return row[0] if row else None


def holder(conn: sqlite3.Connection) -> tuple[str | None, int | None]:
    """The unit code and counter a database is set up for (None when not set up)."""
    values: dict[str, Any] = {}
    try:
        rows = conn.execute(
            "SELECT key, value FROM settings WHERE key IN ('unit_code', 'counter')"
        ).fetchall()
    except sqlite3.OperationalError:
        return None, None
    for key, raw in rows:
        try:
            values[key] = json.loads(raw)
        except (TypeError, ValueError):
            values[key] = raw
    unit = values.get("unit_code") or None
    try:
        counter = int(values["counter"]) if values.get("counter") not in (None, "") else None
    except (TypeError, ValueError):
        counter = None
    return (str(unit) if unit else None), counter


def record(folder: Path, conn: sqlite3.Connection) -> None:
    """After a successful open: remember the database id, unit and counter."""
    write_marker(folder, database_id(conn), *holder(conn))


def backups_present(folder: Path) -> list[Path]:
    return sorted(paths.backups_dir(folder).glob("counter-*.db"))


def check_before_open(folder: Path, db_file: Path, keys: Sequence[bytes] = ()) -> None:
    """Refuse (DatabaseLost) to open a missing, empty or replaced database of a folder that
    has held data; a brand-new folder (no marker, no backups) opens and is created.
    `keys`: the folder's database keys (an encrypted file none of them opens is the
    store's own error to report)."""
    marker = read_marker(folder)
    found_backups = backups_present(folder)
    problem = _database_problem(db_file, marker, keys)
    if problem is None:
        return
    if problem not in ("foreign", "other_key") and marker is None and not found_backups:
        return  # a new folder: the database is created
    raise DatabaseLost(lost_message(folder, problem, found_backups))


def _database_problem(
    db_file: Path, marker: dict[str, Any] | None, keys: Sequence[bytes]
) -> str | None:
    if not db_file.exists():
        return "missing"
    if db_file.stat().st_size == 0:
        return "empty"
    try:
        conn = sqlite3.open_file(db_file, keys)
    except sqlite3.EncryptionKeyError:
        # the folder's key does not open it: another folder's database (or page 1 is damaged);
        # without any key, the store says which key it needs
        return "other_key" if keys and marker is not None else None
    except sqlite3.Error:
        return None  # unreadable: the store's own error (damage) says so
    try:
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables == 0:
            return "empty"
        expected = (marker or {}).get("database_id")
        if expected and database_id(conn) != expected:
            return "foreign"
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()
    return None


_PROBLEM_TEXT = {
    "missing": "không còn tệp counter.db / the database file is missing",
    "empty": "tệp counter.db rỗng / the database is empty",
    "foreign": "counter.db là cơ sở dữ liệu khác với cơ sở dữ liệu của thư mục này / "
    "the database was replaced by another one",
    "other_key": "counter.db được mã hóa bằng khóa khác với khóa của thư mục này (cơ sở dữ "
    "liệu khác, hoặc tệp bị hỏng) / the database is encrypted with another key (another "
    "database, or damage)",
}


def lost_message(folder: Path, problem: str, found_backups: list[Path]) -> str:
    lines = [
        f"Thư mục dữ liệu {folder} đã có dữ liệu nhưng {_PROBLEM_TEXT[problem]}.",
        "Ứng dụng không tạo cơ sở dữ liệu mới, để không cấp lại mã hồ sơ đã cấp. / "
        "The app will not start an empty database (codes would be issued twice).",
    ]
    if found_backups:
        lines.append(
            f"Hãy khôi phục bản sao lưu ({len(found_backups)} bản trong "
            f"{paths.backups_dir(folder)}, mới nhất {found_backups[-1].name}): "
            f"counter-app restore {found_backups[-1]} / restore a backup."
        )
    else:
        lines.append(
            "Hãy khôi phục bản sao lưu từ thư mục thứ hai/USB: counter-app restore FILE. Nếu "
            f"không còn bản nào, chuyển tệp {marker_path(folder)} ra chỗ khác rồi chạy "
            "counter-app setup (mã hồ sơ được nâng theo Cổng DVC) / restore a backup."
        )
    return "\n".join(lines)
