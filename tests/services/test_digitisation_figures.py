"""Digitised or not (services/digitisation.py's rule) over real data folders: the per-dossier
state, the list rows and the "chưa số hóa" filter, the centre's figures by day, procedure and
counter, the report CLI and the exports, rows whose file this counter does not hold."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import intake, run_cli
from PIL import Image, ImageDraw

from counter_app.services import CounterService, NotFound
from counter_app.services.report_export import export
from counter_app.store.attachment_files import AttachmentFileError

NOW = datetime(2026, 7, 21, 9, 30)
PERIOD = (date(2026, 7, 15), date(2026, 7, 17))


def scan(folder: Path, name: str) -> Path:
    image = Image.new("L", (400, 560), "white")
    ImageDraw.Draw(image).text((30, 30), name, fill="black")
    path = folder / f"{name}.png"
    image.save(path)
    return path


def receive(service: CounterService, at: str, **extra: object) -> str:
    return service.intake.receive(intake(received_at=at, **extra)).dossier["code"]


def finish(service: CounterService, code: str, at: str) -> None:
    service.dossiers.change_status(code, 4, by="an.nv", at=datetime.fromisoformat(at))
    service.dossiers.change_status(code, 9, by="an.nv", at=datetime.fromisoformat(at))


@pytest.fixture
def centre(service: CounterService, tmp_path: Path) -> dict[str, str]:
    """Counter 1: `full` (both items, result), `half` (item 1 only), `none`, `bare` (no
    checklist, one other document); counter 2: `two` (both items); one online dossier."""
    attach = service.attachments.attach
    codes = {
        "full": receive(service, "2026-07-15 08:00"),
        "half": receive(service, "2026-07-15 09:00"),
        "none": receive(service, "2026-07-16 08:00"),
        "bare": receive(service, "2026-07-16 09:00", documents=[]),
        "online": receive(service, "2026-07-16 10:00", channel="online"),
    }
    for item in (1, 2):
        attach(codes["full"], [scan(tmp_path, f"full{item}")], by="an.nv", item=item)
    attach(codes["half"], [scan(tmp_path, "half1")], by="an.nv", item=1)
    attach(codes["half"], [scan(tmp_path, "half-other")], by="an.nv")  # no checklist item
    attach(codes["bare"], [scan(tmp_path, "bare")], by="an.nv")
    finish(service, codes["full"], "2026-07-17 10:00")
    finish(service, codes["half"], "2026-07-17 11:00")
    attach(codes["full"], [scan(tmp_path, "result")], by="an.nv", kind="result")
    service.settings.update({"counter": 2}, actor="test")
    codes["two"] = receive(service, "2026-07-17 08:00")
    for item in (1, 2):
        attach(codes["two"], [scan(tmp_path, f"two{item}")], by="an.nv", item=item)
    return codes


def test_per_dossier_state_agrees_with_the_list_rows(
    service: CounterService, centre: dict[str, str]
) -> None:
    rows = {r["code"]: r for r in service.search.dossiers("", limit=100)}
    expected = {  # code: (applies, missing, result digitised)
        "full": (1, 0, 1),
        "half": (1, 1, 0),
        "none": (1, 2, 0),
        "bare": (1, 0, 0),
        "online": (0, 2, 0),
        "two": (1, 0, 0),
    }
    for name, (applies, missing, result) in expected.items():
        row = rows[centre[name]]
        got = (row["digitisation_applies"], row["missing_documents"], row["result_digitised"])
        assert got == (applies, missing, result), name
        state = service.attachments.digitisation(centre[name])
        assert state.missing == missing and state.submitted_done == (missing == 0)
        assert state.result_done == bool(result)
    assert service.attachments.digitisation(centre["half"]).missing_items == (2,)
    assert service.attachments.digitisation(centre["bare"]).items == 0
    ordered = [centre[n] for n in ("full", "half", "none", "bare", "two")]
    assert service.attachments.undigitised_codes(ordered) == [centre["half"], centre["none"]]
    with pytest.raises(NotFound):
        service.attachments.undigitised_codes(["000.00.01.H22-260715-9999"])


def test_a_dossier_without_checklist_or_file_is_missing_one(
    service: CounterService, data_dir: Path, capsys
) -> None:
    code = receive(service, "2026-07-15 08:00", documents=[])
    assert service.attachments.digitisation(code).missing == 1
    assert [r["code"] for r in service.search.dossiers("", undigitised=True)] == [code]
    service.close()
    assert run_cli(data_dir, "attachments", code) == 0
    assert "Chưa có tài liệu số hóa nào" in capsys.readouterr().out


def test_filter_undigitised_combines_with_the_other_filters(
    service: CounterService, centre: dict[str, str]
) -> None:
    found = [r["code"] for r in service.search.dossiers("", undigitised=True)]
    assert found == [centre["none"], centre["half"]]  # newest first; not online, not done
    assert [r["code"] for r in service.search.dossiers("", undigitised=True, counter=2)] == []
    assert [
        r["code"]
        for r in service.search.dossiers("", undigitised=True, date_from=date(2026, 7, 16))
    ] == [centre["none"]]
    assert [r["code"] for r in service.search.dossiers("khai", undigitised=True)] == found
    page = service.search.dossiers("", undigitised=True, limit=1)
    rest = service.search.dossiers("", undigitised=True, before_id=page[0]["id"])
    assert [r["code"] for r in page + rest] == found


def test_refused_dossier_is_not_asked(service: CounterService) -> None:
    refused = service.intake.receive_with_status(
        intake(received_at="2026-07-15 11:00"), 3, by="an.nv", reason="Thiếu giấy tờ"
    ).dossier["code"]
    [row] = service.search.dossiers("")
    assert row["code"] == refused and row["digitisation_applies"] == 0
    assert service.search.dossiers("", undigitised=True) == []


def test_figures_by_day_procedure_and_counter(
    service: CounterService, centre: dict[str, str]
) -> None:
    figures = service.reports.centre_figures(*PERIOD, now=NOW)
    totals = figures.totals
    assert (totals["received"], totals["online"], totals["digitised"]) == (6, 1, 3)
    assert totals["digitised_rate"] == round(3 / 5, 4)  # full, bare, two of the 5 at counters
    assert (totals["finished"], totals["results_digitised"]) == (2, 1)
    assert totals["result_digitised_rate"] == 0.5
    days = {r["day"]: r for r in figures.by_day}
    assert (days["2026-07-15"]["digitised"], days["2026-07-15"]["digitised_rate"]) == (1, 0.5)
    assert days["2026-07-16"]["digitised_rate"] == 0.5  # none, bare (online not counted)
    assert days["2026-07-17"]["digitised_rate"] == 1.0
    assert days["2026-07-17"]["result_digitised_rate"] == 0.5
    counters = {r["counter"]: r for r in figures.by_counter}
    assert counters[1]["digitised_rate"] == 0.5 and counters[2]["digitised_rate"] == 1.0
    assert counters[0]["digitised_rate"] is None  # online only: no base
    [procedure] = figures.by_procedure
    assert procedure["digitised"] == 3 and procedure["result_digitised_rate"] == 0.5


def test_a_row_counts_by_its_sha256_whatever_the_local_file(
    service: CounterService, centre: dict[str, str]
) -> None:
    """Rows from other counters (sync) name files this counter may not hold."""
    before = service.reports.centre_figures(*PERIOD, now=NOW).totals["digitised"]
    for row in service.attachments.list(centre["two"]):
        service.attachments.set_upload_state(row["id"], "uploaded", portal_file_ref="F1")
        service.attachments.files().remove(row["sha256"])
        with pytest.raises(AttachmentFileError):
            service.attachments.open(row["id"])
    assert service.attachments.digitisation(centre["two"]).submitted_done
    assert service.reports.centre_figures(*PERIOD, now=NOW).totals["digitised"] == before


def test_removing_a_document_makes_it_undigitised_again(
    service: CounterService, centre: dict[str, str]
) -> None:
    [first, *_] = service.attachments.list(centre["two"])
    service.attachments.remove(first["id"], by="an.nv", reason="Quét nhầm")
    assert centre["two"] in [r["code"] for r in service.search.dossiers("", undigitised=True)]
    assert service.reports.centre_figures(*PERIOD, now=NOW).by_counter[-1]["digitised_rate"] == 0


def test_report_cli_and_exports_carry_the_rates(
    service: CounterService, centre: dict[str, str], data_dir: Path, tmp_path: Path, capsys
) -> None:
    del centre
    figures = service.reports.centre_figures(*PERIOD, now=NOW)
    rows = list(csv.reader(io.StringIO(export(figures, tmp_path / "f.csv").read_text("utf-8-sig"))))
    header = rows[1]
    totals = next(r for r in rows[2:] if r[0] == "Tổng hợp")
    assert totals[header.index("Hồ sơ đã số hóa")] == "3"
    assert totals[header.index("Tỷ lệ số hóa hồ sơ")] == "0.6"
    assert totals[header.index("Tỷ lệ số hóa kết quả")] == "0.5"
    service.close()
    args = ("report", "--from", "2026-07-15", "--to", "2026-07-17")
    assert run_cli(data_dir, *args, user="an.nv") == 0
    out = capsys.readouterr().out
    assert "Số hóa hồ sơ (tiếp nhận tại quầy): 3/5" in out and "số hóa kết quả: 1/2" in out
    assert "Số hóa theo thủ tục:" in out
    assert run_cli(data_dir, *args, "--format", "json", user="an.nv") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["totals"]["result_digitised_rate"] == 0.5
    assert run_cli(data_dir, "search", "--undigitised", user="an.nv") == 0
    out = capsys.readouterr().out
    assert out.count("số hóa: thiếu") == 2 and "số hóa: đủ" not in out
