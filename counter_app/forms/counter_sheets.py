"""The sheets a counter prints every day besides Mẫu 01–07: the result hand-back slip the
collector signs, and the list of dossiers handed over to the back office in one batch."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from counter_app.domain import clock

from . import labels, layout
from .formats import doc_kind_text, moment_text, parse_moment, short_date, two_digits
from .layout import DOTS, Section, para, text
from .receipt import centre_unit, identity_line, procedure_line

_BASE = 13
_RETURNED = 10


def render_handback(
    dossier: dict, centre: dict, *, documents: list[dict], officer_name: str, at: str
) -> bytes:
    """The result hand-back slip: who collected (name, ID), when, which result documents."""
    st = layout.styles(_BASE)
    page = layout.A4_PAGE
    width = page.frame_width
    moment = parse_moment(at) or parse_moment(dossier.get("returned_at"))
    code = text(dossier.get("code"))
    collector = text(dossier.get("collected_by"))
    identity = identity_line({"id_number": dossier.get("collected_id_number")})
    body: list[Flowable] = [
        para(labels.UNIT_LINE.format(unit=centre_unit(centre)), st.body),
        para(f"Mã hồ sơ: <b>{code or DOTS}</b>", st.body),
        procedure_line(dossier, st),
        layout.labelled(labels.HANDBACK_COLLECTOR, collector or DOTS, st.body),
        para(identity or f"{labels.IDENTITY_LABEL}: {DOTS}", st.body),
        para(f"Thời gian nhận kết quả: {moment_text(moment) if moment else DOTS}", st.body),
        para(labels.HANDBACK_RESULTS, st.body),
    ]
    listed = documents or [{"name": ""}]
    for number, document in enumerate(listed, start=1):
        kind = text(doc_kind_text(document.get("kind")))
        count = document.get("count")
        details = ", ".join(
            part for part in (kind, f"số lượng: {two_digits(int(count))}" if count else "") if part
        )
        name = text(document.get("name")) or DOTS
        body.append(para(f"{name} ({details})" if details else name, st.subitem, f"{number}."))
    body += [
        Spacer(1, st.base * 0.5),
        layout.keep(
            layout.signatures(
                [("NGƯỜI NHẬN KẾT QUẢ", collector), ("NGƯỜI TRẢ KẾT QUẢ", text(officer_name))],
                st,
                width,
            )
        ),
    ]
    title = labels.HANDBACK_TITLE
    day = moment.date() if moment else clock.now().date()
    story: list[Flowable] = [
        layout.SectionStart(Section(key="handback", running_head="")),
        *layout.header(centre, day, st, width),
        para(title, st.title),
        Spacer(1, st.base * 0.8),
        *body,
    ]
    return layout.build_pdf(
        story,
        [page.template("handback")],
        title=f"{title} {code}".strip(),
        decor=layout.A4_DECOR,
        centre=centre,
    )


def render_handover_list(handovers: list[dict], centre: dict, *, day: date) -> bytes:
    """The dossiers handed over to the back office on `day`, batch by batch; each batch
    names the agency and both people, and is signed by both sides."""
    st = layout.styles(_BASE - 1)
    page = layout.A4_PAGE
    width = page.frame_width
    story: list[Flowable] = [
        layout.SectionStart(Section(key="handovers", always_number=True)),
        *layout.header(centre, day, st, width),
        para(labels.HANDOVER_LIST_TITLE, st.title),
        para(f"Ngày {short_date(day)}", st.note_center),
        Spacer(1, st.base * 0.8),
    ]
    batches: dict[str, list[dict]] = {}
    for row in handovers:
        batches.setdefault(row["batch"], []).append(row)
    if not batches:
        story.append(para("Không có hồ sơ bàn giao trong ngày.", st.body))
    for number, rows in enumerate(batches.values(), start=1):
        first = rows[0]
        at = parse_moment(first.get("at"))
        story += [
            para(
                f"Đợt {number}: giao cho <b>{text(first.get('agency'))}</b>, lúc {at:%H:%M}"
                if at
                else f"Đợt {number}",
                st.body,
            ),
        ]
        table_rows: list[list] = [
            [para(label, st.cell_head) for label in ("STT", "Mã hồ sơ", "Ghi chú")]
        ]
        for index, row in enumerate(rows, start=1):
            table_rows.append(
                [
                    para(str(index), st.cell_center),
                    para(text(row.get("code")), st.cell),
                    para(layout.multiline(row.get("notes")), st.cell),
                ]
            )
        story += [
            layout.grid_table(table_rows, [12 * mm, width * 0.45, width - 12 * mm - width * 0.45]),
            para(f"Tổng số: <b>{len(rows)}</b> hồ sơ.", st.body),
            Spacer(1, st.base * 0.3),
            layout.keep(
                layout.signatures(
                    list(
                        zip(
                            labels.HANDOVER_LIST_SIGNERS,
                            (text(first.get("giver")), text(first.get("receiver"))),
                            strict=True,
                        )
                    ),
                    st,
                    width,
                )
            ),
            Spacer(1, st.base),
        ]
    return layout.build_pdf(
        story,
        [page.template("handovers")],
        title=f"{labels.HANDOVER_LIST_TITLE} {short_date(day)}",
        decor=layout.A4_DECOR,
        centre=centre,
    )
