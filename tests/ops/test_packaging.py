"""Packaging: the one version source, the package data the wheel ships, the 3.11 workaround.

`.ci/check-wheel` builds and installs the real wheel; these are the quick checks of what
it relies on.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import counter_app
from counter_app import assets
from counter_app.gui import compat
from counter_app.ops.selftest import run_self_test

ROOT = Path(__file__).resolve().parents[2]


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_version_has_one_source() -> None:
    project = _pyproject()
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    dynamic = project["tool"]["setuptools"]["dynamic"]["version"]
    assert dynamic == {"attr": "counter_app.__version__"}
    assert counter_app.__version__.count(".") == 2


def test_package_data_covers_what_the_app_reads() -> None:
    patterns = _pyproject()["tool"]["setuptools"]["package-data"]["counter_app.resources"]
    shipped = {
        p.relative_to(ROOT / "resources")
        for pat in patterns
        for p in (ROOT / "resources").glob(pat)
    }
    root = assets.resources_root()
    for needed in (
        "catalogue.json",
        "fonts/LiberationSerif-Regular.ttf",
        "fonts/LiberationSerif-Bold.ttf",
        "fonts/LiberationSerif-Italic.ttf",
        "fonts/LiberationSerif-BoldItalic.ttf",
        "fonts/LICENSE-LiberationSerif.txt",  # the OFL travels with the fonts
        "icons/counter-app.png",
        "i18n/counter_app_en.qm",
    ):
        assert Path(needed) in shipped, needed
        assert (root / needed).is_file(), needed
    # generators and translation sources stay out of the wheel
    assert not any(p.suffix in (".py", ".ts") for p in shipped)


def test_gui_and_console_entry_points() -> None:
    project = _pyproject()["project"]
    assert project["scripts"]["counter-app"] == "counter_app.cli:main"
    assert project["gui-scripts"]["counter-app-gui"] == "counter_app.cli:main"


def test_refcount_workaround_only_before_python_3_12() -> None:
    # the GUI modules imported by the test suite have already called protect_singletons()
    import counter_app.gui.app  # noqa: F401

    assert compat.affected() == (sys.version_info < (3, 12))
    assert compat.is_active() == compat.affected()
    assert compat.protect_singletons() is False  # once per process, and never on 3.12+


def test_self_test_reports_python_and_workaround() -> None:
    lines: list[str] = []
    assert run_self_test(lines.append) == 0, "\n".join(lines)
    line = next(line for line in lines if line.startswith("ok   python"))
    assert f"Python {sys.version.split()[0]}" in line
    expected = "active" if compat.affected() else "inactive"
    assert line.endswith(f"refcount workaround {expected}")
