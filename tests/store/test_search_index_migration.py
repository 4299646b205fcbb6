"""The search index with prefix indexes: the migration on an existing folder, and the rows
a search returns, which must be exactly those of the index without prefixes."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import sqlite_utils
from conftest import open_app_db
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.demo import demo_name
from counter_app.services.search import build_search_sql
from counter_app.store import migrations, row_seals
from counter_app.store.database import Store
from counter_app.store.dossier_writer import NewDossier, insert_dossiers
from counter_app.store.migrations import MIGRATIONS, SCHEMA_VERSION, apply_migration

PREFIX_MIGRATION = MIGRATIONS.index(migrations._v11_search_prefix_index) + 1
PROCEDURE = {
    "code": "1.004873",
    "name": "Cấp bản sao trích lục hộ tịch",
    "field_code": "HT",
    "field_name": "Hộ tịch",
    "processing_time": 1.0,
    "time_unit": "day",
}


def _dossiers(count: int, seed: int) -> list[NewDossier]:
    rng = random.Random(seed)
    rows = []
    for i in range(1, count + 1):
        female = rng.random() < 0.5
        applicant = {
            "full_name": demo_name(rng, female),
            "id_number": f"001{rng.randint(0, 3)}{rng.randint(0, 99999999):08d}",
            "phone": f"09{rng.randint(0, 99999999):08d}",
        }
        at = f"2026-03-{1 + i % 28:02d} 09:00"
        rows.append(
            NewDossier(
                uuid=f"u-{seed}-{i}",
                code=f"000.00.01.H22-2603{1 + i % 28:02d}-{1 + i % 9}{i % 1000:03d}-{i}",
                procedure=PROCEDURE,
                applicant=applicant,
                officer="an.nv",
                received_at=at,
                due_at=at,
                status=2,
                channel="counter",
                return_method="counter",
                created_at=at,
                updated_at=at,
                sync_state="local",
                events=[(at, "an.nv", None, 2, "")],
            )
        )
    return rows


def _folder_before_prefix_index(folder: Path, count: int) -> None:
    """A data folder as the app left it one version before the prefix index, with dossiers."""
    folder.mkdir(parents=True)
    conn = open_app_db(folder / "counter.db", isolation_level=None)
    db = sqlite_utils.Database(conn)
    conn.execute("BEGIN")
    for version in range(1, PREFIX_MIGRATION):
        apply_migration(version, db)
    conn.execute(f"PRAGMA user_version = {PREFIX_MIGRATION - 1}")
    insert_dossiers(conn, _dossiers(count, seed=5))
    row_seals.reseal(conn, [t for t in row_seals.SEALED_TABLES if row_seals.has_table(conn, t)])
    conn.execute("COMMIT")
    conn.close()


def _search(conn: sqlite3.Connection, text: str, **filters: object) -> list[tuple]:
    options = dict(
        status=None,
        date_from=None,
        date_to=None,
        procedure=None,
        overdue=False,
        due_today=False,
        sync_problems=False,
        limit=50,
        before_id=None,
    )
    options.update(filters)
    sql, params = build_search_sql(text, **options)
    return [tuple(r) for r in conn.execute(sql, params)]


QUERIES = [
    "nguyen",
    "nguy",
    "ng",
    "n",
    "nguyen thi",
    "nguyen van a",
    "tran thi lan",
    "0011",
    "09",
    "001",
    "le",
    "ph",
    "thi h",
    "van",
    "hoang van nam",
    "z",
    "đỗ",
    "Nguyễn Thị",
]


def test_migration_on_an_existing_folder_backs_up_reports_progress_and_keeps_results(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    _folder_before_prefix_index(folder, 3000)
    conn = open_app_db(folder / "counter.db")
    before = {q: _search(conn, q) for q in QUERIES}
    paged = _search(conn, "nguyen", before_id=2000, limit=20)
    conn.close()
    assert before["nguyen"] and before["0011"]

    reports: list[tuple[str, int, int]] = []
    with Store(folder, migration_progress=lambda *r: reports.append(r)) as store:
        assert store.migrated_from == PREFIX_MIGRATION - 1
        assert store.schema_version == SCHEMA_VERSION
        conn = store.conn()
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'dossiers_fts'").fetchone()
        assert "prefix='1 2 3 4 5 6'" in sql[0]
        assert {q: _search(conn, q) for q in QUERIES} == before
        assert _search(conn, "nguyen", before_id=2000, limit=20) == paged
        assert conn.execute("INSERT INTO dossiers_fts(dossiers_fts) VALUES ('integrity-check')")
    index_reports = [r for r in reports if r[0] == "search index"]
    assert index_reports[0] == ("search index", 0, 3000)
    assert index_reports[-1] == ("search index", 3000, 3000)
    assert reports[0][0] == "backup" and reports[0][1] == reports[0][2]  # then the index
    # and, last, the seals of what the migrations rewrote: none of these (issue 15), while
    # every row stays sealed
    assert [r for r in reports if r[0] in ("seal-check", "seals")] == [("seals", 0, 0)]
    with Store(folder) as store:
        assert row_seals.verify_all(store.conn()) == []
    assert len(list((folder / "backups").glob(f"*pre-migration-v{PREFIX_MIGRATION - 1}*"))) == 1


def test_a_new_folder_gets_the_prefix_index_and_the_triggers_keep_it_in_step(
    tmp_path: Path,
) -> None:
    with Store(tmp_path / "data") as store:
        with store.write() as conn:
            insert_dossiers(conn, _dossiers(50, seed=1))
            conn.execute("UPDATE dossiers SET search_text = 'zzxq 0987' WHERE id = 7")
            conn.execute("DELETE FROM status_events WHERE dossier_id = 9")
            conn.execute("DELETE FROM dossiers WHERE id = 9")
        conn = store.conn()
        assert [r[0] for r in _search(conn, "zzx")] == [7]
        assert all(r[0] != 9 for r in _search(conn, "", limit=100))
        conn.execute("INSERT INTO dossiers_fts(dossiers_fts) VALUES ('integrity-check')")


fragments = st.text(alphabet="nguyễtrầnlêvăthịhoa0123456789 đ", min_size=0, max_size=14)


@settings(max_examples=60, deadline=None)
@given(text=fragments)
def test_prefix_index_returns_the_same_rows_as_the_plain_index(text: str) -> None:
    """Any typed text: the same dossiers in the same order as the index without prefixes."""
    assert _search(PLAIN, text) == _search(PREFIXED, text)


def _two_indexes() -> tuple[sqlite3.Connection, sqlite3.Connection]:
    plain = sqlite3.connect(":memory:", isolation_level=None)
    db = sqlite_utils.Database(plain)
    for version in range(1, PREFIX_MIGRATION):
        apply_migration(version, db)
    insert_dossiers(plain, _dossiers(2000, seed=9))
    prefixed = sqlite3.connect(":memory:", isolation_level=None)
    plain.backup(prefixed)
    apply_migration(PREFIX_MIGRATION, sqlite_utils.Database(prefixed))
    return plain, prefixed


PLAIN, PREFIXED = _two_indexes()
