"""File modes on POSIX: the data folder and everything the app writes is its user's alone
(folders 0700, files 0600), after a real session; older installs are tightened at start;
the doctor names each loosened file with its fix."""

from __future__ import annotations

import os
import stat
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import configure, intake, signed_main

from counter_app.cli import main
from counter_app.ops import backups, doctor, logging_setup, secrets_store
from counter_app.services import CounterService
from counter_app.services.report_export import export
from counter_app.store import file_modes, paths

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.fixture(autouse=True)
def _ordinary_umask(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The usual desktop umask (022): modes come from the app, not from a strict umask."""
    for name in (paths.DATA_DIR_ENV, paths.LOG_DIR_ENV, backups.SECOND_FOLDER_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(secrets_store.SECRETS_ENV, "file")
    old = os.umask(0o022)
    yield
    os.umask(old)
    logging_setup.shutdown_logging()


def modes_under(root: Path) -> dict[Path, int]:
    """Every folder and file under `root` with its permission bits (an independent walk)."""
    found = {root: stat.S_IMODE(root.stat().st_mode)}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            found[path] = stat.S_IMODE(path.lstat().st_mode)
    return found


def assert_private(root: Path) -> None:
    wrong = {
        str(path): oct(mode)
        for path, mode in modes_under(root).items()
        if mode != (0o700 if path.is_dir() else 0o600)
    }
    assert not wrong, wrong


def test_a_whole_session_leaves_only_private_files(tmp_path: Path) -> None:
    data = tmp_path / "data"
    usb = tmp_path / "usb"
    usb.mkdir()
    logging_setup.setup_logging(data)
    service = configure(CounterService.open(data))
    try:
        received = service.intake.receive(intake())
        service.drafts.save("an.nv", {"applicant": {"full_name": "Lê Văn Tám"}})
        wal, shm = Path(f"{paths.db_path(data)}-wal"), Path(f"{paths.db_path(data)}-shm")
        assert wal.exists() and shm.exists()
        assert stat.S_IMODE(wal.stat().st_mode) == 0o600
        assert stat.S_IMODE(shm.stat().st_mode) == 0o600
        result = backups.backup_now(service, "manual", to=usb)
        assert result.copied_to is not None
        day = date(2026, 7, 15)
        figures = service.reports.centre_figures(day, day)
        export(figures, data / "so-lieu.csv")
        export(figures, data / "so-lieu.xlsx")
        logging_setup.shutdown_logging()
    finally:
        service.close()
    bundle = data / "support" / "ho-tro.zip"
    assert signed_main(["--data-dir", str(data), "backup"]) == 0
    assert main(["--data-dir", str(data), "doctor", "--no-portal", "--bundle", str(bundle)]) == 0
    pdf = data / "bien-nhan.pdf"
    code = received.dossier["code"]
    assert signed_main(["--data-dir", str(data), "print", code, "--out", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    with zipfile.ZipFile(bundle) as opened:
        assert "logs/counter-app.log" in opened.namelist()
    names = {p.name for p in modes_under(data)}
    assert {"counter.db", "counter.lock", "counter-app.log", "so-lieu.csv", "so-lieu.xlsx"} <= names
    assert any(n.endswith("-manual.db") for n in names)
    assert_private(data)
    copied = usb / result.copied_to.relative_to(usb)
    assert stat.S_IMODE(copied.stat().st_mode) == 0o600
    report = doctor.run_doctor(data, check_portal=False)
    assert report.get("file_modes").status == doctor.OK, report.get("file_modes").detail


def test_an_old_install_is_tightened_when_the_store_opens(tmp_path: Path) -> None:
    data = tmp_path / "data"
    service = configure(CounterService.open(data))
    try:
        backups.backup_now(service, "manual")
    finally:
        service.close()
    (data / "logs").mkdir(mode=0o755, exist_ok=True)
    (data / "logs" / "crash.log").write_text("old\n", encoding="utf-8")
    for path in modes_under(data):
        path.chmod(0o755 if path.is_dir() else 0o644)
    loose = doctor.run_doctor(data, check_portal=False).get("file_modes")
    assert loose.status == doctor.FAIL
    CounterService.open(data).close()
    assert_private(data)


def test_doctor_names_a_loosened_file_and_its_fix(tmp_path: Path) -> None:
    data = tmp_path / "data"
    service = configure(CounterService.open(data))
    try:
        made = backups.backup_now(service, "manual").path
    finally:
        service.close()
    assert doctor.run_doctor(data, check_portal=False).get("file_modes").status == doctor.OK
    made.chmod(0o644)
    data.chmod(0o755)
    report = doctor.run_doctor(data, check_portal=False)
    check = report.get("file_modes")
    assert check.status == doctor.FAIL
    assert report.exit_code == 1
    assert f"{made} (tệp / file 0644, cần 0600): chmod 600 '{made}'" in check.detail
    assert f"chmod 700 '{data}'" in check.detail
    assert "2 tệp/thư mục" in check.detail
    assert str(paths.db_path(data)) not in check.detail  # only the loose ones are named
    assert "LỖI" in report.to_text()


def test_private_dir_tightens_only_what_it_makes(tmp_path: Path) -> None:
    parent = tmp_path / "shared"
    parent.mkdir(mode=0o755)
    made = file_modes.private_dir(parent / "a" / "b")
    assert stat.S_IMODE(parent.stat().st_mode) == 0o755  # an existing parent is left alone
    assert stat.S_IMODE((parent / "a").stat().st_mode) == 0o700
    assert stat.S_IMODE(made.stat().st_mode) == 0o700


def test_a_file_written_over_keeps_its_private_mode(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    target.write_text("before", encoding="utf-8")
    target.chmod(0o644)
    file_modes.write_private_text(target, "after")
    assert target.read_text(encoding="utf-8") == "after"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with file_modes.open_private(tmp_path / "y.log", "a", encoding="utf-8") as handle:
        handle.write("line\n")
    assert stat.S_IMODE((tmp_path / "y.log").stat().st_mode) == 0o600


def test_symbolic_links_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("not ours", encoding="utf-8")
    outside.chmod(0o644)
    data = tmp_path / "data"
    data.mkdir()
    (data / "link").symlink_to(outside)
    file_modes.tighten_tree(data)
    assert stat.S_IMODE(outside.stat().st_mode) == 0o644


def test_the_windows_acl_command_keeps_only_the_user_administrators_and_system() -> None:
    command = file_modes.windows_acl_command(
        Path(r"C:\Users\an\AppData\Local\counter-app"), "PC\\an"
    )
    assert command[:3] == ["icacls", r"C:\Users\an\AppData\Local\counter-app", "/inheritance:r"]
    grants = [command[i + 1] for i, part in enumerate(command) if part == "/grant:r"]
    assert grants == ["PC\\an:(OI)(CI)F", "*S-1-5-32-544:(OI)(CI)F", "*S-1-5-18:(OI)(CI)F"]
