"""Settings use cases: read them, save them (with holidays and the portal password), the catalogue."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from counter_app.gui.context import AppContext
from counter_app.gui.operations import CoreOp, OpChanges, QueryOp
from counter_app.ops import secrets_store
from counter_app.services import CounterService

PING_CONNECT_TIMEOUT = 5.0
PING_READ_TIMEOUT = 10.0


def needs_setup(service: CounterService) -> bool:
    """True until the counter is configured and has an active admin (runs on the DB thread;
    here, not in dialogs/setup.py, so a normal start does not import the setup dialog)."""
    if not service.settings.is_configured():
        return True
    return not any(s["role"] == "admin" and s["active"] for s in service.staff.all())


def load_settings(*, ctx: AppContext, parent: object) -> QueryOp[dict[str, Any]]:
    return QueryOp(ctx=ctx, parent=parent, op=lambda service: service.settings.all())


def load_snapshot(
    *, ctx: AppContext, parent: object, snapshot: Callable[[CounterService], dict[str, Any]]
) -> QueryOp[dict[str, Any]]:
    """What the settings dialog shows (`snapshot(service)` gathers it on the DB thread)."""
    return QueryOp(ctx=ctx, parent=parent, op=snapshot)


def update_settings(
    *, ctx: AppContext, parent: object | None, values: dict[str, Any], actor: str
) -> CoreOp[None]:
    return CoreOp(
        ctx=ctx,
        parent=parent,
        op=lambda service: service.settings.update(values, actor=actor),
        changes=OpChanges(settings=True),
    )


def save_settings(
    *,
    ctx: AppContext,
    parent: object,
    changes: dict[str, Any],
    holidays: list[tuple[date, bool | None, str]],
    portal_user: str,
    portal_password: str,
    actor: str,
) -> CoreOp[None]:
    """The settings dialog's Save: changed values, holiday overrides, the portal password."""
    prefer_file = ctx.training

    def op(service: CounterService) -> None:
        if changes:
            service.settings.update(changes, actor=actor)
        for day, working, note in holidays:
            service.calendar.set_holiday_override(day, working, note=note, actor=actor)
        if portal_password:
            secrets_store.set_portal_password(
                Path(service.store.folder), portal_user, portal_password, prefer_file=prefer_file
            )

    return CoreOp(
        ctx=ctx, parent=parent, op=op, changes=OpChanges(settings=True, calendar=bool(holidays))
    )


def test_portal_connection(
    *, ctx: AppContext, parent: object, url: str, user: str, typed_password: str
) -> QueryOp[dict[str, Any]]:
    """Sign in to the portal once (the typed password, else the stored one) and time it."""
    prefer_file = ctx.training

    def op(service: CounterService) -> dict[str, Any]:
        from counter_app.portal.client import PortalClient
        from counter_app.portal.config import PortalConfig

        password = typed_password or secrets_store.get_portal_password(
            Path(service.store.folder), user, prefer_file=prefer_file
        )
        config = PortalConfig(
            url,
            user,
            password,
            verify=service.settings.get("portal_ca_bundle") or True,
            connect_timeout=PING_CONNECT_TIMEOUT,
            read_timeout=PING_READ_TIMEOUT,
        )
        with PortalClient(config) as client:
            return client.ping()

    return QueryOp(ctx=ctx, parent=parent, op=op)


def import_catalogue(
    *, ctx: AppContext, parent: object, path: Path, actor: str
) -> CoreOp[tuple[str, int]]:
    """Replace the procedure catalogue from a JSON file: (version, procedure count)."""

    def op(service: CounterService) -> tuple[str, int]:
        parsed = service.catalogue.import_file(path, actor=actor)
        return parsed.version, len(parsed.procedures)

    return CoreOp(ctx=ctx, parent=parent, op=op, changes=OpChanges(settings=True, catalogue=True))
