"""Producing forms for printing: the print log, reprints, the print/register commands."""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import SIGN_IN, intake, password_lines
from pypdf import PdfReader

from counter_app.cli import main
from counter_app.services import CounterService, InputError


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_receipt_logged_and_reprint_needs_reason(service: CounterService) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    pdf = service.prints.produce(code, "receipt", officer="an.nv", deliver=bytes)
    assert code in text_of(pdf) and "BẢN IN LẠI" not in text_of(pdf)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2
    with pytest.raises(InputError) as caught:
        service.prints.produce(code, "receipt", officer="an.nv", deliver=bytes)
    assert caught.value.field == "reprint_reason"
    again = service.prints.produce(
        code, "receipt", officer="binh.tt", deliver=bytes, reprint_reason="Mất bản in"
    )
    assert "BẢN IN LẠI" in text_of(again)
    prints = service.dossiers.get(code)["prints"]
    assert [(p["copy"], p["reprint_reason"]) for p in prints] == [
        ("Liên 1: Lưu", ""),
        ("Liên 2: Giao người nộp", ""),
        ("Liên 1: Lưu", "Mất bản in"),
        ("Liên 2: Giao người nộp", "Mất bản in"),
    ]
    assert prints[-1]["officer"] == "binh.tt"


def test_supplement_and_refusal_forms_carry_what_was_recorded(service: CounterService) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    with pytest.raises(InputError, match="Mẫu 02"):
        service.prints.produce(code, "supplement", officer="an.nv", deliver=bytes)
    service.dossiers.change_status(
        code,
        5,
        by="an.nv",
        reason="Bản sao chưa chứng thực",
        documents=[{"name": "Bản sao Giấy khai sinh", "kind": "certified_copy", "count": 2}],
    )
    text = text_of(service.prints.produce(code, "supplement", officer="an.nv", deliver=bytes))
    assert "Bản sao Giấy khai sinh" in text and "Bản sao chưa chứng thực" in text
    other = service.intake.receive(intake()).dossier["code"]
    service.dossiers.change_status(other, 5, by="an.nv", reason="Thiếu tờ khai")
    service.dossiers.change_status(
        other, 3, by="an.nv", reason="Không thuộc thẩm quyền\nHồ sơ giả mạo"
    )
    text = text_of(service.prints.produce(other, "refusal", officer="an.nv", deliver=bytes))
    assert "Không thuộc thẩm quyền" in text and "Hồ sơ giả mạo" in text


def test_register_covers_the_range(service: CounterService) -> None:
    codes = [
        service.intake.receive(intake(received_at=f"2026-07-{d} 09:00")).dossier["code"]
        for d in (14, 15, 16)
    ]
    text = text_of(service.prints.register(date(2026, 7, 15), date(2026, 7, 16)))
    assert codes[1] in text and codes[2] in text
    assert codes[0] not in text
    with pytest.raises(InputError):
        service.prints.register(date(2026, 7, 16), date(2026, 7, 15))


def test_print_and_register_commands(
    service: CounterService,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch,
) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    service.close()
    monkeypatch.setattr(sys, "stdin", password_lines())
    base = ["--data-dir", str(data_dir), *SIGN_IN]
    out = tmp_path / "r.pdf"
    assert main([*base, "print", code, "--by", "an.nv", "--out", str(out), "--paper", "80mm"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert main([*base, "print", code, "--by", "an.nv", "--out", str(out)]) == 2
    assert "in lại cần ghi lý do" in capsys.readouterr().err
    assert (
        main(
            [
                *base,
                "register",
                "--from",
                "2026-07-01",
                "--to",
                "2026-07-31",
                "--out",
                str(tmp_path / "reg.pdf"),
            ]
        )
        == 0
    )
    assert (tmp_path / "reg.pdf").read_bytes().startswith(b"%PDF")


def test_an_undelivered_print_is_no_print(service: CounterService, tmp_path: Path) -> None:
    """A failed delivery (printer error, unwritable file) logs nothing: the next print is
    still the first, with no reason asked and no "BẢN IN LẠI"."""
    code = service.intake.receive(intake()).dossier["code"]

    def jammed(pdf: bytes) -> None:
        raise OSError("Máy in kẹt giấy")

    with pytest.raises(OSError, match="kẹt giấy"):
        service.prints.produce(code, "receipt", officer="an.nv", deliver=jammed)
    assert service.dossiers.get(code)["prints"] == []
    assert service.prints.first_print(code, "receipt") is not None
    pdf = service.prints.produce(code, "receipt", officer="an.nv", deliver=bytes)
    assert "BẢN IN LẠI" not in text_of(pdf)
    assert [p["reprint_reason"] for p in service.dossiers.get(code)["prints"]] == ["", ""]
    assert service.prints.first_print(code, "receipt") is None  # now a reprint


def test_print_command_logs_only_a_written_file(
    service: CounterService, data_dir: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    service.close()
    monkeypatch.setattr(sys, "stdin", password_lines())
    base = ["--data-dir", str(data_dir), *SIGN_IN, "print", code, "--form", "receipt"]
    assert main([*base, "--out", str(tmp_path / "missing" / "x.pdf")]) != 0
    assert "Không ghi được tệp" in capsys.readouterr().err
    out = tmp_path / "bien-nhan.pdf"
    assert main([*base, "--out", str(out)]) == 0  # still the first print: no reason needed
    assert "BẢN IN LẠI" not in text_of(out.read_bytes())
    reopened = CounterService.open(data_dir)
    try:
        assert len(reopened.dossiers.get(code)["prints"]) == 2
    finally:
        reopened.close()
