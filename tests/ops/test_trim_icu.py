"""`.ci/trim_icu.py`: the smaller ICU data library the Linux bundle ships (build.spec).

Built here from the dev venv's own PySide6 ICU data; a child process loads it in place of
the full one (LD_LIBRARY_PATH comes before Qt's $ORIGIN run path) and runs the bundle
self-test's Vietnamese collation and case check, plus a time-zone name.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("trim_icu", ROOT / ".ci" / "trim_icu.py")
assert _spec is not None and _spec.loader is not None
trim_icu = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(trim_icu)


def _qt_icu_data() -> Path | None:
    try:
        import PySide6
    except ImportError:
        return None
    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    return next((path for path in found if not path.is_symlink()), None)


ICU_DATA = _qt_icu_data()
needs_qt_icu = pytest.mark.skipif(
    not sys.platform.startswith("linux")
    or ICU_DATA is None
    or not all(shutil.which(tool) for tool in ("readelf", "as", "ld")),
    reason="Linux PySide6 wheel with its own ICU, and binutils",
)


def test_keeps_root_english_vietnamese_and_the_shared_data() -> None:
    keep = trim_icu.keep_item
    for name in (
        "icudt73l/coll/vi.res",
        "icudt73l/coll/root.res",
        "icudt73l/coll/ucadata.icu",
        "icudt73l/coll/res_index.res",
        "icudt73l/zone/en_GB.res",
        "icudt73l/zone/pool.res",
        "icudt73l/vi.res",
        "icudt73l/en_US_POSIX.res",
        "icudt73l/root.res",
        "icudt73l/pool.res",
        "icudt73l/supplementalData.res",
        "icudt73l/zoneinfo64.res",
        "icudt73l/likelySubtags.res",
        "icudt73l/cnvalias.icu",
        "icudt73l/nfkc.nrm",
    ):
        assert keep(name), name
    for name in (
        "icudt73l/coll/zh.res",
        "icudt73l/zone/fr.res",
        "icudt73l/fr.res",
        "icudt73l/brkitr/cjdict.dict",
        "icudt73l/brkitr/vi.res",
        "icudt73l/translit/root.res",
        "icudt73l/curr/vi.res",
        "icudt73l/gb18030.cnv",
        "icudt73l/unames.icu",
        "icudt73l/rfc3491.spp",
    ):
        assert not keep(name), name


@needs_qt_icu
def test_package_round_trip_keeps_every_item() -> None:
    assert ICU_DATA is not None
    header, items = trim_icu.read_package(trim_icu.extract_package(ICU_DATA))
    again_header, again = trim_icu.read_package(trim_icu.write_package(header, items))
    assert again_header == header
    assert [name for name, _ in again] == [name for name, _ in items]
    for (_, before), (_, after) in zip(items, again, strict=True):
        assert after[: len(before)] == before
        assert len(after) - len(before) < trim_icu.ALIGNMENT


CHILD = """
from PySide6.QtCore import QLocale, QTimeZone
from counter_app.ops.selftest import vietnamese_text_check
print(vietnamese_text_check())
zone = QTimeZone(b"Asia/Ho_Chi_Minh")
print(zone.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale("vi")))
"""


@needs_qt_icu
def test_trimmed_library_sorts_and_cases_vietnamese(tmp_path: Path) -> None:
    assert ICU_DATA is not None
    library, figures = trim_icu.trimmed_icu_library(ICU_DATA, tmp_path / "icu")
    assert library.name == ICU_DATA.name
    assert figures["trimmed_bytes"] < 8 * 1024 * 1024 < figures["original_bytes"]

    def child(extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ, PYTHONPATH=str(ROOT), **extra)
        return subprocess.run(
            [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=60
        )

    full = child({})
    trimmed = child({"LD_LIBRARY_PATH": str(library.parent), "LD_DEBUG": "libs"})
    assert trimmed.returncode == 0, trimmed.stderr[-3000:]
    assert f"init: {library}" in trimmed.stderr  # the trimmed library is the one loaded
    assert trimmed.stdout.startswith("11 words sorted, Đ after D"), trimmed.stdout
    assert trimmed.stdout == full.stdout  # the same Vietnamese time-zone name too
