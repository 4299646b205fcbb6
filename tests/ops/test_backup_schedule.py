"""The app's backups off its DB thread (issue 12, item 9): ops/backup_schedule.py.

A backup is made observable by pacing it: one page per step and a pause after each, so it
is still in progress while the test acts. No timings are asserted.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from conftest import intake

from counter_app.ops import backups
from counter_app.ops.backup_schedule import OWED_MARK, BackgroundBackups, BackupEvent
from counter_app.ops.restore import verify_backup
from counter_app.services import CounterService
from counter_app.store import paths
from counter_app.sync.state import set_state


def backup_files(service: CounterService) -> list[Path]:
    directory = paths.backups_dir(service.store.folder)
    return sorted(directory.glob("counter-*")) if directory.exists() else []


class Recorder:
    def __init__(self) -> None:
        self.events: list[BackupEvent] = []
        self.progressing = threading.Event()

    def __call__(self, event: BackupEvent) -> None:
        self.events.append(event)
        if event.kind == "progress" and event.done >= 2:
            self.progressing.set()

    def kinds(self) -> list[str]:
        return [e.kind for e in self.events if e.kind != "progress"]


def paced(service: CounterService, recorder: Recorder | None = None) -> BackgroundBackups:
    return BackgroundBackups(service, listener=recorder, pace_seconds=0.02, step_pages=1)


def test_the_days_backup_runs_on_its_own_thread_with_progress(service: CounterService) -> None:
    recorder = Recorder()
    runner = BackgroundBackups(service, listener=recorder, step_pages=2)
    assert runner.due_reason() == "daily"
    assert runner.check()
    runner._thread.join()
    assert recorder.kinds() == ["started", "done"]
    steps = [e for e in recorder.events if e.kind == "progress"]
    assert len(steps) > 2 and steps[-1].done == steps[-1].total and steps[-1].percent == 100
    assert 0 < steps[0].percent < 100
    made = recorder.events[-1].path
    assert made is not None and made.name.endswith("-daily.db")
    assert verify_backup(made).ok
    assert runner.due_reason() is None and not runner.check()  # once a day


def test_service_work_goes_on_while_a_backup_is_in_progress(service: CounterService) -> None:
    recorder = Recorder()
    runner = paced(service, recorder)
    assert runner.check()
    assert recorder.progressing.wait(30)
    # the app's own connection reads and writes while the copy is under way
    code = service.intake.receive(intake()).dossier["code"]
    assert service.dossiers.get(code)["code"] == code
    assert runner.running
    runner.pace_seconds = 0
    runner._thread.join()
    made = recorder.events[-1].path
    assert recorder.kinds() == ["started", "done"]
    # the copy is the snapshot taken when it started: the dossier received meanwhile is not
    # in it, so the data changed since this backup and closing makes an exit backup
    assert verify_backup(made).dossiers == 0
    assert runner.changed_since_backup()
    exit_backup = runner.close()
    assert exit_backup is not None and verify_backup(exit_backup.path).dossiers == 1


def test_closing_interrupts_a_running_backup_and_leaves_no_file(service: CounterService) -> None:
    recorder = Recorder()
    runner = paced(service, recorder)
    assert runner.check()
    assert recorder.progressing.wait(30)
    assert runner.close() is None  # nothing changed: no exit backup either
    assert recorder.kinds() == ["started", "interrupted"]
    assert backup_files(service) == []  # neither a backup nor a .partial
    assert runner.due_reason() == "daily"  # still due at the next start
    assert not runner.check()  # closed


def test_no_exit_backup_when_nothing_changed(service: CounterService) -> None:
    service.intake.receive(intake())  # before the app's backups start: in the day's backup
    runner = BackgroundBackups(service)
    service.search.dossiers("nguyen")
    set_state(service, "last_success", "2026-07-15 10:00:00")  # a sync pass with nothing to do
    assert not runner.changed_since_backup()
    assert runner.close() is None
    assert backup_files(service) == []


def test_exit_backup_when_something_changed(service: CounterService) -> None:
    runner = BackgroundBackups(service)
    assert runner.check()
    runner._thread.join()
    assert not runner.changed_since_backup()
    code = service.intake.receive(intake()).dossier["code"]
    assert runner.changed_since_backup()
    result = runner.close()
    assert result is not None and result.path.name.endswith("-exit.db")
    report = verify_backup(result.path)
    assert report.ok and report.dossiers == 1, code


def test_an_exit_backup_past_its_deadline_is_owed_and_made_at_the_next_start(
    data_dir: Path, service: CounterService
) -> None:
    recorder = Recorder()
    runner = paced(service, recorder)
    service.intake.receive(intake())
    result = runner.close(deadline_seconds=0.1)
    assert result is None
    assert recorder.kinds() == ["started", "interrupted"]
    assert backup_files(service) == []
    mark = paths.backups_dir(data_dir) / OWED_MARK
    assert mark.exists()

    later = BackgroundBackups(service, listener=recorder)  # the next start
    assert later.due_reason() == "exit"
    assert later.check()
    later._thread.join()
    assert not mark.exists()
    (made,) = backup_files(service)
    assert made.name.endswith("-exit.db") and verify_backup(made).dossiers == 1
    assert later.due_reason() is None  # the exit backup is today's backup


def test_a_failed_exit_backup_is_reported_and_closing_goes_on(
    data_dir: Path, service: CounterService
) -> None:
    recorder = Recorder()
    runner = BackgroundBackups(service, listener=recorder)
    service.intake.receive(intake())
    blocker = paths.backups_dir(data_dir)
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("not a folder")  # the backups folder cannot be made
    assert runner.close() is None
    assert recorder.kinds() == ["started", "failed"]
    assert "sao lưu" in recorder.events[-1].error.lower()


def test_stepped_copy_is_one_snapshot_and_interruptible(service: CounterService) -> None:
    for number in range(3):
        applicant = {**intake()["applicant"], "phone": f"091234567{number}"}
        service.intake.receive(intake(applicant=applicant))
    target = paths.backups_dir(service.store.folder) / "counter-20260715-100000-manual.db"
    key = service.store.key
    source = backups.sqlite3.connect(service.store.db_path, key, isolation_level=None)
    calls = []

    def write_meanwhile(done: int, total: int) -> None:
        calls.append(done)
        if len(calls) == 2:  # the app commits a dossier in the middle of the copy
            writer = threading.Thread(target=lambda: service.intake.receive(intake()))
            writer.start()
            writer.join()

    try:
        size = backups.copy_database(source, target, key, progress=write_meanwhile, step_pages=1)
        assert size == target.stat().st_size and len(calls) > 3
        assert verify_backup(target).dossiers == 3  # the snapshot the copy started from
        assert service.dossiers.count() == 4

        answers = iter([False, False, False])
        with pytest.raises(backups.BackupInterrupted):
            backups.copy_database(
                source,
                target.with_name("counter-20260715-100001-manual.db"),
                key,
                should_stop=lambda: next(answers, True),
                step_pages=1,
            )
    finally:
        source.close()
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]
