"""Mẫu 01 — GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ, on A4 or an 80 mm thermal roll."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, PageTemplate, Spacer

from counter_app.domain.residence import full_address

from . import labels, layout
from .formats import (
    doc_kind_text,
    id_kind_text,
    moment_text,
    parse_moment,
    processing_time_text,
    two_digits,
    vnd,
)
from .layout import DOTS, PageDecor, PageSpec, Section, Styles, labelled, para, text
from .stamps import StampSlot, stamped_canvas

TITLE = labels.RECEIPT_TITLE
DEFAULT_COPIES = ("Liên 1: Lưu", "Liên 2: Giao người nộp")
REPRINT_MARK = "BẢN IN LẠI"


@dataclass(frozen=True)
class _Paper:
    base_size: float
    qr_size: float
    stacked: bool
    decor: PageDecor
    page: PageSpec


_A4 = _Paper(
    base_size=13, qr_size=22 * mm, stacked=False, decor=layout.A4_DECOR, page=layout.A4_PAGE
)
_THERMAL_MARGIN = 4 * mm
_THERMAL_MAX_HEIGHT = 1500 * mm  # past this a copy flows onto another roll "page"
_THERMAL = _Paper(
    base_size=9,
    qr_size=26 * mm,
    stacked=True,
    decor=PageDecor(size=7, bottom=2.5 * mm, top=3 * mm, margin=_THERMAL_MARGIN),
    page=PageSpec(
        (layout.THERMAL_WIDTH, 200 * mm),
        left=_THERMAL_MARGIN,
        right=_THERMAL_MARGIN,
        top=5 * mm,
        bottom=6 * mm,
    ),
)
PAPERS = {"a4": _A4, "80mm": _THERMAL}


def lookup_url(dossier: dict, centre: dict) -> str:
    """The centre's lookup URL template with the dossier code filled in ('' when unset)."""
    template = (centre.get("lookup_url") or "").strip()
    if layout.is_training(centre):
        return ""  # a training copy must not lead anyone to a dossier
    return template.replace("{code}", str(dossier.get("code") or "")) if template else ""


def qr_value(dossier: dict) -> str:
    """What the QR encodes: the bare dossier code, so a counter scanner can also read it back."""
    return str(dossier.get("code") or "")


def result_place(dossier: dict, centre: dict) -> str:
    place = dossier.get("result_place")
    if place:
        return place
    centre_name = centre.get("centre_name") or ""
    return f"Bộ phận Một cửa - {centre_name}" if centre_name else ""


def centre_unit(centre: dict) -> str:
    """The receiving unit: the centre by its name (Nghị định 118/2025)."""
    return text(centre.get("centre_name")) or labels.UNIT_FALLBACK


def identity_line(applicant: dict) -> str:
    """'Số định danh cá nhân/Căn cước: …' for a 12-digit number; the old paper's name else."""
    id_number = text(applicant.get("id_number"))
    if not id_number:
        return ""
    if applicant.get("id_type") in (None, "", "cccd") and len(id_number) == 12:
        return f"{labels.IDENTITY_LABEL}: {id_number}"
    kind = text(id_kind_text(applicant.get("id_type"))) or "Giấy tờ tùy thân"
    return f"{kind} số: {id_number}"


def applicant_address(applicant: dict) -> str:
    """Street part, commune, province as Paragraph markup; a unit the street part already
    ends with (a scanned residence) is printed once."""
    parts = (applicant.get(key) for key in ("address", "commune_name", "province_name"))
    return text(full_address(*parts))


def applicant_lines(dossier: dict, st: Styles, *, lead: str) -> list[Flowable]:
    """Who submitted: name, identity paper, address, phone and e-mail (shared by Mẫu 01–03)."""
    applicant = dossier.get("applicant") or {}
    lines = [labelled(lead, text(applicant.get("full_name")), st.body)]
    identity = identity_line(applicant)
    if identity:
        lines.append(para(identity, st.body))
    lines.append(para(f"Địa chỉ: {applicant_address(applicant) or DOTS}", st.body))
    phone = text(applicant.get("phone")) or DOTS
    email = text(applicant.get("email")) or DOTS
    lines.append(para(f"Số điện thoại: {phone}&nbsp;&nbsp;&nbsp; Email: {email}", st.body_left))
    return lines


def procedure_line(dossier: dict, st: Styles) -> Flowable:
    procedure = dossier.get("procedure") or {}
    name = text(procedure.get("name"))
    details = [
        f"mã TTHC {text(procedure.get('code'))}" if procedure.get("code") else "",
        f"lĩnh vực {text(procedure.get('field_name'))}" if procedure.get("field_name") else "",
    ]
    details_text = "; ".join(part for part in details if part)
    suffix = f" ({details_text})" if details_text else ""
    value = f"<b>{name}</b>{suffix}" if name else DOTS
    return para(f"Nội dung yêu cầu giải quyết: {value}", st.body)


def _document_lines(documents: list[dict], st: Styles) -> list[Flowable]:
    if not documents:
        return [para(DOTS, st.subitem, bullet="-")]
    lines = []
    for number, document in enumerate(documents, start=1):
        kind = text(doc_kind_text(document.get("kind")))
        count = document.get("count")
        details = ", ".join(
            part
            for part in (kind, f"số lượng: {two_digits(int(count))}" if count is not None else "")
            if part
        )
        name = text(document.get("name")) or DOTS
        lines.append(para(f"{name} ({details})" if details else name, st.subitem, f"1.{number}."))
    return lines


def _fee_lines(fees: list[dict], st: Styles) -> list[Flowable]:
    if not fees:
        return [para("Phí, lệ phí: Không", st.body)]

    def fee_text(fee: dict) -> str:
        paid = fee.get("paid")
        if not fee.get("amount"):
            state = f" ({labels.NO_FEE})"
        else:
            state = "" if paid is None else (" (đã nộp)" if paid else " (chưa nộp)")
        return f"{text(fee.get('name')) or 'Phí, lệ phí'}: <b>{vnd(fee.get('amount'))}</b>{state}"

    if len(fees) == 1:
        return [para(f"Phí, lệ phí: {fee_text(fees[0])}", st.body)]
    lines = [para("Phí, lệ phí:", st.body)]
    lines += [para(fee_text(fee), st.subitem, "-") for fee in fees]
    total = sum(fee.get("amount") or 0 for fee in fees)
    lines.append(para(f"Tổng cộng: <b>{vnd(total)}</b>", st.subitem))
    return lines


def _return_line(dossier: dict, centre: dict, st: Styles) -> Flowable:
    if dossier.get("return_method") == "post":
        address = applicant_address(dossier.get("applicant") or {}) or DOTS
        return para(f"{labels.RECEIPT_BY_POST} {address}", st.item, "6.")
    return para(
        f"Đăng ký nhận kết quả tại: <b>{text(result_place(dossier, centre)) or DOTS}</b>",
        st.item,
        "6.",
    )


def _notes_lines(dossier: dict, st: Styles) -> list[Flowable]:
    """The template's "Ghi chú" lines (two copies, result by post), then the officer's note."""
    lines: list[Flowable] = [para(labels.RECEIPT_NOTES_HEAD, st.body)]
    lines += [para(note, st.subitem, "-") for note in labels.RECEIPT_NOTES]
    if dossier.get("notes"):
        lines.append(para(layout.multiline(dossier.get("notes")), st.subitem, "-"))
    return lines


def _label_line(copy_label: str, st: Styles) -> Flowable:
    return para(f"({text(copy_label)})", st.note_center)


def _title_block(
    dossier: dict,
    label_line: Flowable | None,
    reprint: bool,
    paper: _Paper,
    st: Styles,
    width: float,
) -> list[Flowable]:
    code = text(dossier.get("code")) or DOTS
    lines: list[Flowable] = [
        para(TITLE, st.title),
        para(f"Mã hồ sơ: {code}", st.subtitle),
    ]
    if label_line is not None:
        lines.append(label_line)
    if reprint:
        lines.append(para(REPRINT_MARK, st.small_center))
    qr = layout.qr_code(qr_value(dossier), paper.qr_size) if dossier.get("code") else None
    if qr is None:
        return lines
    if paper.stacked:
        qr.hAlign = "CENTER"
        return [*lines, Spacer(1, st.base * 0.4), qr]
    side = paper.qr_size + 1 * mm
    return [layout.plain_table([["", lines, qr]], [side, width - 2 * side, side])]


def _copy_story(
    dossier: dict, centre: dict, copy_label: str | StampSlot, reprint: bool, paper: _Paper
) -> list[Flowable]:
    """One copy; `copy_label` is its label, or a slot the copies' labels are stamped into."""
    st = layout.styles(paper.base_size, narrow=paper.stacked)
    label_line = copy_label if isinstance(copy_label, StampSlot) else None
    if isinstance(copy_label, str) and copy_label:
        label_line = _label_line(copy_label, st)
    width = paper.page.frame_width
    received = parse_moment(dossier.get("received_at"))
    due = parse_moment(dossier.get("due_at"))
    procedure = dossier.get("procedure") or {}
    sets = dossier.get("sets")
    story: list[Flowable] = [
        *layout.header(
            centre, received.date() if received else None, st, width, stacked=paper.stacked
        ),
        *_title_block(dossier, label_line, reprint, paper, st, width),
        Spacer(1, st.base * 0.6),
    ]
    story.append(para(labels.UNIT_LINE.format(unit=centre_unit(centre)), st.body))
    story += applicant_lines(dossier, st, lead="Tiếp nhận hồ sơ của")
    story.append(procedure_line(dossier, st))
    story.append(para("Thành phần hồ sơ nộp gồm:", st.item, "1."))
    story += _document_lines(dossier.get("documents") or [], st)
    story += [
        para(
            f"Số lượng hồ sơ: <b>{two_digits(int(sets)) if sets else DOTS}</b> (bộ)",
            st.item,
            "2.",
        ),
        para(
            "Thời gian giải quyết hồ sơ theo quy định là: <b>"
            f"{processing_time_text(procedure.get('processing_time'), procedure.get('time_unit'))}"
            "</b>",
            st.item,
            "3.",
        ),
        para(f"Thời gian nhận hồ sơ: {moment_text(received) if received else DOTS}", st.item, "4."),
        para(
            "Thời gian trả kết quả giải quyết hồ sơ: "
            f"<b>{moment_text(due, with_weekday=True) if due else DOTS}</b>",
            st.item,
            "5.",
        ),
        _return_line(dossier, centre, st),
    ]
    story += _fee_lines(dossier.get("fees") or [], st)
    story += _notes_lines(dossier, st)
    url = lookup_url(dossier, centre)
    closing: list[Flowable] = [
        para(
            "Vào Sổ theo dõi hồ sơ, Quyển số: "
            f"<b>{text(dossier.get('book_number')) or DOTS}</b>, "
            f"Số thứ tự: <b>{text(dossier.get('book_seq')) or DOTS}</b>",
            st.body,
        )
    ]
    if url:
        closing.append(para(f"Tra cứu tình trạng hồ sơ (hoặc quét mã QR): {text(url)}", st.small))
    applicant = dossier.get("applicant") or {}
    closing += [
        Spacer(1, st.base * 0.5),
        layout.signatures(
            [
                ("NGƯỜI NỘP HỒ SƠ", text(applicant.get("full_name"))),
                (
                    "NGƯỜI TIẾP NHẬN HỒ SƠ",
                    text(dossier.get("officer_name") or dossier.get("officer")),
                ),
            ],
            st,
            width,
            gap=st.base * (3.5 if paper.stacked else 4.5),
        ),
    ]
    story.append(layout.keep(*closing))
    return story


def _thermal_template(template_id: str, story: list[Flowable]) -> PageTemplate:
    """An 80 mm page just tall enough for the story (capped; beyond it the copy flows on)."""
    spec = _THERMAL.page
    width = spec.frame_width
    content = layout.story_height(story, width)
    # Slack for rounding between this measurement and the real layout pass.
    height = min(content + spec.top + spec.bottom + 4 * mm, _THERMAL_MAX_HEIGHT)
    sized = PageSpec(
        (spec.size[0], height), left=spec.left, right=spec.right, top=spec.top, bottom=spec.bottom
    )
    return sized.template(template_id)


def _copy_section(index: int, label: str, code: str) -> Section:
    head = " - ".join(part for part in (text(label), f"Mã hồ sơ: {code}" if code else "") if part)
    return Section(key=f"copy-{index}", running_head=f"{head} (tiếp theo)" if head else "")


def _stamped_copies(
    dossier: dict, centre: dict, labels: tuple[str, ...], reprint: bool, spec: _Paper
) -> bytes | None:
    """All copies from one layout with each label stamped on (None when the labels do not
    take the same room, e.g. one wraps onto a second line: then each copy is laid out)."""
    st = layout.styles(spec.base_size, narrow=spec.stacked)
    slot = StampSlot([f"({text(label)})" for label in labels], st.note_center)
    story: list[Flowable] = [
        layout.SectionStart(Section(key="copy")),
        *_copy_story(dossier, centre, slot, reprint, spec),
    ]
    template_id = "copy-0"
    template = (
        _thermal_template(template_id, story)
        if spec is _THERMAL
        else spec.page.template(template_id)
    )
    code = text(dossier.get("code"))
    sections = [_copy_section(index, label, code) for index, label in enumerate(labels)]
    canvas = stamped_canvas(spec.decor, sections)
    title = f"{TITLE} {code}".strip()
    pdf = layout.build_pdf(
        story, [template], title=title, decor=spec.decor, centre=centre, canvas=canvas
    )
    return pdf if slot.uniform else None


def render_receipt(
    dossier: dict,
    centre: dict,
    *,
    paper: str = "a4",
    reprint: bool = False,
    copies: tuple[str, ...] = DEFAULT_COPIES,
) -> bytes:
    """Mẫu 01 as PDF bytes: one copy per label in `copies`, each starting on a new page."""
    if paper not in PAPERS:
        raise ValueError(f"Unknown paper {paper!r}; expected one of {sorted(PAPERS)}")
    spec = PAPERS[paper]
    labels = copies or ("",)
    stamped = all(text(label) for label in labels)  # labels are stamped on after layout
    if stamped:
        pdf = _stamped_copies(dossier, centre, labels, reprint, spec)
        if pdf is not None:
            return pdf
    code = text(dossier.get("code"))
    st = layout.styles(spec.base_size, narrow=spec.stacked)
    stories = [
        _copy_story(
            dossier,
            centre,
            StampSlot([f"({text(label)})"], st.note_center) if stamped else label,
            reprint,
            spec,
        )
        for label in labels
    ]
    story: list[Flowable] = []
    templates: list[PageTemplate] = []
    for index, (label, copy_story) in enumerate(zip(labels, stories, strict=True)):
        section = _copy_section(index, label, code)
        template_id = f"copy-{index}"
        if spec is _THERMAL:
            templates.append(_thermal_template(template_id, copy_story))
        if index:
            if spec is _THERMAL:
                story.append(NextPageTemplate(template_id))
            story.append(PageBreak())
        story.append(layout.SectionStart(section))
        story += copy_story
    if not templates:
        templates.append(spec.page.template("a4"))
    return layout.build_pdf(
        story,
        templates,
        title=f"{TITLE} {code}".strip(),
        decor=spec.decor,
        centre=centre,
        canvas=stamped_canvas(spec.decor, ()) if stamped else None,
    )
