"""A normal GUI start imports only what the sign-in window needs (issue 15: start <= 2x a bare
PySide6 window). holidays, vietnam_provinces, sqlite_utils, ReportLab (the forms), the
digitised documents (capture, spool, attachments) and the setup dialog are imported on first
use; bench/bench_gui.py measures the time itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

ROOT = Path(__file__).resolve().parents[2]
NOT_AT_START = (
    "holidays",
    "vietnam_provinces",
    "sqlite_utils",
    "reportlab",
    "counter_app.forms",
    "counter_app.services.prints",
    "counter_app.capture",
    "counter_app.services.attachments",
    "counter_app.services.open_captures",
    "counter_app.services.drafts",
    "counter_app.services.reports",
    "counter_app.ops.backups",
    "counter_app.ops.code_floor",
    "counter_app.store.search_index",
    "counter_app.store.capture_spool",
    "counter_app.gui.dialogs.setup",
    "counter_app.gui.dialogs.sync_problems",
)

CHILD = """
import sys
from counter_app.cli import main
code = main(["--data-dir", sys.argv[1]])
print("EXIT", code)
print("MODULES", " ".join(sorted(sys.modules)))
"""


def test_gui_start_leaves_the_heavy_modules_for_later(tmp_path: Path) -> None:
    from counter_app.services import CounterService

    folder = tmp_path / "data"
    service = CounterService.open(folder)
    service.settings.configure(
        unit_code="000.00.01.H22",
        ward_code=70,
        counter=1,
        centre_name="Trung tâm Phục vụ hành chính công phường Hoàn Kiếm",
        actor="test",
    )
    service.staff.add("an.nv", "Nguyễn Văn An", "matkhau1-quay", role="admin", actor="test")
    service.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", COUNTER_APP_STARTUP_PROBE="1")
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "STARTUP_IDLE" in result.stdout, result.stderr[-3000:]
    assert "EXIT 0" in result.stdout, result.stderr[-3000:]
    modules = set(result.stdout.split("MODULES", 1)[1].split())
    loaded = sorted(
        name for name in modules if any(name == m or name.startswith(m + ".") for m in NOT_AT_START)
    )
    assert loaded == []
