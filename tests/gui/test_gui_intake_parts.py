"""The intake screen is components composed by one page, not one class of mixins."""

from __future__ import annotations

import ast
from pathlib import Path

import counter_app.gui.intake as intake_package
from counter_app.gui.intake import IntakeWidget

PACKAGE = Path(intake_package.__file__).parent
MAX_CLASS_LINES = 400


def test_every_intake_class_is_small_and_the_page_is_a_plain_widget() -> None:
    sizes = {}
    for path in sorted(PACKAGE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 500, path.name
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                sizes[node.name] = node.end_lineno - node.lineno + 1
    assert sizes and max(sizes.values()) <= MAX_CLASS_LINES, sizes
    assert sizes["IntakeWidget"] <= 350, sizes["IntakeWidget"]
    # No mixins: the page is a QWidget and nothing else of ours.
    assert [base.__name__ for base in IntakeWidget.__bases__] == ["QWidget"]
