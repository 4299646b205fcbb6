"""Issue 13: the official 2026 decisions the `holidays` package lacks are seeded with their
source; `due-date` follows them; the portal's override of a seeded day replaces it."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import signed_in

from counter_app.cli import main
from counter_app.domain.official_days import REVIEWED_2026, SEED_2026, SEED_SOURCE
from counter_app.services.front import CounterService


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "data"

    def run(*args: str) -> tuple[int, str, str]:
        argv, stdin = signed_in(args)
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(["--data-dir", str(folder), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    setup = run(
        "setup", "--unit-code", "000.00.01.H22", "--ward-code", "70", "--counter", "3",
        "--centre-name", "Trung tâm Phục vụ hành chính công phường Hoàn Kiếm",
        "--admin-name", "Nguyễn Văn An",
    )  # fmt: skip
    assert setup[0] == 0, setup
    return run


def test_due_date_over_the_new_year_swap(cli) -> None:
    # Same day, after 15:00 on Wed 31/12/2025: 1/1 holiday, 2/1 off (swap) -> Mon 5/1.
    code, out, _ = cli("due-date", "--procedure", "1.001193", "--received", "2025-12-31 16:00")
    assert (code, out.strip()) == (0, "Thứ Hai, 05/01/2026 17:00")
    # 3 working days from Thu 8/1: Fri 9/1, Sat 10/1 (make-up working day), Mon 12/1.
    code, out, _ = cli("due-date", "--procedure", "1.004873", "--received", "2026-01-08 09:00")
    assert (code, out.strip()) == (0, "Thứ Hai, 12/01/2026 09:00")
    # Same day received on Sat 10/1 before 15:00 is due that Saturday.
    code, out, _ = cli("due-date", "--procedure", "1.001193", "--received", "2026-01-10 09:00")
    assert (code, out.strip()) == (0, "Thứ Bảy, 10/01/2026 17:00")


def test_holiday_list_shows_each_seed_and_its_source(cli) -> None:
    code, out, _ = cli("holiday", "list")
    assert code == 0
    assert "2026-01-02  nghỉ  [seed]" in out and "2026-01-10  làm việc  [seed]" in out
    assert out.count("12729/VPCP-KGVX") == 2
    code, out, _ = cli("holiday", "--format", "json", "list")
    rows = {r["day"]: r for r in json.loads(out)}
    assert {d.day.isoformat() for d in SEED_2026} <= set(rows)
    assert all(rows[d.day.isoformat()]["source"] == SEED_SOURCE for d in SEED_2026)


def test_every_reviewed_entry_has_a_source_and_matches_the_package() -> None:
    import holidays

    package = holidays.country_holidays("VN", years=2026)
    for item in REVIEWED_2026:
        assert item.source and item.note
        if item.package_agrees:
            assert package.is_working_day(item.day) == item.working, item.day
        else:
            assert package.is_working_day(item.day) != item.working, item.day
    reviewed = {item.day for item in REVIEWED_2026}
    assert set(package) <= reviewed, "a package-known 2026 day was not reviewed"


def test_portal_override_replaces_a_seed_row_but_not_a_local_one(cli, tmp_path: Path) -> None:
    service = CounterService.open(tmp_path / "data")
    try:
        service.calendar.set_holiday_override(
            date(2026, 1, 2), False, note="Xã quyết định", actor="technician", source="local"
        )
        before = {r["day"]: r for r in service.calendar.holiday_overrides()}
        service.calendar.apply_portal_holidays(
            [
                (date(2026, 1, 10), True, "Cổng: làm bù"),
                (date(2026, 1, 2), False, "Cổng: nghỉ"),
            ],
            actor="sync",
        )
        after = {r["day"]: r for r in service.calendar.holiday_overrides()}
    finally:
        service.close()
    assert after["2026-01-10"]["source"] == "portal"
    assert after["2026-01-10"]["note"] == "Cổng: làm bù"
    assert after["2026-01-02"] == before["2026-01-02"]  # set by a person: stays
    assert before["2026-01-02"]["source"] == "local"
