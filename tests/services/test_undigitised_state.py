"""The maintained "chưa số hóa" state (services/digitisation.py, migration v16): after every
action of a random sequence on a real data folder it equals the rule computed from scratch;
the list filter reads it; the migration fills it from the rule on an existing folder; the
database's triggers are the ones the rule's code makes now."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import sqlite_utils
from conftest import configure, intake
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from counter_app.domain.status import TransitionError
from counter_app.services import CounterService, InputError, digitisation
from counter_app.store.migrations import MIGRATIONS, SCHEMA_VERSION, apply_migration

CHECKLISTS = {
    "none": [],
    "one": [{"name": "Tờ khai", "kind": "original", "count": 1}],
    "three": [{"name": f"Giấy tờ {n}", "kind": "original", "count": 1} for n in (1, 2, 3)],
}
REASON = "Thiếu giấy tờ"

dossier_index = st.integers(min_value=0, max_value=7)
ACTIONS = st.one_of(
    st.tuples(
        st.just("receive"),
        st.sampled_from(["counter", "online"]),
        st.sampled_from(sorted(CHECKLISTS)),
    ),
    st.tuples(st.sampled_from(["refuse", "send back"]), st.sampled_from(sorted(CHECKLISTS))),
    st.tuples(
        st.just("attach"),
        dossier_index,
        st.sampled_from([("submitted", 1), ("submitted", 2), ("submitted", 3)])
        | st.sampled_from([("submitted", None), ("result", None)]),
    ),
    st.tuples(st.just("remove"), st.integers(min_value=0, max_value=7)),
    # 4 processing, 9 finished, 10 handed back, 5 supplement, 2 received (back from 5)
    st.tuples(st.just("status"), dossier_index, st.sampled_from([4, 9, 10, 5, 2])),
    # rows written straight into the tables, as the sync step writes other counters' rows
    st.tuples(st.just("remote file"), dossier_index, st.sampled_from([1, 2, 3, None])),
    st.tuples(st.just("file moved"), st.integers(min_value=0, max_value=7), st.integers(1, 3)),
    # another counter's file dropped from (0) or back on (1) its dossier's list on the portal
    st.tuples(st.just("listed"), st.integers(min_value=0, max_value=7), st.sampled_from([0, 1])),
    st.tuples(st.just("checklist item dropped"), dossier_index),
)


def page(folder: Path, n: int) -> Path:
    image = Image.new("L", (120, 170), "white")
    ImageDraw.Draw(image).text((10, 10), f"trang {n}", fill="black")
    path = folder / f"p{n}.png"
    image.save(path)
    return path


def state_equals_rule(service: CounterService) -> None:
    conn = service.store.read()
    assert digitisation.maintained(conn) == digitisation.from_rule(conn)


def apply(service: CounterService, folder: Path, action: tuple, n: int) -> None:
    conn = service.store.read()
    codes = [r[0] for r in conn.execute("SELECT code FROM dossiers ORDER BY id")]
    attachments = [r[0] for r in conn.execute("SELECT id FROM attachments ORDER BY id")]
    kind = action[0]
    if kind == "receive":
        data = intake(channel=action[1], documents=CHECKLISTS[action[2]])
        service.intake.receive(data)
    elif kind in ("refuse", "send back"):
        data = intake(documents=CHECKLISTS[action[1]])
        service.intake.receive_with_status(
            data, 3 if kind == "refuse" else 5, by="an.nv", reason=REASON
        )
    elif not codes:
        return
    elif kind == "attach":
        attach_kind, item = action[2]
        try:
            service.attachments.attach(
                codes[action[1] % len(codes)],
                [page(folder, n)],
                by="an.nv",
                kind=attach_kind,
                item=item,
            )
        except InputError:
            pass  # an item the dossier's checklist lacks: refused, nothing written
    elif kind == "remove" and attachments:
        service.attachments.remove(
            attachments[action[1] % len(attachments)], by="an.nv", reason="Quét nhầm"
        )
    elif kind == "status":
        try:
            service.dossiers.change_status(
                codes[action[1] % len(codes)], action[2], by="an.nv", reason=REASON
            )
        except (TransitionError, InputError):
            pass  # not allowed from where the dossier stands
    elif kind == "listed" and attachments:
        with service.store.write() as conn:
            conn.execute(
                "UPDATE attachments SET listed = ? WHERE id = ? AND source = 'portal'",
                (action[2], attachments[action[1] % len(attachments)]),
            )
    elif kind in ("remote file", "file moved", "checklist item dropped"):
        code = codes[action[1] % len(codes)]
        with service.store.write() as conn:
            dossier_id = conn.execute("SELECT id FROM dossiers WHERE code = ?", (code,)).fetchone()[
                0
            ]
            if kind == "remote file":
                conn.execute(
                    "INSERT INTO attachments (dossier_id, kind, item, label, sha256, bytes, "
                    "pages, source, listed, created_at, created_by, upload_state) VALUES (?, "
                    "'submitted', ?, 'x', printf('%064x', ?), 1, 1, 'portal', 1, "
                    "'2026-07-15 10:00:00', 'sync', 'remote')",
                    (dossier_id, action[2], n),
                )
            elif kind == "file moved" and attachments:  # to another checklist item
                conn.execute(
                    "UPDATE attachments SET item = ? WHERE id = ? AND kind = 'submitted'",
                    (action[2], attachments[action[1] % len(attachments)]),
                )
            elif kind == "checklist item dropped":
                conn.execute(
                    "DELETE FROM documents WHERE dossier_id = ? AND position = "
                    "(SELECT max(position) FROM documents WHERE dossier_id = ?)",
                    (dossier_id, dossier_id),
                )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    first=st.lists(
        st.tuples(st.just("receive"), st.just("counter"), st.just("three")), min_size=1, max_size=2
    ),
    actions=st.lists(ACTIONS, min_size=1, max_size=14),
)
def test_the_state_always_equals_the_rule(first: list[tuple], actions: list[tuple]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        service = configure(CounterService.open(folder / "data"))
        try:
            for n, action in enumerate(first + actions):
                apply(service, folder, action, n)
                state_equals_rule(service)
            filtered = service.search.dossiers("", undigitised=True, limit=1000)
            conn = service.store.read()
            assert [r["id"] for r in filtered] == sorted(digitisation.from_rule(conn), reverse=True)
        finally:
            service.close()


def test_the_filter_pages_and_combines_through_the_state(
    service: CounterService, tmp_path: Path
) -> None:
    codes = [
        service.intake.receive(intake(documents=CHECKLISTS["one"])).dossier["code"]
        for _ in range(5)
    ]
    service.intake.receive(intake(channel="online", documents=CHECKLISTS["one"]))
    service.attachments.attach(codes[1], [page(tmp_path, 1)], by="an.nv", item=1)
    service.attachments.attach(codes[3], [page(tmp_path, 3)], by="an.nv", item=1)
    search = service.search.dossiers
    expected = [codes[4], codes[2], codes[0]]
    assert [r["code"] for r in search("", undigitised=True)] == expected
    first = search("", undigitised=True, limit=2)
    assert [r["code"] for r in first] == expected[:2]
    later = search("", undigitised=True, limit=2, before_id=first[-1]["id"])
    assert [r["code"] for r in later] == expected[2:]
    oldest = search("", undigitised=True, oldest_first=True)
    assert [r["code"] for r in oldest] == expected[::-1]
    assert [r["code"] for r in search("Khai", undigitised=True)] == expected  # FTS + filter
    assert [r["code"] for r in search(codes[2], undigitised=True)] == [codes[2]]
    assert search(codes[1], undigitised=True) == []
    assert search("", undigitised=True, counter=0) == []
    day = date(2026, 7, 15)
    assert len(search("", undigitised=True, date_from=day, date_to=day)) == 3
    assert all(r["missing_documents"] == 1 for r in search("", undigitised=True))


def test_a_file_withdrawn_on_the_portal_undigitises_its_dossier(service: CounterService) -> None:
    """Another counter's file its dossier's list no longer names stops counting (withdrawn):
    the state follows `listed` both ways, as the rule does."""
    code = service.intake.receive(intake(documents=CHECKLISTS["one"])).dossier["code"]
    with service.store.write() as conn:
        conn.execute(
            "INSERT INTO attachments (dossier_id, kind, item, label, sha256, bytes, pages, "
            "source, listed, created_at, created_by, upload_state) SELECT id, 'submitted', 1, "
            "'x', printf('%064x', 7), 1, 1, 'portal', 1, '2026-07-15 10:00:00', 'sync', "
            "'remote' FROM dossiers WHERE code = ?",
            (code,),
        )
    undigitised = [r["code"] for r in service.search.dossiers("", undigitised=True)]
    assert code not in undigitised
    for listed, expected in ((0, [code]), (1, [])):
        with service.store.write() as conn:
            conn.execute("UPDATE attachments SET listed = ?", (listed,))
        assert [r["code"] for r in service.search.dossiers("", undigitised=True)] == expected
        state_equals_rule(service)


def test_the_migration_fills_the_state_from_the_rule(tmp_path: Path) -> None:
    """A v15 database with dossiers and attachments: v16 (with its progress) finds the same
    dossiers as the rule, and the database's triggers are those the code makes now (the
    start-up upgrade's backup and window: tests/gui/test_gui_migration_progress.py)."""
    db = sqlite_utils.Database(tmp_path / "plain.db")
    for version in range(1, SCHEMA_VERSION):
        apply_migration(version, db)
    db.execute("INSERT INTO applicants (full_name) VALUES ('A')")
    for n in range(1, 121):  # 120 received dossiers: the even ones have their one file
        db.execute(
            "INSERT INTO dossiers (id, uuid, code, procedure_code, applicant_id, received_at, "
            "status, channel) VALUES (?, ?, ?, 'p', 1, '2026-07-15 08:00:00', 2, 'counter')",
            (n, f"u{n}", f"c{n}"),
        )
        if n % 2 == 0:
            db.execute(
                "INSERT INTO attachments (dossier_id, kind, label, sha256, bytes, pages, source, "
                "created_at, created_by) VALUES (?, 'submitted', 'x', 'ab', 1, 1, 'file', '', '')",
                (n,),
            )
    reports: list[tuple[str, int, int]] = []
    original = digitisation.REFILL_CHUNK
    digitisation.REFILL_CHUNK = 50
    try:
        apply_migration(SCHEMA_VERSION, db, lambda *r: reports.append(r))
    finally:
        digitisation.REFILL_CHUNK = original
    assert reports == [
        ("digitisation", 0, 120),
        ("digitisation", 50, 120),
        ("digitisation", 100, 120),
        ("digitisation", 120, 120),
    ]
    assert digitisation.maintained(db.conn) == set(range(1, 121, 2))
    assert digitisation.maintained(db.conn) == digitisation.from_rule(db.conn)
    stored = {
        r[0]: r[1] for r in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    }
    for name, sql in digitisation.STATE_TRIGGERS:
        assert stored[name] == sql, f"{name}: the rule changed; a migration must re-install"
    assert getattr(MIGRATIONS[-1], "reports_progress", False)
    db.close()
