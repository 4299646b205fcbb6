"""Forms printed at a training counter: the diagonal training mark on every page of every
form, and no working lookup QR code (a struck-out "MẪU" box, no lookup address)."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import intake
from pdf_reading import drawn_content
from pypdf import PdfReader

from counter_app.forms.layout import SAMPLE_MARK, TRAINING_MARK
from counter_app.forms.registry import FORMS
from counter_app.services import CounterService

DAY = date(2026, 7, 15)


def pages_text(pdf: bytes) -> list[str]:
    """Each page's text with white space removed (the mark is drawn at an angle)."""
    return [re.sub(r"\s+", "", p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages]


def rectangles(pdf: bytes) -> int:
    """How many `re` operators the pages draw: a QR code is hundreds of them."""
    count = 0
    for page in PdfReader(io.BytesIO(pdf)).pages:
        count += len(re.findall(rb"\sre\s", drawn_content(page)))
    return count


MARK = re.sub(r"\s+", "", TRAINING_MARK)


def dossier_for(service: CounterService, form: str) -> str:
    """A dossier that has the event `form` prints."""
    code = service.intake.receive(intake()).dossier["code"]
    if form == "supplement":
        service.dossiers.change_status(code, 5, by="an.nv", reason="Thiếu tờ khai")
    elif form == "refusal":
        service.dossiers.change_status(code, 5, by="an.nv", reason="Thiếu tờ khai")
        service.dossiers.change_status(code, 3, by="an.nv", reason="Không thuộc thẩm quyền")
    elif form == "apology":
        service.dossiers.move_due(code, datetime(2026, 7, 30, 10, 0), by="an.nv", reason="Chờ")
    elif form == "stop":
        service.dossiers.change_status(code, 4, by="an.nv")
        service.dossiers.change_status(code, 8, by="an.nv", reason="Người nộp đề nghị dừng")
    elif form == "handback":
        for status in (4, 9):
            service.dossiers.change_status(code, status, by="an.nv")
        service.dossiers.change_status(
            code, 10, by="binh.tt", collected_by="Nguyễn Văn Bình", collected_id_number=""
        )
    return code


def every_pdf(service: CounterService) -> dict[str, bytes]:
    """Every form of the table (both receipt papers), the register and the hand-over list."""
    pdfs: dict[str, bytes] = {}
    for form in FORMS:
        dossier = service.dossiers.get(dossier_for(service, form))
        pdfs[form] = service.prints.render(dossier, form)
        if FORMS[form].papers:
            pdfs[f"{form}-80mm"] = service.prints.render(dossier, form, paper="80mm")
    pdfs["register"] = service.prints.register(DAY, DAY)
    codes = [service.intake.receive(intake()).dossier["code"]]
    service.dossiers.record_handover(
        codes,
        direction="out",
        agency="Phòng Văn hóa - Xã hội",
        giver="Nguyễn Văn An",
        receiver="Lê Văn Cường",
        by="an.nv",
        at=datetime(2026, 7, 15, 14, 0),
    )
    pdfs["handover-list"] = service.prints.handover_list(DAY)
    return pdfs


def test_every_page_of_every_training_form_is_marked(service: CounterService) -> None:
    service.settings.update(
        {"training": True, "lookup_url": "https://dichvucong.gov.vn/tra-cuu?ma={code}"},
        actor="an.nv",
    )
    pdfs = every_pdf(service)
    assert set(FORMS) <= set(pdfs)
    for name, pdf in pdfs.items():
        texts = pages_text(pdf)
        assert texts, name
        for number, page in enumerate(texts, 1):
            assert MARK in page, f"{name} page {number}"
    for receipt in ("receipt", "receipt-80mm"):
        assert all(SAMPLE_MARK in page for page in pages_text(pdfs[receipt]))
        assert rectangles(pdfs[receipt]) < 20  # a box and a label, no QR modules
        assert not any("dichvucong" in page for page in pages_text(pdfs[receipt]))


def test_a_real_counter_prints_no_mark_and_a_working_qr(service: CounterService) -> None:
    service.settings.update(
        {"lookup_url": "https://dichvucong.gov.vn/tra-cuu?ma={code}"}, actor="an.nv"
    )
    pdfs = every_pdf(service)
    for name, pdf in pdfs.items():
        assert not any(MARK in page for page in pages_text(pdf)), name
    assert rectangles(pdfs["receipt"]) > 100  # the QR code's modules
    assert all("dichvucong" in page for page in pages_text(pdfs["receipt"]))


def test_the_training_folder_prints_training_copies(tmp_path: Path) -> None:
    from counter_app.gui.training import DEMO_USER, prepare_training

    environment = prepare_training(tmp_path / "demo", dossiers=0, start_portal=False)
    service = environment.service
    try:
        assert service.settings.get("training") is True
        data = intake(officer=DEMO_USER)
        code = service.intake.receive(data).dossier["code"]
        pdf = service.prints.produce(code, "receipt", officer=DEMO_USER, deliver=bytes)
        assert all(MARK in page for page in pages_text(pdf))
    finally:
        environment.close()
        service.close()


@pytest.mark.parametrize("word", ["false", "0", "no", False])
def test_the_training_setting_reads_false_words(service: CounterService, word) -> None:
    service.settings.update({"training": word}, actor="an.nv")
    assert service.settings.get("training") is False


def test_the_training_setting_refuses_other_words(service: CounterService) -> None:
    from counter_app.services import InputError

    with pytest.raises(InputError) as caught:
        service.settings.update({"training": "có lẽ"}, actor="an.nv")
    assert caught.value.field == "training"
