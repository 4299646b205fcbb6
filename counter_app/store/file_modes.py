"""Who may read what the app writes: the data folder is its user's alone.

The data folder holds names, identity numbers, birth dates and phones of every citizen
of the commune, so on POSIX every folder the app makes is 0700 and every file 0600 —
the database (SQLite gives its -wal/-shm/-journal the database file's mode), backups,
logs, crash reports, support bundles, lock and flag files, exports and saved PDFs.
On Windows the data folder's ACL is limited to the current user, Administrators and
SYSTEM (icacls, run through subprocess; files inherit it).

Every place that creates a file or folder goes through `private_dir` / `create_private`
(or `open_private`, `write_private_bytes`, `write_private_text`) instead of calling chmod
itself; `tighten_tree` brings an existing install (made by an older version, or copied
in) down to these modes when the store opens; `loose_entries` is the doctor's view.
A failed chmod (a FAT-formatted USB drive, a folder owned by someone else) never stops
the app: it is logged, and the doctor names the file.
"""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

log = logging.getLogger(__name__)

DIR_MODE = 0o700
FILE_MODE = 0o600
POSIX = os.name == "posix"


def private_dir(path: Path, *, parents: bool = True) -> Path:
    """Make `path` (and missing parents, each 0700) if needed, then make `path` itself 0700.

    Only folders this call creates and `path` itself are tightened; an existing parent
    (the user's home, /tmp) is left as it is.
    """
    path = Path(path)
    missing: list[Path] = []
    probe = path
    while parents and not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    path.mkdir(mode=DIR_MODE, parents=parents, exist_ok=True)
    for folder in [*missing, path]:
        _chmod(folder, DIR_MODE)
    return path


def create_private(path: Path) -> Path:
    """Make sure `path` exists as a 0600 file before anything writes it.

    Writers that open an existing file for writing ('w', 'wb', 'a', sqlite3.connect,
    zipfile, shutil.copyfile) keep its mode, so nothing is ever readable by others, not
    even for the moment between creating and a later chmod.
    """
    path = Path(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
    try:
        if POSIX:
            try:
                os.fchmod(fd, FILE_MODE)
            except OSError as exc:
                log.warning("cannot restrict %s: %s", path, exc.strerror or exc)
    finally:
        os.close(fd)
    return path


def open_private(path: Path, mode: str = "w", **kwargs: Any) -> IO[Any]:
    """`open(path, mode, …)` for a file that is created (or kept) 0600."""
    if any(flag in mode for flag in "wax+"):
        create_private(path)
    return open(path, mode, **kwargs)  # noqa: SIM115 - the caller closes it


def write_private_bytes(path: Path, data: bytes) -> None:
    create_private(path)
    Path(path).write_bytes(data)


def write_private_text(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    create_private(path)
    Path(path).write_text(text, encoding=encoding)


def restrict(path: Path) -> None:
    """chmod a file 0600 / a folder 0700 (best effort; POSIX only)."""
    path = Path(path)
    _chmod(path, DIR_MODE if path.is_dir() else FILE_MODE)


def _chmod(path: Path, mode: int) -> None:
    if not POSIX:
        return
    try:
        if stat.S_IMODE(path.lstat().st_mode) != mode:
            os.chmod(path, mode)
    except OSError as exc:
        log.warning("cannot restrict %s to %o: %s", path, mode, exc.strerror or exc)


# -- existing installs ------------------------------------------------------------------------
def tighten_tree(*roots: Path) -> int:
    """Make every folder under `roots` 0700 and every file 0600 (POSIX); restrict the ACL of
    each root on Windows. Symbolic links are not followed. Returns how many entries changed."""
    if not POSIX:
        for root in roots:
            if Path(root).is_dir():
                restrict_windows_acl(Path(root))
        return 0
    changed = 0
    for entry in _walk(roots):
        wanted = DIR_MODE if entry.is_dir else FILE_MODE
        if entry.mode != wanted:
            try:
                os.chmod(entry.path, wanted)
                changed += 1
            except OSError as exc:
                log.warning("cannot restrict %s: %s", entry.path, exc.strerror or exc)
    if changed:
        log.info("file modes tightened on %d entries", changed)
    return changed


@dataclass(frozen=True)
class LooseEntry:
    path: Path
    mode: int
    is_dir: bool

    @property
    def wanted(self) -> int:
        return DIR_MODE if self.is_dir else FILE_MODE

    @property
    def fix(self) -> str:
        return f"chmod {self.wanted:o} '{self.path}'"

    def describe(self) -> str:
        kind = "thư mục / folder" if self.is_dir else "tệp / file"
        return f"{self.path} ({kind} {self.mode:04o}, cần {self.wanted:04o}): {self.fix}"


def loose_entries(*roots: Path) -> list[LooseEntry]:
    """Folders not 0700 and files not 0600 under `roots` (POSIX; [] elsewhere)."""
    if not POSIX:
        return []
    return [
        LooseEntry(e.path, e.mode, e.is_dir)
        for e in _walk(roots)
        if e.mode != (DIR_MODE if e.is_dir else FILE_MODE)
    ]


@dataclass(frozen=True)
class _Entry:
    path: Path
    mode: int
    is_dir: bool


def _walk(roots: Iterable[Path]) -> Iterator[_Entry]:
    seen: set[Path] = set()
    for root in roots:
        root = Path(root)
        if root in seen or not root.is_dir():
            continue
        seen.add(root)
        yield from _walk_one(root, seen)


def _walk_one(folder: Path, seen: set[Path]) -> Iterator[_Entry]:
    try:
        info = folder.lstat()
    except OSError:
        return
    yield _Entry(folder, stat.S_IMODE(info.st_mode), True)
    try:
        children = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for child in children:
        path = Path(child.path)
        try:
            if child.is_symlink():
                continue
            if child.is_dir(follow_symlinks=False):
                if path not in seen:
                    seen.add(path)
                    yield from _walk_one(path, seen)
            elif child.is_file(follow_symlinks=False):
                mode = stat.S_IMODE(child.stat(follow_symlinks=False).st_mode)
                yield _Entry(path, mode, False)
        except OSError:
            continue


# -- Windows ----------------------------------------------------------------------------------
ADMINISTRATORS_SID = "*S-1-5-32-544"
SYSTEM_SID = "*S-1-5-18"


def windows_acl_command(folder: Path, user: str) -> list[str]:
    """The icacls call that limits `folder` (inherited by everything in it) to `user`,
    Administrators and SYSTEM, removing the inherited entries (Users, Authenticated Users)."""
    grant = "(OI)(CI)F"
    return [
        "icacls",
        str(folder),
        "/inheritance:r",
        "/grant:r",
        f"{user}:{grant}",
        "/grant:r",
        f"{ADMINISTRATORS_SID}:{grant}",
        "/grant:r",
        f"{SYSTEM_SID}:{grant}",
        "/T",
        "/C",
        "/Q",
    ]


def restrict_windows_acl(folder: Path) -> bool:
    """Windows only (not testable on the Linux CI): run `windows_acl_command`. True when
    icacls succeeded."""
    if sys.platform != "win32":
        return False
    user = os.environ.get("USERNAME", "")
    domain = os.environ.get("USERDOMAIN", "")
    if not user:
        log.warning("cannot restrict %s: USERNAME unknown", folder)
        return False
    account = f"{domain}\\{user}" if domain else user
    try:
        done = subprocess.run(
            windows_acl_command(folder, account),
            capture_output=True,
            text=True,
            timeout=60,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("icacls on %s failed: %s", folder, exc)
        return False
    if done.returncode != 0:
        log.warning("icacls on %s failed (%d): %s", folder, done.returncode, done.stderr.strip())
        return False
    return True
