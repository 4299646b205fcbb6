"""Translations: Vietnamese is the source language in tr(); English comes from a .qm file.

Sources: ``resources/i18n/counter_app_en.ts`` (edit with Qt Linguist or by hand; refresh
the message list with `update_sources()`, which reads every module under gui/, subpackages
included).
Compiled: ``resources/i18n/counter_app_en.qm``, produced by ``pyside6-lrelease``.

Qt ships no Vietnamese for its own strings (qtbase), so the print, page-setup and file dialogs,
the message-box buttons and the line-edit menu would speak English in a Vietnamese interface.
``resources/i18n/qtbase_vi.ts`` holds our Vietnamese for exactly those strings, under Qt's own
contexts and source texts (QPrintDialog, QPrintWidget, QPrintSettingsOutput, QPageSetupWidget,
QFileDialog, QFileSystemModel, QPlatformTheme, QLineEdit, …, as in Qt 6's qtbase_*.ts); it is
compiled with the others and installed whenever the interface is Vietnamese.

Build/install step: ``python -m counter_app.gui.i18n --compile`` (the packaging build must
run it so the bundle ships the .qm). At start-up the app calls `ensure_compiled()`, which
compiles only when the .qm is missing or older than the .ts, and never fails the start-up:
without a .qm the interface stays Vietnamese.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from counter_app.assets import resource_path
from counter_app.domain.status import STATUS_NAMES, STATUS_NAMES_EN

LANGUAGES = ("vi", "en")
_current_language = "vi"
_installed: list[QTranslator] = []


# (catalogue, language) of every .ts we compile: our messages in English, Qt's in Vietnamese.
CATALOGUES = (("counter_app", "en"), ("qtbase", "vi"))


def ts_path(language: str = "en", catalogue: str = "counter_app") -> Path:
    return resource_path("i18n", f"{catalogue}_{language}.ts")


def qm_path(language: str = "en", catalogue: str = "counter_app") -> Path:
    return resource_path("i18n", f"{catalogue}_{language}.qm")


def _find_tool(tool: str) -> Path | None:
    """pyside6-<tool> from the venv or PATH, or the <tool> binary inside PySide6."""
    here = Path(sys.executable).parent
    for name in (f"pyside6-{tool}", f"pyside6-{tool}.exe", tool, f"{tool}.exe"):
        candidate = here / name
        if candidate.exists():
            return candidate
    found = shutil.which(f"pyside6-{tool}") or shutil.which(tool)
    if found:
        return Path(found)
    import PySide6

    base = Path(PySide6.__file__).parent
    for candidate in (base / tool, base / f"{tool}.exe", base / "Qt" / "libexec" / tool):
        if candidate.exists():
            return candidate
    return None


def find_lrelease() -> Path | None:
    return _find_tool("lrelease")


def update_sources(language: str = "en") -> str:
    """Refresh the .ts from every GUI module (pyside6-lupdate keeps existing translations).

    A developer step after changing texts; new messages stay "unfinished" (and show in
    Vietnamese) until someone translates them.
    """
    tool = _find_tool("lupdate")
    if tool is None:
        raise RuntimeError("pyside6-lupdate not found")
    import subprocess  # developer and build steps only: not at every start

    sources = sorted(str(p) for p in Path(__file__).resolve().parent.rglob("*.py"))
    result = subprocess.run(
        [str(tool), *sources, "-ts", str(ts_path(language))],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"lupdate failed: {result.stderr.strip() or result.stdout}")
    return result.stdout.strip()


def needs_compile(language: str = "en", catalogue: str = "counter_app") -> bool:
    source, target = ts_path(language, catalogue), qm_path(language, catalogue)
    if not source.exists():
        return False
    return not target.exists() or target.stat().st_mtime < source.stat().st_mtime


def compile_translations(*, force: bool = False, quiet: bool = True) -> list[Path]:
    """Run lrelease for every .ts that needs it; returns the .qm files written.

    Raises RuntimeError when lrelease is missing or fails (the build step must notice).
    """
    import subprocess  # developer and build steps only: not at every start

    written = []
    for catalogue, language in CATALOGUES:
        source, target = ts_path(language, catalogue), qm_path(language, catalogue)
        if not source.exists():
            continue
        if not force and not needs_compile(language, catalogue):
            continue
        tool = find_lrelease()
        if tool is None:
            raise RuntimeError(
                "pyside6-lrelease not found: install PySide6-Essentials in this environment"
            )
        result = subprocess.run(
            [str(tool), str(source), "-qm", str(target)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0 or not target.exists():
            raise RuntimeError(f"lrelease failed: {result.stderr.strip() or result.stdout}")
        if not quiet:
            print(result.stdout.strip())
        written.append(target)
    return written


def ensure_compiled() -> None:
    """Start-up variant: compile a missing/stale .qm when possible, never raise."""
    if getattr(sys, "frozen", False):
        return  # the bundle ships its compiled .qm; its folder may be read-only
    try:
        compile_translations()
    except (OSError, RuntimeError):
        pass


def install_translator(language: str) -> bool:
    """Load the translation for `language` into the running QCoreApplication.

    Vietnamese (the source language) needs none of ours, only our Vietnamese for Qt's own
    dialogs (qtbase_vi). Returns whether an English translation is active.
    """
    global _current_language
    app = QCoreApplication.instance()
    for translator in _installed:
        if app is not None:
            app.removeTranslator(translator)
    _installed.clear()
    _current_language = "vi"
    if language not in LANGUAGES or language == "vi":
        QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        ensure_compiled()
        qt_vietnamese = QTranslator()
        if app is not None and qt_vietnamese.load(str(qm_path("vi", "qtbase"))):
            app.installTranslator(qt_vietnamese)
            _installed.append(qt_vietnamese)
        return False
    ensure_compiled()
    translator = QTranslator()
    if app is None or not translator.load(str(qm_path(language))):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    # Qt's own strings (file dialogs, buttons) when Qt ships them.
    qt_translator = QTranslator()
    if qt_translator.load(QLocale(language), "qtbase", "_", _qt_translations_dir()):
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    _current_language = language
    return True


def _qt_translations_dir() -> str:
    from PySide6.QtCore import QLibraryInfo

    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def current_language() -> str:
    return _current_language


def status_label(code: int) -> str:
    """The dossier status name in the interface language."""
    names = STATUS_NAMES_EN if _current_language == "en" else STATUS_NAMES
    return names.get(int(code), f"{code}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compile the interface translations (.ts → .qm)")
    parser.add_argument("--compile", action="store_true", help="run lrelease when needed")
    parser.add_argument("--force", action="store_true", help="recompile even when up to date")
    parser.add_argument(
        "--update", action="store_true", help="refresh the .ts from the sources (lupdate) first"
    )
    args = parser.parse_args(argv)
    if not (args.compile or args.update):
        parser.print_help()
        return 0
    try:
        if args.update:
            print(update_sources())
        if not args.compile:
            return 0
        written = compile_translations(force=args.force, quiet=False)
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{len(written)} translation file(s) compiled" if written else "translations up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
