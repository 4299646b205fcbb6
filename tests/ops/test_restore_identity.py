"""Issue 10, the local store: restore checks whose data a backup holds; lost databases."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from conftest import PASSWORDS, configure, intake

from counter_app.cli import main
from counter_app.ops import backups, doctor, restore, secrets_store, startup
from counter_app.services import CounterService
from counter_app.store import db_key, paths
from counter_app.store.folder_identity import DatabaseLost


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    monkeypatch.setenv(secrets_store.SECRETS_ENV, "file")


def make_folder(folder: Path, *, counter: int = 1, dossiers: int = 1) -> Path:
    service = configure(CounterService.open(folder), counter=counter)
    try:
        for _ in range(dossiers):
            service.intake.receive(intake())
    finally:
        service.close()
    return folder


SIGN_IN = ["--user", "an.nv", "--password-stdin"]


def test_restore_refuses_another_counters_backup_unless_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = make_folder(tmp_path / "ours", counter=1, dossiers=3)
    theirs = make_folder(tmp_path / "theirs", counter=2, dossiers=1)
    other_backup = backups.backup_folder(theirs, "manual").path
    theirs_key = db_key.recovery_key_text(db_key.folder_key(theirs))  # another PC's backup
    with pytest.raises(restore.RestoreRefused) as refused:
        restore.restore(ours, other_backup, recovery_key=theirs_key)
    message = str(refused.value)
    assert "quầy / counter 1, 3 hồ sơ" in message and "quầy / counter 2, 1 hồ sơ" in message
    assert "--accept-other-unit" in message
    capsys.readouterr()
    with_key = ["--recovery-key", theirs_key]
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{PASSWORDS['an.nv']}\n"))
    assert main(["--data-dir", str(ours), *SIGN_IN, "restore", *with_key, str(other_backup)]) == 2
    assert "--accept-other-unit" in capsys.readouterr().err
    service = CounterService.open(ours)  # nothing changed
    assert service.settings.get("counter") == 1
    service.close()
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{PASSWORDS['an.nv']}\n"))
    restore_anyway = ["restore", "--accept-other-unit", *with_key, str(other_backup)]
    assert main(["--data-dir", str(ours), *SIGN_IN, *restore_anyway]) == 0
    assert "other unit accepted" in capsys.readouterr().out
    service = CounterService.open(ours)
    assert service.settings.get("counter") == 2
    service.close()


def test_restore_of_the_same_counter_needs_no_option(tmp_path: Path) -> None:
    ours = make_folder(tmp_path / "ours", counter=1, dossiers=2)
    made = backups.backup_folder(ours, "manual").path
    result = restore.restore(ours, made)
    assert not any("other unit" in note for note in result.notes)


# -- item 4: a lost, empty or replaced database is never silently recreated -----------------------
def _refused_everywhere(folder: Path, capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(DatabaseLost) as lost:
        CounterService.open(folder)
    capsys.readouterr()
    assert main(["--data-dir", str(folder), "search", "minh"]) == 6
    err = capsys.readouterr().err
    assert "counter-app restore" in err and "Traceback" not in err
    report = doctor.run_doctor(folder, check_portal=False)
    assert report.get("database").status == doctor.FAIL
    assert "counter-app restore" in report.get("database").detail
    with pytest.raises(startup.FolderRefused) as refused:
        startup.open_data_folder(str(folder))
    assert refused.value.lost and not refused.value.locked
    return str(lost.value)


@pytest.mark.parametrize("how", ["missing", "empty", "replaced"])
def test_lost_database_refuses_to_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    folder = make_folder(tmp_path / "data", dossiers=2)
    backups.backup_folder(folder, "manual")
    db_file = paths.db_path(folder)
    if how == "missing":
        db_file.unlink()
    elif how == "empty":
        db_file.write_bytes(b"")
    else:
        other = make_folder(tmp_path / "other", dossiers=1)
        db_file.write_bytes(paths.db_path(other).read_bytes())
    message = _refused_everywhere(folder, capsys)
    assert "backups" in message and "counter-" in message
    assert not db_file.exists() or how != "missing"  # nothing was created


def test_lost_database_without_backups_is_refused_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make_folder(tmp_path / "data", dossiers=1)
    paths.db_path(folder).unlink()
    assert "counter.identity.json" in _refused_everywhere(folder, capsys)


def test_restore_into_a_folder_whose_database_was_lost(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "data", dossiers=2)
    made = backups.backup_folder(folder, "manual").path
    paths.db_path(folder).unlink()
    restore.restore(folder, made)
    service = CounterService.open(folder)  # the marker now knows the restored database
    assert service.search.dossiers("", limit=10)
    service.close()
