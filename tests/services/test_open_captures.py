"""A capture dialog still open when the app dies (issue 16): its files spooled as they come in,
its layout written after every edit, brought back by a new process — real data folders."""

from __future__ import annotations

import os
import time

from conftest import intake
from PIL import Image, ImageDraw

from counter_app.capture import sources
from counter_app.ops import doctor
from counter_app.services import CounterService
from counter_app.services.drafts import CAPTURES, OPEN_CAPTURE
from counter_app.services.open_captures import FOR_DOSSIER, OpenCapture
from counter_app.store import capture_spool, drafts
from counter_app.store.drafts import CAPTURE

OFFICER = "an.nv"


def png_file(folder, name: str, text: str):
    image = Image.new("L", (500, 700), 255)
    ImageDraw.Draw(image).text((40, 40), text, fill=0)
    path = folder / name
    image.save(path, "PNG", dpi=(100, 100))
    return path


def tiff_file(folder, name: str, frames: int = 3):
    pictures = [Image.new("L", (300, 400), 40 + 60 * i) for i in range(frames)]
    path = folder / name
    pictures[0].save(path, "TIFF", save_all=True, append_images=pictures[1:])
    return path


def spool_of(service: CounterService):
    return capture_spool.files(service.store.folder, service.store.key, OFFICER, CAPTURE)


def test_pages_and_edits_come_back_in_a_new_process(service: CounterService, tmp_path) -> None:
    capture = OpenCapture.at_intake(OFFICER, "row-1", "Tờ khai")
    a, b = png_file(tmp_path, "a.png", "mot"), tiff_file(tmp_path, "b.tif")
    draft, taken = service.open_captures.take(capture, None, sources.FileList([a, b]))
    assert len(draft.pages) == 4 and [f.name for f in taken] == ["a.png", "b.tif"]
    assert len(list(spool_of(service).stored())) == 2  # the files, as they came
    # The same file again: stored once, a take of its own.
    draft, _ = service.open_captures.take(capture, draft, sources.FileList([a]))
    assert len(list(spool_of(service).stored())) == 2
    draft.rotate(2, 90)
    draft.move(4, 0)
    draft.remove(3)
    service.open_captures.record(capture, draft.layout(), draft.used_files())
    expected = draft.to_pdf().pdf
    # Encrypted at rest: no PNG/TIFF signature in the spool.
    for path in capture_spool.root(service.store.folder).rglob("*"):
        assert not path.is_file() or b"\x89PNG" not in path.read_bytes()

    folder = service.store.folder
    service.close()
    again = CounterService.open(folder)
    try:
        recovered = again.open_captures.recover(OFFICER)
        assert recovered is not None and recovered.lost == 0
        assert recovered.capture == capture  # where, and the same session
        assert recovered.draft.to_pdf().pdf == expected
        # At intake it comes with the officer's draft, even with no form to offer.
        loaded = again.drafts.load(OFFICER)
        assert loaded[OPEN_CAPTURE].draft.layout() == recovered.draft.layout()
        assert again.open_captures.recover(OFFICER, at=FOR_DOSSIER) is None
        # Doctor counts it.
        check = doctor.run_doctor(folder, check_portal=False).get("attachments")
        assert check.status == "ok" and "1 lần số hóa đang mở dở (4 trang" in check.detail
        assert "không bản nháp nào dùng" not in check.detail  # its files are not orphans
        assert again.drafts.clean_spool(max_age_days=0.5) == 0  # young: kept
        # Cancelled: the row and its files go.
        assert again.open_captures.clear(recovered.capture)
        assert again.open_captures.recover(OFFICER) is None
        assert capture_spool.spooled(folder, CAPTURE) == 0
    finally:
        again.close()


def test_an_open_capture_is_not_an_intake_draft(service: CounterService, tmp_path) -> None:
    capture = OpenCapture.at_intake(OFFICER, "row-1", "Tờ khai")
    service.open_captures.take(capture, None, sources.FileList([png_file(tmp_path, "a.png", "x")]))
    assert drafts.load_draft(service, OFFICER) is None
    assert drafts.all_drafts(service.store.read()) == []
    assert [o for o, _ in drafts.all_drafts(service.store.read(), CAPTURE)] == [OFFICER]
    service.drafts.save(OFFICER, {"full_name": "A"})
    assert [o for o, _ in drafts.all_drafts(service.store.read())] == [OFFICER]
    # Discarding (or saving) the intake draft takes the capture open at intake with it.
    service.drafts.clear(OFFICER, spool=True)
    assert service.open_captures.pending(OFFICER) is None


def test_a_later_dialog_is_not_cleared_by_an_earlier_one(service: CounterService, tmp_path) -> None:
    first = OpenCapture.at_intake(OFFICER, "row-1", "Tờ khai")
    second = OpenCapture.at_intake(OFFICER, "row-2", "CCCD")
    service.open_captures.take(first, None, sources.FileList([png_file(tmp_path, "a.png", "x")]))
    service.open_captures.take(second, None, sources.FileList([png_file(tmp_path, "b.png", "y")]))
    assert not service.open_captures.clear(first)  # its keep was confirmed late
    recovered = service.open_captures.recover(OFFICER)
    assert recovered is not None and recovered.capture.key == "row-2"
    assert len(recovered.draft.pages) == 1


def test_unreadable_files_are_counted_as_lost_pages(service: CounterService, tmp_path) -> None:
    capture = OpenCapture.at_intake(OFFICER, "row-1", "Tờ khai")
    files = sources.FileList([png_file(tmp_path, "a.png", "x"), tiff_file(tmp_path, "b.tif")])
    draft, _ = service.open_captures.take(capture, None, files)
    spool_of(service).remove(draft.pages[1].file)
    recovered = service.open_captures.recover(OFFICER)
    assert recovered is not None and recovered.lost == 3 and len(recovered.draft.pages) == 1
    # All lost: still offered, so that the officer is told.
    spool_of(service).remove(draft.pages[0].file)
    recovered = service.open_captures.recover(OFFICER)
    assert recovered is not None and recovered.lost == 4 and not recovered.draft.pages


def test_a_refused_file_or_a_failed_spool_leaves_the_draft_as_it_was(
    service: CounterService, tmp_path, monkeypatch
) -> None:
    capture = OpenCapture.at_intake(OFFICER, "row-1", "Tờ khai")
    draft, _ = service.open_captures.take(
        capture, None, sources.FileList([png_file(tmp_path, "a.png", "x")])
    )
    layout = draft.layout()

    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(type(spool_of(service)), "put", full_disk)
    try:
        service.open_captures.take(
            capture, draft, sources.FileList([png_file(tmp_path, "b.png", "y")])
        )
    except OSError:
        pass
    else:
        raise AssertionError("the spool's failure was not raised")
    assert draft.layout() == layout and len(draft.files) == 1
    monkeypatch.undo()
    assert service.open_captures.recover(OFFICER).draft.layout() == layout


def test_a_capture_already_kept_is_cleared_not_offered(service: CounterService, tmp_path) -> None:
    # At intake: the intake draft names the very PDF (a kill after the keep, before the clear).
    capture = OpenCapture.at_intake(OFFICER, "row-1", "Tờ khai")
    draft, _ = service.open_captures.take(
        capture, None, sources.FileList([png_file(tmp_path, "a.png", "x")])
    )
    entry = service.drafts.spool(OFFICER, draft)
    service.drafts.save(OFFICER, {"full_name": "A", CAPTURES: {"row-1": entry}})
    assert service.drafts.load(OFFICER)[OPEN_CAPTURE] is None
    assert service.open_captures.pending(OFFICER) is None
    # For a dossier: the dossier holds the very PDF as that kind and item.
    code = service.intake.receive(intake()).dossier["code"]
    capture = OpenCapture.for_dossier(OFFICER, code, kind="submitted", item=1, label="Tờ khai")
    draft, _ = service.open_captures.take(
        capture, None, sources.FileList([png_file(tmp_path, "b.png", "y")])
    )
    other = OpenCapture.for_dossier(OFFICER, code, kind="submitted", item=2, label="CCCD")
    service.open_captures.record(other, draft.layout(), draft.used_files())  # another item
    service.attachments.attach(code, draft, by=OFFICER, item=1)
    assert service.open_captures.recover(OFFICER) is not None  # item 2 does not hold it
    service.open_captures.record(capture, draft.layout(), draft.used_files())
    assert service.open_captures.recover(OFFICER, at=FOR_DOSSIER) is None
    assert service.open_captures.pending(OFFICER) is None


def test_stale_open_captures_are_cleaned_like_orphans(service: CounterService, tmp_path) -> None:
    capture = OpenCapture.at_intake(OFFICER, "row-1", "Tờ khai")
    service.open_captures.take(capture, None, sources.FileList([png_file(tmp_path, "a.png", "x")]))
    days = capture_spool.ORPHAN_DAYS + 1
    with service.store.write() as conn:
        conn.execute(
            "UPDATE drafts SET updated_at = datetime(updated_at, ?) WHERE id = ?",
            (f"-{days} days", drafts.draft_id(OFFICER, CAPTURE)),
        )
    old = time.time() - days * capture_spool.DAY_SECONDS
    for path in capture_spool.root(service.store.folder).rglob("*"):
        os.utime(path, (old, old))
    check = doctor.run_doctor(service.store.folder, check_portal=False).get("attachments")
    assert f"1 quá {capture_spool.ORPHAN_DAYS} ngày sẽ tự xóa" in check.detail
    assert service.drafts.clean_spool() == 1
    assert service.open_captures.pending(OFFICER) is None
    assert capture_spool.spooled(service.store.folder, CAPTURE) == 0


def test_rekey_re_encrypts_open_capture_files(service: CounterService, tmp_path) -> None:
    capture = OpenCapture.at_intake(OFFICER, "row-1", "Tờ khai")
    draft, _ = service.open_captures.take(
        capture, None, sources.FileList([png_file(tmp_path, "a.png", "x")])
    )
    service.store.rekey(actor=OFFICER)
    recovered = service.open_captures.recover(OFFICER)
    assert recovered is not None and recovered.lost == 0
    assert recovered.draft.to_pdf().pdf == draft.to_pdf().pdf
