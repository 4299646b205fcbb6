"""Documents captured at intake (issue 16): the capture spool that keeps them across a crash,
and the save that records a dossier and its documents in ONE transaction — real data folders."""

from __future__ import annotations

import io
import os
import stat
import time
from pathlib import Path

import pytest
from conftest import intake, open_app_db
from PIL import Image, ImageDraw

from counter_app.capture.pages import DocumentDraft
from counter_app.domain import limits
from counter_app.ops import doctor
from counter_app.services import CounterService, InputError
from counter_app.services.attachments import Capture
from counter_app.services.drafts import CAPTURED, CAPTURES, CAPTURES_LOST
from counter_app.store import capture_spool

OFFICER = "an.nv"


def png(text: str) -> bytes:
    image = Image.new("L", (600, 800), 255)
    ImageDraw.Draw(image).text((40, 40), text, fill=0)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(100, 100))
    return buffer.getvalue()


def document(service: CounterService, *texts: str) -> DocumentDraft:
    draft = service.attachments.new_document()
    draft.add_files((f"{t}.png", png(t)) for t in texts)
    return draft


def counts(folder: Path) -> tuple[int, int, int]:
    """Dossiers, attachment rows and audit records of attachments, read from the file."""
    conn = open_app_db(folder / "counter.db", isolation_level=None)
    try:
        return (
            conn.execute("SELECT count(*) FROM dossiers").fetchone()[0],
            conn.execute("SELECT count(*) FROM attachments").fetchone()[0],
            conn.execute(
                "SELECT count(*) FROM audit_log WHERE action = 'attachment.add'"
            ).fetchone()[0],
        )
    finally:
        conn.close()


def test_a_spooled_document_comes_back_with_the_draft(service: CounterService) -> None:
    entry = service.drafts.spool(OFFICER, document(service, "mot", "hai"))
    assert entry["pages"] == 2 and entry["source"] == "file"
    service.drafts.save(OFFICER, {"full_name": "A", CAPTURES: {"k1": entry}})
    spool = capture_spool.root(service.store.folder)
    files = list(spool.rglob("*"))
    assert files and all(
        stat.S_IMODE(p.stat().st_mode) == (0o700 if p.is_dir() else 0o600) for p in files
    )
    # Encrypted at rest: no PDF header anywhere in the spool.
    assert not any(p.is_file() and b"%PDF" in p.read_bytes() for p in files)

    service.close()
    again = CounterService.open(service.store.folder)
    try:
        draft = again.drafts.load(OFFICER)
        assert draft is not None and draft[CAPTURES_LOST] == 0
        restored = draft[CAPTURED]["k1"]
        assert len(restored.pages) == 2 and restored.source == "file"
        assert restored.to_pdf().pages == 2
    finally:
        again.close()


def test_the_spool_follows_the_draft_and_goes_with_the_save(service: CounterService) -> None:
    one = service.drafts.spool(OFFICER, document(service, "mot"))
    two = service.drafts.spool(OFFICER, document(service, "hai"))
    spool = capture_spool.files(service.store.folder, service.store.key, OFFICER)
    service.drafts.save(OFFICER, {"full_name": "A", CAPTURES: {"a": one, "b": two}})
    assert sorted(spool.stored()) == sorted([one["sha256"], two["sha256"]])
    # No longer named (captured again): kept, as one being spooled is not named yet.
    service.drafts.save(OFFICER, {"full_name": "A", CAPTURES: {"a": one}})
    assert len(list(spool.stored())) == 2
    service.drafts.clear(OFFICER)  # an emptied form (Ctrl+N can undo): the spool stays
    assert len(list(spool.stored())) == 2
    service.drafts.clear(OFFICER, spool=True)
    assert list(spool.stored()) == []


def test_a_lost_spool_file_is_counted_not_fatal(service: CounterService) -> None:
    entry = service.drafts.spool(OFFICER, document(service, "mot"))
    service.drafts.save(OFFICER, {"full_name": "A", CAPTURES: {"a": entry}})
    capture_spool.files(service.store.folder, service.store.key, OFFICER).remove(entry["sha256"])
    draft = service.drafts.load(OFFICER)
    assert draft is not None and draft[CAPTURED] == {} and draft[CAPTURES_LOST] == 1
    assert draft["full_name"] == "A"


def test_orphans_older_than_n_days_are_cleaned_and_doctor_names_them(
    service: CounterService,
) -> None:
    named = service.drafts.spool(OFFICER, document(service, "mot"))
    service.drafts.save(OFFICER, {"full_name": "A", CAPTURES: {"a": named}})
    stray = service.drafts.spool("binh.tt", document(service, "hai"))  # no draft names it
    old = time.time() - (capture_spool.ORPHAN_DAYS + 1) * capture_spool.DAY_SECONDS
    stray_path = capture_spool.files(service.store.folder, None, "binh.tt").path(stray["sha256"])
    assert [o.path for o in service.drafts.spool_orphans()] == [stray_path]
    assert service.drafts.clean_spool() == 0  # young: kept (a crash of today)
    check = doctor.run_doctor(service.store.folder, check_portal=False).get("attachments")
    assert check.status == "ok" and "2 tài liệu đang chờ trong capture_spool/" in check.detail
    assert "1 tệp không bản nháp nào dùng" in check.detail
    for path in capture_spool.root(service.store.folder).rglob("*"):
        os.utime(path, (old, old))
    assert service.drafts.clean_spool() == 1
    assert not stray_path.exists() and not stray_path.parent.parent.exists()
    assert service.drafts.load(OFFICER)[CAPTURED]["a"].pages  # a named one stays, however old


def test_a_dossier_and_its_documents_are_saved_in_one_transaction(
    service: CounterService,
) -> None:
    captures = [
        Capture(document(service, "to khai"), 1, ""),
        Capture(document(service, "cccd", "mat sau"), 2, "CCCD"),
        Capture(document(service, "uy quyen"), None, "Giấy ủy quyền"),
    ]
    result = service.intake.receive(intake(client_reference="intake:abc"), captures=captures)
    assert result.attached == 3
    rows = service.attachments.list(result.dossier["code"])
    assert [(r["item"], r["label"], r["pages"]) for r in rows] == [
        (1, result.dossier["documents"][0]["name"], 1),
        (2, "CCCD", 2),
        (None, "Giấy ủy quyền", 1),
    ]
    assert counts(service.store.folder) == (1, 3, 3)
    assert service.audit.verify().ok
    assert doctor.run_doctor(service.store.folder, check_portal=False).ok
    # A re-run of the same save (a crash after its commit): found, nothing written twice.
    again = service.intake.receive(intake(client_reference="intake:abc"), captures=captures)
    assert again.already_received and again.dossier["code"] == result.dossier["code"]
    assert counts(service.store.folder) == (1, 3, 3)
    assert len(list(service.attachments.files().stored())) == 3


@pytest.mark.parametrize("problem", ["empty", "too big", "no such item", "too many"])
def test_a_document_that_cannot_be_stored_refuses_the_whole_save(
    service: CounterService, monkeypatch, problem: str
) -> None:
    good = Capture(document(service, "mot"), 1, "")
    bad = {
        "empty": [good, Capture(service.attachments.new_document(), 2, "")],
        "too big": [good, Capture(document(service, "hai"), 2, "")],
        "no such item": [good, Capture(document(service, "hai"), 9, "")],
        "too many": [good, good],
    }[problem]
    if problem == "too big":
        monkeypatch.setattr(limits, "DOSSIER_ATTACHMENTS_BYTES_MAX", 1000)
    if problem == "too many":
        monkeypatch.setattr(limits, "DOSSIER_ATTACHMENTS_MAX", 1)
    with pytest.raises(InputError) as refused:
        service.intake.receive(intake(), captures=bad)
    assert refused.value.field in ("pages", "attachments")
    assert counts(service.store.folder) == (0, 0, 0)
    monkeypatch.undo()
    assert service.intake.receive(intake(), captures=bad[:1]).attached == 1


def test_a_refusal_at_reception_keeps_its_documents_too(service: CounterService) -> None:
    result = service.intake.receive_with_status(
        intake(),
        3,
        by=OFFICER,
        reason="Thiếu giấy tờ",
        captures=[Capture(document(service, "mot"), None, "")],
    )
    rows = service.attachments.list(result.dossier["code"])
    assert result.attached == 1 and rows[0]["label"] == "Giấy tờ khác"


def test_the_same_document_twice_on_a_row_is_stored_once(service: CounterService) -> None:
    draft = document(service, "mot")
    result = service.intake.receive(intake(), captures=[Capture(draft, 1), Capture(draft, 1)])
    assert result.attached == 1
    assert len(list(service.attachments.files().stored())) == 1


def test_rekey_re_encrypts_the_spool(service: CounterService) -> None:
    entry = service.drafts.spool(OFFICER, document(service, "mot"))
    service.drafts.save(OFFICER, {"full_name": "A", CAPTURES: {"a": entry}})
    old = service.store.key
    service.store.rekey(actor=OFFICER)
    assert service.store.key != old
    draft = service.drafts.load(OFFICER)
    assert draft is not None and draft[CAPTURES_LOST] == 0 and draft[CAPTURED]["a"].pages
    stale = capture_spool.files(service.store.folder, old, OFFICER)
    assert stale.check(entry["sha256"]) == "altered"  # the old key opens it no more
