"""The one table of printed forms: what each is called, how it is drawn, what it needs.

Printing (`service.prints`, counter_app/services/prints.py), the `print` command and the GUI's print log all read
this table, so a new form is one renderer plus one `FormSpec` row in `FORMS`. The register
(Sổ theo dõi) covers a range of dossiers rather than one, so it stays its own function
(`render_register`, `service.prints.register`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from counter_app.domain.status import Status

from .followup import render_control, render_refusal, render_supplement
from .receipt import DEFAULT_COPIES, PAPERS, render_receipt

# Paper sizes the counter prints on; a form without its own narrow layout prints A4 whatever
# the setting says, and the print log still records the paper the officer chose.
PAPER_SIZES: tuple[str, ...] = tuple(PAPERS)

EventArguments = Callable[[dict[str, Any]], dict[str, Any]]


class FormError(LookupError):
    """A form that is not in the table, or a dossier without the event the form prints.

    `service.prints` turns it into the service's InputError on field "form"."""


@dataclass(frozen=True)
class FormSpec:
    """One printed form.

    `renderer(dossier, centre, **arguments)` returns PDF bytes. When `from_status` is set,
    the form prints the dossier's last change to that status, and `arguments(event)` turns
    that event into the renderer's keyword arguments; `missing_event` is the message when
    the dossier never reached it. `papers` lists the sizes the renderer lays out itself
    (passed as `paper=`; empty: A4 only, nothing passed); `marks_reprint` says the renderer
    takes `reprint=` and marks a reprint. `copies` are the labels the print log records.
    """

    key: str
    title: str
    short_title: str
    english_title: str
    renderer: Callable[..., bytes]
    from_status: Status | None = None
    arguments: EventArguments | None = None
    missing_event: str = ""
    papers: tuple[str, ...] = ()
    marks_reprint: bool = False
    copies: tuple[str, ...] = ("1",)

    def render(
        self,
        dossier: dict[str, Any],
        centre: dict[str, Any],
        *,
        paper: str = "a4",
        reprint: bool = False,
    ) -> bytes:
        """The PDF of this form for a dossier; raises FormError if its event is missing."""
        options: dict[str, Any] = {}
        if self.from_status is not None:
            event = last_event(dossier, self.from_status)
            if event is None:
                raise FormError(self.missing_event)
            if self.arguments is not None:
                options.update(self.arguments(event))
        if self.papers:
            options["paper"] = paper
        if self.marks_reprint:
            options["reprint"] = reprint
        return self.renderer(dossier, centre, **options)


def last_event(dossier: dict[str, Any], status: Status) -> dict[str, Any] | None:
    """The dossier's most recent change to `status`, or None."""
    matching = [e for e in dossier["events"] if e["to_status"] == status]
    return matching[-1] if matching else None


def _supplement_arguments(event: dict[str, Any]) -> dict[str, Any]:
    return {
        "items": event["detail"].get("documents", []),
        "reason": event["reason"],
        "officer_name": event["by_name"],
    }


def _refusal_arguments(event: dict[str, Any]) -> dict[str, Any]:
    # Mẫu 03 lists one reason a line, as the officer typed them.
    reasons = [line.strip() for line in event["reason"].splitlines() if line.strip()]
    return {"reasons": reasons, "officer_name": event["by_name"]}


FORMS: dict[str, FormSpec] = {
    spec.key: spec
    for spec in (
        FormSpec(
            key="receipt",
            title="Mẫu 01 - Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
            short_title="Mẫu 01 - Giấy tiếp nhận",
            english_title="Form 01 - Dossier receipt and result appointment",
            renderer=render_receipt,
            papers=PAPER_SIZES,
            marks_reprint=True,
            copies=DEFAULT_COPIES,
        ),
        FormSpec(
            key="supplement",
            title="Mẫu 02 - Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
            short_title="Mẫu 02 - Yêu cầu bổ sung",
            english_title="Form 02 - Request to supplement the dossier",
            renderer=render_supplement,
            from_status=Status.SUPPLEMENT_REQUESTED,
            arguments=_supplement_arguments,
            missing_event="Hồ sơ chưa có yêu cầu bổ sung (trạng thái 5) để in Mẫu 02",
        ),
        FormSpec(
            key="refusal",
            title="Mẫu 03 - Phiếu từ chối tiếp nhận giải quyết hồ sơ",
            short_title="Mẫu 03 - Từ chối tiếp nhận",
            english_title="Form 03 - Refusal to accept the dossier",
            renderer=render_refusal,
            from_status=Status.REFUSED,
            arguments=_refusal_arguments,
            missing_event="Hồ sơ chưa bị từ chối tiếp nhận (trạng thái 3) để in Mẫu 03",
        ),
        FormSpec(
            key="control",
            title="Phiếu kiểm soát quá trình giải quyết hồ sơ",
            short_title="Phiếu kiểm soát",
            english_title="Dossier processing control sheet",
            renderer=render_control,
        ),
    )
}


def form_spec(key: str) -> FormSpec:
    """The table row for `key`; raises FormError naming the forms there are."""
    try:
        return FORMS[key]
    except KeyError:
        raise FormError(f"Không có mẫu '{key}' ({', '.join(FORMS)})") from None


def form_title(key: str, *, short: bool = False, english: bool = False) -> str:
    """A form's title for people (the key itself for a form no longer in the table)."""
    spec = FORMS.get(key)
    if spec is None:
        return key
    if english:
        return spec.english_title
    return spec.short_title if short else spec.title


def form_titles(*, short: bool = False, english: bool = False) -> dict[str, str]:
    """Every form's title by key, in table order."""
    return {key: form_title(key, short=short, english=english) for key in FORMS}
