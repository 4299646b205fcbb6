"""A Qt-free model of the intake form (Electrum's payment_identifier): the GUI renders it,
the CLI runs received JSON through the same rules.

It holds what the officer typed, as typed (`set(field, value)`), and answers: the findings
of each field (`findings(field)`: (level, message) pairs, level "error" blocks saving,
"warning" does not), the derived values (`birth_date()`, `fees_total()`, `appointment()`),
the draft (`to_draft()`/`from_draft()`, the dict store/drafts.py keeps) and the data for
`service.intake.receive` (`receive_data()`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from counter_app.domain import clock, identity, limits, values
from counter_app.domain.appointments import WorkCalendar

ERROR, WARNING = "error", "warning"
DRAFT_VERSION = 1
# Text fields, in form order; `ward_code`/`procedure` hold what was picked from a list.
TEXT_FIELDS = (
    "full_name",
    "id_number",
    "old_id",
    "birth_date",
    "phone",
    "email",
    "address",
    "ward_text",
    "procedure_text",
    "notes",
)
CHECKED_FIELDS = (
    "full_name",
    "id_number",
    "old_id",
    "birth_date",
    "phone",
    "email",
    "commune",
    "address",
    "notes",
)
# The bound of each typed text field: the core's (rules.py) for the same value.
TEXT_BOUNDS = {
    "full_name": limits.NAME_MAX,
    "id_number": limits.SHORT_MAX,
    "old_id": limits.SHORT_MAX,
    "birth_date": limits.SHORT_MAX,
    "phone": limits.SHORT_MAX,
    "email": limits.EMAIL_MAX,
    "address": limits.TEXT_MAX,
    "notes": limits.TEXT_MAX,
}

# The form's own rule messages (Vietnamese, the GUI translates them); identity checks
# bring theirs from domain/identity.
MESSAGES = {
    "full_name.missing": "Chưa nhập họ tên người nộp.",
    "birth_date.format": "Ngày sinh phải có dạng ngày/tháng/năm, ví dụ 02/05/1990.",
    "birth_date.future": "Ngày sinh ở tương lai.",
    "birth_date.too_old": f"Người nộp hơn {limits.BIRTH_AGE_WARNING} tuổi? Kiểm tra lại năm sinh.",
    "birth_date.too_old_error": (
        f"Ngày sinh cách đây hơn {limits.BIRTH_AGE_MAX} năm / "
        f"born more than {limits.BIRTH_AGE_MAX} years ago"
    ),
    "commune.not_picked": "Chọn xã/phường trong danh sách gợi ý (Enter để chọn).",
    "procedure.missing": "Chưa chọn thủ tục (F6).",
}

_DMY = re.compile(r"(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})")
_DMY_COMPACT = re.compile(r"(\d{2})(\d{2})(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_birth_date(text: str) -> date | None:
    """'02/05/1990', '2-5-1990', '02051990' or '1990-05-02' -> date; '' -> None.

    Raises ValueError for anything else (including impossible dates).
    """
    value = text.strip()
    if not value:
        return None
    if match := _DMY.fullmatch(value) or _DMY_COMPACT.fullmatch(value):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO.fullmatch(value):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise ValueError(value)
    return date(year, month, day)


def format_date(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def check_birth_date(text: str, today: date) -> list[tuple[str, str]]:
    """Unparseable, future or over BIRTH_AGE_MAX years old: an error; over
    BIRTH_AGE_WARNING years old: a warning (a typo, most likely)."""
    try:
        day = parse_birth_date(text)
    except ValueError:
        return [(ERROR, MESSAGES["birth_date.format"])]
    if day is None:
        return []
    if day > today:
        return [(ERROR, MESSAGES["birth_date.future"])]
    if today.year - day.year > limits.BIRTH_AGE_MAX:
        return [(ERROR, MESSAGES["birth_date.too_old_error"])]
    if today.year - day.year > limits.BIRTH_AGE_WARNING:
        return [(WARNING, MESSAGES["birth_date.too_old"])]
    return []


@dataclass
class IntakeForm:
    """The intake form's state. `procedure` is the catalogue dict picked (or None);
    `documents` rows are {name, kind, count, checked}; `fees` rows {code, name, amount, paid}."""

    officer: str = ""
    full_name: str = ""
    id_type: str = "cccd"
    id_number: str = ""
    old_id: str = ""
    birth_date: str = ""
    sex: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    ward_code: int | None = None
    ward_text: str = ""
    procedure: dict[str, Any] | None = None
    procedure_text: str = ""
    rows_code: str = ""
    documents: list[dict[str, Any]] = field(default_factory=list)
    fees: list[dict[str, Any]] = field(default_factory=list)
    sets: int = 1
    return_method: str = "counter"
    notes: str = ""

    # -- editing ----------------------------------------------------------------
    def set(self, name: str, value: Any) -> None:
        if name not in self.__dataclass_fields__:
            raise KeyError(name)
        setattr(self, name, value)

    def choose_procedure(self, procedure: dict[str, Any] | None) -> None:
        """Pick a procedure: its documents (all checked) and fees become the form's rows."""
        self.procedure = procedure
        self.procedure_text = ""
        self.rows_code = procedure["code"] if procedure else ""
        self.documents = [
            {"name": d["name"], "kind": d["kind"], "count": d["count"], "checked": True}
            for d in (procedure["documents"] if procedure else [])
        ]
        self.fees = [dict(fee, paid=False) for fee in (procedure["fees"] if procedure else [])]

    def tidy_birth_date(self) -> str:
        """Rewrite a parseable birth date as dd/mm/yyyy (left as typed otherwise)."""
        try:
            day = parse_birth_date(self.birth_date)
        except ValueError:
            return self.birth_date
        if day is not None:
            self.birth_date = format_date(day)
        return self.birth_date

    # -- rules ------------------------------------------------------------------
    def findings(self, name: str, *, today: date | None = None) -> list[tuple[str, str]]:
        if name in TEXT_BOUNDS and (bounded := self._bound_findings(name)):
            return bounded
        if name == "full_name":
            return [] if self.full_name.strip() else [(ERROR, MESSAGES["full_name.missing"])]
        if name == "id_number":
            if not self.id_number.strip():
                return []
            found = identity.check_id_number(
                self.id_number,
                self.id_type,
                birth_date=self.parsed_birth_date(),
                sex=self.sex or None,
            )
            return [(f.level, f.message) for f in found]
        if name == "old_id":
            if not self.old_id.strip():
                return []
            return [(f.level, f.message) for f in identity.check_id_number(self.old_id, "cmnd")]
        if name == "birth_date":
            return check_birth_date(self.birth_date, today or clock.now().date())
        if name == "phone":
            return [(f.level, f.message) for f in identity.check_phone(self.phone)]
        if name == "email":
            return [(f.level, f.message) for f in identity.check_email(self.email)]
        if name == "commune":
            if self.ward_text.strip() and self.ward_code is None:
                return [(ERROR, MESSAGES["commune.not_picked"])]
            return []
        if name == "procedure":
            return [] if self.procedure is not None else [(ERROR, MESSAGES["procedure.missing"])]
        return []

    def _bound_findings(self, name: str) -> list[tuple[str, str]]:
        """Too long, not text, or with control characters: the core would refuse it."""
        try:
            values.text(
                getattr(self, name), name, max_len=TEXT_BOUNDS[name], multiline=name == "notes"
            )
        except values.InputError as exc:
            return [(ERROR, exc.message)]
        return []

    def errors(self, *, today: date | None = None) -> dict[str, list[str]]:
        """Blocking problems by field, in form order; empty when the form can be saved."""
        return self._by_level(ERROR, today)

    def warnings(self, *, today: date | None = None) -> dict[str, list[str]]:
        return self._by_level(WARNING, today)

    def _by_level(self, level: str, today: date | None) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for name in (*CHECKED_FIELDS, "procedure"):
            messages = [m for lvl, m in self.findings(name, today=today) if lvl == level]
            if messages:
                found[name] = messages
        return found

    # -- derived values -----------------------------------------------------------
    def parsed_birth_date(self) -> date | None:
        try:
            return parse_birth_date(self.birth_date)
        except ValueError:
            return None

    def fees_total(self) -> int:
        return sum(int(fee.get("amount") or 0) for fee in self.fees)

    def appointment(self, calendar: WorkCalendar, now: datetime | None = None) -> datetime | None:
        """The appointment if the dossier were saved now; None without a procedure."""
        if self.procedure is None:
            return None
        return calendar.due_for(now or clock.now(), self.procedure)

    def is_empty(self) -> bool:
        draft = self.to_draft()
        texts = (*TEXT_FIELDS, "procedure_code")
        return not any(str(draft.get(key) or "").strip() for key in texts)

    # -- draft and receive data -------------------------------------------------------
    def to_draft(self) -> dict[str, Any]:
        """Everything typed, JSON-serialisable: the dict store/drafts.py keeps."""
        return {
            "v": DRAFT_VERSION,
            "full_name": self.full_name,
            "id_type": self.id_type,
            "id_number": self.id_number,
            "old_id": self.old_id,
            "birth_date": self.birth_date,
            "sex": self.sex,
            "phone": self.phone,
            "email": self.email,
            "address": self.address,
            "ward_code": self.ward_code,
            "ward_text": self.ward_text,
            "procedure_code": self.procedure["code"] if self.procedure else "",
            "procedure_text": self.procedure_text if self.procedure is None else "",
            "rows_code": self.rows_code,
            "documents": [dict(d) for d in self.documents],
            "fees": [dict(f) for f in self.fees],
            "sets": self.sets,
            "return_method": self.return_method,
            "notes": self.notes,
        }

    @classmethod
    def from_draft(
        cls, draft: dict[str, Any], *, officer: str = "", procedure: dict[str, Any] | None = None
    ) -> IntakeForm:
        """The form of a saved draft; `procedure` is the catalogue entry of its procedure_code
        (looked up by the caller, who has the service)."""
        form = cls(officer=officer, procedure=procedure)
        for name in (*TEXT_FIELDS, "id_type", "sex", "rows_code", "return_method"):
            if draft.get(name) is not None:
                setattr(form, name, str(draft[name]))
        form.ward_code = draft.get("ward_code")
        form.documents = [dict(d) for d in draft.get("documents") or []]
        form.fees = [dict(f) for f in draft.get("fees") or []]
        form.sets = int(draft.get("sets") or 1)
        return form

    def receive_data(self, *, old_id_label: str = "Số CMND cũ: {n}") -> dict[str, Any]:
        """The `service.intake.receive` data for this form; an old ID number goes in the notes."""
        birth = self.parsed_birth_date()
        notes = self.notes.strip()
        old_id = identity.normalise_id_number(self.old_id)
        if old_id:
            notes = "; ".join(x for x in (old_id_label.format(n=old_id), notes) if x)
        return {
            "procedure_code": self.procedure["code"] if self.procedure else "",
            "applicant": {
                "full_name": self.full_name,
                "id_number": self.id_number,
                "id_type": self.id_type,
                "birth_date": birth.isoformat() if birth else "",
                "sex": self.sex,
                "phone": self.phone,
                "email": self.email.strip(),
                "address": self.address,
                "ward_code": self.ward_code,
            },
            "documents": [
                {"name": d["name"], "kind": d["kind"], "count": d["count"]}
                for d in self.documents
                if d.get("checked", True) and d["name"]
            ],
            "fees": [dict(f) for f in self.fees],
            "sets": self.sets,
            "officer": self.officer,
            "channel": "counter",
            "return_method": self.return_method,
            "notes": notes,
        }
