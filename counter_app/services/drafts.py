"""Half-filled intake forms, one per officer: the service's door to store/drafts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from counter_app.store import drafts

if TYPE_CHECKING:
    from counter_app.services.front import CounterService


class DraftManager:
    def __init__(self, service: CounterService) -> None:
        self._service = service

    def load(self, officer: str) -> dict[str, Any] | None:
        """The officer's draft (with `_updated_at`), or None."""
        return drafts.load_draft(self._service, officer) if officer else None

    def save(self, officer: str, draft: dict[str, Any]) -> None:
        drafts.save_draft(self._service, officer, draft)

    def clear(self, officer: str) -> None:
        drafts.clear_draft(self._service, officer)
