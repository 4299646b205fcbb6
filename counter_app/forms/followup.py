"""Forms after reception: Mẫu 02 (supplement), 03 (refusal), 04 (apology, extension), 05 (stop),
06 (control sheet of hand-overs)."""

from __future__ import annotations

from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from counter_app.domain import clock

from . import labels, layout
from .formats import DOC_KINDS, moment_text, parse_moment
from .layout import DOTS, Section, Styles, para, text
from .receipt import applicant_lines, centre_unit, procedure_line

SUPPLEMENT_TITLE = labels.SUPPLEMENT_TITLE
REFUSAL_TITLE = labels.REFUSAL_TITLE
APOLOGY_TITLE = labels.APOLOGY_TITLE
STOP_TITLE = labels.STOP_TITLE
CONTROL_TITLE = labels.CONTROL_TITLE
CONTROL_MIN_ROWS = 6  # rows in the hand-over table, blank ones included
CONTROL_MIN_BLANK_ROWS = 2
_BASE = 13

# Statuses that finish a processing step and so are judged against the due time.
_JUDGED_STATUSES = {3, 4, 5, 6, 7, 8, 9, 10}


def _issue_day(dossier: dict, status: int) -> date:
    """Date of the latest event that entered `status`; today if there is none."""
    moments = [
        parse_moment(event.get("at"))
        for event in dossier.get("events") or []
        if event.get("to_status") == status
    ]
    moments = [moment for moment in moments if moment]
    return max(moments).date() if moments else clock.now().date()


def _title_block(title: str, dossier: dict, st: Styles) -> list[Flowable]:
    lines: list[Flowable] = [para(title, st.title)]
    if dossier.get("code"):
        lines.append(para(f"Mã hồ sơ: {text(dossier.get('code'))}", st.subtitle))
    lines.append(Spacer(1, st.base * 0.8))
    return lines


def _form(title: str, dossier: dict, centre: dict, day: date, body: list[Flowable]) -> bytes:
    st = layout.styles(_BASE)
    page = layout.A4_PAGE
    code = text(dossier.get("code"))
    running_head = f"{title.capitalize()} - Mã hồ sơ: {code} (tiếp theo)" if code else ""
    story: list[Flowable] = [
        layout.SectionStart(Section(key="form", running_head=running_head)),
        *layout.header(centre, day, st, page.frame_width),
        *_title_block(title, dossier, st),
        *body,
    ]
    return layout.build_pdf(
        story,
        [page.template("form")],
        title=f"{title} {code}".strip(),
        decor=layout.A4_DECOR,
        centre=centre,
    )


def render_supplement(
    dossier: dict,
    centre: dict,
    *,
    items: list[dict],
    reason: str,
    officer_name: str,
    officer_phone: str = "",
) -> bytes:
    """Mẫu 02: the documents to add or complete (by kind and count), why, and who guided
    (name and contact phone)."""
    st = layout.styles(_BASE)
    width = layout.A4_PAGE.frame_width
    body: list[Flowable] = [
        *applicant_lines(dossier, st, lead="Hồ sơ của"),
        procedure_line(dossier, st),
        para("Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:", st.body),
    ]
    kinds = list(DOC_KINDS)
    head = ["STT", "Tên giấy tờ", "Bản chính", "Bản sao chứng thực", "Bản chụp"]
    rows: list[list] = [[para(label, st.cell_head) for label in head]]
    for number, item in enumerate(items, start=1):
        counts = ["" for _ in kinds]
        if item.get("kind") in kinds:
            counts[kinds.index(item["kind"])] = text(item.get("count") or 1)
        rows.append(
            [
                para(str(number), st.cell_center),
                para(text(item.get("name")) or DOTS, st.cell),
                *(para(count, st.cell_center) for count in counts),
            ]
        )
    if not items:
        rows.append([para("", st.cell_center), para(DOTS, st.cell), "", "", ""])
    kind_width = 24 * mm
    body.append(
        layout.grid_table(
            rows, [12 * mm, width - 12 * mm - 3 * kind_width, kind_width, kind_width, kind_width]
        )
    )
    body += [
        Spacer(1, st.base * 0.5),
        para(f"Lý do: {layout.multiline(reason) or DOTS}", st.body),
        para(
            "Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ "
            f"{centre_unit(centre)} để được hướng dẫn./.",
            st.body,
        ),
        para(
            labels.SUPPLEMENT_CONTACT.format(
                name=text(officer_name) or DOTS, phone=text(officer_phone) or DOTS
            ),
            st.body,
        ),
        Spacer(1, st.base * 0.5),
        layout.keep(
            layout.signatures([("", ""), ("NGƯỜI HƯỚNG DẪN", text(officer_name))], st, width)
        ),
    ]
    return _form(SUPPLEMENT_TITLE, dossier, centre, _issue_day(dossier, 5), body)


def render_refusal(dossier: dict, centre: dict, *, reasons: list[str], officer_name: str) -> bytes:
    """Mẫu 03: the reception refuses the dossier, with each reason numbered."""
    st = layout.styles(_BASE)
    width = layout.A4_PAGE.frame_width
    body: list[Flowable] = [
        para(labels.UNIT_LINE.format(unit=centre_unit(centre)), st.body),
        *applicant_lines(dossier, st, lead="Tiếp nhận hồ sơ của"),
        procedure_line(dossier, st),
        para(
            "Sau khi nghiên cứu, đối chiếu với quy định hiện hành, "
            f"{centre_unit(centre)} từ chối tiếp nhận, giải quyết hồ sơ này "
            "với lý do cụ thể như sau:",
            st.body,
        ),
    ]
    listed = [layout.multiline(reason) for reason in reasons]
    listed = [reason for reason in listed if reason] or [DOTS]
    body += [para(reason, st.item, f"{number}.") for number, reason in enumerate(listed, 1)]
    body += [
        para("Xin thông báo để ông/bà được biết và thực hiện./.", st.body),
        Spacer(1, st.base * 0.5),
        layout.keep(
            layout.signatures([("", ""), ("NGƯỜI TIẾP NHẬN HỒ SƠ", text(officer_name))], st, width)
        ),
    ]
    return _form(REFUSAL_TITLE, dossier, centre, _issue_day(dossier, 3), body)


def render_apology(
    dossier: dict,
    centre: dict,
    *,
    reason: str,
    old_due: str,
    new_due: str,
    officer_name: str,
    at: str = "",
) -> bytes:
    """Mẫu 04: the centre apologises for a late dossier, gives the reason and the new date."""
    st = layout.styles(_BASE)
    width = layout.A4_PAGE.frame_width
    received = parse_moment(dossier.get("received_at"))
    old = parse_moment(old_due)
    new = parse_moment(new_due)
    unit = centre_unit(centre)
    body: list[Flowable] = [
        *applicant_lines(dossier, st, lead="Kính gửi"),
        procedure_line(dossier, st),
        para(
            labels.APOLOGY_BODY.format(
                received=moment_text(received) if received else DOTS,
                unit=unit,
                old_due=moment_text(old, with_weekday=True) if old else DOTS,
            ),
            st.body,
        ),
        para(layout.multiline(reason) or DOTS, st.item, "-"),
        para(
            labels.APOLOGY_CLOSE.format(
                unit=unit, new_due=moment_text(new, with_weekday=True) if new else DOTS
            ),
            st.body,
        ),
        para(labels.APOLOGY_THANKS, st.body),
        Spacer(1, st.base * 0.5),
        layout.keep(layout.signatures([("", ""), (unit.upper(), text(officer_name))], st, width)),
    ]
    moved = parse_moment(at)
    day = moved.date() if moved else clock.now().date()
    return _form(APOLOGY_TITLE, dossier, centre, day, body)


def render_stop(dossier: dict, centre: dict, *, reason: str, officer_name: str) -> bytes:
    """Mẫu 05: processing of the dossier is stopped (status 8), with the reason."""
    st = layout.styles(_BASE)
    width = layout.A4_PAGE.frame_width
    body: list[Flowable] = [
        *applicant_lines(dossier, st, lead="Kính gửi"),
        procedure_line(dossier, st),
        para(labels.STOP_BODY.format(unit=centre_unit(centre)), st.body),
    ]
    listed = [layout.multiline(line) for line in reason.splitlines() if line.strip()] or [DOTS]
    body += [para(line, st.item, f"{number}.") for number, line in enumerate(listed, 1)]
    body += [
        para(labels.STOP_CLOSE, st.body),
        Spacer(1, st.base * 0.5),
        layout.keep(
            layout.signatures(
                [("", ""), (centre_unit(centre).upper(), text(officer_name))], st, width
            )
        ),
    ]
    return _form(STOP_TITLE, dossier, centre, _issue_day(dossier, 8), body)


def handover_result(at: datetime | None, due: datetime | None, to_status: int | None = 4) -> str:
    """'Trước hạn' (an earlier day than due), 'Đúng hạn' (by the due time), 'Quá hạn' (after it).

    Reception and online registration are not judged (''), nor a step without times; a
    hand-over is judged as a processing step (the default).
    """
    if at is None or due is None or to_status not in _JUDGED_STATUSES:
        return ""
    if at.date() < due.date():
        return "Trước hạn"
    return "Đúng hạn" if at <= due else "Quá hạn"


def render_control(dossier: dict, centre: dict) -> bytes:
    """Mẫu 06: one row per recorded hand-over between the centre and the deciding agency
    (who gave, who received, when, early/on time/late, notes), then blank rows by hand."""
    st = layout.styles(_BASE)
    width = layout.A4_PAGE.frame_width
    applicant = dossier.get("applicant") or {}
    received = parse_moment(dossier.get("received_at"))
    due = parse_moment(dossier.get("due_at"))
    body: list[Flowable] = [
        para(
            "(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả)",
            st.note_center,
        ),
        Spacer(1, st.base * 0.4),
        layout.labelled("Người nộp hồ sơ", text(applicant.get("full_name")), st.body),
        procedure_line(dossier, st),
        para(f"Cơ quan (bộ phận) tiếp nhận hồ sơ: {centre_unit(centre)}", st.body),
        para(f"Thời gian nhận hồ sơ: {moment_text(received) if received else DOTS}", st.body),
        para(
            "Thời gian hẹn trả kết quả: "
            f"<b>{moment_text(due, with_weekday=True) if due else DOTS}</b>",
            st.body,
        ),
        Spacer(1, st.base * 0.3),
    ]
    rows: list[list] = [[para(label, st.cell_head) for label in labels.CONTROL_HEAD]]
    handovers = dossier.get("handovers") or []
    for number, handover in enumerate(handovers, start=1):
        at = parse_moment(handover.get("at"))
        direction = labels.HANDOVER_DIRECTIONS.get(handover.get("direction"), "")
        agency = text(handover.get("agency")) or DOTS
        who = (
            f"{number}. {direction} <b>{agency}</b><br/>"
            f"Người giao: {text(handover.get('giver')) or DOTS}<br/>"
            f"Người nhận: {text(handover.get('receiver')) or DOTS}"
        )
        when = f"{moment_text(at).replace(', ', ',<br/>', 1)}" if at else DOTS
        rows.append(
            [
                para(who, st.cell),
                para(when, st.cell_center),
                para(handover_result(at, due), st.cell_center),
                para(layout.multiline(handover.get("notes")), st.cell),
            ]
        )
    blank_when = (
        "…… giờ …… phút, ngày ……/……/………<br/><br/>"
        "<i>Người giao&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;Người nhận</i><br/><br/>"
    )
    blank_rows = max(CONTROL_MIN_BLANK_ROWS, CONTROL_MIN_ROWS - len(handovers))
    for number in range(len(handovers) + 1, len(handovers) + 1 + blank_rows):
        rows.append(
            [
                para(f"{number}. Giao: …………………<br/><br/>Nhận: …………………", st.cell),
                para(blank_when, st.cell_center),
                "",
                "",
            ]
        )
    body.append(layout.grid_table(rows, [width * 0.32, width * 0.27, width * 0.21, width * 0.2]))
    day = received.date() if received else clock.now().date()
    return _form(CONTROL_TITLE, dossier, centre, day, body)
