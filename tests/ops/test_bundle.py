"""The built PyInstaller bundle (dist/counter-app), when there is one: `.ci/build-bundle` builds it.

Skipped when no bundle was built, or when the sources are newer than the bundle (a stale
bundle would test old code). The bundle runs with a clean environment: no venv on PATH,
no PYTHONPATH, a fresh HOME, another working directory.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "counter-app"
EXE = BUNDLE / ("counter-app-cli.exe" if sys.platform == "win32" else "counter-app")


def _newest_source() -> float:
    paths = [*ROOT.joinpath("counter_app").rglob("*.py"), ROOT / "build.spec"]
    return max(p.stat().st_mtime for p in paths if p.exists())


pytestmark = [
    pytest.mark.skipif(not EXE.exists(), reason="no bundle: run .ci/build-bundle"),
    pytest.mark.skipif(
        EXE.exists() and EXE.stat().st_mtime < _newest_source(),
        reason="the bundle is older than the sources: run .ci/build-bundle",
    ),
]


def run_bundle(*args: str, home: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.defpath if sys.platform != "win32" else os.environ.get("PATH", ""),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "COUNTER_APP_SECRETS": "file",
    }
    if sys.platform == "win32":
        env["SYSTEMROOT"] = os.environ.get("SYSTEMROOT", r"C:\Windows")
        env["USERPROFILE"] = env["LOCALAPPDATA"] = str(home)
    return subprocess.run(
        [str(EXE), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        input=stdin,
        cwd=home,
        env=env,
        timeout=120,
    )


def test_bundle_self_test(tmp_path: Path) -> None:
    result = run_bundle("--self-test", home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[-1] == "OK"
    for step in ("receive dossier", "render receipt", "pdf module", "main window"):
        assert any(line.startswith(f"ok   {step}") for line in lines), result.stdout


def test_bundle_sorts_and_upper_cases_vietnamese_with_its_trimmed_icu(tmp_path: Path) -> None:
    result = run_bundle("--self-test", home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert any(
        line.startswith("ok   vietnamese collation and case") for line in result.stdout.splitlines()
    ), result.stdout
    for icu_data in BUNDLE.rglob("libicudata.so*"):
        if icu_data.is_file():
            assert icu_data.stat().st_size < 8 * 1024 * 1024, icu_data


def test_bundle_runs_python_3_12_without_the_refcount_workaround(tmp_path: Path) -> None:
    result = run_bundle("--self-test", home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("ok   python"))
    found = re.search(r"Python (\d+)\.(\d+)\.\d+", line)
    assert found, line
    assert (int(found[1]), int(found[2])) >= (3, 12), line
    assert line.endswith("refcount workaround inactive"), line


def test_bundle_setup_doctor_backup(tmp_path: Path) -> None:
    data = tmp_path / "data"
    password = "matkhau1-quay\n"  # the bundle hashes at the real cost: two sign-ins only
    result = run_bundle(
        "--data-dir",
        str(data),
        "--user",
        "an.nv",
        "--password-stdin",
        "setup",
        "--unit-code",
        "000.00.01.H22",
        "--ward-code",
        "70",
        "--counter",
        "1",
        "--centre-name",
        "Trung tâm Phục vụ hành chính công phường Hoàn Kiếm",
        "--admin-name",
        "Nguyễn Văn An",
        home=tmp_path,
        stdin=password,
    )
    assert result.returncode == 0, result.stderr
    result = run_bundle(
        "--data-dir", str(data), "--user", "an.nv", "--password-stdin", "backup",
        home=tmp_path, stdin=password,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    result = run_bundle("--data-dir", str(data), "doctor", "--no-portal", home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Phông chữ biểu mẫu" in result.stdout
    assert (data / "logs" / "counter-app.log").exists()


def test_bundle_training_syncs_to_its_stand_in_and_refuses_it_otherwise(tmp_path: Path) -> None:
    """Training in the bundle shows sync working (issue 12, item 7): the stand-in portal is
    bundled, runs on 127.0.0.1 and takes a dossier; outside training it refuses to start."""
    result = run_bundle("--self-test", home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    synced = next(line for line in lines if line.startswith("ok   training sync"))
    assert re.search(r"synced to http://127\.0\.0\.1:\d+$", synced), synced
    refused = next(line for line in lines if line.startswith("ok   stand-in refused"))
    assert refused.endswith("— refused"), refused
