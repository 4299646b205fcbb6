"""Forms benchmark: Mẫu 01 (both copies) for a typical and a 30-document dossier.

`receipt_varied` prints a different dossier each time (code, applicant, address, book
number, times), as a counter does, so the forms' per-process caches (parsed markup, line
breaks, font subsets) only help with what really repeats between receipts.

Target (2-core machine): typical receipt (both copies) median <= 15 ms and <= 4x the probe.
Each figure is also given as a ratio to a one-line PDF with the same embedded font
(render_text_probe) timed in the same run, so machines of different speed can be compared.

`floor_same_lines` is what no layout engine on ReportLab's canvas can beat: the typical
receipt's own text lines (read back with pypdf), drawn with one `drawString` each on two A4
pages in the same font, nothing measured, wrapped or laid out. Its ratio to the probe is the
floor of the receipt's ratio short of writing pre-encoded content streams.
Usage: python bench/bench_forms.py [--repeat 60]
The last line printed is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import copy
import io
import itertools
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pypdf import PdfReader  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from counter_app import demo  # noqa: E402
from counter_app.forms import fonts, render_receipt, render_text_probe  # noqa: E402
from counter_app.forms.layout import A4_PORTRAIT, CREATOR  # noqa: E402

CENTRE = {
    "centre_name": "Trung tâm Phục vụ hành chính công phường Hoàn Kiếm",
    "unit_code": "000.00.01.H22",
    "place": "Hoàn Kiếm",
    "commune_name": "Phường Hoàn Kiếm",
    "province_name": "Thành phố Hà Nội",
    "counter": 1,
    "lookup_url": "https://dichvucong.gov.vn/tra-cuu?ma={code}",
}

TYPICAL = {
    "uuid": "5b0c7f1e-2f4e-4a53-9d1e-0a6f3f1c2b10",
    "code": "000.00.01.H22-260715-1003",
    "status": 2,
    "status_name": "Được tiếp nhận",
    "procedure": {
        "code": "1.001193",
        "name": "Đăng ký khai sinh",
        "field_name": "Hộ tịch",
        "processing_time": 1.0,
        "time_unit": "working_days",
    },
    "applicant": {
        "full_name": "Nguyễn Thị Minh Khai",
        "id_number": "001190012345",
        "id_type": "cccd",
        "phone": "0912345678",
        "email": "",
        "address": "Số 5 ngõ 12 phố Hàng Bạc",
        "commune_name": "Phường Hoàn Kiếm",
        "province_name": "Thành phố Hà Nội",
    },
    "documents": [
        {"name": "Tờ khai đăng ký khai sinh", "kind": "original", "count": 1},
        {"name": "Giấy chứng sinh", "kind": "original", "count": 1},
        {"name": "Giấy chứng nhận kết hôn của cha, mẹ", "kind": "certified_copy", "count": 1},
    ],
    "fees": [{"code": "LP01", "name": "Lệ phí đăng ký khai sinh", "amount": 50000, "paid": True}],
    "sets": 1,
    "officer": "an.nv",
    "officer_name": "Nguyễn Văn An",
    "received_at": "2026-07-15 10:05:00",
    "due_at": "2026-07-16 10:05:00",
    "return_method": "counter",
    "book_number": "2026",
    "book_seq": 123,
    "notes": "",
    "events": [],
}


def thirty_documents() -> dict:
    dossier = copy.deepcopy(TYPICAL)
    dossier["documents"] = [
        {
            "name": f"Giấy tờ kèm theo số {n}: bản xác nhận của cơ quan có thẩm quyền",
            "kind": ("original", "certified_copy", "photocopy")[n % 3],
            "count": n % 3 + 1,
        }
        for n in range(1, 31)
    ]
    return dossier


def varied_dossiers(count: int) -> list[dict]:
    """`count` different typical dossiers: names drawn like demo data's, other values by turn."""
    rng = random.Random(15)
    dossiers = []
    for n in range(count):
        dossier = copy.deepcopy(TYPICAL)
        female = n % 2 == 0
        middle = demo.MIDDLE_F if female else demo.MIDDLE_M
        given = demo.GIVEN_F if female else demo.GIVEN_M
        family = rng.choices(demo.FAMILY, weights=demo.FAMILY_SHARES)[0]
        dossier["code"] = f"000.00.01.H22-2607{15 + n % 10:02d}-{1000 + n:04d}"
        dossier["book_seq"] = 100 + n
        dossier["received_at"] = f"2026-07-{15 + n % 10:02d} {8 + n % 9:02d}:{n % 60:02d}:00"
        dossier["due_at"] = f"2026-07-{16 + n % 10:02d} {8 + n % 9:02d}:{n % 60:02d}:00"
        applicant = dossier["applicant"]
        applicant["full_name"] = f"{family} {rng.choice(middle)} {rng.choice(given)}"
        applicant["id_number"] = f"0011900{rng.randrange(10**5):05d}"
        applicant["phone"] = f"09{rng.randrange(10**8):08d}"
        applicant["address"] = f"Số {1 + n % 97} ngõ {1 + n % 41} phố Hàng Bạc"
        dossiers.append(dossier)
    return dossiers


def receipt_lines(pdf: bytes) -> list[list[str]]:
    """Each page's text lines, as pypdf reads them back."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    return [[line for line in page.extract_text().splitlines() if line.strip()] for page in pages]


def floor_same_lines(pages: list[list[str]]) -> bytes:
    """The lines drawn one `drawString` each, 13 pt Liberation Serif, one page per copy."""
    fonts.register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4_PORTRAIT, invariant=1, initialFontName=fonts.REGULAR)
    canvas.setCreator(CREATOR)
    for lines in pages:
        canvas.setFont(fonts.REGULAR, 13)
        y = A4_PORTRAIT[1] - 40
        for line in lines:
            canvas.drawString(57, y, line)
            y -= 16
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def timed(render: Callable[[], bytes], repeat: int) -> tuple[float, int]:
    samples = []
    size = 0
    for _ in range(repeat):
        start = time.perf_counter()
        size = len(render())
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=60)
    args = parser.parse_args()
    heavy = thirty_documents()
    varied = itertools.cycle(varied_dossiers(args.repeat + 3))
    lines = receipt_lines(render_receipt(TYPICAL, CENTRE))
    cases: dict[str, Callable[[], bytes]] = {
        "probe_one_line": lambda: render_text_probe("Nguyễn Thị Minh Khai"),
        "floor_same_lines": lambda: floor_same_lines(lines),
        "receipt_typical": lambda: render_receipt(TYPICAL, CENTRE),
        "receipt_30_documents": lambda: render_receipt(heavy, CENTRE),
        "receipt_typical_80mm": lambda: render_receipt(TYPICAL, CENTRE, paper="80mm"),
        "receipt_varied": lambda: render_receipt(next(varied), CENTRE),
    }
    for render in cases.values():  # warm up: fonts, styles, QR cache, imports
        for _ in range(3):
            render()
    results = {name: timed(render, args.repeat) for name, render in cases.items()}
    probe_ms = results["probe_one_line"][0]

    print(f"Forms benchmark, median of {args.repeat} runs after warm-up")
    print(f"  {'case':<24} {'median ms':>10} {'x probe':>8} {'PDF bytes':>10}")
    for name, (ms, size) in results.items():
        print(f"  {name:<24} {ms:>10.2f} {ms / probe_ms:>8.1f} {size:>10,}")
    typical_ms = results["receipt_typical"][0]
    ratio = typical_ms / probe_ms
    print(f"  target: typical receipt <= 15 ms -> {'met' if typical_ms <= 15 else 'NOT met'}")
    print(
        f"  target: typical receipt <= 4x probe ({ratio:.1f}x) -> {'met' if ratio <= 4 else 'NOT met'}"
    )
    floor_ratio = results["floor_same_lines"][0] / probe_ms
    print(
        f"  floor: the receipt's {sum(map(len, lines))} lines drawn one drawString each "
        f"= {floor_ratio:.1f}x probe (typical receipt {ratio / floor_ratio:.1f}x the floor)"
    )
    figures = {
        "repeat": args.repeat,
        "probe_ms": round(probe_ms, 3),
        "receipt_typical_ms": round(typical_ms, 3),
        "receipt_30_documents_ms": round(results["receipt_30_documents"][0], 3),
        "receipt_typical_80mm_ms": round(results["receipt_typical_80mm"][0], 3),
        "receipt_varied_ms": round(results["receipt_varied"][0], 3),
        "receipt_varied_ratio": round(results["receipt_varied"][0] / probe_ms, 2),
        "receipt_typical_ratio": round(typical_ms / probe_ms, 2),
        "receipt_30_documents_ratio": round(results["receipt_30_documents"][0] / probe_ms, 2),
        "floor_same_lines_ms": round(results["floor_same_lines"][0], 3),
        "floor_ratio": round(floor_ratio, 2),
        "receipt_over_floor": round(ratio / floor_ratio, 2),
        "target_typical_ms": 15,
        "target_typical_ratio": 4,
        "target_met": typical_ms <= 15 and ratio <= 4,
    }
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
