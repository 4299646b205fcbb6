"""Issue 11: each way of rewriting the data or the trail behind the app's back is reported by
`counter-app audit verify`, naming the record it touched. Tampering is done as an attacker
with write access to the file would: a plain sqlite3 connection, triggers dropped first."""

from __future__ import annotations

import hashlib
import hmac
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import PASSWORDS, configure, intake, open_app_db, signed_main

from counter_app.services import CounterService
from counter_app.store import audit, paths
from counter_app.store import driver as sqlite3

CHAIN_FIELDS = ("key_id", "prev_hash", "at", "actor", "action", "entity", "detail", "records")


@pytest.fixture
def folder(data_dir: Path) -> Path:
    service = configure(CounterService.open(data_dir))
    code = service.intake.receive(intake()).dossier["code"]
    service.dossiers.change_status(code, 4, by="an.nv")
    service.prints.record(code, form="receipt", officer="an.nv", copies=["1"], paper="a4")
    service.intake.receive(intake())
    service.close()
    return data_dir


def verify(folder: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict:
    code = signed_main(["--data-dir", str(folder), "audit", "verify", "--format", "json", *extra])
    report = json.loads(capsys.readouterr().out)
    assert (code == 0) == report["ok"]
    return report


@pytest.fixture
def raw(folder: Path) -> Iterator[Callable[[str], sqlite3.Connection]]:
    conn = open_app_db(paths.db_path(folder), isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit%'"
    ).fetchall():
        conn.execute(f"DROP TRIGGER {name}")

    def run(sql: str) -> sqlite3.Connection:
        conn.execute(sql)
        return conn

    yield run
    conn.close()


def test_untouched_folder_verifies(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = verify(folder, capsys)
    assert report["ok"], report["problems"]


@pytest.mark.parametrize(
    ("table", "sql", "named"),
    [
        (
            "dossiers",
            "UPDATE dossiers SET due_at = '2030-01-01 17:00' WHERE id = 1",
            "dossiers [1]",
        ),
        ("applicants", "UPDATE applicants SET phone = '0999999999' WHERE id = 1", "applicants [1]"),
        ("documents", "UPDATE documents SET name = 'giấy giả' WHERE id = 1", "documents [1]"),
        ("fees", "UPDATE fees SET amount = 0 WHERE id = 1", "fees [1]"),
        (
            "status_events",
            "UPDATE status_events SET by = 'ke.gian' WHERE id = 2",
            "status_events [2]",
        ),
        (
            "staff",
            "UPDATE staff SET role = 'admin' WHERE username = 'binh.tt'",
            'staff ["binh.tt"]',
        ),
        (
            "settings",
            "UPDATE settings SET value = '9' WHERE key = 'counter'",
            'settings ["counter"]',
        ),
    ],
)
def test_a_direct_edit_of_each_table_is_reported_with_its_row(
    folder: Path,
    raw: Callable,
    capsys: pytest.CaptureFixture[str],
    table: str,
    sql: str,
    named: str,
) -> None:
    assert raw(sql).total_changes == 1
    report = verify(folder, capsys)
    assert not report["ok"]
    assert any(p.startswith(named) and "edited outside the app" in p for p in report["problems"])


def test_a_deleted_row_is_reported(
    folder: Path, raw: Callable, capsys: pytest.CaptureFixture[str]
) -> None:
    raw("DELETE FROM fees WHERE id = 1")
    raw("DELETE FROM row_seals WHERE tbl = 'fees'")  # and its seal: the trail still knows
    report = verify(folder, capsys)
    assert any(
        p.startswith("fees [1]") and "deleted outside the app" in p for p in report["problems"]
    )


def test_an_inserted_row_is_reported(
    folder: Path, raw: Callable, capsys: pytest.CaptureFixture[str]
) -> None:
    raw(
        "INSERT INTO staff (username, full_name, role, password_hash) "
        "VALUES ('mallory', 'M', 'admin', 'x')"
    )
    report = verify(folder, capsys)
    assert any(
        p.startswith('staff ["mallory"]') and "not in the audit trail" in p
        for p in report["problems"]
    )


def test_deleting_the_tail_and_fixing_the_head_is_reported(
    folder: Path, raw: Callable, capsys: pytest.CaptureFixture[str]
) -> None:
    conn = raw("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    last_id, last_hash = conn.execute(
        "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"
    ).fetchone()
    conn.execute("UPDATE audit_head SET last_id = ?, last_hash = ?", (last_id, last_hash))
    report = verify(folder, capsys)
    # the deleted event carried the records of the second dossier's rows
    assert any(
        "not in the audit trail" in p or "differs from the trail" in p for p in report["problems"]
    )


def _recompute(conn: sqlite3.Connection, mac: Callable[[str], str], key_id: str | None) -> None:
    """Rewrite every chain row (after an edit) as the attacker can: unkeyed SHA-256, or an HMAC
    with a secret of their own; the head follows."""
    prev = audit.GENESIS
    rows = conn.execute(
        f"SELECT id, {', '.join(CHAIN_FIELDS[:-1])}, records FROM audit_log ORDER BY id"
    ).fetchall()
    for row in rows:
        fields = dict(zip(("id", *CHAIN_FIELDS), row, strict=True))
        fields["prev_hash"] = prev
        if key_id is None:
            fields["key_id"] = ""
            material = "\x1f".join(fields[c] for c in CHAIN_FIELDS[1:-1])
        else:
            fields["key_id"] = key_id or fields["key_id"]
            material = "\x1f".join(fields[c] for c in CHAIN_FIELDS)
        prev = mac(material)
        conn.execute(
            "UPDATE audit_log SET key_id = ?, prev_hash = ?, hash = ? WHERE id = ?",
            (fields["key_id"], fields["prev_hash"], prev, fields["id"]),
        )
    conn.execute("UPDATE audit_head SET last_id = ?, last_hash = ?", (rows[-1][0], prev))


@pytest.mark.parametrize("how", ["unkeyed", "wrong secret, same key id", "wrong secret"])
def test_recomputing_the_chain_without_the_secret_is_reported(
    folder: Path, raw: Callable, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    conn = raw("UPDATE audit_log SET actor = 'ke.gian' WHERE action = 'dossier.status'")
    if how == "unkeyed":
        _recompute(conn, lambda m: hashlib.sha256(m.encode()).hexdigest(), None)
    else:
        guess = b"not the install's secret"
        _recompute(
            conn,
            lambda m: hmac.new(guess, m.encode(), hashlib.sha256).hexdigest(),
            "" if how.endswith("same key id") else "0123456789abcdef",
        )
    report = verify(folder, capsys)
    assert not report["ok"]
    expected = {
        "unkeyed": "switch-over row carries no key",
        "wrong secret, same key id": "row content altered",
        "wrong secret": "a key this PC does not hold",
    }[how]
    assert any(expected in p for p in report["problems"]), report["problems"]


def test_dropping_both_audit_tables_is_reported(
    folder: Path, raw: Callable, capsys: pytest.CaptureFixture[str]
) -> None:
    raw("DROP TABLE audit_log")
    raw("DROP TABLE audit_head")
    report = verify(folder, capsys)
    assert not report["ok"] and "audit tables dropped" in report["problems"][0]


def test_dropping_and_recreating_the_audit_tables_empty_is_reported(
    folder: Path, raw: Callable, capsys: pytest.CaptureFixture[str]
) -> None:
    conn = raw("DELETE FROM audit_log")
    conn.execute("DELETE FROM audit_head")
    report = verify(folder, capsys)
    assert not report["ok"]
    # the sign-in of `audit verify` writes the first row again: keyed, with no switch-over
    assert any("before any keyed switch-over" in p for p in report["problems"])


def test_triggers_refuse_deleting_and_rolling_back(folder: Path) -> None:
    conn = open_app_db(paths.db_path(folder), isolation_level=None)
    last_id, last_hash = conn.execute("SELECT last_id, last_hash FROM audit_head").fetchone()
    older = conn.execute("SELECT id, hash FROM audit_log WHERE id = ?", (last_id - 1,)).fetchone()
    for sql, params in [
        ("DELETE FROM audit_log WHERE id = ?", (last_id,)),
        ("UPDATE audit_log SET actor = 'x' WHERE id = ?", (last_id,)),
        ("DELETE FROM audit_head", ()),
        ("UPDATE audit_head SET last_id = ?, last_hash = ?", older),
        ("UPDATE audit_head SET last_id = ?, last_hash = ?", (last_id + 5, last_hash)),
        ("INSERT OR REPLACE INTO audit_head VALUES (1, ?, ?)", older),
    ]:
        with pytest.raises(sqlite3.IntegrityError, match="append-only|only moves forward"):
            conn.execute(sql, params)
    assert conn.execute("SELECT last_id FROM audit_head").fetchone()[0] == last_id
    conn.close()


def test_replacing_the_folder_with_a_copy_of_an_older_one_verifies_locally(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An old backup put in place is self-consistent: only the portal's anchors tell
    (tests/sync/test_audit_anchor.py)."""
    old = tmp_path / "old.db"
    shutil.copy(paths.db_path(folder), old)
    service = CounterService.open(folder)
    service.intake.receive(intake())
    service.close()
    for suffix in ("-wal", "-shm"):
        paths.db_path(folder).with_name("counter.db" + suffix).unlink(missing_ok=True)
    shutil.copy(old, paths.db_path(folder))
    assert verify(folder, capsys)["ok"]


FIXTURE_V1 = Path(__file__).parents[1] / "fixtures" / "schema-v1"


def test_an_old_install_keeps_its_unkeyed_rows_verifiable_and_switches_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "old"
    shutil.copytree(FIXTURE_V1, folder)
    service = CounterService.open(folder)  # migrates v1 → current, then keys the trail
    legacy = service.store.conn().execute("SELECT count(*) FROM audit_log WHERE key_id = ''")
    assert legacy.fetchone()[0] > 0
    service.intake.receive(intake(officer=_an_officer(service)))
    # the CLI signs in with the tests' password (the fixture's is older than the length rule)
    service.staff.set_password("an.nv", PASSWORDS["an.nv"], actor="an.nv")
    service.close()
    assert verify(folder, capsys)["ok"]
    conn = open_app_db(paths.db_path(folder), isolation_level=None)
    actions = [r[0] for r in conn.execute("SELECT action FROM audit_log WHERE key_id != ''")]
    assert actions[0] == "audit.keyed"
    # an old (unkeyed) row edited: its SHA-256 link no longer fits
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET actor = 'ke.gian' WHERE id = 2")
    report = verify(folder, capsys)
    assert any(p.startswith("Dòng 2:") for p in report["problems"])
    conn.execute(
        "UPDATE audit_log SET actor = (SELECT actor FROM audit_log WHERE id = 1) WHERE id = 2"
    )
    # an old row (from before the keyed trail) deleted with its seal: only the tally tells
    conn.execute("PRAGMA foreign_keys = OFF")
    old_fee = conn.execute("SELECT min(id) FROM fees").fetchone()[0]
    assert old_fee is not None  # the fixture's fees predate the keyed trail
    conn.execute("DELETE FROM fees WHERE id = ?", (old_fee,))
    conn.execute("DELETE FROM row_seals WHERE tbl = 'fees' AND row_key = ?", (f"[{old_fee}]",))
    report = verify(folder, capsys)
    assert any(
        p.startswith("fees:") and "differs from the trail" in p for p in report["problems"]
    ), report["problems"]
    conn.close()


def _an_officer(service: CounterService) -> str:
    return (
        service.store.conn()
        .execute("SELECT username FROM staff WHERE active = 1 ORDER BY username")
        .fetchone()[0]
    )
