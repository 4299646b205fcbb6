"""The Thông tư 03/2025/TT-VPCP forms printed from what was recorded (issue 13, Forms)."""

from __future__ import annotations

import io
import json
from datetime import date, datetime, timedelta

import pytest
from conftest import SIGN_IN, intake, password_lines
from pypdf import PdfReader

from counter_app.forms import labels
from counter_app.services import CounterService, InputError


def flat_text(pdf: bytes) -> str:
    """The PDF's text with line breaks folded, so wrapped sentences match whole."""
    pages = (page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(" ".join(pages).split())


def receive(service: CounterService) -> str:
    return service.intake.receive(intake()).dossier["code"]


def test_receipt_names_the_centre_the_identity_and_the_notes(service: CounterService) -> None:
    code = receive(service)
    service.dossiers.update(code, by="an.nv", reason="Khách chọn bưu chính", return_method="post")
    text = flat_text(service.prints.produce(code, "receipt", officer="an.nv", deliver=bytes))
    assert labels.RECEIPT_TITLE in text
    assert "Đơn vị tiếp nhận: Trung tâm Phục vụ hành chính công phường Hoàn Kiếm" in text
    assert "Số định danh cá nhân/Căn cước: 001190012345" in text
    assert "Bộ phận tiếp nhận và trả kết quả" not in text
    assert text.count("Ghi chú:") == 2  # one per copy
    assert "lập thành 02 liên" in text
    assert "qua dịch vụ bưu chính công ích" in text


def test_supplement_prints_the_guiding_officers_name_and_phone(service: CounterService) -> None:
    service.staff.set_phone("binh.tt", "0243 825 1234", actor="test")
    assert service.staff.get("binh.tt")["phone"] == "02438251234"
    with pytest.raises(InputError) as caught:
        service.staff.set_phone("binh.tt", "gọi tôi", actor="test")
    assert caught.value.field == "phone"
    code = receive(service)
    service.dossiers.change_status(code, 5, by="binh.tt", reason="Thiếu tờ khai")
    text = flat_text(service.prints.produce(code, "supplement", officer="binh.tt", deliver=bytes))
    assert labels.SUPPLEMENT_TITLE in text
    assert "Cán bộ hướng dẫn: Trần Thị Bình; số điện thoại liên hệ: 02438251234" in text


def test_apology_letter_after_moving_the_appointment_later(service: CounterService) -> None:
    code = receive(service)
    with pytest.raises(InputError, match="Mẫu 04"):
        service.prints.produce(code, "apology", officer="an.nv", deliver=bytes)
    service.dossiers.move_due(
        code, datetime(2026, 7, 24, 16, 0), by="an.nv", reason="Chờ ý kiến cơ quan phối hợp"
    )
    text = flat_text(service.prints.produce(code, "apology", officer="an.nv", deliver=bytes))
    assert labels.APOLOGY_TITLE in text
    assert "Chờ ý kiến cơ quan phối hợp" in text
    assert "16 giờ 00 phút, Thứ Sáu, ngày 24 tháng 7 năm 2026" in text
    assert [p["form"] for p in service.dossiers.get(code)["prints"]] == ["apology"]


def test_stop_notice_with_status_8_and_its_reason(service: CounterService) -> None:
    code = receive(service)
    with pytest.raises(InputError, match="Mẫu 05"):
        service.prints.produce(code, "stop", officer="an.nv", deliver=bytes)
    service.dossiers.change_status(code, 4, by="an.nv")
    service.dossiers.change_status(code, 8, by="an.nv", reason="Người nộp đã qua đời")
    text = flat_text(service.prints.produce(code, "stop", officer="an.nv", deliver=bytes))
    assert labels.STOP_TITLE in text and "1. Người nộp đã qua đời" in text


def test_handovers_are_recorded_audited_synced_and_printed(service: CounterService) -> None:
    first, second = receive(service), receive(service)
    batch = service.dossiers.record_handover(
        [first, second],
        direction="out",
        agency="Phòng Văn hóa - Xã hội",
        giver="Nguyễn Văn An",
        receiver="Lê Văn Cường",
        by="an.nv",
        at=datetime(2026, 7, 15, 14, 0),
    )
    service.dossiers.record_handover(
        [first],
        direction="back",
        agency="Phòng Văn hóa - Xã hội",
        giver="Lê Văn Cường",
        receiver="Trần Thị Bình",
        by="binh.tt",
        notes="Đã ký kết quả",
        at=datetime(2026, 7, 16, 9, 0),
    )
    dossier = service.dossiers.get(first)
    assert [(h["direction"], h["giver"], h["receiver"]) for h in dossier["handovers"]] == [
        ("out", "Nguyễn Văn An", "Lê Văn Cường"),
        ("back", "Lê Văn Cường", "Trần Thị Bình"),
    ]
    conn = service.store.read()
    actions = [
        r[0] for r in conn.execute("SELECT action FROM audit_log WHERE entity = ?", (first,))
    ]
    assert actions.count("dossier.handover") == 2
    steps = [
        json.loads(r[0])["record"]["NoiDungXuLy"]
        for r in conn.execute("SELECT payload FROM outbox WHERE op = 'progress'")
    ]
    assert "Chuyển hồ sơ đến Phòng Văn hóa - Xã hội: Nguyễn Văn An giao, Lê Văn Cường nhận" in steps
    text = flat_text(service.prints.produce(first, "control", officer="an.nv", deliver=bytes))
    assert labels.CONTROL_TITLE in text
    for expected in (
        "1. Giao Phòng Văn hóa - Xã hội",
        "Người nhận: Lê Văn Cường",
        "2. Trả Phòng Văn hóa - Xã hội",
        "Đã ký kết quả",
        "Trước hạn",
    ):
        assert expected in text, expected
    daily = flat_text(service.prints.handover_list(date(2026, 7, 15)))
    assert labels.HANDOVER_LIST_TITLE in daily and first in daily and second in daily
    assert "Tổng số: 2 hồ sơ." in daily and "BÊN GIAO" in daily and "BÊN NHẬN" in daily
    assert [row["batch"] for row in service.dossiers.handovers_on(date(2026, 7, 15))] == [
        batch,
        batch,
    ]


def test_handover_needs_both_people_and_an_open_dossier(service: CounterService) -> None:
    code = receive(service)
    for field in ("agency", "giver", "receiver"):
        values = {"agency": "Phòng Tư pháp", "giver": "An", "receiver": "Cường", field: " "}
        with pytest.raises(InputError) as caught:
            service.dossiers.record_handover([code], direction="out", by="an.nv", **values)
        assert caught.value.field == field
    with pytest.raises(InputError) as caught:
        service.dossiers.record_handover(
            [code], direction="sideways", agency="X", giver="A", receiver="B", by="an.nv"
        )
    assert caught.value.field == "direction"
    service.dossiers.change_status(code, 7, by="an.nv", reason="Công dân rút")
    with pytest.raises(InputError) as caught:
        service.dossiers.record_handover(
            [code], direction="out", agency="X", giver="A", receiver="B", by="an.nv"
        )
    assert caught.value.field == "status"
    assert service.dossiers.get(code)["handovers"] == []


def test_handback_slip_names_the_collector_and_the_results(service: CounterService) -> None:
    code = receive(service)
    for status in (4, 9):
        service.dossiers.change_status(code, status, by="an.nv")
    service.dossiers.change_status(
        code,
        10,
        by="binh.tt",
        collected_by="Nguyễn Văn Bình",
        collected_id_number="001090054321",
        documents=[{"name": "Giấy khai sinh (bản chính)", "kind": "original", "count": 1}],
        at=datetime(2026, 7, 16, 15, 30),
    )
    text = flat_text(service.prints.produce(code, "handback", officer="binh.tt", deliver=bytes))
    for expected in (
        labels.HANDBACK_TITLE,
        "Người nhận kết quả: Nguyễn Văn Bình",
        "Số định danh cá nhân/Căn cước: 001090054321",
        "15 giờ 30 phút, ngày 16 tháng 7 năm 2026",
        "Giấy khai sinh (bản chính)",
        "NGƯỜI NHẬN KẾT QUẢ",
        "NGƯỜI TRẢ KẾT QUẢ",
    ):
        assert expected in text, expected


def test_register_has_the_template_columns_and_the_book(service: CounterService) -> None:
    code = receive(service)
    service.dossiers.record_handover(
        [code], direction="out", agency="Phòng Tư pháp", giver="A", receiver="B", by="an.nv"
    )
    text = flat_text(service.prints.register(date(2026, 7, 15), date(2026, 7, 15)))
    for expected in (
        labels.REGISTER_TITLE,
        "Quyển số: ",
        "Cơ quan chủ trì giải quyết",
        "Chuyển hồ sơ đến cơ quan giải quyết",
        "Nhận kết quả từ cơ quan giải quyết",
        "Ghi chú",
        "Phòng Tư pháp",
        code,
    ):
        assert expected in text, expected


def test_list_marks_dossiers_that_will_be_late(service: CounterService) -> None:
    from counter_app.domain import clock

    now = clock.now().replace(microsecond=0)
    soon = service.intake.receive(intake(received_at=f"{now:%Y-%m-%d} 00:00")).dossier["code"]
    service.dossiers.move_due(soon, now + timedelta(hours=3), by="an.nv", reason="Thử")
    later = service.intake.receive(intake(received_at=f"{now:%Y-%m-%d} 00:00")).dossier["code"]
    service.dossiers.move_due(later, now + timedelta(days=5), by="an.nv", reason="Thử")
    flags = {row["code"]: row["will_be_late"] for row in service.search.dossiers("")}
    assert flags[soon] is True and flags[later] is False
    service.settings.update({"late_warning_hours": 2}, actor="test")
    assert not service.search.dossiers(soon)[0]["will_be_late"]
    service.dossiers.change_status(later, 4, by="an.nv")
    service.settings.update({"late_warning_hours": 24 * 6}, actor="test")
    assert service.search.dossiers(later)[0]["will_be_late"]
    service.dossiers.change_status(later, 9, by="an.nv")  # finished: no warning
    assert not service.search.dossiers(later)[0]["will_be_late"]


def test_handover_and_handover_list_commands(
    service: CounterService, data_dir, tmp_path, capsys, monkeypatch
) -> None:
    import sys

    from counter_app.cli import main
    from counter_app.domain import clock

    code = receive(service)
    service.close()
    monkeypatch.setattr(sys, "stdin", password_lines())
    base = ["--data-dir", str(data_dir), *SIGN_IN]
    people = ["--agency", "Phòng Tư pháp", "--giver", "Nguyễn Văn An", "--receiver", "Lê Cường"]
    assert main([*base, "handover", code, *people, "--by", "an.nv"]) == 0
    assert "Đã ghi bàn giao 1 hồ sơ" in capsys.readouterr().out
    assert main([*base, "handover", code, "--agency", " ", "--giver", "A", "--receiver", "B",
                 "--by", "an.nv"]) == 2  # fmt: skip
    out = tmp_path / "list.pdf"
    today = clock.now().date().isoformat()
    assert main([*base, "handover-list", "--date", today, "--out", str(out)]) == 0
    text = flat_text(out.read_bytes())
    assert code in text and "Phòng Tư pháp" in text and "Lê Cường" in text
