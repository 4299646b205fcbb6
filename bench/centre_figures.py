"""Time service.reports.centre_figures over a register of N dossiers (default 100,000).

    python bench/centre_figures.py [N]

Rows are written straight into a fresh data folder (three years of a 6-counter centre, a
tenth online, most finished, some late and some open), then the figures of a month, a
quarter and a year are read, cold and warm.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from conftest import configure  # noqa: E402

from counter_app.domain import clock  # noqa: E402
from counter_app.services import CounterService  # noqa: E402


def fill(service: CounterService, count: int) -> None:
    rng = random.Random(1)
    start = datetime(2024, 1, 1, 8, 0)
    with service.store.write() as conn:
        applicant = conn.execute(
            "INSERT INTO applicants (full_name) VALUES ('Nguyễn Văn A') RETURNING id"
        ).fetchone()[0]
        procedures = [r[0] for r in conn.execute("SELECT code FROM procedures LIMIT 40")]
        for n in range(count):
            received = start + timedelta(minutes=n * 15 + rng.randrange(10))
            due = received + timedelta(days=rng.choice((0, 3, 5, 10)))
            counter = 0 if rng.random() < 0.1 else rng.randrange(1, 7)
            code = f"000.00.01.H22-{received:%y%m%d}-{max(counter, 1)}{n % 1000:03d}"
            finished = received + timedelta(days=rng.choice((1, 2, 4, 6, 12)))
            status = 10 if finished < datetime(2027, 1, 1) else 4
            dossier_id = conn.execute(
                "INSERT INTO dossiers (uuid, code, procedure_code, procedure_name, applicant_id, "
                "received_at, due_at, status, channel) VALUES (?, ?, ?, 'Thủ tục', ?, ?, ?, ?, ?) "
                "RETURNING id",
                (
                    f"u{n}",
                    f"{code}.{n}",
                    rng.choice(procedures),
                    applicant,
                    clock.to_storage(received),
                    clock.to_storage(due),
                    status,
                    "online" if counter == 0 else "counter",
                ),
            ).fetchone()[0]
            events = [(received, 2), (received + timedelta(hours=1), 4)]
            if status == 10:
                events += [(finished, 9), (finished + timedelta(days=1), 10)]
            conn.executemany(
                "INSERT INTO status_events (dossier_id, at, by, to_status) VALUES (?, ?, 'x', ?)",
                [(dossier_id, clock.to_storage(at), to) for at, to in events],
            )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as folder:
        service = configure(CounterService.open(Path(folder)))
        began = time.perf_counter()
        fill(service, count)
        print(f"{count} dossiers written in {time.perf_counter() - began:.1f} s")
        now = datetime(2026, 12, 1, 10, 0)
        for label, first, last in (
            ("month", date(2026, 6, 1), date(2026, 6, 30)),
            ("quarter", date(2026, 4, 1), date(2026, 6, 30)),
            ("year", date(2025, 1, 1), date(2025, 12, 31)),
            ("all", date(2024, 1, 1), date(2026, 12, 31)),
        ):
            for run in ("cold", "warm"):
                began = time.perf_counter()
                figures = service.reports.centre_figures(first, last, now=now)
                took = time.perf_counter() - began
                print(
                    f"{label:8} {run}: {took * 1000:7.1f} ms  received {figures.totals['received']}"
                    f"  finished {figures.totals['finished']}"
                )
        service.close()


if __name__ == "__main__":
    main()
