"""Shared fixtures: real data folders in tmp_path, a configured service, a staff account."""

from __future__ import annotations

import gc
import io
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Secrets (the database key, the portal password) in the data folder's 0600 file, never in
# the keyring of whoever runs the tests.
os.environ["COUNTER_APP_SECRETS"] = "file"

from counter_app.services import CounterService, staff  # noqa: E402
from counter_app.store import db_key, driver  # noqa: E402

# Tests sign in hundreds of times: new passwords are hashed at a low scrypt cost here
# (a function call, never an environment variable or a setting, so an installed app cannot
# pick it up). tests/services/test_passwords.py checks the production cost itself.
TEST_HASH_COST = 2**10
staff.lower_hash_cost_for_tests(TEST_HASH_COST)

# The passwords of the test accounts (configure() and the CLI fixtures create them).
PASSWORDS = {
    "an.nv": "matkhau1-quay",
    "binh.tt": "matkhau2-quay",
    "chi.lt": "matkhau3-quay",
}


def signed_in(
    argv: Sequence[str], stdin: str = "", *, user: str = "an.nv"
) -> tuple[list[str], str]:
    """A CLI command line signed in as `user` and its stdin: `--user NAME --password-stdin`
    in front, the account's password as the first line of stdin."""
    return ["--user", user, "--password-stdin", *argv], f"{PASSWORDS[user]}\n{stdin}"


# The CLI in a child process, at the tests' hash cost (in place of `python -m counter_app`).
CLI_CHILD = [
    sys.executable,
    "-c",
    "import sys; from counter_app.services import staff; "
    f"staff.lower_hash_cost_for_tests({TEST_HASH_COST}); "
    "from counter_app.cli import main; sys.exit(main())",
]

UNIT = "000.00.01.H22"
CENTRE = "Trung tâm Phục vụ hành chính công phường Hoàn Kiếm"


def configure(service: CounterService, counter: int = 1) -> CounterService:
    service.settings.configure(
        unit_code=UNIT, ward_code=70, counter=counter, centre_name=CENTRE, actor="test"
    )
    service.staff.add("an.nv", "Nguyễn Văn An", "matkhau1-quay", role="admin", actor="test")
    service.staff.add("binh.tt", "Trần Thị Bình", "matkhau2-quay", role="officer", actor="test")
    return service


def open_app_db(
    path: Path, *, folder: Path | None = None, isolation_level: str | None = "", **options: object
):
    """A raw connection to one of the app's database files (the DB, a backup, a replaced
    DB), opened with the key of the data folder it lies in (or `folder`): what a test that edits rows
    behind the app's back needs. A plain file opens as it is."""
    path = Path(path)
    keys: list[bytes] = []
    for candidate in [folder] if folder else list(path.parents)[:3]:
        keys += [k for k in db_key.folder_keys(candidate) if k not in keys]
    return driver.open_file(path, keys, readonly=False, isolation_level=isolation_level, **options)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def service(data_dir: Path) -> Iterator[CounterService]:
    svc = configure(CounterService.open(data_dir))
    yield svc
    svc.close()


# The intake screen's state for the same applicant as intake() (as IntakePage.apply_state takes it).
FORM_APPLICANT = {
    "full_name": "Nguyễn Thị Minh Khai",
    "id_type": "cccd",
    "id_number": "001190012345",
    "birth_date": "02/05/1990",
    "sex": "Nữ",
    "phone": "0912345678",
    "address": "Số 5 ngõ 12 phố Hàng Bạc",
    "ward_code": 70,
    "procedure_code": "1.004873",
}


def intake(**overrides: object) -> dict:
    data = {
        "procedure_code": "1.004873",
        "applicant": {
            "full_name": "Nguyễn Thị Minh Khai",
            "id_number": "001190012345",
            "id_type": "cccd",
            "birth_date": "1990-05-02",
            "sex": "Nữ",
            "phone": "0912345678",
            "ward_code": 70,
            "address": "Số 5 ngõ 12 phố Hàng Bạc",
        },
        "officer": "an.nv",
        "received_at": "2026-07-15 10:05",
    }
    data.update(overrides)
    return data


pytest_plugins = ["portal_fixtures"]


@pytest.fixture
def gui_context(service: CounterService, qtbot) -> Iterator[Callable[..., object]]:
    """Factory: gui_context("an.nv") -> an AppContext signed in as that staff account.

    Python's cyclic GC must not run on the DB thread: it would delete parentless Qt objects
    (the test windows) there and crash. As in the app (GuiThreadGarbageCollector), it is
    off while GUI tests run and collects on the GUI thread at the end.
    """
    from PySide6.QtWidgets import QApplication

    from counter_app.gui.context import AppContext, Officer

    contexts: list[AppContext] = []
    gc.collect()
    gc.disable()

    def make(username: str = "an.nv") -> AppContext:
        staff = service.staff.get(username)
        context = AppContext(
            service=service, officer=Officer(staff["username"], staff["full_name"], staff["role"])
        )
        contexts.append(context)
        return context

    yield make
    for widget in QApplication.topLevelWidgets():
        widget.close()
    for context in contexts:
        qtbot.waitUntil(lambda context=context: context.pending_jobs == 0)
        context.shutdown()
    gc.enable()
    gc.collect()


def run_cli(folder: Path, *args: str, user: str | None = "an.nv", stdin: str = "") -> int:
    """`counter-app --data-dir FOLDER ARGS…` in this process, signed in as `user` (None: not
    signed in); stdin holds the password line, then `stdin`."""
    from counter_app.cli import main

    argv = list(args)
    if user is not None:
        argv, stdin = signed_in(argv, stdin, user=user)
    saved = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        return main(["--data-dir", str(folder), *argv])
    finally:
        sys.stdin = saved


SIGN_IN = ["--user", "an.nv", "--password-stdin"]  # before the command, with password_lines()


def password_lines(count: int = 50, user: str = "an.nv") -> io.StringIO:
    """A stdin for `count` signed-in commands in a row (each reads one password line)."""
    return io.StringIO(f"{PASSWORDS[user]}\n" * count)


def signed_main(argv: Sequence[str], *, user: str = "an.nv", stdin: str = "") -> int:
    """`counter_app.cli.main(argv)` signed in as `user` (argv starts with --data-dir …)."""
    from counter_app.cli import main

    argv, stdin = signed_in(argv, stdin, user=user)
    saved = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        return main(argv)
    finally:
        sys.stdin = saved


@pytest.fixture
def sane_test_device(tmp_path: Path, monkeypatch) -> str:
    """sane-backends' `test` device, alone in a SANE configuration of the test's own."""
    from counter_app.capture import scanners

    if not scanners.sane_available():
        pytest.skip("sane-utils (scanimage) is not installed: .ci/run installs it")
    config = scanners.sane_test_config(tmp_path / "sane.d")
    monkeypatch.setenv(scanners.SANE_CONFIG_ENV, str(config))
    return scanners.TEST_DEVICE
