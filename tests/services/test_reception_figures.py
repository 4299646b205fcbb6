"""Issue 13: a dossier refused at intake (3) or sent back for completion before receipt is
never counted as received — in the register (Sổ theo dõi, Mẫu 07: the book service and the
printed form) and the centre's figures — but under its own count ("từ chối tiếp nhận",
"yêu cầu bổ sung"). A real DB, dossiers made through the use cases."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from conftest import intake
from pypdf import PdfReader

from counter_app.services import CounterService

DAY1, DAY2 = date(2026, 7, 15), date(2026, 7, 16)


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.fixture
def counter(service: CounterService) -> dict[str, str]:
    """A received; B refused; C sent back, completed and received the next day; D sent back
    and still away; A then asked for a supplement during processing (received: not counted)."""
    receive = service.intake.receive_with_status
    a = service.intake.receive(intake(received_at="2026-07-15 10:00")).dossier["code"]
    b = receive(
        intake(received_at="2026-07-15 11:00"), 3, by="an.nv", reason="Không thuộc thẩm quyền"
    )
    c = receive(intake(received_at="2026-07-15 14:00"), 5, by="an.nv", reason="Thiếu tờ khai")
    d = receive(intake(received_at="2026-07-16 10:00"), 5, by="an.nv", reason="Thiếu bản sao")
    c_code, d_code = c.dossier["code"], d.dossier["code"]
    service.dossiers.change_status(c_code, 2, by="an.nv", at=_at("2026-07-16 09:00"))
    service.dossiers.change_status(a, 4, by="an.nv", at=_at("2026-07-16 08:00"))
    service.dossiers.change_status(
        a, 5, by="an.nv", reason="Bổ sung giấy ủy quyền", at=_at("2026-07-16 15:00")
    )
    return {"a": a, "b": b.dossier["code"], "c": c_code, "d": d_code}


def test_figures_count_refusals_and_completion_requests_apart(
    service: CounterService, counter: dict[str, str]
) -> None:
    figures = service.reports.centre_figures(DAY1, DAY2, now=datetime(2026, 7, 16, 16, 0))
    totals = figures.totals
    assert (totals["received"], totals["refused"], totals["completion_requested"]) == (2, 1, 2)
    days = {row["day"]: row for row in figures.by_day}
    picked = {
        day: (row["received"], row["refused"], row["completion_requested"])
        for day, row in days.items()
    }
    # C was sent back on the 15th and received on the 16th (its clock starts then)
    assert picked == {"2026-07-15": (1, 1, 1), "2026-07-16": (1, 0, 1)}
    [procedure] = figures.by_procedure
    assert (procedure["received"], procedure["refused"]) == (2, 1)
    assert totals["online_share"] == 0  # the base is what was received: 2, not 4
    # the fees of dossiers never received were not collected
    fees = service.reports.fees(DAY1, DAY2)
    assert fees.totals["dossiers"] <= 2


def test_register_book_never_shows_them_as_received(
    service: CounterService, counter: dict[str, str]
) -> None:
    book = service.reports.register(DAY1, DAY2)
    rows = {row["code"]: row for row in book.rows}
    assert book.counts == {
        "received": 2,
        "refused": 1,
        "completion_requested": 1,
        "not_received": 0,
    }
    assert [rows[counter[k]]["reception"] for k in "abcd"] == [
        "received",
        "refused",
        "received",
        "completion_requested",
    ]
    refused, away = rows[counter["b"]], rows[counter["d"]]
    assert refused["received_at"] is None and refused["due_at"] is None
    assert refused["status_name"] == "Từ chối tiếp nhận (15/07/2026 11:00)"
    assert away["received_at"] is None and away["due_at"] is None
    assert away["status_name"].startswith("Yêu cầu bổ sung, hoàn thiện hồ sơ (chưa tiếp nhận)")
    assert rows[counter["c"]]["received_at"] == datetime(2026, 7, 16, 9, 0)
    # A's supplement during processing is an ordinary status: it was received
    assert rows[counter["a"]]["status_name"] == "Yêu cầu bổ sung giấy tờ"


def test_printed_register_splits_its_total(
    service: CounterService, counter: dict[str, str]
) -> None:
    pdf = service.prints.register(DAY1, DAY2)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    assert "Từ chối tiếp nhận (15/07/2026 11:00)" in text
    assert "Yêu cầu bổ sung, hoàn thiện hồ sơ (chưa tiếp nhận) (16/07/2026 10:00)" in text
    assert (
        "Tổng số: 4 hồ sơ — đã tiếp nhận: 2; từ chối tiếp nhận: 1; "
        "yêu cầu bổ sung, hoàn thiện hồ sơ (chưa tiếp nhận): 1." in text
    )
    assert service.dossiers.get(counter["b"])["reception"] == "refused"
    assert service.dossiers.get(counter["d"])["reception"] == "completion_requested"
