"""Rotating log files in the platform log folder (see `paths.logs_dir`).

Rules for everything that logs (DESIGN §11, issue "Install and operate"):
- INFO and above never carry personal data (applicant names, ID numbers, phones, addresses)
  or secrets (passwords, tokens). Log dossier codes, counts, durations and error classes.
- DEBUG may carry more detail for a technician; it is off unless $COUNTER_APP_LOG_LEVEL=DEBUG.
As a safety net every record written (message, traceback and stack text alike) goes through
`redaction.redact`: ID numbers, phone numbers, `password=`/`token=` values and the values of
known personal fields are masked. Log files are 0600 in a 0700 folder (`file_modes`).

`setup_logging(folder)` is idempotent: calling it again (another data folder, a test) replaces
the app's handlers instead of adding more. `shutdown_logging()` closes them.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TextIO

from counter_app.ops.redaction import redact
from counter_app.store import file_modes, paths

LOG_FILE = "counter-app.log"
LOG_LEVEL_ENV = "COUNTER_APP_LOG_LEVEL"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 9  # counter-app.log + .1 … .9: at most ~10 MB of logs
FORMAT = "%(asctime)s %(levelname)-7s %(process)d %(threadName)s %(name)s: %(message)s"

_MARK = "_counter_app_handler"


class RedactingFilter(logging.Filter):
    """Masks personal data and secrets in the message (for handlers that format it as is)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string must not lose the record
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg = cleaned
            record.args = None
        return True


class RedactingFormatter(logging.Formatter):
    """Masks the whole formatted record: the message and the traceback (exc_info) and stack
    text, where exception messages and reprs carry what the message filter never sees."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class PrivateRotatingFileHandler(logging.FileHandler):
    """A log that rotates at `max_bytes` into `.1` … `.<backup_count>`, its files created
    0600 (rotation renames them, keeping the mode).

    The same rule as `logging.handlers.RotatingFileHandler`, on the plain `FileHandler`:
    that module imports socket and pickle for its network handlers, ~6 ms of the GUI's
    start-up (issue 15), for a rollover this handler does in a few lines.
    """

    def __init__(self, filename: Path, *, max_bytes: int, backup_count: int) -> None:
        super().__init__(filename, encoding="utf-8", delay=True)
        self.max_bytes, self.backup_count = max_bytes, backup_count

    def _open(self) -> TextIO:
        file_modes.create_private(Path(self.baseFilename))
        return super()._open()

    def emit(self, record: logging.LogRecord) -> None:
        """Format (and redact) the record once, roll over when it would pass `max_bytes`,
        write it (logging.handlers formats twice: once to measure, once to write)."""
        try:
            line = self.format(record) + self.terminator
            if self.stream is None:
                self.stream = self._open()
            if self.stream.tell() + len(line) >= self.max_bytes and os.path.isfile(
                self.baseFilename  # /dev/null or a pipe: never rotated
            ):
                self._roll_over()
            self.stream.write(line)
            self.flush()
        except RecursionError:  # logging's own rule: see StreamHandler.emit
            raise
        except Exception:  # noqa: BLE001 - logging's own rule: report, never raise
            self.handleError(record)

    def _roll_over(self) -> None:
        """Rename the files one step down and start a new one. When a rename fails (on
        Windows, while another process of this data folder, e.g. a `counter-app` command
        beside the GUI, has the log open), the record still goes to the current file; the
        next record tries again."""
        self.stream.close()
        self.stream = None  # type: ignore[assignment]
        base = self.baseFilename
        try:
            for number in range(self.backup_count - 1, 0, -1):
                older = f"{base}.{number}"
                if os.path.exists(older):
                    os.replace(older, f"{base}.{number + 1}")
            if self.backup_count > 0:
                os.replace(base, f"{base}.1")
            else:
                os.remove(base)
        except OSError:
            pass  # not rotated this time: the record goes to the current file
        self.stream = self._open()


def log_level() -> int:
    name = os.environ.get(LOG_LEVEL_ENV, "INFO").strip().upper()
    level = logging.getLevelName(name)
    return level if isinstance(level, int) else logging.INFO


def setup_logging(folder: Path, *, console: bool | None = None) -> Path | None:
    """Log to `<logs_dir(folder)>/counter-app.log` (rotating); returns the file or None.

    `console`: also print WARNING and above to stderr (default: when stderr exists, which
    it does not in the windowed Windows build). Never raises: without a writable log folder
    the app runs on with console logging only.
    """
    shutdown_logging()
    root = logging.getLogger()
    level = log_level()
    root.setLevel(min(level, root.level) if root.level != logging.NOTSET else level)
    formatter = RedactingFormatter(FORMAT)
    log_file: Path | None = None
    try:
        directory = paths.logs_dir(Path(folder))
        file_modes.private_dir(directory)
        log_file = directory / LOG_FILE
        handler: logging.Handler = PrivateRotatingFileHandler(
            log_file, max_bytes=MAX_BYTES, backup_count=BACKUP_COUNT
        )
        handler.setLevel(level)
        handler.setFormatter(formatter)
        handler.addFilter(RedactingFilter())
        setattr(handler, _MARK, True)
        root.addHandler(handler)
    except OSError:
        log_file = None
    if console is None:
        console = sys.stderr is not None
    if console and sys.stderr is not None:
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(logging.WARNING)
        stream.setFormatter(RedactingFormatter("%(levelname)s %(name)s: %(message)s"))
        stream.addFilter(RedactingFilter())
        setattr(stream, _MARK, True)
        root.addHandler(stream)
    if log_file is not None:
        from counter_app import __version__

        logging.getLogger("counter_app").info(
            "counter-app %s (%s, Python %s) started",
            __version__,
            "bundle" if getattr(sys, "frozen", False) else "source",
            sys.version.split()[0],
        )
    # Third-party chatter that could echo URLs or headers stays out of INFO.
    for name in ("urllib3", "requests", "keyring", "PIL", "fontTools"):
        logging.getLogger(name).setLevel(max(level, logging.WARNING))
    return log_file


def shutdown_logging() -> None:
    """Remove and close the handlers `setup_logging` installed."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _MARK, False):
            root.removeHandler(handler)
            try:
                handler.close()
            except OSError:
                pass


def current_log_file() -> Path | None:
    for handler in logging.getLogger().handlers:
        if getattr(handler, _MARK, False) and isinstance(handler, logging.FileHandler):
            return Path(handler.baseFilename)
    return None
