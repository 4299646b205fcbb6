"""The faster scan behind PySide6's import hook answers as PySide6's own scan does."""

from __future__ import annotations

import sys
import types

import PySide6.QtCore  # noqa: F401  (installs PySide6's import hook)

from counter_app.gui import pyside_import_scan


def _scan():
    pyside_import_scan.install()
    return sys.modules["shibokensupport.feature"]._mod_uses_pyside


def test_every_loaded_module_gets_pysides_own_answer() -> None:
    import counter_app.gui.app  # noqa: F401  (Qt modules and Qt-free ones alike)
    import counter_app.services  # noqa: F401

    scan = _scan()
    modules = [m for m in list(sys.modules.values()) if isinstance(m, types.ModuleType)]
    answers = {m.__name__: scan(m) for m in modules}
    assert answers == {m.__name__: scan.pyside_scan(m) for m in modules}
    assert answers["counter_app.gui.app"] is True
    assert answers["counter_app.services.front"] is False


def test_a_module_without_a_readable_source_goes_to_pysides_scan(tmp_path) -> None:
    scan = _scan()
    gone = types.ModuleType("gone_module")
    gone.__file__ = str(tmp_path / "gone_module.py")  # never written
    built = types.ModuleType("built_module")  # no __file__ at all
    for module in (gone, built):
        assert scan(module) is scan.pyside_scan(module) is False


def test_installing_twice_keeps_one_wrapper() -> None:
    first = _scan()
    assert pyside_import_scan.install() is False
    assert sys.modules["shibokensupport.feature"]._mod_uses_pyside is first
