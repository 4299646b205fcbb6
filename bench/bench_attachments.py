"""Digitisation benchmark, capture part (issue 16): a page at 200 dpi greyscale to a stored PDF.

Source: sane-backends' `test` device through scanimage (SANE_CONFIG_DIR with dll.conf "test",
made here), its "Grid" picture at 200 dpi greyscale. The test device scans at most 200×200 mm,
so its pages are 200×200 mm (84 % of an A4 page's area) and this is said in the output; a
generated A4 page (text lines drawn by Pillow, the look of a typed form) is measured too, and
alone when SANE is not installed.

Per page: scan ms, page-to-PDF ms (capture/pages.py at 200 dpi grey), store ms (encrypted
container written atomically + the row, its seal and audit record: service.attachments.attach
less its own page-to-PDF step),
bytes per page of the stored PDF. Floors measured in the same run: Pillow writing the same page
as a one-page PDF (the PDF step's floor) and a plain file write + fsync of the same bytes (the
store step's floor); the ratios are printed. Last line: one JSON object.
Usage: python bench/bench_attachments.py [--pages 10]
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from common import configured_service, median, print_json, print_table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))


def generated_a4(number: int):
    from PIL import Image, ImageDraw

    image = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
    draw = ImageDraw.Draw(image)
    for row, y in enumerate(range(150, 2200, 36)):
        draw.text((120, y), f"{number:03d}.{row:02d} Họ tên Nguyen Van A  CCCD 001190012345 " * 2)
    draw.rectangle((100, 100, 1554, 2239), outline=0, width=3)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(200, 200))
    return f"page-{number}.png", buffer.getvalue()


def sane_pages(count: int, config: Path) -> list[tuple[str, bytes]] | None:
    from counter_app.capture import scanners

    if not scanners.sane_available():
        return None
    os.environ[scanners.SANE_CONFIG_ENV] = str(scanners.sane_test_config(config))
    scanner = scanners.SaneScanner(
        scanners.TEST_DEVICE,
        dpi=200,
        colour="grey",
        size_mm=(200, 200),
        options=("--test-picture=Grid",),
    )
    pages, times = [], []
    for _ in range(count):
        start = time.perf_counter()
        files = scanner.acquire()
        times.append((time.perf_counter() - start) * 1000)
        pages.append((files[0].name, _marked(files[0].data, len(pages))))
    sane_pages.times = times  # type: ignore[attr-defined]
    return pages


def _marked(tiff: bytes, number: int) -> bytes:
    """The test device gives the same picture every time: one pixel per page differs, so each
    page is stored as a document of its own (the same content would be stored once)."""
    from PIL import Image

    image = Image.open(io.BytesIO(tiff))
    image.load()
    image.putpixel((number % image.width, 0), 128)
    buffer = io.BytesIO()
    image.save(buffer, "TIFF", dpi=(200, 200))
    return buffer.getvalue()


def measure(service, code: str, pages: list[tuple[str, bytes]], scratch: Path) -> dict:
    from PIL import Image

    to_pdf, store, sizes, floor_pdf, floor_write = [], [], [], [], []
    for index, (name, data) in enumerate(pages):
        draft = service.attachments.new_document()
        draft.add_file(name, data)
        start = time.perf_counter()
        saved = draft.to_pdf()
        to_pdf.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        row = service.attachments.attach(code, draft, by="an.nv", label=f"bench {name} {index}")
        store.append((time.perf_counter() - start) * 1000 - to_pdf[-1])  # attach remakes it
        sizes.append(row["bytes"])
        image = Image.open(io.BytesIO(data)).convert("L")
        start = time.perf_counter()
        image.save(io.BytesIO(), "PDF", resolution=200, quality=80)
        floor_pdf.append((time.perf_counter() - start) * 1000)
        target = scratch / f"plain-{index}.pdf"
        start = time.perf_counter()
        with open(target, "wb") as handle:
            handle.write(saved.pdf)
            handle.flush()
            os.fsync(handle.fileno())
        floor_write.append((time.perf_counter() - start) * 1000)
    return {
        "pdf_ms": median(to_pdf),
        "store_ms": median(store),
        "bytes": int(median([float(s) for s in sizes])),
        "pdf_floor_ms": median(floor_pdf),
        "write_floor_ms": median(floor_write),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10)
    args = parser.parse_args()
    from conftest import intake

    work = Path(tempfile.mkdtemp(prefix="bench-attachments-"))
    os.environ.setdefault("COUNTER_APP_SECRETS", "file")
    try:
        service = configured_service(work / "data")
        code = service.intake.receive(intake()).dossier["code"]
        figures: dict = {"pages": args.pages}
        rows: list[tuple[str, str]] = []
        scanned = sane_pages(args.pages, work / "sane.d")
        sources = [("generated A4", [generated_a4(n) for n in range(args.pages)])]
        if scanned is None:
            print("SANE (scanimage) is not installed: generated A4 pages only")
        else:
            sources.insert(0, ("SANE test device 200x200 mm", scanned))
            figures["sane_scan_ms"] = round(median(sane_pages.times), 1)  # type: ignore[attr-defined]
            rows.append(
                ("SANE scan, ms per page (200x200 mm, 200 dpi grey)", f"{figures['sane_scan_ms']}")
            )
        for label, pages in sources:
            key = "sane" if label.startswith("SANE") else "a4"
            result = measure(service, code, pages, work)
            total = (
                result["pdf_ms"]
                + result["store_ms"]
                + figures.get("sane_scan_ms", 0) * (key == "sane")
            )
            figures[key] = {
                "pdf_ms": round(result["pdf_ms"], 1),
                "store_ms": round(result["store_ms"], 1),
                "page_to_stored_ms": round(total, 1),
                "bytes_per_page": result["bytes"],
                "pdf_vs_pillow_pdf": round(result["pdf_ms"] / result["pdf_floor_ms"], 2),
                "store_vs_plain_write": round(result["store_ms"] / result["write_floor_ms"], 2),
            }
            f = figures[key]
            rows += [
                (
                    f"{label}: page to PDF, ms",
                    f"{f['pdf_ms']} ({f['pdf_vs_pillow_pdf']}x Pillow's one-page PDF)",
                ),
                (
                    f"{label}: store, ms",
                    f"{f['store_ms']} ({f['store_vs_plain_write']}x a plain write+fsync)",
                ),
                (f"{label}: page to stored PDF, ms", f"{f['page_to_stored_ms']}"),
                (f"{label}: bytes per page", f"{f['bytes_per_page']}"),
            ]
        service.close()
        print_table("Digitisation: page to stored PDF (median per page)", rows)
        print_json(figures)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
