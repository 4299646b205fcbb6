"""The table of printed forms: adding a form is one renderer and one row, read everywhere."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import SIGN_IN, intake, password_lines
from pypdf import PdfReader

from counter_app.cli import main
from counter_app.domain.status import Status
from counter_app.forms import registry, render_text_probe
from counter_app.forms.registry import FORMS, FormSpec, form_spec, form_title
from counter_app.services import CounterService, InputError


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def render_notice(dossier: dict[str, Any], centre: dict[str, Any], *, note: str) -> bytes:
    """A throwaway form: the dossier code and who started processing it."""
    return render_text_probe(f"{dossier['code']} {centre['unit_code']} {note}")


NOTICE = FormSpec(
    key="notice",
    title="Phiếu thông báo thử",
    short_title="Thông báo thử",
    english_title="Test notice",
    file_stem="thong-bao-thu",
    renderer=render_notice,
    from_status=Status.PROCESSING,
    arguments=lambda event: {"note": f"bởi {event['by']}"},
    missing_event="Hồ sơ chưa được xử lý để in phiếu thông báo",
    copies=("Bản lưu", "Bản giao"),
)


@pytest.fixture
def notice_form(monkeypatch: pytest.MonkeyPatch) -> FormSpec:
    monkeypatch.setitem(registry.FORMS, NOTICE.key, NOTICE)
    return NOTICE


def test_a_new_form_is_one_renderer_and_one_row(
    notice_form: FormSpec,
    service: CounterService,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    service.dossiers.change_status(code, Status.PROCESSING, by="an.nv")
    dossier = service.dossiers.get(code)
    assert f"{code} " in text_of(service.prints.render(dossier, "notice"))
    assert "bởi an.nv" in text_of(service.prints.render(dossier, "notice"))
    service.close()

    base = ["--data-dir", str(data_dir), *SIGN_IN]
    with pytest.raises(SystemExit):
        main([*base, "print", "--help"])
    help_text = capsys.readouterr().out
    assert "notice" in help_text and "Phiếu thông báo thử" in help_text
    monkeypatch.setattr(sys, "stdin", password_lines())
    out = tmp_path / "notice.pdf"
    command = [*base, "print", code, "--form", "notice", "--by", "an.nv", "--out", str(out)]
    assert main(command) == 0
    assert code in text_of(out.read_bytes())
    assert main(command) == 2  # printed before: a reprint needs a reason, named by its title
    assert "Phiếu thông báo thử của hồ sơ này đã được in" in capsys.readouterr().err

    reopened = CounterService.open(data_dir)
    try:
        prints = reopened.dossiers.get(code)["prints"]
    finally:
        reopened.close()
    assert [(p["form"], p["copy"]) for p in prints] == [
        ("notice", "Bản lưu"),
        ("notice", "Bản giao"),
    ]


def test_a_new_form_needs_its_event(notice_form: FormSpec, service: CounterService) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    with pytest.raises(InputError, match="chưa được xử lý") as caught:
        service.prints.produce(code, "notice", officer="an.nv", deliver=bytes)
    assert caught.value.field == "form"


def test_unknown_form_and_missing_events_keep_their_messages(service: CounterService) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    dossier = service.dossiers.get(code)
    with pytest.raises(InputError) as caught:
        service.prints.render(dossier, "invoice")
    assert caught.value.field == "form"
    # Issue 13 adds Mẫu 04, 05 and the hand-back slip, so the list of forms grows.
    assert caught.value.message == (
        "Không có mẫu 'invoice' (receipt, supplement, refusal, apology, stop, control, handback)"
    )
    for form, message in (
        ("supplement", "Hồ sơ chưa có yêu cầu bổ sung (trạng thái 5) để in Mẫu 02"),
        ("refusal", "Hồ sơ chưa bị từ chối tiếp nhận (trạng thái 3) để in Mẫu 03"),
    ):
        with pytest.raises(InputError) as caught:
            service.prints.render(dossier, form)
        assert (caught.value.field, caught.value.message) == ("form", message)
    with pytest.raises(registry.FormError):
        form_spec("invoice")


def test_titles_and_statuses_come_from_the_table() -> None:
    assert form_title("receipt") == "Mẫu 01 - Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
    assert form_title("refusal", short=True) == "Mẫu 03 - Từ chối tiếp nhận"
    # Issue 13: the control sheet is Mẫu 06 of Thông tư 03/2025/TT-VPCP.
    assert form_title("control", english=True) == "Form 06 - Dossier processing control sheet"
    assert form_title("retired-form") == "retired-form"  # an old print log entry still shows
    assert FORMS["supplement"].from_status is Status.SUPPLEMENT_REQUESTED
    assert FORMS["refusal"].from_status is Status.REFUSED
    assert FORMS["receipt"].copies == ("Liên 1: Lưu", "Liên 2: Giao người nộp")
    assert all(spec.key == key for key, spec in FORMS.items())
