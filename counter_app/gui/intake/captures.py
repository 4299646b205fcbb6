"""The documents digitised at intake, before the dossier exists (issue 16).

Each checklist row (a procedure's document or a "Giấy tờ khác" row) can have one captured
document: 📷 on the row or F8 from it opens the capture dialog; the row then shows its page
count. The drafts live here, keyed by the row's `capture` key (a row's state carries it, so
a checklist rebuilt from its state, a Ctrl+N undo or a refused save keeps them), and go to
the dossier in its own transaction ("Lưu & In", supplement, refusal): `for_save()`.

They survive a crash or power cut: each document kept in the dialog is written at once, off
the GUI thread, to the officer's capture spool (store/capture_spool.py: the PDF it will be
stored as, encrypted with the folder's key), and its entry (`spooled`) goes into the intake
draft the screen autosaves. When the draft is offered back and restored, `restore` puts the
documents back on their rows with their page counts. The spool goes with the draft once the
dossier is saved or the draft discarded (services/drafts.py).

The dialog still open is kept too (services/open_captures.py: its files and layout as they
come in and after every edit, with the row's capture key, given to the row when the dialog
opens): restored with the draft (or found with no draft to offer), it reopens on its row with
its pages and a message, and the officer keeps or cancels (`reopen`). Its open capture goes
once the kept document is named by a saved draft, or on cancel. What is lost at worst: the
page being scanned or read when the app died (not shown yet), or a step done in the last
instant before (the layout written just before it comes back).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication

from counter_app.capture.pages import DocumentDraft
from counter_app.gui.capture.dialog import CaptureDialog, open_capture
from counter_app.gui.operations import alive
from counter_app.gui.operations import attachments as attachment_ops
from counter_app.gui.operations import intake as ops
from counter_app.gui.widgets.messages import error_text
from counter_app.services.attachments import OTHER_LABEL, Capture
from counter_app.services.drafts import CAPTURED, CAPTURES, CAPTURES_LOST
from counter_app.services.open_captures import OpenCapture, Recovered

if TYPE_CHECKING:
    from counter_app.gui.intake.page import IntakeWidget


class IntakeCaptures(QObject):
    """The captured documents of one intake screen (its parent)."""

    def __init__(self, page: IntakeWidget) -> None:
        super().__init__(page)
        self.drafts: dict[str, DocumentDraft] = {}
        self.spooled: dict[str, dict[str, Any]] = {}  # capture key -> its entry in the spool
        self._dialog: CaptureDialog | None = None
        checklist = page.checklist
        checklist.capture_asked.connect(self.capture)
        checklist.rows_changed.connect(self.show_marks)
        shortcut = QShortcut(QKeySequence("F8"), checklist, self.capture_focused_row)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    @property
    def page(self) -> IntakeWidget:
        return cast("IntakeWidget", self.parent())

    @property
    def dialog(self) -> CaptureDialog | None:
        return self._dialog if self._dialog is not None and alive(self._dialog) else None

    def capture_focused_row(self) -> None:
        """F8: the row holding the focus, else the first row without a document."""
        checklist = self.page.checklist
        index = checklist.row_of(QApplication.focusWidget())
        if index < 0:
            index = next(
                (i for i, r in enumerate(checklist.rows) if r.capture_key not in self.drafts), -1
            )
        if index >= 0:
            self.capture(index)

    def capture(self, index: int, *, recovered: Recovered | None = None) -> CaptureDialog | None:
        """The capture dialog for row `index` (with `recovered`: the one a crash left open)."""
        page = self.page
        if page.busy or not 0 <= index < len(page.checklist.rows):
            return None
        row = page.checklist.rows[index]
        label = row.name or OTHER_LABEL
        if not row.capture_key:  # the open capture names its row from the start
            row.capture_key = uuid.uuid4().hex
            page.form_changed()
        key = row.capture_key
        officer = page.drafts.owner
        capture = OpenCapture.at_intake(officer, key, label) if officer else None
        if recovered is not None:
            capture = recovered.capture  # the same open capture goes on

        def kept(draft: DocumentDraft | None) -> None:
            if draft is None or not alive(row.capture):
                return
            row.capture_key = key
            self.drafts[key] = draft
            row.check.setChecked(True)  # its document is here
            page.checklist.show_captured(row, len(draft.pages))
            row.capture.setFocus()
            self._spool(key, draft, capture)
            page.form_changed()

        draft = recovered.draft if recovered is not None else self.drafts.get(key)
        self._dialog = open_capture(
            page.ctx, label, page, draft=draft, on_kept=kept, capture=capture
        )
        if recovered is not None:
            self._dialog.show_recovered(len(recovered.draft.pages), recovered.lost)
        return self._dialog

    def reopen(self, recovered: Recovered | None) -> CaptureDialog | None:
        """The capture a crash left open: its dialog again, on its row (found by its capture
        key; else a "Giấy tờ khác" row of its label is added)."""
        if recovered is None:
            return None
        checklist = self.page.checklist
        key = recovered.capture.key
        index = next((i for i, r in enumerate(checklist.rows) if r.capture_key == key), -1)
        if index < 0:
            label = recovered.capture.label
            checklist.add_row(
                {"name": "" if label == OTHER_LABEL else label, "custom": True, "capture": key}
            )
            index = len(checklist.rows) - 1
        return self.capture(index, recovered=recovered)

    def _spool(self, key: str, draft: DocumentDraft, capture: OpenCapture | None) -> None:
        """Write the document kept for row `key` to the spool; the draft then names it, and
        once that draft is saved the dialog's open capture goes."""
        page = self.page
        officer = page.drafts.owner  # its earlier version stays named until this one is in
        if not officer:
            return

        def safe(_none: None) -> None:
            if capture is not None:
                attachment_ops.clear_open_capture(
                    ctx=page.ctx, parent=None, capture=capture
                ).failure(lambda _exc: None).run_in_background()

        def done(entry: dict[str, Any]) -> None:
            if self.drafts.get(key) is draft:  # not edited again, saved or forgotten since
                self.spooled[key] = entry
                page.drafts.save_now(on_saved=safe)

        def failed(exc: BaseException) -> None:
            page.show_message(
                self.tr(
                    "Chưa lưu tạm được tài liệu số hóa (sẽ mất nếu máy tắt đột ngột): {error}"
                ).format(error=error_text(exc)),
                error=True,
            )

        op = ops.spool_capture(ctx=page.ctx, parent=self, officer=officer, draft=draft)
        op.success(done).failure(failed).run_in_background()

    def manifest(self) -> dict[str, dict[str, Any]]:
        """What the draft names: the spool entry of every document kept here."""
        return {key: dict(entry) for key, entry in self.spooled.items() if key in self.drafts}

    def restore(self, draft: dict[str, Any]) -> int:
        """A draft restored: its documents brought back from the spool (services/drafts.py
        `load`) are this screen's again; how many named ones could not be read."""
        documents = draft.get(CAPTURED) or {}
        entries = draft.get(CAPTURES) or {}
        self.drafts = dict(documents)
        self.spooled = {k: dict(entries[k]) for k in documents if k in entries}
        self.show_marks()
        return int(draft.get(CAPTURES_LOST) or 0)

    def show_marks(self) -> None:
        """The checklist was rebuilt: each row shows its document again."""
        checklist = self.page.checklist
        for row in checklist.rows:
            draft = self.drafts.get(row.capture_key)
            checklist.show_captured(row, len(draft.pages) if draft else 0)

    def for_save(self) -> list[Capture]:
        """The documents to store with the dossier, each with its checklist position (the
        rows recorded are the ticked, named ones, numbered from 1) or as "Giấy tờ khác"."""
        captures = []
        position = 0
        for row in self.page.checklist.rows:
            recorded = row.check.isChecked() and bool(row.name)
            position += recorded
            draft = self.drafts.get(row.capture_key)
            if draft is None or not draft.pages:
                continue
            if recorded:
                captures.append(Capture(draft, position, row.name))
            else:
                captures.append(Capture(draft, None, row.name or OTHER_LABEL))
        return captures

    def count(self) -> int:
        return len(self.for_save())

    def forget(self) -> None:
        """The dossier was saved with them (or another officer's form): none is kept here
        (the spool keeps those of a draft not saved: `restore` brings them back)."""
        self.drafts = {}
        self.spooled = {}
