"""Core benchmark: durable receive, search at 1,000,000 dossiers, DB size.

Targets (2-core machine): receive median <= 5 ms; search p95 <= 50 ms at 1,000,000;
search <= 2x the raw SQL query on the same index, measured in the same run.
Usage: python bench/bench_core.py [--receives 10000] [--dossiers 1000000]
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
from pathlib import Path

from common import (
    big_data_folder,
    configured_service,
    median,
    percentile,
    print_json,
    print_table,
    timed,
)

from counter_app.domain import clock
from counter_app.services import CounterService
from counter_app.services.search import build_search_sql


def bench_receive(count: int) -> list[float]:
    folder = Path(tempfile.mkdtemp(prefix="bench-receive-"))
    service = configured_service(folder)
    data = {
        "procedure_code": "1.004873",
        "applicant": {
            "full_name": "Nguyễn Thị Minh Khai",
            "id_number": "001190012345",
            "phone": "0912345678",
            "ward_code": 70,
        },
        "officer": "an.nv",
    }
    # A counter issues at most 999 codes a day: spread the receipts over working days.
    moments = iter(
        f"2026-{1 + i // 900 // 28:02d}-{1 + i // 900 % 28:02d} 09:00" for i in range(count)
    )
    try:
        return timed(lambda: service.intake.receive(dict(data, received_at=next(moments))), count)
    finally:
        service.close()
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--receives", type=int, default=10_000)
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()

    receive = bench_receive(args.receives)

    folder = big_data_folder(args.dossiers)
    service = CounterService.open(folder)
    conn = service.store.conn()
    rng = random.Random(3)
    total = conn.execute("SELECT max(id) FROM dossiers").fetchone()[0]
    ids = [rng.randint(1, total) for _ in range(args.queries)]
    sample = [
        conn.execute(
            "SELECT d.code, a.full_name, a.id_number FROM dossiers d "
            "JOIN applicants a ON a.id = d.applicant_id WHERE d.id = ?",
            (i,),
        ).fetchone()
        for i in ids
    ]
    names = [" ".join(r["full_name"].split()[rng.choice([0, 1]) :][:2]) for r in sample]
    kinds = {
        "name fragment": [n[: max(3, len(n) - 2)] for n in names],
        "ID number": [r["id_number"] for r in sample],
        "dossier code": [r["code"] for r in sample],
    }

    # Raw SQL baseline: the very query the service runs (same index, same columns),
    # prepared beforehand and executed bare; the ratio is the service layer's overhead.
    def raw_query(q: str):
        sql, params = build_search_sql(
            q,
            status=None,
            date_from=None,
            date_to=None,
            procedure=None,
            overdue=False,
            due_today=False,
            sync_problems=False,
            limit=50,
            before_id=None,
            now=clock.now(),
        )
        return lambda: conn.execute(sql, params).fetchall()

    results: dict[str, dict[str, float]] = {}
    for kind, queries in kinds.items():
        # Each query once untimed first, so that neither side pays for the other's page
        # reads; then both timed on the same warm pages.
        # Per query: the best of 5 alternating runs of each (what the code costs, not the
        # scheduler's noise), then percentiles across the queries.
        service_ms, raw_ms = [], []
        for q in queries:
            raw = raw_query(q)
            service.search.dossiers(q, limit=50)
            service_runs, raw_runs = [], []
            for _ in range(5):
                service_runs += timed(lambda q=q: service.search.dossiers(q, limit=50), 1)
                raw_runs += timed(raw, 1)
            service_ms.append(min(service_runs))
            raw_ms.append(min(raw_runs))
        hits = sum(1 for q in queries[:20] if service.search.dossiers(q, limit=1))
        results[kind] = {
            "p50_ms": round(median(service_ms), 2),
            "p95_ms": round(percentile(service_ms, 95), 2),
            "raw_p50_ms": round(median(raw_ms), 3),
            "raw_p95_ms": round(percentile(raw_ms, 95), 3),
            "ratio_p50": round(median(service_ms) / max(median(raw_ms), 1e-6), 2),
            "hit_rate_first20": hits / 20,
        }
    filtered = [
        timed(lambda: service.search.dossiers("", overdue=True, limit=50), 1)[0] for _ in range(50)
    ]
    db_bytes = sum(p.stat().st_size for p in Path(folder).glob("counter.db*"))
    service.close()

    rows = [
        ("receive median (durable commit)", f"{median(receive):.2f} ms over {len(receive):,}"),
        ("receive p95", f"{percentile(receive, 95):.2f} ms"),
    ]
    for kind, r in results.items():
        rows.append(
            (
                f"search {kind} p50 / p95",
                f"{r['p50_ms']} / {r['p95_ms']} ms "
                f"(raw SQL {r['raw_p50_ms']} / {r['raw_p95_ms']} ms, ratio {r['ratio_p50']}x)",
            )
        )
    rows.append(("filter overdue p95", f"{percentile(filtered, 95):.2f} ms"))
    rows.append(("DB size", f"{db_bytes / 1e6:.0f} MB for {args.dossiers:,} dossiers"))
    print_table("bench_core", rows)
    print_json(
        {
            "receive_median_ms": round(median(receive), 3),
            "receive_p95_ms": round(percentile(receive, 95), 3),
            "search": results,
            "filter_overdue_p95_ms": round(percentile(filtered, 95), 2),
            "db_bytes": db_bytes,
            "dossiers": args.dossiers,
        }
    )


if __name__ == "__main__":
    main()
