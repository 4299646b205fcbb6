"""A residence as one line of text (a CCCD scan, a typed address) against the two-level units.

A chip-CCCD QR carries the whole residence, "Số 5 Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà
Nội"; the intake form keeps the street part in Địa chỉ and the commune (and its province) as
codes, and the forms print them joined. :func:`split_residence` finds the commune and province
named at the end of such a line, the current names (1 July 2025) and the pre-2025 ones: an old
district level ("Quận Hoàn Kiếm", "Huyện …", "Thị xã …") and the 29 provinces merged or renamed
by Resolution 202/2025/QH15 ("Tỉnh Hà Giang" -> Tuyên Quang). :func:`full_address` joins a
street part with a commune and province and drops any of them the street part already ends
with, so nothing is printed twice whatever was typed or scanned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from counter_app.domain import addresses
from counter_app.domain.addresses import Commune, ProvinceInfo
from counter_app.domain.text import fold, nfc

__all__ = ["Residence", "full_address", "split_residence"]

# Pre-2025 provinces that no longer exist under their name -> the province they are part of
# now (Resolution 202/2025/QH15, in force 12 June 2025). Folded, type prefix removed.
OLD_PROVINCES: dict[str, str] = {
    "ha giang": "tuyen quang",
    "yen bai": "lao cai",
    "bac kan": "thai nguyen",
    "vinh phuc": "phu tho",
    "hoa binh": "phu tho",
    "bac giang": "bac ninh",
    "thai binh": "hung yen",
    "hai duong": "hai phong",
    "ha nam": "ninh binh",
    "nam dinh": "ninh binh",
    "quang binh": "quang tri",
    "quang nam": "da nang",
    "kon tum": "quang ngai",
    "binh dinh": "gia lai",
    "ninh thuan": "khanh hoa",
    "dak nong": "lam dong",
    "binh thuan": "lam dong",
    "phu yen": "dak lak",
    "binh duong": "ho chi minh",
    "ba ria vung tau": "ho chi minh",
    "binh phuoc": "dong nai",
    "long an": "tay ninh",
    "soc trang": "can tho",
    "hau giang": "can tho",
    "ben tre": "vinh long",
    "tra vinh": "vinh long",
    "tien giang": "dong thap",
    "bac lieu": "ca mau",
    "kien giang": "an giang",
    "thua thien hue": "hue",
}
# Typed abbreviations of current names.
_PROVINCE_ALIASES = {"hcm": "ho chi minh", "tphcm": "ho chi minh", "sai gon": "ho chi minh"}
# Folded type words of a unit name, with their abbreviations (a trailing space is part of it).
_PROVINCE_TYPES = ("thanh pho ", "tinh ", "tp. ", "tp.", "tp ")
_DISTRICT_TYPES = ("quan ", "huyen ", "thi xa ", "thanh pho ", "tp. ", "tp.", "tp ", "q. ", "q.",
                   "h. ", "h.", "tx. ", "tx.")  # fmt: skip
_COMMUNE_TYPES = ("phuong ", "xa ", "thi tran ", "dac khu ", "p. ", "p.", "x. ", "x.", "tt. ",
                  "tt.")  # fmt: skip
_COMMUNE_TYPE_NAMES = {"p.": "phuong", "x.": "xa", "tt.": "thi tran"}
_DASHES = re.compile(r"\s*[-–—]\s*")


@dataclass(frozen=True)
class Residence:
    """A residence line read against the units.

    `street` is what comes before the units found; `commune`/`province` are the current units
    (a province read from an old name is the one it merged into); `old_units` are the pre-2025
    unit names read from the line (old commune, district, province), for the officer to see.
    """

    text: str
    street: str
    commune: Commune | None = None
    province: ProvinceInfo | None = None
    old_units: tuple[str, ...] = field(default=())

    @property
    def address_field(self) -> str:
        """What the intake form's Địa chỉ keeps: the street part when the commune was found
        (the commune and province are then codes), else the whole line (nothing is lost)."""
        return self.street if self.commune is not None else self.text


def _key(text: str) -> str:
    """Folded, dashes and spaces evened out: "Bà Rịa–Vũng Tàu" -> "ba ria vung tau"."""
    return " ".join(_DASHES.sub(" ", fold(text)).split())


def _strip_type(key: str, types: tuple[str, ...]) -> tuple[str, str] | None:
    """(type word, rest) when `key` starts with one of `types` and has a name after it."""
    for prefix in types:
        if key.startswith(prefix) and key[len(prefix) :].strip():
            return prefix.strip(), key[len(prefix) :].strip()
    return None


@cache
def _provinces_by_key() -> dict[str, ProvinceInfo]:
    found: dict[str, ProvinceInfo] = {}
    for item in addresses.provinces():
        key = _key(item.name)
        stripped = _strip_type(key, _PROVINCE_TYPES)
        found[stripped[1] if stripped else key] = item
    return found


def _province_of(part: str) -> tuple[ProvinceInfo, bool] | None:
    """The province a tail part names: (current province, named by a pre-2025 name)."""
    key = _key(part)
    stripped = _strip_type(key, _PROVINCE_TYPES)
    bare = stripped[1] if stripped else key
    current = _provinces_by_key()
    bare = _PROVINCE_ALIASES.get(bare, bare)
    if bare in current:
        return current[bare], False
    if bare in OLD_PROVINCES:
        return current[OLD_PROVINCES[bare]], True
    return None


def _commune_key(part: str) -> str | None:
    """The folded full commune name ("phuong hoan kiem") of a part shaped like one."""
    stripped = _strip_type(_key(part), _COMMUNE_TYPES)
    if stripped is None:
        return None
    kind, name = stripped
    return f"{_COMMUNE_TYPE_NAMES.get(kind, kind)} {name}"


def _commune_in(part: str, province: ProvinceInfo) -> Commune | None:
    """The province's one commune this part names (type word required), or None."""
    key = _commune_key(part)
    if key is None:
        return None
    candidates = [c for c in addresses.communes_of(province.code) if _key(c.name) == key]
    if len(candidates) > 1:  # e.g. "Xã Văn Lang" and "Xã Vân Lang" fold alike
        exact = nfc(part).casefold()
        candidates = [c for c in candidates if c.name.casefold() == exact]
    return candidates[0] if len(candidates) == 1 else None


def _is_district(part: str) -> bool:
    return _strip_type(_key(part), _DISTRICT_TYPES) is not None


def split_residence(text: str | None) -> Residence:
    """Read the commune and province at the end of a residence line (comma-separated).

    Current form: "<street>, <commune>, <province>". Pre-2025 form: "<street>, <old commune>,
    <district>, <old province>": the province is mapped to the current one, and the commune is
    taken when the province has exactly one current commune of that name; otherwise only the
    province is known and the officer picks the commune. A line whose tail names no known
    province (or no province at all) keeps everything in `street`. Never raises.
    """
    line = nfc(text)
    parts = [part.strip() for part in line.split(",")]
    parts = [part for part in parts if part]
    if not parts:
        return Residence(text=line, street=line)
    found = _province_of(parts[-1])
    if found is None:
        return Residence(text=line, street=line)
    province, old_province = found
    rest = parts[:-1]
    old: list[str] = [parts[-1]] if old_province else []
    if rest and _is_district(rest[-1]) and _commune_key(rest[-1]) is None:
        old.insert(0, rest.pop())
    commune = _commune_in(rest[-1], province) if rest else None
    if commune is not None:
        if old:  # a pre-2025 commune name that still exists
            old.insert(0, rest[-1])
        rest = rest[:-1]
    elif old and rest and _commune_key(rest[-1]) is not None:
        old.insert(0, rest[-1])
        rest = rest[:-1]
    return Residence(
        text=line,
        street=", ".join(rest),
        commune=commune,
        province=province,
        old_units=tuple(old),
    )


def _repeats_commune(part: str, commune_name: str) -> bool:
    key, name = _key(part), _key(commune_name)
    if not name:
        return False
    if key == name or _commune_key(part) == _commune_key(commune_name):
        return True
    stripped = _strip_type(name, _COMMUNE_TYPES)
    return stripped is not None and key == stripped[1]


def _repeats_province(part: str, province_name: str) -> bool:
    if not _key(province_name):
        return False
    named = _province_of(part)
    current = _province_of(province_name)
    if named is None:
        return False
    if current is None:  # a province name outside the data: compare the text itself
        return _key(part) == _key(province_name)
    return named[0] == current[0]


def _repeated_tail(parts: list[str], commune: str, province: str) -> int:
    """How many trailing parts repeat the commune or province (0: none)."""
    last = parts[-1]
    if _repeats_province(last, province) or _repeats_commune(last, commune):
        return 1
    # "…, Xã Vị Xuyên, Huyện Vị Xuyên" before "Xã Vị Xuyên, Tuyên Quang": the old district
    # of a commune that kept its name is gone with the district level.
    if len(parts) > 1 and _is_district(last) and _repeats_commune(parts[-2], commune):
        return 2
    return 0


def full_address(street: str | None, commune_name: str | None, province_name: str | None) -> str:
    """The printed address: street part, commune, province, comma-separated, without
    repeating a unit the street part already ends with (as typed or scanned: "…, Phường Hoàn
    Kiếm, Thành phố Hà Nội", "…, Hà Nội", an old province that merged into this one)."""
    commune, province = nfc(commune_name), nfc(province_name)
    parts = [part.strip() for part in nfc(street).split(",") if part.strip()]
    while parts and (repeated := _repeated_tail(parts, commune, province)):
        del parts[-repeated:]
    return ", ".join(part for part in (", ".join(parts), commune, province) if part)
