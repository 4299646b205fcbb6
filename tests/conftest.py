"""Shared fixtures: real data folders in tmp_path, a configured service, a staff account."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Secrets (the database key, the portal password) in the data folder's 0600 file, never in
# the keyring of whoever runs the tests.
os.environ["COUNTER_APP_SECRETS"] = "file"

from counter_app.services import CounterService  # noqa: E402
from counter_app.store import db_key, driver  # noqa: E402

UNIT = "000.00.01.H22"
CENTRE = "Trung tâm Phục vụ hành chính công phường Hoàn Kiếm"


def configure(service: CounterService, counter: int = 1) -> CounterService:
    service.settings.configure(
        unit_code=UNIT, ward_code=70, counter=counter, centre_name=CENTRE, actor="test"
    )
    service.staff.add("an.nv", "Nguyễn Văn An", "matkhau1", role="admin", actor="test")
    service.staff.add("binh.tt", "Trần Thị Bình", "matkhau2", role="officer", actor="test")
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
