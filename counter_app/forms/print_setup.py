"""Which printer and paper each form goes to, as offices print: the receipt on an 80 mm
thermal roll at the counter, Mẫu 02/03 and the register on the A4 laser.

The choices live in the counter's setting ``form_printing`` (one entry per form: printer,
paper, direct print without preview); a form without an entry uses the counter's general
``printer`` and, for the receipt, the general ``paper``. The forms that can be printed are the
rows of ``registry.FORMS`` plus the two lists that cover many dossiers (the register, Mẫu 07,
and the daily hand-over list). A form offers only the papers it lays out itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import labels
from .registry import FORMS

A4 = "a4"
# Form key -> (title shown in the settings, papers it can be laid out on).
PRINTED_FORMS: dict[str, tuple[str, tuple[str, ...]]] = {
    **{key: (spec.short_title, spec.papers or (A4,)) for key, spec in FORMS.items()},
    "register": ("Mẫu 07 - Sổ theo dõi hồ sơ", (A4,)),
    "handover": (labels.HANDOVER_LIST_TITLE.capitalize(), (A4,)),
}
PRINTER_NAME_MAX = 200


@dataclass(frozen=True)
class PrintChoice:
    """Where one form goes: `printer` "" is the system's default printer; `direct` prints
    without showing the preview first."""

    printer: str = ""
    paper: str = A4
    direct: bool = False

    def as_setting(self) -> dict[str, Any]:
        return {"printer": self.printer, "paper": self.paper, "direct": self.direct}


def print_choice(settings: Mapping[str, Any], form: str) -> PrintChoice:
    """The printer, paper and direct flag of `form` from the counter's settings."""
    papers = PRINTED_FORMS.get(form, ("", (A4,)))[1]
    entry = (settings.get("form_printing") or {}).get(form) or {}
    fallback_paper = (settings.get("paper") or A4) if form == "receipt" else A4
    paper = entry.get("paper") or fallback_paper
    return PrintChoice(
        printer=str(entry.get("printer") or settings.get("printer") or ""),
        paper=paper if paper in papers else A4,
        direct=bool(entry.get("direct")),
    )


def clean_form_printing(value: Any) -> dict[str, dict[str, Any]]:
    """The ``form_printing`` setting checked and tidied; ValueError names the bad entry."""
    if not isinstance(value, Mapping):
        raise ValueError("Cấu hình in theo mẫu phải là một bảng {mẫu: {printer, paper, direct}}")
    clean: dict[str, dict[str, Any]] = {}
    for form, entry in value.items():
        if form not in PRINTED_FORMS:
            raise ValueError(f"Không có mẫu '{form}' để chọn máy in ({', '.join(PRINTED_FORMS)})")
        title, papers = PRINTED_FORMS[form]
        if not isinstance(entry, Mapping) or set(entry) - {"printer", "paper", "direct"}:
            raise ValueError(f"{title}: chỉ nhận printer, paper, direct")
        printer = entry.get("printer") or ""
        if not isinstance(printer, str) or len(printer) > PRINTER_NAME_MAX:
            raise ValueError(f"{title}: tên máy in phải là chữ, tối đa {PRINTER_NAME_MAX} ký tự")
        paper = entry.get("paper") or A4
        if paper not in papers:
            raise ValueError(f"{title}: khổ giấy '{paper}' không dùng được ({', '.join(papers)})")
        direct = entry.get("direct", False)
        if not isinstance(direct, bool):
            raise ValueError(f"{title}: 'direct' phải là true hoặc false")
        clean[form] = PrintChoice(printer.strip(), paper, direct).as_setting()
    return clean
