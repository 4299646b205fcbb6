"""The 'Số liệu' screen of the centre head: the period, the figure cards, the charts, export.

A second row of cards and three charts give the digitisation rates (Thông tư 01/2023/TT-VPCP)
of the dossiers received at a counter and of the results, by day, counter and procedure.

Everything comes from one core call (service.reports.centre_figures) through
gui/operations/reports.py; exports write the same figures to .xlsx or .csv.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain import clock
from counter_app.domain.counters import ONLINE
from counter_app.gui.context import AppContext
from counter_app.gui.dashboard.charts import BarChart, LineChart, Series
from counter_app.gui.operations import OpChanges
from counter_app.gui.operations.reports import centre_figures, export_figures
from counter_app.gui.widgets.file_dialogs import save_file_name
from counter_app.gui.widgets.refresh import RefreshWhenShown
from counter_app.services.reports import CentreFigures

RECEIVED, FINISHED, ON_TIME, LATE, OVERDUE = "#1e6bb8", "#2e7d32", "#66bb6a", "#e65100", "#c62828"
REFUSED, COMPLETION = "#6a1b9a", "#8d6e63"  # not received: never in the "received" figures
DIGITISED, RESULTS_DIGITISED = "#00838f", "#5e35b1"  # số hóa (services/digitisation.py)
RATE_CARDS = ("online_share", "on_time_rate", "digitised_rate", "result_digitised_rate")
TOP_PROCEDURES = 8


def period_dates(key: str, today: date) -> tuple[date, date]:
    """The days of a named period that contains (or ends) today."""
    if key == "today":
        return today, today
    if key == "week":
        return today - timedelta(days=today.weekday()), today
    if key == "month":
        return today.replace(day=1), today
    if key == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if key == "quarter":
        return today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1), today
    if key == "year":
        return today.replace(month=1, day=1), today
    raise ValueError(key)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}".replace(".", ",") + " %"


class FigureCard(QFrame):
    def __init__(self, key: str, caption: str, colour: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"figure_{key}")
        self.caption = caption
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(f"#figure_{key} {{ background: #fafafa; border: 1px solid #c8c8c8; }}")
        self.number = QLabel("–", self)
        self.number.setStyleSheet(f"font-size: 24px; font-weight: bold; color: {colour};")
        label = QLabel(caption, self)
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.number)
        layout.addWidget(label)

    def set_text(self, text: str) -> None:
        self.number.setText(text)
        self.setAccessibleName(f"{self.caption}: {text}")


class DashboardWidget(QWidget):
    PERIODS = ("today", "week", "month", "last_month", "quarter", "year", "custom")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.figures: CentreFigures | None = None
        self.loading = False
        self.freshness = RefreshWhenShown(self, self.refresh)
        self.period = QComboBox(self)
        self.period.setObjectName("dashboardPeriod")
        labels = (
            self.tr("Hôm nay"),
            self.tr("Tuần này"),
            self.tr("Tháng này"),
            self.tr("Tháng trước"),
            self.tr("Quý này"),
            self.tr("Năm nay"),
            self.tr("Khoảng ngày…"),
        )
        for key, label in zip(self.PERIODS, labels, strict=True):
            self.period.addItem(label, key)
        self.period.setCurrentIndex(self.PERIODS.index("month"))
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-30), self)
        self.date_to = QDateEdit(today, self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.refresh_button = QPushButton(self.tr("Làm mới"), self)
        self.export_xlsx_button = QPushButton(self.tr("Xuất Excel (.xlsx)…"), self)
        self.export_csv_button = QPushButton(self.tr("Xuất CSV…"), self)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("dashboardStatus")

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Kỳ báo cáo:"), self))
        top.addWidget(self.period)
        top.addWidget(self.date_from)
        top.addWidget(QLabel("–", self))
        top.addWidget(self.date_to)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        top.addWidget(self.export_xlsx_button)
        top.addWidget(self.export_csv_button)

        self.cards = {
            "received": FigureCard("received", self.tr("Tiếp nhận"), RECEIVED, self),
            "online_share": FigureCard("online_share", self.tr("Tỷ lệ trực tuyến"), RECEIVED, self),
            "refused": FigureCard("refused", self.tr("Từ chối tiếp nhận"), REFUSED, self),
            "completion_requested": FigureCard(
                "completion_requested", self.tr("Yêu cầu bổ sung"), COMPLETION, self
            ),
            "finished": FigureCard("finished", self.tr("Đã giải quyết"), FINISHED, self),
            "on_time": FigureCard("on_time", self.tr("Đúng hạn"), ON_TIME, self),
            "late": FigureCard("late", self.tr("Trễ hạn"), LATE, self),
            "on_time_rate": FigureCard("on_time_rate", self.tr("Tỷ lệ đúng hạn"), FINISHED, self),
            "overdue_now": FigureCard("overdue_now", self.tr("Đang quá hạn"), OVERDUE, self),
        }
        cards = QHBoxLayout()
        for card in self.cards.values():
            cards.addWidget(card)
        digitisation_cards = {
            "digitised": FigureCard(
                "digitised", self.tr("Hồ sơ đã số hóa (tiếp nhận tại quầy)"), DIGITISED, self
            ),
            "digitised_rate": FigureCard(
                "digitised_rate", self.tr("Tỷ lệ số hóa hồ sơ"), DIGITISED, self
            ),
            "results_digitised": FigureCard(
                "results_digitised", self.tr("Kết quả đã số hóa"), RESULTS_DIGITISED, self
            ),
            "result_digitised_rate": FigureCard(
                "result_digitised_rate", self.tr("Tỷ lệ số hóa kết quả"), RESULTS_DIGITISED, self
            ),
        }
        second_cards = QHBoxLayout()
        for card in digitisation_cards.values():
            second_cards.addWidget(card)
        second_cards.addStretch(1)
        self.cards.update(digitisation_cards)

        self.day_chart = LineChart(self.tr("Theo ngày"), self)
        self.counter_chart = BarChart(self.tr("Theo quầy"), self)
        self.procedure_chart = BarChart(self.tr("Theo thủ tục (nhiều hồ sơ nhất)"), self)
        self.rate_chart = LineChart(self.tr("Tỷ lệ đúng hạn theo ngày (%)"), self, fixed_top=100)
        charts = QGridLayout()
        charts.addWidget(self.day_chart, 0, 0)
        charts.addWidget(self.counter_chart, 0, 1)
        charts.addWidget(self.procedure_chart, 1, 0)
        charts.addWidget(self.rate_chart, 1, 1)
        self.digitised_day_chart = LineChart(
            self.tr("Tỷ lệ số hóa theo ngày (%)"), self, fixed_top=100
        )
        self.digitised_counter_chart = BarChart(
            self.tr("Tỷ lệ số hóa theo quầy (%)"), self, fixed_top=100
        )
        self.digitised_procedure_chart = BarChart(
            self.tr("Tỷ lệ số hóa theo thủ tục (%)"), self, fixed_top=100
        )
        charts.addWidget(self.digitised_day_chart, 0, 2)
        charts.addWidget(self.digitised_counter_chart, 1, 2)
        charts.addWidget(self.digitised_procedure_chart, 0, 3, 2, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(cards)
        layout.addLayout(second_cards)
        layout.addLayout(charts, 1)
        layout.addWidget(self.status_label)

        self.period.currentIndexChanged.connect(self._period_changed)
        self.date_from.dateChanged.connect(self._dates_edited)
        self.date_to.dateChanged.connect(self._dates_edited)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_xlsx_button.clicked.connect(lambda: self._ask_export("xlsx"))
        self.export_csv_button.clicked.connect(lambda: self._ask_export("csv"))
        ctx.signals.changed.connect(self._changed)
        self._period_changed()

    # -- period --------------------------------------------------------------------------
    def _period_changed(self) -> None:
        key = self.period.currentData()
        custom = key == "custom"
        for edit in (self.date_from, self.date_to):
            edit.setEnabled(custom)
        if not custom:
            first, last = period_dates(key, clock.now().date())
            for edit, day in ((self.date_from, first), (self.date_to, last)):
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)
        self.refresh()

    def _dates_edited(self) -> None:
        if self.period.currentData() == "custom":
            self.refresh()

    def set_period(self, first: date, last: date) -> None:
        """Pick a custom period (as the officer would with the two date fields)."""
        self.period.blockSignals(True)
        self.period.setCurrentIndex(self.PERIODS.index("custom"))
        self.period.blockSignals(False)
        for edit, day in ((self.date_from, first), (self.date_to, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        self._period_changed()

    def dates(self) -> tuple[date, date]:
        return self.date_from.date().toPython(), self.date_to.date().toPython()

    # -- loading ---------------------------------------------------------------------------
    def _changed(self, changes: OpChanges) -> None:
        if changes.any_dossier:
            self.freshness.core_changed()

    def refresh(self) -> None:
        first, last = self.dates()
        if last < first:
            self.status_label.setText(self.tr("Ngày kết thúc phải sau ngày bắt đầu."))
            return
        self.freshness.mark_fresh()
        self.loading = True
        self.status_label.setText(self.tr("Đang tính số liệu…"))
        centre_figures(ctx=self.ctx, parent=self, date_from=first, date_to=last).success(
            self._show
        ).failure(self._failed).run_in_background()

    def _failed(self, error: BaseException) -> None:
        self.loading = False
        self.status_label.setText(str(error))

    def _show(self, figures: CentreFigures) -> None:
        if (figures.date_from, figures.date_to) != self.dates():
            return  # an older period's answer: the newer one is on its way
        self.loading = False
        self.figures = figures
        totals = figures.totals
        for key, card in self.cards.items():
            value = totals[key]
            card.set_text(_percent(value) if key in RATE_CARDS else str(value))
        self.status_label.setText(
            self.tr("Số liệu của cả trung tâm, {a} – {b}, tính đến {t}.").format(
                a=f"{figures.date_from:%d/%m/%Y}",
                b=f"{figures.date_to:%d/%m/%Y}",
                t=f"{figures.as_of:%d/%m/%Y %H:%M}",
            )
        )
        days = figures.by_day
        day_labels = [f"{r['day'][8:10]}/{r['day'][5:7]}" for r in days]
        self.day_chart.set_data(
            day_labels,
            [
                Series(self.tr("Tiếp nhận"), RECEIVED, tuple(r["received"] for r in days)),
                Series(self.tr("Đã giải quyết"), FINISHED, tuple(r["finished"] for r in days)),
                Series(self.tr("Trễ hạn"), LATE, tuple(r["late"] for r in days)),
            ],
        )
        self.rate_chart.set_data(
            day_labels,
            [
                Series(
                    self.tr("Đúng hạn"),
                    ON_TIME,
                    tuple(
                        None if r["on_time_rate"] is None else 100 * r["on_time_rate"] for r in days
                    ),
                )
            ],
        )
        counters = figures.by_counter
        self.counter_chart.set_data(
            [self.counter_name(r["counter"]) for r in counters],
            self._bar_series(counters),
        )
        procedures = figures.by_procedure[:TOP_PROCEDURES]
        self.procedure_chart.set_data(
            [r["procedure_code"] for r in procedures], self._bar_series(procedures)
        )
        self.digitised_day_chart.set_data(day_labels, self._digitisation_series(days))
        self.digitised_counter_chart.set_data(
            [self.counter_name(r["counter"]) for r in counters],
            self._digitisation_series(counters),
        )
        self.digitised_procedure_chart.set_data(
            [r["procedure_code"] for r in procedures], self._digitisation_series(procedures)
        )

    def _digitisation_series(self, rows: list[dict]) -> list[Series]:
        """The two digitisation rates in %, None where there is no base (a gap or no bar)."""

        def percents(key: str) -> tuple[float | None, ...]:
            return tuple(None if r[key] is None else 100 * r[key] for r in rows)

        return [
            Series(self.tr("Hồ sơ"), DIGITISED, percents("digitised_rate")),
            Series(self.tr("Kết quả"), RESULTS_DIGITISED, percents("result_digitised_rate")),
        ]

    def _bar_series(self, rows: list[dict]) -> list[Series]:
        return [
            Series(self.tr("Tiếp nhận"), RECEIVED, tuple(r["received"] for r in rows)),
            Series(self.tr("Đã giải quyết"), FINISHED, tuple(r["finished"] for r in rows)),
            Series(self.tr("Trễ hạn"), LATE, tuple(r["late"] for r in rows)),
            Series(self.tr("Đang quá hạn"), OVERDUE, tuple(r["overdue_now"] for r in rows)),
        ]

    def counter_name(self, counter: int | None) -> str:
        if counter == ONLINE:
            return self.tr("Trực tuyến")
        return self.tr("Quầy {n}").format(n=counter if counter is not None else "?")

    # -- export ----------------------------------------------------------------------------
    def _ask_export(self, fmt: str) -> None:
        if self.figures is None:
            return
        first, last = self.figures.date_from, self.figures.date_to
        suggested = f"so-lieu-{first:%Y%m%d}-{last:%Y%m%d}.{fmt}"
        filters = self.tr("Excel (*.xlsx)") if fmt == "xlsx" else self.tr("CSV (*.csv)")
        path = save_file_name(self, self.tr("Xuất số liệu"), Path.home() / suggested, filters)
        if path:
            self.export_to(Path(path), fmt)

    def export_to(self, path: Path, fmt: str) -> None:
        if self.figures is None:
            return
        self.status_label.setText(self.tr("Đang ghi tệp…"))
        export_figures(ctx=self.ctx, parent=self, figures=self.figures, path=path, fmt=fmt).success(
            self._exported
        ).failure(self._failed).run_in_background()

    def _exported(self, path: Path) -> None:
        self.status_label.setText(self.tr("Đã xuất số liệu ra {p}").format(p=str(path)))
