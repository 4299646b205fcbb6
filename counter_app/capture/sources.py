"""Where pages come from, behind one interface: `acquire()` gives the files of one document.

- `FileList`: paths a person chose (the file chooser, drag-and-drop).
- `WatchFolder`: the folder the office's multifunction printer scans into. A file is taken
  once it is complete (its size unchanged for `settle_seconds` and it ends as its type ends,
  capture/inputs.py `looks_complete`), matched to a dossier (a dossier code in its name, else
  the dossier being received), and moved away after use: to `processed/` once its document
  is saved, to `refused/` when it is not a PDF/JPEG/PNG/TIFF. `watchdog` wakes the folder up
  when files appear (`start`/`stop`); `ready()` also works by itself (a poll).
- Scanners (SANE, Windows): capture/scanners.py.

`source` of each is the value of `attachments.source`: 'file', 'folder' or 'scanner'.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from counter_app.capture import inputs
from counter_app.domain import limits
from counter_app.store import file_modes

PROCESSED, REFUSED = "processed", "refused"
DOSSIER_CODE_RE = re.compile(r"\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}")


@dataclass(frozen=True)
class CapturedFile:
    name: str
    data: bytes
    path: Path | None = None  # where it lies (the watch folder moves it after use)


class CaptureSource(Protocol):
    source: str

    def acquire(self) -> list[CapturedFile]:
        """The files of one document, in page order (InputError / ScannerUnavailable)."""
        ...


class FileList:
    source = "file"

    def __init__(self, paths: Sequence[Path | str]) -> None:
        self.paths = [Path(p) for p in paths]

    def acquire(self) -> list[CapturedFile]:
        return [CapturedFile(p.name, read_limited(p), p) for p in self.paths]


def read_limited(path: Path) -> bytes:
    """A file's bytes, its size checked before it is read (InputError naming it)."""
    try:
        size = path.stat().st_size
        if size > limits.ATTACHMENT_BYTES_MAX:
            raise inputs.refuse(path.name, inputs.too_big_text(size))
        return path.read_bytes()
    except OSError as exc:
        raise inputs.refuse(
            path.name, f"không đọc được ({exc.strerror or exc}) / cannot be read"
        ) from None


@dataclass
class _Seen:
    size: int
    mtime: float
    since: float


class WatchFolder:
    """The scan folder of the multifunction printer. `receiving` is the code of the dossier
    being received at this counter (files whose name carries no dossier code go to it)."""

    source = "folder"

    def __init__(
        self,
        folder: Path | str,
        *,
        settle_seconds: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.folder = Path(folder)
        self.settle_seconds = settle_seconds
        self.receiving = ""
        self._clock = clock
        self._seen: dict[Path, _Seen] = {}
        self._observer = None
        self.changed = threading.Event()  # set by watchdog when something moved in the folder

    # -- watching -----------------------------------------------------------------------------
    def start(self, on_change: Callable[[], None] | None = None) -> None:
        """Watch the folder with watchdog (inotify, ReadDirectoryChangesW, FSEvents)."""
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        watch = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: object) -> None:
                watch.changed.set()
                if on_change is not None:
                    on_change()

        if not self.folder.is_dir():
            raise FileNotFoundError(f"Không có thư mục quét {self.folder} / no scan folder")
        observer = Observer()
        observer.schedule(Handler(), str(self.folder), recursive=False)
        observer.daemon = True
        observer.start()
        self._observer = observer

    def stop(self) -> None:
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
            self._observer = None

    # -- files ------------------------------------------------------------------------------
    def ready(self) -> list[Path]:
        """Files in the folder that are complete (settled, whole), oldest first."""
        now = self._clock()
        present: dict[Path, os.stat_result] = {}
        for entry in sorted(self.folder.iterdir()) if self.folder.is_dir() else []:
            if entry.name.startswith(".") or not entry.is_file():
                continue
            try:
                present[entry] = entry.stat()
            except OSError:
                continue
        self._seen = {p: s for p, s in self._seen.items() if p in present}
        done: list[tuple[float, Path]] = []
        for path, info in present.items():
            seen = self._seen.get(path)
            if seen is None or (seen.size, seen.mtime) != (info.st_size, info.st_mtime):
                self._seen[path] = _Seen(info.st_size, info.st_mtime, now)
                continue
            if now - seen.since < self.settle_seconds or not info.st_size:
                continue
            if info.st_size > limits.ATTACHMENT_BYTES_MAX or self._complete(path):
                done.append((info.st_mtime, path))
        return [p for _, p in sorted(done)]

    @staticmethod
    def _complete(path: Path) -> bool:
        try:
            with open(path, "rb") as handle:
                head = handle.read(inputs.PDF_HEADER_WINDOW)
                handle.seek(max(0, path.stat().st_size - 1024))
                tail = handle.read()
        except OSError:
            return False
        if inputs.sniff(head) is None:
            return True  # not a type we take: refused at once rather than waited for
        return inputs.looks_complete(head if len(head) >= path.stat().st_size else head + tail)

    def dossier_for(self, path: Path) -> str:
        """The dossier a scanned file belongs to: a code in its name, else the one being
        received ('' when neither)."""
        found = DOSSIER_CODE_RE.search(path.name)
        return found.group(0) if found else self.receiving

    def acquire(self, dossier_code: str = "") -> list[CapturedFile]:
        """The ready files of `dossier_code` (default: the dossier being received)."""
        wanted = dossier_code or self.receiving
        return [
            CapturedFile(p.name, read_limited(p), p)
            for p in self.ready()
            if self.dossier_for(p) == wanted and wanted
        ]

    def done_with(self, files: Sequence[CapturedFile], *, refused: bool = False) -> list[Path]:
        """Move used files out of the scan folder (processed/ or refused/); a name already
        there gets a number. Returns where they went."""
        target = file_modes.private_dir(self.folder / (REFUSED if refused else PROCESSED))
        moved = []
        for captured in files:
            if captured.path is None or not captured.path.exists():
                continue
            destination = target / captured.path.name
            number = 2
            while destination.exists():
                destination = target / f"{captured.path.stem}-{number}{captured.path.suffix}"
                number += 1
            shutil.move(str(captured.path), destination)
            self._seen.pop(captured.path, None)
            moved.append(destination)
        return moved
