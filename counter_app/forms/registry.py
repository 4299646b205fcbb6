"""The one table of printed forms: what each is called, how it is drawn, what it needs.

Printing (`service.prints`, counter_app/services/prints.py), the `print` command and the GUI's print log all read
this table, so a new form is one renderer plus one `FormSpec` row in `FORMS`. The register
(Mẫu 07, Sổ theo dõi) and the daily hand-over list cover many dossiers rather than one, so
they stay their own functions (`render_register` / `service.prints.register`,
`render_handover_list` / `service.prints.handover_list`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from counter_app.domain.status import Status

from .counter_sheets import render_handback
from .followup import (
    render_apology,
    render_control,
    render_refusal,
    render_stop,
    render_supplement,
)
from .receipt import DEFAULT_COPIES, PAPERS, render_receipt

# Paper sizes the counter prints on; a form without its own narrow layout prints A4 whatever
# the setting says, and the print log still records the paper the officer chose.
PAPER_SIZES: tuple[str, ...] = tuple(PAPERS)

EventArguments = Callable[[dict[str, Any]], dict[str, Any]]
RecordSource = Callable[[dict[str, Any]], dict[str, Any] | None]


class FormError(LookupError):
    """A form that is not in the table, or a dossier without the event the form prints.

    `service.prints` turns it into the service's InputError on field "form"."""


@dataclass(frozen=True)
class FormSpec:
    """One printed form.

    `renderer(dossier, centre, **arguments)` returns PDF bytes. When `from_status` is set,
    the form prints the dossier's last change to that status, and `arguments(event)` turns
    that event into the renderer's keyword arguments; `missing_event` is the message when
    the dossier never reached it. A form printed from another record (e.g. an appointment
    move) names it with `source(dossier)` instead, read the same way. `papers` lists the sizes the renderer lays out itself
    (passed as `paper=`; empty: A4 only, nothing passed); `marks_reprint` says the renderer
    takes `reprint=` and marks a reprint. `copies` are the labels the print log records.
    `file_stem` names the saved file (`file_name`): Vietnamese without diacritics, so it
    survives every file system, USB stick and e-mail client.
    """

    key: str
    title: str
    short_title: str
    english_title: str
    file_stem: str
    renderer: Callable[..., bytes]
    from_status: Status | None = None
    source: RecordSource | None = None
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
        if self.from_status is not None or self.source is not None:
            if self.source is not None:
                event = self.source(dossier)
            else:
                event = last_event(dossier, self.from_status)  # type: ignore[arg-type]
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


def last_move(dossier: dict[str, Any]) -> dict[str, Any] | None:
    """The dossier's latest appointment move to a later date (the one Mẫu 04 apologises for)."""
    moves = [
        change
        for change in dossier.get("due_changes") or []
        if change["kind"] == "moved" and (change["old_due"] or "") < change["new_due"]
    ]
    return moves[-1] if moves else None


def _supplement_arguments(event: dict[str, Any]) -> dict[str, Any]:
    return {
        "items": event["detail"].get("documents", []),
        "reason": event["reason"],
        "officer_name": event["by_name"],
        "officer_phone": event.get("by_phone", ""),
    }


def _apology_arguments(move: dict[str, Any]) -> dict[str, Any]:
    return {
        "reason": move["reason"],
        "old_due": move["old_due"] or "",
        "new_due": move["new_due"],
        "officer_name": move.get("by_name") or move["by"],
        "at": move["at"],
    }


def _stop_arguments(event: dict[str, Any]) -> dict[str, Any]:
    return {"reason": event["reason"], "officer_name": event["by_name"]}


def _handback_arguments(event: dict[str, Any]) -> dict[str, Any]:
    return {
        "documents": event["detail"].get("documents", []),
        "officer_name": event["by_name"],
        "at": event["at"],
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
            file_stem="bien-nhan",
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
            file_stem="yeu-cau-bo-sung",
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
            file_stem="tu-choi-tiep-nhan",
            renderer=render_refusal,
            from_status=Status.REFUSED,
            arguments=_refusal_arguments,
            missing_event="Hồ sơ chưa bị từ chối tiếp nhận (trạng thái 3) để in Mẫu 03",
        ),
        FormSpec(
            key="apology",
            title="Mẫu 04 - Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
            short_title="Mẫu 04 - Xin lỗi, gia hạn",
            english_title="Form 04 - Apology and extension of the processing time",
            file_stem="xin-loi-gia-han",
            renderer=render_apology,
            source=last_move,
            arguments=_apology_arguments,
            missing_event="Hồ sơ chưa được dời ngày hẹn trả muộn hơn để in Mẫu 04",
        ),
        FormSpec(
            key="stop",
            title="Mẫu 05 - Thông báo dừng giải quyết hồ sơ",
            short_title="Mẫu 05 - Dừng giải quyết",
            english_title="Form 05 - Notice that processing is stopped",
            file_stem="dung-giai-quyet",
            renderer=render_stop,
            from_status=Status.STOPPED,
            arguments=_stop_arguments,
            missing_event="Hồ sơ chưa bị dừng xử lý (trạng thái 8) để in Mẫu 05",
        ),
        FormSpec(
            key="control",
            title="Mẫu 06 - Phiếu kiểm soát quá trình giải quyết hồ sơ",
            short_title="Mẫu 06 - Phiếu kiểm soát",
            english_title="Form 06 - Dossier processing control sheet",
            file_stem="phieu-kiem-soat",
            renderer=render_control,
        ),
        FormSpec(
            key="handback",
            title="Phiếu giao nhận kết quả giải quyết hồ sơ",
            short_title="Phiếu giao nhận kết quả",
            english_title="Result hand-back slip",
            file_stem="giao-nhan-ket-qua",
            renderer=render_handback,
            from_status=Status.RETURNED,
            arguments=_handback_arguments,
            missing_event="Hồ sơ chưa trả kết quả (trạng thái 10) để in phiếu giao nhận kết quả",
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


def file_name(key: str, code: str) -> str:
    """The suggested file name of a form saved as PDF, e.g. bien-nhan-<code>.pdf."""
    stem = FORMS[key].file_stem if key in FORMS else "bieu-mau"
    return f"{stem}-{code}.pdf" if code else f"{stem}.pdf"


def form_titles(*, short: bool = False, english: bool = False) -> dict[str, str]:
    """Every form's title by key, in table order."""
    return {key: form_title(key, short=short, english=english) for key in FORMS}
