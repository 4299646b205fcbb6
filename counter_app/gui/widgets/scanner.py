"""Chip-CCCD QR scanner bursts: a USB scanner that "types" like a keyboard.

The scanner types the QR line (``CCCD|CMND|name|ddMMyyyy|sex|address|ddMMyyyy``) into
whatever widget has the focus, one key every few milliseconds, then presses Enter.
`CccdScanner` is an application-wide event filter that watches key presses:

- a *run* is a sequence of printable keys, each less than `max_gap_ms` after the previous
  one (people do not type 13 characters at < 30 ms each);
- keys go through normally, but for the last 13 keys of the run the state of the widget
  each one reached is remembered first;
- as soon as those 13 keys read 12 digits and ``|``, it is a scan: the widgets are put
  back as they were before its first digit, and every key until Enter (or a pause of
  `silence_ms`) is swallowed; Shift/Alt presses inside the burst are ignored;
- the collected line is parsed with `cccd_qr.parse_cccd_qr` and emitted as `scanned`.

Slow typing of ``|`` never starts a scan, and keys typed by a person are never eaten.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)

from counter_app.domain.cccd_qr import CccdQr, looks_like_cccd_qr, parse_cccd_qr
from counter_app.gui.operations import alive

MAX_GAP_MS = 30  # keys closer than this belong to one burst
SILENCE_MS = 150  # a recognised burst without Enter ends after this pause
_SCAN_HEAD = re.compile(r"[0-9]{12}\|")
_HEAD_EXAMPLE = "001190012345|"  # what a scan starts with: 12 digits and a bar
_END_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
_MODIFIER_KEYS = (
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_Meta,
    Qt.Key.Key_CapsLock,
    Qt.Key.Key_NumLock,
)


def _snapshot(widget: QWidget) -> Callable[[], None] | None:
    """A function that puts `widget` back in its current state (None: nothing to keep)."""
    if isinstance(widget, QLineEdit):
        text, position = widget.text(), widget.cursorPosition()

        def restore_line() -> None:
            if widget.text() != text:
                widget.setText(text)
                widget.setCursorPosition(position)
            completer = widget.completer()
            if completer is not None:
                completer.popup().hide()

        return restore_line
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        plain = widget.toPlainText()
        position = widget.textCursor().position()

        def restore_text() -> None:
            if widget.toPlainText() != plain:
                widget.setPlainText(plain)
                cursor = widget.textCursor()
                cursor.setPosition(min(position, len(plain)))
                widget.setTextCursor(cursor)

        return restore_text
    if isinstance(widget, QDateTimeEdit):
        moment = widget.dateTime()
        return lambda: widget.setDateTime(moment)
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        value = widget.value()

        def restore_spin() -> None:
            widget.setValue(value)
            widget.lineEdit().setText(widget.textFromValue(value))

        return restore_spin
    if isinstance(widget, QComboBox):
        index, text = widget.currentIndex(), widget.currentText()

        def restore_combo() -> None:
            widget.setCurrentIndex(index)
            if widget.isEditable():
                widget.setEditText(text)
            widget.hidePopup()

        return restore_combo
    if isinstance(widget, QAbstractItemView):
        current = QPersistentModelIndex(widget.currentIndex())

        def restore_view() -> None:
            editor = QApplication.focusWidget()
            if editor is not None and editor is not widget and widget.isAncestorOf(editor):
                escape = QKeyEvent(
                    QEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier
                )
                QCoreApplication.sendEvent(editor, escape)
            if current.isValid():
                widget.setCurrentIndex(current)

        return restore_view
    if isinstance(widget, QAbstractSpinBox):
        text = widget.text()
        return lambda: widget.lineEdit().setText(text)
    return None


class CccdScanner(QObject):
    """Application event filter that turns a scanner burst into a `CccdQr`."""

    scanned = Signal(object)  # CccdQr
    scan_failed = Signal(str)  # Vietnamese message: a burst that was not a CCCD QR line

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_gap_ms: float = MAX_GAP_MS,
        silence_ms: int = SILENCE_MS,
    ) -> None:
        super().__init__(parent)
        self.max_gap_ms = max_gap_ms
        self._keys: list[str] = []  # the line of a recognised scan
        # The last fast keys: (text, widget, how to put the widget back as before the key).
        self._run: list[tuple[str, QWidget, Callable[[], None] | None]] = []
        self._last: tuple[int, float] | None = None  # (event timestamp, monotonic ms)
        self._swallowing = False
        self._silence = QTimer(self)
        self._silence.setSingleShot(True)
        self._silence.setInterval(silence_ms)
        self._silence.timeout.connect(self._finish)

    # -- state ---------------------------------------------------------------
    @property
    def in_burst(self) -> bool:
        """True while a recognised scan is being swallowed."""
        return self._swallowing

    def reset(self) -> None:
        self._keys = []
        self._run = []
        self._swallowing = False
        self._silence.stop()

    def _gap_ms(self, event: QKeyEvent) -> tuple[float, tuple[int, float]]:
        """Milliseconds since the previous key, by the event's own clock when it has one.

        Real key events carry the time the key was typed, so a busy GUI thread does not
        stretch the gaps; synthesised events (tests) have no timestamp.
        """
        stamp = int(event.timestamp())
        now = (stamp, time.monotonic() * 1000.0)
        if self._last is None:
            return float("inf"), now
        last_stamp, last_mono = self._last
        if stamp and last_stamp and stamp >= last_stamp:
            return float(stamp - last_stamp), now
        return now[1] - last_mono, now

    def _undo_typed(self) -> None:
        """Put every widget the scan's first keys reached back as it was before them."""
        earliest: list[tuple[QWidget, Callable[[], None]]] = []
        for _text, widget, restore in self._run:
            if restore is not None and all(w is not widget for w, _r in earliest):
                earliest.append((widget, restore))
        self._run = []
        for widget, restore in reversed(earliest):
            if alive(widget):
                try:
                    restore()
                except RuntimeError:
                    pass  # the widget went away meanwhile

    # -- the filter ------------------------------------------------------------
    def _target(self, obj: QObject) -> QWidget | None:
        """The widget a key press is really for, or None to ignore this delivery.

        The application filter sees one key press several times (the window, the focus
        widget, then each parent while it propagates); only one of them counts.
        """
        if not isinstance(obj, QWidget):
            return None
        focus = QApplication.focusWidget()
        popup = QApplication.activePopupWidget()
        if popup is not None and (obj is popup or popup.isAncestorOf(obj)):
            return focus or obj
        if focus is None:
            return obj
        return obj if obj is focus else None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind == QEvent.Type.KeyRelease:
            return self._swallowing and self._target(obj) is not None
        if kind != QEvent.Type.KeyPress:
            return False
        target = self._target(obj)
        if target is None:
            return False
        assert isinstance(event, QKeyEvent)
        return self._key_press(target, event)

    def _key_press(self, target: QWidget, event: QKeyEvent) -> bool:
        key = event.key()
        if key in _MODIFIER_KEYS:
            # Scanners press Shift for capitals (and Alt for numpad codes): not a key of
            # the line, and no reason to end or break a burst.
            if self._swallowing:
                self._silence.start()
            return self._swallowing
        gap, now = self._gap_ms(event)
        self._last = now
        text = event.text()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        command = mods & ~Qt.KeyboardModifier.ShiftModifier
        is_end = key in _END_KEYS and not command

        if self._swallowing:
            # Everything before the silence timer runs out is part of the burst.
            if is_end:
                self._finish()
                return True
            if text and text.isprintable() and not mods & Qt.KeyboardModifier.ControlModifier:
                self._keys.append(text)
            self._silence.start()
            return True

        if event.isAutoRepeat() or command or is_end or not text or not text.isprintable():
            self._run = []
            return False
        if gap > self.max_gap_ms:
            self._run = []
        # Remember the widget as it is before this key, for the last 13 fast keys.
        self._run.append((text, target, _snapshot(target)))
        del self._run[: -len(_HEAD_EXAMPLE)]
        if _SCAN_HEAD.fullmatch("".join(t for t, _w, _r in self._run)):
            self._swallowing = True
            self._keys = [t for t, _w, _r in self._run]
            self._undo_typed()
            self._silence.start()
            return True  # the "|" itself never reaches the widget
        return False

    def _finish(self) -> None:
        line = "".join(self._keys)
        self.reset()
        self._last = None
        if not line:
            return
        if not looks_like_cccd_qr(line):
            self.scan_failed.emit(
                # QT_TRANSLATE_NOOP: lupdate loses this class's context in this file.
                self.tr(
                    QT_TRANSLATE_NOOP(
                        "CccdScanner",
                        "Mã vừa quét không phải mã QR trên thẻ căn cước (CCCD): {line}",
                    )
                ).format(line=line[:60])
            )
            return
        try:
            qr: CccdQr = parse_cccd_qr(line)
        except ValueError as exc:
            self.scan_failed.emit(str(exc))
            return
        self.scanned.emit(qr)


_installed: CccdScanner | None = None


def install_scanner(app: QCoreApplication | None = None) -> CccdScanner:
    """The application's scanner filter, installed once (later calls return the same one)."""
    global _installed
    app = app or QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_scanner needs a QApplication")
    if _installed is not None and alive(_installed) and _installed.parent() is app:
        return _installed
    _installed = CccdScanner(app)
    app.installEventFilter(_installed)
    return _installed
