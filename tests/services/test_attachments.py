"""Digitised documents (issue 16) over real data folders: attach, read back, limits, audit,
doctor, backups and restore, the CLI."""

from __future__ import annotations

import io
import json
import os
import stat
from pathlib import Path

import pytest
from conftest import intake, open_app_db, run_cli
from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter

from counter_app.domain import limits
from counter_app.ops import backups, doctor, restore
from counter_app.services import CounterService, InputError
from counter_app.store import attachment_files, audit, audit_key, row_seals
from counter_app.store.attachment_files import AttachmentFileError


def page_image(text: str = "Trang 1", size: tuple[int, int] = (827, 1170), mode: str = "RGB"):
    image = Image.new(mode, size, "white")
    ImageDraw.Draw(image).text((60, 60), text, fill="black")
    return image


def image_file(folder: Path, name: str, fmt: str = "PNG", **options) -> Path:
    buffer = io.BytesIO()
    page_image(name).save(buffer, fmt, **options)
    path = folder / name
    path.write_bytes(buffer.getvalue())
    return path


def pdf_file(folder: Path, name: str, pages: int = 2) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    path = folder / name
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def code(service: CounterService) -> str:
    return service.intake.receive(intake()).dossier["code"]


def test_attach_stores_one_encrypted_pdf_and_reads_it_back(
    service: CounterService, code: str, tmp_path: Path
) -> None:
    files = [image_file(tmp_path, "a.png"), image_file(tmp_path, "b.jpg", "JPEG")]
    files.append(pdf_file(tmp_path, "c.pdf", pages=2))
    row = service.attachments.attach(code, files, by="an.nv", item=1)
    assert row["pages"] == 4 and row["kind"] == "submitted" and row["item"] == 1
    assert row["label"].startswith("Tờ khai") and row["upload_state"] == "pending"
    assert row["source"] == "file" and row["created_by"] == "an.nv"
    data = service.attachments.open(row["id"])
    assert attachment_files.digest(data) == row["sha256"] and len(data) == row["bytes"]
    assert len(PdfReader(io.BytesIO(data)).pages) == 4
    stored = service.store.folder / "attachments" / row["sha256"][:2] / row["sha256"]
    raw = stored.read_bytes()
    assert b"%PDF" not in raw and data[:200] not in raw  # encrypted at rest
    assert not raw.startswith(b"SQLite format 3")
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert stat.S_IMODE(stored.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((service.store.folder / "attachments").stat().st_mode) == 0o700


def test_same_content_is_stored_once_and_attached_once(
    service: CounterService, code: str, tmp_path: Path
) -> None:
    path = image_file(tmp_path, "a.png")
    first = service.attachments.attach(code, [path], by="an.nv", item=1)
    again = service.attachments.attach(code, [path], by="an.nv", item=1)
    assert again["already_attached"] and again["id"] == first["id"]
    other = service.attachments.attach(code, [path], by="an.nv", item=2)
    assert other["sha256"] == first["sha256"] and other["id"] != first["id"]
    assert list(service.attachments.files().stored()) == [first["sha256"]]
    assert len(service.attachments.list(code)) == 2


def test_page_edits_rotation_order_removal(
    service: CounterService, code: str, tmp_path: Path
) -> None:
    draft = service.attachments.new_document()
    assert (draft.dpi, draft.colour) == (200, "grey")
    draft.add_file("a.png", image_file(tmp_path, "a.png").read_bytes())
    draft.add_file("c.pdf", pdf_file(tmp_path, "c.pdf", pages=3).read_bytes())
    draft.rotate(1, 90)
    draft.move(0, 3)  # the image goes last
    draft.remove(0)  # the turned PDF page goes
    with pytest.raises(InputError):
        draft.rotate(9)
    row = service.attachments.attach(code, draft, by="an.nv", kind="result")
    reader = PdfReader(io.BytesIO(service.attachments.open(row["id"])))
    assert [p.rotation for p in reader.pages] == [0, 0, 0]
    assert [p.images[0].image.mode for p in reader.pages[2:]] == ["L"]  # greyscale page
    assert not reader.pages[0].images  # a PDF page copied as it is
    assert row["label"] == "Kết quả giải quyết" and row["item"] is None


def test_resolution_and_colour_settings(service: CounterService, code: str, tmp_path: Path) -> None:
    service.settings.update({"capture_dpi": 100, "capture_colour": "bw"}, actor="an.nv")
    source = tmp_path / "fine.png"
    page_image("300 dpi", (2480, 3508)).save(source, "PNG", dpi=(300, 300))
    row = service.attachments.attach(code, [source], by="an.nv", item=None)
    page = PdfReader(io.BytesIO(service.attachments.open(row["id"]))).pages[0]
    image = page.images[0].image
    assert image.mode == "1" and image.size == (827, 1169)  # brought down to 100 dpi
    assert round(float(page.mediabox.width)) == 595  # still A4 wide
    for bad in ({"capture_dpi": 5000}, {"capture_colour": "sepia"}):
        with pytest.raises(InputError):
            service.settings.update(bad, actor="an.nv")


def test_bad_inputs_are_refused_clearly_and_nothing_is_lost(
    service: CounterService, code: str, tmp_path: Path
) -> None:
    kept = service.attachments.attach(code, [image_file(tmp_path, "ok.png")], by="an.nv", item=1)
    fake = tmp_path / "scan.pdf"
    fake.write_bytes(b"MZ\x90\x00 not a pdf at all")
    encrypted = tmp_path / "locked.pdf"
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("secret")
    with open(encrypted, "wb") as handle:
        writer.write(handle)
    truncated = tmp_path / "cut.png"
    truncated.write_bytes(image_file(tmp_path, "whole.png").read_bytes()[:300])
    broken_pdf = tmp_path / "broken.pdf"
    broken_pdf.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage\n%%EOF")
    huge = tmp_path / "huge.tif"
    with open(huge, "wb") as handle:
        handle.truncate(limits.ATTACHMENT_BYTES_MAX + 1)
    bomb = tmp_path / "bomb.png"
    Image.new("1", (9000, 9000)).save(bomb, "PNG")  # 81 Mpx, a few KB
    expected = {
        fake: "không phải PDF, JPEG, PNG hay TIFF",
        encrypted: "có mật khẩu",
        truncated: "bị hỏng",
        broken_pdf: "PDF bị hỏng",
        huge: "quá lớn",
        bomb: "quá nhiều điểm ảnh",
        tmp_path / "absent.png": "không đọc được",
    }
    for path, words in expected.items():
        with pytest.raises(InputError) as caught:
            service.attachments.attach(code, [image_file(tmp_path, "p.png"), path], by="an.nv")
        assert words in caught.value.message and path.name in caught.value.message
    with pytest.raises(InputError, match="mục giấy tờ số 7"):
        service.attachments.attach(code, [image_file(tmp_path, "x.png")], by="an.nv", item=7)
    with pytest.raises(InputError):
        service.attachments.attach(
            code, [image_file(tmp_path, "x.png")], by="an.nv", kind="result", item=1
        )
    assert [r["id"] for r in service.attachments.list(code)] == [kept["id"]]
    assert list(service.attachments.files().stored()) == [kept["sha256"]]
    assert service.attachments.open(kept["id"])


def test_dossier_limits(service: CounterService, code: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(limits, "ATTACHMENT_PAGES_MAX", 3)
    with pytest.raises(InputError, match="quá nhiều trang"):
        service.attachments.attach(code, [pdf_file(tmp_path, "four.pdf", 4)], by="an.nv")
    draft = service.attachments.new_document()
    draft.add_file("two.pdf", pdf_file(tmp_path, "two.pdf", 2).read_bytes())
    with pytest.raises(InputError, match="tài liệu sẽ có 4 trang"):
        draft.add_file("two.pdf", pdf_file(tmp_path, "two.pdf", 2).read_bytes())
    assert len(draft.pages) == 2
    first = service.attachments.attach(code, draft, by="an.nv", item=1)
    monkeypatch.setattr(limits, "DOSSIER_ATTACHMENTS_BYTES_MAX", first["bytes"] + 10)
    with pytest.raises(InputError, match="Tổng dung lượng"):
        service.attachments.attach(code, [image_file(tmp_path, "more.png")], by="an.nv", item=2)
    assert len(service.attachments.list(code)) == 1


def test_digitisation_state(service: CounterService, code: str, tmp_path: Path) -> None:
    state = service.attachments.digitisation(code)
    assert state.items == 2 and state.missing_items == (1, 2) and not state.submitted_done
    service.attachments.attach(code, [image_file(tmp_path, "1.png")], by="an.nv", item=1)
    service.attachments.attach(code, [image_file(tmp_path, "o.png")], by="an.nv")
    assert service.attachments.undigitised_codes([code]) == [code]
    service.attachments.attach(code, [image_file(tmp_path, "2.png")], by="an.nv", item=2)
    service.attachments.attach(code, [image_file(tmp_path, "r.png")], by="an.nv", kind="result")
    state = service.attachments.digitisation(code)
    assert state.submitted_done and state.result_done and state.others == 1
    assert service.attachments.undigitised_codes([code]) == []


def test_attach_and_remove_are_audited_sealed_and_need_a_reason(
    service: CounterService, code: str, tmp_path: Path
) -> None:
    row = service.attachments.attach(code, [image_file(tmp_path, "a.png")], by="binh.tt", item=1)
    with pytest.raises(InputError, match="lý do"):
        service.attachments.remove(row["id"], by="binh.tt", reason="  ")
    service.attachments.remove(row["id"], by="binh.tt", reason="quét nhầm hồ sơ")
    conn = service.store.read()
    events = conn.execute(
        "SELECT actor, action, entity, detail FROM audit_log WHERE action LIKE 'attachment.%' "
        "ORDER BY id"
    ).fetchall()
    assert [(e["actor"], e["action"], e["entity"]) for e in events] == [
        ("binh.tt", "attachment.add", code),
        ("binh.tt", "attachment.remove", code),
    ]
    details = [json.loads(e["detail"]) for e in events]
    assert {d["sha256"] for d in details} == {row["sha256"]}
    assert details[1]["reason"] == "quét nhầm hồ sơ"
    assert service.attachments.list(code) == []
    assert not service.attachments.files().has(row["sha256"])  # no other row named it
    assert service.audit.verify().ok


def test_an_attachment_row_edited_behind_the_app_is_caught(
    service: CounterService, code: str, tmp_path: Path, data_dir: Path
) -> None:
    service.attachments.attach(code, [image_file(tmp_path, "a.png")], by="an.nv", item=1)
    raw = open_app_db(data_dir / "counter.db", isolation_level=None)
    raw.execute("UPDATE attachments SET sha256 = ? WHERE id = 1", ("0" * 64,))
    raw.close()
    assert row_seals.verify_all(service.store.read())
    result = audit.verify(service.store.read(), audit_key.load(data_dir, create=False))
    assert not result.ok and any("attachments" in p for p in result.problems)


def test_upload_states_for_the_sync_step(
    service: CounterService, code: str, tmp_path: Path
) -> None:
    row = service.attachments.attach(code, [image_file(tmp_path, "a.png")], by="an.nv", item=1)
    assert service.attachments.upload_queue() == []  # its record is not on the portal yet
    with service.store.write() as conn:  # as the push records the portal accepting it
        conn.execute("UPDATE outbox SET state = 'synced'")
    assert [r["id"] for r in service.attachments.upload_queue()] == [row["id"]]
    moving = service.attachments.set_upload_state(row["id"], "uploading", uploaded_bytes=1000)
    assert (moving["upload_state"], moving["uploaded_bytes"]) == ("uploading", 1000)
    refused = service.attachments.set_upload_state(row["id"], "rejected", error="Tệp quá lớn")
    assert refused["upload_error"] == "Tệp quá lớn" and service.attachments.upload_queue() == []
    service.attachments.set_upload_state(row["id"], "pending")
    done = service.attachments.set_upload_state(row["id"], "uploaded", portal_file_ref="F-1")
    assert (done["uploaded_bytes"], done["portal_file_ref"]) == (row["bytes"], "F-1")
    with pytest.raises(InputError):
        service.attachments.set_upload_state(row["id"], "lost")


def test_doctor_finds_missing_and_altered_files(
    service: CounterService, code: str, tmp_path: Path, data_dir: Path
) -> None:
    one = service.attachments.attach(code, [image_file(tmp_path, "a.png")], by="an.nv", item=1)
    two = service.attachments.attach(code, [image_file(tmp_path, "b.png")], by="an.nv", item=2)
    assert doctor.run_doctor(data_dir, check_portal=False).get("attachments").status == "ok"
    files = service.attachments.files()
    files.path(one["sha256"]).unlink()
    altered = files.path(two["sha256"])
    blob = bytearray(altered.read_bytes())
    blob[5000] ^= 0x01
    altered.write_bytes(bytes(blob))
    check = doctor.run_doctor(data_dir, check_portal=False).get("attachments")
    assert check.status == "fail" and "2/2" in check.detail
    assert f"{one['sha256'][:12]}… ({code}): mất" in check.detail
    assert f"{two['sha256'][:12]}… ({code}): bị sửa" in check.detail
    with pytest.raises(AttachmentFileError):
        service.attachments.open(two["id"])


def test_backups_carry_the_documents_and_restore_checks_them(
    data_dir: Path, tmp_path: Path
) -> None:
    from conftest import configure

    service = configure(CounterService.open(data_dir))
    try:
        code = service.intake.receive(intake()).dossier["code"]
        row = service.attachments.attach(code, [image_file(tmp_path, "a.png")], by="an.nv", item=1)
        (tmp_path / "usb").mkdir()
        made = backups.backup_now(service, "manual", to=tmp_path / "usb")
        second = backups.backup_now(service, "manual")  # the pool keeps one copy
        pool = data_dir / "backups" / "attachments" / row["sha256"][:2] / row["sha256"]
        assert pool.is_file() and (tmp_path / "usb" / "attachments").is_dir()
        assert second.path != made.path
        service.attachments.remove(row["id"], by="an.nv", reason="thử khôi phục")
        assert not service.attachments.files().has(row["sha256"])
    finally:
        service.close()
    result = restore.restore(data_dir, made.path)
    assert result.notes == []
    service = CounterService.open(data_dir)
    try:
        assert service.attachments.open(row["id"])  # back, its hash checked
    finally:
        service.close()
    # an altered copy in the pool is refused and named, the rest of the restore goes on
    service = CounterService.open(data_dir)
    try:
        service.attachments.remove(row["id"], by="an.nv", reason="lần hai")
    finally:
        service.close()
    blob = bytearray(pool.read_bytes())
    blob[4500] ^= 0x40
    pool.write_bytes(bytes(blob))
    result = restore.restore(data_dir, made.path)
    assert any("không khôi phục được" in n and row["sha256"][:12] in n for n in result.notes)
    assert doctor.run_doctor(data_dir, check_portal=False).get("attachments").status == "fail"


def test_rekey_re_encrypts_the_documents(
    service: CounterService, code: str, tmp_path: Path
) -> None:
    row = service.attachments.attach(code, [image_file(tmp_path, "a.png")], by="an.nv", item=1)
    backups.backup_now(service, "manual")
    before = service.attachments.files().path(row["sha256"]).read_bytes()
    service.store.rekey(actor="an.nv")
    assert service.attachments.files().path(row["sha256"]).read_bytes() != before
    assert attachment_files.digest(service.attachments.open(row["id"])) == row["sha256"]


def test_cli_attach_and_list(service: CounterService, code: str, tmp_path: Path, capsys) -> None:
    folder = service.store.folder
    service.close()
    png = image_file(tmp_path, "a.png")
    assert run_cli(folder, "attach", code, str(png), "--item", "1") == 0
    assert "1 trang" in capsys.readouterr().out
    assert run_cli(folder, "attach", code, str(png), "--item", "1") == 0
    assert "already attached" in capsys.readouterr().out
    bad = tmp_path / "x.png"
    bad.write_bytes(b"GIF89a....")
    assert run_cli(folder, "attach", code, str(bad), "--other") == 2
    assert "không phải PDF" in capsys.readouterr().err
    assert run_cli(folder, "attach", code, str(png), "--other", user=None) != 0
    capsys.readouterr()
    assert run_cli(folder, "attachments", code, "--format", "json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [a["item"] for a in listed["attachments"]] == [1] and listed["missing_items"] == [2]
    out = tmp_path / "back.pdf"
    assert run_cli(folder, "attachments", code, "--save", "1", str(out)) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert os.path.getsize(out) == listed["attachments"][0]["bytes"]
