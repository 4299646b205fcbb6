"""Issue 10, "Bad input": every value of the receive JSON, import lines, the intake form,
catalogue and holiday files gets a typed, bounded check naming the field; nothing is
half-written. And item 9: `import` is idempotent."""

from __future__ import annotations

import io
import json
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import configure, intake, signed_in

from counter_app.cli import main
from counter_app.domain import clock, limits
from counter_app.domain.catalogue import seed_path
from counter_app.services import CounterService, InputError
from counter_app.services.intake_form import IntakeForm

TABLES = ("dossiers", "applicants", "documents", "fees", "outbox", "audit_log")


def counts(service: CounterService) -> dict[str, int]:
    conn = service.store.read()
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def with_value(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(intake(fees=[{"name": "Lệ phí", "amount": 1000}])))
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


LONG = "a" * (limits.TEXT_MAX + 1)
BAD_VALUES = [
    # received_at: typed, and within the window
    (("received_at",), 20260715, "received_at"),
    (("received_at",), ["2026-07-15"], "received_at"),
    (("received_at",), {"at": "2026-07-15"}, "received_at"),
    (("received_at",), True, "received_at"),
    (("received_at",), "0001-01-01 10:00", "received_at"),
    (("received_at",), "9999-12-31 10:00", "received_at"),
    (("received_at",), "0001-01-01T00:00:00+07:00", "received_at"),
    (("received_at",), "2025-06-30 10:00", "received_at"),
    # fees
    (("fees",), {"name": "Lệ phí"}, "fees"),
    (("fees",), ["Lệ phí"], "fees[1]"),
    (("fees", 0, "amount"), 2**63, "fees[1].amount"),
    (("fees", 0, "amount"), -1, "fees[1].amount"),
    (("fees", 0, "amount"), float("inf"), "fees[1].amount"),
    (("fees", 0, "amount"), float("nan"), "fees[1].amount"),
    (("fees", 0, "paid"), "false", "fees[1].paid"),
    (("fees", 0, "paid"), 0, "fees[1].paid"),
    (("fees", 0, "name"), {"vi": "x"}, "fees[1].name"),
    (("fees",), [{"name": "Lệ phí", "amount": 1}] * (limits.ITEMS_MAX + 1), "fees"),
    # counts and sets
    (("sets",), 2**63, "sets"),
    (("sets",), -2, "sets"),
    (("sets",), float("inf"), "sets"),
    (("sets",), float("nan"), "sets"),
    (("sets",), True, "sets"),
    (("documents",), [{"name": "Tờ khai", "count": 2**63}], "documents[1].count"),
    (("documents",), [{"name": "Tờ khai", "count": float("inf")}], "documents[1].count"),
    (("documents",), [{"name": "Tờ khai", "kind": ["original"]}], "documents[1].kind"),
    (("documents",), [{"name": "Tờ khai"}] * (limits.ITEMS_MAX + 1), "documents"),
    (("documents",), "Tờ khai", "documents"),
    # address codes
    (("applicant", "province_code"), "abc", "applicant.province_code"),
    (("applicant", "province_code"), float("inf"), "applicant.province_code"),
    (("applicant", "province_code"), [1], "applicant.province_code"),
    (("applicant", "province_code"), {"code": 1}, "applicant.province_code"),
    (("applicant", "ward_code"), "abc", "applicant.ward_code"),
    (("applicant", "ward_code"), float("inf"), "applicant.ward_code"),
    (("applicant", "ward_code"), [70], "applicant.ward_code"),
    (("applicant", "ward_code"), {"code": 70}, "applicant.ward_code"),
    # text: never str() of a non-string, no control characters, bounded
    (("applicant", "full_name"), {"first": "An"}, "applicant.full_name"),
    (("applicant", "full_name"), 12345, "applicant.full_name"),
    (("applicant", "full_name"), True, "applicant.full_name"),
    (("applicant", "full_name"), float("nan"), "applicant.full_name"),
    (("applicant", "full_name"), "Nguyễn\x00An", "applicant.full_name"),
    (("applicant", "full_name"), "Nguyễn\x1bAn", "applicant.full_name"),
    (("applicant", "full_name"), "A" * (limits.NAME_MAX + 1), "applicant.full_name"),
    (("applicant", "address"), "Số 5\x07", "applicant.address"),
    (("applicant", "address"), LONG, "applicant.address"),
    (("applicant", "address"), "\ud800", "applicant.address"),
    (("applicant", "phone"), 912345678, "applicant.phone"),
    (("notes",), LONG, "notes"),
    (("notes",), ["a"], "notes"),
    (("officer",), ["an.nv"], "officer"),
    (("procedure_code",), 1.004873, "procedure_code"),
    # birth dates: not in the future, not more than 130 years ago
    (("applicant", "birth_date"), "1850-01-01", "applicant.birth_date"),
    (("applicant", "birth_date"), 19900502, "applicant.birth_date"),
    (("return_method",), ["post"], "return_method"),
    (("channel",), {"a": 1}, "channel"),
    (("back_entry",), "true", "back_entry"),
    (("client_reference",), 12, "client_reference"),
]


@pytest.mark.parametrize(("path", "value", "field"), BAD_VALUES)
def test_bad_value_names_the_field_and_writes_nothing(
    service: CounterService, path: tuple[str | int, ...], value: Any, field: str
) -> None:
    before = counts(service)
    with pytest.raises(InputError) as caught:
        service.intake.receive(with_value(path, value))
    assert caught.value.field == field
    assert counts(service) == before


def test_received_at_window_and_back_entry(service: CounterService) -> None:
    now = clock.now().replace(second=0)
    soon = now + timedelta(hours=2)  # a PC clock a little ahead is still accepted
    assert service.intake.receive(intake(received_at=f"{soon:%Y-%m-%d %H:%M}")).dossier["code"]
    later = now + timedelta(days=2)
    with pytest.raises(InputError, match="tương lai") as caught:
        service.intake.receive(intake(received_at=f"{later:%Y-%m-%d %H:%M}"))
    assert caught.value.field == "received_at"
    old = intake(received_at="2025-03-10 09:00")
    with pytest.raises(InputError, match="back_entry"):
        service.intake.receive(old)
    result = service.intake.receive(dict(old, back_entry=True))
    assert result.dossier["received_at"] == "2025-03-10 09:00:00"
    assert [w.field for w in result.warnings] == ["received_at"]
    with pytest.raises(InputError):  # even a back-entry has a floor
        service.intake.receive(dict(old, back_entry=True, received_at="1999-12-31 09:00"))


def test_birth_date_window(service: CounterService) -> None:
    today = clock.now().date()
    future = today + timedelta(days=1)
    with pytest.raises(InputError) as caught:
        service.intake.receive(with_value(("applicant", "birth_date"), future.isoformat()))
    assert caught.value.field == "applicant.birth_date"
    result = service.intake.receive(
        with_value(("applicant", "birth_date"), f"{today.year - 125}-01-01")
    )
    assert any(w.field == "birth_date" for w in result.warnings)  # likely a typo: a warning


def test_string_digits_and_integral_numbers_still_count(service: CounterService) -> None:
    data = with_value(("applicant", "ward_code"), "70")
    data["sets"] = 2.0
    result = service.intake.receive(data)
    assert result.dossier["applicant"]["ward_code"] == 70 and result.dossier["sets"] == 2


# -- the CLI: stdin bytes, nesting ----------------------------------------------------------
@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "cli-data"
    configure(CounterService.open(folder)).close()

    def run(*args: str, stdin: bytes = b"") -> tuple[int, str, str]:
        argv, password = signed_in(args)  # the admin an.nv; the password line comes first
        stdin = password.encode() + stdin
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        code = main(["--data-dir", str(folder), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_receive_refuses_non_utf8_and_deep_json_with_exit_2(cli) -> None:
    good = json.dumps(intake(), ensure_ascii=False).encode("utf-8")
    code, _, err = cli("receive", "--json", "-", stdin=good.replace(b"Khai", b"\xff\xfe"))
    assert code == 2 and "UTF-8" in err and "Traceback" not in err
    code, _, err = cli("receive", "--json", "-", stdin=b"[" * 100_000 + b"]" * 100_000)
    assert code == 2 and "json" in err and "Traceback" not in err
    code, _, err = cli("receive", "--json", "-", stdin=b'{"sets": NaN}')
    assert code == 2 and "NaN" in err
    code, _, err = cli("receive", "--json", "-", stdin=b'{"sets": ' + b"9" * 5000 + b"}")
    assert code == 2 and "Traceback" not in err
    code, out, _ = cli("receive", "--json", "-", stdin=good)
    assert code == 0 and "000.00.01.H22-260715-1001" in out


def test_receive_back_entry_flag(cli) -> None:
    old = json.dumps(intake(received_at="2025-01-02 09:00")).encode()
    code, _, err = cli("receive", "--json", "-", stdin=old)
    assert code == 2 and "received_at" in err
    code, out, _ = cli("receive", "--back-entry", "--json", "-", stdin=old)
    assert code == 0 and "-250102-1001" in out and "Nhập bù" in out


def test_import_bad_lines_of_every_kind_are_named_and_skipped(cli, tmp_path: Path) -> None:
    good = json.dumps(intake(), ensure_ascii=False).encode("utf-8")
    lines = [
        good,
        b"\xff\xfe not utf-8",
        b"[" * 100_000,
        json.dumps(with_value(("fees",), "x")).encode(),
        json.dumps(with_value(("applicant", "full_name"), {"a": 1})).encode(),
        good.replace(b"Khai", b"Khanh"),
    ]
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\n".join(lines))
    code, out, err = cli("import", str(path))
    assert code == 2 and "Traceback" not in err
    assert len(out.splitlines()) == 2
    assert "dòng 2: json" in err and "dòng 3: json" in err
    assert "dòng 4: fees" in err and "dòng 5: applicant.full_name" in err


# -- item 9: import idempotency ----------------------------------------------------------------
def test_import_twice_reports_already_received_with_codes(cli, tmp_path: Path) -> None:
    first = intake()
    second = intake(applicant=dict(first["applicant"], full_name="Trần Văn Bình"))
    lines = [
        json.dumps(first, ensure_ascii=False),
        json.dumps(dict(second, client_reference="REG-2026-0042"), ensure_ascii=False),
        json.dumps(first),  # the same content again (ASCII-escaped): a second dossier
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = cli("import", str(path))
    assert code == 0 and "Đã tiếp nhận 3 hồ sơ" in err
    codes = [line.split("\t")[0] for line in out.splitlines()]
    assert len(set(codes)) == 3
    code, again, err = cli("import", str(path))
    assert code == 0
    assert [line.split("\t")[0] for line in again.splitlines()] == codes
    assert "Đã tiếp nhận 0 hồ sơ, 3 dòng đã tiếp nhận trước đó" in err
    for number, dossier_code in enumerate(codes, 1):
        assert f"dòng {number}: Đã tiếp nhận trước đó / already received: {dossier_code}" in err
    # a client reference identifies the intake even when the rest of the line changed
    edited = json.dumps(
        dict(second, client_reference="REG-2026-0042", notes="sửa"), ensure_ascii=False
    )
    path.write_text(edited + "\n", encoding="utf-8")
    code, out, err = cli("import", str(path))
    assert code == 0 and out.split("\t")[0] == codes[1] and "already received" in err
    code, out, _ = cli("search", "", "--format", "json")
    assert len(json.loads(out)) == 3


def test_client_reference_makes_receive_idempotent(service: CounterService) -> None:
    data = intake(client_reference="REG-1")
    first = service.intake.receive(data)
    before = counts(service)
    again = service.intake.receive(data)
    assert again.already_received and again.dossier["code"] == first.dossier["code"]
    assert counts(service) == before
    assert not service.intake.receive(intake()).already_received  # no reference: a new one


# -- catalogue and holiday files --------------------------------------------------------------
def _seed() -> dict[str, Any]:
    return json.loads(seed_path().read_text(encoding="utf-8"))


BAD_CATALOGUE = [
    (("procedures", 0, "fees"), {"name": "x"}, "fees"),
    (("procedures", 0, "fees"), ["x"], "fees[1]"),
    (("procedures", 0, "fees"), [{"name": "Lệ phí", "amount": 2**63}], "fees[1].amount"),
    (("procedures", 0, "fees"), [{"name": "Lệ phí", "amount": True}], "fees[1].amount"),
    (("procedures", 0, "fees"), [{"amount": 1}], "fees[1].name"),
    (("procedures", 0, "documents"), ["Tờ khai"], "documents[1]"),
    (("procedures", 0, "documents"), [{"name": "Tờ khai", "count": 2**63}], "documents[1].count"),
    (("procedures", 0, "documents"), [{"name": "Tờ khai", "kind": ["x"]}], "documents[1].kind"),
    (("procedures", 0, "processing_time"), "Infinity", "processing_time"),
    (("procedures", 0, "processing_time"), 10**30, "processing_time"),
    (("procedures", 0, "processing_time"), True, "processing_time"),
    (("procedures", 0, "name"), {"vi": "x"}, "name"),
    (("procedures", 0, "name"), "Thủ tục\x00", "name"),
    (("procedures", 0, "name"), "x" * (limits.TITLE_MAX + 1), "name"),
    (("procedures", 0, "code"), 1.0, "code"),
    (("procedures", 0, "time_unit"), ["working_days"], "time_unit"),
    (("procedures", 0, "channels"), ["fax"], "channels[1]"),
    (("procedures", 0, "results"), "Giấy xác nhận", "results"),
    (("version",), {"v": 1}, "version"),
]


@pytest.mark.parametrize(("path", "value", "field"), BAD_CATALOGUE)
def test_bad_catalogue_file_names_the_field_and_changes_nothing(
    service: CounterService, tmp_path: Path, path: tuple[str | int, ...], value: Any, field: str
) -> None:
    document = dict(_seed(), version="2026.9")
    target: Any = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    file = tmp_path / "catalogue.json"
    file.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    before = service.catalogue.version()
    with pytest.raises(InputError) as caught:
        service.catalogue.import_file(file, actor="tech")
    assert caught.value.field == field
    assert service.catalogue.version() == before


def test_catalogue_file_bytes_and_nesting(service: CounterService, tmp_path: Path) -> None:
    file = tmp_path / "catalogue.json"
    for raw in (b"\xff\xfe{}", b"[" * 100_000, b'{"version": NaN, "procedures": []}'):
        file.write_bytes(raw)
        with pytest.raises(InputError) as caught:
            service.catalogue.import_file(file, actor="tech")
        assert caught.value.field == "file"


def test_holiday_file_import(service: CounterService, tmp_path: Path, cli) -> None:
    file = tmp_path / "holidays.json"
    days = [
        {"date": "2027-02-08", "working": False, "note": "Tết"},
        {"date": "2027-02-20", "working": True, "note": "Làm bù"},
    ]
    file.write_text(json.dumps(days, ensure_ascii=False), encoding="utf-8")
    assert service.calendar.import_holiday_file(file, actor="tech") == 2
    assert [r["day"] for r in service.calendar.holiday_overrides() if r["source"] != "seed"] == [
        "2027-02-08",
        "2027-02-20",
    ]
    code, out, _ = cli("holiday", "import", str(file))
    assert code == 0 and "2" in out


BAD_HOLIDAYS = [
    ({"date": "2027-02-08", "working": False}, "holidays"),
    ([{"date": 20270208, "working": False}], "holidays[1].date"),
    ([{"date": "0001-01-01", "working": False}], "holidays[1].date"),
    ([{"date": "9999-12-31", "working": False}], "holidays[1].date"),
    ([{"date": "2027-02-30", "working": False}], "holidays[1].date"),
    ([{"date": "2027-02-08", "working": "false"}], "holidays[1].working"),
    ([{"date": "2027-02-08"}], "holidays[1].working"),
    ([{"date": "2027-02-08", "working": False, "note": ["x"]}], "holidays[1].note"),
    ([{"date": "2027-02-08", "working": False, "note": "Tết\x00"}], "holidays[1].note"),
    ([{"date": "2027-02-08", "working": False}] * 2, "holidays[2].date"),
    (["2027-02-08"], "holidays[1]"),
]


@pytest.mark.parametrize(("document", "field"), BAD_HOLIDAYS)
def test_bad_holiday_file_names_the_field_and_changes_nothing(
    service: CounterService, tmp_path: Path, document: Any, field: str
) -> None:
    file = tmp_path / "holidays.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        service.calendar.import_holiday_file(file, actor="tech")
    assert caught.value.field == field
    assert [r for r in service.calendar.holiday_overrides() if r["source"] != "seed"] == []


def test_holiday_command_note_and_day_are_bounded(service: CounterService) -> None:
    from datetime import date

    with pytest.raises(InputError) as caught:
        service.calendar.set_holiday_override(
            date(2027, 1, 1), False, note="x" * (limits.TITLE_MAX + 1), actor="tech"
        )
    assert caught.value.field == "note"
    with pytest.raises(InputError) as caught:
        service.calendar.set_holiday_override(date(1900, 1, 1), False, actor="tech")
    assert caught.value.field == "day"


# -- the intake form model: the same rules, before saving ----------------------------------------
def test_intake_form_holds_the_core_bounds() -> None:
    form = IntakeForm(full_name="A" * (limits.NAME_MAX + 1), address="Số 5\x00")
    form.notes = "x" * (limits.TEXT_MAX + 1)
    form.birth_date = "01/01/1850"
    errors = form.errors()
    assert set(errors) >= {"full_name", "address", "notes", "birth_date"}
    form = IntakeForm(full_name="Nguyễn An", address="Số 5", notes="dòng 1\ndòng 2")
    assert "address" not in form.errors() and "notes" not in form.errors()


def test_due_date_out_of_the_calendar_is_a_clear_error(cli) -> None:
    for received in ("9999-12-31 23:59", "0001-01-01T00:00+07:00", "0001-01-01 00:00"):
        code, _, err = cli("due-date", "--procedure", "1.001193", "--received", received)
        assert code == 2 and "received" in err and "Traceback" not in err


def test_status_change_and_correction_texts_are_bounded(service: CounterService) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    before = counts(service)
    with pytest.raises(InputError) as caught:
        service.dossiers.change_status(code, 5, by="an.nv", reason="x" * (limits.TEXT_MAX + 1))
    assert caught.value.field == "reason"
    with pytest.raises(InputError) as caught:
        service.dossiers.change_status(code, 5, by="an.nv", reason="Thiếu\x00 giấy tờ")
    assert caught.value.field == "reason"
    with pytest.raises(InputError) as caught:
        service.dossiers.update(code, by="an.nv", reason="sửa", notes={"a": 1})  # type: ignore[arg-type]
    assert caught.value.field == "notes"
    assert counts(service) == before
    dossier = service.dossiers.change_status(code, 5, by="an.nv", reason="Thiếu:\n- Tờ khai")
    assert dossier["events"][-1]["reason"] == "Thiếu:\n- Tờ khai"
