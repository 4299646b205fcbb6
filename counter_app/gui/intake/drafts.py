"""The intake screen's draft: autosaved while the officer types, offered back on return.

The draft itself is `IntakeForm.to_draft()` with the documents captured so far (their spool
entries, `IntakeCaptures.manifest`) and the intake's reference; `IntakeDrafts` is the glue:
the debounce timer, whose draft it is (it stays with the officer across sign-outs), and the
offer banner's restore/discard. Filling the screen from a draft is `IntakeWidget.apply_state`
(and `IntakeCaptures.restore` for its documents).

The reference (`reference`, one per intake, kept in the draft) is the dossier's
client_reference: a dossier saved just before a crash, whose draft then comes back, is found
again when saved a second time instead of being recorded twice (services/intake.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject, QTimer

from counter_app.domain import clock
from counter_app.gui.intake.banners import DraftBanner
from counter_app.gui.intake.fields import escape
from counter_app.gui.operations import intake as ops
from counter_app.gui.widgets.messages import error_text
from counter_app.services.drafts import CAPTURES, OPEN_CAPTURE
from counter_app.services.intake_form import IntakeForm

if TYPE_CHECKING:
    from counter_app.gui.intake.page import IntakeWidget

DRAFT_DELAY_MS = 500
REFERENCE = "intake_ref"  # the draft's key of the intake's reference


def new_reference() -> str:
    return f"intake:{uuid.uuid4().hex}"


def _dmy(stored: str) -> str:
    return f"{stored[8:10]}/{stored[5:7]}/{stored[0:4]}" if len(stored) >= 10 else stored


class IntakeDrafts(QObject):
    """Autosave and the draft offer of one intake screen (its parent)."""

    def __init__(self, page: IntakeWidget, banner: DraftBanner, owner: str) -> None:
        super().__init__(page)
        self.banner = banner
        self.owner = owner  # whose draft the form is (stays across sign-out)
        self.offer: dict[str, Any] | None = None  # a draft shown in the banner, not restored
        self.saves = 0  # drafts written (for diagnostics and tests)
        self.reference = new_reference()  # the intake on screen: its dossier's client_reference
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DRAFT_DELAY_MS)
        self.timer.timeout.connect(self.save_now)
        banner.restore_button.clicked.connect(self.restore)
        banner.discard_button.clicked.connect(self.discard)

    @property
    def page(self) -> IntakeWidget:
        return cast("IntakeWidget", self.parent())  # no reference cycle through the page

    def schedule(self) -> None:
        """Something changed: write the draft soon.

        Not restarted by further typing: the draft is written at most DRAFT_DELAY_MS
        after the first unsaved change, so steady typing cannot postpone it.
        """
        if self.offer is None and not self.timer.isActive():
            self.timer.start()

    def flush(self) -> None:
        """Write a pending draft now (call before the background thread shuts down)."""
        if self.timer.isActive():
            self.save_now()

    def save_now(self, on_saved: Callable[[None], Any] | None = None) -> None:
        """Write the draft now (the debounce timer calls this); `on_saved` once it is."""
        self.timer.stop()
        page = self.page
        if self.offer is not None or not self.owner or page.busy:
            return
        officer = self.owner
        form = page.form()
        if form.is_empty():
            ops.clear_draft(ctx=page.ctx, parent=None, officer=officer).run_in_background()
            return
        draft = form.to_draft()
        draft["saved_at"] = clock.to_storage(clock.now())
        draft[CAPTURES] = page.captures.manifest()
        draft[REFERENCE] = self.reference

        def saved(_none: None) -> None:
            self.saves += 1
            if on_saved is not None:
                on_saved(None)

        def failed(exc: BaseException) -> None:
            self.page.show_message(
                self.tr("Không lưu được bản nháp: {error}").format(error=error_text(exc)),
                error=True,
            )

        ops.save_draft(
            ctx=page.ctx,
            parent=page,
            officer=officer,
            draft=draft,
            on_saved=saved,
            on_failed=failed,
        )

    def forget_saved(self) -> None:
        """The dossier was saved: its draft and captured documents go; the next intake is a
        new one."""
        self.reference = new_reference()
        ops.clear_draft(
            ctx=self.page.ctx, parent=None, officer=self.owner, spool=True
        ).run_in_background()

    def reset(self, owner: str) -> None:
        """Another officer's form (or nobody's): nothing pending, nothing offered."""
        self.timer.stop()
        self.owner = owner
        self.offer = None
        self.reference = new_reference()
        self.banner.hide()

    # ------------------------------------------------------------------ the offer
    def offer_if_any(self, draft: dict[str, Any] | None) -> None:
        """Offer the officer's draft back; a capture left open with no form to offer
        reopens at once (on a row of its own)."""
        if draft and not IntakeForm.from_draft(draft).is_empty():
            self._offer(draft)
        elif draft and draft.get(OPEN_CAPTURE) is not None:
            self.page.captures.reopen(draft[OPEN_CAPTURE])

    def _offer(self, draft: dict[str, Any]) -> None:
        self.offer = draft
        who = draft.get("full_name") or self.tr("(chưa có họ tên)")
        procedure = self.page.picker.by_code(draft.get("procedure_code") or "")
        when = draft.get("saved_at") or draft.get("_updated_at") or ""
        details = who + (f" — {procedure['name']}" if procedure else "")
        if when:
            details += self.tr(", lưu lúc {when}").format(when=when[11:16] + " " + _dmy(when))
        self.banner.text.setText(
            self.tr("<b>Khôi phục hồ sơ đang nhập dở?</b> {details}").format(
                details=escape(details)
            )
        )
        self.banner.show()
        self.banner.restore_button.setFocus()

    def restore(self) -> None:
        draft = self.offer
        if draft is None:
            return
        self.offer = None
        self.banner.hide()
        page = self.page
        self.reference = str(draft.get(REFERENCE) or self.reference)
        lost = page.captures.restore(draft)
        page.apply_state(draft)
        if lost:
            page.show_message(
                self.tr(
                    "Đã khôi phục hồ sơ đang nhập dở; {n} tài liệu số hóa không đọc lại được, "
                    "cần số hóa lại."
                ).format(n=lost),
                error=True,
            )
        else:
            page.show_message(self.tr("Đã khôi phục hồ sơ đang nhập dở."))
        page.applicant.full_name.setFocus()
        page.captures.reopen(draft.get(OPEN_CAPTURE))

    def discard(self) -> None:
        if self.offer is None:
            return
        self.offer = None
        self.banner.hide()
        page = self.page
        ops.clear_draft(
            ctx=page.ctx, parent=None, officer=self.owner, spool=True
        ).run_in_background()
        if not page.is_empty():
            self.schedule()
        page.applicant.full_name.setFocus()
