"""The Qt-free intake form model: field rules, derived values, draft and receive data."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from counter_app.services import CounterService, InputError
from counter_app.services.intake_form import (
    IntakeForm,
    parse_birth_date,
)
from counter_app.services.rules import validate_applicant

TODAY = date(2026, 7, 15)


def test_birth_date_formats_and_rules() -> None:
    assert parse_birth_date("2-5-1990") == date(1990, 5, 2)
    assert parse_birth_date("") is None
    form = IntakeForm(birth_date="02051990")
    assert form.tidy_birth_date() == "02/05/1990"
    assert form.findings("birth_date", today=TODAY) == []
    form.set("birth_date", "31/02/1990")
    assert form.findings("birth_date", today=TODAY)[0][0] == "error"
    form.set("birth_date", "01/01/2030")
    assert form.errors(today=TODAY)["birth_date"] == ["Ngày sinh ở tương lai."]
    form.set("birth_date", "01/01/1900")
    assert "birth_date" in form.warnings(today=TODAY)
    assert "birth_date" not in form.errors(today=TODAY)


def test_required_fields_and_commune_pick() -> None:
    form = IntakeForm()
    assert set(form.errors(today=TODAY)) == {"full_name", "procedure"}
    form.set("ward_text", "Hoàn Kiếm")
    assert "commune" in form.errors(today=TODAY)
    form.set("ward_code", 70)
    assert "commune" not in form.errors(today=TODAY)
    with pytest.raises(KeyError):
        form.set("no_such_field", 1)


def test_draft_round_trip_and_receive_data(service: CounterService) -> None:
    procedure = service.catalogue.procedures()[0]
    form = IntakeForm(officer="binh.tt", full_name="Nguyễn Văn An", birth_date="02/05/1990")
    form.choose_procedure(procedure)
    form.set("old_id", "012345678")
    form.fees = [{"code": "A", "name": "Lệ phí", "amount": 15000, "paid": False}]
    assert form.fees_total() == 15000
    again = IntakeForm.from_draft(form.to_draft(), officer="binh.tt", procedure=procedure)
    assert again.to_draft() == form.to_draft()
    assert not again.is_empty() and IntakeForm().is_empty()
    data = again.receive_data()
    assert data["applicant"]["birth_date"] == "1990-05-02"
    assert data["notes"] == "Số CMND cũ: 012345678"
    due = form.appointment(service.calendar.work_calendar(), datetime(2026, 7, 15, 9, 0))
    assert due is not None and due > datetime(2026, 7, 15, 9, 0)
    result = service.intake.receive(data)
    assert result.dossier["applicant"]["full_name"] == "Nguyễn Văn An"


def test_receive_data_from_json_runs_the_birth_date_rule() -> None:
    # Data that arrives without the form (the CLI's JSON) meets the same rule in the core.
    applicant = {"full_name": "Nguyễn Văn An", "birth_date": "1990-05-02"}
    assert validate_applicant(applicant, [], today=TODAY)["birth_date"] == "1990-05-02"
    with pytest.raises(InputError) as caught:
        validate_applicant(dict(applicant, birth_date="2030-01-01"), [], today=TODAY)
    assert caught.value.field == "applicant.birth_date"
