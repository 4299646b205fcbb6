"""A smaller ICU data library for the Linux bundle (build.spec calls `trimmed_icu_library`).

PySide6's wheels ship Qt's own ICU; its data library `libicudata.so.NN` (30.6 MB for ICU 73)
carries every locale, converter, dictionary and transliterator ICU has. Qt6Core uses ICU only
for case mapping (no data), collation (QCollator), time-zone names and canonical ids (QTimeZone)
and text codecs (QStringConverter beyond its built-in UTF/Latin-1). The trimmed library keeps:

* the collation, zone, region and language trees for root, English and Vietnamese only (with
  each tree's pool.res and res_index.res), and the top-level locale bundles for the same;
* every non-locale item ICU's calendar, collation and locale fallback read (supplementalData,
  likelySubtags, zoneinfo64, metaZones, timezoneTypes, ucadata, normalization, cnvalias, …);

and leaves out what Qt never asks for: break-iterator dictionaries and rules, transliterators,
units, currencies, number spell-out (rbnf), StringPrep profiles, character names, spoof data
and the converter tables (Qt's codecs for UTF-8/16/32 and Latin-1 are built in; the app reads
and writes UTF-8 only). A locale left out falls back to root, as ICU does for any missing one.

The data is ICU's "common data" package (format "CmnD"): a header, a table of contents
(name offset, data offset) sorted by name, the names, then the items, each 16-byte aligned.
The new package is wrapped in a shared library with the same soname exporting the same
`icudtNN_dat` symbol (binutils' `as` and `ld`), so Qt's libicuuc loads it unchanged.

Command line (to inspect): python .ci/trim_icu.py LIBICUDATA OUT_DIR
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

KEPT_LOCALE_TREES = ("coll", "zone", "region", "lang")
KEPT_LOCALES = re.compile(r"(root|pool|res_index|(en|vi)(_[A-Za-z0-9]+)*)\.res")
LOCALE_BUNDLE = re.compile(r"[a-z]{2,3}(_[A-Za-z0-9]+)*\.res")
DROPPED_TOP_LEVEL = re.compile(r".*\.(cnv|spp|cfu)|unames\.icu")
ALIGNMENT = 16


def keep_item(name: str) -> bool:
    """`name` as stored in the package, e.g. "icudt73l/coll/vi.res"."""
    parts = name.split("/")[1:]
    if len(parts) > 1:  # a tree: coll/, zone/, brkitr/, translit/, …
        if parts[0] not in KEPT_LOCALE_TREES:
            return False
        # a tree's locale bundles for the kept locales, and its other data (coll/ucadata.icu)
        return not parts[-1].endswith(".res") or KEPT_LOCALES.fullmatch(parts[-1]) is not None
    item = parts[0]
    if LOCALE_BUNDLE.fullmatch(item):
        return KEPT_LOCALES.fullmatch(item) is not None
    return DROPPED_TOP_LEVEL.fullmatch(item) is None


def read_package(data: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """(header, [(name, item bytes)]) of a common data package (little-endian)."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", data, 0)
    if (magic1, magic2) != (0xDA, 0x27) or data[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    toc = header_size
    (count,) = struct.unpack_from("<I", data, toc)
    entries = [struct.unpack_from("<II", data, toc + 4 + 8 * i) for i in range(count)]
    items = []
    for index, (name_offset, data_offset) in enumerate(entries):
        name_end = data.index(b"\0", toc + name_offset)
        name = data[toc + name_offset : name_end].decode("ascii")
        end = entries[index + 1][1] if index + 1 < count else len(data) - toc
        items.append((name, data[toc + data_offset : toc + end]))
    return data[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The package with `items` (kept in the original, sorted order)."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    names_start = 4 + 8 * len(items)
    data_start = _aligned(names_start + len(names))
    toc = bytearray(struct.pack("<I", len(items)))
    body = bytearray()
    name_offset = names_start
    for name, item in items:
        toc += struct.pack("<II", name_offset, data_start + len(body))
        name_offset += len(name) + 1
        body += item + b"\0" * (_aligned(len(item)) - len(item))
    toc += names
    toc += b"\0" * (data_start - len(toc))
    return header + bytes(toc) + bytes(body)


def _aligned(size: int) -> int:
    return (size + ALIGNMENT - 1) // ALIGNMENT * ALIGNMENT


def _data_symbol(library: Path) -> tuple[str, int]:
    """(name, size) of the `icudtNN_dat` symbol the library exports."""
    listing = subprocess.run(
        ["readelf", "-W", "--dyn-syms", str(library)], capture_output=True, text=True, check=True
    ).stdout
    for line in listing.splitlines():
        fields = line.split()
        if len(fields) >= 8 and re.fullmatch(r"icudt\d+_dat", fields[7]):
            return fields[7], int(fields[2], 0)
    raise ValueError(f"{library.name} exports no icudtNN_dat symbol")


def _soname(library: Path) -> str:
    listing = subprocess.run(
        ["readelf", "-d", str(library)], capture_output=True, text=True, check=True
    ).stdout
    found = re.search(r"\(SONAME\)\s+Library soname: \[([^\]]+)\]", listing)
    return found.group(1) if found else library.name


def extract_package(library: Path) -> bytes:
    symbol, size = _data_symbol(library)
    blob = library.read_bytes()
    start = blob.find(b"CmnD") - 12
    while start >= 0:
        header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, start)
        if (magic1, magic2) == (0xDA, 0x27) and header_size < 1024:
            return blob[start : start + size]
        start = blob.find(b"CmnD", start + 13) - 12
    raise ValueError(f"no {symbol} data found in {library.name}")


def trimmed_icu_library(library: Path, work: Path) -> tuple[Path, dict[str, int]]:
    """Build `work/<soname>` from `library`; returns it and a few figures for the build log."""
    for tool in ("readelf", "as", "ld"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"trim_icu: `{tool}` (binutils) is needed")
    work.mkdir(parents=True, exist_ok=True)
    symbol, _size = _data_symbol(library)
    header, items = read_package(extract_package(library))
    kept = [(name, item) for name, item in items if keep_item(name)]
    package = work / f"{symbol.removesuffix('_dat')}l.dat"
    package.write_bytes(write_package(header, kept))
    source = work / "icudata.s"
    source.write_text(
        "\t.section .rodata\n"
        f"\t.globl {symbol}\n"
        f"\t.type {symbol}, @object\n"
        f"\t.balign {ALIGNMENT}\n"
        f"{symbol}:\n"
        f'\t.incbin "{package.name}"\n'
        f"\t.size {symbol}, . - {symbol}\n"
        '\t.section .note.GNU-stack,"",@progbits\n',
        encoding="ascii",
    )
    soname = _soname(library)
    output = work / soname
    subprocess.run(["as", "-o", "icudata.o", source.name], cwd=work, check=True)
    subprocess.run(
        ["ld", "-shared", "-z", "noexecstack", "-soname", soname, "-o", soname, "icudata.o"],
        cwd=work,
        check=True,
    )
    figures = {
        "items": len(items),
        "kept_items": len(kept),
        "original_bytes": library.stat().st_size,
        "trimmed_bytes": output.stat().st_size,
    }
    return output, figures


if __name__ == "__main__":
    built, numbers = trimmed_icu_library(Path(sys.argv[1]), Path(sys.argv[2]))
    print(built, numbers)
