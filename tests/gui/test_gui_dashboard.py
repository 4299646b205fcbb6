"""The centre head's dashboard (pytest-qt, offscreen): the supervisor signs in, picks a
period, sees the figures; the charts are painted; exports are written; officers do not
see it and supervisors cannot open the settings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from counter_app.gui.context import AppContext  # noqa: E402
from counter_app.gui.dashboard.charts import (  # noqa: E402
    MARGIN_TOP,
    BarChart,
    Series,
    axis_top,
)  # noqa: E402
from counter_app.gui.dialogs.signin import SignInForm  # noqa: E402
from counter_app.gui.main_window import DASHBOARD, MainWindow  # noqa: E402
from counter_app.services import CounterService  # noqa: E402
from tests.conftest import intake  # noqa: E402

WAIT = 10_000


@pytest.fixture(autouse=True)
def _no_retry_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SignInForm, "RETRY_DELAY_MS", 0)


@pytest.fixture
def centre(service: CounterService) -> CounterService:
    """Five dossiers in July 2026: counter 1, counter 2 and online; one finished late."""
    service.staff.add("chi.lt", "Lê Thị Chi", "matkhau3-quay", role="supervisor", actor="an.nv")
    for n, day in enumerate(("2026-07-13 08:00", "2026-07-14 09:00", "2026-07-15 10:05")):
        code = service.intake.receive(intake(received_at=day)).dossier["code"]
        if n == 0:
            service.dossiers.change_status(code, 4, by="an.nv", at=datetime(2026, 7, 14, 8))
            service.dossiers.change_status(code, 9, by="an.nv", at=datetime(2026, 7, 17, 8))
    service.intake.receive(intake(received_at="2026-07-14 10:00", channel="online"))
    service.settings.update({"counter": 2}, actor="test")
    service.intake.receive(intake(received_at="2026-07-16 08:00"))
    return service


@pytest.fixture
def window(centre: CounterService, qapp: QApplication, qtbot) -> Iterator[MainWindow]:
    ctx = AppContext(centre)
    win = MainWindow(ctx, settings=centre.settings.all())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.shutdown()
    win.close()
    ctx.wait_idle()
    ctx.run(centre.store.close_thread_connection).result(10)
    ctx.shutdown()
    win.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def sign_in(qtbot, win: MainWindow, username: str, password: str) -> None:
    form = win.signin_page.form
    form.username.setText(username)
    form.password.setText(password)
    qtbot.keyClick(form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.signed_in, timeout=WAIT)


def _coloured_pixels(image: QImage, colour: str) -> int:
    wanted = QColor(colour).rgb()
    return sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixel(x, y) == wanted
    )


def test_supervisor_sees_the_centre_figures_and_charts(
    window: MainWindow, centre: CounterService, qtbot, tmp_path: Path
) -> None:
    for status, reason in ((3, "Không thuộc thẩm quyền"), (5, "Thiếu tờ khai")):  # not received
        centre.intake.receive_with_status(
            intake(received_at="2026-07-15 11:00"), status, by="an.nv", reason=reason
        )
    sign_in(qtbot, window, "chi.lt", "matkhau3-quay")
    assert window.tabs.isTabVisible(DASHBOARD)
    assert not window.act_settings.isEnabled()  # a supervisor is no admin
    window.open_settings()
    assert window.settings_dialog is None
    window.show_dashboard()
    board = window.dashboard
    assert window.tabs.currentWidget() is board
    board.set_period(date(2026, 7, 13), date(2026, 7, 19))
    qtbot.waitUntil(
        lambda: (
            not board.loading
            and board.figures is not None
            and board.figures.date_to == date(2026, 7, 19)
        ),
        timeout=WAIT,
    )
    numbers = {key: card.number.text() for key, card in board.cards.items()}
    assert numbers == {
        "received": "5",
        "online_share": "20,0 %",
        "refused": "1",  # their own cards, never in "Tiếp nhận"
        "completion_requested": "1",
        "finished": "1",
        "on_time": "0",
        "late": "1",
        "on_time_rate": "0,0 %",
        "overdue_now": "4",  # every other dossier of July is past its appointment by now
    }
    assert board.counter_chart.categories == ["Trực tuyến", "Quầy 1", "Quầy 2"]
    assert board.counter_chart.series[0].values == (1, 3, 1)
    assert len(board.day_chart.categories) == 7
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: board.day_chart.width() > 300, timeout=WAIT)
    shot = tmp_path / "dashboard.png"
    assert board.grab().save(str(shot))
    for chart, name in ((board.day_chart, "day"), (board.counter_chart, "counter")):
        image = chart.grab().toImage()
        image.save(str(tmp_path / f"{name}.png"))
        assert _coloured_pixels(image, "#1e6bb8") > 20  # the received series is drawn
    board.export_to(tmp_path / "so-lieu.xlsx", "xlsx")
    qtbot.waitUntil(lambda: (tmp_path / "so-lieu.xlsx").exists(), timeout=WAIT)
    board.export_to(tmp_path / "so-lieu.csv", "csv")
    qtbot.waitUntil(lambda: "so-lieu.csv" in board.status_label.text(), timeout=WAIT)
    assert (tmp_path / "so-lieu.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_officer_has_no_dashboard(window: MainWindow, qtbot) -> None:
    sign_in(qtbot, window, "binh.tt", "matkhau2-quay")
    assert not window.tabs.isTabVisible(DASHBOARD)
    window.show_dashboard()
    assert window.tabs.currentIndex() != DASHBOARD


def test_bar_chart_paints_bars_in_proportion(qtbot) -> None:
    chart = BarChart("t")
    qtbot.addWidget(chart)
    chart.resize(400, 240)
    chart.set_data(["a", "b"], [Series("x", "#c62828", (2, 4))])
    image = chart.grab().toImage()
    red = QColor("#c62828").rgb()
    columns = [  # below the title and legend line
        sum(1 for y in range(MARGIN_TOP, image.height()) if image.pixel(x, y) == red)
        for x in range(image.width())
    ]
    heights = Counter(h for h in columns if h > 0).most_common(2)  # the two bars' bodies
    low, high = sorted(h for h, _ in heights)
    assert high == pytest.approx(2 * low, abs=2)  # 4 is twice as tall as 2
    assert [axis_top(v) for v in (0, 3, 5, 7, 12, 480)] == [4, 4, 8, 8, 20, 800]


def test_dossier_list_counter_filter_and_received_here_column(window: MainWindow, qtbot) -> None:
    sign_in(qtbot, window, "binh.tt", "matkhau2-quay")
    window.show_list()
    screen = window.list_screen
    model = screen.model
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() == 5, timeout=WAIT)
    where = model.COLUMNS.index("received_where")
    assert model.headerData(where, Qt.Orientation.Horizontal) == "Nơi nhận"
    shown = sorted(model.index(r, where).data() for r in range(model.rowCount()))
    assert shown == ["Quầy 1", "Quầy 1", "Quầy 1", "Quầy này", "Trực tuyến"]  # this is counter 2
    screen.counter.setCurrentIndex(screen.counter.findData(1))
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() == 3, timeout=WAIT)
    assert {model.code_at(r)[-4] for r in range(3)} == {"1"}
    screen.clear_filters()
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() == 5, timeout=WAIT)
