"""Digitisation figures at scale (issue 16): the "chưa số hóa" list filter and the centre's
figures with their digitisation rates, over N dossiers (default 1,000,000).

    python bench/bench_digitisation.py [N]

The register of bench/centre_figures.py (one dossier every 15 minutes, a tenth online, most
finished), each with 3 checklist items; of those received at a counter 80 % have every item
attached, 10 % some, 10 % none; 70 % of the finished have their result attached (rows
written straight into the tables, as the sync step will write rows from other counters).

Prints, for the list's first page (200 rows, as the GUI asks) and a later page: p50/p95 with
the filter and without it (ratio); the worst case (a filter no row passes: every row looked
at); the figures of a month, a quarter, a year and everything, against the same query with
the digitisation columns taken out (ratio). Last line: one JSON object.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from centre_figures import fill  # noqa: E402
from common import median, percentile, print_json, print_table, timed  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from conftest import configure  # noqa: E402

from counter_app.services import CounterService, digitisation, reports  # noqa: E402

ITEMS = 3
PAGE = 200


def attach_rows(service: CounterService) -> dict[str, int]:
    rng = random.Random(2)
    counts = {"documents": 0, "attachments": 0}
    with service.store.write() as conn:
        dossiers = conn.execute("SELECT id, channel, status FROM dossiers ORDER BY id").fetchall()
        documents, attachments = [], []
        for dossier_id, channel, status in dossiers:
            documents += [(dossier_id, p, f"Giấy tờ {p}", "original", 1) for p in (1, 2, 3)]
            if channel != "online":
                draw = rng.random()
                items = (1, 2, 3) if draw < 0.8 else (1,) if draw < 0.9 else ()
                attachments += [(dossier_id, "submitted", p) for p in items]
            if status in (9, 10) and rng.random() < 0.7:
                attachments.append((dossier_id, "result", None))
            if len(documents) > 300_000:
                counts["documents"] += _flush(conn, documents, attachments, counts)
                documents, attachments = [], []
        counts["documents"] += _flush(conn, documents, attachments, counts)
        conn.execute(  # the receiving counter, from the code (…-YYMMDD-cNNN), as v10 does
            "UPDATE dossiers SET received_counter = CAST(substr(code, 22, 1) AS INTEGER) "
            "WHERE channel != 'online'"
        )
    return counts


def _flush(conn, documents: list, attachments: list, counts: dict[str, int]) -> int:
    conn.executemany(
        "INSERT INTO documents (dossier_id, position, name, kind, count) VALUES (?, ?, ?, ?, ?)",
        documents,
    )
    conn.executemany(
        "INSERT INTO attachments (dossier_id, kind, item, label, sha256, bytes, pages, source, "
        "created_at, created_by, upload_state) VALUES (?, ?, ?, 'x', "
        "printf('%064x', abs(random())), 50000, 1, 'scanner', '2026-01-01 08:00:00', 'x', "
        "'uploaded')",
        attachments,
    )
    counts["attachments"] += len(attachments)
    return len(documents)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    figures: dict[str, object] = {"dossiers": count}
    with tempfile.TemporaryDirectory() as folder:
        service = configure(CounterService.open(Path(folder)))
        began = time.perf_counter()
        fill(service, count)
        written = attach_rows(service)
        with service.store.write() as conn:
            conn.execute("ANALYZE")
        print(
            f"{count} dossiers, {written['documents']} checklist items, "
            f"{written['attachments']} attachments written in {time.perf_counter() - began:.0f} s"
        )
        search = service.search.dossiers
        first = search("", limit=PAGE)
        middle_id = first[-1]["id"] // 2
        cases = {
            "first page": ({}, {"undigitised": True}),
            "a later page": (
                {"before_id": middle_id},
                {"before_id": middle_id, "undigitised": True},
            ),
            "counter 3": ({"counter": 3}, {"counter": 3, "undigitised": True}),
            "a month": (
                {"date_from": date(2025, 6, 1), "date_to": date(2025, 6, 30)},
                {"date_from": date(2025, 6, 1), "date_to": date(2025, 6, 30), "undigitised": True},
            ),
        }
        rows = []
        for label, (plain, filtered) in cases.items():
            base = timed(lambda plain=plain: search("", limit=PAGE, **plain), 20)
            with_filter = timed(lambda filtered=filtered: search("", limit=PAGE, **filtered), 20)
            found = len(search("", limit=PAGE, **filtered))
            key = label.replace(" ", "_")
            figures[f"filter_{key}_p95_ms"] = round(percentile(with_filter, 95), 1)
            figures[f"filter_{key}_vs_unfiltered"] = round(median(with_filter) / median(base), 2)
            rows.append(
                (
                    f"'chưa số hóa', {label} ({found} rows)",
                    f"p50 {median(with_filter):.1f} ms, p95 {percentile(with_filter, 95):.1f} ms; "
                    f"unfiltered p50 {median(base):.1f} ms "
                    f"({figures[f'filter_{key}_vs_unfiltered']}x)",
                )
            )
        worst = timed(lambda: search("", limit=PAGE, counter=0, undigitised=True), 3)
        figures["filter_worst_case_ms"] = round(max(worst), 1)
        rows.append(("worst case: online + 'chưa số hóa' (no row passes)", f"{max(worst):.0f} ms"))
        print_table("List filter (service.search.dossiers, 200-row page)", rows)

        now = datetime(2026, 12, 1, 10, 0)
        plain_sql = reports._FIGURES_SQL.replace(digitisation.DIGITISED_SQL, "0").replace(
            digitisation.RESULT_SQL, "0"
        )
        assert plain_sql != reports._FIGURES_SQL
        rows = []
        for label, first_day, last_day in (
            ("month", date(2026, 6, 1), date(2026, 6, 30)),
            ("quarter", date(2026, 4, 1), date(2026, 6, 30)),
            ("year", date(2025, 1, 1), date(2025, 12, 31)),
            ("all", date(2024, 1, 1), date(2026, 12, 31)),
        ):
            repeat = 5 if label != "all" else 2
            result = service.reports.centre_figures(first_day, last_day, now=now)
            samples = timed(
                lambda a=first_day, b=last_day: service.reports.centre_figures(a, b, now=now),
                repeat,
            )
            original = reports._FIGURES_SQL
            reports._FIGURES_SQL = plain_sql
            try:
                base = timed(
                    lambda a=first_day, b=last_day: service.reports.centre_figures(a, b, now=now),
                    repeat,
                )
            finally:
                reports._FIGURES_SQL = original
            ratio = round(median(samples) / median(base), 2)
            figures[f"figures_{label}_ms"] = round(median(samples), 1)
            figures[f"figures_{label}_vs_without_digitisation"] = ratio
            totals = result.totals
            rows.append(
                (
                    f"{label} ({totals['received']} received)",
                    f"{median(samples):.0f} ms ({ratio}x without the digitisation columns); "
                    f"rates {totals['digitised_rate']} / {totals['result_digitised_rate']}",
                )
            )
        print_table("Centre figures with digitisation rates (median)", rows)
        service.close()
    print_json(figures)


if __name__ == "__main__":
    main()
