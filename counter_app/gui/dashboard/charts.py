"""Bar and line charts painted with QPainter: no plotting library in the bundle.

Both take categories (x labels) and series (name, colour, one value per category), draw a
value axis from 0 to a rounded maximum, a legend, and thin the x labels to what fits.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 44, 12, 30, 44
GRID = QColor("#e3e3e3")
AXIS = QColor("#777777")
TEXT = QColor("#333333")


TICKS = 4  # grid lines above zero


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    values: tuple[float | None, ...]  # None: no value that day (a gap in a line)


def nice_ceiling(value: float) -> float:
    """1, 2 or 5 times a power of ten, at least `value` (and at least 1)."""
    if value <= 1:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return float(step * power)
    return float(10 * power)


def axis_top(value: float) -> float:
    """The value axis' top: TICKS whole, round steps that reach `value` (counts: 4, 8, 20…)."""
    return TICKS * nice_ceiling(value / TICKS)


class _Chart(QWidget):
    def __init__(
        self, title: str, parent: QWidget | None = None, *, fixed_top: float | None = None
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.fixed_top = fixed_top  # e.g. 100 for a percentage
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.setMinimumSize(280, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(480, 260)

    def set_data(self, categories: list[str], series: list[Series]) -> None:
        self.categories = list(categories)
        self.series = list(series)
        self.setAccessibleDescription(
            "; ".join(f"{s.name}: {int(sum(v or 0 for v in s.values))}" for s in self.series)
        )
        self.update()

    @property
    def top(self) -> float:
        if self.fixed_top is not None:
            return self.fixed_top
        values = [v for s in self.series for v in s.values if v is not None]
        return axis_top(max(values, default=0))

    def plot_rect(self) -> QRectF:
        return QRectF(
            MARGIN_LEFT,
            MARGIN_TOP,
            max(1, self.width() - MARGIN_LEFT - MARGIN_RIGHT),
            max(1, self.height() - MARGIN_TOP - MARGIN_BOTTOM),
        )

    def y_of(self, value: float, plot: QRectF) -> float:
        return plot.bottom() - plot.height() * (value / self.top)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        plot = self.plot_rect()
        self._paint_frame(painter, plot)
        if self.categories and self.series:
            self.paint_series(painter, plot)
        else:
            painter.setPen(AXIS)
            empty = QCoreApplication.translate("DashboardChart", "Chưa có số liệu")
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, empty)
        painter.end()

    def _paint_frame(self, painter: QPainter, plot: QRectF) -> None:
        metrics = QFontMetrics(self.font())
        title_font = self.font()
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(TEXT)
        painter.drawText(
            QRectF(8, 4, self.width() - 16, 20), Qt.AlignmentFlag.AlignLeft, self.title
        )
        painter.setFont(self.font())
        legend_x = self.width() - MARGIN_RIGHT
        for series in reversed(self.series):
            width = metrics.horizontalAdvance(series.name)
            legend_x -= width + 6
            painter.setPen(TEXT)
            painter.drawText(QPointF(legend_x, 18), series.name)
            legend_x -= 14
            painter.fillRect(QRectF(legend_x, 8, 10, 10), QColor(series.colour))
            legend_x -= 10
        for step in range(TICKS + 1):
            value = self.top * step / TICKS
            y = self.y_of(value, plot)
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(AXIS)
            label = f"{value:g}"
            painter.drawText(
                QRectF(0, y - 8, MARGIN_LEFT - 6, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
        painter.setPen(QPen(AXIS, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        if not self.categories:
            return
        slot = plot.width() / len(self.categories)
        widest = max(metrics.horizontalAdvance(c) for c in self.categories) + 8
        every = max(1, math.ceil(widest / slot))
        painter.setPen(TEXT)
        for index, category in enumerate(self.categories):
            if index % every:
                continue
            x = plot.left() + slot * (index + 0.5)
            painter.drawText(
                QRectF(x - widest / 2, plot.bottom() + 4, widest, 18),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                category,
            )

    def paint_series(self, painter: QPainter, plot: QRectF) -> None:
        raise NotImplementedError


class BarChart(_Chart):
    """Grouped bars: one group per category, one bar per series."""

    def paint_series(self, painter: QPainter, plot: QRectF) -> None:
        slot = plot.width() / len(self.categories)
        group = min(slot * 0.8, 36.0 * len(self.series))
        bar = group / len(self.series)
        painter.setPen(Qt.PenStyle.NoPen)
        for index in range(len(self.categories)):
            left = plot.left() + slot * index + (slot - group) / 2
            for n, series in enumerate(self.series):
                value = (series.values[index] if index < len(series.values) else 0) or 0
                y = self.y_of(value, plot)
                painter.setBrush(QColor(series.colour))
                painter.drawRect(QRectF(left + bar * n, y, max(1.0, bar - 1), plot.bottom() - y))


class LineChart(_Chart):
    """One polyline per series with a dot at each category; no value, no dot (a gap)."""

    def paint_series(self, painter: QPainter, plot: QRectF) -> None:
        slot = plot.width() / len(self.categories)
        for series in self.series:
            colour = QColor(series.colour)
            placed = [
                None if v is None else QPointF(plot.left() + slot * (i + 0.5), self.y_of(v, plot))
                for i, v in enumerate(series.values)
            ]
            points = [p for p in placed if p is not None]
            painter.setPen(QPen(colour, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for first, second in zip(placed, placed[1:], strict=False):
                if first is not None and second is not None:
                    painter.drawLine(first, second)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            radius = 3.0 if slot > 8 else 1.5
            for point in points:
                painter.drawEllipse(point, radius, radius)
