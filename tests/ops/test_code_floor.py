"""Issue 10, item 4: dossier code counters never go back after a restore or a re-setup."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from conftest import UNIT, configure, intake, signed_in
from portal_fixtures import BIRTH_REGISTRATION, PORTAL_PASSWORD, PORTAL_USER

from counter_app.cli import main
from counter_app.ops import backups, secrets_store
from counter_app.services import CounterService
from counter_app.store import paths

SETUP = ["setup", "--unit-code", UNIT, "--ward-code", "70", "--counter", "1", "--centre-name", "TT"]
FIRST = ["--admin-name", "Nguyễn Văn An"]  # a first setup creates the admin an.nv


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    monkeypatch.setenv(secrets_store.SECRETS_ENV, "file")


def run(folder: Path, *args: str, stdin: str = "", monkeypatch: pytest.MonkeyPatch) -> int:
    """The command signed in as the admin an.nv (a first setup creates that account)."""
    argv, stdin = signed_in(args, stdin)
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(["--data-dir", str(folder), *argv])


def receive(service: CounterService, count: int) -> list[str]:
    data = intake(procedure_code=BIRTH_REGISTRATION)
    return [service.intake.receive(data).dossier["code"] for _ in range(count)]


def test_restore_of_an_older_backup_never_reissues_a_code_of_a_newer_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    service = configure(CounterService.open(folder))
    receive(service, 2)
    service.close()
    older = backups.backup_folder(folder, "manual").path
    service = CounterService.open(folder)
    issued = receive(service, 3)
    assert issued[-1].endswith("-260715-1005")
    service.close()
    backups.backup_folder(folder, "nightly")
    paths.db_path(folder).unlink()  # the database is lost; the older backup is chosen
    assert run(folder, "restore", str(older), monkeypatch=monkeypatch) == 0
    assert "code counters raised" in capsys.readouterr().out
    service = CounterService.open(folder)
    assert receive(service, 1) == [f"{UNIT}-260715-1006"]
    service.close()


def test_resetup_on_a_new_pc_raises_codes_above_the_portals(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    portal_server,
) -> None:
    portal = ["--portal-url", portal_server.url, "--portal-user", PORTAL_USER, "--password-stdin"]
    first = tmp_path / "first-pc"
    setup = [*SETUP, *FIRST, *portal]
    assert run(first, *setup, stdin=PORTAL_PASSWORD + "\n", monkeypatch=monkeypatch) == 0
    service = CounterService.open(first)
    receive(service, 4)
    service.close()
    assert run(first, "sync", monkeypatch=monkeypatch) == 0
    assert portal_server.dossier(f"{UNIT}-260715-1004") is not None

    second = tmp_path / "second-pc"  # the first PC and its backups are gone
    # The portal knows counter 1 belongs to the first PC: a new PC takes it over only when
    # the technician says so (issue 14's duplicate-counter check).
    assert run(second, *setup, stdin=PORTAL_PASSWORD + "\n", monkeypatch=monkeypatch) == 2
    assert "--replace-counter" in capsys.readouterr().err
    replace = [*SETUP, *FIRST, "--replace-counter", *portal]
    assert run(second, *replace, stdin=PORTAL_PASSWORD + "\n", monkeypatch=monkeypatch) == 0
    assert "Cổng DVC / portal" in capsys.readouterr().out
    service = CounterService.open(second)
    assert receive(service, 1) == [f"{UNIT}-260715-1005"]
    service.close()


def test_resetup_offline_uses_local_sources_with_a_warning(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    portal_server,
) -> None:
    url = portal_server.url
    portal_server.stop()
    folder = tmp_path / "data"
    args = [*SETUP, *FIRST, "--portal-url", url, "--portal-user", PORTAL_USER, "--password-stdin"]
    assert run(folder, *args, stdin=PORTAL_PASSWORD + "\n", monkeypatch=monkeypatch) == 0
    err = capsys.readouterr().err
    assert "portal unreachable" in err and "Traceback" not in err


def test_stand_in_answers_the_highest_code_and_checks_the_request(raw_portal) -> None:
    bad = raw_portal.post("/api/LayMaHoSoCaoNhat", {"MaDonVi": UNIT, "Quay": True})
    assert bad.status_code == 400 and bad.json()["error_code"] == "BAD_REQUEST"
    empty = raw_portal.post("/api/LayMaHoSoCaoNhat", {"MaDonVi": UNIT, "Quay": 1})
    assert empty.status_code == 200 and empty.json() == {"data": [], "MaHoSoCaoNhat": None}
