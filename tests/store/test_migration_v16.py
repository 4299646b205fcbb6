"""Migration 16 (issue 16, sync): the attachments table is rebuilt to admit documents of other
counters ('remote', source 'portal'); every row of schema 15 comes through unchanged."""

from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils

from counter_app.store import migrations


def test_schema_15_attachments_come_through_the_rebuild() -> None:
    db = sqlite_utils.Database(sqlite3.connect(":memory:"))
    for version in range(1, 16):
        migrations.apply_migration(version, db)
    row = (
        7,
        1,
        "submitted",
        2,
        "Tờ khai",
        "ab" * 32,
        1234,
        2,
        "scanner",
        "2026-07-15 10:05",
        "an.nv",
        "uploaded",
        1234,
        "TEP-1",
        "",
    )
    db.execute(f"INSERT INTO attachments VALUES ({', '.join('?' * len(row))})", row)
    migrations.apply_migration(16, db)
    got = db.execute("SELECT * FROM attachments").fetchall()
    assert got == [(*row, 0)]  # the same values, `listed` 0
    db.execute(
        "INSERT INTO attachments (dossier_id, kind, label, sha256, bytes, pages, source, "
        "created_at, created_by, upload_state, portal_file_ref) VALUES "
        "(1, 'result', 'KQ', ?, 1, 1, 'portal', 'x', 'portal', 'remote', 'TEP-2')",
        ("cd" * 32,),
    )
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO attachments (dossier_id, kind, label, sha256, bytes, pages, source, "
            "created_at, created_by, upload_state) VALUES "
            "(1, 'result', 'KQ', ?, 1, 1, 'portal', 'x', 'portal', 'lost')",
            ("ef" * 32,),
        )
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"idx_attachments_dossier", "idx_attachments_upload"} <= indexes
