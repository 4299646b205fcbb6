"""Shared helpers for the benchmarks: a configured data folder, a cached 1,000,000-dossier DB."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))
# the benchmark folders' database keys go to files inside them, never into a keyring
os.environ.setdefault("COUNTER_APP_SECRETS", "file")

from counter_app.services import CounterService  # noqa: E402

# COUNTER_BENCH_OUT: where the cached big folders live (e.g. /tmp, shared between checkouts)
OUT = Path(os.environ.get("COUNTER_BENCH_OUT") or ROOT / "out")
UNIT = "000.00.01.H22"
# Bump when the demo generator changes what it writes (a cached folder of another kind is
# rebuilt): "weighted-names" = surnames and middle names with their real shares.
DEMO_KIND = "weighted-names"


def configured_service(folder: Path, *, encrypted: bool = True) -> CounterService:
    """`encrypted=False`: a plain database, the baseline of the encryption figures only."""
    if encrypted:
        service = CounterService.open(folder)
    else:
        from counter_app.store.database import Store

        service = CounterService(Store(folder, encrypted=False))
    if not service.settings.is_configured():
        service.settings.configure(
            unit_code=UNIT,
            ward_code=70,
            counter=1,
            centre_name="Trung tâm Phục vụ hành chính công phường Hoàn Kiếm",
            actor="bench",
        )
        service.staff.add("an.nv", "Nguyễn Văn An", "matkhau1-quay", role="admin", actor="bench")
    return service


def copy_counter_db(source_folder: Path, target_folder: Path) -> None:
    """Copy a data folder's (checkpointed) database into another folder, with its key."""
    from counter_app.store import db_key

    shutil.copy2(source_folder / "counter.db", target_folder / "counter.db")
    key = db_key.folder_key(source_folder)
    if key is not None:
        db_key.save_folder_key(target_folder, key)


def big_data_folder(count: int, *, encrypted: bool = True) -> Path:
    """A data folder with `count` demo dossiers, built once and reused (bench/out is ignored);
    `encrypted=False`: its plain twin (the encryption baseline)."""
    folder = OUT / (f"dossiers-{count}" + ("" if encrypted else "-plain"))
    marker = folder / "complete"
    if marker.exists() and DEMO_KIND in marker.read_text():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    service = configured_service(folder, encrypted=encrypted)
    started = time.perf_counter()
    from counter_app.demo import generate_demo_data

    generate_demo_data(service, count, seed=7, days=365)
    service.store.conn().execute("PRAGMA optimize")
    service.close()
    marker.write_text(f"{time.perf_counter() - started:.1f} s {DEMO_KIND}\n")
    print(f"built {count:,} dossiers in {marker.read_text().strip()}", file=sys.stderr)
    return folder


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def print_table(title: str, rows: list[tuple[str, str]]) -> None:
    print(title)
    width = max(len(r[0]) for r in rows)
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")


def print_json(figures: dict) -> None:
    print(json.dumps(figures, ensure_ascii=False))
