"""`counter-app doctor`: a health report of one data folder and this installation.

Read-only and lock-free: it works while the app is running, and on a damaged folder (each
check catches its own failure; checks that need an unreadable database are skipped).
A check's status is ok, warn (worth a look, not blocking) or fail (a problem: the command's
exit code is 1). `write_bundle` zips the report with the logs and the settings (without
secrets) for support; it never includes the database or the password store.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from counter_app import __version__, assets
from counter_app.domain import clock
from counter_app.ops import backups
from counter_app.store import audit, paths
from counter_app.store.folder_lock import DataFolderLocked, FolderLock
from counter_app.store.migrations import SCHEMA_VERSION

OK, WARN, FAIL, SKIP = "ok", "warn", "fail", "skip"
STATUS_TEXT = {OK: "OK", WARN: "CẢNH BÁO", FAIL: "LỖI", SKIP: "BỎ QUA"}

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
SECRET_WORDS = ("password", "secret", "token", "key")


@dataclass
class Check:
    key: str
    label: str
    status: str
    detail: str


@dataclass
class DoctorReport:
    folder: Path
    started_at: str
    environment: dict[str, str]
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(c.status == FAIL for c in self.checks)

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

    def get(self, key: str) -> Check:
        return next(c for c in self.checks if c.key == key)

    def to_dict(self) -> dict[str, Any]:
        return {
            "folder": str(self.folder),
            "started_at": self.started_at,
            "ok": self.ok,
            "environment": self.environment,
            "checks": [asdict(c) for c in self.checks],
        }

    def to_text(self) -> str:
        width = max(len(c.label) for c in self.checks) if self.checks else 10
        lines = [
            f"counter-app {__version__} — kiểm tra sức khỏe / health check — {self.started_at}",
            f"Thư mục dữ liệu / data folder: {self.folder}",
            "",
            f"{'Kiểm tra / check':<{width}}  {'Kết quả':<9} Chi tiết / detail",
            f"{'-' * width}  {'-' * 9} {'-' * 40}",
        ]
        for check in self.checks:
            detail_lines = check.detail.splitlines() or [""]
            lines.append(
                f"{check.label:<{width}}  {STATUS_TEXT[check.status]:<9} {detail_lines[0]}"
            )
            lines += [f"{'':<{width}}  {'':<9} {extra}" for extra in detail_lines[1:]]
        failed = sum(c.status == FAIL for c in self.checks)
        warned = sum(c.status == WARN for c in self.checks)
        lines.append("")
        if failed:
            lines.append(f"CÓ {failed} LỖI, {warned} cảnh báo / {failed} problem(s) found")
        else:
            lines.append(f"Không có lỗi; {warned} cảnh báo / no problems, {warned} warning(s)")
        return "\n".join(lines)


# -- the checks ------------------------------------------------------------------------------
class _Context:
    """What the checks share: the folder and a read-only DB connection when one opens."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.db_file = paths.db_path(folder)
        self.conn: sqlite3.Connection | None = None
        self.db_error = ""
        self.db_healthy = False
        self.settings: dict[str, Any] | None = None
        self.ping: dict[str, Any] | None = None

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def run_doctor(
    folder: Path, *, check_portal: bool = True, portal_timeout: float = 5.0
) -> DoctorReport:
    folder = Path(folder)
    report = DoctorReport(
        folder=folder, started_at=clock.to_storage(clock.now()), environment=environment()
    )
    ctx = _Context(folder)
    steps: list[tuple[str, str, Callable[[_Context], tuple[str, str]]]] = [
        ("data_folder", "Thư mục dữ liệu ghi được", _check_folder),
        ("disk_space", "Dung lượng trống", _check_disk),
        ("app_running", "Ứng dụng đang chạy", _check_running),
        ("database", "Cơ sở dữ liệu (integrity_check)", _check_database),
        ("schema", "Phiên bản lược đồ", _check_schema),
        ("audit", "Chuỗi nhật ký kiểm tra", _check_audit),
        ("outbox", "Hàng đợi gửi cổng DVC", _check_outbox),
        ("portal", "Kết nối cổng DVC", lambda c: _check_portal(c, check_portal, portal_timeout)),
        ("clock", "Đồng hồ máy (so với cổng)", _check_clock),
        ("printers", "Máy in", _check_printers),
        ("fonts", "Phông chữ biểu mẫu", _check_fonts),
        ("resources", "Tài nguyên kèm theo", _check_resources),
        ("backups", "Sao lưu", _check_backups),
        ("logs", "Nhật ký ứng dụng (log)", _check_logs),
    ]
    try:
        for key, label, step in steps:
            try:
                status, detail = step(ctx)
            except Exception as exc:  # noqa: BLE001 - one broken check must not hide the others
                status, detail = (
                    FAIL,
                    f"Kiểm tra bị lỗi / check crashed: {type(exc).__name__}: {exc}",
                )
            report.checks.append(Check(key, label, status, detail))
    finally:
        ctx.close()
    return report


def _check_folder(ctx: _Context) -> tuple[str, str]:
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


def _check_disk(ctx: _Context) -> tuple[str, str]:
    where = ctx.folder if ctx.folder.exists() else ctx.folder.parent
    usage = shutil.disk_usage(where)
    free = usage.free
    text = f"còn trống {_size(free)} / {_size(usage.total)} free"
    if free < MIN_FREE_FAIL:
        return FAIL, text + f" (cần ít nhất {_size(MIN_FREE_FAIL)})"
    if free < MIN_FREE_WARN:
        return WARN, text + f" (nên có trên {_size(MIN_FREE_WARN)})"
    return OK, text


def _check_running(ctx: _Context) -> tuple[str, str]:
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


def _check_database(ctx: _Context) -> tuple[str, str]:
    if not ctx.db_file.exists():
        ctx.db_error = "no database"
        return FAIL, f"Không có {ctx.db_file.name} (chưa thiết lập?) / no database"
    size = ctx.db_file.stat().st_size
    try:
        ctx.conn = backups._open_readonly(ctx.db_file)
        rows = [r[0] for r in ctx.conn.execute("PRAGMA integrity_check(20)")]
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
    return OK, f"ok — {_size(size)}, {pages} trang ({free_pages} trống)"


def _need_db(ctx: _Context) -> sqlite3.Connection | None:
    return ctx.conn if ctx.conn is not None and not ctx.db_error else None


def _check_schema(ctx: _Context) -> tuple[str, str]:
    conn = _need_db(ctx)
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


def _check_audit(ctx: _Context) -> tuple[str, str]:
    conn = _need_db(ctx)
    if conn is None:
        return SKIP, "cơ sở dữ liệu không đọc được / database unreadable"
    result = audit.verify(conn)
    if not result.ok:
        return FAIL, "Bị thay đổi / chain broken:\n" + "\n".join(result.problems[:5])
    return OK, f"{result.rows} dòng, chuỗi băm hợp lệ / chain intact"


def _settings(ctx: _Context) -> dict[str, Any] | None:
    if ctx.settings is None:
        conn = _need_db(ctx)
        if conn is None:
            return None
        from counter_app.domain.settings import SETTINGS

        values = {key: spec.default for key, spec in SETTINGS.items()}
        values.update(backups._read_settings(conn))
        ctx.settings = values
    return ctx.settings


def _check_outbox(ctx: _Context) -> tuple[str, str]:
    conn = _need_db(ctx)
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
        parts.append(f"cũ nhất {_age(age.total_seconds())} / oldest pending")
        settings = _settings(ctx) or {}
        if hours > OUTBOX_AGE_WARN_HOURS and settings.get("portal_url"):
            status = WARN
    if rejected:
        parts.append(f"{rejected} bị cổng từ chối / rejected")
        status = WARN
    if conflicts:
        parts.append(f"{conflicts} xung đột / conflicts")
        status = WARN
    last = _sync_state(conn, "last_success")
    parts.append(f"đồng bộ thành công lần cuối: {last or 'chưa có'} / last success")
    settings = _settings(ctx) or {}
    if not settings.get("portal_url"):
        parts.append("(cổng DVC chưa cấu hình: hồ sơ chờ đến khi có / portal not configured)")
    return status, "; ".join(parts)


def _sync_state(conn: sqlite3.Connection, key: str) -> str | None:
    try:
        row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    except sqlite3.OperationalError:
        return None  # schema 1 has no sync_state table
    return row[0] if row else None


def _check_portal(ctx: _Context, enabled: bool, timeout: float) -> tuple[str, str]:
    settings = _settings(ctx)
    if settings is None:
        return SKIP, "không đọc được thiết lập / settings unreadable"
    url = settings.get("portal_url") or ""
    if not url:
        return OK, "chưa cấu hình: làm việc ngoại tuyến / not configured (offline mode)"
    if not enabled:
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
    config = replace(config, connect_timeout=timeout, read_timeout=max(timeout, 10.0))
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


def _check_clock(ctx: _Context) -> tuple[str, str]:
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


def _check_printers(ctx: _Context) -> tuple[str, str]:
    try:
        from PySide6.QtPrintSupport import QPrinterInfo
    except ImportError as exc:
        return WARN, f"không tải được Qt PrintSupport: {exc}"
    names = [p.printerName() for p in QPrinterInfo.availablePrinters()]
    default = QPrinterInfo.defaultPrinterName()
    chosen = ((_settings(ctx) or {}).get("printer") or "").strip()
    if not names:
        return WARN, (
            "không thấy máy in nào (vẫn lưu/xem PDF được) / no printer visible; "
            "kiểm tra trình điều khiển máy in"
        )
    detail = ", ".join(f"{n}{' (mặc định)' if n == default else ''}" for n in names)
    if chosen and chosen not in names:
        return WARN, f"máy in đã chọn '{chosen}' không thấy; hiện có: {detail}"
    return OK, detail


def _check_fonts(ctx: _Context) -> tuple[str, str]:
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


def _check_resources(ctx: _Context) -> tuple[str, str]:
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


def _check_backups(ctx: _Context) -> tuple[str, str]:
    found = backups.list_backups(paths.backups_dir(ctx.folder))
    parts = []
    status = OK
    if not found:
        status = WARN
        parts.append("chưa có bản sao lưu nào / no backup yet")
    else:
        newest = found[0]
        age = (clock.now() - newest.taken_at).total_seconds()
        parts.append(f"{len(found)} bản; mới nhất {newest.path.name} ({_age(age)} trước)")
        if age > BACKUP_AGE_WARN_DAYS * 86400:
            status = WARN
            parts.append("đã lâu không sao lưu / no recent backup")
    second = backups.second_folder(_settings(ctx) or {})
    if second is None:
        parts.append("thư mục thứ hai: chưa cấu hình / no second folder")
    elif not second.is_dir():
        status = WARN
        parts.append(f"thư mục thứ hai {second} không truy cập được (USB chưa cắm?)")
    else:
        parts.append(f"thư mục thứ hai: {second}")
    return status, "\n".join(parts)


def _check_logs(ctx: _Context) -> tuple[str, str]:
    directory = paths.logs_dir(ctx.folder)
    if not directory.exists():
        return OK, f"{directory} (chưa có tệp / none yet)"
    if not os.access(directory, os.W_OK):
        return WARN, f"{directory} không ghi được / not writable"
    files = sorted(p.name for p in directory.iterdir() if p.is_file())
    return OK, f"{directory} ({len(files)} tệp)"


# -- environment and bundle ----------------------------------------------------------------------
def environment() -> dict[str, str]:
    info = {
        "app_version": __version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "frozen": str(bool(getattr(sys, "frozen", False))),
        "executable": sys.executable,
        "resources": str(assets.resources_root()),
        "schema_version_supported": str(SCHEMA_VERSION),
    }
    try:
        import PySide6

        info["pyside6"] = PySide6.__version__
    except ImportError:
        info["pyside6"] = "missing"
    import sqlite3 as sqlite

    info["sqlite"] = sqlite.sqlite_version
    return info


def redacted_settings(folder: Path) -> dict[str, Any]:
    """The settings table without anything secret-looking (the password is not in it anyway)."""
    db_file = paths.db_path(Path(folder))
    if not db_file.exists():
        return {}
    try:
        conn = backups._open_readonly(db_file)
    except sqlite3.DatabaseError as exc:
        return {"_error": str(exc)}
    try:
        values = backups._read_settings(conn)
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
    folder = report.folder
    env_vars = {
        k: ("***" if any(w in k.lower() for w in SECRET_WORDS) else v)
        for k, v in os.environ.items()
        if k.startswith(("COUNTER_APP_", "QT_"))
    }
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("doctor.txt", report.to_text())
        bundle.writestr(
            "doctor.json", json.dumps(report.to_dict(), ensure_ascii=False, indent=2, default=str)
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
            f"{b.path.name}\t{_file_size(b.path)}"
            for b in backups.list_backups(paths.backups_dir(folder))
        ]
        bundle.writestr("backups.txt", "\n".join(listing) + "\n")
        logs = paths.logs_dir(folder)
        if logs.is_dir():
            for path in sorted(logs.iterdir()):
                if path.is_file():
                    bundle.write(path, f"logs/{path.name}")
    return target


# -- formatting helpers ---------------------------------------------------------------------------
def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if n < 1024 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TB"


def _file_size(path: Path) -> str:
    try:
        return _size(path.stat().st_size)
    except OSError:
        return "?"


def _age(seconds: float) -> str:
    seconds = max(0.0, seconds)
    if seconds < 3600:
        return f"{seconds / 60:.0f} phút"
    if seconds < 86400 * 2:
        return f"{seconds / 3600:.1f} giờ"
    return f"{seconds / 86400:.1f} ngày"
