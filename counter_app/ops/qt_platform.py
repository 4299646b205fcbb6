"""Before the first window on Linux: can Qt's xcb platform plugin load here?

When it cannot, Qt aborts the process (SIGABRT, exit 134) and, since 6.5, blames
libxcb-cursor0 whatever is really missing. So the GUI asks first (`preflight`), and on a
problem logs the real cause and prints one line with the apt command instead of crashing:
- the plugin's shared libraries, from `ldd` on libqxcb.so (ldd lists the whole tree,
  libQt6XcbQpa's needs included): each "=> not found" is a missing system library; when
  one is missing, Qt's own account (a probe subprocess with QT_DEBUG_PLUGINS=1, whose
  "…: cannot open shared object file" lines name it) goes into the log too;
- no desktop session: neither $DISPLAY nor $WAYLAND_DISPLAY.
Nothing is checked on Windows/macOS, for another platform (offscreen, wayland, vnc…),
or when $COUNTER_APP_SKIP_PLATFORM_CHECK is set.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

SKIP_ENV = "COUNTER_APP_SKIP_PLATFORM_CHECK"

# What PySide6's xcb plugin and QtGui/QtWidgets/QtPrintSupport/QtPdf link on Debian/Ubuntu
# (checked with ldd + dpkg -S); the README's apt line is this list.
LIBRARY_PACKAGES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libcups.so.2": "libcups2",
}
APT_PACKAGES: tuple[str, ...] = tuple(dict.fromkeys(LIBRARY_PACKAGES.values()))

_NOT_FOUND = re.compile(r"^\s*(\S+)\s*=>\s*not found\s*$", re.MULTILINE)
_CANNOT_OPEN = re.compile(r"([\w.+-]+\.so(?:\.[0-9]+)*): cannot open shared object file")


@dataclass
class PlatformProblem:
    """Why the window cannot open: `missing` libraries, or no desktop session."""

    missing: list[str] = field(default_factory=list)
    no_display: bool = False
    qt_output: list[str] = field(default_factory=list)  # Qt's own lines, for the log

    @property
    def packages(self) -> list[str]:
        """The apt packages to install: those of the missing libraries, or all of them
        when a missing library is not one we know."""
        known = [LIBRARY_PACKAGES.get(name) for name in self.missing]
        if not self.missing or None in known:
            return list(APT_PACKAGES)
        return list(dict.fromkeys(p for p in known if p))

    @property
    def apt_command(self) -> str:
        return "sudo apt install " + " ".join(self.packages)

    def hint(self) -> str:
        """One line for the terminal."""
        if self.missing:
            return (
                f"Không mở được giao diện: thiếu thư viện hệ thống {', '.join(self.missing)}. "
                f"Cài bằng / missing system libraries, install with: {self.apt_command}"
            )
        if self.no_display:
            return (
                "Không mở được giao diện: cần một phiên làm việc đồ họa (màn hình nền, $DISPLAY)"
                " / no desktop session: start the app from the desktop; "
                f"system packages: {self.apt_command}"
            )
        return (
            "Không mở được giao diện: Qt không tải được plugin xcb (xem nhật ký) / Qt cannot "
            f"load its xcb plugin (see the log); system packages: {self.apt_command}"
        )

    def log_text(self) -> str:
        if self.missing:
            text = f"Qt xcb platform plugin cannot load: missing {', '.join(self.missing)}"
        elif self.no_display:
            text = "Qt xcb platform plugin cannot connect: no DISPLAY or WAYLAND_DISPLAY"
        else:
            text = "Qt xcb platform plugin cannot load"
        if self.qt_output:
            text += "\nQt (QT_DEBUG_PLUGINS=1) said:\n" + "\n".join(self.qt_output)
        return text


def xcb_plugin() -> Path:
    """Qt's xcb platform plugin, where this PySide6 (or the bundle) keeps its plugins."""
    from PySide6.QtCore import QLibraryInfo

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    return plugins / "platforms" / "libqxcb.so"


def missing_libraries(library: Path, env: Mapping[str, str] | None = None) -> list[str] | None:
    """The shared libraries `ldd` cannot find for `library` (its whole tree), in order;
    None when ldd is not available or fails."""
    try:
        done = subprocess.run(
            ["ldd", str(library)],
            capture_output=True,
            text=True,
            timeout=30,
            env=dict(env) if env is not None else None,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0 and "not found" not in done.stdout:
        return None
    return list(dict.fromkeys(_NOT_FOUND.findall(done.stdout)))


def libraries_qt_cannot_open(qt_output: str) -> list[str]:
    """The libraries named in Qt's "…: cannot open shared object file" lines."""
    return list(dict.fromkeys(_CANNOT_OPEN.findall(qt_output)))


PROBE_CODE = "from PySide6.QtGui import QGuiApplication; QGuiApplication([])"


def probe_qt(env: Mapping[str, str], platform: str = "xcb") -> tuple[int, str]:
    """Start a QGuiApplication on `platform` in a subprocess with QT_DEBUG_PLUGINS=1;
    returns its exit code and Qt's output (stderr)."""
    probe_env = {**env, "QT_QPA_PLATFORM": platform, "QT_DEBUG_PLUGINS": "1"}
    try:
        done = subprocess.run(
            [sys.executable, "-c", PROBE_CODE],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=60,
            env=probe_env,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return -1, str(exc)
    return done.returncode, done.stderr


def qt_lines(qt_output: str) -> list[str]:
    """The lines of Qt's debug output worth logging: load failures and the final verdict."""
    keep = ("cannot open shared object", "Cannot load library", "could not connect", "Could not")
    return [line.strip() for line in qt_output.splitlines() if any(k in line for k in keep)]


def uses_xcb(env: Mapping[str, str]) -> bool:
    """Whether Qt would pick the xcb plugin with this environment."""
    requested = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if requested:
        return requested == "xcb"
    return not env.get("WAYLAND_DISPLAY")  # a Wayland session gets Qt's wayland plugin


def preflight(
    env: Mapping[str, str] | None = None, *, plugin: Path | None = None
) -> PlatformProblem | None:
    """None when the window can open (or this is not a check we make); else the problem."""
    env = os.environ if env is None else env
    if not sys.platform.startswith("linux") or env.get(SKIP_ENV) or not uses_xcb(env):
        return None
    plugin = plugin or xcb_plugin()
    missing = missing_libraries(plugin, env) if plugin.exists() else None
    if missing:
        _code, output = probe_qt(env)
        return PlatformProblem(missing=missing, qt_output=qt_lines(output))
    if missing is None:  # no ldd: ask Qt itself (slower, only on such systems)
        code, output = probe_qt(env)
        if code != 0:
            named = libraries_qt_cannot_open(output)
            if named or env.get("DISPLAY"):
                return PlatformProblem(missing=named, qt_output=qt_lines(output))
            return PlatformProblem(no_display=True, qt_output=qt_lines(output))
        return None
    if not env.get("DISPLAY"):
        return PlatformProblem(no_display=True)
    return None
