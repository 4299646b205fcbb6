"""Message styles and the user-facing text of an error, shared by every screen."""

from __future__ import annotations

ERROR_STYLE = (
    "QLabel { color: #9f1d1d; background: #fdecec; border: 1px solid #f3b4b4; padding: 6px; }"
)
INFO_STYLE = (
    "QLabel { color: #14532d; background: #e8f6ec; border: 1px solid #a7d7b5; padding: 6px; }"
)
BUSY_STYLE = "QLabel { color: #333; padding: 6px; }"


def error_text(exc: BaseException) -> str:
    """The Vietnamese, user-facing part of a service error.

    InputError carries `.message`; core messages often end in " / English text", which
    the counter screen does not need.
    """
    message = str(getattr(exc, "message", None) or exc or type(exc).__name__)
    parts = message.split(" / ")
    while len(parts) > 1 and parts[-1].isascii():
        parts.pop()
    return " / ".join(parts).strip()
