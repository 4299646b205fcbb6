"""A row's seal is built by SQLite as one value (row_seals._material_sql); it must be the very
seal the per-column Python hashing gave, or every seal of an existing database would read as
damage after an upgrade."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.store import driver as sqlite3
from counter_app.store import row_seals

KEY = bytes(range(32))  # an encrypted file, as the store keeps them
COLUMNS = ["id", "a", "b", "c it's"]


def reference_seal(table: str, columns: list[str], values: tuple) -> str:
    """The seal as earlier versions computed it: typeof + CAST(… AS BLOB) per column."""
    material = hashlib.sha256(table.encode())
    for name, (kind, raw) in zip(columns, values, strict=True):
        if kind == "null":
            continue
        material.update(b"\x1e" + name.encode() + b"\x1f" + kind.encode() + b"\x1f")
        material.update(bytes(raw))
    return material.hexdigest()


values = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.text(),
    st.binary(max_size=64),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.tuples(values, values, values), min_size=1, max_size=6))
def test_sql_built_seals_equal_the_per_column_seals(tmp_path: Path, rows: list[tuple]) -> None:
    conn = sqlite3.connect(tmp_path / "seals.db", KEY)
    conn.execute('DROP TABLE IF EXISTS "t"')
    conn.execute('CREATE TABLE "t" (id INTEGER PRIMARY KEY, a, b, "c it\'s")')
    conn.executemany('INSERT INTO "t" (a, b, "c it\'s") VALUES (?, ?, ?)', rows)
    per_column = ", ".join(
        f'typeof("{c}"), CAST("{c}" AS BLOB)' for c in ["id", "a", "b", "c it's"]
    )
    expected = {
        key: reference_seal("t", COLUMNS, tuple(zip(row[0::2], row[1::2], strict=True)))
        for key, *row in conn.execute(f"SELECT json_array(id), {per_column} FROM t")
    }
    assert dict(row_seals.live_digests(conn, "t")) == expected
    # a driver on SQLite before 3.44 (no concat()) builds the same material with ||
    chain = row_seals._material_sql("t", COLUMNS, concat=False)
    assert {
        key: hashlib.sha256(material).hexdigest()
        for key, material in conn.execute(f'SELECT json_array(id), {chain} FROM "t"')
    } == expected
    conn.close()


def test_text_with_nul_and_blobs_that_are_not_utf8(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "seals.db", None)
    conn.execute('CREATE TABLE "t" (id INTEGER PRIMARY KEY, a, b, "c it\'s")')
    conn.execute(
        'INSERT INTO "t" (a, b, "c it\'s") VALUES (?, ?, ?)', ("x\x00y", b"\xff\x00\xfe", b"")
    )
    conn.execute('INSERT INTO "t" (a, b, "c it\'s") VALUES (?, ?, ?)', (1.5e300, -0.0, "Nguyễn"))
    per_column = ", ".join(f'typeof("{c}"), CAST("{c}" AS BLOB)' for c in COLUMNS)
    expected = {
        key: reference_seal("t", COLUMNS, tuple(zip(row[0::2], row[1::2], strict=True)))
        for key, *row in conn.execute(f"SELECT json_array(id), {per_column} FROM t")
    }
    assert dict(row_seals.live_digests(conn, "t")) == expected
    conn.close()


def test_tracking_is_installed_outside_a_transaction_only(tmp_path: Path) -> None:
    """The triggers are made in a transaction of their own: inside a caller's, it is refused,
    and the caller's transaction and its rows are left as they were."""
    from counter_app.services import CounterService
    from counter_app.store.database import open_connection

    service = CounterService.open(tmp_path / "data")
    store = service.store
    conn = open_connection(store.db_path, store.key)
    try:
        row_seals.install_tracking(conn)  # outside: fine, and again (IF NOT EXISTS)
        row_seals.install_tracking(conn)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO settings (key, value) VALUES ('probe', '1')")
        with pytest.raises(sqlite3.ProgrammingError):
            row_seals.install_tracking(conn)
        assert conn.in_transaction
        assert conn.execute("SELECT value FROM settings WHERE key = 'probe'").fetchone()[0] == "1"
        conn.execute("ROLLBACK")
    finally:
        conn.close()
        service.close()
