"""Legal time: Vietnam is UTC+7 all year (no daylight saving since 1975)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")
STORAGE_FORMAT = "%Y-%m-%d %H:%M:%S"
# Receipts carry legal times: warn when the PC and the portal disagree by more (DESIGN §10).
CLOCK_SKEW_LIMIT = 300  # seconds


def now() -> datetime:
    """Current Vietnam wall-clock time, naive, to the second."""
    return datetime.now(VN_TZ).replace(tzinfo=None, microsecond=0)


def to_storage(moment: datetime) -> str:
    return moment.strftime(STORAGE_FORMAT)


def from_storage(text: str) -> datetime:
    """A stored 'YYYY-MM-DD HH:MM:SS'. The C ISO parser reads exactly that shape (~80x
    faster than strptime: a search page parses 50 due dates); anything else goes to
    strptime, which accepts or rejects it as before."""
    if len(text) == 19 and text[4] + text[7] + text[10] + text[13] + text[16] == "-- ::":
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            pass
    return datetime.strptime(text, STORAGE_FORMAT)


def parse_datetime(text: str) -> datetime:
    """Accept 'YYYY-MM-DD HH:MM[:SS]' or ISO 'YYYY-MM-DDTHH:MM[:SS]' (naive, Vietnam time)."""
    value = datetime.fromisoformat(text.strip().replace("T", " "))
    if value.tzinfo is not None:
        value = value.astimezone(VN_TZ).replace(tzinfo=None)
    return value


def parse_date(text: str) -> date:
    """Accept 'YYYY-MM-DD' or 'DD/MM/YYYY'."""
    text = text.strip()
    if "/" in text:
        return datetime.strptime(text, "%d/%m/%Y").date()
    return date.fromisoformat(text)
