"""A counter number is used once per unit: claimed through the portal at setup (DangKyQuay).

Codes stay collision-free offline because each counter issues its own partition of the daily
sequence (DESIGN §4, the first digit); two PCs set up as the same counter of one unit would
issue the same codes, so the second is refused before it receives anything.
"""

from __future__ import annotations

from counter_app.portal.client import PortalClient
from counter_app.services import CounterService, InputError
from counter_app.services.records import new_uuid
from counter_app.sync.state import get_state, set_state

MACHINE_ID_KEY = "machine_id"


def machine_id(service: CounterService) -> str:
    """This data folder's id on the portal, made once and kept in the sync state."""
    known = get_state(service, MACHINE_ID_KEY)
    if known:
        return known
    made = new_uuid()
    set_state(service, MACHINE_ID_KEY, made)
    return made


def register_counter_number(
    service: CounterService,
    client: PortalClient,
    unit_code: str,
    counter: int,
    *,
    replace: bool = False,
) -> None:
    """Claim `counter` of `unit_code` for this PC; InputError when another PC holds it,
    unless `replace` (a technician's word that this PC replaces the counter's old one)."""
    answer = client.register_counter(unit_code, counter, machine_id(service), replace=replace)
    if answer["status"] == "taken":
        raise InputError(
            "counter",
            f"Số quầy {counter} đã được một máy khác của đơn vị {unit_code} sử dụng; chọn số "
            f"quầy khác, hoặc dùng --replace-counter nếu máy này thay máy cũ của quầy / counter "
            f"{counter} is already used by another PC of this unit (--replace-counter when this "
            "PC replaces it)",
        )
    set_state(service, "counter_registered", f"{unit_code}:{counter}")
