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
    # Received -> refused: the officer checked the papers and refuses at reception (Mẫu 03);
    # the dossier keeps its code, so the refusal is on record and synced.
    S.RECEIVED: frozenset(
        {
            S.PROCESSING,
            S.SUPPLEMENT_REQUESTED,
            S.PAYMENT_REQUESTED,
            S.WITHDRAWN,
            S.STOPPED,
            S.REFUSED,
        }
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
FINAL = frozenset(s for s, targets in ALLOWED.items() if not targets)
# Transitions that must carry a reason (legal record of why).
REASON_REQUIRED = frozenset({S.REFUSED, S.SUPPLEMENT_REQUESTED, S.WITHDRAWN, S.STOPPED})
# Statuses whose appointment clock runs: overdue only makes sense for these.
OPEN_STATUSES = (int(S.RECEIVED), int(S.PROCESSING), int(S.PAYMENT_REQUESTED))
OPEN_STATUS_LIST = ",".join(str(s) for s in OPEN_STATUSES)  # for SQL `status IN (...)`


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


def check_transition(current: int, target: int, reason: str = "") -> None:
    """Raise TransitionError unless current -> target is allowed (with a reason where required)."""
    src, dst = parse_status(current), parse_status(target)
    if dst not in ALLOWED[src]:
        allowed = ", ".join(f"{s.value} ({STATUS_NAMES[s]})" for s in sorted(ALLOWED[src]))
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
