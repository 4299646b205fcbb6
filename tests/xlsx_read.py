"""Reading an .xlsx back in tests without openpyxl: XlsxWriter's files are a zip of XML."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def xlsx_sheets(path: Path) -> dict[str, list[list[str]]]:
    """Every sheet's cells as text (shared strings resolved, numbers as written)."""
    with zipfile.ZipFile(path) as book:
        names = book.namelist()
        shared = []
        if "xl/sharedStrings.xml" in names:
            root = ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
            shared = ["".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")) for si in root]
        workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
        titles = [s.get("name") for s in workbook.iter(f"{{{NS['m']}}}sheet")]
        sheets = {}
        for index, title in enumerate(titles, start=1):
            root = ElementTree.fromstring(book.read(f"xl/worksheets/sheet{index}.xml"))
            rows = []
            for row in root.iter(f"{{{NS['m']}}}row"):
                cells: dict[int, str] = {}
                for cell in row.iter(f"{{{NS['m']}}}c"):
                    letters = re.match(r"[A-Z]+", cell.get("r"))[0]
                    column = 0
                    for ch in letters:
                        column = column * 26 + ord(ch) - 64
                    value = cell.find("m:v", NS)
                    text = value.text if value is not None else ""
                    if cell.get("t") == "s":
                        text = shared[int(text)]
                    cells[column - 1] = text or ""
                width = max(cells) + 1 if cells else 0
                while len(rows) < int(row.get("r")) - 1:  # rows left empty are not written
                    rows.append([])
                rows.append([cells.get(c, "") for c in range(width)])
            sheets[title] = rows
        return sheets
