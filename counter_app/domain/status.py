"""Dossier status codes (TrangThaiHoSo, DESIGN §3) and the allowed transitions."""

from __future__ import annotations

from enum import IntEnum


class Status(IntEnum):
    REGISTERED = 1
    RECEIVED = 2
    REFUSED = 3
    PROCESSING = 4
    SUPPLEMENT_REQUESTED = 5
    PAYMENT_REQUESTED = 6
    WITHDRAWN = 7
    STOPPED = 8
    PROCESSED = 9
    RETURNED = 10


STATUS_NAMES: dict[int, str] = {
    1: "Mới đăng ký",
    2: "Được tiếp nhận",
    3: "Không được tiếp nhận",
    4: "Đang xử lý",
    5: "Yêu cầu bổ sung giấy tờ",
    6: "Yêu cầu thực hiện nghĩa vụ tài chính",
    7: "Công dân yêu cầu rút hồ sơ",
    8: "Dừng xử lý",
    9: "Đã xử lý xong",
    10: "Đã trả kết quả",
}

STATUS_NAMES_EN: dict[int, str] = {
    1: "Registered",
    2: "Received",
    3: "Refused at reception",
    4: "Processing",
    5: "More documents requested",
    6: "Payment requested",
    7: "Withdrawn by the citizen",
    8: "Processing stopped",
    9: "Processed, result ready",
    10: "Result handed back",
}

S = Status
ALLOWED: dict[Status, frozenset[Status]] = {
    S.REGISTERED: frozenset({S.RECEIVED, S.REFUSED, S.SUPPLEMENT_REQUESTED, S.WITHDRAWN}),
    # A received dossier is never "refused at reception" (3): the refusal (Mẫu 03) is decided
    # before receipt, at the counter (INTAKE_OUTCOMES) or on a dossier not yet received.
    S.RECEIVED: frozenset(
        {S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.PAYMENT_REQUESTED, S.WITHDRAWN, S.STOPPED}
    ),
    S.PROCESSING: frozenset(
        {S.SUPPLEMENT_REQUESTED, S.PAYMENT_REQUESTED, S.PROCESSED, S.WITHDRAWN, S.STOPPED}
    ),
    # A supplement returns the dossier to processing (or to reception for a not-yet-received one).
    S.SUPPLEMENT_REQUESTED: frozenset(
        {S.PROCESSING, S.RECEIVED, S.REFUSED, S.WITHDRAWN, S.STOPPED}
    ),
    S.PAYMENT_REQUESTED: frozenset({S.PROCESSING, S.PROCESSED, S.WITHDRAWN, S.STOPPED}),
    S.PROCESSED: frozenset({S.RETURNED}),
    S.STOPPED: frozenset({S.RETURNED}),
    S.REFUSED: frozenset(),
    S.WITHDRAWN: frozenset(),
    S.RETURNED: frozenset(),
}
# What the counter records a walk-in dossier at: received (2, with its appointment), refused
# (3, Mẫu 03) or sent back for completion (5, Mẫu 02). Only 2 is a receipt: a refused or
# sent-back dossier has no appointment and no "received" event; its clock starts when the
# completed dossier is received (5 -> 2).
INTAKE_OUTCOMES = frozenset({S.RECEIVED, S.REFUSED, S.SUPPLEMENT_REQUESTED})
# Where a dossier sent back for completion before it was ever received can go.
NOT_RECEIVED_TARGETS = frozenset({S.RECEIVED, S.REFUSED, S.WITHDRAWN})
FINAL = frozenset(s for s, targets in ALLOWED.items() if not targets)
# Transitions that must carry a reason (legal record of why).
REASON_REQUIRED = frozenset({S.REFUSED, S.SUPPLEMENT_REQUESTED, S.WITHDRAWN, S.STOPPED})
# Statuses whose appointment clock runs: overdue only makes sense for these.
OPEN_STATUSES = (int(S.RECEIVED), int(S.PROCESSING), int(S.PAYMENT_REQUESTED))
OPEN_STATUS_LIST = ",".join(str(s) for s in OPEN_STATUSES)  # for SQL `status IN (...)`
# Statuses only a received dossier reaches (a record pulled from the portal at one of them has
# no status-2 event here); 5 and 7 were received only if a status-2 event says so.
RECEIPT_STATUSES = (2, 4, 6, 8, 9, 10)
RECEIPT_STATUS_LIST = ",".join(str(s) for s in RECEIPT_STATUSES)

# How a dossier stands at reception (DESIGN §3), for the register and the figures: received,
# refused at reception (3, Mẫu 03), sent back for completion before receipt (5, Mẫu 02), or
# not received for another reason (registered online, withdrawn before receipt).
RECEIVED, REFUSED, COMPLETION_REQUESTED, NOT_RECEIVED = (
    "received",
    "refused",
    "completion_requested",
    "not_received",
)
RECEPTION_NAMES: dict[str, str] = {
    RECEIVED: "Đã tiếp nhận",
    REFUSED: "Từ chối tiếp nhận",
    COMPLETION_REQUESTED: "Yêu cầu bổ sung, hoàn thiện hồ sơ (chưa tiếp nhận)",
    NOT_RECEIVED: "Chưa tiếp nhận",
}


def reception(status: int, *, has_receipt_event: bool) -> str:
    """RECEIVED, REFUSED, COMPLETION_REQUESTED or NOT_RECEIVED for a dossier at `status`;
    `has_receipt_event`: whether one of its events entered status 2."""
    if has_receipt_event or int(status) in RECEIPT_STATUSES:
        return RECEIVED
    if int(status) == S.REFUSED:
        return REFUSED
    if int(status) == S.SUPPLEMENT_REQUESTED:
        return COMPLETION_REQUESTED
    return NOT_RECEIVED


class TransitionError(ValueError):
    """An illegal status change; the message is user-facing (Vietnamese, then English)."""


def status_name(code: int) -> str:
    return STATUS_NAMES.get(int(code), f"Trạng thái {code}")


def parse_status(value: int | str) -> Status:
    try:
        return Status(int(value))
    except (TypeError, ValueError):
        raise TransitionError(
            f"Mã trạng thái không hợp lệ: {value!r} (phải từ 1 đến 10) / invalid status code"
        ) from None


def allowed_targets(current: int, *, received: bool = True) -> frozenset[Status]:
    """Where a dossier in `current` can go; `received`: whether it was ever received (has a
    status-2 event). A dossier sent back for completion before receipt (5) can only be
    received, refused or withdrawn: it has no clock to resume."""
    src = parse_status(current)
    if src is S.SUPPLEMENT_REQUESTED and not received:
        return NOT_RECEIVED_TARGETS
    return ALLOWED[src]


def check_transition(current: int, target: int, reason: str = "", *, received: bool = True) -> None:
    """Raise TransitionError unless current -> target is allowed (with a reason where required)."""
    src, dst = parse_status(current), parse_status(target)
    targets = allowed_targets(src, received=received)
    if dst not in targets:
        allowed = ", ".join(f"{s.value} ({STATUS_NAMES[s]})" for s in sorted(targets))
        raise TransitionError(
            f"Không thể chuyển hồ sơ từ trạng thái {src.value} ({STATUS_NAMES[src]}) "
            f"sang {dst.value} ({STATUS_NAMES[dst]}). "
            + (f"Được phép: {allowed}." if allowed else "Đây là trạng thái cuối.")
            + f" / Illegal transition {src.value} -> {dst.value}."
        )
    if dst in REASON_REQUIRED and not reason.strip():
        raise TransitionError(
            f"Cần ghi lý do khi chuyển sang trạng thái {dst.value} ({STATUS_NAMES[dst]}). "
            f"/ A reason is required for status {dst.value}."
        )
