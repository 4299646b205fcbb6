"""Training data looks like a normal week at a counter: few dossiers overdue, most results
on time (issue 12: 120 of 300 demo dossiers were overdue)."""

from __future__ import annotations

from counter_app.demo import generate_demo_data
from counter_app.services import CounterService
from counter_app.services.records import now_text


def test_demo_dossiers_are_mostly_on_time(service: CounterService) -> None:
    assert generate_demo_data(service, 300, seed=11, days=60) == 300  # the training set
    conn = service.store.read()
    overdue = service.dossiers.today_counts()["overdue"]
    open_past_due = conn.execute(
        "SELECT count(*) FROM dossiers WHERE status IN (2, 4, 6) AND due_at < ?", (now_text(),)
    ).fetchone()[0]
    assert overdue == open_past_due
    assert overdue <= 300 * 0.08, overdue  # was 115
    on_time, late = conn.execute(
        "SELECT sum(e.at <= d.due_at), sum(e.at > d.due_at) FROM status_events e "
        "JOIN dossiers d ON d.id = e.dossier_id WHERE e.to_status = 9"
    ).fetchone()
    assert on_time + late > 150
    assert on_time / (on_time + late) >= 0.85
    assert late > 0  # a real week has a few late ones
