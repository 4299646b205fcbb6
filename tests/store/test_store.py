"""The store: pragmas, migrations with backups, the folder lock."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils
from conftest import open_app_db

from counter_app.store.database import DataFolderLocked, SchemaTooNew, Store
from counter_app.store.migrations import MIGRATIONS, SCHEMA_VERSION


def test_new_store_has_schema_and_pragmas(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        conn = store.conn()
        assert store.schema_version == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
        tables = set(sqlite_utils.Database(conn).table_names())
        assert {
            "dossiers",
            "applicants",
            "documents",
            "fees",
            "status_events",
            "procedures",
            "holiday_overrides",
            "staff",
            "print_log",
            "settings",
            "audit_log",
            "outbox",
            "code_sequences",
            "drafts",
        } <= tables
        assert store.migrated_from == 0
        assert not (tmp_path / "backups").exists()  # nothing to back up in a new folder


def test_migration_from_v1_backs_up_first_and_rerun_is_noop(tmp_path: Path) -> None:
    db_file = tmp_path / "counter.db"
    conn = open_app_db(db_file)
    db = sqlite_utils.Database(conn)
    MIGRATIONS[0](db)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO settings (key, value) VALUES ('unit_code', '\"X\"')")
    conn.commit()
    conn.close()
    with Store(tmp_path) as store:
        assert store.migrated_from == 1
        assert store.schema_version == SCHEMA_VERSION
        assert store.conn().execute("SELECT value FROM settings").fetchone()[0] == '"X"'
    backups = list((tmp_path / "backups").glob("*pre-migration-v1*.db"))
    assert len(backups) == 1
    old = open_app_db(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT value FROM settings").fetchone()[0] == '"X"'
    old.close()
    with Store(tmp_path) as store:  # re-running is a no-op: no second backup
        assert store.migrated_from == SCHEMA_VERSION
    assert len(list((tmp_path / "backups").glob("*.db"))) == 1


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.conn().execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(SchemaTooNew, match="phiên bản mới hơn"):
        Store(tmp_path)
    # and the refused open released its lock
    with pytest.raises(SchemaTooNew):
        Store(tmp_path)


def test_second_writer_is_refused_with_clear_error(tmp_path: Path) -> None:
    first = Store(tmp_path)
    try:
        with pytest.raises(DataFolderLocked, match="đang được một phiên bản khác"):
            Store(tmp_path)
    finally:
        first.close()
    Store(tmp_path).close()  # free again once the first closed


def test_write_rolls_back_on_error(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        with pytest.raises(RuntimeError):
            with store.write() as conn:
                conn.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
                raise RuntimeError("boom")
        assert store.conn().execute("SELECT count(*) FROM settings").fetchone()[0] == 0


def test_connection_per_thread(tmp_path: Path) -> None:
    import threading

    with Store(tmp_path) as store:
        seen = []
        thread = threading.Thread(target=lambda: seen.append(store.conn()))
        thread.start()
        thread.join()
        assert seen[0] is not store.conn()


def test_backup_is_consistent_copy(tmp_path: Path) -> None:
    with Store(tmp_path / "data") as store:
        with store.write() as conn:
            conn.execute("INSERT INTO settings (key, value) VALUES ('k', '\"v\"')")
        target = store.backup(tmp_path / "copy.db")
    copy = open_app_db(target, folder=tmp_path / "data")
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT value FROM settings WHERE key = 'k'").fetchone()[0] == '"v"'
    copy.close()
