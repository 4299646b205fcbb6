"""The service API over a real SQLite file: receive, codes, statuses, search, audit."""

from __future__ import annotations

import json
import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import UNIT, intake, open_app_db

from counter_app.services import AuthError, CounterService, InputError, NotFound
from counter_app.store import driver as sqlite3


def test_receive_issues_code_appointment_and_outbox(service: CounterService) -> None:
    result = service.intake.receive(intake())
    dossier = result.dossier
    assert dossier["code"] == f"{UNIT}-260715-1001"
    # 3 working days from Wed 15/07/2026 10:05 -> Mon 20/07/2026 10:05
    assert dossier["due_at"] == "2026-07-20 10:05:00"
    assert dossier["status"] == 2 and dossier["status_name"] == "Được tiếp nhận"
    assert dossier["applicant"]["commune_name"] == "Phường Hoàn Kiếm"
    assert dossier["applicant"]["province_code"] == 1
    assert [d["name"] for d in dossier["documents"]][0].startswith("Tờ khai")
    assert dossier["fees"][0]["amount"] == 15000
    assert result.warnings == []
    outbox = service.store.conn().execute("SELECT * FROM outbox").fetchall()
    assert len(outbox) == 1
    payload = json.loads(outbox[0]["payload"])
    assert payload["isUpdating"] is False
    assert payload["record"]["MaHoSo"] == dossier["code"]
    assert payload["record"]["NgayHenTra"] == "20260720100500"
    assert payload["record"]["Uuid"] == dossier["uuid"]


def test_codes_are_per_counter_and_per_day(data_dir: Path) -> None:
    from conftest import configure

    service = configure(CounterService.open(data_dir), counter=2)
    try:
        codes = [service.intake.receive(intake()).dossier["code"] for _ in range(3)]
        assert codes == [f"{UNIT}-260715-{n}" for n in ("2001", "2002", "2003")]
        next_day = service.intake.receive(intake(received_at="2026-07-16 08:00")).dossier["code"]
        assert next_day.endswith("-260716-2001")
    finally:
        service.close()


def test_nfd_input_is_stored_nfc_and_found_without_accents(service: CounterService) -> None:
    nfd_name = unicodedata.normalize("NFD", "Đặng Thị Hồng Nhung")
    data = intake()
    data["applicant"] = dict(data["applicant"], full_name=nfd_name, id_number="")
    dossier = service.intake.receive(data).dossier
    assert dossier["applicant"]["full_name"] == unicodedata.normalize("NFC", nfd_name)
    for query in ("dang thi hong", "ĐẶNG", "nhung", "Dang Thi Hong Nhung", "d t h n"):
        found = service.search.dossiers(query)
        assert [r["code"] for r in found] == [dossier["code"]], query


def test_search_by_id_phone_code_and_filters(service: CounterService) -> None:
    first = service.intake.receive(intake()).dossier
    other = intake(procedure_code="1.001193", received_at="2026-07-16 09:00")
    other["applicant"] = {"full_name": "Trần Văn Bình", "phone": "0987654321"}
    second = service.intake.receive(other).dossier
    assert [r["code"] for r in service.search.dossiers("001190012345")] == [first["code"]]
    assert [r["code"] for r in service.search.dossiers("0987")] == [second["code"]]
    assert [r["code"] for r in service.search.dossiers(second["code"])] == [second["code"]]
    assert [r["code"] for r in service.search.dossiers("260716")] == [second["code"]]
    assert {r["code"] for r in service.search.dossiers("")} == {first["code"], second["code"]}
    assert [r["code"] for r in service.search.dossiers("", procedure="1.001193")] == [
        second["code"]
    ]
    assert [r["code"] for r in service.search.dossiers("", date_from=date(2026, 7, 16))] == [
        second["code"]
    ]
    assert [r["code"] for r in service.search.dossiers("", date_to=date(2026, 7, 15))] == [
        first["code"]
    ]
    service.dossiers.change_status(first["code"], 4, by="an.nv")
    assert [r["code"] for r in service.search.dossiers("", status=4)] == [first["code"]]
    # both due dates are in July 2026, before today's date in this test run
    assert {r["code"] for r in service.search.dossiers("", overdue=True)} == {
        first["code"],
        second["code"],
    }
    assert service.search.dossiers("khong co ai") == []


def test_paging_with_before_id(service: CounterService) -> None:
    codes = [service.intake.receive(intake()).dossier["code"] for _ in range(5)]
    page1 = service.search.dossiers("nguyen", limit=2)
    page2 = service.search.dossiers("nguyen", limit=2, before_id=page1[-1]["id"])
    page3 = service.search.dossiers("nguyen", limit=2, before_id=page2[-1]["id"])
    assert [r["code"] for r in page1 + page2 + page3] == list(reversed(codes))


def test_status_machine_allows_and_refuses(service: CounterService) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    with pytest.raises(InputError, match="Không thể chuyển") as caught:
        service.dossiers.change_status(code, 10, by="an.nv")
    assert caught.value.field == "status"
    with pytest.raises(InputError, match="lý do"):
        service.dossiers.change_status(code, 7, by="an.nv")
    service.dossiers.change_status(code, 4, by="binh.tt")
    service.dossiers.change_status(code, 9, by="binh.tt")
    with pytest.raises(InputError, match="người nhận"):
        service.dossiers.change_status(code, 10, by="an.nv")
    dossier = service.dossiers.change_status(
        code,
        10,
        by="an.nv",
        collected_by="Nguyễn Thị Minh Khai",
        collected_id_number="001190012345",
    )
    assert dossier["returned_at"] and dossier["collected_by"] == "Nguyễn Thị Minh Khai"
    assert [(e["from_status"], e["to_status"]) for e in dossier["events"]] == [
        (None, 2),
        (2, 4),
        (4, 9),
        (9, 10),
    ]
    assert dossier["events"][1]["by_name"] == "Trần Thị Bình"
    with pytest.raises(InputError, match="trạng thái cuối"):
        service.dossiers.change_status(code, 4, by="an.nv")
    # 10 is final; the refused attempts left no trace
    assert len(service.dossiers.get(code)["events"]) == 4


def test_supplement_keeps_old_and_new_due_dates(service: CounterService) -> None:
    code = service.intake.receive(intake()).dossier["code"]  # due Mon 20/07/2026 10:05
    service.dossiers.change_status(code, 4, by="an.nv", at=datetime(2026, 7, 15, 14, 0))
    service.dossiers.change_status(
        code, 5, by="an.nv", reason="Thiếu tờ khai", at=datetime(2026, 7, 16, 9, 0)
    )
    dossier = service.dossiers.change_status(code, 4, by="an.nv", at=datetime(2026, 7, 22, 8, 0))
    change = dossier["due_changes"][-1]
    assert change["kind"] == "supplement"
    assert change["old_due"] == "2026-07-20 10:05:00"
    # restart (the default): 3 full working days from Wed 22/07 08:00 -> Mon 27/07 08:00
    assert change["new_due"] == dossier["due_at"] == "2026-07-27 08:00:00"


def test_supplement_resume_mode(service: CounterService) -> None:
    service.settings.update({"supplement_mode": "resume"}, actor="an.nv")
    code = service.intake.receive(intake()).dossier["code"]
    service.dossiers.change_status(
        code, 5, by="an.nv", reason="Thiếu giấy", at=datetime(2026, 7, 15, 10, 5)
    )
    dossier = service.dossiers.change_status(code, 4, by="an.nv", at=datetime(2026, 7, 15, 10, 5))
    # paused and resumed at the same moment: the appointment does not move
    assert dossier["due_at"] == "2026-07-20 10:05:00"


def test_move_due_needs_reason_and_is_audited(service: CounterService) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    with pytest.raises(InputError) as caught:
        service.dossiers.move_due(code, datetime(2026, 7, 24, 9, 0), by="an.nv", reason=" ")
    assert caught.value.field == "reason"
    dossier = service.dossiers.move_due(
        code, datetime(2026, 7, 24, 9, 0), by="an.nv", reason="Chờ xác minh"
    )
    assert dossier["due_at"] == "2026-07-24 09:00:00"
    assert dossier["due_changes"][-1]["old_due"] == "2026-07-20 10:05:00"
    actions = [r[0] for r in service.store.conn().execute("SELECT action FROM audit_log")]
    assert "dossier.move_due" in actions


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("procedure_code",), "9.999999", "procedure_code"),
        (("applicant", "full_name"), "  ", "applicant.full_name"),
        (("applicant", "id_number"), "00119001234", "applicant.id_number"),
        (("applicant", "phone"), "12345", "applicant.phone"),
        (("applicant", "ward_code"), 999999, "applicant.ward_code"),
        (("applicant", "birth_date"), "30/02/1990", "applicant.birth_date"),
        (("officer",), "nobody", "officer"),
        (("sets",), 0, "sets"),
        (("received_at",), "hôm qua", "received_at"),
        (("return_method",), "drone", "return_method"),
        (("documents",), [{"name": "Tờ khai", "kind": "scan"}], "documents[1].kind"),
        (("fees",), [{"name": "Lệ phí", "amount": -5}], "fees[1].amount"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(
    service: CounterService, path: tuple[str, ...], value: object, field: str
) -> None:
    data = intake()
    target = data
    for key in path[:-1]:
        target[key] = dict(target[key])
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(InputError) as caught:
        service.intake.receive(data)
    assert caught.value.field == field
    assert service.store.conn().execute("SELECT count(*) FROM dossiers").fetchone()[0] == 0
    assert service.store.conn().execute("SELECT count(*) FROM outbox").fetchone()[0] == 0


def test_id_structure_problems_are_warnings(service: CounterService) -> None:
    data = intake()
    data["applicant"] = dict(data["applicant"], id_number="097190012345")
    result = service.intake.receive(data)
    assert result.dossier["code"]
    assert any(w.field == "id_number" and w.level == "warning" for w in result.warnings)


def test_audit_chain_detects_edit_and_deletion(service: CounterService, data_dir: Path) -> None:
    for _ in range(3):
        service.intake.receive(intake())
    assert service.audit.verify().ok
    raw = open_app_db(data_dir / "counter.db")
    raw.execute("DROP TRIGGER audit_log_no_update")
    raw.execute("UPDATE audit_log SET actor = 'ke.gian' WHERE id = 4")
    raw.commit()
    report = service.audit.verify()
    assert not report.ok and any("Dòng 4" in p for p in report.problems)
    raw.execute("UPDATE audit_log SET actor = 'an.nv' WHERE id = 4")
    raw.execute("DROP TRIGGER audit_log_no_delete")
    raw.execute("DELETE FROM audit_log WHERE id = 5")
    raw.commit()
    report = service.audit.verify()
    assert not report.ok and any("Dòng 6" in p for p in report.problems)
    raw.close()


def test_audit_detects_truncated_tail(service: CounterService, data_dir: Path) -> None:
    service.intake.receive(intake())
    raw = open_app_db(data_dir / "counter.db")
    raw.execute("DROP TRIGGER audit_log_no_delete")
    raw.execute("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    raw.commit()
    raw.close()
    report = service.audit.verify()
    assert not report.ok and any("tail" in p for p in report.problems)


def test_audit_log_refuses_updates(service: CounterService) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        with service.store.write() as conn:
            conn.execute("UPDATE audit_log SET actor = 'x'")


def test_every_write_is_audited(service: CounterService, tmp_path: Path) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    service.dossiers.change_status(code, 4, by="an.nv")
    service.prints.record(code, form="receipt", officer="an.nv", copies=["1", "2"], paper="a4")
    service.staff.authenticate("an.nv", "matkhau1-quay")
    service.calendar.set_holiday_override(
        date(2026, 7, 17), False, note="Nghỉ đột xuất", actor="an.nv"
    )
    actions = {r[0] for r in service.store.conn().execute("SELECT action FROM audit_log")}
    assert {
        "settings.update",
        "staff.add",
        "catalogue.import",
        "dossier.receive",
        "dossier.status",
        "dossier.print",
        "signin",
        "holiday.override",
    } <= actions


def test_holiday_override_changes_appointments(service: CounterService) -> None:
    before = service.calendar.due_date("1.004873", datetime(2026, 7, 15, 10, 5))
    service.calendar.set_holiday_override(date(2026, 7, 16), False, note="Nghỉ bão", actor="an.nv")
    after = service.calendar.due_date("1.004873", datetime(2026, 7, 15, 10, 5))
    assert (before, after) == (datetime(2026, 7, 20, 10, 5), datetime(2026, 7, 21, 10, 5))
    service.calendar.set_holiday_override(date(2026, 7, 18), True, note="Làm bù", actor="an.nv")
    assert service.calendar.due_date("1.004873", datetime(2026, 7, 15, 10, 5)) == datetime(
        2026, 7, 20, 10, 5
    )


def test_staff_passwords_and_lockout(service: CounterService) -> None:
    stored = (
        service.store.conn()
        .execute("SELECT password_hash FROM staff WHERE username = 'binh.tt'")
        .fetchone()[0]
    )
    assert stored.startswith("scrypt$") and "matkhau2-quay" not in stored
    assert service.staff.authenticate("BINH.TT", "matkhau2-quay")["role"] == "officer"
    for attempt in range(5):  # the same message as an unknown user's, up to the lockout
        with pytest.raises(AuthError, match="^Sai tên đăng nhập hoặc mật khẩu / wrong"):
            service.staff.authenticate("binh.tt", f"wrong{attempt}")
    with pytest.raises(AuthError, match="^Sai tên đăng nhập hoặc mật khẩu / wrong"):
        service.staff.authenticate("binh.tt", "wrong")  # locked: a wrong password learns nothing
    with pytest.raises(AuthError, match="bị khóa"):
        service.staff.authenticate(
            "binh.tt", "matkhau2-quay"
        )  # locked even with the right password
    service.staff.set_active("binh.tt", True, actor="an.nv")
    assert service.staff.authenticate("binh.tt", "matkhau2-quay")


def test_disabled_officer_cannot_receive(service: CounterService) -> None:
    service.staff.set_active("binh.tt", False, actor="an.nv")
    with pytest.raises(InputError, match="khóa") as caught:
        service.intake.receive(intake(officer="binh.tt"))
    assert caught.value.field == "officer"


def test_setup_validates(service: CounterService) -> None:
    with pytest.raises(InputError) as caught:
        service.settings.configure(unit_code="X", ward_code=999999, counter=1, centre_name="T")
    assert caught.value.field == "ward_code"
    with pytest.raises(InputError) as caught:
        service.settings.configure(unit_code="X", ward_code=70, counter=12, centre_name="T")
    assert caught.value.field == "counter"
    with pytest.raises(InputError) as caught:
        service.settings.configure(
            unit_code="X", ward_code=70, counter=1, centre_name="T", hours="17:00-07:00"
        )
    assert caught.value.field == "working_hours"
    assert service.settings.get("unit_code") == UNIT  # nothing half-applied


def test_unconfigured_counter_cannot_receive(data_dir: Path) -> None:
    service = CounterService.open(data_dir)
    try:
        with pytest.raises(InputError) as caught:
            service.intake.receive(intake())
        assert caught.value.field == "setup"
    finally:
        service.close()


def test_not_found(service: CounterService) -> None:
    with pytest.raises(NotFound):
        service.dossiers.get("000.00.01.H22-260101-9999")


def test_catalogue_seeded_and_import_is_versioned_and_atomic(
    service: CounterService, tmp_path: Path
) -> None:
    codes = {p["code"] for p in service.catalogue.procedures()}
    assert {
        "1.001193",
        "1.000894",
        "1.000656",
        "1.004873",
        "2.000815",
        "2.000884",
        "1.001612",
        "2.001263",
        "1.001699",
    } <= codes
    assert service.catalogue.procedures("khai sinh")[0]["code"] == "1.001193"
    seed = json.loads(Path("resources/catalogue.json").read_text(encoding="utf-8"))
    newer = dict(seed, version="2026.2")
    newer["procedures"] = [dict(p) for p in seed["procedures"]]
    newer["procedures"][3]["processing_time"] = 5
    good = tmp_path / "good.json"
    good.write_text(json.dumps(newer, ensure_ascii=False), encoding="utf-8")
    bad_doc = json.loads(json.dumps(newer))
    bad_doc["version"] = "2026.3"
    bad_doc["procedures"][0]["processing_time"] = 1
    bad_doc["procedures"][5]["time_unit"] = "fortnights"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(bad_doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError, match="2.000884") as caught:
        service.catalogue.import_file(bad, actor="tech")
    assert caught.value.field == "time_unit"
    assert service.catalogue.version() == "seed-2026.1"
    assert service.catalogue.procedure("1.001193")["processing_time"] == 0  # nothing half-applied
    service.catalogue.import_file(good, actor="tech")
    assert service.catalogue.version() == "2026.2"
    assert service.catalogue.procedure("1.004873")["processing_time"] == 5
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="JSON"):
        service.catalogue.import_file(tmp_path / "broken.json", actor="tech")


def test_receipt_keeps_procedure_snapshot_after_catalogue_change(
    service: CounterService, tmp_path: Path
) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    seed = json.loads(Path("resources/catalogue.json").read_text(encoding="utf-8"))
    seed["version"] = "2026.9"
    seed["procedures"][3]["name"] = "Tên mới"
    path = tmp_path / "c.json"
    path.write_text(json.dumps(seed, ensure_ascii=False), encoding="utf-8")
    service.catalogue.import_file(path, actor="tech")
    assert (
        service.dossiers.get(code)["procedure"]["name"] == "Cấp Giấy xác nhận tình trạng hôn nhân"
    )


def test_demo_data_is_never_queued(service: CounterService) -> None:
    from counter_app.demo import generate_demo_data

    assert generate_demo_data(service, 300) == 300
    conn = service.store.conn()
    assert conn.execute("SELECT count(*) FROM dossiers").fetchone()[0] == 300
    assert conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    codes = [r[0] for r in conn.execute("SELECT code FROM dossiers")]
    assert len(set(codes)) == 300
    assert service.search.dossiers("nguyen")  # FTS kept in step by the triggers
    # a real receipt after demo data still gets a fresh code
    real = service.intake.receive(intake(received_at=None)).dossier
    assert real["code"] not in codes
    assert service.audit.verify().ok


def test_edit_applicant_is_validated_audited_searchable_and_queued(service: CounterService) -> None:
    code = service.intake.receive(intake()).dossier["code"]
    new_applicant = dict(
        intake()["applicant"], full_name="Nguyễn Thị Minh Khuê", phone="0387654321"
    )
    with pytest.raises(InputError) as caught:
        service.dossiers.update(code, by="an.nv", reason="", applicant=new_applicant)
    assert caught.value.field == "reason"
    with pytest.raises(InputError) as caught:
        service.dossiers.update(
            code, by="an.nv", reason="Sai số", applicant=dict(new_applicant, phone="12")
        )
    assert caught.value.field == "applicant.phone"
    dossier, _ = service.dossiers.update(
        code, by="an.nv", reason="Ghi sai tên", applicant=new_applicant, return_method="post"
    )
    assert dossier["applicant"]["full_name"] == "Nguyễn Thị Minh Khuê"
    assert dossier["return_method"] == "post" and dossier["code"] == code
    assert [r["code"] for r in service.search.dossiers("minh khue")] == [code]
    assert service.search.dossiers("minh khai") == []
    conn = service.store.conn()
    detail = conn.execute("SELECT detail FROM audit_log WHERE action = 'dossier.edit'").fetchone()[
        0
    ]
    assert "Khuê" not in detail and "applicant" in detail
    payload = json.loads(conn.execute("SELECT payload FROM outbox ORDER BY id DESC").fetchone()[0])
    assert payload["isUpdating"] and payload["record"]["ChuHoSo"] == "Nguyễn Thị Minh Khuê"


def test_oldest_first_paging_and_returned_on(service: CounterService) -> None:
    codes = [service.intake.receive(intake()).dossier["code"] for _ in range(5)]
    page1 = service.search.dossiers("", limit=2, oldest_first=True)
    page2 = service.search.dossiers("", limit=2, oldest_first=True, before_id=page1[-1]["id"])
    page3 = service.search.dossiers("nguyen", limit=2, oldest_first=True, before_id=page2[-1]["id"])
    assert [r["code"] for r in page1 + page2 + page3] == codes
    service.dossiers.change_status(codes[1], 4, by="an.nv")
    service.dossiers.change_status(codes[1], 9, by="an.nv")
    service.dossiers.change_status(
        codes[1],
        10,
        by="an.nv",
        collected_by="Nguyễn Thị Minh Khai",
        at=datetime(2026, 7, 20, 9, 0),
    )
    assert [r["code"] for r in service.search.dossiers("", returned_on=date(2026, 7, 20))] == [
        codes[1]
    ]
    assert service.search.dossiers("", returned_on=date(2026, 7, 21)) == []


def test_portal_holidays_never_override_a_local_decision(service: CounterService) -> None:
    service.calendar.set_holiday_override(
        date(2026, 7, 17), True, note="Làm bù tại xã", actor="an.nv"
    )
    portal_days = [(date(2026, 7, 17), False, "Nghỉ"), (date(2026, 7, 16), False, "Nghỉ bão")]
    assert service.calendar.apply_portal_holidays(portal_days, actor="portal") == 1
    days = {
        r["day"]: (r["working"], r["source"])
        for r in service.calendar.holiday_overrides()
        if r["source"] != "seed"
    }
    assert days == {"2026-07-16": (0, "portal"), "2026-07-17": (1, "local")}
    assert not service.calendar.work_calendar().is_working_day(date(2026, 7, 16))
    assert service.calendar.apply_portal_holidays(portal_days, actor="portal") == 0  # nothing new
