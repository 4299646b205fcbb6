"""Reading a form's pages back: what a page draws, its Form XObjects included."""

from __future__ import annotations

from collections.abc import Iterator

from pypdf import PdfReader
from pypdf.generic import ContentStream


def _forms(owner) -> dict:
    resources = owner.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources is not None else None
    if xobjects is None:
        return {}
    forms = {}
    for name, ref in xobjects.get_object().items():
        xobject = ref.get_object()
        if xobject.get("/Subtype") == "/Form":
            forms[name] = xobject
    return forms


def drawn_content(page) -> bytes:
    """The page's content stream followed by those of the Form XObjects it draws."""
    data = page.get_contents().get_data()
    return b"\n".join([data, *(form.get_data() for form in _forms(page).values())])


def operations(reader: PdfReader, page) -> Iterator[tuple[list, bytes]]:
    """The page's content operations, each Form XObject it draws (`Do`) inlined within
    q/Q after its /Matrix, as a viewer runs it."""
    yield from _operations(reader, page, page.get_contents())


def _operations(reader: PdfReader, owner, content) -> Iterator[tuple[list, bytes]]:
    forms = _forms(owner)
    for operands, operator in ContentStream(content, reader).operations:
        if operator == b"Do" and operands[0] in forms:
            form = forms[operands[0]]
            yield [], b"q"
            yield list(form.get("/Matrix", [1, 0, 0, 1, 0, 0])), b"cm"
            yield from _operations(reader, form, form)
            yield [], b"Q"
        else:
            yield operands, operator
