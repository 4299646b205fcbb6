"""`counter-app doctor`: a health report of one data folder and this installation.

Read-only and lock-free: it works while the app is running, and on a damaged folder (each
check catches its own failure; checks that need an unreadable database are skipped).
A check's status is ok, warn (worth a look, not blocking) or fail (a problem: the command's
exit code is 1). The checks are in `health_checks`; `support_bundle.write_bundle` zips the
report with the logs and the settings (without secrets) for support.
"""

from __future__ import annotations

import platform
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from counter_app import __version__, assets
from counter_app.domain import clock
from counter_app.ops.health_checks import CHECKS, FAIL, OK, SKIP, WARN, CheckContext
from counter_app.store.migrations import SCHEMA_VERSION

STATUS_TEXT = {OK: "OK", WARN: "CẢNH BÁO", FAIL: "LỖI", SKIP: "BỎ QUA"}


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


# -- running the checks -----------------------------------------------------------------------
def run_doctor(
    folder: Path, *, check_portal: bool = True, portal_timeout: float = 5.0
) -> DoctorReport:
    folder = Path(folder)
    report = DoctorReport(
        folder=folder, started_at=clock.to_storage(clock.now()), environment=environment()
    )
    ctx = CheckContext(folder, check_portal=check_portal, portal_timeout=portal_timeout)
    try:
        for key, label, step in CHECKS:
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


# -- environment -----------------------------------------------------------------------------
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
    from counter_app.store import driver

    info["sqlite"] = driver.sqlite_version
    info["sqlcipher"] = driver.cipher_version()
    return info
