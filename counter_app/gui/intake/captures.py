"""The documents digitised at intake, before the dossier exists (issue 16).

Each checklist row (a procedure's document or a "Giấy tờ khác" row) can have one captured
document: 📷 on the row or F8 from it opens the capture dialog; the row then shows its page
count. The drafts live here, keyed by the row's `capture` key (a row's state carries it, so
a checklist rebuilt from its state, a Ctrl+N undo or a refused save keeps them), and go to
the dossier in the same save ("Lưu & In", supplement, refusal): `for_save()`.

They are kept in memory only: a crash or power cut loses the captured pages (the typed form
comes back from its draft; the files chosen or the scans in the scan folder are still there).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication

from counter_app.capture.pages import DocumentDraft
from counter_app.gui.capture.dialog import CaptureDialog, open_capture
from counter_app.gui.operations import alive
from counter_app.gui.operations.attachments import Capture
from counter_app.services.attachments import OTHER_LABEL

if TYPE_CHECKING:
    from counter_app.gui.intake.page import IntakeWidget


class IntakeCaptures(QObject):
    """The captured documents of one intake screen (its parent)."""

    def __init__(self, page: IntakeWidget) -> None:
        super().__init__(page)
        self.drafts: dict[str, DocumentDraft] = {}
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

    def capture(self, index: int) -> CaptureDialog | None:
        page = self.page
        if page.busy or not 0 <= index < len(page.checklist.rows):
            return None
        row = page.checklist.rows[index]
        label = row.name or OTHER_LABEL

        def kept(draft: DocumentDraft | None) -> None:
            if draft is None or not alive(row.capture):
                return
            key = row.capture_key or uuid.uuid4().hex
            row.capture_key = key
            self.drafts[key] = draft
            row.check.setChecked(True)  # its document is here
            page.checklist.show_captured(row, len(draft.pages))
            row.capture.setFocus()
            page.form_changed()

        self._dialog = open_capture(
            page.ctx, label, page, draft=self.drafts.get(row.capture_key), on_kept=kept
        )
        return self._dialog

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
        """The dossier was saved with them (or another officer's form): none is kept."""
        self.drafts = {}
