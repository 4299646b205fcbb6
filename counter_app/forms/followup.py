"""Forms after reception: Mẫu 02 (supplement request), Mẫu 03 (refusal), the control sheet."""

from __future__ import annotations

from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from counter_app.domain import clock

from . import layout
from .formats import (
    DOC_KINDS,
    moment_text,
    parse_moment,
    status_text,
)
from .layout import DOTS, Section, Styles, para, text
from .receipt import applicant_lines, procedure_line

SUPPLEMENT_TITLE = "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
REFUSAL_TITLE = "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"
CONTROL_TITLE = "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"
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
        story, [page.template("form")], title=f"{title} {code}".strip(), decor=layout.A4_DECOR
    )


def _centre_unit(centre: dict) -> str:
    return text(centre.get("centre_name")) or "Bộ phận tiếp nhận và trả kết quả"


def render_supplement(
    dossier: dict, centre: dict, *, items: list[dict], reason: str, officer_name: str
) -> bytes:
    """Mẫu 02: the documents to add or complete (by kind and count), why, and who guided."""
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
            f"{_centre_unit(centre)} để được hướng dẫn./.",
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
        para(f"Bộ phận tiếp nhận và trả kết quả: {_centre_unit(centre)}", st.body),
        *applicant_lines(dossier, st, lead="Tiếp nhận hồ sơ của"),
        procedure_line(dossier, st),
        para(
            "Sau khi nghiên cứu, đối chiếu với quy định hiện hành, "
            f"{_centre_unit(centre)} từ chối tiếp nhận, giải quyết hồ sơ này "
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


def handover_result(at: datetime | None, due: datetime | None, to_status: int | None) -> str:
    """'Trước hạn' (an earlier day than due), 'Đúng hạn' (by the due time), 'Quá hạn' (after it).

    Reception and online registration are not judged (''), nor a step without times.
    """
    if at is None or due is None or to_status not in _JUDGED_STATUSES:
        return ""
    if at.date() < due.date():
        return "Trước hạn"
    return "Đúng hạn" if at <= due else "Quá hạn"


def render_control(dossier: dict, centre: dict) -> bytes:
    """Hand-over control sheet: one row per status event, then blank rows to fill by hand."""
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
        para(f"Cơ quan (bộ phận) tiếp nhận hồ sơ: {_centre_unit(centre)}", st.body),
        para(f"Thời gian nhận hồ sơ: {moment_text(received) if received else DOTS}", st.body),
        para(
            "Thời gian hẹn trả kết quả: "
            f"<b>{moment_text(due, with_weekday=True) if due else DOTS}</b>",
            st.body,
        ),
        Spacer(1, st.base * 0.3),
    ]
    head = [
        "TÊN CƠ QUAN",
        "THỜI GIAN GIAO, NHẬN HỒ SƠ",
        "KẾT QUẢ GIẢI QUYẾT HỒ SƠ<br/>(Trước hạn/đúng hạn/quá hạn)",
        "GHI CHÚ",
    ]
    rows: list[list] = [[para(label, st.cell_head) for label in head]]
    events = dossier.get("events") or []
    for number, event in enumerate(events, start=1):
        at = parse_moment(event.get("at"))
        to_status = event.get("to_status")
        step = text(status_text(to_status)) or text(to_status) or DOTS
        who = text(event.get("by_name") or event.get("by"))
        agency = f"{number}. <b>{step}</b>"
        if who:
            agency += f"<br/>Người thực hiện: {who}"
        when = f"{moment_text(at).replace(', ', ',<br/>', 1)}" if at else DOTS
        rows.append(
            [
                para(agency, st.cell),
                para(when, st.cell_center),
                para(handover_result(at, due, to_status), st.cell_center),
                para(layout.multiline(event.get("reason")), st.cell),
            ]
        )
    blank_when = (
        "…… giờ …… phút, ngày ……/……/………<br/><br/>"
        "<i>Người giao&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;Người nhận</i><br/><br/>"
    )
    blank_rows = max(CONTROL_MIN_BLANK_ROWS, CONTROL_MIN_ROWS - len(events))
    for number in range(len(events) + 1, len(events) + 1 + blank_rows):
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
