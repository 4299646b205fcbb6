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
        "digitised": "0",  # nothing attached here (test_dashboard_shows_the_digitisation_rates)
        "digitised_rate": "0,0 %",
        "results_digitised": "0",
        "result_digitised_rate": "0,0 %",
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


def _scan(folder: Path, name: str) -> Path:
    from PIL import Image

    path = folder / f"{name}.png"
    Image.new("L", (300, 420), "white").save(path)
    return path


def _digitise(centre: CounterService, folder: Path) -> dict[str, str]:
    """Counter 1's dossier of 13/07 gets both items and its result, that of 14/07 item 1."""
    rows = {r["received_at"][:10]: r["code"] for r in centre.search.dossiers("", limit=50)}
    first, second = rows["2026-07-13"], rows["2026-07-14"]
    for item in (1, 2):
        centre.attachments.attach(first, [_scan(folder, f"a{item}")], by="an.nv", item=item)
    centre.attachments.attach(first, [_scan(folder, "r")], by="an.nv", kind="result")
    centre.attachments.attach(second, [_scan(folder, "b1")], by="an.nv", item=1)
    return {"full": first, "half": second}


def test_dashboard_shows_the_digitisation_rates(
    window: MainWindow, centre: CounterService, qtbot, tmp_path: Path
) -> None:
    _digitise(centre, tmp_path)
    sign_in(qtbot, window, "chi.lt", "matkhau3-quay")
    window.show_dashboard()
    board = window.dashboard
    board.set_period(date(2026, 7, 13), date(2026, 7, 19))
    qtbot.waitUntil(
        lambda: not board.loading and board.figures is not None and board.figures.date_to.day == 19,
        timeout=WAIT,
    )
    numbers = {key: board.cards[key].number.text() for key in board.cards if "digitised" in key}
    assert numbers == {  # 4 received at counters, 1 digitised; 1 finished, its result too
        "digitised": "1",
        "digitised_rate": "25,0 %",
        "results_digitised": "1",
        "result_digitised_rate": "100,0 %",
    }
    assert board.digitised_counter_chart.categories == ["Trực tuyến", "Quầy 1", "Quầy 2"]
    assert board.digitised_counter_chart.series[0].values == (None, 33.33, 0.0)
    day = board.digitised_day_chart.series[0].values
    assert day[:3] == (100.0, 0.0, 0.0) and day[5] is None  # 18/07: nothing received
    assert board.digitised_procedure_chart.series[1].values == (100.0,)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: board.digitised_day_chart.width() > 200, timeout=WAIT)
    image = board.digitised_day_chart.grab().toImage()
    assert _coloured_pixels(image, "#00838f") > 10  # the dossiers' rate line is drawn


def test_dossier_list_digitised_column_and_filter_by_keyboard(
    window: MainWindow, centre: CounterService, qtbot, tmp_path: Path
) -> None:
    codes = _digitise(centre, tmp_path)
    sign_in(qtbot, window, "binh.tt", "matkhau2-quay")
    window.show_list()
    screen = window.list_screen
    model = screen.model
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() == 5, timeout=WAIT)
    column = model.COLUMNS.index("digitised")
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Số hóa"
    shown = {model.code_at(r): model.index(r, column).data() for r in range(model.rowCount())}
    assert shown[codes["full"]] == "đủ" and shown[codes["half"]] == "thiếu 1"
    assert sorted(shown.values()) == ["thiếu 1", "thiếu 2", "thiếu 2", "đủ", "—"]  # — : online
    full_row = next(r for r in range(model.rowCount()) if model.code_at(r) == codes["full"])
    assert "Kết quả đã số hóa" in model.index(full_row, column).data(Qt.ItemDataRole.ToolTipRole)
    screen.search.setFocus()
    qtbot.keyClick(screen, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # "&Chưa số hóa"
    qtbot.waitUntil(lambda: screen.undigitised.isChecked(), timeout=WAIT)
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() == 3, timeout=WAIT)
    assert codes["full"] not in {model.code_at(r) for r in range(3)}
    assert {model.index(r, column).data() for r in range(3)} == {"thiếu 1", "thiếu 2"}
    qtbot.keyClicks(screen.search, "khai")  # with the search text too
    qtbot.waitUntil(lambda: not model.loading and model.query.text == "khai", timeout=WAIT)
    assert model.rowCount() == 3
    screen.clear_filters()
    assert not screen.undigitised.isChecked()
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() == 5, timeout=WAIT)
