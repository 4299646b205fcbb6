"""The action table: for each status a dossier can move to, its button, form and print.

Read by the detail dialog; built over the status machine (`domain.status.ALLOWED`), and
checked against it at import, so a transition without a button (or a button without a
transition) cannot ship.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QT_TRANSLATE_NOOP

from counter_app.domain.status import ALLOWED, REASON_REQUIRED, Status
from counter_app.gui.widgets.texts import status_label

S = Status
# Labels are shown through DossierDetailDialog.tr(); QT_TRANSLATE_NOOP lets lupdate see them.


@dataclass(frozen=True)
class Action:
    """One button of the detail dialog: move the dossier to `target`."""

    target: Status
    label: str  # with its Alt+letter ("&")
    dialog: str = "reason"  # which action dialog asks for the details
    form: str = ""  # the printed form made after the change ("" for none)
    negative: bool = False  # ends or stops the dossier: shown in red
    label_after: dict[Status, str] = field(default_factory=dict)  # by current status

    @property
    def reason_required(self) -> bool:
        return self.target in REASON_REQUIRED


# In button order: the forward steps, then the ones that end a dossier early.
ACTIONS: dict[Status, Action] = {
    action.target: action
    for action in (
        Action(
            S.RECEIVED,
            QT_TRANSLATE_NOOP("DossierDetailDialog", "Tiếp nhận &hồ sơ"),
            label_after={
                S.SUPPLEMENT_REQUESTED: QT_TRANSLATE_NOOP(
                    "DossierDetailDialog", "Nhận bổ sung, tiếp nhận &hồ sơ"
                )
            },
        ),
        Action(
            S.PROCESSING,
            QT_TRANSLATE_NOOP("DossierDetailDialog", "Bắt đầu &xử lý"),
            label_after={
                S.SUPPLEMENT_REQUESTED: QT_TRANSLATE_NOOP(
                    "DossierDetailDialog", "Nhận bổ sung, tiếp tục &xử lý"
                ),
                S.PAYMENT_REQUESTED: QT_TRANSLATE_NOOP("DossierDetailDialog", "Tiếp tục &xử lý"),
            },
        ),
        Action(
            S.PAYMENT_REQUESTED,
            QT_TRANSLATE_NOOP("DossierDetailDialog", "Yêu cầu nghĩa vụ tài &chính"),
        ),
        Action(S.PROCESSED, QT_TRANSLATE_NOOP("DossierDetailDialog", "Đã xử lý x&ong")),
        Action(
            S.RETURNED, QT_TRANSLATE_NOOP("DossierDetailDialog", "Trả kết &quả"), dialog="return"
        ),
        Action(
            S.SUPPLEMENT_REQUESTED,
            QT_TRANSLATE_NOOP("DossierDetailDialog", "Yêu cầu bổ s&ung (Mẫu 02)"),
            dialog="supplement",
            form="supplement",
        ),
        Action(
            S.REFUSED,
            QT_TRANSLATE_NOOP("DossierDetailDialog", "Từ chối tiếp nhận (Mẫu 0&3)"),
            dialog="refusal",
            form="refusal",
            negative=True,
        ),
        Action(S.WITHDRAWN, QT_TRANSLATE_NOOP("DossierDetailDialog", "&Rút hồ sơ"), negative=True),
        Action(S.STOPPED, QT_TRANSLATE_NOOP("DossierDetailDialog", "Dừn&g xử lý"), negative=True),
    )
}

_TARGETS = frozenset().union(*ALLOWED.values())
if set(ACTIONS) != _TARGETS:
    raise ImportError(
        f"the action table and domain.status.ALLOWED disagree: {sorted(set(ACTIONS) ^ _TARGETS)}"
    )


def actions_for(current: int, allowed: list[int]) -> list[Action]:
    """The buttons for a dossier in `current`: what the service allows now, in table order."""
    possible = ALLOWED.get(Status(current), frozenset()) if current else _TARGETS
    return [a for a in ACTIONS.values() if a.target in possible and a.target in allowed]


def action_label(current: int, target: int, *, mnemonic: bool = False) -> str:
    """Button text for the transition current -> target (with its Alt+letter if asked)."""
    action = ACTIONS.get(Status(target))
    if action is None:
        text = status_label(target)
    else:
        text = action.label_after.get(Status(current), action.label) if current else action.label
    return text if mnemonic else text.replace("&", "")


# For lupdate only: texts DossierDetailDialog passes to self.tr() that lupdate cannot see
# (action_label() without "&", as the action dialogs' titles; words inside f-strings).
_MORE_TEXTS = (
    QT_TRANSLATE_NOOP("DossierDetailDialog", "Nhận bổ sung, tiếp tục xử lý"),
    QT_TRANSLATE_NOOP("DossierDetailDialog", "Nhận bổ sung, tiếp nhận hồ sơ"),
    QT_TRANSLATE_NOOP("DossierDetailDialog", "Tiếp nhận hồ sơ"),
    QT_TRANSLATE_NOOP("DossierDetailDialog", "Tiếp tục xử lý"),
    QT_TRANSLATE_NOOP("DossierDetailDialog", "Bắt đầu xử lý"),
    QT_TRANSLATE_NOOP("DossierDetailDialog", "Yêu cầu nghĩa vụ tài chính"),
    QT_TRANSLATE_NOOP("DossierDetailDialog", "Đã xử lý xong"),
    QT_TRANSLATE_NOOP("DossierDetailDialog", "Rút hồ sơ"),
    QT_TRANSLATE_NOOP("DossierDetailDialog", "Dừng xử lý"),
    QT_TRANSLATE_NOOP("DossierDetailDialog", "cán bộ"),
    QT_TRANSLATE_NOOP("DossierDetailDialog", "bộ"),
)
