"""Merging the search index into one segment (store/search_index.py) and the day's
maintenance that runs it (ops/backup_schedule.py): real data folders, many segments made
by many small write transactions, and the rows a search returns before and after."""

from __future__ import annotations

import logging

from test_search_index_migration import _dossiers

from counter_app.ops.backup_schedule import BackgroundBackups
from counter_app.services import CounterService
from counter_app.services.search import build_search_sql
from counter_app.store import search_index
from counter_app.store.dossier_writer import insert_dossiers

QUERIES = ("nguyen", "nguyễn thị", "van a", "0011", "09", "001", "h22", "tran")


def fragmented(service: CounterService, batches: int = 60, per_batch: int = 25) -> None:
    """`batches` write transactions, each writing new segments; automerge off while they are
    written (nor crisis merges), as after a bulk build that left its segments unmerged."""
    store = service.store
    with store.write() as conn:
        conn.execute("INSERT INTO dossiers_fts(dossiers_fts, rank) VALUES ('automerge', 0)")
        conn.execute("INSERT INTO dossiers_fts(dossiers_fts, rank) VALUES ('crisismerge', 100)")
    rows = _dossiers(batches * per_batch, seed=11)
    for start in range(0, len(rows), per_batch):
        with store.write() as conn:
            insert_dossiers(conn, rows[start : start + per_batch])
    with store.write() as conn:  # the default again: new writes merge as usual
        conn.execute("INSERT INTO dossiers_fts(dossiers_fts, rank) VALUES ('automerge', 4)")
        conn.execute("INSERT INTO dossiers_fts(dossiers_fts, rank) VALUES ('crisismerge', 16)")


def results(service: CounterService) -> dict[str, list[int]]:
    conn = service.store.conn()
    found = {}
    for text in QUERIES:
        sql, params = build_search_sql(
            text,
            status=None,
            date_from=None,
            date_to=None,
            procedure=None,
            overdue=False,
            due_today=False,
            sync_problems=False,
            limit=1000,
            before_id=None,
        )
        found[text] = [row["id"] for row in conn.execute(sql, params)]
    return found


def test_merge_folds_every_segment_into_one_with_the_same_search_rows(
    service: CounterService,
) -> None:
    fragmented(service)
    conn = service.store.conn()
    before = search_index.shape(conn)
    assert before is not None and before.segments > search_index.MERGE_ABOVE_SEGMENTS
    assert before.pages > before.segments
    assert search_index.needs_merge(conn)
    rows_before = results(service)
    assert all(rows_before[q] for q in ("nguyen", "0011", "09"))
    changes = service.store.data_changes
    reports: list[tuple[int, int]] = []

    result = search_index.merge(
        service.store, step_pages=8, progress=lambda d, t: reports.append((d, t))
    )

    assert result.finished and result.steps > 2 and result.before == before
    assert result.after == search_index.shape(conn)
    assert result.after is not None and result.after.segments == 1 and result.after.levels == 1
    assert not search_index.needs_merge(conn)
    assert results(service) == rows_before
    conn.execute("INSERT INTO dossiers_fts(dossiers_fts) VALUES ('integrity-check')")
    assert service.store.data_changes == changes  # the office's data did not change
    assert reports[0] == (0, before.pages) and reports[-1] == (before.pages, before.pages)
    assert [d for d, _ in reports] == sorted(d for d, _ in reports)
    # a second run finds nothing to merge
    again = search_index.merge(service.store)
    assert again.finished and again.steps == 1 and again.after == result.after


def test_a_stopped_merge_goes_on_at_the_next_run(service: CounterService) -> None:
    fragmented(service)
    rows_before = results(service)
    steps = []

    stopped = search_index.merge(
        service.store, step_pages=4, should_stop=lambda: len(steps) > 0 or steps.append(1)
    )

    assert not stopped.finished and stopped.steps == 1
    assert results(service) == rows_before  # a half-merged index answers the same
    resumed = search_index.merge(service.store, step_pages=4)
    assert resumed.finished and resumed.after is not None and resumed.after.segments == 1
    assert results(service) == rows_before


def test_a_new_folder_needs_no_merge(service: CounterService) -> None:
    shape = search_index.shape(service.store.conn())
    assert shape is not None and shape.segments <= 1
    assert not search_index.needs_merge(service.store.conn())
    assert search_index.shape(service.store.conn()) == shape


def test_the_days_backup_then_merges_the_search_index(service: CounterService, caplog) -> None:
    fragmented(service)
    rows_before = results(service)
    runner = BackgroundBackups(service)
    with caplog.at_level(logging.INFO, logger="counter_app.ops.backup_schedule"):
        assert runner.check()
        runner._thread.join()
    shape = search_index.shape(service.store.conn())
    assert shape is not None and shape.segments == 1
    assert results(service) == rows_before
    assert any("search index merged" in r.getMessage() for r in caplog.records)
    assert runner.tidy_search_index() is None  # nothing left to do


def test_maintenance_is_skipped_on_a_damaged_store(service: CounterService) -> None:
    fragmented(service)
    before = search_index.shape(service.store.conn())
    service.store.damaged = "test"
    assert BackgroundBackups(service).tidy_search_index() is None
    assert search_index.shape(service.store.conn()) == before
