"""Issue 10, the local store: concurrent readers, undecodable text, damaged files."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CLI_CHILD, configure, intake, signed_in

from counter_app.cli import main
from counter_app.ops.db_files import folder_keys, open_readonly
from counter_app.services import CounterService
from counter_app.store import audit, audit_key, db_key, driver, paths


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
        argv, stdin = signed_in(args, stdin)
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(["--data-dir", str(data_dir), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


WRITER = """
import sys, time
from counter_app.services import CounterService
service = CounterService.open(sys.argv[1])
print("ready", flush=True)
deadline = time.monotonic() + float(sys.argv[2])
n = 0
while time.monotonic() < deadline:
    n += 1
    service.settings.update({"lookup_url": f"https://example.invalid/{n}/{{code}}"}, actor="writer")
service.close()
"""


def test_audit_verify_beside_a_writing_process_never_reports_deleted_tail(data_dir: Path) -> None:
    service = configure(CounterService.open(data_dir))
    for n in range(300):  # a chain long enough that reading it takes a while
        service.settings.update({"lookup_url": f"https://example.invalid/{n}/{{code}}"}, actor="t")
    service.close()
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(data_dir), "6"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        conn = open_readonly(paths.db_path(data_dir), folder_keys(data_dir))
        key = audit_key.load(data_dir, create=False)
        reports = []
        started = time.monotonic()
        while writer.poll() is None and time.monotonic() - started < 5:
            reports.append(audit.verify(conn, key))
        conn.close()
    finally:
        writer.wait(timeout=30)
    assert len(reports) >= 5
    assert all(r.ok for r in reports), next(r.problems for r in reports if not r.ok)


def test_audit_verify_reports_undecodable_text_instead_of_raising(service) -> None:
    service.settings.update({"lookup_url": "https://example.invalid/{code}"}, actor="t")
    with service.store.write() as conn:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute(
            "UPDATE audit_log SET actor = CAST(X'ff fe 41' AS TEXT) WHERE id = (SELECT max(id) "
            "FROM audit_log)".replace("X'ff fe 41'", "X'fffe41'")
        )
    report = service.audit.verify()
    assert not report.ok
    assert any("undecodable" in p for p in report.problems)


# -- item 10: readers beside the running app; another SQLite writer -------------------------------
HOLDER = """
import sys, time
from counter_app.services import CounterService
service = CounterService.open(sys.argv[1])  # holds the folder lock, as the running GUI does
print("ready", flush=True)
time.sleep(60)
"""

SQLITE_WRITER = """
import sys, time
from pathlib import Path
from counter_app.store import db_key, driver
db_file = Path(sys.argv[1])
conn = driver.connect(db_file, db_key.folder_key(db_file.parent), isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("ready", flush=True)
time.sleep(60)
"""


def _start(script: str, *args: str) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    return process


def _counter_app(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    argv, stdin = signed_in(args)
    return subprocess.run(
        [*CLI_CHILD, "--data-dir", str(data_dir), *argv],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_read_commands_work_beside_the_running_app(data_dir: Path) -> None:
    service = configure(CounterService.open(data_dir))
    code = service.intake.receive(intake()).dossier["code"]
    service.close()
    app = _start(HOLDER, str(data_dir))
    try:
        for args in (
            ("show", code),
            ("search", "minh khai"),
            ("audit", "verify"),
            ("sync", "--status"),
            ("doctor", "--no-portal"),
            ("staff", "list"),
        ):
            started = time.monotonic()
            result = _counter_app(data_dir, *args)
            assert "Traceback" not in result.stderr, (args, result.stderr)
            assert result.returncode in (0, 1) if args[0] == "doctor" else result.returncode == 0, (
                args,
                result.stderr,
            )
            assert time.monotonic() - started < 10, args
        assert code in _counter_app(data_dir, "search", "minh khai").stdout
        # a writer still needs the folder: it is refused with the clear message
        writer = _counter_app(data_dir, "holiday", "off", "2026-09-03")
        assert writer.returncode != 0 or "đang được" in writer.stderr
    finally:
        app.kill()
        app.wait()


def test_another_sqlite_writer_gives_a_clear_message(data_dir: Path, cli_in_process) -> None:
    holder = _start(SQLITE_WRITER, str(paths.db_path(data_dir)))
    try:
        code, out, err = cli_in_process("holiday", "off", "2026-09-03")
    finally:
        holder.kill()
        holder.wait()
    assert code == 2
    assert "Traceback" not in err
    assert "chương trình khác" in err and "Another program is writing" in err


# -- item 8: a damaged database gives clear messages, never a traceback ---------------------------
def _damage_pages(db_file: Path, *, keep_first: int = 2) -> None:
    """Overwrite every page after the first `keep_first` with garbage (a failing disk)."""
    data = bytearray(db_file.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for start in range(keep_first * page_size, len(data), page_size):
        data[start : start + page_size] = b"\xab" * page_size
    db_file.write_bytes(bytes(data))


def test_damaged_database_gives_clear_messages(data_dir: Path, cli_in_process, tmp_path) -> None:
    import json

    code, out, _ = cli_in_process("receive", "--json", "-", stdin=json.dumps(intake()))
    assert code == 0
    dossier_code = out.split()[0]
    _damage_pages(paths.db_path(data_dir))
    for args, stdin in (
        (("show", dossier_code), ""),
        (("receive", "--json", "-"), json.dumps(intake())),
        (("audit", "verify"), ""),
        (("search", "minh"), ""),
    ):
        code, out, err = cli_in_process(*args, stdin=stdin)
        assert "Traceback" not in err, (args, err)
        assert code == 6, (args, code, err)
        assert "bị hỏng" in err and "counter-app restore" in err, (args, err)


# -- item 6: page damage SQLite cannot see is found by the row seals ------------------------------
def _flip_phone(db_file: Path, phone: bytes, damaged: bytes) -> int:
    """Damage the content of a row before it is encrypted (as a bad RAM bit would): the
    file is decrypted, the bytes flipped, the file encrypted again, so SQLCipher's page
    checks see a valid page and only the row seals can tell."""
    key = db_key.folder_key(db_file.parent)
    assert key is not None
    plain = db_file.with_name("plain.db")
    conn = driver.connect(db_file, key, isolation_level=None)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(plain),))
    conn.execute("SELECT sqlcipher_export('plain')")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute(f"PRAGMA plain.user_version = {version}")
    conn.execute("DETACH DATABASE plain")
    conn.close()
    data = plain.read_bytes()
    count = data.count(phone)
    plain.write_bytes(data.replace(phone, damaged))
    db_key.encrypt_file_in_place(plain, key)
    os.replace(plain, db_file)
    for suffix in ("-wal", "-shm"):
        Path(f"{db_file}{suffix}").unlink(missing_ok=True)
    return count


def test_a_flipped_byte_in_a_row_is_detected_and_writing_stops(
    data_dir: Path, cli_in_process
) -> None:
    import json

    from counter_app.ops import backups, doctor, restore

    code, out, _ = cli_in_process("receive", "--json", "-", stdin=json.dumps(intake()))
    dossier_code = out.split()[0]
    clean_backup = backups.backup_folder(data_dir, "manual").path
    db_file = paths.db_path(data_dir)
    assert _flip_phone(db_file, b"0912345678", b"0912345679") >= 1
    conn = open_readonly(db_file, folder_keys(data_dir))
    assert [r[0] for r in conn.execute("PRAGMA integrity_check")] == ["ok"]  # SQLite sees nothing
    conn.close()

    report = doctor.run_doctor(data_dir, check_portal=False)
    assert report.get("row_seals").status == doctor.FAIL
    assert "counter-app restore" in report.get("row_seals").detail

    code, out, err = cli_in_process("show", dossier_code)
    assert code == 6 and "Traceback" not in err
    assert "bị hỏng" in err and "counter-app restore" in err and "0912345679" not in out
    # once found, no process writes any more until a restore
    code, _, err = cli_in_process("receive", "--json", "-", stdin=json.dumps(intake()))
    assert code == 6 and "ngừng ghi" in err
    assert doctor.run_doctor(data_dir, check_portal=False).get("row_seals").status == doctor.FAIL

    restore.restore(data_dir, clean_backup)
    code, out, _ = cli_in_process("show", dossier_code)
    assert code == 0 and "0912345678" in out
    assert cli_in_process("receive", "--json", "-", stdin=json.dumps(intake()))[0] == 0
    assert doctor.run_doctor(data_dir, check_portal=False).get("row_seals").status == doctor.OK


def test_seals_follow_every_write(service) -> None:
    from counter_app.store import row_seals

    code = service.intake.receive(intake()).dossier["code"]
    service.dossiers.change_status(code, 4, by="an.nv")
    service.settings.update({"lookup_url": "https://example.invalid/{code}"}, actor="t")
    conn = service.store.read()
    assert row_seals.verify_all(conn) == []
    assert service.dossiers.get(code)["status"] == 4
