"""An upgrade and the row seals (issue 15): the rows the pending migrations rewrite are checked
against their seals first and sealed again after; every other row keeps its seal as it was,
so damage from before the upgrade is still found (never re-blessed), and the migrations a
1,000,000-dossier folder meets now reseal nothing.

The folders are built as the app left them at each older schema (tests/old_schemas.py). A
migration that rewrites a sealed table without declaring it (`migrations._rewrites`) fails
the first test (tried: without v7's or v10's declaration it fails)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import open_app_db
from old_schemas import folder_at, sealed_tables

from counter_app.store import audit, database, migrations, paths, row_seals
from counter_app.store.database import DatabaseDamaged, Store
from counter_app.store.migrations import MIGRATIONS, SCHEMA_VERSION

SEALS_START = next(v for v, m in enumerate(MIGRATIONS, 1) if m.__name__ == "_v7_row_seals")
COUNTER_COLUMN = next(
    v for v, m in enumerate(MIGRATIONS, 1) if m.__name__ == "_v10_dossiers_receiving_counter"
)


def _raw(folder: Path):
    return open_app_db(paths.db_path(folder), isolation_level=None)


def _contents(folder: Path) -> dict[str, list[tuple]]:
    """user_version, and every row of every table (seals included)."""
    conn = _raw(folder)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'"
            )
        ]
        found = {
            t: [tuple(r) for r in conn.execute(f'SELECT * FROM "{t}" ORDER BY 1')] for t in tables
        }
        found["user_version"] = [tuple(conn.execute("PRAGMA user_version").fetchone())]
        return found
    finally:
        conn.close()


def _upgrade(folder: Path) -> list[tuple[str, int, int]]:
    reports: list[tuple[str, int, int]] = []
    with Store(folder, migration_progress=lambda *r: reports.append(r)) as store:
        assert store.schema_version == SCHEMA_VERSION
    return reports


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_an_upgrade_from_every_older_schema_leaves_every_row_sealed(
    tmp_path: Path, version: int
) -> None:
    folder = folder_at(tmp_path / "data", version)
    conn = _raw(folder)
    # every sealed table of the old schema holds rows: an undeclared rewrite of any shows below
    assert all(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in sealed_tables(conn))
    conn.close()
    _upgrade(folder)
    with Store(folder) as store:
        conn = store.conn()
        assert row_seals.verify_all(conn) == []
        report = audit.verify(conn, store.audit_key)
        assert report.ok, report.problems


@pytest.mark.parametrize("version", [COUNTER_COLUMN - 1, SCHEMA_VERSION - 1])
def test_a_row_altered_before_the_upgrade_in_a_table_no_migration_rewrites_stays_reported(
    tmp_path: Path, version: int
) -> None:
    folder = folder_at(tmp_path / "data", version)
    conn = _raw(folder)  # behind the store's back: no seal tracking on this connection
    conn.execute("UPDATE applicants SET phone = '0912345679' WHERE id = 1")
    conn.close()
    _upgrade(folder)
    with Store(folder) as store:
        problems = row_seals.verify_all(store.conn())
    assert problems == [
        "applicants [1]: nội dung không khớp dấu niêm phong / content does not match its seal"
    ]


def test_a_row_altered_in_a_table_a_migration_rewrites_stops_the_upgrade(tmp_path: Path) -> None:
    folder = folder_at(tmp_path / "data", COUNTER_COLUMN - 1)
    conn = _raw(folder)
    conn.execute("UPDATE dossiers SET notes = 'sửa ngoài ứng dụng' WHERE id = 3")
    conn.close()
    before = _contents(folder)

    reports: list[tuple[str, int, int]] = []
    with pytest.raises(DatabaseDamaged, match=r"dossiers \[3\].*counter-app restore"):
        Store(folder, migration_progress=lambda *r: reports.append(r))
    assert _contents(folder) == before  # same schema version, same rows and seals
    assert reports[0] == ("seal-check", 0, 4) and {r[0] for r in reports} == {"seal-check"}
    assert not (folder / "backups").exists()  # the latest backup is not this damaged copy
    # the damage is remembered: no upgrade (no write) until a restore
    with pytest.raises(DatabaseDamaged, match="ngừng ghi"):
        Store(folder)
    assert _contents(folder) == before


def test_the_check_and_the_reseal_cover_only_the_declared_tables(tmp_path: Path) -> None:
    """Before the receiving counter (v10 rewrites dossiers): the 4 dossiers are checked and
    sealed again; the sealed tables v15 creates (attachments) are sealed, empty."""
    folder = folder_at(tmp_path / "data", COUNTER_COLUMN - 1)
    seals_before = _contents(folder)["row_seals"]
    reports = _upgrade(folder)
    assert [r for r in reports if r[0] == "seal-check"][-1] == ("seal-check", 4, 4)
    assert [r for r in reports if r[0] == "seals"] == [("seals", 0, 4), ("seals", 4, 4)]
    seals_after = _contents(folder)["row_seals"]
    changed = {r[:2] for r in set(seals_after) ^ set(seals_before)}
    assert changed == {("dossiers", f"[{n}]") for n in range(1, 5)}  # the counter column


@pytest.mark.parametrize("version", [COUNTER_COLUMN, SCHEMA_VERSION - 1])
def test_the_latest_migrations_reseal_nothing(tmp_path: Path, version: int) -> None:
    """What a 1,000,000-dossier folder meets now (the search prefix index, attachments, the
    undigitised state): no seal is checked or written; every seal stays as it was."""
    folder = folder_at(tmp_path / "data", version)
    seals_before = _contents(folder)["row_seals"]
    reports = _upgrade(folder)
    assert [r for r in reports if r[0] in ("seal-check", "seals")] == [("seals", 0, 0)]
    assert _contents(folder)["row_seals"] == seals_before


def test_a_first_upgrade_to_seals_seals_every_row(tmp_path: Path) -> None:
    folder = folder_at(tmp_path / "data", SEALS_START - 1)
    reports = _upgrade(folder)
    assert not [r for r in reports if r[0] == "seal-check"]  # no seals yet to check
    seals = [r for r in reports if r[0] == "seals"]
    conn = _raw(folder)
    assert (
        seals[-1][1] == seals[-1][2] == conn.execute("SELECT count(*) FROM row_seals").fetchone()[0]
    )
    conn.close()


def test_a_later_migration_that_rewrites_audited_rows_keeps_the_trail_verifiable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The keyed trail records the seals an upgrade changes (as it records every write's), so
    `audit verify` does not take a declared rewrite for an edit outside the app. No released
    migration after the keyed trail rewrites an audited table: a next one is appended here."""

    @migrations._rewrites("dossiers")
    def _next_renames_notes(db) -> None:
        db.execute("UPDATE dossiers SET notes = coalesce(notes, '') || ' (chuyển đổi)'")

    folder = folder_at(tmp_path / "data", SCHEMA_VERSION)
    monkeypatch.setattr(migrations, "MIGRATIONS", [*MIGRATIONS, _next_renames_notes])
    monkeypatch.setattr(database, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    reports: list[tuple[str, int, int]] = []
    with Store(folder, migration_progress=lambda *r: reports.append(r)) as store:
        conn = store.conn()
        assert store.schema_version == SCHEMA_VERSION + 1
        assert [r for r in reports if r[0] == "seals"][-1] == ("seals", 4, 4)
        assert row_seals.verify_all(conn) == []
        report = audit.verify(conn, store.audit_key)
        assert report.ok, report.problems
        records = conn.execute("SELECT records FROM audit_log ORDER BY id DESC LIMIT 1")
        assert '"dossiers"' in records.fetchone()[0]
