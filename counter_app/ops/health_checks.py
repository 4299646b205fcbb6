"""The doctor's checks: each looks at one thing and returns (status, detail).

Read-only and lock-free, so they work while the app is running and on a damaged folder.
`CHECKS` lists them in the order `counter_app.ops.doctor.run_doctor` runs them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from counter_app import assets
from counter_app.domain import clock
from counter_app.ops.backups import list_backups, machine_subfolder, second_folder
from counter_app.ops.db_files import folder_keys, open_readonly, read_settings
from counter_app.store import audit, file_modes, folder_identity, paths
from counter_app.store import driver as sqlite3
from counter_app.store.folder_lock import DataFolderLocked, FolderLock
from counter_app.store.migrations import SCHEMA_VERSION

OK, WARN, FAIL, SKIP = "ok", "warn", "fail", "skip"

MIN_FREE_FAIL = 200 * 1024**2
MIN_FREE_WARN = 1024**3
OUTBOX_AGE_WARN_HOURS = 24
BACKUP_AGE_WARN_DAYS = 2
FONT_FILES = (
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
)


class CheckContext:
    """What the checks share: the folder, the options, and a read-only DB connection when one
    opens (the database check opens it; later checks skip when it is unreadable)."""

    def __init__(
        self, folder: Path, *, check_portal: bool = True, portal_timeout: float = 5.0
    ) -> None:
        self.folder = folder
        self.check_portal = check_portal
        self.portal_timeout = portal_timeout
        self.db_file = paths.db_path(folder)
        self.conn: sqlite3.Connection | None = None
        self.db_error = ""
        self.db_healthy = False
        self.settings: dict[str, Any] | None = None
        self.ping: dict[str, Any] | None = None

    def readable_db(self) -> sqlite3.Connection | None:
        return self.conn if self.conn is not None and not self.db_error else None

    def app_settings(self) -> dict[str, Any] | None:
        """The folder's settings over their defaults, or None when the database is unreadable."""
        if self.settings is None:
            conn = self.readable_db()
            if conn is None:
                return None
            from counter_app.domain.settings import SETTINGS

            values = {key: spec.default for key, spec in SETTINGS.items()}
            values.update(read_settings(conn))
            self.settings = values
        return self.settings

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def check_folder(ctx: CheckContext) -> tuple[str, str]:
    if not ctx.folder.is_dir():
        return FAIL, (
            "Không có thư mục dữ liệu (máy mới: mở ứng dụng để thiết lập) / data folder missing"
        )
    try:
        with tempfile.NamedTemporaryFile(dir=ctx.folder, prefix=".doctor-", delete=True) as handle:
            handle.write(b"x")
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        return FAIL, f"Không ghi được: {exc.strerror or exc} / not writable"
    return OK, "ghi được / writable"


def check_disk(ctx: CheckContext) -> tuple[str, str]:
    where = ctx.folder if ctx.folder.exists() else ctx.folder.parent
    usage = shutil.disk_usage(where)
    free = usage.free
    text = f"còn trống {size_text(free)} / {size_text(usage.total)} free"
    if free < MIN_FREE_FAIL:
        return FAIL, text + f" (cần ít nhất {size_text(MIN_FREE_FAIL)})"
    if free < MIN_FREE_WARN:
        return WARN, text + f" (nên có trên {size_text(MIN_FREE_WARN)})"
    return OK, text


def check_running(ctx: CheckContext) -> tuple[str, str]:
    lock_file = ctx.folder / "counter.lock"
    if not lock_file.exists():
        return OK, "không / not running"
    lock = FolderLock(lock_file)
    try:
        lock.acquire(0.0)
    except DataFolderLocked:
        return OK, "có, đang mở thư mục này / running on this folder"
    except OSError as exc:
        return WARN, f"không kiểm tra được khóa thư mục: {exc}"
    lock.release()
    return OK, "không / not running"


def check_database(ctx: CheckContext) -> tuple[str, str]:
    try:
        folder_identity.check_before_open(ctx.folder, ctx.db_file, folder_keys(ctx.folder))
    except folder_identity.DatabaseLost as exc:
        ctx.db_error = "database lost"
        return FAIL, str(exc)
    if not ctx.db_file.exists():
        ctx.db_error = "no database"
        return FAIL, f"Không có {ctx.db_file.name} (chưa thiết lập?) / no database"
    size = ctx.db_file.stat().st_size
    try:
        ctx.conn = open_readonly(ctx.db_file, folder_keys(ctx.folder))
        rows = [r[0] for r in ctx.conn.execute("PRAGMA integrity_check(20)")]
    except sqlite3.EncryptionKeyError as exc:
        ctx.db_error = "no key"
        return FAIL, str(exc)
    except sqlite3.DatabaseError as exc:
        ctx.db_error = str(exc)
        return FAIL, (
            f"Hỏng: {exc}. Hãy khôi phục từ bản sao lưu (counter-app restore) / "
            "damaged: restore from a backup"
        )
    if rows != ["ok"]:
        ctx.db_error = "; ".join(rows[:3])
        return FAIL, (
            "Hỏng: "
            + "; ".join(rows[:3])
            + "\nHãy khôi phục từ bản sao lưu (counter-app restore) / damaged: restore a backup"
        )
    ctx.db_healthy = True
    pages = ctx.conn.execute("PRAGMA page_count").fetchone()[0]
    free_pages = ctx.conn.execute("PRAGMA freelist_count").fetchone()[0]
    return OK, f"ok — {size_text(size)}, {pages} trang ({free_pages} trống)"


def check_encryption(ctx: CheckContext) -> tuple[str, str]:
    """The database and the folder's copies are encrypted, and this account has the key."""
    from counter_app.ops import secrets_store
    from counter_app.store import db_key

    state = sqlite3.file_state(ctx.db_file)
    if state in ("missing", "empty"):
        return SKIP, "chưa có cơ sở dữ liệu / no database"
    if state == "plain":
        return WARN, (
            "Cơ sở dữ liệu CHƯA được mã hóa: mở ứng dụng hoặc chạy 'counter-app encrypt' để "
            "mã hóa / the database is not encrypted yet (opening the app encrypts it)"
        )
    keys = db_key.folder_keys(ctx.folder)
    if not keys:
        return FAIL, sqlite3.needs_key_message(ctx.db_file, had_key=False)
    where = secrets_store.backend_name()
    plain = [p.name for p in db_key.local_copies(ctx.folder) if sqlite3.file_state(p) == "plain"]
    if plain:
        return WARN, (
            f"{len(plain)} bản sao chưa mã hóa trong thư mục dữ liệu ({', '.join(plain[:3])}): "
            "mở ứng dụng để mã hóa chúng / plain copies are left in the data folder"
        )
    settings = ctx.app_settings() or {}
    second = second_folder(settings)
    if second is not None:
        copies = second / machine_subfolder(settings)
        try:
            old = [p.name for p in copies.glob("counter-*.db") if sqlite3.file_state(p) == "plain"]
        except OSError:
            old = []
        if old:
            return WARN, (
                f"{len(old)} bản sao lưu CHƯA mã hóa (từ trước khi mã hóa) trong {copies}: "
                f"{', '.join(old[:3])}; hãy xóa chúng / plain backups left in the second folder"
            )
    text = f"đã mã hóa (SQLCipher {sqlite3.cipher_version()}), khóa trong {where}"
    if where == "file":
        return WARN, (
            f"{text}: máy không có kho khóa, khóa nằm trong tệp ở thư mục dữ liệu, bản chép "
            "cả thư mục mang theo khóa / encrypted, but the key is in a file beside the data"
        )
    return OK, f"{text} / encrypted, key in the keyring"


def check_row_seals(ctx: CheckContext) -> tuple[str, str]:
    conn = ctx.readable_db()
    if conn is None:
        return SKIP, "cơ sở dữ liệu không đọc được / database unreadable"
    from counter_app.store import row_seals
    from counter_app.store.database import RESTORE_HINT, read_damage_flag

    if not row_seals.has_seals(conn):
        return WARN, "lược đồ cũ chưa có dấu niêm phong (mở ứng dụng để nâng cấp) / no seals yet"
    problems = row_seals.verify_all(conn)
    flag = read_damage_flag(ctx.folder)
    if problems:
        return FAIL, "Dữ liệu bị hỏng / damaged rows:\n" + "\n".join(problems[:5]) + (
            f"\n{RESTORE_HINT}"
        )
    if flag:
        return FAIL, f"Ứng dụng đã ngừng ghi vì phát hiện hỏng: {flag}\n{RESTORE_HINT}"
    return OK, "mọi dòng khớp dấu niêm phong / every row matches its seal"


def check_schema(ctx: CheckContext) -> tuple[str, str]:
    conn = ctx.readable_db()
    if conn is None:
        return SKIP, "cơ sở dữ liệu không đọc được / database unreadable"
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        return FAIL, (
            f"{version}, mới hơn phiên bản này ({SCHEMA_VERSION}): hãy cài bản mới hơn / "
            "written by a newer app version"
        )
    if version < SCHEMA_VERSION:
        return WARN, (
            f"{version} (cũ): sẽ được sao lưu rồi nâng cấp lên {SCHEMA_VERSION} khi mở ứng dụng / "
            "will be migrated after a backup"
        )
    return OK, f"{version} (mới nhất / current)"


def check_audit(ctx: CheckContext) -> tuple[str, str]:
    conn = ctx.readable_db()
    if conn is None:
        return SKIP, "cơ sở dữ liệu không đọc được / database unreadable"
    from counter_app.store import audit_key

    result = audit.verify(conn, audit_key.load(ctx.folder, create=False))
    if not result.ok:
        return FAIL, "Bị thay đổi / chain broken:\n" + "\n".join(result.problems[:5])
    return OK, f"{result.rows} dòng, chuỗi băm hợp lệ / chain intact"


def check_attachments(ctx: CheckContext) -> tuple[str, str]:
    """Every digitised document the rows name is in the folder and intact (decrypts, its
    SHA-256 matches); a missing or altered one is named with its dossier and a backup's pool
    to take it from."""
    conn = ctx.readable_db()
    if conn is None:
        return SKIP, "cơ sở dữ liệu không đọc được / database unreadable"
    from counter_app.ops.attachment_backups import named_documents
    from counter_app.store import attachment_files

    names = named_documents(conn)
    spool = _spool_note(ctx, conn)
    if not names:
        return OK, "chưa có tài liệu số hóa / no digitised documents" + spool
    files = attachment_files.AttachmentFiles(
        attachment_files.root(ctx.folder), None, folder_keys(ctx.folder)
    )
    problems = []
    for sha256 in names:
        problem = files.check(sha256)
        if not problem:
            continue
        codes = [
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT d.code FROM attachments a JOIN dossiers d ON d.id = a.dossier_id "
                "WHERE a.sha256 = ? ORDER BY 1",
                (sha256,),
            )
        ]
        what = "mất / missing" if problem == attachment_files.MISSING else "bị sửa / altered"
        problems.append(f"{sha256[:12]}… ({', '.join(codes)}): {what}")
    if problems:
        return FAIL, (
            f"{len(problems)}/{len(names)} tài liệu số hóa có vấn đề / documents with problems:\n"
            + "\n".join(problems[:10])
            + "\nKhôi phục từ bản sao lưu (thư mục backups/attachments) hoặc số hóa lại / "
            "restore from a backup or digitise again"
        )
    spare = len(set(files.stored()) - set(names))  # left by a kill before the row, or a removal
    note = f"; {spare} tệp thừa không hồ sơ nào dùng / {spare} spare files" if spare else ""
    return OK, f"{len(names)} tài liệu, đủ và nguyên vẹn / all present and intact{note}{spool}"


def _spool_note(ctx: CheckContext, conn: Any) -> str:
    """The documents captured at intake waiting in capture_spool/, the capture dialogs left
    open by a crash (their files there too), and the files nothing names (a crash's
    leftovers: removed after capture_spool.ORPHAN_DAYS days, like open captures untouched
    that long)."""
    from counter_app.store import capture_spool
    from counter_app.store.drafts import CAPTURE

    waiting = capture_spool.spooled(ctx.folder)
    try:
        named = capture_spool.named(conn)
        open_captures = capture_spool.open_captures(conn)
    except sqlite3.DatabaseError:  # an old schema without drafts
        named, open_captures = {}, []
    if not waiting and not open_captures and not capture_spool.spooled(ctx.folder, CAPTURE):
        return ""
    text = f"\n{waiting} tài liệu đang chờ trong {capture_spool.FOLDER_NAME}/ (hồ sơ nhập dở)"
    text += f" / {waiting} waiting in {capture_spool.FOLDER_NAME}/ (intakes in progress)"
    if open_captures:
        pages = sum(
            len((data.get(capture_spool.LAYOUT_KEY) or {}).get("pages") or [])
            for _officer, data in open_captures
        )
        stale = sum(capture_spool.stale(data) for _officer, data in open_captures)
        text += (
            f"; {len(open_captures)} lần số hóa đang mở dở ({pages} trang, khôi phục khi cán bộ "
            f"mở lại) / {len(open_captures)} open captures ({pages} pages)"
        )
        if stale:
            text += (
                f", {stale} quá {capture_spool.ORPHAN_DAYS} ngày sẽ tự xóa / {stale} stale, "
                "removed at the next start"
            )
    stray = capture_spool.orphans(ctx.folder, named)
    if stray:
        oldest = max(o.age_days for o in stray)
        text += (
            f"; {len(stray)} tệp không bản nháp nào dùng, cũ nhất {oldest:.0f} ngày (tự xóa sau "
            f"{capture_spool.ORPHAN_DAYS} ngày) / {len(stray)} orphans, removed after "
            f"{capture_spool.ORPHAN_DAYS} days"
        )
    return text


def check_outbox(ctx: CheckContext) -> tuple[str, str]:
    conn = ctx.readable_db()
    if conn is None:
        return SKIP, "cơ sở dữ liệu không đọc được / database unreadable"
    from counter_app.sync.status import queue_counts

    counts = queue_counts(conn)
    pending, rejected, conflicts = counts["pending"], counts["rejected"], counts["conflicts"]
    oldest = counts["oldest_pending"]
    parts = [f"{pending} chờ gửi / pending"]
    status = OK
    if oldest:
        age = clock.now() - oldest
        hours = age.total_seconds() / 3600
        parts.append(f"cũ nhất {age_text(age.total_seconds())} / oldest pending")
        settings = ctx.app_settings() or {}
        if hours > OUTBOX_AGE_WARN_HOURS and settings.get("portal_url"):
            status = WARN
    if rejected:
        parts.append(f"{rejected} bị cổng từ chối / rejected")
        status = WARN
    if conflicts:
        parts.append(f"{conflicts} xung đột / conflicts")
        status = WARN
    waiting = counts["files_pending"] + counts["files_uploading"]
    if waiting:
        parts.append(f"{waiting} tài liệu số hóa chờ tải lên / documents to upload")
    if counts["files_rejected"]:
        parts.append(
            f"{counts['files_rejected']} tài liệu số hóa bị cổng từ chối (gửi lại: "
            "counter-app retry-upload ID) / documents rejected"
        )
        status = WARN
    last = _sync_state(conn, "last_success")
    parts.append(f"đồng bộ thành công lần cuối: {last or 'chưa có'} / last success")
    settings = ctx.app_settings() or {}
    if not settings.get("portal_url"):
        parts.append("(cổng DVC chưa cấu hình: hồ sơ chờ đến khi có / portal not configured)")
    return status, "; ".join(parts)


def _sync_state(conn: sqlite3.Connection, key: str) -> str | None:
    try:
        row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    except sqlite3.OperationalError:
        return None  # schema 1 has no sync_state table
    return row[0] if row else None


def check_portal(ctx: CheckContext) -> tuple[str, str]:
    settings = ctx.app_settings()
    if settings is None:
        return SKIP, "không đọc được thiết lập / settings unreadable"
    url = settings.get("portal_url") or ""
    if not url:
        return OK, "chưa cấu hình: làm việc ngoại tuyến / not configured (offline mode)"
    if not ctx.check_portal:
        return SKIP, f"{url}: bỏ qua theo yêu cầu (--no-portal)"
    from counter_app.ops import secrets_store
    from counter_app.portal.client import PortalClient
    from counter_app.portal.config import PortalConfig
    from counter_app.portal.errors import PortalError

    user = settings.get("portal_user") or ""
    password = secrets_store.get_portal_password(ctx.folder, user) if user else ""
    config = PortalConfig(
        base_url=url,
        username=user,
        password=password,
        verify=settings.get("portal_ca_bundle") or True,
    )
    config = replace(
        config, connect_timeout=ctx.portal_timeout, read_timeout=max(ctx.portal_timeout, 10.0)
    )
    try:
        with PortalClient(config) as client:
            ctx.ping = client.ping()
    except PortalError as exc:
        hint = "" if password or not user else " (chưa lưu mật khẩu cổng / no password stored)"
        return FAIL, f"{url}: {exc}{hint}"
    except ValueError as exc:
        return FAIL, f"{url}: địa chỉ không hợp lệ / invalid URL: {exc}"
    latency = ctx.ping.get("latency_ms")
    return OK, f"{url}: kết nối và đăng nhập được ({latency:.0f} ms) / reachable"


def check_clock(ctx: CheckContext) -> tuple[str, str]:
    from counter_app.domain.clock import CLOCK_SKEW_LIMIT

    now = clock.to_storage(clock.now())
    if ctx.ping is None:
        return SKIP, f"giờ máy {now} (giờ Việt Nam); không có cổng để so / no portal to compare"
    skew = ctx.ping.get("clock_skew_seconds")
    if skew is None:
        return WARN, f"giờ máy {now}; cổng không trả giờ / portal sent no time"
    seconds = round(skew)
    text = f"lệch {seconds:+d} giây so với cổng (giới hạn {CLOCK_SKEW_LIMIT} giây) / skew"
    if seconds > 0:
        text += "\n(máy tính chậm hơn cổng / the PC is behind)"
    elif seconds < 0:
        text += "\n(máy tính nhanh hơn cổng / the PC is ahead)"
    if abs(skew) > CLOCK_SKEW_LIMIT:
        return FAIL, text + "\nHãy chỉnh giờ máy (giờ in trên biên nhận sai) / fix the PC clock"
    return OK, text


def check_printers(ctx: CheckContext) -> tuple[str, str]:
    try:
        from PySide6.QtPrintSupport import QPrinterInfo
    except ImportError as exc:
        return WARN, f"không tải được Qt PrintSupport: {exc}"
    names = [p.printerName() for p in QPrinterInfo.availablePrinters()]
    default = QPrinterInfo.defaultPrinterName()
    chosen = ((ctx.app_settings() or {}).get("printer") or "").strip()
    if not names:
        return WARN, (
            "không thấy máy in nào (vẫn lưu/xem PDF được) / no printer visible; "
            "kiểm tra trình điều khiển máy in"
        )
    detail = ", ".join(f"{n}{' (mặc định)' if n == default else ''}" for n in names)
    if chosen and chosen not in names:
        return WARN, f"máy in đã chọn '{chosen}' không thấy; hiện có: {detail}"
    return OK, detail


def check_fonts(ctx: CheckContext) -> tuple[str, str]:
    from reportlab.pdfbase.ttfonts import TTFont

    problems = []
    for name in FONT_FILES:
        path = assets.resource_path("fonts", name)
        if not path.is_file():
            problems.append(f"thiếu {path} / missing")
            continue
        try:
            TTFont(f"doctor-{name}", str(path))
        except Exception as exc:  # noqa: BLE001 - any parse failure means an unusable font
            problems.append(f"hỏng {path}: {exc} / unreadable")
    if problems:
        return FAIL, "\n".join(problems) + "\nCài lại ứng dụng / reinstall the app"
    return OK, f"{len(FONT_FILES)} tệp Liberation Serif trong {assets.resource_path('fonts')}"


def check_resources(ctx: CheckContext) -> tuple[str, str]:
    missing_required = [
        str(p) for p in (assets.resource_path("catalogue.json"),) if not p.is_file()
    ]
    notes = []
    icon = assets.resource_path("icons", "counter-app.png")
    if not icon.is_file():
        notes.append("thiếu biểu tượng / icon missing")
    if not list(assets.resource_path("i18n").glob("*.qm")):
        notes.append("chưa có bản dịch tiếng Anh (.qm) / no compiled translations")
    if missing_required:
        return FAIL, "thiếu danh mục thủ tục gốc / seed catalogue missing: " + ", ".join(
            missing_required
        )
    if notes:
        return WARN, "; ".join(notes)
    return OK, f"đủ / complete ({assets.resources_root()})"


def check_backups(ctx: CheckContext) -> tuple[str, str]:
    found = list_backups(paths.backups_dir(ctx.folder))
    parts = []
    status = OK
    if not found:
        status = WARN
        parts.append("chưa có bản sao lưu nào / no backup yet")
    else:
        newest = found[0]
        age = (clock.now() - newest.taken_at).total_seconds()
        parts.append(f"{len(found)} bản; mới nhất {newest.path.name} ({age_text(age)} trước)")
        if age > BACKUP_AGE_WARN_DAYS * 86400:
            status = WARN
            parts.append("đã lâu không sao lưu / no recent backup")
    second = second_folder(ctx.app_settings() or {})
    if second is None:
        parts.append("thư mục thứ hai: chưa cấu hình / no second folder")
    elif not second.is_dir():
        status = WARN
        parts.append(f"thư mục thứ hai {second} không truy cập được (USB chưa cắm?)")
    else:
        parts.append(f"thư mục thứ hai: {second}")
    return status, "\n".join(parts)


def check_gui_libraries(ctx: CheckContext) -> tuple[str, str]:
    """Linux: the system libraries Qt's xcb platform plugin needs (ldd)."""
    import sys

    if not sys.platform.startswith("linux"):
        return SKIP, "chỉ kiểm tra trên Linux / Linux only"
    from counter_app.ops import qt_platform

    plugin = qt_platform.xcb_plugin()
    if not plugin.exists():
        return WARN, f"không thấy plugin xcb của Qt: {plugin} / Qt xcb plugin missing"
    missing = qt_platform.missing_libraries(plugin)
    if missing is None:
        return SKIP, "không có ldd để kiểm tra / ldd not available"
    if missing:
        problem = qt_platform.PlatformProblem(missing=missing)
        # a warning: the command line and the backups work without a GUI
        return WARN, (
            f"thiếu / missing: {', '.join(missing)}\n"
            f"giao diện sẽ không mở được; cài bằng / install with: {problem.apt_command}"
        )
    return OK, "đủ thư viện cho plugin xcb của Qt / the xcb plugin's libraries are present"


MODES_SHOWN = 10


def check_file_modes(ctx: CheckContext) -> tuple[str, str]:
    """The data folder, its backups and the logs: folders 0700, files 0600 (POSIX)."""
    if not file_modes.POSIX:
        return SKIP, (
            "Windows: quyền truy cập thư mục dữ liệu được giới hạn (icacls) mỗi lần mở ứng "
            "dụng / the folder ACL is restricted at every start; not checked here"
        )
    roots = [ctx.folder, paths.logs_dir(ctx.folder)]
    loose = file_modes.loose_entries(*roots)
    if not loose:
        return OK, (
            "thư mục 0700, tệp 0600: chỉ người dùng này đọc được / "
            "only this user can read the data, backups and logs"
        )
    lines = [
        f"{len(loose)} tệp/thư mục người khác đọc được / readable by other users:",
        *(entry.describe() for entry in loose[:MODES_SHOWN]),
    ]
    if len(loose) > MODES_SHOWN:
        lines.append(f"… và {len(loose) - MODES_SHOWN} mục khác / and more")
    lines.append(
        "Sửa: mở ứng dụng (tự siết quyền khi khởi động), hoặc chạy các lệnh chmod trên / "
        "fix: start the app (it tightens the modes), or run the chmod commands above"
    )
    return FAIL, "\n".join(lines)


def check_logs(ctx: CheckContext) -> tuple[str, str]:
    directory = paths.logs_dir(ctx.folder)
    if not directory.exists():
        return OK, f"{directory} (chưa có tệp / none yet)"
    if not os.access(directory, os.W_OK):
        return WARN, f"{directory} không ghi được / not writable"
    files = sorted(p.name for p in directory.iterdir() if p.is_file())
    return OK, f"{directory} ({len(files)} tệp)"


CheckStep = Callable[[CheckContext], tuple[str, str]]

# In order: the database check opens the connection the later ones read; the portal check
# records the ping the clock check compares with.
CHECKS: tuple[tuple[str, str, CheckStep], ...] = (
    ("data_folder", "Thư mục dữ liệu ghi được", check_folder),
    ("disk_space", "Dung lượng trống", check_disk),
    ("app_running", "Ứng dụng đang chạy", check_running),
    ("database", "Cơ sở dữ liệu (integrity_check)", check_database),
    ("encryption", "Mã hóa dữ liệu (SQLCipher)", check_encryption),
    ("schema", "Phiên bản lược đồ", check_schema),
    ("row_seals", "Dấu niêm phong từng dòng", check_row_seals),
    ("audit", "Chuỗi nhật ký kiểm tra", check_audit),
    ("attachments", "Tài liệu số hóa", check_attachments),
    ("outbox", "Hàng đợi gửi cổng DVC", check_outbox),
    ("portal", "Kết nối cổng DVC", check_portal),
    ("clock", "Đồng hồ máy (so với cổng)", check_clock),
    ("printers", "Máy in", check_printers),
    ("fonts", "Phông chữ biểu mẫu", check_fonts),
    ("resources", "Tài nguyên kèm theo", check_resources),
    ("backups", "Sao lưu", check_backups),
    ("logs", "Nhật ký ứng dụng (log)", check_logs),
    ("file_modes", "Quyền truy cập tệp", check_file_modes),
    ("gui_libraries", "Thư viện giao diện (Linux)", check_gui_libraries),
)


# -- formatting helpers ---------------------------------------------------------------------------
def size_text(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if n < 1024 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TB"


def age_text(seconds: float) -> str:
    seconds = max(0.0, seconds)
    if seconds < 3600:
        return f"{seconds / 60:.0f} phút"
    if seconds < 86400 * 2:
        return f"{seconds / 3600:.1f} giờ"
    return f"{seconds / 86400:.1f} ngày"
