"""How long to wait before trying the portal again (DESIGN §10): exponential backoff with
full jitter and a cap. Sync's engine waits this between failed passes; the upload client
between failed calls of one upload."""

from __future__ import annotations

import random

BACKOFF_BASE = 2.0
BACKOFF_CAP = 300.0


def backoff_delay(
    failures: int,
    rng: random.Random | None = None,
    *,
    base: float = BACKOFF_BASE,
    cap: float = BACKOFF_CAP,
) -> float:
    """Full jitter: uniform in [0, min(cap, base * 2^(failures - 1))]."""
    ceiling = min(cap, base * (2 ** max(0, failures - 1)))
    return (rng or random).uniform(0, ceiling)
