"""Staff use cases: sign in, and the first-run setup that creates the first admin."""

from __future__ import annotations

from typing import Any

from counter_app.gui.context import AppContext
from counter_app.gui.operations import CoreOp, OpChanges, QueryOp
from counter_app.services import CounterService


def authenticate(
    *, ctx: AppContext, parent: object, username: str, password: str
) -> QueryOp[dict[str, Any]]:
    return QueryOp(
        ctx=ctx, parent=parent, op=lambda service: service.staff.authenticate(username, password)
    )


def set_up_centre(*, ctx: AppContext, parent: object, values: dict[str, Any]) -> CoreOp[str]:
    """First run: the centre's identity and hours, and its first admin; the admin's username."""

    def op(service: CounterService) -> str:
        from counter_app.ops.code_floor import raise_code_counters  # the setup's, not the start's

        existing = {s["username"] for s in service.staff.all()}
        username = values["username"].lower()
        with service.store.write():  # the settings and the first admin: both or neither
            service.settings.configure(
                unit_code=values["unit_code"],
                ward_code=values["ward_code"],
                counter=values["counter"],
                centre_name=values["centre_name"],
                hours=values["hours"] or None,
                actor="setup",
            )
            if username not in existing:  # refused when other accounts exist: sign in instead
                service.staff.add_first_admin(username, values["full_name"], values["password"])
        # a re-setup after a lost database never reissues a code known in the backups
        raise_code_counters(service, actor="setup", check_portal=False)
        return username

    return CoreOp(ctx=ctx, parent=parent, op=op, changes=OpChanges(settings=True, staff=True))
