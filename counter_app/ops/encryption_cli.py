"""`counter-app encrypt`, `counter-app rekey`, `counter-app unlock`: the database key.

- `encrypt [--plain-backups encrypt|shred]`: encrypt a plain database of an older version
  now (opening the folder does it too, with the default "encrypt"), and say what became of
  the plain backups.
- `rekey`: a new key for the database and the folder's local backups; prints the new
  recovery key (the old one no longer opens them; copies already on USB keep the old key).
- `unlock --recovery-key KEY`: put the key back into this account's keyring (a new Windows
  profile, a data folder moved to another PC), after checking it opens the database.

A recovery key given as "-" is read from the standard input (not left in shell history).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from counter_app.cli import EXIT_INPUT, EXIT_OK, command, folder_free_sign_in
from counter_app.services import AuthError, CounterService
from counter_app.services.staff import check_sign_in_read_only
from counter_app.store import db_key, driver, paths
from counter_app.store.database import PLAIN_BACKUP_CHOICES, Store


def recovery_key_banner(recovery_key: str) -> str:
    """The text that shows a new recovery key, once."""
    line = "=" * 72
    return (
        f"{line}\n"
        "KHÓA KHÔI PHỤC (chỉ hiện một lần) / RECOVERY KEY (shown once):\n\n"
        f"    {recovery_key}\n\n"
        "Hãy in hoặc chép tay khóa này, cất nơi an toàn ngoài máy (tủ có khóa của trung tâm).\n"
        "Không có nó, bản sao lưu chép sang máy khác và dữ liệu khi mất kho khóa của Windows\n"
        "sẽ KHÔNG mở được. / Print or write it down and keep it away from this PC: without\n"
        "it a backup on another PC, or this data after the keyring is lost, cannot be opened.\n"
        f"{line}"
    )


def read_recovery_key(value: str | None) -> str | None:
    """The recovery key from an option value; "-" reads one line from stdin (asked without
    echo on a terminal)."""
    if value == "-":
        if sys.stdin.isatty():
            import getpass

            return getpass.getpass("Khóa khôi phục / recovery key: ").strip()
        return sys.stdin.readline().strip()
    return value


def register_commands(sub: Any) -> None:
    p = sub.add_parser(
        "encrypt",
        help="mã hóa cơ sở dữ liệu chưa mã hóa (phiên bản cũ) / encrypt a plain database",
        description="Sao lưu cơ sở dữ liệu chưa mã hóa, mã hóa nó (SQLCipher), rồi mã hóa "
        "(mặc định) hoặc hủy (--plain-backups shred: ghi đè rồi xóa) bản sao lưu chưa mã hóa.",
    )
    p.add_argument(
        "--plain-backups",
        choices=PLAIN_BACKUP_CHOICES,
        default="encrypt",
        help="bản sao lưu chưa mã hóa: mã hóa (mặc định) hoặc hủy / encrypt or shred",
    )
    p = sub.add_parser(
        "rekey",
        help="đổi khóa mã hóa, in khóa khôi phục mới / new database key and recovery key",
        description="Mã hóa lại cơ sở dữ liệu và các bản sao lưu trong thư mục dữ liệu bằng "
        "khóa mới; khóa khôi phục cũ không mở được chúng nữa (bản đã chép ra USB giữ khóa cũ).",
    )
    p.add_argument("--by", help="người thực hiện: = --user (người đăng nhập, quản trị viên)")
    p = sub.add_parser(
        "unlock",
        help="đưa khóa vào kho khóa của máy này bằng khóa khôi phục / restore the key",
        description="Khi máy này không có khóa của thư mục dữ liệu (tài khoản Windows mới, "
        "thư mục chuyển từ máy khác): kiểm tra khóa khôi phục mở được dữ liệu rồi lưu khóa.",
    )
    p.add_argument(
        "--recovery-key", required=True, metavar="KEY", help="khóa khôi phục ('-': đọc từ stdin)"
    )


@command("encrypt", needs_service=False)
def cmd_encrypt(args: argparse.Namespace, service: CounterService | None) -> int:
    folder = paths.data_dir(args.data_dir)
    before = driver.file_state(paths.db_path(folder))
    store = Store(folder, plain_backups=args.plain_backups)
    try:
        show_new_recovery_key(store)
        if before != "plain":
            print("Cơ sở dữ liệu đã được mã hóa / the database is encrypted")
        else:
            print("Đã mã hóa cơ sở dữ liệu / the database is now encrypted")
        for line in store.plain_backup_outcome or []:
            print(f"  {line}")
    finally:
        store.close()
    return EXIT_OK


@command("rekey")
def cmd_rekey(args: argparse.Namespace, service: CounterService) -> int:
    recovery_key, notes = service.store.rekey(actor=args.actor)
    print("Đã đổi khóa mã hóa / the database key was changed")
    print(recovery_key_banner(recovery_key))
    for note in notes:
        print(f"Lưu ý / note: {note}", file=sys.stderr)
    return EXIT_OK


@command("unlock", needs_service=False)
def cmd_unlock(args: argparse.Namespace, service: CounterService | None) -> int:
    folder = paths.data_dir(args.data_dir)
    db_file = paths.db_path(folder)
    if not hasattr(args, "recovery_key_text"):  # (read once: the sign-in may have read it)
        args.recovery_key_text = read_recovery_key(args.recovery_key) or ""
    key = db_key.parse_recovery_key(args.recovery_key_text)
    if driver.file_state(db_file) != "encrypted":
        print(
            f"Lỗi / error: {db_file} không phải cơ sở dữ liệu đã mã hóa / not an encrypted "
            "database",
            file=sys.stderr,
        )
        return EXIT_INPUT
    try:
        driver.connect(db_file, key, readonly=True).close()
    except driver.EncryptionKeyError:
        print(
            "Lỗi / error: khóa khôi phục này không mở được cơ sở dữ liệu của thư mục "
            f"{folder} / this recovery key does not open the database",
            file=sys.stderr,
        )
        return EXIT_INPUT
    where = db_key.save_folder_key(folder, key)
    print(f"Đã lưu khóa vào {where} / the key is stored ({where})")
    return EXIT_OK


@folder_free_sign_in("unlock")
def _sign_in_with_recovery_key(
    args: argparse.Namespace, username: str, password: str, permission: str
) -> str:
    """This account has no key, so the database opens only with the recovery key given: the
    technician signs in as an admin of that database (read-only: nothing recorded)."""
    from counter_app.ops.db_files import open_readonly

    db_file = paths.db_path(paths.data_dir(args.data_dir))
    if not hasattr(args, "recovery_key_text"):
        args.recovery_key_text = read_recovery_key(args.recovery_key) or ""
    key = db_key.parse_recovery_key(args.recovery_key_text)
    try:
        conn = open_readonly(db_file, [key])
    except driver.DatabaseError:
        raise AuthError(
            "Khóa khôi phục này không mở được cơ sở dữ liệu để đăng nhập / this recovery key "
            "does not open the database"
        ) from None
    try:
        return check_sign_in_read_only(conn, username, password, permission)
    finally:
        conn.close()


def show_new_recovery_key(store: Store) -> None:
    """Print the recovery key of a key the store has just made (to stderr: never into a
    command's machine-readable output)."""
    if store.recovery_key_created:
        print(recovery_key_banner(store.recovery_key_created), file=sys.stderr)
