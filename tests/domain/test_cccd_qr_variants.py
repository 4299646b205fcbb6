"""Issue 13: scan variants of the CCCD QR line, placed by field shapes."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.domain.cccd_qr import (
    CccdQrAmbiguous,
    looks_like_cccd_qr,
    name_lost_diacritics,
    parse_cccd_qr,
)

ID = "079303001234"
NAME = "Nguyễn Thị Hương"
ADDRESS = "Số 5 Phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội"


def test_six_fields_without_old_id_slot() -> None:
    qr = parse_cccd_qr(f"{ID}|{NAME}|15082003|Nữ|{ADDRESS}|20042021")
    assert (qr.old_id_number, qr.full_name, qr.birth_date, qr.sex, qr.address) == (
        "",
        NAME,
        date(2003, 8, 15),
        "Nữ",
        ADDRESS,
    )
    assert qr.issue_date == date(2021, 4, 20)


def test_labelled_fields_and_spaces_around_bars() -> None:
    line = f"CCCD: {ID} | CMND: 123456789 | Họ tên: {NAME} | 15082003 | Nữ | {ADDRESS} | 20042021"
    assert looks_like_cccd_qr(line)
    qr = parse_cccd_qr(line)
    assert (qr.id_number, qr.old_id_number, qr.full_name) == (ID, "123456789", NAME)
    assert qr.address == ADDRESS  # "Phường Hoàn Kiếm" has no label: left as it is


def test_ambiguous_line_is_refused_but_recognised() -> None:
    line = f"{ID}|x|y|z|w|v"
    assert looks_like_cccd_qr(line)
    with pytest.raises(CccdQrAmbiguous, match="không rõ thứ tự"):
        parse_cccd_qr(line)


def test_keyboard_scanner_lost_letters() -> None:
    qr = parse_cccd_qr(f"{ID}||Nguy?n Th? H??ng|15082003|N?|S? 5 Ph? H?ng B?c|20042021")
    assert qr.sex == "Nữ" and qr.name_needs_check
    qr = parse_cccd_qr(f"{ID}||Nguyn Th Hng|15082003|N|S 5 Ph Hng Bc|20042021")
    assert qr.sex == "Nữ" and qr.name_needs_check
    assert not parse_cccd_qr(f"{ID}||{NAME}|15082003|Nữ|{ADDRESS}|20042021").name_needs_check
    assert not name_lost_diacritics("Kim Anh", ADDRESS)
    assert name_lost_diacritics("Kim Anh", "So 5 Pho Hang Bac")


names = st.lists(
    st.sampled_from(["Nguyễn", "Trần", "Thị", "Văn", "Hương", "Lê", "Đức", "Anh", "Minh"]),
    min_size=2,
    max_size=4,
).map(" ".join)
dates = st.dates(date(1930, 1, 1), date(2024, 12, 31))
pads = st.sampled_from(["", " ", "  "])


@settings(max_examples=150, deadline=None)
@given(
    name=names,
    birth=dates,
    issue=dates,
    female=st.booleans(),
    old_id=st.sampled_from(["", "123456789", "012345678901", None]),
    pad=pads,
    label=st.booleans(),
)
def test_any_variant_parses_to_its_fields(name, birth, issue, female, old_id, pad, label):
    sex = "Nữ" if female else "Nam"
    first = f"CCCD: {ID}" if label else ID
    parts = [first, *([] if old_id is None else [old_id]), name, birth.strftime("%d%m%Y")]
    parts += [sex, ADDRESS, issue.strftime("%d%m%Y")]
    line = f"{pad}|{pad}".join(parts)
    assert looks_like_cccd_qr(line)
    qr = parse_cccd_qr(line)
    assert (qr.id_number, qr.old_id_number or "", qr.full_name) == (ID, old_id or "", name)
    assert (qr.birth_date, qr.sex, qr.address, qr.issue_date) == (birth, sex, ADDRESS, issue)
    assert not qr.name_needs_check


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789|: aNữ?x\n"), max_size=60))
def test_looks_like_agrees_with_the_parser(text):
    try:
        parse_cccd_qr(text)
        parsed = True
    except CccdQrAmbiguous:
        parsed = True
    except ValueError:
        parsed = False
    assert looks_like_cccd_qr(text) is parsed
