"""Store tests: the command line run in this process (so timeouts can be shortened)."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from counter_app.cli import main
from counter_app.services import CounterService
from tests.conftest import configure


@pytest.fixture
def cli_in_process(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., tuple[int, str, str]]:
    """run(*args) -> (exit code, stdout, stderr) on a configured data folder; SQLite's busy
    wait is shortened to 0.3 s and the folder-lock wait to 0.5 s."""
    configure(CounterService.open(data_dir)).close()
    monkeypatch.setattr("counter_app.store.database.BUSY_TIMEOUT_MS", 300)
    monkeypatch.setattr("counter_app.cli.CLI_LOCK_TIMEOUT", 0.5)

    def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(["--data-dir", str(data_dir), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run
