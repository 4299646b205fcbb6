"""Issue 11: the audit chain's head is anchored at the stand-in portal by every sync request,
and `audit verify --against-portal` tells an old backup, a truncated chain and a fresh
database from the real one. Real HTTP on 127.0.0.1."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import intake, open_app_db, signed_main
from hypothesis import given, settings
from hypothesis import strategies as st
from test_sync import SEED, client_for, counter

from counter_app.portal import answers
from counter_app.portal_sim import PortalServer
from counter_app.services import CounterService
from counter_app.store import audit, paths
from counter_app.sync.engine import sync_pass


@pytest.fixture
def portal(make_portal_server: Callable[..., PortalServer]) -> PortalServer:
    return make_portal_server(catalogue_path=SEED)


def synced_counter(
    folder: Path, portal: PortalServer, receipts: int = 2, *, new: bool = True
) -> None:
    service = counter(folder, portal) if new else CounterService.open(folder)
    with client_for(portal) as client:
        for _ in range(receipts):
            service.intake.receive(intake())
            assert sync_pass(service, client).error is None
        assert sync_pass(service, client).error is None  # anchors the head after the push
    service.close()


def verify(folder: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict:
    code = signed_main(["--data-dir", str(folder), "audit", "verify", "--format", "json", *extra])
    report = json.loads(capsys.readouterr().out)
    assert (code == 0) == report["ok"]
    return report


def replace_db(folder: Path, source: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(str(paths.db_path(folder)) + suffix).unlink(missing_ok=True)
    shutil.copy(source, paths.db_path(folder))


def test_each_sync_anchors_the_head_and_an_intact_folder_agrees(
    data_dir: Path, portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    synced_counter(data_dir, portal)
    service = CounterService.open(data_dir)
    head = service.audit.head()
    unit = service.settings.get("unit_code")
    service.close()
    heads = portal.store.audit_heads(unit, 1)
    assert len(heads) >= 2 and (heads[-1]["id"], heads[-1]["hash"]) == head
    assert verify(data_dir, capsys, "--against-portal")["ok"]


def test_an_old_backup_put_in_place_is_reported(
    data_dir: Path, tmp_path: Path, portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    service = counter(data_dir, portal)
    service.intake.receive(intake())
    old = service.store.backup(tmp_path / "old.db")
    service.close()
    synced_counter(data_dir, portal, new=False)
    replace_db(data_dir, old)
    assert verify(data_dir, capsys)["ok"]  # self-consistent: only the portal can tell
    report = verify(data_dir, capsys, "--against-portal")
    assert any("truncated or rolled back" in p for p in report["problems"]), report


def test_an_old_backup_that_went_on_is_reported(
    data_dir: Path, tmp_path: Path, portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    service = counter(data_dir, portal)
    old = service.store.backup(tmp_path / "old.db")
    service.close()
    synced_counter(data_dir, portal, new=False)
    replace_db(data_dir, old)
    service = CounterService.open(data_dir)
    for _ in range(6):  # the old copy grows past the anchored row ids
        service.settings.update({"lookup_url": "https://example.invalid/{code}"}, actor="an.nv")
        service.settings.update({"lookup_url": ""}, actor="an.nv")
    service.close()
    report = verify(data_dir, capsys, "--against-portal")
    assert any("differs from the head the portal anchored" in p for p in report["problems"])


def test_a_truncated_chain_with_its_head_fixed_is_reported(
    data_dir: Path, portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    synced_counter(data_dir, portal)
    raw = open_app_db(paths.db_path(data_dir), isolation_level=None)
    for name in ("audit_log_no_delete", "audit_head_forward"):
        raw.execute(f"DROP TRIGGER {name}")
    raw.execute("DELETE FROM audit_log WHERE id > (SELECT max(id) - 3 FROM audit_log)")
    raw.execute(
        "UPDATE audit_head SET last_id = (SELECT max(id) FROM audit_log), "
        "last_hash = (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1)"
    )
    raw.close()
    report = verify(data_dir, capsys, "--against-portal")
    assert any("truncated or rolled back" in p for p in report["problems"])


def test_a_fresh_database_in_place_is_reported(
    data_dir: Path, tmp_path: Path, portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    synced_counter(data_dir, portal)
    fresh = tmp_path / "fresh"
    service = counter(fresh, portal)  # the same unit and counter, set up anew elsewhere
    for _ in range(10):
        service.intake.receive(intake())
    service.close()
    replace_db(data_dir, paths.db_path(fresh))
    # the folder's identity marker already refuses another database in place ...
    assert signed_main(["--data-dir", str(data_dir), "audit", "verify"]) != 0
    assert "counter.identity.json" in capsys.readouterr().err
    # ... so the attacker puts the fresh one's marker in too: it is encrypted with another
    # key than this install's, and the app refuses to open it
    shutil.copy(fresh / "counter.identity.json", data_dir / "counter.identity.json")
    assert signed_main(["--data-dir", str(data_dir), "audit", "verify"]) != 0
    assert "encrypted with another key" in capsys.readouterr().err
    # and one who could also read the secrets (the file store) brings them along: only the
    # portal can tell
    for secrets in ("portal-secret.json", "counter-secrets.json"):
        shutil.copy(fresh / secrets, data_dir / secrets)
    assert verify(data_dir, capsys)["ok"]
    report = verify(data_dir, capsys, "--against-portal")
    assert not report["ok"]
    assert any("differs from the head" in p or "truncated" in p for p in report["problems"])


def test_a_malformed_audit_head_header_is_refused(portal: PortalServer) -> None:
    with client_for(portal) as client:
        client.audit_head = ("000.00.01.H22", 1, 5, "not-a-hash")
        with pytest.raises(Exception, match="hash"):
            client.fetch_holiday_overrides()


def test_verify_anchors_names_missing_and_different_rows(tmp_path: Path) -> None:
    conn = open_app_db(tmp_path / "x.db")
    conn.execute("CREATE TABLE audit_log (id INTEGER PRIMARY KEY, hash TEXT)")
    conn.execute("INSERT INTO audit_log VALUES (1, ?)", ("a" * 64,))
    problems = audit.verify_anchors(
        conn,
        [{"id": 1, "hash": "a" * 64}, {"id": 1, "hash": "b" * 64}, {"id": 9, "hash": "c" * 64}],
    )
    assert len(problems) == 2 and "row 1 differs" in problems[0] and "row 9" in problems[1]


@settings(max_examples=60, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=70),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
        ),
        max_leaves=8,
    )
)
def test_the_heads_answer_parser_accepts_only_its_shape(value: object) -> None:
    try:
        heads = answers.check_audit_heads({"data": [value]})
    except answers.AnswerError:
        return
    assert isinstance(heads[0]["id"], int) and len(heads[0]["hash"]) == 64


def test_the_heads_answer_parser_accepts_the_portal_shape() -> None:
    heads = answers.check_audit_heads({"data": [{"id": 3, "hash": "0" * 64, "at": "x"}]})
    assert heads == [{"id": 3, "hash": "0" * 64, "at": "x"}]
    with pytest.raises(answers.AnswerError):
        answers.check_audit_heads({"data": [{"id": 0, "hash": "0" * 64}]})
    with pytest.raises(answers.AnswerError):
        answers.check_audit_heads({"data": [{"id": 1, "hash": "A" * 64}]})


def test_verify_against_an_unreachable_portal_says_so(
    data_dir: Path, portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    synced_counter(data_dir, portal, receipts=1)
    portal.stop()
    code = signed_main(["--data-dir", str(data_dir), "audit", "verify", "--against-portal"])
    assert code == 2
    assert "cannot fetch the portal's audit anchors" in capsys.readouterr().err
