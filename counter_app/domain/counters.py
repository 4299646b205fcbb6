"""Which counter of the centre received a dossier (DESIGN §4).

Counter `c` issues the daily sequence `c001`…`c999`, so the first digit of the code's last
part is the receiving counter: `…-260715-2003` was received at counter 2. Dossiers submitted
online (channel 'online') carry the portal's code and count as online, not as a counter's.
"""

from __future__ import annotations

ONLINE = 0  # the "counter" of online dossiers in figures and filters

# The same rule in SQL, over a dossiers row aliased `d` (the services' queries): the stored
# receiving counter (store migration 10 fills it from the code; the dossier writer sets it).
COUNTER_SQL = "(CASE WHEN d.channel = 'online' THEN 0 ELSE d.received_counter END)"


def counter_of(code: str | None, channel: str | None = None) -> int | None:
    """1–9 for a counter's dossier, ONLINE for an online one, None when the code says nothing."""
    if channel == "online":
        return ONLINE
    sequence = (code or "").rsplit("-", 1)[-1]
    if len(sequence) != 4 or not sequence.isdigit() or sequence[0] == "0":
        return None
    return int(sequence[0])
