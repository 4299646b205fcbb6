"""Issue 12 item 11 (core): the register and the daily fee summary of a period, and their
.xlsx / .csv files read back (XlsxWriter's files with zipfile + xml; CSV with its BOM)."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import intake
from xlsx_read import xlsx_sheets

from counter_app.services import CounterService, InputError
from counter_app.services.ledger_export import export_fees, export_register


@pytest.fixture
def period(service: CounterService) -> list[str]:
    fee = [{"code": "LP01", "name": "Lệ phí cấp giấy", "amount": 15000, "paid": True}]
    unpaid = [{"code": "LP01", "name": "Lệ phí cấp giấy", "amount": 15000, "paid": False}]
    other = [{"code": "P02", "name": "Phí sao lục", "amount": 8000, "paid": True}]
    codes = []
    for at, fees in (
        ("2026-07-14 09:00", fee),
        ("2026-07-15 09:00", fee + other),
        ("2026-07-15 14:00", unpaid),
        ("2026-07-16 10:00", []),
    ):
        data = intake(received_at=at, fees=fees)
        data["applicant"] = dict(
            data["applicant"], address="Số 5 Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội"
        )
        codes.append(service.intake.receive(data).dossier["code"])
    service.intake.receive_with_status(  # refused at the counter: never received, no fee
        intake(received_at="2026-07-15 15:00", fees=fee), 3, by="an.nv", reason="Sai thẩm quyền"
    )
    return codes


def test_register_rows_of_the_period(service: CounterService, period: list[str]) -> None:
    book = service.reports.register(date(2026, 7, 15), date(2026, 7, 16))
    codes = [r["code"] for r in book.rows]  # oldest first
    assert len(codes) == 4 and [c for c in codes if c in period] == period[1:]
    assert book.rows[2]["status"] == 3  # the refused one is in the book too, as in Mẫu 07
    first = book.rows[0]
    assert first["address"] == "Số 5 Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội"  # once
    assert first["fee_total"] == 23000 and first["received_at"].hour == 9
    with pytest.raises(InputError):
        service.reports.register(date(2026, 7, 16), date(2026, 7, 15))
    with pytest.raises(InputError):
        service.reports.register(date(2025, 1, 1), date(2026, 7, 15))


def test_fee_summary_by_day_and_by_fee(service: CounterService, period: list[str]) -> None:
    fees = service.reports.fees(date(2026, 7, 14), date(2026, 7, 17))
    assert fees.totals == {"dossiers": 3, "items": 4, "due": 53000, "paid": 38000, "unpaid": 15000}
    days = {row["day"]: row for row in fees.by_day}
    assert len(days) == 4 and days[date(2026, 7, 17)]["due"] == 0
    assert (days[date(2026, 7, 15)]["dossiers"], days[date(2026, 7, 15)]["due"]) == (2, 38000)
    assert [(r["code"], r["due"], r["unpaid"]) for r in fees.by_fee] == [
        ("LP01", 45000, 15000),
        ("P02", 8000, 0),
    ]


def test_exports_read_back(service: CounterService, period: list[str], tmp_path: Path) -> None:
    book = service.reports.register(date(2026, 7, 14), date(2026, 7, 16))
    fees = service.reports.fees(date(2026, 7, 14), date(2026, 7, 16))

    sheets = xlsx_sheets(export_register(book, tmp_path / "so.xlsx"))
    rows = sheets["Sổ theo dõi"]
    assert rows[2][:3] == ["Số thứ tự", "Mã hồ sơ", "Thủ tục"]
    assert [r[1] for r in rows[3:]] == [r["code"] for r in book.rows]
    assert "Phường Hoàn Kiếm" in rows[3][5]
    assert float(rows[3][7]) > 46000  # a real Excel date serial, not text

    sheets = xlsx_sheets(export_fees(fees, tmp_path / "le-phi.xlsx"))
    assert set(sheets) == {"Theo ngày", "Theo khoản thu"}
    assert sheets["Theo ngày"][-1][0] == "Tổng cộng" and sheets["Theo ngày"][-1][3] == "53000"
    assert sheets["Theo khoản thu"][3][:2] == ["LP01", "Lệ phí cấp giấy"]

    path = export_register(book, tmp_path / "so.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for the diacritics
    lines = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert lines[1][1] == "Mã hồ sơ" and lines[2][1] == period[0]
    assert re.fullmatch(r"14/07/2026 09:00", lines[2][7])
    lines = list(
        csv.reader(export_fees(fees, tmp_path / "lp.csv").read_text("utf-8-sig").splitlines())
    )
    assert ["Tổng cộng", "3", "4", "53000", "38000", "15000"] in lines

    with pytest.raises(InputError, match="xlsx"):
        export_fees(fees, tmp_path / "x.pdf")
    with pytest.raises(InputError, match="Không ghi được"):
        export_fees(fees, tmp_path / "missing-folder" / "x.csv")
    assert not list(tmp_path.glob("*.part"))
