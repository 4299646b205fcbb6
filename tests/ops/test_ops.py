"""Operations: doctor, backups and restore, rotation, upgrade from schema 1, logging, self-test.

Real data folders in tmp_path, a real stand-in portal over loopback, a real second process
holding the folder lock.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import platformdirs
import pytest
from conftest import configure, intake, open_app_db, run_cli
from portal_fixtures import PORTAL_PASSWORD, PORTAL_USER, closed_port

from counter_app import assets
from counter_app.ops import backups, doctor, logging_setup, restore, secrets_store
from counter_app.ops.selftest import run_self_test
from counter_app.services import CounterService
from counter_app.store import db_key, paths, row_seals
from counter_app.store.migrations import SCHEMA_VERSION

FIXTURE_V1 = Path(__file__).parents[1] / "fixtures" / "schema-v1"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in (
        paths.DATA_DIR_ENV,
        paths.LOG_DIR_ENV,
        backups.SECOND_FOLDER_ENV,
        logging_setup.LOG_LEVEL_ENV,
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(secrets_store.SECRETS_ENV, "file")
    yield
    logging_setup.shutdown_logging()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A configured data folder with three dossiers, closed (no process holds it)."""
    data = tmp_path / "data"
    service = configure(CounterService.open(data))
    try:
        service.intake.receive(intake())
        service.intake.receive(
            intake(
                applicant={
                    "full_name": "Trần Văn Bình",
                    "id_number": "001088004321",
                    "ward_code": 70,
                }
            )
        )
        code = service.intake.receive(intake(received_at="2026-07-16 08:30")).dossier["code"]
        service.dossiers.change_status(code, 4, by="an.nv")
    finally:
        service.close()
    return data


def snapshot(db_file: Path) -> dict[str, list[tuple]]:
    """Every row of the tables that hold the app's data (not the audit log, which grows)."""
    conn = open_app_db(db_file)
    try:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in (
                "dossiers",
                "applicants",
                "documents",
                "fees",
                "status_events",
                "due_changes",
                "outbox",
                "settings",
                "staff",
                "procedures",
                "code_sequences",
            )
        }
    finally:
        conn.close()


def corrupt(db_file: Path) -> None:
    """Garbage over pages in the middle of the file (the DB must be closed)."""
    size = db_file.stat().st_size
    with open(db_file, "r+b") as handle:
        handle.seek(size // 2 - 4096)
        handle.write(os.urandom(8192))


# -- paths and logging --------------------------------------------------------------------------
def test_logs_dir_follows_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert paths.logs_dir(tmp_path / "portable") == tmp_path / "portable" / "logs"
    default = paths.data_dir()
    assert paths.logs_dir(default) == Path(
        platformdirs.user_log_dir(paths.APP_NAME, appauthor=False)
    )
    monkeypatch.setenv(paths.LOG_DIR_ENV, str(tmp_path / "elsewhere"))
    assert paths.logs_dir(tmp_path / "portable") == tmp_path / "elsewhere"


def test_info_log_has_no_personal_data(folder: Path, tmp_path: Path) -> None:
    dossier = intake(
        applicant={
            "full_name": "Đinh Thị Riêng Tư",
            "id_number": "079301234567",
            "phone": "0977123456",
            "address": "Số 9 ngõ Bí Mật",
            "ward_code": 70,
        }
    )
    source = tmp_path / "dossier.json"
    source.write_text(json.dumps(dossier, ensure_ascii=False), encoding="utf-8")
    assert run_cli(folder, "receive", "--json", str(source)) == 0
    assert run_cli(folder, "search", "Riêng Tư") == 0
    assert run_cli(folder, "backup") == 0
    # and something that logs from deep inside, with a password in its arguments
    logging_setup.setup_logging(folder)
    logging.getLogger("counter_app.test").info(
        "login password=%s for %s", "hunter2", "079301234567"
    )
    logging_setup.shutdown_logging()
    text = (folder / "logs" / logging_setup.LOG_FILE).read_text(encoding="utf-8")
    assert "backup written" in text  # the log is really written
    for secret in (
        "Đinh Thị Riêng Tư",
        "Riêng Tư",
        "079301234567",
        "0977123456",
        "Bí Mật",
        "hunter2",
    ):
        assert secret not in text


def test_log_files_rotate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logging_setup, "MAX_BYTES", 2000)
    monkeypatch.setattr(logging_setup, "BACKUP_COUNT", 2)
    log_file = logging_setup.setup_logging(tmp_path / "data")
    assert log_file == tmp_path / "data" / "logs" / "counter-app.log"
    for number in range(200):
        logging.getLogger("counter_app.test").info("line %d of a long enough message", number)
    logging_setup.shutdown_logging()
    names = sorted(p.name for p in log_file.parent.iterdir())
    assert names == ["counter-app.log", "counter-app.log.1", "counter-app.log.2"]
    # oldest first, each file under the limit, the newest lines kept in order, files 0600
    files = [log_file.with_name("counter-app.log.2"), log_file.with_name("counter-app.log.1")]
    numbers = []
    for path in [*files, log_file]:
        assert path.stat().st_size < 2000
        if os.name == "posix":
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
        numbers += [
            int(line.split("line ")[1].split()[0]) for line in path.read_text().splitlines()
        ]
    assert numbers == list(range(numbers[0], 200))


def test_log_lines_are_kept_while_the_log_cannot_be_renamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On Windows a log another process has open (a CLI command beside the GUI) cannot be
    # renamed: the lines go on into the current file, and it rotates once it can.
    monkeypatch.setattr(logging_setup, "MAX_BYTES", 2000)
    monkeypatch.setattr(logging_setup, "BACKUP_COUNT", 2)
    log_file = logging_setup.setup_logging(tmp_path / "data")
    assert log_file is not None
    real_replace = os.replace

    def refused(source: str, target: str) -> None:
        raise PermissionError(13, "The process cannot access the file", source)

    monkeypatch.setattr(os, "replace", refused)
    logger = logging.getLogger("counter_app.test")
    for number in range(60):
        logger.info("line %d of a long enough message", number)
    assert sorted(p.name for p in log_file.parent.iterdir()) == ["counter-app.log"]
    monkeypatch.setattr(os, "replace", real_replace)
    logger.info("line 60 of a long enough message")
    logging_setup.shutdown_logging()
    kept = log_file.with_name("counter-app.log.1").read_text()
    numbers = [
        int(line.split("line ")[1].split()[0])
        for line in kept.splitlines()
        if "counter_app.test:" in line
    ]
    assert numbers == list(range(60))  # all of them, in order, none lost
    assert "line 60 " in log_file.read_text()


def test_setup_logging_is_idempotent(tmp_path: Path) -> None:
    logging_setup.setup_logging(tmp_path / "a")
    logging_setup.setup_logging(tmp_path / "b")
    ours = [h for h in logging.getLogger().handlers if getattr(h, logging_setup._MARK, False)]
    assert len([h for h in ours if isinstance(h, logging.FileHandler)]) == 1
    assert logging_setup.current_log_file() == tmp_path / "b" / "logs" / "counter-app.log"


def test_redact() -> None:
    assert "001190012345" not in logging_setup.redact("id 001190012345 here")
    assert "0912345678" not in logging_setup.redact("phone 0912345678")
    assert "s3cret" not in logging_setup.redact("password=s3cret token: abc")
    code = "000.00.01.H22-260715-1001"
    assert logging_setup.redact(f"dossier {code}") == f"dossier {code}"


# -- doctor ---------------------------------------------------------------------------------------
def test_doctor_on_a_healthy_folder(folder: Path, make_portal_server, tmp_path: Path) -> None:
    server = make_portal_server()
    service = CounterService.open(folder)
    try:
        service.settings.update({"portal_url": server.url, "portal_user": PORTAL_USER}, actor="t")
        secrets_store.set_portal_password(folder, PORTAL_USER, PORTAL_PASSWORD)
        backups.backup_now(service, "manual")
    finally:
        service.close()
    report = doctor.run_doctor(folder)
    statuses = {c.key: c.status for c in report.checks}
    assert report.ok and report.exit_code == 0, report.to_text()
    for key in ("data_folder", "disk_space", "database", "schema", "audit", "outbox", "portal"):
        assert statuses[key] == doctor.OK, report.to_text()
    assert statuses["clock"] == doctor.OK
    assert statuses["fonts"] == doctor.OK
    assert "pending" in report.get("outbox").detail
    assert "4 chờ gửi" in report.get("outbox").detail  # 3 receipts + a status change (1)
    # the printed table names every check
    text = report.to_text()
    assert "integrity_check" in text and "Không có lỗi" in text


def test_doctor_works_while_the_app_runs(folder: Path) -> None:
    service = CounterService.open(folder)
    try:
        report = doctor.run_doctor(folder, check_portal=False)
    finally:
        service.close()
    assert report.ok, report.to_text()
    assert "đang mở" in report.get("app_running").detail


def test_doctor_finds_a_corrupt_page(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corrupt(paths.db_path(folder))
    report = doctor.run_doctor(folder, check_portal=False)
    assert not report.ok and report.exit_code == 1
    assert report.get("database").status == doctor.FAIL
    assert "restore" in report.get("database").detail
    assert report.get("audit").status == doctor.SKIP
    # through the command line (no service is opened for doctor): exit code 1
    assert run_cli(folder, "doctor", "--no-portal") == 1
    out = capsys.readouterr().out
    assert "LỖI" in out and "Cơ sở dữ liệu" in out


def test_doctor_finds_a_missing_font(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "resources"
    shutil.copytree(assets.resources_root(), copy)
    (copy / "fonts" / "LiberationSerif-Bold.ttf").unlink()
    monkeypatch.setattr(assets, "resources_root", lambda: copy)
    report = doctor.run_doctor(folder, check_portal=False)
    assert report.exit_code == 1
    assert report.get("fonts").status == doctor.FAIL
    assert "LiberationSerif-Bold.ttf" in report.get("fonts").detail
    assert report.get("database").status == doctor.OK


def test_doctor_finds_an_unreachable_portal(folder: Path, portal_loopback_no_proxy: None) -> None:
    service = CounterService.open(folder)
    try:
        service.settings.update(
            {"portal_url": f"http://127.0.0.1:{closed_port()}", "portal_user": PORTAL_USER},
            actor="t",
        )
    finally:
        service.close()
    report = doctor.run_doctor(folder, portal_timeout=2)
    assert report.exit_code == 1
    assert report.get("portal").status == doctor.FAIL
    assert report.get("clock").status == doctor.SKIP
    assert report.get("database").status == doctor.OK


def test_doctor_finds_clock_skew(folder: Path, make_portal_server) -> None:
    server = make_portal_server(clock_offset=3600)
    service = CounterService.open(folder)
    try:
        service.settings.update({"portal_url": server.url, "portal_user": PORTAL_USER}, actor="t")
        secrets_store.set_portal_password(folder, PORTAL_USER, PORTAL_PASSWORD)
    finally:
        service.close()
    report = doctor.run_doctor(folder)
    assert report.get("portal").status == doctor.OK
    assert report.get("clock").status == doctor.FAIL, report.get("clock").detail
    assert report.exit_code == 1


def test_doctor_bundle_has_logs_and_no_secrets(folder: Path, tmp_path: Path) -> None:
    service = CounterService.open(folder)
    try:
        service.settings.update(
            {"portal_url": "http://127.0.0.1:9", "portal_user": PORTAL_USER}, actor="t"
        )
        secrets_store.set_portal_password(folder, PORTAL_USER, "mật-khẩu-bí-mật")
    finally:
        service.close()
    assert run_cli(folder, "backup") == 0  # writes a log file
    target = tmp_path / "support.zip"
    code = run_cli(folder, "doctor", "--no-portal", "--bundle", str(target))
    assert code == 0
    with zipfile.ZipFile(target) as bundle:
        names = set(bundle.namelist())
        assert {"doctor.txt", "doctor.json", "settings.json", "environment.json"} <= names
        assert "logs/counter-app.log" in names
        assert not any(n.endswith((".db", "portal-secret.json")) for n in names)
        everything = b"".join(bundle.read(n) for n in names).decode("utf-8")
        settings = json.loads(bundle.read("settings.json"))
    assert "mật-khẩu-bí-mật" not in everything
    assert "Nguyễn Thị Minh Khai" not in everything
    assert settings["portal_user"] == PORTAL_USER
    assert settings["unit_code"] == "000.00.01.H22"


# -- backups and restore -----------------------------------------------------------------------------
def test_backup_restore_round_trip(folder: Path) -> None:
    before = snapshot(paths.db_path(folder))
    service = CounterService.open(folder)
    try:
        made = backups.backup_now(service, "manual")
        # work goes on after the backup …
        service.intake.receive(intake(received_at="2026-07-17 09:00"))
    finally:
        service.close()
    assert made.path.parent == folder / "backups"
    assert restore.verify_backup(made.path, db_keys=db_key.folder_keys(folder)).ok
    changed = snapshot(paths.db_path(folder))
    assert len(changed["dossiers"]) == len(before["dossiers"]) + 1

    result = restore.restore(folder, made.path)
    after = snapshot(paths.db_path(folder))
    # the restore brings back exactly the backed-up data; only the code counters are kept
    # at their newest values, so the code issued after the backup is never issued again
    assert after.pop("code_sequences") == changed["code_sequences"]
    assert after == {k: v for k, v in before.items() if k != "code_sequences"}
    assert result.replaced_dir is not None
    kept = result.replaced_dir / "counter.db"
    assert snapshot(kept) == changed  # the replaced DB is kept, untouched
    service = CounterService.open(folder)
    try:
        assert service.audit.verify().ok
        assert (
            service.store.read()
            .execute("SELECT count(*) FROM audit_log WHERE action = 'backup.restore'")
            .fetchone()[0]
            == 1
        )
        assert len(service.search.dossiers("")) == 3
    finally:
        service.close()


def test_restore_carries_code_sequences_forward(folder: Path) -> None:
    service = CounterService.open(folder)
    try:
        made = backups.backup_now(service, "manual")
        late = service.intake.receive(intake(received_at="2026-07-16 10:00")).dossier["code"]
    finally:
        service.close()
    result = restore.restore(folder, made.path)
    assert result.sequences_carried >= 1
    service = CounterService.open(folder)
    try:
        again = service.intake.receive(intake(received_at="2026-07-16 11:00")).dossier["code"]
    finally:
        service.close()
    assert again != late  # the code issued after the backup is not issued a second time


def test_restore_seals_the_counters_it_carries_and_no_other_row(folder: Path) -> None:
    """The restore's own writes (the carried code counters) are sealed like any write; a row
    of the backup that no longer matches its seal stays reported (never sealed again)."""
    service = CounterService.open(folder)
    try:
        made = backups.backup_now(service, "manual")
        service.intake.receive(intake(received_at="2026-07-20 10:00"))  # a new day's counter
    finally:
        service.close()
    conn = open_app_db(made.path, isolation_level=None)  # behind the app's back
    days = [r[0] for r in conn.execute("SELECT day FROM code_sequences")]
    assert days and "260720" not in days
    conn.execute("UPDATE code_sequences SET last_seq = last_seq + 5")  # not carried over
    conn.close()
    result = restore.restore(folder, made.path)
    assert result.sequences_carried >= 1
    conn = open_app_db(paths.db_path(folder))
    try:
        problems = row_seals.verify_all(conn)
        carried = conn.execute("SELECT count(*) FROM code_sequences").fetchone()[0]
    finally:
        conn.close()
    assert carried == len(days) + 1
    assert len(problems) == len(days)
    assert all(p.startswith("code_sequences ") and "does not match" in p for p in problems)


def test_restore_refuses_a_damaged_file(folder: Path, tmp_path: Path) -> None:
    before = snapshot(paths.db_path(folder))
    made = backups.backup_folder(folder, "manual")
    damaged = tmp_path / "damaged.db"
    shutil.copyfile(made.path, damaged)
    corrupt(damaged)
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("không phải cơ sở dữ liệu", encoding="utf-8")
    for bad in (damaged, not_a_db, tmp_path / "missing.db"):
        assert not restore.verify_backup(bad).ok
        with pytest.raises(restore.RestoreRefused):
            restore.restore(folder, bad)
        assert run_cli(folder, "restore", str(bad)) == 2
    assert snapshot(paths.db_path(folder)) == before
    assert not (folder / "replaced").exists()


def test_restore_refuses_a_tampered_audit_log(folder: Path, tmp_path: Path) -> None:
    made = backups.backup_folder(folder, "manual")
    conn = open_app_db(made.path)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET actor = 'mallory' WHERE id = 2")
    conn.commit()
    conn.close()
    with pytest.raises(restore.RestoreRefused, match="audit"):
        restore.restore(folder, made.path)
    result = restore.restore(folder, made.path, ignore_audit=True)
    assert result.replaced_dir is not None


def test_restore_refuses_while_the_app_runs(folder: Path) -> None:
    made = backups.backup_folder(folder, "manual")
    before = snapshot(paths.db_path(folder))
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from counter_app.store.database import Store; s = Store(sys.argv[1]); "
            "print('held', flush=True); sys.stdin.read(); s.close()",
            str(folder),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(restore.RestoreRefused, match="đang chạy"):
            restore.restore(folder, made.path)
        assert run_cli(folder, "restore", str(made.path)) == 2
        # a backup is possible while the app runs
        assert backups.backup_folder(folder, "manual").path.exists()
    finally:
        holder.communicate("", timeout=30)
    assert snapshot(paths.db_path(folder)) == before
    assert not (folder / "replaced").exists()


def test_cli_backup_to_and_restore(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    assert run_cli(folder, "backup", "--to", str(usb)) == 0
    copies = list(usb.glob("counter-*-manual.db"))
    assert len(copies) == 1
    assert run_cli(folder, "restore", "--check-only", str(copies[0])) == 0
    capsys.readouterr()
    before = snapshot(paths.db_path(folder))
    assert run_cli(folder, "restore", str(copies[0])) == 0
    out = capsys.readouterr().out
    assert "replaced" in out
    assert snapshot(paths.db_path(folder)) == before
    assert run_cli(folder, "backup", "--to", str(tmp_path / "nowhere")) == 1


def test_second_folder_copy(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    share = tmp_path / "share"
    share.mkdir()
    monkeypatch.setenv(backups.SECOND_FOLDER_ENV, str(share))
    result = backups.backup_folder(folder, "daily")
    assert result.copied_to == share / "000.00.01.H22-quay1" / result.path.name
    assert result.copied_to.read_bytes() == result.path.read_bytes()
    monkeypatch.setenv(backups.SECOND_FOLDER_ENV, str(tmp_path / "unplugged-usb"))
    result = backups.backup_folder(folder, "manual")
    assert result.path.exists() and result.copied_to is None
    assert "USB" in result.copy_error
    assert not (tmp_path / "unplugged-usb").exists()


def test_daily_backup_once_a_day(folder: Path) -> None:
    service = CounterService.open(folder)
    try:
        first = backups.maybe_daily_backup(service)
        assert first is not None and first.path.exists()
        assert backups.maybe_daily_backup(service) is None
        exit_backup = backups.backup_now(service, "exit")
    finally:
        service.close()
    # two backups the same day: rotation keeps the newest of the day only
    names = [b.path.name for b in backups.list_backups(folder / "backups")]
    assert names == [exit_backup.path.name]


def test_daily_backup_ignores_a_pre_migration_backup(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    shutil.copytree(FIXTURE_V1, folder)
    service = CounterService.open(folder)  # migrates, after a pre-migration backup (today)
    try:
        assert backups.maybe_daily_backup(service) is not None
    finally:
        service.close()


def test_rotation_removes_stale_partial_copies(tmp_path: Path) -> None:
    directory = tmp_path / "backups"
    directory.mkdir()
    stale = directory / (backups.backup_name(datetime(2026, 7, 1, 17, 0), "exit") + ".partial")
    fresh = directory / (backups.backup_name(datetime(2026, 7, 2, 17, 0), "exit") + ".partial")
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")
    os.utime(stale, (0, 0))
    backups.rotate(directory)
    assert not stale.exists()
    assert fresh.exists()  # may be a copy in progress in another process


def _touch_backup(directory: Path, when: datetime, reason: str = "daily") -> Path:
    path = directory / backups.backup_name(when, reason)
    path.write_bytes(b"")
    return path


def test_rotation_keeps_7_daily_4_weekly_12_monthly(tmp_path: Path) -> None:
    directory = tmp_path / "backups"
    directory.mkdir()
    day = datetime(2024, 6, 1, 18, 0)
    while day <= datetime(2026, 3, 31, 18, 0):
        _touch_backup(directory, day)
        day += timedelta(days=1)
    morning = _touch_backup(directory, datetime(2026, 3, 31, 8, 0), "exit")
    migration = _touch_backup(directory, datetime(2024, 7, 1, 9, 0), "pre-migration-v1")
    other = directory / "notes.txt"
    other.write_text("không phải bản sao lưu")

    removed = backups.rotate(directory)

    kept = {b.path.name for b in backups.list_backups(directory)}
    expected_days = (
        [datetime(2026, 3, d) for d in range(25, 32)]  # 7 daily
        + [datetime(2026, 3, 22), datetime(2026, 3, 15)]  # weekly (weeks of 31st, 29th: above)
        + [  # monthly: the last day of each of the 12 most recent months
            datetime(2026, 2, 28),
            datetime(2026, 1, 31),
            datetime(2025, 12, 31),
            datetime(2025, 11, 30),
            datetime(2025, 10, 31),
            datetime(2025, 9, 30),
            datetime(2025, 8, 31),
            datetime(2025, 7, 31),
            datetime(2025, 6, 30),
            datetime(2025, 5, 31),
            datetime(2025, 4, 30),
        ]
    )
    expected = {backups.backup_name(d.replace(hour=18), "daily") for d in expected_days}
    expected.add(migration.name)  # pre-migration backups are never rotated away
    assert kept == expected
    assert morning in removed
    assert other.exists()
    assert backups.rotate(directory) == []  # stable


def test_rotation_of_a_young_folder_keeps_everything_distinct(tmp_path: Path) -> None:
    directory = tmp_path / "backups"
    directory.mkdir()
    for number in range(3):
        _touch_backup(directory, datetime(2026, 7, 13 + number, 17, 0))
    assert backups.rotate(directory) == []


# -- upgrade from schema 1 --------------------------------------------------------------------------
def test_upgrade_from_schema_1_fixture(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    shutil.copytree(FIXTURE_V1, folder)
    original = (folder / "counter.db").read_bytes()
    before = snapshot(folder / "counter.db")
    assert open_app_db(folder / "counter.db").execute("PRAGMA user_version").fetchone()[0] == 1

    report = doctor.run_doctor(folder, check_portal=False)
    assert report.get("schema").status == doctor.WARN
    assert report.get("audit").status == doctor.OK

    service = CounterService.open(folder)
    try:
        assert service.store.migrated_from == 1
        assert service.store.schema_version == SCHEMA_VERSION
        assert service.audit.verify().ok
        assert row_seals.verify_all(service.store.read()) == []  # every row sealed
        settings = service.settings.all()
        assert settings["unit_code"] == "000.00.01.H22"
        returned = service.dossiers.get("000.00.01.H22-260714-1001")
        assert returned["status"] == 10 and returned["collected_by"] == "Trần Văn Bình"
        assert [r["code"] for r in service.search.dossiers("nguyen thi minh khai")] == [
            "000.00.01.H22-260713-1001"
        ]
        fresh = service.intake.receive(intake(received_at="2026-07-13 15:00")).dossier
        assert fresh["code"] == "000.00.01.H22-260713-1002"  # the day's sequence continues
        service.staff.authenticate("an.nv", "matkhau1")
    finally:
        service.close()
    after = snapshot(folder / "counter.db")
    for table, rows in before.items():
        if table not in (
            "dossiers",
            "applicants",
            "documents",
            "fees",
            "status_events",
            "outbox",
            "code_sequences",
            "procedures",
        ):
            assert after[table] == rows, table
    # v14 adds each procedure's own same-day cutoff: '' for all of them (the setting applies)
    assert [row[:-1] for row in after["procedures"]] == before["procedures"]
    assert {row[-1] for row in after["procedures"]} == {""}
    # the pre-migration backup is the untouched schema-1 database
    saved = list((folder / "backups").glob("counter-*-pre-migration-v1.db"))
    assert len(saved) == 1
    assert snapshot(saved[0]) == before
    assert open_app_db(saved[0]).execute("PRAGMA user_version").fetchone()[0] == 1
    assert (FIXTURE_V1 / "counter.db").read_bytes() == original  # the fixture is untouched
    assert doctor.run_doctor(folder, check_portal=False).get("schema").status == doctor.OK


def test_restore_of_a_schema_1_backup_migrates_on_open(folder: Path) -> None:
    report = restore.verify_backup(FIXTURE_V1 / "counter.db")
    assert report.ok and report.schema_version == 1 and report.warnings
    restore.restore(folder, FIXTURE_V1 / "counter.db")
    service = CounterService.open(folder)
    try:
        assert service.store.migrated_from == 1
        assert service.audit.verify().ok
    finally:
        service.close()


def test_fixture_is_small() -> None:
    total = sum(p.stat().st_size for p in FIXTURE_V1.rglob("*") if p.is_file())
    assert total <= 200 * 1024


# -- self-test ---------------------------------------------------------------------------------------
def test_self_test_in_process() -> None:
    lines: list[str] = []
    assert run_self_test(lines.append) == 0, "\n".join(lines)
    assert lines[-1] == "OK"
    assert any(line.startswith("ok   main window") for line in lines)
    assert any(line.startswith("ok   pdf module") for line in lines)
