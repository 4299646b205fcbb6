"""SỔ THEO DÕI HỒ SƠ: the dossier tracking book for a period, landscape A4."""

from __future__ import annotations

from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from counter_app.domain import clock
from counter_app.domain.status import (
    COMPLETION_REQUESTED,
    NOT_RECEIVED,
    RECEIVED,
    RECEPTION_NAMES,
    REFUSED,
)

from . import labels, layout
from .formats import parse_moment, short_date, status_text
from .layout import PageDecor, PageSpec, Section, para, text
from .receipt import applicant_address, centre_unit

TITLE = labels.REGISTER_TITLE
RETURNED_STATUS = 10
_BASE = 8.5
_PAGE = PageSpec(layout.A4_LANDSCAPE, left=12 * mm, right=12 * mm, top=12 * mm, bottom=15 * mm)
_DECOR = PageDecor(size=9, bottom=7 * mm, top=7 * mm, margin=12 * mm)
_COLUMNS = labels.REGISTER_COLUMNS


def _stamp(moment: datetime | None) -> str:
    return f"{short_date(moment)}<br/>{moment:%H:%M}" if moment else ""


def returned_at(dossier: dict) -> datetime | None:
    """When the result was handed back: the latest event entering status 10."""
    moments = [
        parse_moment(event.get("at"))
        for event in dossier.get("events") or []
        if event.get("to_status") == RETURNED_STATUS
    ]
    moments = [moment for moment in moments if moment]
    return max(moments) if moments else None


def _handover_at(dossier: dict, direction: str) -> datetime | None:
    moments = [
        parse_moment(h.get("at"))
        for h in dossier.get("handovers") or []
        if h.get("direction") == direction
    ]
    moments = [moment for moment in moments if moment]
    return (min(moments) if direction == "out" else max(moments)) if moments else None


def _agency(dossier: dict, centre: dict) -> str:
    """The agency in charge: the one the dossier was handed to, else the centre itself."""
    agencies = [h.get("agency") for h in dossier.get("handovers") or [] if h.get("agency")]
    return text(agencies[-1]) if agencies else centre_unit(centre)


def _book_text(dossiers: list[dict]) -> str:
    books = sorted({text(d.get("book_number")) for d in dossiers if d.get("book_number")})
    return f"Quyển số: {', '.join(books)}" if books else "Quyển số: ……"


def _period_text(date_from: date, date_to: date) -> str:
    if date_from == date_to:
        return f"Ngày {short_date(date_from)}"
    return f"Từ ngày {short_date(date_from)} đến ngày {short_date(date_to)}"


def _totals_text(total: int, counts: dict[str, int]) -> str:
    """The book's total, split by how each dossier stands at reception (never counting a
    refused or sent-back one as received)."""
    parts = [
        f"{RECEPTION_NAMES[key].lower()}: <b>{counts[key]}</b>"
        for key in (RECEIVED, REFUSED, COMPLETION_REQUESTED, NOT_RECEIVED)
        if counts[key] or key == RECEIVED
    ]
    return f"Tổng số: <b>{total}</b> hồ sơ — " + "; ".join(parts) + "."


def render_register(dossiers: list[dict], centre: dict, *, date_from: date, date_to: date) -> bytes:
    """The tracking book for the given dossiers, in the order given, headed by the period."""
    st = layout.styles(_BASE)
    width = _PAGE.frame_width
    header_row = [para(label, st.cell_head) for label, _ in _COLUMNS]
    number_row = [para(f"({index})", st.cell_center) for index in range(1, len(_COLUMNS) + 1)]
    rows: list[list] = [header_row, number_row]
    counts = dict.fromkeys(RECEPTION_NAMES, 0)
    for number, dossier in enumerate(dossiers, start=1):
        applicant = dossier.get("applicant") or {}
        procedure = dossier.get("procedure") or {}
        who = [f"<b>{text(applicant.get('full_name'))}</b>"]
        address = applicant_address(applicant)
        if address:
            who.append(address)
        if applicant.get("phone"):
            who.append(f"ĐT: {text(applicant.get('phone'))}")
        status = text(dossier.get("status_name")) or text(status_text(dossier.get("status")))
        received = dossier.get("reception", RECEIVED) == RECEIVED
        if not received:  # refused or sent back at the counter: never received, no appointment
            at = parse_moment(dossier.get("received_at"))
            status = f"{RECEPTION_NAMES[dossier['reception']]}" + (
                f" ({short_date(at)} {at:%H:%M})" if at else ""
            )
        counts[dossier.get("reception", RECEIVED)] += 1
        sequence = text(dossier.get("book_seq")) or str(number)
        rows.append(
            [
                para(sequence, st.cell_center),
                para(text(dossier.get("code")), st.cell),
                para(text(procedure.get("name")), st.cell),
                para(text(dossier.get("sets")), st.cell_center),
                para("<br/>".join(who), st.cell),
                para(_agency(dossier, centre), st.cell),
                para(
                    _stamp(parse_moment(dossier.get("received_at")) if received else None),
                    st.cell_center,
                ),
                para(
                    _stamp(parse_moment(dossier.get("due_at")) if received else None),
                    st.cell_center,
                ),
                para(_stamp(_handover_at(dossier, "out")), st.cell_center),
                para(_stamp(_handover_at(dossier, "back")), st.cell_center),
                para(status, st.cell),
                para(_stamp(returned_at(dossier)), st.cell_center),
                "",
                para(layout.multiline(dossier.get("notes")), st.cell),
            ]
        )
    extra: list[tuple] = []
    if not dossiers:
        rows.append([para("Không có hồ sơ trong kỳ.", st.cell_center)] + [""] * (len(_COLUMNS) - 1))
        extra.append(("SPAN", (0, 2), (-1, 2)))
    scale = width / sum(share for _, share in _COLUMNS)
    table = layout.grid_table(
        rows,
        [share * scale for _, share in _COLUMNS],
        header_rows=2,
        extra=extra,
    )
    story: list[Flowable] = [
        layout.SectionStart(Section(key="register", always_number=True)),
        *layout.header(centre, clock.now().date(), st, width),
        para(TITLE, st.title),
        para(f"{_book_text(dossiers)} - {_period_text(date_from, date_to)}", st.note_center),
        Spacer(1, st.base * 0.8),
        table,
        Spacer(1, st.base * 0.6),
        para(_totals_text(len(dossiers), counts), st.body),
    ]
    return layout.build_pdf(
        story,
        [_PAGE.template("register")],
        title=f"{TITLE} {_period_text(date_from, date_to)}",
        decor=_DECOR,
        centre=centre,
    )
