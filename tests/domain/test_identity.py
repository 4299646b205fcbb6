import unicodedata
from datetime import date

import pytest

from counter_app.domain.cccd_qr import CccdQr, looks_like_cccd_qr, parse_cccd_qr
from counter_app.domain.identity import (
    Finding,
    IdType,
    check_email,
    check_id_number,
    check_phone,
    normalise_id_number,
    normalise_phone,
)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def levels(findings: list[Finding]) -> list[str]:
    return [finding.level for finding in findings]


# A man born 1985 in Hà Nội, and a woman born 2003 in Hồ Chí Minh City.
MAN_1985 = "001085012345"
WOMAN_2003 = "079303001234"


# --- ID numbers ---------------------------------------------------------------


class TestNormaliseIdNumber:
    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            ("001 085 012 345", MAN_1985),
            ("001.085.012.345", MAN_1985),
            (" 001-085-012345\t", MAN_1985),
            ("c 123 4567", "C1234567"),
            ("００１０８５０１２３４５", MAN_1985),  # full-width digits from an IME
            ("", ""),
        ],
    )
    def test_separators_removed_and_upper_cased(self, raw, expected):
        assert normalise_id_number(raw) == expected


class TestCccd:
    @pytest.mark.parametrize("number", [MAN_1985, WOMAN_2003, "001 085 012 345", "001.085.012.345"])
    def test_valid_number_has_no_findings(self, number):
        assert check_id_number(number, IdType.CCCD) == []

    def test_id_type_may_be_given_as_string(self):
        assert check_id_number(MAN_1985, "cccd") == []
        assert check_id_number(MAN_1985, "CCCD") == []

    def test_unknown_id_type_is_a_programming_error(self):
        with pytest.raises(ValueError, match="Loại giấy tờ"):
            check_id_number(MAN_1985, "bằng lái")

    def test_eleven_digits_is_an_error_with_the_count(self):
        findings = check_id_number("00108501234", IdType.CCCD)
        assert findings == [
            Finding("id_number", "error", "Số CCCD phải có đúng 12 chữ số (đang có 11).")
        ]

    def test_thirteen_digits_is_an_error(self):
        findings = check_id_number(MAN_1985 + "1", IdType.CCCD)
        assert levels(findings) == ["error"]
        assert "đang có 13" in findings[0].message

    def test_non_digits_are_an_error_naming_them(self):
        findings = check_id_number("00108501234A", IdType.CCCD)
        assert levels(findings) == ["error"]
        assert "'A'" in findings[0].message

    def test_empty_is_an_error(self):
        findings = check_id_number("  ", IdType.CCCD)
        assert levels(findings) == ["error"]
        assert findings[0].field == "id_number"
        assert "CCCD" in findings[0].message

    @pytest.mark.parametrize("province_code", ["097", "000", "003", "099"])
    def test_unknown_province_code_only_warns(self, province_code):
        findings = check_id_number(province_code + "085012345", IdType.CCCD)
        assert levels(findings) == ["warning"]
        assert province_code in findings[0].message

    @pytest.mark.parametrize("province_code", ["001", "002", "045", "077", "096"])
    def test_known_pre_merger_province_codes_accepted(self, province_code):
        assert check_id_number(province_code + "085012345", IdType.CCCD) == []

    @pytest.mark.parametrize("digit", ["4", "5", "6", "7", "8", "9"])
    def test_implausible_century_digit_warns(self, digit):
        findings = check_id_number("001" + digit + "85012345", IdType.CCCD)
        assert levels(findings) == ["warning"]
        assert f"là {digit}" in findings[0].message

    def test_birth_year_in_the_future_warns(self):
        # G=3 (female, 21st century) with YY=99 means born in 2099.
        findings = check_id_number("001399012345", IdType.CCCD)
        assert levels(findings) == ["warning"]
        assert "2099" in findings[0].message

    def test_matching_birth_date_and_sex(self):
        assert check_id_number(MAN_1985, IdType.CCCD, birth_date=date(1985, 3, 1), sex="Nam") == []
        assert (
            check_id_number(WOMAN_2003, IdType.CCCD, birth_date=date(2003, 12, 31), sex="Nữ") == []
        )

    @pytest.mark.parametrize("sex", ["Nữ", nfd("Nữ"), "nu", "NỮ", "female"])
    def test_sex_mismatch_warns_for_every_spelling(self, sex):
        findings = check_id_number(MAN_1985, IdType.CCCD, sex=sex)
        assert levels(findings) == ["warning"]
        assert "giới tính" in findings[0].message

    def test_unknown_sex_text_is_not_checked(self):
        assert check_id_number(MAN_1985, IdType.CCCD, sex="Khác") == []

    def test_birth_year_digits_mismatch_warns(self):
        findings = check_id_number(MAN_1985, IdType.CCCD, birth_date=date(1986, 1, 1))
        assert levels(findings) == ["warning"]
        assert "85" in findings[0].message and "1986" in findings[0].message

    def test_century_mismatch_warns(self):
        # G=0 means born 1900–1999; the birth date has the right YY but is a century earlier.
        findings = check_id_number(MAN_1985, IdType.CCCD, birth_date=date(1885, 1, 1))
        assert levels(findings) == ["warning"]
        assert "1900–1999" in findings[0].message

    def test_several_mismatches_give_several_warnings(self):
        # Unknown province, born 2085 (future), YY and century differ from 1986, male digit.
        findings = check_id_number(
            "097" + "285012345", IdType.CCCD, birth_date=date(1986, 1, 1), sex="Nữ"
        )
        assert levels(findings) == ["warning"] * 5
        assert all(finding.field == "id_number" for finding in findings)


class TestCmnd:
    @pytest.mark.parametrize("number", ["123456789", "123 456 789", "123.456.789", "001085012345"])
    def test_nine_or_twelve_digits_valid(self, number):
        assert check_id_number(number, IdType.CMND) == []

    @pytest.mark.parametrize("number", ["12345678", "1234567890", "12345678901"])
    def test_other_lengths_are_errors(self, number):
        findings = check_id_number(number, IdType.CMND)
        assert levels(findings) == ["error"]
        assert f"đang có {len(number)}" in findings[0].message

    def test_letters_are_errors(self):
        assert levels(check_id_number("12345678X", IdType.CMND)) == ["error"]

    def test_no_cccd_structure_checks(self):
        assert check_id_number("097985012345", IdType.CMND, sex="Nữ") == []


class TestPassport:
    @pytest.mark.parametrize(
        "number", ["C1234567", "c1234567", "B 1234567", "P01234567", "AB123456"]
    )
    def test_valid(self, number):
        assert check_id_number(number, IdType.PASSPORT) == []

    @pytest.mark.parametrize(
        "number", ["1234567C", "C123456", "C12345678X", "C123-45_67", "Đ1234567"]
    )
    def test_invalid(self, number):
        findings = check_id_number(number, IdType.PASSPORT)
        assert levels(findings) == ["error"]
        assert "hộ chiếu" in findings[0].message


# --- phone ----------------------------------------------------------------------


class TestPhone:
    @pytest.mark.parametrize(
        "phone",
        [
            "0912345678",
            "0312345678",
            "0512345678",
            "0712345678",
            "0812345678",
            "0912 345 678",
            "091.234.5678",
            "091-234-5678",
            "+84912345678",
            "+84 912 345 678",
            "84912345678",
            "84 91 234 5678",
            " 0912345678 ",
        ],
    )
    def test_accepted_shapes_normalise_to_ten_digits(self, phone):
        assert check_phone(phone) == []
        canonical = normalise_phone(phone)
        assert len(canonical) == 10 and canonical.isdigit() and canonical[0] == "0"
        assert canonical[2:] == phone.replace(" ", "").replace(".", "").replace("-", "")[-8:]
        assert normalise_phone(canonical) == canonical

    @pytest.mark.parametrize(
        ("phone", "canonical"),
        [
            ("+84 912 345 678", "0912345678"),
            ("84-387-654-321", "0387654321"),
            ("078.123.4567", "0781234567"),
        ],
    )
    def test_canonical_form(self, phone, canonical):
        assert normalise_phone(phone) == canonical

    @pytest.mark.parametrize("phone", ["", "   ", None])
    def test_empty_allowed(self, phone):
        assert check_phone(phone) == []

    @pytest.mark.parametrize(
        ("phone", "fragment"),
        [
            ("091234567", "đang có 9"),
            ("09123456789", "đang có 11"),
            ("0212345678", "đang là 02"),
            ("0412345678", "đang là 04"),
            ("0612345678", "đang là 06"),
            ("02438251234", "đang có 11"),  # landline: not a mobile
            ("912345678", "bắt đầu bằng 0 hoặc +84"),
            ("+8491234567", "đang có 8"),
            ("+840912345678", "không ghi số 0"),
            ("+84212345678", "đang là 2"),
            ("84212345678", "sau 84"),
            ("+1 650 253 0000", "+84"),
            ("0912 345 67a", "'a'"),
            ("(091) 2345678", "'('"),
            ("0912+345678", "'+'"),
        ],
    )
    def test_bad_numbers_are_errors_with_a_specific_message(self, phone, fragment):
        findings = check_phone(phone)
        assert levels(findings) == ["error"]
        assert findings[0].field == "phone"
        assert fragment in findings[0].message

    def test_normalise_keeps_invalid_input_without_separators(self):
        assert normalise_phone("024 3825 1234") == "02438251234"
        assert normalise_phone("") == ""


# --- email ----------------------------------------------------------------------


class TestEmail:
    @pytest.mark.parametrize(
        "email",
        ["a@b.vn", "nguyen.van.a@gmail.com", "x+tag@ubnd.hanoi.gov.vn", " A_B-c@Mail.Example.COM "],
    )
    def test_valid(self, email):
        assert check_email(email) == []

    @pytest.mark.parametrize("email", ["", "  ", None])
    def test_empty_allowed(self, email):
        assert check_email(email) == []

    @pytest.mark.parametrize(
        ("email", "fragment"),
        [
            ("nguyenvana", "@"),
            ("a@@b.vn", "@"),
            ("a@b@c.vn", "@"),
            ("@gmail.com", "trước @"),
            ("a@", "sau @"),
            ("a b@gmail.com", "dấu cách"),
            ("nguyễn@gmail.com", "có dấu"),
            (nfd("nguyễn@gmail.com"), "có dấu"),
            ("a@localhost", "dấu chấm"),
            ("a@gmail..com", "không hợp lệ"),
            ("a@-gmail.com", "không hợp lệ"),
            ("a@gmail.c", "không hợp lệ"),
            ("a@gmail.123", "không hợp lệ"),
            (".a@gmail.com", "trước @"),
            ("a..b@gmail.com", "trước @"),
        ],
    )
    def test_invalid(self, email, fragment):
        findings = check_email(email)
        assert levels(findings) == ["error"]
        assert findings[0].field == "email"
        assert fragment in findings[0].message

    def test_common_domain_typo_warns(self):
        findings = check_email("an@gmail.con")
        assert levels(findings) == ["warning"]
        assert "gmail.com" in findings[0].message


# --- CCCD QR --------------------------------------------------------------------

NAME = "Nguyễn Thị Hương"
ADDRESS = "Số 5 Phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội"
QR = f"{WOMAN_2003}|123456789|{NAME}|15082003|Nữ|{ADDRESS}|20042021"


class TestParseCccdQr:
    def test_full_line(self):
        assert parse_cccd_qr(QR) == CccdQr(
            id_number=WOMAN_2003,
            old_id_number="123456789",
            full_name=NAME,
            birth_date=date(2003, 8, 15),
            sex="Nữ",
            address=ADDRESS,
            issue_date=date(2021, 4, 20),
            extra=(),
        )

    def test_without_old_cmnd(self):
        parsed = parse_cccd_qr(f"{MAN_1985}||Trần Văn Đức|01011985|Nam|{ADDRESS}|10102022")
        assert parsed.old_id_number == ""
        assert parsed.full_name == "Trần Văn Đức"
        assert parsed.sex == "Nam"
        assert parsed.birth_date == date(1985, 1, 1)
        assert parsed.issue_date == date(2022, 10, 10)

    def test_nfd_input_is_stored_as_nfc(self):
        parsed = parse_cccd_qr(nfd(QR))
        assert parsed.full_name == NAME
        assert unicodedata.is_normalized("NFC", parsed.full_name)
        assert parsed.sex == "Nữ"
        assert parsed.address == ADDRESS

    def test_crlf_and_surrounding_white_space_trimmed(self):
        parsed = parse_cccd_qr("  " + QR + "\r\n")
        assert parsed.issue_date == date(2021, 4, 20)
        assert parse_cccd_qr(QR + "\r\n") == parse_cccd_qr(QR)

    def test_white_space_inside_fields_collapsed(self):
        parsed = parse_cccd_qr(
            f"{WOMAN_2003}| |  Nguyễn   Thị  Hương |15082003| Nữ |{ADDRESS} |20042021"
        )
        assert parsed.old_id_number == ""
        assert parsed.full_name == NAME
        assert parsed.sex == "Nữ"
        assert parsed.address == ADDRESS

    def test_extra_trailing_fields_kept(self):
        parsed = parse_cccd_qr(QR + "|Nguyễn Văn Bố|Lê Thị Mẹ|")
        assert parsed.extra == ("Nguyễn Văn Bố", "Lê Thị Mẹ")
        assert parsed.issue_date == date(2021, 4, 20)

    def test_extra_fields_nfd_normalised(self):
        parsed = parse_cccd_qr(nfd(QR + "|Nguyễn Văn Bố"))
        assert parsed.extra == ("Nguyễn Văn Bố",)

    @pytest.mark.parametrize(
        "bad_date",
        ["32132003", "29022003", "2003-08-15", "", "abc", "1508200", "15080203", "150820030"],
    )
    def test_bad_birth_date_becomes_none(self, bad_date):
        parsed = parse_cccd_qr(f"{WOMAN_2003}||{NAME}|{bad_date}|Nữ|{ADDRESS}|20042021")
        assert parsed.birth_date is None
        assert parsed.issue_date == date(2021, 4, 20)

    @pytest.mark.parametrize("written", ["15/08/2003", "15.08.2003", "15-08-2003"])
    def test_dates_with_separators_accepted(self, written):
        parsed = parse_cccd_qr(f"{WOMAN_2003}||{NAME}|{written}|Nữ|{ADDRESS}|20042021")
        assert parsed.birth_date == date(2003, 8, 15)

    def test_bad_issue_date_becomes_none(self):
        parsed = parse_cccd_qr(f"{WOMAN_2003}||{NAME}|15082003|Nữ|{ADDRESS}|31022021")
        assert parsed.issue_date is None
        assert parsed.birth_date == date(2003, 8, 15)

    def test_six_fields_without_issue_date(self):
        parsed = parse_cccd_qr(f"{WOMAN_2003}||{NAME}|15082003|Nữ|{ADDRESS}")
        assert parsed.issue_date is None
        assert parsed.address == ADDRESS

    @pytest.mark.parametrize(
        ("line", "fragment"),
        [
            ("", "trường"),
            ("079303001234|123456789|Nguyễn Thị Hương|15082003|Nữ", "đang có 5"),
            ("hello world", "đang có 1"),
            ("07930300123|x|y|15082003|Nữ|addr|20042021", "12 chữ số"),
            ("Nguyễn Thị Hương|079303001234|a|b|c|d|e", "12 chữ số"),
            ("07930300123A|x|y|15082003|Nữ|addr|20042021", "12 chữ số"),
        ],
    )
    def test_clearly_not_a_qr_line_raises(self, line, fragment):
        with pytest.raises(ValueError, match=fragment):
            parse_cccd_qr(line)


class TestLooksLikeCccdQr:
    @pytest.mark.parametrize(
        "text",
        [
            QR,
            QR + "\r\n",
            nfd(QR),
            QR + "|extra",
            f"{MAN_1985}||Trần Văn Đức|01011985|Nam|{ADDRESS}",
        ],
    )
    def test_recognised_lines_also_parse(self, text):
        assert looks_like_cccd_qr(text)
        parse_cccd_qr(text)

    @pytest.mark.parametrize(
        "text",
        ["", "Nguyễn Văn A", WOMAN_2003, f"{WOMAN_2003}|a|b|c|d", "12345|a|b|c|d|e|f", None],
    )
    def test_other_text_rejected(self, text):
        assert not looks_like_cccd_qr(text)
