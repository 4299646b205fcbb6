"""Qt's own dialogs in a Vietnamese interface: the print and save dialogs the preview opens
speak Vietnamese (resources/i18n/qtbase_vi.ts), and cancelling them records nothing."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import intake
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTabWidget,
    QWidget,
)

from counter_app.forms.registry import FORMS
from counter_app.gui import i18n
from counter_app.gui.dialogs.preview import PreviewDialog, open_logged_preview

SHOTS = Path(os.environ.get("COUNTER_GUI_SHOTS", "") or "")

# What Qt's dialogs say in English when no translation is loaded: must never be seen.
ENGLISH = {
    "Printer", "Name:", "Properties", "Location:", "Type:", "Output file:", "Print", "Cancel",
    "Options >>", "Options <<", "Copies", "Copies:", "Print range", "Print all", "Pages from",
    "Collate", "Reverse", "Color", "Grayscale", "Look in:", "File name:", "Files of type:",
    "Save", "Open", "Name", "Size", "Date Modified", "Print to File (PDF)", "Page", "Advanced",
}  # fmt: skip


def _plain(text: str) -> str:
    return text.replace("&", "").strip()


def _qt_english_sources() -> set[str]:
    """Every Qt source text our qtbase_vi.ts translates into something else."""
    sources = set()
    root = ET.parse(i18n.ts_path("vi", "qtbase")).getroot()
    for message in root.iter("message"):
        source = _plain(message.findtext("source") or "")
        if source and source != _plain(message.findtext("translation") or ""):
            sources.add(source)
    return sources


def visible_texts(dialog: QWidget) -> list[str]:
    """The labels, buttons, group titles, tabs, combo items and column heads one can see."""
    texts: list[str] = [dialog.windowTitle()]
    for child in dialog.findChildren(QWidget):
        if not child.isVisibleTo(dialog):
            continue
        if isinstance(child, QLabel | QAbstractButton):
            texts.append(child.text())
        elif isinstance(child, QGroupBox):
            texts.append(child.title())
        elif isinstance(child, QTabWidget):
            texts += [child.tabText(i) for i in range(child.count())]
        elif isinstance(child, QComboBox):
            texts += [child.itemText(i) for i in range(child.count())]
        elif isinstance(child, QHeaderView) and child.model() is not None:
            model = child.model()
            texts += [
                str(model.headerData(i, child.orientation()) or "") for i in range(child.count())
            ]
    return [_plain(t) for t in texts if t and _plain(t)]


@pytest.fixture
def vietnamese(qtbot):
    if i18n.find_lrelease() is None and not i18n.qm_path("vi", "qtbase").exists():
        pytest.skip("no lrelease and no compiled qtbase_vi.qm")
    i18n.install_translator("vi")
    yield
    i18n.install_translator("vi")


def answer_modal(qtbot, seen: dict, name: str, prepare=None) -> None:
    """When the next modal dialog is up: note its texts, save a picture, cancel it."""

    def inspect() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(50, inspect)
            return
        if prepare is not None:
            prepare(dialog)
        seen[name] = (type(dialog).__name__, visible_texts(dialog))
        picture = dialog.grab()
        if SHOTS.name:
            SHOTS.mkdir(parents=True, exist_ok=True)
            picture.save(str(SHOTS / f"qt-{name}.png"))
        seen[name + ".png"] = not picture.isNull()
        dialog.reject()

    QTimer.singleShot(0, inspect)


def _expand_print_options(dialog: QDialog) -> None:
    for button in dialog.findChildren(QAbstractButton):
        if button.isVisible() and button.text().replace("&", "").endswith(">>"):
            button.click()  # "Tùy chọn >>": copies, page range, duplex …
    QApplication.processEvents()


def _detail_view(seen: dict):
    def prepare(dialog: QDialog) -> None:
        assert isinstance(dialog, QFileDialog)
        assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
        seen["save-dialog.files"] = dialog.selectedFiles()  # the suggested name
        dialog.setViewMode(QFileDialog.ViewMode.Detail)  # the Tên / Kích thước … heads
        QApplication.processEvents()

    return prepare


def test_print_and_save_dialogs_speak_vietnamese_and_cancel_records_nothing(
    qtbot, gui_context, service, vietnamese, monkeypatch, tmp_path
) -> None:
    monkeypatch.setattr(Path, "home", lambda: tmp_path)
    ctx = gui_context("binh.tt")
    dossier = service.intake.receive(intake()).dossier
    code = dossier["code"]
    pdf = service.prints.render(dossier, "receipt")
    parent = QWidget()
    qtbot.addWidget(parent)
    preview = open_logged_preview(
        ctx,
        parent,
        pdf,
        code=code,
        form="receipt",
        title="Giấy tiếp nhận",
        copies=FORMS["receipt"].copies,
        officer="binh.tt",
        on_error=lambda exc: pytest.fail(str(exc)),
    )
    assert isinstance(preview, PreviewDialog)
    assert preview.file_name == f"bien-nhan-{code}.pdf"
    preview.show()
    qtbot.waitExposed(preview)

    seen: dict = {}
    answer_modal(qtbot, seen, "print-dialog", _expand_print_options)
    preview.print_document()  # the real code path: QPrintDialog(printer, preview).exec()
    answer_modal(qtbot, seen, "save-dialog", _detail_view(seen))
    preview.save_pdf()  # the real code path: Qt's own QFileDialog
    qtbot.waitUntil(lambda: ctx.pending_jobs == 0)

    english = ENGLISH | _qt_english_sources()
    kind, texts = seen["print-dialog"]
    assert kind == "QPrintDialog" and seen["print-dialog.png"]
    assert {"Máy in", "Tên:", "In", "Hủy", "Số bản:"} <= set(texts), texts
    assert not english & set(texts), sorted(english & set(texts))
    kind, texts = seen["save-dialog"]
    assert kind == "QFileDialog" and seen["save-dialog.png"]
    assert {"Tìm trong:", "Tên tệp:", "Lưu", "Hủy", "Tên", "Kích thước"} <= set(texts), texts
    assert [Path(p).name for p in seen["save-dialog.files"]] == [f"bien-nhan-{code}.pdf"]
    assert not english & set(texts), sorted(english & set(texts))

    # Cancelled print and cancelled save: nothing printed, nothing logged, no reprint next.
    assert not preview.printed and preview.saved_path is None
    assert service.dossiers.get(code)["prints"] == []
    assert not service.prints.was_printed(code, "receipt")
    preview.close()


def test_every_form_has_a_vietnamese_file_name_without_diacritics() -> None:
    from counter_app.forms.registry import file_name

    for key, spec in FORMS.items():
        name = file_name(key, "000.00.01.H22-260715-0001")
        assert name == f"{spec.file_stem}-000.00.01.H22-260715-0001.pdf"
        assert name.isascii() and " " not in name and key not in ("", spec.file_stem)
    assert file_name("receipt", "X") == "bien-nhan-X.pdf"


def test_message_box_buttons_and_the_edit_menu_speak_vietnamese(qtbot, vietnamese) -> None:
    from PySide6.QtWidgets import QLineEdit, QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Đóng ứng dụng",
        "Đóng ứng dụng?",
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Cancel,
    )
    qtbot.addWidget(box)
    box.show()
    texts = {_plain(b.text()) for b in box.buttons()}
    assert texts == {"Có", "Không", "Hủy"}, texts
    edit = QLineEdit("Nguyễn Văn An")
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    actions = {_plain(a.text()).split("\t")[0] for a in menu.actions() if a.text()}
    assert {"Hoàn tác", "Làm lại", "Cắt", "Sao chép", "Dán", "Xóa", "Chọn tất cả"} <= actions
    assert not actions & _qt_english_sources(), actions
    menu.deleteLater()
