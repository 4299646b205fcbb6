"""GUI benchmark (offscreen): start-up, list + first search at N dossiers, memory, backups.

Targets: start-up (process start -> main window shown and event loop idle) median <= 1.5 s
and <= 2x a bare PySide6 window process measured in the same run (issue 15); opening the list and a
first search at 1,000,000 dossiers <= 200 ms; resident memory with the list open <= 250 MB.

Start at 1,000,000 dossiers (issue 12 item 9, issue 15): the first start of the day (no
backup made today: the day's backup of the big database begins as soon as start-up settled,
COUNTER_APP_BACKUP_DELAY_MS=0, on its own thread) and a warm start (today's backup made), to
a usable window: target <= 1 s. Then the window's list and first search while the day's
backup runs, against the same after it (the backup must not hold the window's DB thread),
and how long the backup itself takes. `--compare-with DIR` also times the first start of
another checkout (e.g. main) on the same folder, in the same run.

Usage: python bench/bench_gui.py [--dossiers 1000000] [--repeat 7] [--startup-only]
       [--big-start-only] [--compare-with /work/main]
Big folders are cached in bench/out, or in $COUNTER_BENCH_OUT (e.g. under /tmp).
Prints a readable table, then one JSON object on the last line.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, big_data_folder, configured_service, median, print_json, print_table

PYTHON = sys.executable
REPO = ROOT.parent
STARTUP_MS_TARGET = 1500
STARTUP_RATIO_TARGET = 2.0  # app start-up / bare PySide6 window start-up
BIG_START_MS_TARGET = 1000  # first start of the day and warm start at 1M, to a usable window

# The same "shown" criterion as the app's probe: the central widget painted, loop idle.
BARE_WINDOW = """
import time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication([])
window = QMainWindow()
label = QLabel("bare")
window.setCentralWidget(label)
window.resize(1280, 800)
class Probe(QObject):
    painted = False
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            Probe.painted = True
        return False
probe = Probe()
label.installEventFilter(probe)
window.show()
def idle():
    if not Probe.painted:
        QTimer.singleShot(1, idle)
        return
    print(f"STARTUP_IDLE {time.time():.6f}", flush=True)
    app.quit()
QTimer.singleShot(0, idle)
app.exec()
"""

DIRECT_GUI = """
import argparse, sys
from counter_app.gui.app import run_gui
args = argparse.Namespace(data_dir=sys.argv[1], demo=False, screenshots=None)
sys.exit(run_gui(args, []))
"""


def _env(code_root: Path = REPO) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(code_root) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("COUNTER_APP_DATA", None)
    # An installed app (and the bundle) starts from compiled bytecode: let the warm-up run
    # write the .pyc files, or every start would compile the app's modules again (~130 ms).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _time_to_idle(command: list[str], env: dict[str, str], cwd: Path | None = None) -> float:
    return _start_probe(command, env, cwd)[0]


def _start_probe(
    command: list[str], env: dict[str, str], cwd: Path | None = None
) -> tuple[float, str, float]:
    """(ms to STARTUP_IDLE, the probe's backup word or "", ms until the process ended)."""
    started = time.time()
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, cwd=cwd)
    ended = time.time()
    for line in result.stdout.splitlines():
        if line.startswith("STARTUP_IDLE "):
            words = line.split()
            backup = next((w.split("=", 1)[1] for w in words if w.startswith("backup=")), "")
            return (float(words[1]) - started) * 1000, backup, (ended - started) * 1000
    raise RuntimeError(f"no STARTUP_IDLE from {command}: {result.stderr[-2000:]}")


def bench_startup(repeat: int, data_folder: Path) -> dict[str, list[float]]:
    env = _env()
    app_env = dict(env, COUNTER_APP_STARTUP_PROBE="1")
    app_cmd = [PYTHON, "-m", "counter_app", "--data-dir", str(data_folder)]
    # The same GUI start without `counter-app`'s argument parser (which imports every
    # sub-command's module): shows how much of the start-up is the CLI's.
    direct_cmd = [PYTHON, "-c", DIRECT_GUI, str(data_folder)]
    bare_cmd = [PYTHON, "-c", BARE_WINDOW]
    samples: dict[str, list[float]] = {"app": [], "direct": [], "bare": []}
    for command, environment in ((bare_cmd, env), (app_cmd, app_env), (direct_cmd, app_env)):
        _time_to_idle(command, environment)  # warm the OS file cache and .pyc files
    for _ in range(repeat):  # interleaved, so machine noise hits all alike
        samples["bare"].append(_time_to_idle(bare_cmd, env))
        samples["app"].append(_time_to_idle(app_cmd, app_env))
        samples["direct"].append(_time_to_idle(direct_cmd, app_env))
    return samples


# -- child: list and search on the big folder -------------------------------------------------
def _rss_mb() -> tuple[float, float]:
    values = {}
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


def child_list(folder: Path) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(REPO))
    from PySide6.QtWidgets import QApplication

    from counter_app.gui.context import AppContext, Officer
    from counter_app.gui.main_window import MainWindow
    from counter_app.services import CounterService

    app = QApplication([])
    service = CounterService.open(folder)
    ctx = AppContext(service)
    figures: dict[str, float] = {}

    def wait(condition, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            app.processEvents()
            if condition():
                return
            time.sleep(0.0005)
        raise TimeoutError("benchmark step did not finish")

    try:
        window = MainWindow(ctx, settings=ctx.run(service.settings.all).result())
        window.resize(1280, 800)
        window.show()
        wait(lambda: ctx.pending_jobs == 0)
        typing_ends = time.monotonic() + 1.0  # the officer types a password meanwhile
        wait(lambda: time.monotonic() >= typing_ends)
        ctx.officer = Officer("an.nv", "Nguyễn Văn An", "admin")
        started = time.perf_counter()
        window._set_signed_in(True)  # builds the work screens (intake is the home screen)
        wait(lambda: ctx.pending_jobs == 0)
        figures["sign_in_to_work_area_ms"] = (time.perf_counter() - started) * 1000
        screen = window.list_screen
        model = screen.model

        def loaded() -> bool:
            return ctx.pending_jobs == 0 and not model.loading and model.rowCount() > 0

        started = time.perf_counter()
        window.show_list()  # first page of the newest dossiers
        wait(loaded)
        screen.view.viewport().repaint()
        figures["open_list_ms"] = (time.perf_counter() - started) * 1000

        searches = {
            "first_search_ms": "nguyen van",
            "search_name_ms": "tran thi lan",
            "search_id_prefix_ms": "0011",
        }
        for key, text in searches.items():
            screen.search.setText(text)
            started = time.perf_counter()
            screen.apply_now()  # what the 150 ms debounce triggers
            wait(lambda: ctx.pending_jobs == 0 and not model.loading)
            screen.view.viewport().repaint()
            figures[key] = (time.perf_counter() - started) * 1000
            figures[key.replace("_ms", "_rows")] = model.rowCount()

        screen.search.clear()
        screen.overdue.setChecked(False)
        started = time.perf_counter()
        screen.overdue.setChecked(True)
        wait(lambda: ctx.pending_jobs == 0 and not model.loading)
        screen.view.viewport().repaint()
        figures["filter_overdue_ms"] = (time.perf_counter() - started) * 1000
        screen.overdue.setChecked(False)
        wait(loaded)

        started = time.perf_counter()
        for _ in range(10):  # scrolling: ten more pages
            screen.view.scrollToBottom()
            wait(lambda: ctx.pending_jobs == 0 and not model.loading)
        figures["scroll_10_pages_ms"] = (time.perf_counter() - started) * 1000
        figures["rows_loaded"] = model.rowCount()
        figures["rss_mb"], figures["peak_rss_mb"] = _rss_mb()
        window.shutdown()
    finally:
        ctx.wait_idle()
        ctx.run(service.store.close_thread_connection).result()
        ctx.shutdown()
        service.close()
    return figures


def bench_list(folder: Path) -> dict[str, float]:
    result = subprocess.run(
        [PYTHON, str(Path(__file__).resolve()), "--child-list", str(folder)],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=900,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise RuntimeError(f"list benchmark failed: {result.stderr[-3000:]}")
    return json.loads(lines[-1])


# -- start at N dossiers: first start of the day (the backup case) and a warm start -----------
def _forget_todays_backups(folder: Path) -> None:
    """Make the next start the first of the day: no backup of today, nothing owed."""
    from counter_app.ops import backup_schedule, backups
    from counter_app.store import paths

    directory = paths.backups_dir(folder)
    for backup in backups.list_backups(directory):
        if backup.rotated:
            backup.path.unlink()
    (directory / backup_schedule.OWED_MARK).unlink(missing_ok=True)
    for partial in directory.glob("*.partial") if directory.exists() else []:
        partial.unlink()


def bench_big_start(folder: Path, repeat: int, compare_with: Path | None) -> dict[str, object]:
    from counter_app.ops import backups

    command = [PYTHON, "-m", "counter_app", "--data-dir", str(folder)]
    env = dict(_env(), COUNTER_APP_STARTUP_PROBE="1", COUNTER_APP_BACKUP_DELAY_MS="0")
    first: list[float] = []
    first_total: list[float] = []
    backup_seen: list[str] = []
    warm: list[float] = []
    baseline: list[float] = []
    bare: list[float] = []
    bare_cmd = [PYTHON, "-c", BARE_WINDOW]
    _forget_todays_backups(folder)
    _time_to_idle(command, env)  # warm the OS file cache and .pyc files
    for _ in range(repeat):
        bare.append(_time_to_idle(bare_cmd, _env()))  # interleaved: the machine's noise
        _forget_todays_backups(folder)
        idle_ms, backup, total_ms = _start_probe(command, env)
        first.append(idle_ms)
        first_total.append(total_ms)
        backup_seen.append(backup)
    _forget_todays_backups(folder)
    started = time.perf_counter()
    made = backups.backup_folder(folder, "daily")
    backup_s = time.perf_counter() - started
    for _ in range(repeat):  # today's backup is made: nothing is due
        bare.append(_time_to_idle(bare_cmd, _env()))
        warm.append(_start_probe(command, env)[0])
    if compare_with is not None:
        other = dict(_env(compare_with), COUNTER_APP_STARTUP_PROBE="1")
        for _ in range(max(1, repeat // 2)):
            _forget_todays_backups(folder)
            baseline.append(_start_probe(command, other, cwd=compare_with)[0])
    _forget_todays_backups(folder)
    made.path.unlink(missing_ok=True)
    return {
        "first": first,
        "first_process": first_total,
        "backup_seen": backup_seen,
        "warm": warm,
        "baseline": baseline,
        "bare": bare,
        "backup_s": backup_s,
        "backup_mb": made.size / 1e6,
    }


def child_during_backup(folder: Path) -> dict[str, float]:
    """The window's list and first search while the day's backup runs, and after it."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(REPO))
    from PySide6.QtWidgets import QApplication

    from counter_app.gui.backup_status import BackupStatus
    from counter_app.gui.context import AppContext, Officer
    from counter_app.gui.main_window import MainWindow
    from counter_app.ops.backup_schedule import BackgroundBackups
    from counter_app.services import CounterService

    app = QApplication([])
    service = CounterService.open(folder)
    ctx = AppContext(service)
    figures: dict[str, float] = {}

    def wait(condition, timeout: float = 300.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            app.processEvents()
            if condition():
                return
            time.sleep(0.0005)
        raise TimeoutError("benchmark step did not finish")

    background = BackgroundBackups(service)
    try:
        window = MainWindow(ctx, settings=ctx.run(service.settings.all).result())
        window.resize(1280, 800)
        window.show()
        status = BackupStatus(window)
        background.listener = status.listener
        wait(lambda: ctx.pending_jobs == 0)
        ctx.officer = Officer("an.nv", "Nguyễn Văn An", "admin")
        window._set_signed_in(True)
        wait(lambda: ctx.pending_jobs == 0)
        screen = window.list_screen
        model = screen.model

        def list_and_search(text: str) -> tuple[float, float]:
            screen.search.clear()
            started = time.perf_counter()
            window.show_list()
            screen.apply_now()
            wait(lambda: ctx.pending_jobs == 0 and not model.loading)
            screen.view.viewport().repaint()
            opened = (time.perf_counter() - started) * 1000
            screen.search.setText(text)
            started = time.perf_counter()
            screen.apply_now()
            wait(lambda: ctx.pending_jobs == 0 and not model.loading)
            screen.view.viewport().repaint()
            return opened, (time.perf_counter() - started) * 1000

        list_and_search("le van")  # warm-up: the same cache state for both measurements
        _forget_todays_backups(folder)
        backup_started = time.perf_counter()
        assert background.check()
        wait(lambda: status.bar.value() > 0)
        during = list_and_search("nguyen van")
        figures["still_running_after_queries"] = float(background.running)
        figures["status_bar_percent_seen"] = float(status.bar.value())
        wait(lambda: not background.running)
        figures["backup_s"] = time.perf_counter() - backup_started
        after = list_and_search("nguyen van")
        figures["during_open_list_ms"], figures["during_search_ms"] = during
        figures["after_open_list_ms"], figures["after_search_ms"] = after
        window.shutdown()
    finally:
        background.listener = None
        background.close(deadline_seconds=1)
        _forget_todays_backups(folder)
        ctx.wait_idle()
        ctx.run(service.store.close_thread_connection).result()
        ctx.shutdown()
        service.close()
    return figures


def bench_during_backup(folder: Path) -> dict[str, float]:
    result = subprocess.run(
        [PYTHON, str(Path(__file__).resolve()), "--child-during-backup", str(folder)],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=1800,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise RuntimeError(f"during-backup benchmark failed: {result.stderr[-3000:]}")
    return json.loads(lines[-1])


def big_start_report(
    count: int, big: Path, repeat: int, compare_with: Path | None
) -> tuple[list[tuple[str, str]], dict[str, object]]:
    starts = bench_big_start(big, repeat, compare_with)
    during = bench_during_backup(big)
    first_ms, warm_ms = median(starts["first"]), median(starts["warm"])
    bare_ms = median(starts["bare"])
    samples = ", ".join(f"{s:.0f}" for s in starts["first"])
    rows = [
        (
            f"first start of the day at {count:,} (target <= {BIG_START_MS_TARGET} ms)",
            f"{first_ms:.0f} ms  (samples {samples}; backup at idle: "
            f"{', '.join(starts['backup_seen'])})",
        ),
        (
            "  … whole process, quit at once (interrupts the backup)",
            f"{median(starts['first_process']):.0f} ms",
        ),
        (
            f"warm start at {count:,} (target <= {BIG_START_MS_TARGET} ms)",
            f"{warm_ms:.0f} ms  (samples {', '.join(f'{s:.0f}' for s in starts['warm'])})",
        ),
        (
            "bare PySide6 window, same run",
            f"{bare_ms:.0f} ms (first start {first_ms / bare_ms:.2f}x, warm {warm_ms / bare_ms:.2f}x)",
        ),
        (
            "day's backup, alone",
            f"{starts['backup_s']:.1f} s for {starts['backup_mb']:.0f} MB",
        ),
        (
            "open list / first search, during the backup",
            f"{during['during_open_list_ms']:.0f} / {during['during_search_ms']:.0f} ms "
            f"(backup still running after them: {bool(during['still_running_after_queries'])}, "
            f"status bar at {during['status_bar_percent_seen']:.0f}%)",
        ),
        (
            "open list / first search, after the backup",
            f"{during['after_open_list_ms']:.0f} / {during['after_search_ms']:.0f} ms",
        ),
        ("day's backup, with the window working", f"{during['backup_s']:.1f} s"),
    ]
    figures: dict[str, object] = {
        "first_start_of_day_median_ms": round(first_ms, 1),
        "first_start_samples_ms": [round(s, 1) for s in starts["first"]],
        "first_start_backup_at_idle": starts["backup_seen"],
        "warm_start_median_ms": round(warm_ms, 1),
        "big_start_bare_window_median_ms": round(bare_ms, 1),
        "first_start_bare_ratio": round(first_ms / bare_ms, 2),
        "warm_start_bare_ratio": round(warm_ms / bare_ms, 2),
        "daily_backup_s": round(starts["backup_s"], 2),
        "daily_backup_mb": round(starts["backup_mb"], 1),
        **{f"backup_{k}": round(v, 1) for k, v in during.items()},
        "ok_big_start": first_ms <= BIG_START_MS_TARGET and warm_ms <= BIG_START_MS_TARGET,
    }
    if starts["baseline"]:
        base_ms = median(starts["baseline"])
        rows.append(
            (
                f"first start of the day, {compare_with} (same folder, same run)",
                f"{base_ms:.0f} ms ({base_ms / first_ms:.1f}x this checkout's)",
            )
        )
        figures["first_start_compared_median_ms"] = round(base_ms, 1)
    return rows, figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument(
        "--startup-only", action="store_true", help="only the start-up figures (no 1M folder)"
    )
    parser.add_argument(
        "--big-start-only",
        action="store_true",
        help="only the start at N dossiers (first of the day, warm) and the backup figures",
    )
    parser.add_argument(
        "--compare-with", type=Path, help="another checkout whose first start is timed too"
    )
    parser.add_argument("--child-list", metavar="FOLDER", help=argparse.SUPPRESS)
    parser.add_argument("--child-during-backup", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_list:
        print(json.dumps(child_list(Path(args.child_list))))
        return
    if args.child_during_backup:
        print(json.dumps(child_during_backup(Path(args.child_during_backup))))
        return
    if args.big_start_only:
        big = cached_big_folder(args.dossiers)
        rows, figures = big_start_report(args.dossiers, big, args.repeat, args.compare_with)
        print_table("GUI start at a big folder (offscreen)", rows)
        print_json({"dossiers": args.dossiers, **figures})
        return

    with tempfile.TemporaryDirectory(prefix="bench-gui-") as temporary:
        small = Path(temporary) / "data"
        configured_service(small).close()
        startup = bench_startup(args.repeat, small)

    app_ms, bare_ms = median(startup["app"]), median(startup["bare"])
    direct_ms = median(startup["direct"])
    ratio = app_ms / bare_ms
    startup_rows = [
        (
            "start-up, app (median)",
            f"{app_ms:.0f} ms  (samples {', '.join(f'{s:.0f}' for s in startup['app'])})",
        ),
        (
            "start-up, bare PySide6 window",
            f"{bare_ms:.0f} ms  (samples {', '.join(f'{s:.0f}' for s in startup['bare'])})",
        ),
        (
            f"start-up ratio (target <= {STARTUP_RATIO_TARGET:g}x, <= {STARTUP_MS_TARGET} ms)",
            f"{ratio:.2f}x",
        ),
        (
            "start-up via run_gui, no CLI parser",
            f"{direct_ms:.0f} ms ({direct_ms / bare_ms:.2f}x bare)",
        ),
    ]
    ok_startup = app_ms <= STARTUP_MS_TARGET and ratio <= STARTUP_RATIO_TARGET
    if args.startup_only:
        print_table("GUI start-up benchmark (offscreen)", startup_rows)
        print_json(
            {
                "startup_app_median_ms": round(app_ms, 1),
                "startup_bare_median_ms": round(bare_ms, 1),
                "startup_ratio": round(ratio, 2),
                "startup_gui_without_cli_median_ms": round(direct_ms, 1),
                "ok_startup": ok_startup,
            }
        )
        return

    big = cached_big_folder(args.dossiers)
    listing = bench_list(big)
    big_rows, big_figures = big_start_report(args.dossiers, big, args.repeat, args.compare_with)
    figures = {
        "dossiers": args.dossiers,
        "startup_app_median_ms": round(app_ms, 1),
        "startup_bare_median_ms": round(bare_ms, 1),
        "startup_ratio": round(ratio, 2),
        "startup_gui_without_cli_median_ms": round(direct_ms, 1),
        "startup_gui_without_cli_ratio": round(direct_ms / bare_ms, 2),
        **{k: round(v, 1) for k, v in listing.items()},
    }
    figures["open_list_and_first_search_ms"] = round(
        listing["open_list_ms"] + listing["first_search_ms"], 1
    )
    figures["ok_startup"] = ok_startup
    figures["ok_search"] = figures["open_list_and_first_search_ms"] <= 200
    figures["ok_memory"] = listing["rss_mb"] <= 250
    figures.update(big_figures)
    rows = [
        ("dossiers", f"{args.dossiers:,}"),
        *startup_rows,
        ("sign-in -> work screens built", f"{listing['sign_in_to_work_area_ms']:.0f} ms"),
        ("open list (first page + paint)", f"{listing['open_list_ms']:.1f} ms"),
        (
            "first search 'nguyen van'",
            f"{listing['first_search_ms']:.1f} ms ({listing['first_search_rows']:.0f} rows)",
        ),
        (
            "open list + first search (target <= 200 ms)",
            f"{figures['open_list_and_first_search_ms']} ms",
        ),
        ("search 'tran thi lan'", f"{listing['search_name_ms']:.1f} ms"),
        ("search '0011' (id prefix)", f"{listing['search_id_prefix_ms']:.1f} ms"),
        ("filter overdue", f"{listing['filter_overdue_ms']:.1f} ms"),
        ("scroll 10 more pages", f"{listing['scroll_10_pages_ms']:.1f} ms"),
        ("rows held by the model", f"{listing['rows_loaded']:.0f}"),
        (
            "resident memory, list open (target <= 250 MB)",
            f"{listing['rss_mb']:.0f} MB (peak {listing['peak_rss_mb']:.0f} MB)",
        ),
        *big_rows,
    ]
    print_table("GUI benchmark (offscreen)", rows)
    print_json(figures)


def cached_big_folder(count: int) -> Path:
    """The cached big folder; refuses to touch one another process is still building."""
    from common import OUT

    folder = OUT / f"dossiers-{count}"
    if folder.exists() and not (folder / "complete").exists():
        from counter_app.store.folder_lock import DataFolderLocked, FolderLock

        lock = FolderLock(folder / "counter.lock")
        try:
            lock.acquire(0)
        except DataFolderLocked:
            sys.exit(f"{folder} is being built by another process; run again when it is done")
        lock.release()
    return big_data_folder(count)


if __name__ == "__main__":
    main()
