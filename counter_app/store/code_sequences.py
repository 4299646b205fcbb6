"""The counters' daily code sequences: what was issued, and raising them (never lowering).

Plain SQL in the caller's connection, so a backup file or the live database read the same way.
"""

from __future__ import annotations

from counter_app.domain.dossier_codes import highest_per_day, merge_highest
from counter_app.store import driver as sqlite3


def issued_in(conn: sqlite3.Connection, unit_code: str, counter: int) -> dict[str, int]:
    """{yyMMdd: highest sequence} this unit's counter issued according to one database:
    its dossier codes and its sequence table (which also counts codes of rolled-back work)."""
    codes = [r[0] for r in conn.execute("SELECT code FROM dossiers WHERE code IS NOT NULL")]
    from_codes = highest_per_day(codes, unit_code, counter)
    from_table = {
        str(day): int(seq)
        for day, seq in conn.execute(
            "SELECT day, last_seq FROM code_sequences WHERE counter = ?", (counter,)
        )
    }
    return merge_highest(from_codes, from_table)


def raise_to(conn: sqlite3.Connection, counter: int, highest: dict[str, int]) -> int:
    """Raise the counter's sequences to at least `highest` inside the caller's write
    transaction; returns how many days were raised. A sequence never goes down."""
    raised = 0
    for day, sequence in sorted(highest.items()):
        raised += conn.execute(
            "INSERT INTO code_sequences (day, counter, last_seq) VALUES (?, ?, ?) "
            "ON CONFLICT(day, counter) DO UPDATE SET last_seq = excluded.last_seq "
            "WHERE excluded.last_seq > code_sequences.last_seq",
            (day, counter, sequence),
        ).rowcount
    return raised
