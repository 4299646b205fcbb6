"""Issue 12 item 10: per-form printer and paper (remembered in the counter's settings), the
80 mm receipt inside the ~72 mm printable width of a thermal head, and the lp job options."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import intake

from counter_app.forms.print_setup import PRINTED_FORMS, clean_form_printing, print_choice
from counter_app.forms.spooler import SpoolError, media_option, page_size_mm, submit_pdf
from counter_app.services import CounterService, InputError

PRINTABLE_MM = 72  # common 80 mm thermal heads print 72 mm (576 dots at 203 dpi)


def test_every_form_and_both_lists_can_be_given_a_printer() -> None:
    assert {"receipt", "supplement", "refusal", "control", "handback", "register", "handover"} <= (
        set(PRINTED_FORMS)
    )
    assert PRINTED_FORMS["receipt"][1] == ("a4", "80mm")
    assert PRINTED_FORMS["register"][1] == ("a4",) and PRINTED_FORMS["refusal"][1] == ("a4",)


def test_choice_falls_back_to_the_general_printer_and_paper() -> None:
    settings = {"printer": "Laser", "paper": "80mm", "form_printing": {}}
    assert print_choice(settings, "receipt").paper == "80mm"
    assert print_choice(settings, "refusal").paper == "a4"  # Mẫu 03 has no narrow layout
    assert print_choice(settings, "refusal").printer == "Laser"
    settings["form_printing"] = {
        "receipt": {"printer": "Thermal", "paper": "80mm", "direct": True},
        "refusal": {"printer": "", "paper": "80mm", "direct": False},  # stale: A4 only
    }
    receipt = print_choice(settings, "receipt")
    assert (receipt.printer, receipt.paper, receipt.direct) == ("Thermal", "80mm", True)
    assert print_choice(settings, "refusal").paper == "a4"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("receipt", "bảng"),
        ({"nope": {}}, "Không có mẫu 'nope'"),
        ({"refusal": {"paper": "80mm"}}, "khổ giấy '80mm'"),
        ({"receipt": {"printer": 5}}, "tên máy in"),
        ({"receipt": {"direct": "yes"}}, "direct"),
        ({"receipt": {"colour": True}}, "chỉ nhận"),
    ],
)
def test_bad_form_printing_is_refused_clearly(value, message) -> None:
    with pytest.raises(ValueError, match=message):
        clean_form_printing(value)


def test_setting_is_a_counter_preference_remembered(service: CounterService) -> None:
    table = {"receipt": {"printer": " Xprinter XP-80 ", "paper": "80mm", "direct": True}}
    service.settings.update({"form_printing": table}, actor="binh.tt")  # an officer, not admin
    stored = service.settings.get("form_printing")
    assert stored == {"receipt": {"printer": "Xprinter XP-80", "paper": "80mm", "direct": True}}
    with pytest.raises(InputError) as caught:
        service.settings.update({"form_printing": {"register": {"paper": "80mm"}}}, actor="an.nv")
    assert caught.value.field == "form_printing"
    assert service.settings.get("form_printing") == stored  # nothing lost


def _ink_columns_mm(pdf_path: Path, tmp_path: Path, dpi: int = 150) -> list[tuple[float, float]]:
    """Per page: the leftmost and rightmost non-white column, in mm from the left edge."""
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", str(pdf_path), str(tmp_path / "page")], check=True
    )
    bands = []
    for image in sorted(tmp_path.glob("page*.pgm")):
        data = image.read_bytes()
        # P5 header: magic, width height, maxval, then one byte a pixel
        fields = data.split(maxsplit=4)
        width, height = int(fields[1]), int(fields[2])
        pixels = fields[4][: width * height]
        columns = [
            x for x in range(width) if any(pixels[y * width + x] < 200 for y in range(0, height, 2))
        ]
        bands.append((columns[0] * 25.4 / dpi, (columns[-1] + 1) * 25.4 / dpi))
    return bands


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) missing")
def test_80mm_receipt_stays_inside_the_thermal_heads_width(
    service: CounterService, tmp_path: Path
) -> None:
    data = intake()
    data["applicant"] = dict(
        data["applicant"],
        full_name="Tôn Nữ Hoàng Thị Phương Thảo Nguyễn Ngọc Bích",
        address="Số 1234/56/78 ngách 90 ngõ 1102 đường Trường Chinh, tổ dân phố số 15",
        email="nguoi.nop.ho.so.rat.dai@mot-ten-mien-rat-dai.example.vn",
    )
    code = service.intake.receive(data).dossier["code"]
    pdf = service.prints.render(service.dossiers.get(code), "receipt", paper="80mm")
    path = tmp_path / "receipt-80mm.pdf"
    path.write_bytes(pdf)
    width, _height = page_size_mm(pdf)
    assert abs(width - 80) < 0.1
    margin = (80 - PRINTABLE_MM) / 2
    for left, right in _ink_columns_mm(path, tmp_path):
        assert left >= margin - 0.5 and right <= 80 - margin + 0.5, (left, right)
    assert media_option(pdf).startswith("Custom.80x")


def test_lp_job_options(tmp_path: Path) -> None:
    from counter_app.forms.receipt import render_receipt

    a4 = render_receipt({"code": "X", "applicant": {}, "procedure": {}}, {})
    assert media_option(a4) == "A4"
    if shutil.which("lp") is None:
        with pytest.raises(SpoolError, match="không có lệnh in lp"):
            submit_pdf(a4, queue="any")
    with pytest.raises(SpoolError):
        submit_pdf(b"not a pdf", queue="any")
