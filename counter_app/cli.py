"""`counter-app`: the command line over the service API.

Exit codes: 0 ok, 2 bad input (the message names the field) or the data folder/database
busy, 6 the database is damaged, lost or replaced (restore a backup), 1 internal error.
Read commands accept --format json. The read-only ones (READ_ONLY_COMMANDS) open the
database without the folder lock, so they work beside the running app.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from counter_app import __version__
from counter_app.domain import clock
from counter_app.ops.logging_setup import setup_logging, shutdown_logging
from counter_app.services import AuthError, CounterService, InputError, NotFound
from counter_app.store import driver as sqlite3
from counter_app.store import paths
from counter_app.store.database import DatabaseBusy, DatabaseDamaged, database_problem
from counter_app.store.db_key import RecoveryKeyInvalid
from counter_app.store.driver import EncryptionKeyError
from counter_app.store.folder_identity import DatabaseLost
from counter_app.store.folder_lock import DataFolderLocked

EXIT_OK, EXIT_INTERNAL, EXIT_INPUT = 0, 1, 2
EXIT_DAMAGED = 6
CLI_LOCK_TIMEOUT = 30.0  # scripted runs queue for the folder instead of failing at once

Handler = Callable[[argparse.Namespace, CounterService], int]
_COMMANDS: dict[str, Handler] = {}
# Commands that open the data folder themselves (restore, doctor, backup): handler gets None.
_NO_SERVICE_COMMANDS: set[str] = set()


# Commands that only read: they open the database without the folder lock (WAL readers),
# so they run beside the app; a value is the test on the arguments for a mixed command.
READ_ONLY_COMMANDS: dict[str, Callable[[argparse.Namespace], bool]] = {
    "show": lambda args: True,
    "search": lambda args: True,
    "audit": lambda args: True,
    "due-date": lambda args: True,
    "catalogue": lambda args: args.catalogue_command == "list",
    "holiday": lambda args: args.holiday_command == "list",
    "staff": lambda args: args.staff_command == "list",
    "sync": lambda args: bool(args.status) and not (args.retry or args.resolve),
}


def is_read_only(args: argparse.Namespace) -> bool:
    test = READ_ONLY_COMMANDS.get(args.command)
    return bool(test and test(args))


def command(name: str, *, needs_service: bool = True) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _COMMANDS[name] = handler
        if not needs_service:
            _NO_SERVICE_COMMANDS.add(name)
        return handler

    return register


# -- output helpers -------------------------------------------------------------
def emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if getattr(args, "format", "text") == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)


def parse_date_arg(value: str) -> date:
    try:
        return clock.parse_date(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"ngày '{value}' phải có dạng YYYY-MM-DD hoặc DD/MM/YYYY"
        ) from None


def add_command(
    sub: Any, name: str, help_text: str, *, read: bool = False
) -> argparse.ArgumentParser:
    """A sub-command whose help and description are the same text; read commands take --format."""
    p = sub.add_parser(name, help=help_text, description=help_text)
    if read:
        p.add_argument("--format", choices=["text", "json"], default="text")
    return p


# -- parser -------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="counter-app",
        description="Ứng dụng quầy tiếp nhận hồ sơ cấp xã / commune counter app. "
        "Không có lệnh: mở giao diện.",
    )
    parser.add_argument("--version", action="version", version=f"counter-app {__version__}")
    parser.add_argument(
        "--data-dir",
        help=f"thư mục dữ liệu (mặc định: ${paths.DATA_DIR_ENV} hoặc thư mục của hệ điều hành)",
    )
    parser.add_argument("--demo", action="store_true", help="chế độ đào tạo / training mode")
    parser.add_argument("--screenshots", metavar="DIR", help="lưu ảnh các màn hình vào DIR")
    parser.add_argument(
        "--self-test", action="store_true", help="tự kiểm tra bản cài đặt rồi thoát / self-test"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for register_commands in _command_modules():
        register_commands(sub)
    return parser


# Imported when the parser is built: each module imports this one for `command` and `emit`.
COMMAND_MODULES = (
    "counter_app.cli_commands.admin",
    "counter_app.cli_commands.dossiers",
    "counter_app.cli_commands.reference",
    "counter_app.cli_commands.reports",
    "counter_app.forms.cli",  # the commands that live beside their feature
    "counter_app.sync.cli",
    "counter_app.ops.cli",
    "counter_app.ops.encryption_cli",
)


def _command_modules() -> list[Callable[[Any], None]]:
    """Each module's `register_commands`; a feature package absent from this build is skipped."""
    found = []
    for module_name in COMMAND_MODULES:
        try:
            module = __import__(module_name, fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue
            raise
        found.append(module.register_commands)
    return found


def _start_options() -> argparse.ArgumentParser:
    """The options that can start the GUI; parsed alone so that a plain start does not
    pay for building every sub-command (and importing what they need)."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data-dir")
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--screenshots")
    parser.add_argument("--self-test", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args, rest = _start_options().parse_known_args(argv)
    if rest:  # a command, --help or --version: the full parser
        args = build_parser().parse_args(argv)
    else:
        args.command = None
    if args.self_test:
        from counter_app.ops.selftest import run_self_test

        return run_self_test()
    setup_logging(paths.data_dir(args.data_dir))
    if args.command is None:
        return _start_gui(args, argv)
    handler = _COMMANDS[args.command]
    service = None
    try:
        folder = paths.data_dir(args.data_dir)
        if args.command in _NO_SERVICE_COMMANDS:
            pass
        elif is_read_only(args):
            service = CounterService.open_for_reading(folder, lock_timeout=CLI_LOCK_TIMEOUT)
        else:
            service = CounterService.open(folder, lock_timeout=CLI_LOCK_TIMEOUT)
        if service is not None and service.store.recovery_key_created:
            from counter_app.ops.encryption_cli import show_new_recovery_key

            show_new_recovery_key(service.store)
        return handler(args, service)  # type: ignore[arg-type]
    except (InputError, NotFound, AuthError, RecoveryKeyInvalid, EncryptionKeyError) as exc:
        print(f"Lỗi / error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except (DataFolderLocked, DatabaseBusy) as exc:
        print(f"Lỗi / error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except (DatabaseDamaged, DatabaseLost) as exc:
        print(f"Lỗi / error: {exc}", file=sys.stderr)
        return EXIT_DAMAGED
    except sqlite3.DatabaseError as exc:
        problem = database_problem(exc, paths.db_path(paths.data_dir(args.data_dir)))
        print(f"Lỗi / error: {problem}", file=sys.stderr)
        return EXIT_INPUT if isinstance(problem, DatabaseBusy) else EXIT_DAMAGED
    except KeyboardInterrupt:
        return EXIT_INTERNAL
    except Exception:  # noqa: BLE001 - last resort: report, never lose the trace
        traceback.print_exc()
        print("Lỗi nội bộ / internal error", file=sys.stderr)
        return EXIT_INTERNAL
    finally:
        if service is not None:
            service.close()
        shutdown_logging()


def _start_gui(args: argparse.Namespace, argv: list[str]) -> int:
    try:
        from counter_app.gui.app import run_gui
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("counter_app.gui"):
            build_parser().print_help()
            return EXIT_OK
        raise
    return run_gui(args, argv)
