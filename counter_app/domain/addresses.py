"""Two-level administrative units (province, commune) after the 1 July 2025 reform.

Data comes from the `vietnam-provinces` package: 34 provinces and 3,321 communes
(xã, phường, đặc khu). An accent-insensitive search index is built lazily, once
per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from counter_app.domain.text import fold, nfc


@dataclass(frozen=True)
class Commune:
    code: int
    name: str  # full name with its type prefix, e.g. "Phường Hoàn Kiếm"
    division_type: str  # "xã", "phường" or "đặc khu"
    province_code: int
    province_name: str


@dataclass(frozen=True)
class ProvinceInfo:
    code: int
    name: str  # e.g. "Thành phố Hà Nội", "Cao Bằng"


@dataclass(frozen=True)
class _Entry:
    """A searchable name: its folded full form and folded form without the type prefix."""

    full: str
    bare: str


@dataclass(frozen=True)
class _Index:
    communes: dict[int, Commune]
    provinces: dict[int, ProvinceInfo]
    communes_by_province: dict[int, list[Commune]]
    commune_entries: list[tuple[_Entry, Commune]]
    province_entries: list[tuple[_Entry, ProvinceInfo]]


# Folded type prefixes a user may type before a province name; the data only spells
# out "Thành phố" for the six centrally-run cities.
_PROVINCE_PREFIXES = ("thanh pho", "tinh", "tp.", "tp")
# Folded abbreviations commonly typed at counters -> folded bare province name.
_PROVINCE_ALIASES = {"hcm": "ho chi minh", "tphcm": "ho chi minh", "sai gon": "ho chi minh"}


def _strip_prefix(folded: str, prefixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        if folded.startswith(prefix):
            rest = folded[len(prefix) :]
            if prefix.endswith(".") or rest.startswith(" "):
                return rest.strip()
    return folded


def _without_type_prefix(name: str, division_type: str) -> str:
    if name.casefold().startswith(division_type.casefold() + " "):
        return name[len(division_type) + 1 :]
    return name


@cache
def _index() -> _Index:
    from vietnam_provinces import Province, Ward  # ~100 ms: on first use, not at start

    provinces_by_code = {
        int(item.code): ProvinceInfo(code=int(item.code), name=item.name)
        for item in sorted(Province.iter_all(), key=lambda p: int(p.code))
    }
    communes: dict[int, Commune] = {}
    by_province: dict[int, list[Commune]] = {code: [] for code in provinces_by_code}
    for ward in sorted(Ward.iter_all(), key=lambda w: int(w.code)):
        province_code = int(ward.province_code)
        item = Commune(
            code=int(ward.code),
            name=ward.name,
            division_type=ward.division_type.value,
            province_code=province_code,
            province_name=provinces_by_code[province_code].name,
        )
        communes[item.code] = item
        by_province[province_code].append(item)

    commune_entries = [
        (_Entry(full=fold(item.name), bare=fold(place_name(item))), item)
        for item in communes.values()
    ]
    province_entries = [
        (
            _Entry(full=fold(item.name), bare=_strip_prefix(fold(item.name), _PROVINCE_PREFIXES)),
            item,
        )
        for item in provinces_by_code.values()
    ]
    return _Index(communes, provinces_by_code, by_province, commune_entries, province_entries)


def _parse_code(code: int | str, error_message: str) -> int:
    if isinstance(code, int) and not isinstance(code, bool):
        return int(code)
    text = str(code).strip()
    if text.isascii() and text.isdigit():
        return int(text)
    raise ValueError(error_message)


def commune(code: int | str) -> Commune:
    """The commune with this code (int or digit string, leading zeros allowed)."""
    message = f"Mã xã/phường không tồn tại: {code}"
    found = _index().communes.get(_parse_code(code, message))
    if found is None:
        raise ValueError(message)
    return found


def province(code: int | str) -> ProvinceInfo:
    """The province with this code (int or digit string, leading zeros allowed)."""
    message = f"Mã tỉnh/thành phố không tồn tại: {code}"
    found = _index().provinces.get(_parse_code(code, message))
    if found is None:
        raise ValueError(message)
    return found


def provinces() -> list[ProvinceInfo]:
    """All provinces in official code order."""
    return list(_index().provinces.values())


def communes_of(province_code: int | str) -> list[Commune]:
    """The communes of a province in official code order; unknown province -> ValueError."""
    return list(_index().communes_by_province[province(province_code).code])


def _rank(query: str, entry: _Entry) -> int | None:
    """0 exact, 1 prefix, 2 substring, None no match; best over the full and bare names."""
    best: int | None = None
    for name in (entry.full, entry.bare):
        if name == query:
            rank = 0
        elif name.startswith(query):
            rank = 1
        elif query in name:
            rank = 2
        else:
            continue
        best = rank if best is None else min(best, rank)
    return best


def _has_diacritics(text: str) -> bool:
    return fold(text) != nfc(text).casefold()


_Item = TypeVar("_Item", Commune, ProvinceInfo)


def _search(query: str, entries: list[tuple[_Entry, _Item]], candidates: set[str]) -> list[_Item]:
    """Items matching any candidate (folded) query, best rank first."""
    candidates = {candidate for candidate in candidates if candidate}
    if not candidates:
        return []
    # When the user typed accents, names spelled exactly that way come first within a rank.
    accented = nfc(query).casefold() if _has_diacritics(query) else ""
    hits: list[tuple[int, bool, str, int, _Item]] = []
    for entry, item in entries:
        ranks = [rank for q in candidates if (rank := _rank(q, entry)) is not None]
        if ranks:
            accent_miss = bool(accented) and accented not in item.name.casefold()
            hits.append((min(ranks), accent_miss, entry.bare, item.code, item))
    hits.sort(key=lambda hit: hit[:4])
    return [hit[-1] for hit in hits]


def find_communes(query: str, province_code: int | None = None, limit: int = 20) -> list[Commune]:
    """Accent-insensitive commune search by name, with or without its type prefix.

    Exact-name matches first, then prefix, then substring matches; at most `limit`.
    A blank query finds nothing.
    """
    entries = _index().commune_entries
    if province_code is not None:
        wanted = province(province_code).code
        entries = [(entry, item) for entry, item in entries if item.province_code == wanted]
    # The index holds names with and without their type prefix, so the query is used as typed.
    return _search(query, entries, {fold(query)})[: max(limit, 0)]


def find_provinces(query: str) -> list[ProvinceInfo]:
    """Accent-insensitive province search ("ha noi", "tp ho chi minh", "Tỉnh Cao Bằng")."""
    folded = fold(query)
    bare = _strip_prefix(folded, _PROVINCE_PREFIXES)
    candidates = {folded, bare, _PROVINCE_ALIASES.get(bare, "")}
    return _search(query, _index().province_entries, candidates)


def place_name(commune: Commune) -> str:
    """Commune name without its type prefix, for "{place}, ngày … tháng … năm …" headers."""
    return _without_type_prefix(commune.name, commune.division_type)
