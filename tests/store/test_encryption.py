"""Issue 11, encryption at rest: the database and every backup are SQLCipher files that open
only with the folder's key (from the keyring: the file store in tests) or the recovery key."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3 as stdlib_sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import configure, intake, signed_in
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.cli import main
from counter_app.ops import backups, doctor, restore
from counter_app.ops.support_bundle import write_bundle
from counter_app.services import CounterService
from counter_app.store import audit_key, db_key, driver, paths
from counter_app.store.database import Store

SETUP = [
    "setup",
    "--unit-code",
    "000.00.01.H22",
    "--ward-code",
    "70",
    "--counter",
    "1",
    "--centre-name",
    "Trung tâm Phục vụ hành chính công phường Hoàn Kiếm",
    "--admin-name",
    "Nguyễn Văn An",
]
ID_NUMBER = "001190012345"
FIXTURE_V1 = Path(__file__).resolve().parents[1] / "fixtures" / "schema-v1"


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    def run(
        folder: Path, *args: str, stdin: str = "", user: str | None = "an.nv"
    ) -> tuple[int, str, str]:
        """The command signed in as `user` (the admin an.nv of configure() and SETUP)."""
        argv = list(args)
        if user is not None:
            argv, stdin = signed_in(argv, stdin, user=user)
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(["--data-dir", str(folder), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def make_folder(folder: Path, counter: int = 1) -> str:
    """A configured folder with one dossier; returns the dossier's code."""
    service = configure(CounterService.open(folder), counter=counter)
    try:
        return service.intake.receive(intake()).dossier["code"]
    finally:
        service.close()


def recovery_key_of(folder: Path) -> str:
    key = db_key.folder_key(folder)
    assert key is not None
    return db_key.recovery_key_text(key)


def assert_unreadable_without_key(path: Path) -> None:
    """Neither the standard sqlite3 nor our driver without a key reads it; ours says why."""
    assert driver.file_state(path) == "encrypted"
    assert ID_NUMBER.encode() not in path.read_bytes()
    raw = stdlib_sqlite3.connect(path)
    with pytest.raises(stdlib_sqlite3.DatabaseError, match="not a database"):
        raw.execute("SELECT count(*) FROM sqlite_master").fetchone()
    raw.close()
    with pytest.raises(driver.EncryptionKeyError) as refused:
        driver.connect(path, None, readonly=True)
    assert "được mã hóa" in str(refused.value) and "cần khóa" in str(refused.value)
    assert "file is not a database" not in str(refused.value)


# -- a new folder ------------------------------------------------------------------------------
def test_setup_makes_an_encrypted_database_and_shows_the_recovery_key_once(
    tmp_path: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    folder = tmp_path / "data"
    code, out, err = cli(folder, *SETUP)
    assert code == 0
    assert "KHÓA KHÔI PHỤC" in err and "RECOVERY KEY" in err
    shown = next(line.strip() for line in err.splitlines() if line.count("-") == 13)
    assert db_key.parse_recovery_key(shown) == db_key.folder_key(folder)
    code, out, err = cli(folder, "staff", "list")
    assert code == 0 and "KHÓA KHÔI PHỤC" not in err + out  # shown once
    assert_unreadable_without_key(paths.db_path(folder))
    # the key is kept outside the database, in the secrets store (0600 file in tests)
    secrets_file = folder / "counter-secrets.json"
    assert (secrets_file.stat().st_mode & 0o777) == 0o600
    assert db_key.folder_key(folder).hex() in secrets_file.read_text(encoding="utf-8")


def test_search_and_the_prefix_index_work_in_the_encrypted_database(service) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    assert [r["code"] for r in service.search.dossiers("minh kh")] == [code]
    assert [r["code"] for r in service.search.dossiers("0011900")] == [code]
    assert driver.file_state(service.store.db_path) == "encrypted"


# -- a copied disk ---------------------------------------------------------------------------------
def test_a_copied_data_folder_needs_the_recovery_key(
    tmp_path: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    folder = tmp_path / "data"
    dossier = make_folder(folder)
    recovery = recovery_key_of(folder)
    stolen = tmp_path / "usb" / "data"
    shutil.copytree(folder, stolen, ignore=shutil.ignore_patterns("counter-secrets.json"))
    assert_unreadable_without_key(paths.db_path(stolen))
    with pytest.raises(driver.EncryptionKeyError, match="cần khóa"):
        CounterService.open(stolen)
    code, out, err = cli(stolen, "show", dossier)
    assert code == 2 and "được mã hóa" in err and "unlock --recovery-key" in err
    assert "Traceback" not in err and "file is not a database" not in err
    report = doctor.run_doctor(stolen, check_portal=False)
    assert report.get("database").status == doctor.FAIL
    assert "cần khóa" in report.get("database").detail
    # a wrong or mistyped key is refused with its own message, the right one unlocks
    other = db_key.recovery_key_text(db_key.new_key())
    code, _, err = cli(stolen, "unlock", "--recovery-key", other)
    assert code == 2 and "không mở được" in err
    mistyped = recovery[:-1] + ("A" if recovery[-1] != "A" else "B")
    code, _, err = cli(stolen, "unlock", "--recovery-key", mistyped)
    assert code == 2 and "gõ sai" in err
    code, out, _ = cli(stolen, "unlock", "--recovery-key", "-", stdin=recovery.lower() + "\n")
    assert code == 0
    code, out, _ = cli(stolen, "show", dossier)
    assert code == 0 and "Nguyễn Thị Minh Khai" in out


# -- backups ------------------------------------------------------------------------------------
def test_a_backup_on_another_pc_opens_only_with_the_recovery_key(
    tmp_path: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    ours = tmp_path / "ours"
    dossier = make_folder(ours)
    usb = tmp_path / "usb"
    usb.mkdir()
    assert cli(ours, "backup", "--to", str(usb))[0] == 0
    (copy,) = usb.glob("counter-*-manual.db")
    assert_unreadable_without_key(copy)
    recovery = recovery_key_of(ours)

    elsewhere = tmp_path / "new-pc"  # the counter's replacement PC: its own key and admin
    make_folder(elsewhere)
    report = restore.verify_backup(copy, db_keys=db_key.folder_keys(elsewhere))
    assert not report.ok and report.needs_key
    assert "được mã hóa" in report.problems[0] and "--recovery-key" in report.problems[0]
    code, _, err = cli(elsewhere, "restore", "--check-only", str(copy))
    assert code == 2 and "--recovery-key" in err and "not a database" not in err
    code, _, err = cli(elsewhere, "restore", str(copy))
    assert code == 2 and "cần khóa" in err

    # the backup carries its trail's audit key inside the encrypted file: the trail is
    # verified in full here, and stays verifiable after the restore (no override needed)
    code, out, err = cli(elsewhere, "restore", "--recovery-key", recovery, str(copy))
    assert code == 0, err
    code, out, _ = cli(elsewhere, "show", dossier)
    assert code == 0 and "Nguyễn Thị Minh Khai" in out
    code, out, err = cli(elsewhere, "audit", "verify")
    assert code == 0, out + err
    with driver.connect(paths.db_path(elsewhere), db_key.folder_key(elsewhere)) as live:
        assert audit_key.carried(live) is None  # the live database never holds the key
    # the restored database is under the new PC's key: its own recovery key keeps working
    restored = paths.db_path(elsewhere)
    assert driver.opening_key(restored, db_key.folder_keys(elsewhere)) == db_key.folder_key(
        elsewhere
    )
    with pytest.raises(driver.EncryptionKeyError):
        driver.connect(restored, db_key.parse_recovery_key(recovery), readonly=True)


def test_restore_into_a_folder_without_a_key_takes_the_backups_key(tmp_path: Path) -> None:
    ours = tmp_path / "ours"
    make_folder(ours)
    made = backups.backup_folder(ours, "manual").path
    recovery = recovery_key_of(ours)
    fresh = tmp_path / "reinstalled"
    with pytest.raises(db_key.RecoveryKeyInvalid):
        restore.restore(fresh, made, recovery_key="not a key")
    assert not paths.db_path(fresh).exists()
    restore.restore(fresh, made, recovery_key=recovery)
    assert recovery_key_of(fresh) == recovery
    service = CounterService.open(fresh)
    try:
        assert service.store.recovery_key_created is None  # nothing new to write down
        assert service.search.dossiers("minh khai")
    finally:
        service.close()


# -- rekey ---------------------------------------------------------------------------------------
def test_rekey_replaces_the_key_of_the_database_and_the_local_backups(
    tmp_path: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    folder = tmp_path / "data"
    dossier = make_folder(folder)
    old_recovery = recovery_key_of(folder)
    old_key = db_key.parse_recovery_key(old_recovery)
    usb = tmp_path / "usb"
    usb.mkdir()
    backups.backup_folder(folder, "manual", to=usb)
    (local,) = paths.backups_dir(folder).glob("counter-*-manual.db")
    (on_usb,) = usb.glob("counter-*-manual.db")

    code, out, _ = cli(folder, "rekey", "--by", "an.nv")
    assert code == 0 and "KHÓA KHÔI PHỤC" in out
    new_recovery = next(line.strip() for line in out.splitlines() if line.count("-") == 13)
    assert new_recovery != old_recovery and recovery_key_of(folder) == new_recovery
    new_key = db_key.parse_recovery_key(new_recovery)
    for path in (paths.db_path(folder), local):
        with pytest.raises(driver.EncryptionKeyError):
            driver.connect(path, old_key, readonly=True)
        driver.connect(path, new_key, readonly=True).close()
    driver.connect(on_usb, old_key, readonly=True).close()  # copies elsewhere keep theirs
    audit_secret = audit_key.load(folder, create=False)
    checked = restore.verify_backup(local, audit_secret, db_keys=db_key.folder_keys(folder))
    assert checked.ok, checked.problems
    service = CounterService.open(folder)
    try:
        assert service.audit.verify().ok
        rekeys = (
            service.store.conn()
            .execute("SELECT actor FROM audit_log WHERE action = 'store.rekey'")
            .fetchall()
        )
        assert [r["actor"] for r in rekeys] == ["an.nv"]  # the signed-in admin
    finally:
        service.close()
    code, out, _ = cli(folder, "show", dossier)
    assert code == 0 and "Nguyễn Thị Minh Khai" in out
    # the old USB copy still restores, with the old recovery key
    code, _, err = cli(folder, "restore", "--check-only", str(on_usb))
    assert code == 2 and "--recovery-key" in err
    code, out, _ = cli(
        folder, "restore", "--check-only", "--recovery-key", old_recovery, str(on_usb)
    )
    assert code == 0 and "dùng được" in out


def test_a_rekey_stopped_before_the_new_key_was_saved_still_opens(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    make_folder(folder)
    old = db_key.folder_key(folder)
    new = db_key.new_key()
    db_key.save_next_key(folder, new)  # the rekey saves the new key first …
    db_key.rekey_file(paths.db_path(folder), old, new)  # … re-encrypts, then crashes
    service = CounterService.open(folder)
    try:
        assert service.search.dossiers("minh khai")
    finally:
        service.close()
    assert db_key.folder_key(folder) == new and db_key.folder_keys(folder) == [new]


# -- migrating a plain database --------------------------------------------------------------
def _plain_folder(folder: Path) -> tuple[str, Path]:
    """A folder as the previous version left it: plain database, a plain daily backup."""
    store = Store(folder, encrypted=False)
    service = configure(CounterService(store))
    code = service.intake.receive(intake()).dossier["code"]
    old_backup = backups.backup_now(service, "daily").path
    service.close()
    assert driver.file_state(paths.db_path(folder)) == "plain"
    assert driver.file_state(old_backup) == "plain"
    return code, old_backup


@pytest.mark.parametrize("choice", ["encrypt", "shred"])
def test_a_plain_database_is_encrypted_on_open(
    tmp_path: Path, cli: Callable[..., tuple[int, str, str]], choice: str
) -> None:
    folder = tmp_path / "data"
    dossier, old_backup = _plain_folder(folder)
    code, out, err = cli(folder, "encrypt", "--plain-backups", choice)
    assert code == 0 and "KHÓA KHÔI PHỤC" in err
    assert_unreadable_without_key(paths.db_path(folder))
    assert_unreadable_without_key(old_backup)  # the older plain backup is encrypted too
    made = list(paths.backups_dir(folder).glob("counter-*-pre-encryption.db"))
    if choice == "encrypt":
        assert len(made) == 1
        assert_unreadable_without_key(made[0])
        assert restore.verify_backup(made[0], db_keys=db_key.folder_keys(folder)).dossiers == 1
    else:
        assert made == [] and "shredded" in out
    for path in folder.rglob("*"):
        if path.is_file() and path.name != "counter-secrets.json" and "logs" not in path.parts:
            assert ID_NUMBER.encode() not in path.read_bytes(), path
    code, out, _ = cli(folder, "show", dossier)
    assert code == 0 and "Nguyễn Thị Minh Khai" in out
    code, out, _ = cli(folder, "encrypt")
    assert code == 0 and "đã được mã hóa" in out


def test_opening_a_plain_folder_encrypts_it_with_the_default(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    dossier, _ = _plain_folder(folder)
    service = CounterService.open(folder)
    try:
        assert service.store.recovery_key_created
        assert service.dossiers.get(dossier)["status"] is not None
        assert service.audit.verify().ok
    finally:
        service.close()
    assert driver.file_state(paths.db_path(folder)) == "encrypted"
    assert [p for p in db_key.local_copies(folder) if driver.file_state(p) != "encrypted"] == []


def test_a_plain_old_schema_is_backed_up_once_then_encrypted_and_migrated(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    shutil.copytree(FIXTURE_V1, folder)
    service = CounterService.open(folder, plain_backups="shred")
    try:
        assert service.store.migrated_from == 1
        assert service.search.dossiers("nguyen thi minh khai")
    finally:
        service.close()
    saved = sorted(p.name for p in paths.backups_dir(folder).glob("counter-*.db"))
    # "shred": the plain pre-encryption copy is gone, the usual pre-migration backup (made
    # after encryption) stays, encrypted
    assert len(saved) == 1 and "pre-migration-v1" in saved[0]
    backup = paths.backups_dir(folder) / saved[0]
    assert driver.file_state(backup) == "encrypted"
    assert restore.verify_backup(backup, db_keys=db_key.folder_keys(folder)).schema_version == 1


def test_an_unknown_plain_backup_choice_is_refused_before_anything_changes(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    _plain_folder(folder)
    with pytest.raises(ValueError, match="plain_backups"):
        Store(folder, plain_backups="keep")
    assert driver.file_state(paths.db_path(folder)) == "plain"


# -- doctor, support bundle ---------------------------------------------------------------------
def test_doctor_reports_encryption_and_the_bundle_has_no_key(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    make_folder(folder)
    report = doctor.run_doctor(folder, check_portal=False)
    check = report.get("encryption")
    assert check.status == doctor.WARN and "SQLCipher 4." in check.detail  # key in a file
    assert report.get("database").status == doctor.OK
    bundle = write_bundle(report, tmp_path / "bundle.zip")
    import zipfile

    key_hex = db_key.folder_key(folder).hex()
    with zipfile.ZipFile(bundle) as archive:
        for name in archive.namelist():
            assert "secret" not in name
            assert key_hex not in archive.read(name).decode("utf-8", "replace")
        assert json.loads(archive.read("settings.json"))["unit_code"] == "000.00.01.H22"


# -- the recovery key as typed by people --------------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=32, max_size=32))
def test_recovery_key_round_trip(key: bytes) -> None:
    text = db_key.recovery_key_text(key)
    assert len(text.split("-")) == 14
    assert db_key.parse_recovery_key(text) == key
    assert db_key.parse_recovery_key(" " + text.lower().replace("-", " ") + "\n") == key


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_typed_text_is_a_key_or_a_clear_refusal(text: str) -> None:
    try:
        key = db_key.parse_recovery_key(text)
    except db_key.RecoveryKeyInvalid as exc:
        assert "khóa khôi phục" in str(exc).lower()
    else:
        assert len(key) == 32


def test_a_mistyped_group_is_told_apart_from_a_wrong_key() -> None:
    text = db_key.recovery_key_text(bytes(range(32)))
    groups = text.split("-")
    groups[3] = groups[3][::-1] if groups[3] != groups[3][::-1] else "ZZZZ"
    with pytest.raises(db_key.RecoveryKeyInvalid, match="gõ sai"):
        db_key.parse_recovery_key("-".join(groups))
    with pytest.raises(db_key.RecoveryKeyInvalid, match="56"):
        db_key.parse_recovery_key(text[:-5])


def test_doctor_warns_about_plain_backups_left_in_the_second_folder(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    _plain_folder(folder)
    usb = tmp_path / "usb"
    usb.mkdir()
    service = CounterService(Store(folder, encrypted=False))
    service.settings.update({"backup_copy_dir": str(usb)}, actor="test")
    plain_copy = backups.backup_now(service, "manual").copied_to
    service.close()
    assert plain_copy is not None and driver.file_state(plain_copy) == "plain"
    CounterService.open(folder).close()  # encrypts the data folder, not the USB drive
    check = doctor.run_doctor(folder, check_portal=False).get("encryption")
    assert check.status == doctor.WARN and plain_copy.name in check.detail
    plain_copy.unlink()
    new_copy = backups.backup_folder(folder, "manual").copied_to
    assert new_copy is not None and driver.file_state(new_copy) == "encrypted"
