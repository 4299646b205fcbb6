"""Qt's xcb plugin cannot load: the app names the real missing library, logs Qt's own
account (QT_DEBUG_PLUGINS) and prints one line with the apt command, exit 2 instead of
Qt's abort (134). The failure is made for real: a library the plugin loads is shadowed
(LD_LIBRARY_PATH) by one built here that needs a library that does not exist."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.ops import qt_platform
from counter_app.ops.qt_platform import (
    APT_PACKAGES,
    LIBRARY_PACKAGES,
    PlatformProblem,
    libraries_qt_cannot_open,
    missing_libraries,
    preflight,
)

ROOT = Path(__file__).resolve().parents[2]
LINUX = sys.platform.startswith("linux")
MISSING = "libcounterapp-missing.so.1"
BASE_SYSTEM = (
    "libc.so",
    "libm.so",
    "libgcc_s.so",
    "libstdc++.so",
    "ld-linux",
    "libz.so",
    "libzstd.so",
)

needs_toolchain = pytest.mark.skipif(
    not (LINUX and shutil.which("gcc") and shutil.which("ldd")),
    reason="needs Linux with gcc and ldd to build the broken library",
)


@pytest.fixture
def broken_libs(tmp_path: Path) -> Path:
    """A folder holding a libxcb-icccm.so.4 (which the xcb plugin needs) that itself needs
    libcounterapp-missing.so.1, which is nowhere: Qt's load fails exactly as it does on a
    box without a system library."""
    folder = tmp_path / "libs"
    folder.mkdir()
    source = tmp_path / "m.c"
    source.write_text("int counterapp_missing(void) { return 1; }\n", encoding="utf-8")
    subprocess.run(
        [
            "gcc",
            "-shared",
            "-fPIC",
            "-o",
            str(folder / MISSING),
            f"-Wl,-soname,{MISSING}",
            str(source),
        ],
        check=True,
    )
    shim = tmp_path / "f.c"
    shim.write_text(
        "extern int counterapp_missing(void);\nint shim(void) { return counterapp_missing(); }\n",
        encoding="utf-8",
    )
    subprocess.run(
        [
            "gcc",
            "-shared",
            "-fPIC",
            "-o",
            str(folder / "libxcb-icccm.so.4"),
            "-Wl,-soname,libxcb-icccm.so.4",
            str(shim),
            f"-L{folder}",
            f"-l:{MISSING}",
        ],
        check=True,
    )
    (folder / MISSING).unlink()
    return folder


def gui_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "DISPLAY", "COUNTER_APP_DATA")
    }
    env.update(HOME=str(tmp_path / "home"), COUNTER_APP_SECRETS="file", **extra)
    return env


def run_app(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "counter_app", "--data-dir", str(tmp_path / "data")],
        capture_output=True,
        text=True,
        errors="replace",
        cwd=ROOT,
        env=env,
        timeout=120,
    )


@needs_toolchain
def test_a_missing_library_is_named_logged_and_hinted(tmp_path: Path, broken_libs: Path) -> None:
    env = gui_env(tmp_path, LD_LIBRARY_PATH=str(broken_libs), DISPLAY=":99")
    done = run_app(tmp_path, env)
    assert done.returncode == 2, done.stderr  # not Qt's abort (134)
    hint = done.stderr.strip().splitlines()[-1]
    assert MISSING in hint
    assert "sudo apt install" in hint and "libxcb-cursor0" in hint  # unknown lib: full list
    log = (tmp_path / "data" / "logs" / "counter-app.log").read_text(encoding="utf-8")
    assert f"missing {MISSING}" in log
    assert f"{MISSING}: cannot open shared object file" in log  # Qt's own words, logged


@needs_toolchain
def test_ldd_and_qt_name_the_same_library(tmp_path: Path, broken_libs: Path) -> None:
    env = gui_env(tmp_path, LD_LIBRARY_PATH=str(broken_libs), DISPLAY=":99")
    assert missing_libraries(qt_platform.xcb_plugin(), env) == [MISSING]
    code, output = qt_platform.probe_qt(env)
    assert code != 0
    assert libraries_qt_cannot_open(output) == [MISSING]
    problem = preflight(env)
    assert problem is not None and problem.missing == [MISSING]
    assert any("cannot open shared object file" in line for line in problem.qt_output)


@pytest.mark.skipif(not (LINUX and shutil.which("ldd")), reason="Linux with ldd")
def test_without_a_desktop_session_the_app_says_so(tmp_path: Path) -> None:
    done = run_app(tmp_path, gui_env(tmp_path))
    assert done.returncode == 2, done.stderr
    hint = done.stderr.strip().splitlines()[-1]
    missing = missing_libraries(qt_platform.xcb_plugin())
    if missing:  # this box lacks a system library: that is named first
        assert all(name in hint for name in missing)
    else:
        assert "no desktop session" in hint and "sudo apt install" in hint


def test_the_hint_installs_just_the_packages_of_known_libraries() -> None:
    problem = PlatformProblem(missing=["libxcb-icccm.so.4", "libxcb-keysyms.so.1"])
    assert problem.apt_command == "sudo apt install libxcb-icccm4 libxcb-keysyms1"
    hint = problem.hint()
    assert "\n" not in hint
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in hint
    assert hint.endswith("sudo apt install libxcb-icccm4 libxcb-keysyms1")


def test_other_platforms_and_sessions_are_not_checked(tmp_path: Path) -> None:
    nowhere = tmp_path / "no-such-plugin.so"
    for env in (
        {"QT_QPA_PLATFORM": "offscreen"},
        {"QT_QPA_PLATFORM": "wayland"},
        {"WAYLAND_DISPLAY": "wayland-0"},
        {qt_platform.SKIP_ENV: "1"},
    ):
        assert preflight(env, plugin=nowhere) is None
    assert qt_platform.uses_xcb({"QT_QPA_PLATFORM": "xcb:nomitshm"})


def test_the_readme_apt_line_is_the_list_the_app_hints() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "sudo apt install " + " ".join(APT_PACKAGES) in readme


@pytest.mark.skipif(not (LINUX and shutil.which("readelf")), reason="Linux with readelf")
def test_the_list_covers_what_the_xcb_plugin_and_qt_link() -> None:
    """Every system library PySide6's xcb plugin, XcbQpa, Gui, Widgets, PrintSupport, Pdf
    and the CUPS print plugin link directly is in the list (the base system aside)."""
    plugin = qt_platform.xcb_plugin()
    qt = plugin.parents[2]
    files = [
        plugin,
        qt / "plugins" / "printsupport" / "libcupsprintersupport.so",
        *(
            qt / "lib" / f"libQt6{name}.so.6"
            for name in ("XcbQpa", "Gui", "Widgets", "PrintSupport", "Pdf", "Core", "DBus")
        ),
    ]
    needed: set[str] = set()
    for path in files:
        if path.exists():
            out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True)
            needed |= set(re.findall(r"Shared library: \[([^\]]+)\]", out.stdout))
    system = {
        n
        for n in needed
        if not n.startswith(("libQt6", "libicu")) and not n.startswith(BASE_SYSTEM)
    }
    assert "libxcb-cursor.so.0" in system
    assert system <= set(LIBRARY_PACKAGES), system - set(LIBRARY_PACKAGES)


# -- the parsers of outside text (ldd's listing, Qt's debug output) -----------------------
LIB_NAMES = st.from_regex(r"lib[a-z][a-z0-9-]{0,12}\.so(\.[0-9]{1,2}){0,2}", fullmatch=True)
NOISE = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)


@settings(max_examples=100, deadline=None)
@given(st.lists(LIB_NAMES, min_size=1, max_size=4, unique=True), NOISE, NOISE)
def test_qt_output_parser_finds_every_named_library(names, before, after) -> None:
    lines = [
        f'qt.core.library: "/x/libqxcb.so" cannot load: Cannot load library /x/libqxcb.so: '
        f"{name}: cannot open shared object file: No such file or directory"
        for name in names
    ]
    text = "\n".join([before.replace(":", " "), *lines, after.replace(":", " ")])
    assert libraries_qt_cannot_open(text) == names


@settings(max_examples=100, deadline=None)
@given(st.lists(LIB_NAMES, min_size=2, max_size=8, unique=True), st.data())
def test_ldd_listing_parser_finds_the_missing_ones(names, data) -> None:
    missing = data.draw(st.lists(st.sampled_from(names), unique=True))
    listing = "\n".join(
        f"\t{name} => not found" if name in missing else f"\t{name} => /lib/{name} (0x7f00)"
        for name in names
    )
    assert qt_platform._NOT_FOUND.findall(listing) == [n for n in names if n in missing]


@needs_toolchain
def test_the_doctor_names_a_missing_gui_library(
    tmp_path: Path, broken_libs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from counter_app.ops import doctor

    monkeypatch.setenv("LD_LIBRARY_PATH", str(broken_libs))
    check = doctor.run_doctor(tmp_path / "data", check_portal=False).get("gui_libraries")
    assert check.status == doctor.WARN
    assert MISSING in check.detail and "sudo apt install" in check.detail
