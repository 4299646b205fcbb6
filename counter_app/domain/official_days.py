"""Official day-off decisions reviewed against the `holidays` package (DESIGN §6).

`holidays` (0.109, country VN) knows the statutory holidays and some swaps, but not every
decision of the Government Office. Each 2026 entry the package knows was reviewed and the
decision recorded here either way, with its source; :data:`SEED_2026` are the rows the
store seeds into ``holiday_overrides`` (source ``"seed"``) so that the due-date engine and
``holiday list`` show them. The portal's overrides of the same day replace a seed row on sync.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["SEED_SOURCE", "OfficialDay", "REVIEWED_2026", "SEED_2026"]

SEED_SOURCE = "seed"

_VPCP_2026 = "Công văn 12729/VPCP-KGVX của Văn phòng Chính phủ (lịch nghỉ năm 2026)"
_LABOUR_CODE = "Bộ luật Lao động 2019, Điều 112 (sửa đổi 2024: Quốc khánh 2 ngày)"
_LUNAR_NEW_YEAR = _LABOUR_CODE + "; ngày cụ thể do Thủ tướng quyết định (chưa đối chiếu được)"


@dataclass(frozen=True)
class OfficialDay:
    """One reviewed day: ``working`` as decided, whether the package already agrees, and why."""

    day: date
    working: bool
    note: str
    source: str
    package_agrees: bool  # False: the package is missing it, so the seed changes the calendar

    @property
    def override_note(self) -> str:
        """The note stored with the override: what the day is, then its source."""
        return f"{self.note} — {self.source}"


REVIEWED_2026: tuple[OfficialDay, ...] = (
    # Decisions the package does not know.
    OfficialDay(
        date(2026, 1, 2), False, "Nghỉ (hoán đổi với thứ Bảy 10/01/2026)", _VPCP_2026, False
    ),
    OfficialDay(date(2026, 1, 10), True, "Làm việc bù cho thứ Sáu 02/01/2026", _VPCP_2026, False),
    # Package entries, reviewed: kept as the package has them.
    OfficialDay(date(2026, 1, 1), False, "Tết Dương lịch", _LABOUR_CODE, True),
    OfficialDay(date(2026, 2, 16), False, "Tết Nguyên đán (29 Tết)", _LUNAR_NEW_YEAR, True),
    OfficialDay(date(2026, 2, 17), False, "Tết Nguyên đán (Mùng một)", _LABOUR_CODE, True),
    OfficialDay(date(2026, 2, 18), False, "Tết Nguyên đán (Mùng hai)", _LABOUR_CODE, True),
    OfficialDay(date(2026, 2, 19), False, "Tết Nguyên đán (Mùng ba)", _LABOUR_CODE, True),
    OfficialDay(date(2026, 2, 20), False, "Tết Nguyên đán (Mùng bốn)", _LUNAR_NEW_YEAR, True),
    OfficialDay(date(2026, 4, 26), False, "Giỗ Tổ Hùng Vương (Chủ nhật)", _LABOUR_CODE, True),
    OfficialDay(
        date(2026, 4, 27),
        False,
        "Nghỉ bù Giỗ Tổ Hùng Vương (26/04 là Chủ nhật)",
        _LABOUR_CODE + ", khoản 3 (nghỉ bù)",
        True,
    ),
    OfficialDay(date(2026, 4, 30), False, "Ngày Chiến thắng", _LABOUR_CODE, True),
    OfficialDay(date(2026, 5, 1), False, "Ngày Quốc tế Lao động", _LABOUR_CODE, True),
    OfficialDay(
        date(2026, 8, 31),
        False,
        "Nghỉ (hoán đổi với thứ Bảy 22/08/2026) — CHƯA XÁC NHẬN văn bản, giữ như gói holidays",
        _VPCP_2026 + " (chưa đối chiếu được)",
        True,
    ),
    OfficialDay(
        date(2026, 8, 22),
        True,
        "Làm việc bù cho thứ Hai 31/08/2026 — CHƯA XÁC NHẬN văn bản, giữ như gói holidays",
        _VPCP_2026 + " (chưa đối chiếu được)",
        True,
    ),
    OfficialDay(date(2026, 9, 1), False, "Quốc khánh (ngày liền trước 02/09)", _LABOUR_CODE, True),
    OfficialDay(date(2026, 9, 2), False, "Quốc khánh", _LABOUR_CODE, True),
    OfficialDay(
        date(2026, 11, 24),
        False,
        "Ngày Văn hóa Việt Nam (nghỉ hưởng nguyên lương) — giữ như gói holidays",
        "Nghị quyết 80-NQ/TW của Bộ Chính trị (01/2026); văn bản sửa Điều 112 "
        "Bộ luật Lao động chưa đối chiếu được",
        True,
    ),
)

# Only the decisions the package lacks are seeded: a reviewed entry the package already has
# would add nothing but a row a technician has to read past in `holiday list`. A released
# year's seed is what its migration wrote: correct it with a new migration, not by editing.
SEED_2026: tuple[OfficialDay, ...] = tuple(d for d in REVIEWED_2026 if not d.package_agrees)
