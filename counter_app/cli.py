"""`counter-app`: the command line over the service API.

Exit codes: 0 ok, 2 bad input (the message names the field), a refused sign-in or
permission, or the data folder/database busy, 6 the database is damaged, lost or replaced
(restore a backup), 1 internal error.
Read commands accept --format json. The read-only ones (READ_ONLY_COMMANDS) open the
database without the folder lock, so they work beside the running app.

Accountability: every command that changes data or settings, or shows personal data, runs
as a signed-in staff member: `--user NAME` before the command, the password asked on the
terminal or read from the first line of stdin with `--password-stdin`. The permission a
command needs is declared with it (`@command(..., permission=...)`) and checked by the
same code as the GUI's (services/staff.py PERMISSIONS, StaffManager.require); the
signed-in username is the actor the core records. See docs/security.md.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from counter_app import __version__
from counter_app.domain import clock
from counter_app.ops.logging_setup import setup_logging, shutdown_logging
from counter_app.ops.redaction import redact
from counter_app.services import AuthError, CounterService, InputError, NotFound
from counter_app.services.staff import ADMINISTER
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
# What a command needs: a permission of services/staff.py (signed in, with that right), or
# None (open: no personal data, no change); a callable decides for a mixed command.
Permission = str | None | Callable[[argparse.Namespace], str | None]
_COMMANDS: dict[str, Handler] = {}
_PERMISSIONS: dict[str, Permission] = {}
# Commands that open the data folder themselves (restore, doctor, backup): handler gets None.
_NO_SERVICE_COMMANDS: set[str] = set()
# Commands that, on a counter without any staff account, run unsigned and create the
# first admin themselves (setup).
_FIRST_RUN_COMMANDS: set[str] = set()


# Commands that only read: they open the database without the folder lock (WAL readers),
# so they run beside the app; a value is the test on the arguments for a mixed command.
READ_ONLY_COMMANDS: dict[str, Callable[[argparse.Namespace], bool]] = {
    "show": lambda args: True,
    "attachments": lambda args: True,
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


def command(
    name: str,
    *,
    needs_service: bool = True,
    permission: Permission = ADMINISTER,
    first_run: bool = False,
) -> Callable[[Handler], Handler]:
    """Register a handler; `permission` defaults to admin-only, so a new command that forgets
    to say is closed, not open."""

    def register(handler: Handler) -> Handler:
        _COMMANDS[name] = handler
        _PERMISSIONS[name] = permission
        if not needs_service:
            _NO_SERVICE_COMMANDS.add(name)
        if first_run:
            _FIRST_RUN_COMMANDS.add(name)
        return handler

    return register


def required_permission(args: argparse.Namespace) -> str | None:
    """The permission this command line needs, or None for an open one."""
    permission = _PERMISSIONS.get(args.command, ADMINISTER)
    return permission(args) if callable(permission) else permission


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
    parser.add_argument(
        "--user",
        metavar="NAME",
        help="đăng nhập bằng tài khoản cán bộ NAME (bắt buộc cho lệnh thay đổi dữ liệu) / "
        "sign in as NAME",
    )
    parser.add_argument(
        "--password-stdin",
        dest="signin_password_stdin",
        action="store_true",
        help="đọc mật khẩu đăng nhập từ dòng đầu stdin (không thì hỏi) / sign-in password "
        "from the first line of stdin",
    )
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
    "counter_app.cli_commands.attachments",
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


def _hoist_user(argv: list[str]) -> list[str]:
    """`--user NAME` may also be written after the command: moved in front, where the
    main parser reads it (the command's own --password-stdin stays where it is)."""
    for index, token in enumerate(argv):
        if token == "--":
            break
        if token.startswith("--user="):
            return [token, *argv[:index], *argv[index + 1 :]]
        if token == "--user" and index + 1 < len(argv):
            return [token, argv[index + 1], *argv[:index], *argv[index + 2 :]]
    return argv


def main(argv: Sequence[str] | None = None) -> int:
    argv = _hoist_user(list(sys.argv[1:] if argv is None else argv))
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
        args.actor = _sign_in(args, service)
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
        trace = redact(traceback.format_exc())
        logging.getLogger("counter_app.cli").error("internal error in %s:\n%s", args.command, trace)
        print(trace, file=sys.stderr)
        print("Lỗi nội bộ / internal error", file=sys.stderr)
        return EXIT_INTERNAL
    finally:
        if service is not None:
            service.close()
        shutdown_logging()


# -- signing in ----------------------------------------------------------------------
def read_stdin_line() -> str:
    """One line of stdin, read from the byte stream when there is one so that what follows
    (a JSON document, the next secret) is still there for the command."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is not None:
        raw = stream.readline()
        try:
            return raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            raise InputError("password", "Mật khẩu trên stdin không phải UTF-8") from None
    return sys.stdin.readline().rstrip("\r\n")


def _sign_in_name(args: argparse.Namespace) -> str:
    """--user, or the command's --by (kept as an alias of --user); both must agree."""
    user = (args.user or "").strip().lower()
    by = (getattr(args, "by", None) or "").strip().lower()
    if user and by and by != user:
        raise AuthError(
            f"--by {by} khác người đăng nhập --user {user}: lệnh được ghi tên người đăng nhập "
            "/ --by must be the signed-in user"
        )
    if not (user or by):
        raise AuthError(
            f"Lệnh '{args.command}' cần đăng nhập: counter-app --user TÊN [--password-stdin] "
            f"{args.command} … / '{args.command}' needs a signed-in staff member (--user NAME)"
        )
    return user or by


def read_sign_in_password(args: argparse.Namespace, username: str, *, confirm: bool = False) -> str:
    """The sign-in password: the first line of stdin (--password-stdin) or asked on the
    terminal (twice when `confirm`, for a new account)."""
    if args.signin_password_stdin:
        password = read_stdin_line()
        if not password:
            raise InputError("password", "Không có mật khẩu trên stdin / no password on stdin")
        return password
    if not sys.stdin.isatty():
        raise InputError(
            "password",
            "Không có terminal để hỏi mật khẩu: dùng --password-stdin / use --password-stdin",
        )
    import getpass

    password = getpass.getpass(f"Mật khẩu của {username} / password: ")
    if confirm and password != getpass.getpass("Nhập lại / again: "):
        raise InputError("password", "Hai lần nhập mật khẩu không khớp")
    return password


def _sign_in(args: argparse.Namespace, service: CounterService | None) -> str | None:
    """Sign the command in; returns the actor the core records (None: open command, or a
    first run that creates its admin). Refusals raise AuthError (exit 2) before the
    command touches anything."""
    permission = required_permission(args)
    if permission is None:
        return None
    if args.command in _FIRST_RUN_COMMANDS and service is not None and not service.staff.all():
        return None
    username = _sign_in_name(args)
    password = read_sign_in_password(args, username)
    if service is not None:
        return _authenticate(service, username, password, permission)
    folder = paths.data_dir(args.data_dir)
    fallback = _FOLDER_FREE_SIGN_IN.get(args.command)
    if fallback is not None and not paths.db_path(folder).exists():
        return fallback(args, username, password, permission)
    try:
        reader = CounterService.open_for_reading(folder, lock_timeout=CLI_LOCK_TIMEOUT)
        try:
            return _authenticate(reader, username, password, permission)
        finally:
            reader.close()
    except (DatabaseDamaged, DatabaseLost, sqlite3.DatabaseError):
        if fallback is None:
            raise
        return fallback(args, username, password, permission)


# A command that must work when the data folder's database is missing or damaged
# (restore): how it signs in then (against the backup it restores).
FolderFreeSignIn = Callable[[argparse.Namespace, str, str, str], str]
_FOLDER_FREE_SIGN_IN: dict[str, FolderFreeSignIn] = {}


def folder_free_sign_in(name: str) -> Callable[[FolderFreeSignIn], FolderFreeSignIn]:
    """Register how command `name` signs in when the folder's database is missing or
    damaged: `(args, username, password, permission) -> username`."""

    def register(function: FolderFreeSignIn) -> FolderFreeSignIn:
        _FOLDER_FREE_SIGN_IN[name] = function
        return function

    return register


def _authenticate(service: CounterService, username: str, password: str, permission: str) -> str:
    account = service.staff.authenticate(username, password)
    service.staff.require(account["username"], permission)
    return str(account["username"])


def _start_gui(args: argparse.Namespace, argv: list[str]) -> int:
    try:
        from counter_app.gui.app import run_gui
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("counter_app.gui"):
            build_parser().print_help()
            return EXIT_OK
        raise
    return run_gui(args, argv)
