"""`counter-app --self-test`: prove an installation (a built bundle above all) works.

In a temporary data folder it receives a dossier, renders its receipt, loads that PDF with
Qt's Pdf module, backs the folder up and verifies the copy, then opens and closes the main
window. In a temporary training folder, training mode syncs a dossier to its stand-in portal
(127.0.0.1), and the stand-in refuses to start outside training. It also reports the Python
version and whether the 3.11 refcount workaround (counter_app.gui.compat) is active. Prints one line per step and, last, `OK` (exit 0) or
`FAILED: <step>: <error>` (exit 1). The user's own data folder, settings and log folder are
never touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from counter_app.ops.secrets_store import SECRETS_ENV

SAMPLE = {
    "procedure_code": "1.004873",
    "applicant": {
        "full_name": "Nguyễn Thị Kiểm Thử",
        "id_number": "001190012345",
        "id_type": "cccd",
        "birth_date": "1990-05-02",
        "sex": "Nữ",
        "phone": "0912345678",
        "ward_code": 70,
        "address": "Số 1 phố Tự Kiểm",
    },
    "officer": "selftest",
}


class _Steps:
    def __init__(self, out: Callable[[str], None]) -> None:
        self.out = out
        self.failed: tuple[str, str] | None = None

    def run(self, name: str, step: Callable[[], Any]) -> Any:
        if self.failed is not None:
            return None
        started = time.perf_counter()
        try:
            result = step()
        except BaseException as exc:  # noqa: BLE001 - report every failure, even SystemExit
            detail = f"{type(exc).__name__}: {exc}"
            self.failed = (name, detail)
            self.out(f"FAIL {name}: {detail}")
            if os.environ.get("COUNTER_APP_SELFTEST_TRACE"):
                self.out(traceback.format_exc())
            return None
        note = f" — {result}" if isinstance(result, str) and result else ""
        self.out(f"ok   {name} ({(time.perf_counter() - started) * 1000:.0f} ms){note}")
        return result


def _ensure_platform() -> None:
    """A console or CI run without a display gets Qt's offscreen platform."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def run_self_test(out: Callable[[str], None] | None = None) -> int:
    out = out or (lambda line: print(line, flush=True))
    _ensure_platform()
    steps = _Steps(out)
    # the throw-away folder's key goes to a file inside it, never into the user's keyring
    previous_secrets = os.environ.get(SECRETS_ENV)
    os.environ[SECRETS_ENV] = "file"
    with tempfile.TemporaryDirectory(
        prefix="counter-app-selftest-", ignore_cleanup_errors=True
    ) as tmp:
        state: dict[str, Any] = {"folder": Path(tmp) / "data"}
        try:
            _run(steps, state)
        finally:
            _teardown(state)
            if previous_secrets is None:
                os.environ.pop(SECRETS_ENV, None)
            else:
                os.environ[SECRETS_ENV] = previous_secrets
    if steps.failed is not None:
        name, detail = steps.failed
        out(f"FAILED: {name}: {detail}")
        return 1
    out("OK")
    return 0


def _run(steps: _Steps, state: dict[str, Any]) -> None:
    from counter_app import assets

    def check_resources() -> str:
        needed = [
            assets.resource_path("catalogue.json"),
            *(
                assets.resource_path("fonts", f"LiberationSerif-{style}.ttf")
                for style in ("Regular", "Bold", "Italic", "BoldItalic")
            ),
        ]
        missing = [str(p) for p in needed if not p.is_file()]
        if missing:
            raise FileNotFoundError("missing: " + ", ".join(missing))
        return str(assets.resources_root())

    steps.run("resources", check_resources)

    def open_folder() -> str:
        from counter_app.services import CounterService

        service = CounterService.open(state["folder"])
        state["service"] = service
        service.settings.configure(
            unit_code="000.00.01.H22",
            ward_code=70,
            counter=1,
            centre_name="Trung tâm Phục vụ hành chính công phường Hoàn Kiếm",
            actor="selftest",
        )
        service.staff.add(
            "selftest", "Cán bộ Kiểm Thử", "selftest123", role="admin", actor="selftest"
        )
        return f"schema {service.store.schema_version}"

    steps.run("data folder", open_folder)

    def receive() -> str:
        result = state["service"].intake.receive(dict(SAMPLE))
        state["dossier"] = result.dossier
        return result.dossier["code"]

    steps.run("receive dossier", receive)

    def receipt() -> str:

        pdf = state["service"].prints.render(state["dossier"], "receipt")
        if not pdf.startswith(b"%PDF") or len(pdf) < 1000:
            raise ValueError("the receipt is not a PDF")
        state["pdf"] = pdf
        return f"{len(pdf)} bytes"

    steps.run("render receipt", receipt)

    def audit_chain() -> str:
        report = state["service"].audit.verify()
        if not report.ok:
            raise ValueError("; ".join(report.problems))
        return f"{report.rows} rows"

    steps.run("audit chain", audit_chain)

    def backup() -> str:
        from counter_app.ops.backups import backup_now
        from counter_app.ops.restore import verify_backup

        result = backup_now(state["service"], "manual")
        state["backup"] = result.path
        report = verify_backup(result.path, db_keys=[state["service"].store.key])
        if not report.ok or report.dossiers != 1:
            raise ValueError("; ".join(report.problems) or "backup content differs")
        return result.path.name

    steps.run("backup", backup)
    steps.run("training sync", lambda: training_sync(state["folder"].parent / "demo"))
    steps.run("stand-in refused outside training", lambda: stand_in_refused(state["folder"]))

    def encryption() -> str:
        from counter_app.ops.restore import verify_backup
        from counter_app.store import db_key, driver

        store = state["service"].store
        for path in (store.db_path, state["backup"]):
            if driver.file_state(path) != "encrypted":
                raise ValueError(f"{path.name} is not encrypted")
            try:
                driver.connect(path, None, readonly=True).close()
            except driver.EncryptionKeyError:
                pass
            else:
                raise ValueError(f"{path.name} opened without its key")
        recovery = db_key.recovery_key_text(store.key)
        report = verify_backup(state["backup"], db_keys=[db_key.parse_recovery_key(recovery)])
        if not report.ok:
            raise ValueError("the recovery key does not open the backup")
        found = state["service"].search.dossiers("kiem thu")
        if not found:
            raise ValueError("full-text search (FTS5) found nothing in the encrypted database")
        return f"SQLCipher {driver.cipher_version()}, SQLite {driver.sqlite_version}"

    steps.run("encryption", encryption)

    def application() -> str:
        from counter_app.gui.app import ensure_application

        state["app"] = ensure_application()
        from PySide6.QtGui import QGuiApplication

        return QGuiApplication.platformName()

    steps.run("qt application", application)

    def python_runtime() -> str:
        from counter_app.gui import compat

        if compat.is_active() and not compat.affected():
            raise RuntimeError("the refcount workaround is active on an unaffected Python")
        state_word = "active" if compat.is_active() else "inactive"
        return f"Python {sys.version.split()[0]}, refcount workaround {state_word}"

    steps.run("python", python_runtime)
    steps.run("vietnamese collation and case", vietnamese_text_check)

    def pdf_module() -> str:
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
        from PySide6.QtPdf import QPdfDocument

        buffer = QBuffer()
        buffer.setData(QByteArray(state["pdf"]))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document = QPdfDocument()
        document.load(buffer)
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
            raise ValueError(f"QPdfDocument status {document.status()}, error {document.error()}")
        image = document.render(0, QSize(300, 420))
        if image.isNull():
            raise ValueError("QPdfDocument.render returned an empty image")
        pages = document.pageCount()
        document.close()
        buffer.close()
        return f"{pages} page(s) rendered"

    steps.run("pdf module", pdf_module)

    def translations() -> str:
        from PySide6.QtCore import QTranslator

        folder = assets.resource_path("i18n")
        compiled = sorted(folder.glob("*.qm")) if folder.is_dir() else []
        if not compiled:
            if getattr(sys, "frozen", False) and folder.is_dir() and list(folder.glob("*.ts")):
                raise FileNotFoundError("the bundle has .ts sources but no compiled .qm")
            return "none shipped"
        for path in compiled:
            translator = QTranslator()
            if not translator.load(str(path)):
                raise ValueError(f"cannot load {path.name}")
        return ", ".join(p.name for p in compiled)

    steps.run("translations", translations)

    def main_window() -> str:
        from PySide6.QtCore import QCoreApplication, QEventLoop

        from counter_app.gui.context import AppContext
        from counter_app.gui.main_window import MainWindow

        service = state["service"]
        ctx = AppContext(service)
        state["ctx"] = ctx
        window = MainWindow(ctx, settings=service.settings.all(), start_sync=False)
        state["window"] = window
        window.show()
        _pump(QCoreApplication, QEventLoop)
        built = ""
        if hasattr(window, "ensure_work_area"):
            window.ensure_work_area()
            _pump(QCoreApplication, QEventLoop)
            built = ", work screens built"
        title = window.windowTitle()
        window.close()
        _pump(QCoreApplication, QEventLoop)
        if window.isVisible():
            raise RuntimeError("the main window did not close")
        return f"opened and closed{built}" + (f" ({title})" if title else "")

    steps.run("main window", main_window)

    def close_folder() -> str:
        _teardown(state)
        return ""

    steps.run("close", close_folder)


def training_sync(folder: Path) -> str:
    """Training mode (`--demo`) in a fresh training folder: its stand-in portal runs on
    127.0.0.1 and a dossier received there is synced to it (what a trainee sees)."""
    from counter_app.gui.training import DEMO_USER, prepare_training
    from counter_app.ops import secrets_store
    from counter_app.portal.client import PortalClient
    from counter_app.sync.engine import portal_config, sync_pass

    environment = prepare_training(folder, dossiers=0)
    try:
        service = environment.service
        if environment.portal is None:
            raise RuntimeError("training started without its stand-in portal")
        sample = dict(SAMPLE, officer=DEMO_USER)
        code = service.intake.receive(sample).dossier["code"]
        password = secrets_store.get_portal_password(
            folder, service.settings.get("portal_user"), prefer_file=True
        )
        config = portal_config(service, password)
        if config is None:
            raise RuntimeError("training has no portal address")
        with PortalClient(config) as client:
            report = sync_pass(service, client)
        if report.error is not None:
            raise RuntimeError(f"sync failed: {report.error}")
        state = service.dossiers.get(code)["sync_state"]
        if environment.portal.store.dossier(code) is None or state != "synced":
            raise RuntimeError(f"dossier {code} not synced (state {state})")
        return f"{code} synced to {environment.portal.url}"
    finally:
        environment.close()
        environment.service.close()


def stand_in_refused(folder: Path) -> str:
    """Outside training the stand-in must not start: the packaged app refuses it (this
    process, when frozen); a development run checks the rule as the packaged app applies it."""
    from counter_app.portal_sim.training_only import StandInRefused, check_may_start, is_packaged

    try:
        if is_packaged():
            from counter_app.portal_sim import PortalServer

            PortalServer(folder / "refused.db").start().stop()
        else:
            check_may_start(host="127.0.0.1", training=False, packaged=True)
    except StandInRefused:
        if (folder / "refused.db").exists():
            raise RuntimeError("the refused stand-in created its database") from None
        return "refused" if is_packaged() else "refused when packaged (this run is not)"
    raise RuntimeError("the stand-in started outside training")


VIETNAMESE_SORTED = ("Anh", "Ăn", "Ân", "Bình", "Dung", "Dũng", "Đào", "Đức", "Em", "Ơn", "Ưng")
VIETNAMESE_UPPER = {"đ": "Đ", "đặng thị ơn": "ĐẶNG THỊ ƠN", "nguyễn ư": "NGUYỄN Ư"}


def vietnamese_text_check() -> str:
    """Qt's ICU (trimmed in the Linux bundle, .ci/trim_icu.py) still sorts and upper-cases
    Vietnamese: "Đ" after "D" and before "E", "Ă"/"Â" after "A", QLocale("vi").toUpper."""
    from PySide6.QtCore import QCollator, QLocale

    locale = QLocale("vi")
    collator = QCollator(locale)
    problems = []
    shuffled = sorted(VIETNAMESE_SORTED, key=lambda word: word[::-1])
    got = tuple(sorted(shuffled, key=collator.sortKey))
    if got != VIETNAMESE_SORTED:
        problems.append(f"QCollator(vi) sorts {', '.join(got)}")
    if not (collator.compare("Đ", "D") > 0 and collator.compare("Đ", "E") < 0):
        problems.append("QCollator(vi) does not put Đ between D and E")
    for lower, upper in VIETNAMESE_UPPER.items():
        if locale.toUpper(lower) != upper or locale.toLower(upper) != lower:
            problems.append(f"QLocale(vi) case of {lower!r}: {locale.toUpper(lower)!r}")
    if problems:
        raise ValueError("; ".join(problems))
    return f"{len(VIETNAMESE_SORTED)} words sorted, Đ after D, {len(VIETNAMESE_UPPER)} cases"


def _pump(core: Any, loop: Any, rounds: int = 5) -> None:
    for _ in range(rounds):
        core.processEvents(loop.ProcessEventsFlag.AllEvents, 50)


def _teardown(state: dict[str, Any]) -> None:
    """Idempotent: stop the window and the DB thread, close the folder."""
    window = state.pop("window", None)
    if window is not None:
        try:
            if hasattr(window, "shutdown"):
                window.shutdown()
            window.deleteLater()
        except RuntimeError:
            pass  # already deleted by Qt
    ctx = state.pop("ctx", None)
    service = state.get("service")
    if ctx is not None:
        try:
            ctx.wait_idle(timeout=30)
            if service is not None:
                ctx.run(service.store.close_thread_connection).result(10)
        finally:
            ctx.shutdown()
    if state.get("app") is not None:
        from PySide6.QtCore import QCoreApplication, QEvent

        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    service = state.pop("service", None)
    if service is not None:
        service.close()
