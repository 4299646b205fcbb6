"""Small screens (issue 12, item 2): at 1366×768 and 1280×720 every window and its buttons
lie inside the screen's available geometry.

The offscreen platform's screen size comes from a config file and is fixed per process
(`offscreen:size=` is not a thing), so each size runs tests/gui/small_screen_probe.py in its
own process and reads its JSON report.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("small_screen_probe.py")
ROOT = Path(__file__).resolve().parents[2]


def screen_config(path: Path, width: int, height: int) -> Path:
    screen = {"name": "Counter", "x": 0, "y": 0, "width": width, "height": height}
    screen.update(logicalDpi=96, logicalBaseDpi=96, dpr=1)
    path.write_text(json.dumps({"windowFrameMargins": True, "screens": [screen]}))
    return path


def probe(tmp_path: Path, width: int, height: int) -> dict:
    config = screen_config(tmp_path / "screen.json", width, height)
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    result = subprocess.run(
        [sys.executable, str(PROBE), str(tmp_path / "data")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert result.returncode == 0 and lines, result.stderr[-3000:]
    return json.loads(lines[-1])


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1280, 720)])
def test_every_window_and_button_fits_the_screen(tmp_path: Path, width: int, height: int) -> None:
    report = probe(tmp_path, width, height)
    assert report["available"] == [0, 0, width, height]  # the probe really ran at that size
    windows = report["windows"]
    assert set(windows) == {
        "signin",
        "intake",
        "intake-filled",
        "list",
        "today",
        "detail",
        "action-supplement",
        "preview",
        "settings",
        "sync-problems",
        "capture",
        "batch-handover",
    }
    misfits = {
        name: window
        for name, window in windows.items()
        if not window["inside"] or window["buttons_outside"]
    }
    assert misfits == {}
