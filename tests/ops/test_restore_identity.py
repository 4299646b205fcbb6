"""Issue 10, the local store: restore checks whose data a backup holds; lost databases."""

from __future__ import annotations

from pathlib import Path

import pytest

from counter_app.cli import main
from counter_app.ops import backups, restore, secrets_store
from counter_app.services import CounterService
from counter_app.store import paths
from tests.conftest import configure, intake


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


def test_restore_refuses_another_counters_backup_unless_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ours = make_folder(tmp_path / "ours", counter=1, dossiers=3)
    theirs = make_folder(tmp_path / "theirs", counter=2, dossiers=1)
    other_backup = backups.backup_folder(theirs, "manual").path
    with pytest.raises(restore.RestoreRefused) as refused:
        restore.restore(ours, other_backup)
    message = str(refused.value)
    assert "quầy / counter 1, 3 hồ sơ" in message and "quầy / counter 2, 1 hồ sơ" in message
    assert "--accept-other-unit" in message
    capsys.readouterr()
    assert main(["--data-dir", str(ours), "restore", str(other_backup)]) == 2
    assert "--accept-other-unit" in capsys.readouterr().err
    service = CounterService.open(ours)  # nothing changed
    assert service.settings.get("counter") == 1
    service.close()
    assert main(["--data-dir", str(ours), "restore", "--accept-other-unit", str(other_backup)]) == 0
    assert "other unit accepted" in capsys.readouterr().out
    service = CounterService.open(ours)
    assert service.settings.get("counter") == 2
    service.close()


def test_restore_of_the_same_counter_needs_no_option(tmp_path: Path) -> None:
    ours = make_folder(tmp_path / "ours", counter=1, dossiers=2)
    made = backups.backup_folder(ours, "manual").path
    result = restore.restore(ours, made)
    assert not any("other unit" in note for note in result.notes)
