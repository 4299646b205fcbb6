"""The centre's figures (service.reports.centre_figures) on a hand-made register with known
answers, the supervisor role, and the exports read back."""

from __future__ import annotations

import csv
import io
import json
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import SIGN_IN, configure, intake, password_lines

from counter_app.cli import main
from counter_app.domain.counters import ONLINE, counter_of
from counter_app.services import AuthError, CounterService, InputError
from counter_app.services.report_export import export
from counter_app.services.staff import ADMINISTER, REPORTS, allows

PERIOD = (date(2026, 7, 13), date(2026, 7, 20))
NOW = datetime(2026, 7, 21, 9, 30)


def _receive(service: CounterService, received_at: str, **extra: object) -> dict:
    return service.intake.receive(intake(received_at=received_at, **extra)).dossier


def _advance(service: CounterService, code: str, *steps: tuple[int, str]) -> None:
    for status, at in steps:
        service.dossiers.change_status(
            code,
            status,
            by="an.nv",
            at=datetime.fromisoformat(at),
            collected_by="Nguyễn Thị Minh Khai" if status == 10 else "",
        )


def _later(moment: str, seconds: int) -> str:
    value = datetime.fromisoformat(moment)
    return (value.replace(second=value.second + seconds)).isoformat(sep=" ")


@pytest.fixture
def register(service: CounterService) -> CounterService:
    """Counter 1, counter 2 and one online dossier around the week 13–20/07/2026."""
    a = _receive(service, "2026-07-15 10:05")  # finished exactly at its appointment: on time
    _advance(service, a["code"], (4, "2026-07-16 08:00"), (9, a["due_at"]))
    b = _receive(service, "2026-07-15 10:06")  # finished one second after it: late
    _advance(service, b["code"], (4, "2026-07-16 08:00"), (9, _later(b["due_at"], 1)))
    c = _receive(service, "2026-07-16 09:00")  # open, appointment 21/07 09:00 < now: overdue
    _advance(service, c["code"], (4, "2026-07-16 10:00"))
    d = _receive(service, "2026-07-16 09:30")  # open, appointment 21/07 09:30 == now: not yet
    assert d["due_at"] == "2026-07-21 09:30:00" and c["due_at"] == "2026-07-21 09:00:00"
    service.intake.receive_with_status(  # refused at reception: never received
        intake(received_at="2026-07-15 11:00"), 3, by="an.nv", reason="Thiếu giấy tờ"
    )
    f = _receive(service, "2026-07-10 10:00")  # received before, finished in the period
    _advance(service, f["code"], (4, "2026-07-13 08:00"), (9, "2026-07-14 09:00"))
    _advance(service, f["code"], (10, "2026-07-15 09:00"))  # the hand-back is no 2nd finish
    _receive(service, "2026-07-21 08:00")  # after the period: in nothing
    online = _receive(service, "2026-07-14 10:00", channel="online")  # open and overdue
    service.settings.update({"counter": 2}, actor="test")
    h = _receive(service, "2026-07-17 08:00")
    assert counter_of(h["code"]) == 2 and counter_of(online["code"], "online") == ONLINE
    _advance(
        service,
        h["code"],
        (4, "2026-07-17 09:00"),
        (9, "2026-07-17 15:00"),
        (10, "2026-07-20 08:00"),
    )
    return service


def test_totals_and_rates_on_known_register(register: CounterService) -> None:
    figures = register.reports.centre_figures(*PERIOD, now=NOW)
    assert figures.totals == {
        "received": 6,
        "online": 1,
        "refused": 1,  # its own count: never in "received"
        "completion_requested": 0,
        "finished": 4,
        "on_time": 3,
        "late": 1,
        "overdue_now": 2,
        "digitised": 0,  # nothing attached (tests/services/test_digitisation_figures.py)
        "results_digitised": 0,
        "online_share": round(1 / 6, 4),
        "on_time_rate": 0.75,
        "digitised_rate": 0.0,
        "result_digitised_rate": 0.0,
    }


def test_overdue_boundary_moves_with_now(register: CounterService) -> None:
    one_second_later = register.reports.centre_figures(*PERIOD, now=datetime(2026, 7, 21, 9, 30, 1))
    assert one_second_later.totals["overdue_now"] == 3  # d's appointment has now passed


def test_by_day_covers_every_day_of_the_period(register: CounterService) -> None:
    figures = register.reports.centre_figures(*PERIOD, now=NOW)
    days = {row["day"]: row for row in figures.by_day}
    assert list(days) == [f"2026-07-{d}" for d in range(13, 21)]
    picked = {
        day: (row["received"], row["finished"], row["on_time"], row["late"])
        for day, row in days.items()
    }
    assert picked == {
        "2026-07-13": (0, 0, 0, 0),
        "2026-07-14": (1, 1, 1, 0),
        "2026-07-15": (2, 0, 0, 0),
        "2026-07-16": (2, 0, 0, 0),
        "2026-07-17": (1, 1, 1, 0),
        "2026-07-18": (0, 0, 0, 0),
        "2026-07-19": (0, 0, 0, 0),
        "2026-07-20": (0, 2, 1, 1),
    }
    assert days["2026-07-20"]["on_time_rate"] == 0.5 and days["2026-07-13"]["on_time_rate"] is None


def test_by_counter_and_by_procedure(register: CounterService) -> None:
    figures = register.reports.centre_figures(*PERIOD, now=NOW)
    counters = {
        row["counter"]: tuple(row[k] for k in ("received", "finished", "on_time", "late"))
        + (row["overdue_now"],)
        for row in figures.by_counter
    }
    assert counters == {ONLINE: (1, 0, 0, 0, 1), 1: (4, 3, 2, 1, 1), 2: (1, 1, 1, 0, 0)}
    [procedure] = figures.by_procedure
    assert procedure["procedure_code"] == "1.004873" and procedure["received"] == 6
    assert procedure["procedure_name"]


def test_empty_period_and_bad_period(service: CounterService) -> None:
    figures = service.reports.centre_figures(date(2026, 1, 1), date(2026, 1, 1), now=NOW)
    assert figures.totals["received"] == 0 and figures.totals["on_time_rate"] is None
    assert len(figures.by_day) == 1 and figures.by_counter == []
    with pytest.raises(ValueError, match="date_to"):
        service.reports.centre_figures(date(2026, 1, 2), date(2026, 1, 1))


def test_counter_of_code() -> None:
    assert counter_of("000.00.01.H22-260715-2003") == 2
    assert counter_of("000.00.01.H22-260715-9999") == 9
    assert counter_of("G22.99-260715-0001") is None  # not a counter's sequence
    assert counter_of(None) is None


# -- roles ------------------------------------------------------------------------------
def test_supervisor_reads_and_reports_but_cannot_administer(service: CounterService) -> None:
    service.staff.add("chi.lt", "Lê Thị Chi", "matkhau3-quay", role="supervisor", actor="an.nv")
    account = service.staff.authenticate("chi.lt", "matkhau3-quay")
    assert account["role"] == "supervisor"
    assert allows("supervisor", REPORTS) and not allows("supervisor", ADMINISTER)
    assert not allows("officer", REPORTS) and allows("admin", ADMINISTER)
    service.intake.receive(intake())
    assert len(service.search.dossiers("")) == 1  # reads the register
    assert (
        service.reports.centre_figures(date(2026, 7, 15), date(2026, 7, 15)).totals["received"] == 1
    )
    for forbidden in (
        lambda: service.settings.update({"centre_name": "Khác"}, actor="chi.lt"),
        lambda: service.staff.add("x.y", "X Y", "matkhau9-quay", actor="chi.lt"),
        lambda: service.staff.set_password("binh.tt", "matkhau9-quay", actor="chi.lt"),
        lambda: service.staff.set_active("binh.tt", False, actor="chi.lt"),
        lambda: service.calendar.set_holiday_override(date(2026, 8, 1), True, actor="chi.lt"),
        lambda: service.staff.add(
            "x.y", "X Y", "matkhau9-quay", actor="binh.tt"
        ),  # officers neither
    ):
        with pytest.raises(AuthError, match="không có quyền"):
            forbidden()
    assert service.settings.get("centre_name") != "Khác"
    service.settings.update({"paper": "80mm"}, actor="chi.lt")  # this PC's paper: anyone
    service.settings.update({"centre_name": "Trung tâm mới"}, actor="an.nv")  # the admin may


# -- exports ----------------------------------------------------------------------------
def _xlsx_sheets(path: Path) -> dict[str, list[list[object]]]:
    """The cells of every sheet, read with zipfile + XML (no openpyxl in the test extra)."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    with zipfile.ZipFile(path) as book:
        strings = [
            "".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t"))
            for si in ElementTree.fromstring(book.read("xl/sharedStrings.xml")).findall("m:si", ns)
        ]
        rels = {
            r.get("Id"): r.get("Target")
            for r in ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
        }
        sheets = {}
        for sheet in ElementTree.fromstring(book.read("xl/workbook.xml")).iter(
            f"{{{ns['m']}}}sheet"
        ):
            xml = ElementTree.fromstring(book.read("xl/" + rels[sheet.get(rel)]))
            rows = []
            for row in xml.iter(f"{{{ns['m']}}}row"):
                cells = []
                for cell in row.findall("m:c", ns):
                    value = cell.find("m:v", ns)
                    if value is None:
                        cells.append(None)
                    elif cell.get("t") == "s":
                        cells.append(strings[int(value.text)])
                    else:
                        cells.append(float(value.text))
                rows.append(cells)
            sheets[sheet.get("name")] = rows
    return sheets


def test_csv_export_has_bom_and_every_table(register: CounterService, tmp_path: Path) -> None:
    figures = register.reports.centre_figures(*PERIOD, now=NOW)
    path = export(figures, tmp_path / "so-lieu.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the BOM
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[1][:5] == ["Bảng", "Mã", "Tên", "Tiếp nhận", "Trực tuyến"]
    by_section: dict[str, list[list[str]]] = {}
    for row in rows[2:]:
        by_section.setdefault(row[0], []).append(row)
    [totals] = by_section["Tổng hợp"]
    assert totals[3:] == [
        *("6", "1", "1", "0", "4", "3", "1", "2", "0", "0"),
        *(str(round(1 / 6, 4)), "0.75", "0.0", "0.0"),
    ]
    assert len(by_section["Theo ngày"]) == 8
    assert by_section["Theo ngày"][0][2] == "13/07/2026" and by_section["Theo ngày"][0][-1] == ""
    assert [r[2] for r in by_section["Theo quầy"]] == ["Trực tuyến", "Quầy 1", "Quầy 2"]
    assert by_section["Theo thủ tục"][0][1] == "1.004873"


def test_xlsx_export_read_back(register: CounterService, tmp_path: Path) -> None:
    figures = register.reports.centre_figures(*PERIOD, now=NOW)
    sheets = _xlsx_sheets(export(figures, tmp_path / "so-lieu.xlsx"))
    assert list(sheets) == ["Tổng hợp", "Theo ngày", "Theo thủ tục", "Theo quầy"]
    header, totals = sheets["Tổng hợp"][1], sheets["Tổng hợp"][2]
    assert header[2:7] == [
        "Tiếp nhận",
        "Trực tuyến",
        "Từ chối tiếp nhận",
        "Yêu cầu bổ sung",
        "Đã giải quyết",
    ]
    assert totals[2:] == [6, 1, 1, 0, 4, 3, 1, 2, 0, 0, round(1 / 6, 4), 0.75, 0, 0]
    counters = sheets["Theo quầy"][2:]
    assert [(r[1], r[2], r[3]) for r in counters] == [
        ("Trực tuyến", 1, 1),
        ("Quầy 1", 4, 0),
        ("Quầy 2", 1, 0),
    ]
    days = sheets["Theo ngày"][2:]
    assert len(days) == 8 and days[-1][1] == "20/07/2026" and days[-1][6] == 2
    with zipfile.ZipFile(tmp_path / "so-lieu.xlsx") as book:
        assert any(name.startswith("xl/charts/") for name in book.namelist())


def test_export_refuses_unknown_format(register: CounterService, tmp_path: Path) -> None:
    figures = register.reports.centre_figures(*PERIOD, now=NOW)
    with pytest.raises(InputError, match="csv"):
        export(figures, tmp_path / "so-lieu.pdf")


def test_cli_report_reads_the_same_core_call(
    data_dir: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    service = configure(CounterService.open(data_dir))
    service.intake.receive(intake())
    service.intake.receive(intake(received_at="2026-07-16 08:00", channel="online"))
    service.close()
    monkeypatch.setattr(sys, "stdin", password_lines())
    base = ["--data-dir", str(data_dir), *SIGN_IN, "report"]
    base += ["--from", "2026-07-15", "--to", "16/07/2026"]
    assert main([*base, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["totals"]["received"] == 2 and data["totals"]["online_share"] == 0.5
    assert [r["counter"] for r in data["by_counter"]] == [ONLINE, 1]
    assert main(base) == 0
    assert "Tiếp nhận: 2 (trực tuyến 1, 50.0%)" in capsys.readouterr().out
    out = tmp_path / "figures.xlsx"
    assert main([*base, "--format", "xlsx", "--out", str(out)]) == 0
    assert _xlsx_sheets(out)["Tổng hợp"][2][2] == 2
    assert main([*base, "--format", "csv"]) == 0
    assert "Tổng hợp,,15/07/2026 – 16/07/2026,2,1" in capsys.readouterr().out
    assert main([*base, "--format", "xlsx"]) == 2  # xlsx needs --out
    assert "--out" in capsys.readouterr().err
    assert main([*base[:-1], "2026-07-14"]) == 2  # ends before it starts


# -- the register across counters ----------------------------------------------------------
def test_search_filters_by_counter_and_marks_received_here(register: CounterService) -> None:
    # the register fixture ends configured as counter 2
    rows = register.search.dossiers("", limit=100)
    assert {(r["counter"], r["received_here"]) for r in rows} == {
        (1, False),
        (2, True),
        (ONLINE, False),
    }
    here = register.search.dossiers("", counter=2)
    assert [r["code"][-4] for r in here] == ["2"] and here[0]["received_here"]
    assert len(register.search.dossiers("", counter=1, limit=100)) == 7  # a–g
    assert [r["counter"] for r in register.search.dossiers("", counter=ONLINE)] == [ONLINE]
    assert register.search.dossiers("", counter=5) == []
