"""Personal data and secrets never reach a log, a traceback in a log, or the support bundle:
the redactor alone (hypothesis), then through the real logger and the real bundle."""

from __future__ import annotations

import json
import logging
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import configure, intake, signed_main
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from counter_app.cli import main
from counter_app.ops import logging_setup, secrets_store
from counter_app.ops.redaction import ID_MASK, PHONE_MASK, redact
from counter_app.services import CounterService
from counter_app.store import paths

ID_NUMBER = "001203004567"
PHONE = "0987654321"
PASSWORD = "Hoa-Sen-2026!"
TOKEN = "eyJhbGciOiJIUzI1NiJ9.c2Vzc2lvbg.abc123"
NAME = "Phạm Thị Hồng Nhung"
BIRTH = "1987-03-14"
ADDRESS = "Số 9 ngõ 3 phố Hàng Bạc"
PERSONAL = (ID_NUMBER, PHONE, PASSWORD, TOKEN, NAME, BIRTH, ADDRESS)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in (paths.DATA_DIR_ENV, paths.LOG_DIR_ENV, logging_setup.LOG_LEVEL_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(secrets_store.SECRETS_ENV, "file")
    yield
    logging_setup.shutdown_logging()


# -- the redactor ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "gone"),
    [
        (f"ValueError: bad id {ID_NUMBER}.", ID_NUMBER),
        (f"cccd:{ID_NUMBER}", ID_NUMBER),
        (f"applicant_{ID_NUMBER}_x", ID_NUMBER),
        ("so 001 203 004 567 trên thẻ", "001 203 004 567"),
        ("CMND 123456789, hết hạn", "123456789"),
        (f"gọi {PHONE}.", PHONE),
        ("gọi 0987.654.321 hoặc 0987-654-321", "654"),
        ("liên hệ +84 987 654 321", "987 654 321"),
        ("máy bàn 024 3825 1234", "3825"),
        (f"login failed: password={PASSWORD}", PASSWORD),
        (f"{{'portal_password': '{PASSWORD}', 'x': 1}}", PASSWORD),
        (f'{{"mat_khau": "{PASSWORD}"}}', PASSWORD),
        (f"mật khẩu: {PASSWORD}", PASSWORD),
        (f"Authorization: Bearer {TOKEN}", TOKEN),
        (f"headers={{'Cookie': 'session={TOKEN}'}}", TOKEN),
        (f"sent with bearer {TOKEN}", TOKEN),
        (f"token={TOKEN}&page=2", TOKEN),
        (f"GET https://can.bo:{PASSWORD}@dvc.gov.vn/api", PASSWORD),
        (f"full_name={NAME}, ward=70", NAME),
        (f"{{'full_name': '{NAME}', 'birth_date': '{BIRTH}', 'address': '{ADDRESS}'}}", NAME),
        (f"{{'birth_date': '{BIRTH}'}}", BIRTH),
        (f"ho_ten: {NAME}", NAME),
        (f"ngay_sinh={BIRTH}", BIRTH),
        (f"'dia_chi': '{ADDRESS}'", ADDRESS),
    ],
)
def test_each_kind_of_personal_data_is_masked(text: str, gone: str) -> None:
    assert gone not in redact(text)


def test_masks_say_what_was_there() -> None:
    assert redact(f"id {ID_NUMBER}") == f"id {ID_MASK}"
    assert redact(f"phone {PHONE}") == f"phone {PHONE_MASK}"
    assert redact(f"password={PASSWORD} ok") == "password=*** ok"
    assert redact("{'password': 'a b c'}") == "{'password': '***'}"


ORDINARY = [
    "dossier 000.00.01.H22-260715-1001 received at 2026-07-15 10:05:00+07:00",
    "2026-12-02 00:59:06,123 INFO    4242 MainThread counter_app.sync: pushed 12 in 0.35 s",
    'File "/work/counter_app/services/intake.py", line 314, in receive',
    "backup written: counter-20261202-080731-manual.db (274432 bytes, reason manual)",
    "Hồ sơ đã tiếp nhận: 40 hồ sơ, 3 quá hạn; lệ phí 50.000 đồng",
    "STARTUP_IDLE 1733100000.123456",
    "KeyError: 'procedure_code'",
    "name 'x' is not defined",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_is_untouched(text: str) -> None:
    assert redact(text) == text


DIGITS_HEAVY = st.text(alphabet=st.sampled_from("0123456789 .-_+:=/'\"aBđ\n"), max_size=80)


@settings(max_examples=300, deadline=None)
@given(st.one_of(DIGITS_HEAVY, st.text(max_size=80)), st.integers(12, 20), st.data())
def test_no_run_of_twelve_digits_survives(text: str, length: int, data: st.DataObject) -> None:
    run = data.draw(st.text(alphabet="0123456789", min_size=length, max_size=length))
    at = data.draw(st.integers(0, len(text)))
    cleaned = redact(text[:at] + run + text[at:])
    assert re.search(r"[0-9]{12}", cleaned) is None
    assert re.search(r"[0-9]{12}", redact(text)) is None


WORDS = st.sampled_from(
    [
        "hồ sơ",
        "tiếp nhận",
        "trả kết quả",
        "Đã",
        "lưu",
        "in",
        "biên nhận",
        "cán bộ",
        "dossier",
        "received",
        "sync",
        "ok",
        "error",
        "INFO",
        "WARNING",
        "phường",
        "Hoàn Kiếm",
        "lệ phí",
        "đồng",
        "giây",
        "ms",
        "rows",
        "pending",
        "->",
        "(",
        ")",
        ",",
        ".",
        ":",
        "—",
        "000.00.01.H22-260715-1001",
        "2026-07-15",
        "10:05:00",
    ]
)
SHORT_NUMBERS = st.integers(0, 99_999_999).map(str)
ORDINARY_TEXT = st.lists(st.one_of(WORDS, SHORT_NUMBERS), max_size=25).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(ORDINARY_TEXT)
def test_ordinary_generated_text_is_untouched(text: str) -> None:
    # numbers that could be read as a phone (0 or 84, then a non-zero digit) are left out
    assume(not re.search(r"(?<![\w.-])(?:0|84)[ .-]?[1-9]", text))
    # nor three groups of 3-3-3(-3) or 4-4-4 digits: the way a CCCD number is written
    assume(not re.search(r"(?<![0-9])[0-9]{3,4} [0-9]{3,4} [0-9]{3,4}(?![0-9])", text))
    assert redact(text) == text


PHONES = st.builds(
    lambda prefix, digits, sep: prefix + sep.join([digits[:3], digits[3:6], digits[6:]]),
    st.sampled_from(["0", "+84", "84"]),
    st.sampled_from(["3", "5", "7", "8", "9"]).flatmap(
        lambda first: st.text(alphabet="0123456789", min_size=8, max_size=8).map(
            lambda rest: first + rest
        )
    ),
    st.sampled_from(["", " ", ".", "-"]),
)


@settings(max_examples=200, deadline=None)
@given(
    PHONES,
    st.sampled_from(["gọi ", "SĐT: ", "(", "phone=", ""]),
    st.sampled_from(["", ".", ")", " nhé"]),
)
def test_phone_numbers_in_a_sentence_are_masked(phone: str, before: str, after: str) -> None:
    cleaned = redact(f"{before}{phone}{after}")
    assert re.sub(r"[^0-9]", "", phone)[-6:] not in re.sub(r"[^0-9]", "", cleaned)


@settings(max_examples=200, deadline=None)
@given(st.one_of(DIGITS_HEAVY, st.text(max_size=80)))
def test_redacting_twice_changes_nothing_more(text: str) -> None:
    once = redact(text)
    assert redact(once) == once


# -- through the real logger -----------------------------------------------------------------------
def _raise_with_personal_data() -> None:
    applicant = {"full_name": NAME, "birth_date": BIRTH, "address": ADDRESS, "phone": PHONE}
    try:
        raise KeyError(f"no ward for {applicant!r}")
    except KeyError as first:
        raise RuntimeError(
            f"receive failed for id {ID_NUMBER}, phone {PHONE}, password={PASSWORD}, "
            f"Authorization: Bearer {TOKEN}"
        ) from first


def test_a_traceback_with_personal_data_reaches_the_log_masked(tmp_path: Path) -> None:
    log_file = logging_setup.setup_logging(tmp_path / "data", console=False)
    assert log_file is not None
    log = logging.getLogger("counter_app.test")
    try:
        _raise_with_personal_data()
    except RuntimeError:
        log.exception("receive of %s failed", "000.00.01.H22-260715-1001")
    log.error("stack here, caller had %s", f"cccd={ID_NUMBER}", stack_info=True)
    logging_setup.shutdown_logging()
    text = log_file.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text
    assert "KeyError" in text and "RuntimeError: receive failed for id [số giấy tờ]" in text
    assert "000.00.01.H22-260715-1001" in text  # the dossier code stays readable
    assert "Stack (most recent call last)" in text
    for value in PERSONAL:
        assert value not in text, value


def test_an_internal_cli_error_is_logged_and_printed_masked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    configure(CounterService.open(data)).close()
    from counter_app import cli

    def broken(args: object, service: object) -> int:
        _raise_with_personal_data()
        return 0

    cli.build_parser()  # registers the commands, so the patch below is not overwritten
    monkeypatch.setitem(cli._COMMANDS, "show", broken)
    assert signed_main(["--data-dir", str(data), "show", "X"]) == cli.EXIT_INTERNAL
    printed = capsys.readouterr().err
    logged = (data / "logs" / logging_setup.LOG_FILE).read_text(encoding="utf-8")
    assert "RuntimeError: receive failed" in printed and "RuntimeError: receive failed" in logged
    for value in PERSONAL:
        assert value not in printed, value
        assert value not in logged, value


def test_the_bundle_masks_logs_written_raw_by_an_older_version(tmp_path: Path) -> None:
    data = tmp_path / "data"
    service = configure(CounterService.open(data))
    try:
        service.intake.receive(intake())
    finally:
        service.close()
    logs = data / "logs"
    logs.mkdir(exist_ok=True)
    raw = (
        f"2026-07-15 10:05:00,000 ERROR 1 MainThread x: failed\nTraceback (most recent call "
        f"last):\nValueError: id {ID_NUMBER} phone {PHONE} password={PASSWORD} "
        f"{{'full_name': '{NAME}', 'birth_date': '{BIRTH}', 'address': '{ADDRESS}'}} "
        f"Bearer {TOKEN}\n"
    )
    (logs / "counter-app.log.3").write_text(raw, encoding="utf-8")
    (logs / "crash.log").write_text(raw, encoding="utf-8")
    (logs / "broken.log").write_bytes(b"\xff\xfe not utf-8 " + ID_NUMBER.encode())
    target = tmp_path / "support.zip"
    # exit 1: the raw files the test wrote are 0644, which the doctor rightly reports
    main(["--data-dir", str(data), "doctor", "--no-portal", "--bundle", str(target)])
    with zipfile.ZipFile(target) as bundle:
        names = bundle.namelist()
        assert {"logs/counter-app.log.3", "logs/crash.log", "logs/broken.log"} <= set(names)
        everything = "\n".join(bundle.read(n).decode("utf-8") for n in names)
        json.loads(bundle.read("doctor.json"))  # still valid JSON after redaction
    assert "ValueError: id [số giấy tờ]" in everything
    for value in PERSONAL:
        assert value not in everything, value
