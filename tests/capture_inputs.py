"""Sample files a counter officer adds to a capture: a PNG page, a landscape JPEG, a two-page
PDF and a "JPEG" that is not a picture."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from reportlab.pdfgen import canvas


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
