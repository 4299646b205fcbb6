"""The intake screen and the dossier detail with the English translation installed."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from conftest import intake
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QTabWidget,
    QWidget,
)

from counter_app.domain.appointments import format_appointment
from counter_app.domain.status import Status
from counter_app.forms.formats import processing_time_text, vnd
from counter_app.gui import i18n
from counter_app.gui.context import AppContext
from counter_app.gui.dossier.detail import DossierDetailDialog
from counter_app.gui.intake import IntakeWidget

SHOTS = os.environ.get("COUNTER_GUI_SHOTS", "")  # a folder: save screenshots there


@pytest.fixture
def english(qapp) -> Iterator[None]:
    if i18n.find_lrelease() is None and not i18n.qm_path().exists():
        pytest.skip("no lrelease and no compiled translation")
    try:
        assert i18n.install_translator("en")
        yield
    finally:
        i18n.install_translator("vi")


@pytest.fixture
def ctx(gui_context) -> AppContext:
    return gui_context("an.nv")


def vietnamese(text: str) -> bool:
    """Vietnamese-only letters: ă â ê ô ơ ư đ or a tone mark (checked on the NFD form)."""
    return bool(re.search(r"[\u0300-\u036f]|[đĐ]", unicodedata.normalize("NFD", text)))


def shown_texts(root: QWidget, skip: Iterable[QWidget] = ()) -> list[tuple[QWidget, str]]:
    """Texts of the labels, buttons, group boxes and tabs that are visible in `root`."""
    skipped = set(skip)
    texts = []
    for child in root.findChildren(QWidget):
        if child in skipped or not child.isVisibleTo(root):
            continue
        if isinstance(child, (QLabel, QAbstractButton)):
            texts.append((child, child.text()))
        elif isinstance(child, QGroupBox):
            texts.append((child, child.title()))
        elif isinstance(child, QTabWidget):
            texts += [(child, child.tabText(i)) for i in range(child.count())]
    return [(w, t) for w, t in texts if t]


def untranslated(texts: list[tuple[QWidget, str]], data: Iterable[str]) -> list[str]:
    """The texts still showing Vietnamese once the data values are taken out."""
    values = sorted({d for d in data if d}, key=len, reverse=True)
    left = []
    for widget, text in texts:
        for value in values:
            text = text.replace(value, "")
        if vietnamese(text):
            left.append(f"{type(widget).__name__} {widget.objectName()!r}: {text!r}")
    return left


def mnemonics(texts: Iterable[str]) -> list[str]:
    letters = []
    for text in texts:
        text = text.replace("&&", "")
        if "&" in text:
            letters.append(text[text.index("&") + 1].lower())
    return letters


def save_shot(widget: QWidget, name: str, tmp_path: Path) -> None:
    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(folder / f"{name}.png"))


def test_intake_and_detail_in_english(english, ctx, service, qtbot, tmp_path) -> None:
    # --- the intake screen, with a procedure chosen (checklist and fees shown)
    widget = IntakeWidget(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: ctx.pending_jobs == 0)
    assert widget.ready
    widget.set_procedure(widget.picker.by_code("1.004873"))
    save_shot(widget, "intake_en", tmp_path)

    labels = {label.buddy(): label.text() for label in widget.findChildren(QLabel)}
    assert labels[widget.applicant.full_name] == "&Full name:"
    assert labels[widget.applicant.birth_date] == "Date of &birth:"
    assert widget.buttons.save.text() == "Save && Print (Ctrl+Enter)"
    assert widget.buttons.supplement.text() == "Re&quest supplement (Form 02)"
    assert widget.buttons.refuse.text() == "Refuse (Form 0&3)"
    assert [widget.applicant.sex.itemText(i) for i in range(widget.applicant.sex.count())] == [
        "(not chosen)",
        "Male",
        "Female",
    ]
    assert widget.picker.appointment_label.text().startswith("Result due: ")

    procedure = widget.procedure
    assert procedure is not None
    fees = widget.fees.state()
    data = [
        procedure["name"],
        procedure.get("field_name") or "",
        *(doc["name"] for doc in widget.checklist.state()),
        *(fee["name"] for fee in fees),
        # Vietnamese from shared formatters that the .ts cannot reach (see the i18n report):
        processing_time_text(procedure.get("processing_time"), procedure.get("time_unit")),
        format_appointment(widget.picker.appointment_due),
        vnd(sum(fee["amount"] for fee in fees)),
    ]
    assert untranslated(shown_texts(widget), data) == []

    # Alt+letters: unique on the screen and clear of the main window's menus.
    letters = mnemonics(
        child.text() for child in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton)
    )
    assert len(letters) == len(set(letters)), sorted(letters)
    menus = ("&Hệ thống", "Hồ &sơ", "Đồng &bộ", "Trợ &giúp")
    menu_letters = mnemonics(QCoreApplication.translate("MainWindow", m) for m in menus)
    assert menu_letters == ["s", "d", "y", "h"]  # &System, &Dossiers, S&ync, &Help
    assert not set(letters) & set(menu_letters)

    # --- the dossier detail
    code = service.intake.receive(intake()).dossier["code"]
    dialog = DossierDetailDialog(ctx, code)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.dossier is not None and not dialog.loading)
    save_shot(dialog, "detail_en", tmp_path)

    assert dialog.windowTitle() == f"Dossier {code}"
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "Dossier &info",
        "Processing &history",
        "&Due date changes (0)",
        "Print &log (0)",
        "Hand-o&vers (0)",
        "Di&gitised documents",
    ]
    assert dialog.actions_box.title() == "Dossier actions"
    assert dialog.action_buttons[Status.PROCESSING].text() == "Start &processing"
    assert dialog.move_button.text() == "&Move due date…"
    assert dialog.close_button.text() == "Close"
    assert dialog.overview.fields["sets"].text() == "1 set(s); at the one-stop counter"
    assert ", officer Nguyễn Văn An" in dialog.overview.fields["received"].text()

    # The value labels hold the dossier's data. Not through tr() yet (see the report): the
    # status name the service returns and the sync state names (detail.SYNC_NAMES).
    skip = [
        *dialog.overview.fields.values(),
        dialog.code_label,
        dialog.status_chip,
        dialog.sync_label,
    ]
    total = sum(fee.get("amount") or 0 for fee in dialog.dossier["fees"])
    assert untranslated(shown_texts(dialog, skip), [vnd(total)]) == []
    tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    letters = mnemonics(tabs + [b.text() for b in dialog.findChildren(QAbstractButton)])
    assert len(letters) == len(set(letters)), sorted(letters)

    # An action's own dialog takes its title and button from the same translation.
    action = dialog.start_action(Status.PROCESSING)
    qtbot.waitUntil(action.isVisible)
    assert action.windowTitle() == "Start processing"
    assert action.submit_button.text() == "Start processing"
    assert action.cancel_button.text() == "Cancel"
    action.reject()
