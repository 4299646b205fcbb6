"""What the capture GUI tests share: sample files an officer adds to a capture (a PNG page, a
landscape JPEG, a two-page PDF and a "JPEG" that is not a picture), waiting for the context's
background jobs, and a dossier's detail opened at 1366x768."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from reportlab.pdfgen import canvas

from counter_app.gui.context import AppContext
from counter_app.gui.dossier.detail import DossierDetailDialog

WAIT = 20_000


def sample_files(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    png = folder / "trang-a.png"
    Image.new("L", (400, 560), 230).save(png, dpi=(100, 100))
    wide = folder / "trang-b.jpg"
    Image.new("RGB", (560, 400), (200, 180, 160)).save(wide, dpi=(100, 100))
    pdf = folder / "hai-trang.pdf"
    sheet = canvas.Canvas(str(pdf))
    for text in ("PDF mot", "PDF hai"):
        sheet.drawString(72, 720, text)
        sheet.showPage()
    sheet.save()
    bad = folder / "hong.jpg"
    bad.write_bytes(b"this is not a picture at all")
    return {"png": png, "jpg": wide, "pdf": pdf, "bad": bad}


def drain(qtbot, ctx: AppContext) -> None:
    qtbot.waitUntil(lambda: ctx.pending_jobs == 0, timeout=WAIT)


def open_detail(qtbot, ctx: AppContext, code: str, *, register: bool = True) -> DossierDetailDialog:
    """`register=False`: the test closes it itself (qtbot would close it a second time)."""
    dialog = DossierDetailDialog(ctx, code)
    if register:
        qtbot.addWidget(dialog)
    dialog.resize(1366, 768)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.dossier is not None and not dialog.loading, timeout=WAIT)
    drain(qtbot, ctx)
    return dialog
