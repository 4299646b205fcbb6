"""Issue 16: the other counters' documents follow the portal's lists (a list carried is
complete for its dossier, a list absent says nothing), and the files of a dossier whose
record the portal refused wait for it. Two counters of one centre, real data folders, the
stand-in portal as a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import UNIT, intake
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_attachment_sync import (
    CREATE,
    SEED,
    START,
    USERS,
    client_for,
    counter,
    dossier_with_documents,
    fast_uploads,  # noqa: F401  (autouse: small chunks, quick retries)
    noise_draft,
    paths,
    portal_lists,
)

from counter_app.portal.answers import MAX_ATTACHMENT_ITEMS
from counter_app.portal_sim import PortalServer
from counter_app.services import CounterService
from counter_app.services.attachments import RemoteAttachment, WithdrawnAttachment
from counter_app.sync import attachments as sync_files
from counter_app.sync import pull
from counter_app.sync.engine import sync_pass
from counter_app.sync.push import retry_rejected
from counter_app.sync.status import PassReport

LISTS = ("DanhSachTepDinhKem", "DanhSachGiayToKetQua")
REFUSED_PROCEDURE = "1.001699"


@pytest.fixture
def portal(make_portal_server: Callable[..., PortalServer]) -> PortalServer:
    return make_portal_server(catalogue_path=SEED, users=USERS)


def sync(service: CounterService, portal: PortalServer, number: int) -> PassReport:
    with client_for(portal, number) as client:
        report = sync_pass(service, client)
    assert report.error is None, report.error
    return report


def rows_by_ref(service: CounterService, code: str) -> dict[str, dict[str, Any]]:
    return {r["portal_file_ref"]: r for r in service.attachments.list(code)}


def audit_actions(service: CounterService, code: str) -> list[str]:
    return [
        r[0]
        for r in service.store.read().execute(
            "SELECT action FROM audit_log WHERE entity = ? ORDER BY id", (code,)
        )
    ]


def feed_record(portal: PortalServer, code: str, **lists: Any) -> dict[str, Any]:
    """The record the portal holds, as a feed item carries it, with `lists` replacing its own
    (None: the key left out)."""
    record = portal.dossier(code)
    for extra in ("conflict", "version", "source", "created_at", "updated_at", "TienDo"):
        record.pop(extra, None)
    record.pop("QuayTiepNhan", None)
    for name, value in lists.items():
        if value is None:
            record.pop(name, None)
        else:
            record[name] = value
    return record


def publish(portal: PortalServer, code: str, version: int, record: dict[str, Any]) -> None:
    portal.publish_raw_change(
        UNIT,
        {"type": "dossier", "MaHoSo": code, "version": version, "MaQuay": 1, "dossier": record},
    )


@pytest.fixture
def centre(tmp_path: Path, portal: PortalServer):
    """Counter 1 received a dossier with a submitted document and a result (uploaded,
    listed); counter 2 knows both as 'remote' and attached a document of its own."""
    first = counter(tmp_path / "c1", portal, 1)
    code, ids = dossier_with_documents(first)
    sync(first, portal, 1)
    second = counter(tmp_path / "c2", portal, 2)
    assert sync(second, portal, 2).centre_files == 2
    own = second.attachments.attach(code, noise_draft(second, 9), by="an.nv", label="Bản sao")
    sync(second, portal, 2)
    assert second.attachments.get(own["id"])["upload_state"] == "uploaded"
    assert sync(first, portal, 1).centre_files == 1  # counter 2's document, remote there
    yield first, second, code, ids, own["id"]
    first.close()
    second.close()


def test_every_record_carries_both_lists_complete(tmp_path: Path, portal: PortalServer) -> None:
    service = counter(tmp_path / "c1", portal, 1)
    code = service.intake.receive(intake()).dossier["code"]
    payload = json.loads(
        service.store.read().execute("SELECT payload FROM outbox ORDER BY id").fetchone()[0]
    )
    assert {name: payload["record"][name] for name in LISTS} == {name: [] for name in LISTS}
    sync(service, portal, 1)
    assert {name: portal.dossier(code)[name] for name in LISTS} == {name: [] for name in LISTS}
    # a document attached: every record sent while it waits lists what the portal holds
    # (nothing yet); once committed, the list names it
    row = service.attachments.attach(code, noise_draft(service, 1), by="an.nv")
    service.dossiers.change_status(code, 4, by="an.nv")
    with client_for(portal, 1) as client:
        assert sync_pass(service, client).error is None
    ref = service.attachments.get(row["id"])["portal_file_ref"]
    assert portal_lists(portal, code) == [ref]
    service.close()


def test_a_document_removed_at_its_counter_is_withdrawn_at_the_other_and_comes_back(
    portal: PortalServer, centre
) -> None:
    first, second, code, ids, own = centre
    removed = first.attachments.get(ids[0])
    kept = first.attachments.get(ids[1])["portal_file_ref"]
    own_ref = second.attachments.get(own)["portal_file_ref"]
    assert second.attachments.digitisation(code).others == 2  # counter 1's, and its own
    first.attachments.remove(ids[0], by="an.nv", reason="Quét nhầm giấy tờ của hồ sơ khác")
    sync(first, portal, 1)
    assert sorted(portal_lists(portal, code)) == sorted([kept, own_ref])
    sync(second, portal, 2)
    rows = rows_by_ref(second, code)
    gone = rows[removed["portal_file_ref"]]
    assert gone["withdrawn"] and gone["upload_state"] == "remote"  # kept for the audit
    assert not rows[kept]["withdrawn"] and not rows[own_ref]["withdrawn"]
    assert rows[own_ref]["upload_state"] == "uploaded"  # counter 2's own: untouched
    with pytest.raises(WithdrawnAttachment, match="quầy khác"):
        second.attachments.open(gone["id"])
    with client_for(portal, 2) as client, pytest.raises(WithdrawnAttachment):
        sync_files.fetch(second, gone["id"], client)
    assert "attachment.withdrawn" in audit_actions(second, code)
    # it no longer counts as digitised; counter 2's own 'other documents' file still does
    assert second.attachments.digitisation(code).others == 1
    # counter 2's next record does not list it again
    second.dossiers.change_status(code, 4, by="an.nv")
    sync(second, portal, 2)
    assert removed["portal_file_ref"] not in portal_lists(portal, code)
    sync(first, portal, 1)
    # attached again at counter 1 (the same content: the same file on the portal): it is back
    first.attachments.attach(code, noise_draft(first, 1), by="an.nv", label="Giấy tờ 1")
    sync(first, portal, 1)
    assert removed["portal_file_ref"] in portal_lists(portal, code)
    report = sync(second, portal, 2)
    assert report.centre_files == 1
    back = second.attachments.get(gone["id"])
    assert not second.attachments.list(code)[0]["withdrawn"]
    assert back["listed"] == 1 and back["upload_state"] == "remote"
    with pytest.raises(RemoteAttachment):  # fetchable again
        second.attachments.open(gone["id"])
    assert sync_files.fetch(second, gone["id"])["upload_state"] == "uploaded"
    assert "attachment.relisted" in audit_actions(second, code)
    assert len(second.attachments.list(code)) == 3  # no duplicate row


def test_lists_absent_stale_or_naming_known_files_change_nothing(
    portal: PortalServer, centre
) -> None:
    first, second, code, ids, own = centre
    held = second.dossiers.get(code)["portal_version"]
    listed_before = {ref: r["listed"] for ref, r in rows_by_ref(second, code).items()}
    audits_before = audit_actions(second, code)
    # a newer record without the lists: nothing is known about them
    publish(portal, code, held + 1, feed_record(portal, code, **dict.fromkeys(LISTS)))
    # a record of a version already held, or older, with empty lists: the feed's version
    # check skips it
    for stale in (held, held - 1):
        publish(portal, code, stale, feed_record(portal, code, **{name: [] for name in LISTS}))
    sync(second, portal, 2)
    after = rows_by_ref(second, code)
    assert {ref: r["listed"] for ref, r in after.items()} == listed_before
    assert not any(r["withdrawn"] for r in after.values())
    assert [a for a in audit_actions(second, code) if a.startswith("attachment.")] == [
        a for a in audits_before if a.startswith("attachment.")
    ]
    # a newer record naming only files already known: nothing changes either
    publish(portal, code, held + 2, feed_record(portal, code))
    assert sync(second, portal, 2).centre_files == 0
    assert {ref: r["listed"] for ref, r in rows_by_ref(second, code).items()} == listed_before
    # a newer record with empty lists: the other counter's files are withdrawn, never this
    # counter's own one
    publish(portal, code, held + 3, feed_record(portal, code, **{name: [] for name in LISTS}))
    sync(second, portal, 2)
    rows = second.attachments.list(code)
    assert {r["id"] for r in rows if r["withdrawn"]} == {
        r["id"] for r in rows if r["source"] == "portal"
    }
    assert len(rows) == 3 and second.attachments.get(own)["portal_file_ref"] is not None
    assert not next(r for r in rows if r["id"] == own)["withdrawn"]


def test_an_update_without_lists_keeps_the_portals_lists(portal: PortalServer, centre) -> None:
    first, second, code, ids, own = centre
    listed = sorted(portal_lists(portal, code))
    record = feed_record(portal, code, **dict.fromkeys(LISTS))
    record["PhienBan"] = portal.dossier(code)["version"]
    with client_for(portal, 1) as client:
        [result] = client.sync_dossiers([record], is_updating=True, idempotency_key="no-lists")
    assert result["status"] in ("ok", "exists")
    assert sorted(portal_lists(portal, code)) == listed


# ---- bad shapes of the list field --------------------------------------------------------

_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=5)
)
_bad_item = st.one_of(
    _scalars.filter(lambda v: v is not None),  # not an object
    st.lists(st.integers(), max_size=3),
    st.fixed_dictionaries({}, optional={"TenGiayTo": st.text(max_size=5)}),  # no MaTep
    st.fixed_dictionaries({"MaTep": st.one_of(st.integers(), st.just(""), st.none())}),
    st.fixed_dictionaries({"MaTep": st.just("TEP-x"), "KichThuoc": st.sampled_from([-1, "9"])}),
    st.fixed_dictionaries({"MaTep": st.just("TEP-x"), "sha256": st.text(max_size=10)}),
)
_bad_list = st.one_of(
    _scalars.filter(lambda v: v is not None),  # not a list
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.lists(_bad_item, min_size=1, max_size=4),
    st.builds(
        lambda good, bad, at: good[:at] + [bad] + good[at:],
        st.just([{"MaTep": "TEP-ok", "TenGiayTo": "Tờ khai"}] * 3),
        _bad_item,
        st.integers(0, 3),
    ),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=st.sampled_from(LISTS), bad=_bad_list)
def test_a_list_of_the_wrong_shape_is_quarantined_and_drops_nothing(
    portal: PortalServer, centre, name: str, bad: Any
) -> None:
    first, second, code, ids, own = centre
    before = second.attachments.list(code)
    version = second.dossiers.get(code)["portal_version"]
    record = feed_record(portal, code, **{name: bad})
    change = {"type": "dossier", "MaHoSo": code, "version": version + 5, "MaQuay": 1}
    report = PassReport()
    with second.store.write() as conn:
        applied = pull.apply_change(second, conn, {**change, "dossier": record}, 0, report)
    assert not applied and report.quarantined == 1
    assert second.attachments.list(code) == before
    assert second.dossiers.get(code)["portal_version"] == version


def test_a_huge_list_is_quarantined_through_the_feed(portal: PortalServer, centre) -> None:
    first, second, code, ids, own = centre
    before = second.attachments.list(code)
    version = second.dossiers.get(code)["portal_version"]
    item = {"TenGiayTo": "Tờ khai", "MaTep": "TEP-1", "KichThuoc": 1, "sha256": "a" * 64}
    huge = [{**item, "MaTep": f"TEP-{n}"} for n in range(MAX_ATTACHMENT_ITEMS + 1)]
    publish(portal, code, version + 1, feed_record(portal, code, DanhSachTepDinhKem=huge))
    report = sync(second, portal, 2)
    assert report.quarantined == 1
    assert second.attachments.list(code) == before


# ---- files of a refused record wait ------------------------------------------------------


def test_files_of_a_refused_record_wait_until_it_is_accepted(
    tmp_path: Path, portal: PortalServer
) -> None:
    portal.uploads_need_record = True  # a strict portal: no file for a record it lacks
    service = counter(tmp_path / "c1", portal, 1)
    code = service.intake.receive(intake(procedure_code=REFUSED_PROCEDURE)).dossier["code"]
    row = service.attachments.attach(code, noise_draft(service, 1), by="an.nv")
    catalogue = json.loads(SEED.read_text(encoding="utf-8"))
    fixed = list(catalogue["procedures"])
    catalogue["procedures"] = [p for p in fixed if p["code"] != REFUSED_PROCEDURE]
    catalogue["version"] = "portal-2"
    portal.set_catalogue(catalogue)
    with client_for(portal, 1) as client:
        report = sync_pass(service, client)
        assert report.rejected == 1 and report.files_uploaded == 0
        assert portal.dossier(code) is None and START not in paths(portal)
        [waiting] = service.attachments.list(code)
        assert waiting["waits_for_record"] and waiting["upload_state"] == "pending"
        assert service.attachments.upload_queue() == []
        # another pass: still nothing sent for it
        before = len(portal.request_log())
        assert sync_pass(service, client).files_uploaded == 0
        assert START not in paths(portal, before)
        # the portal's catalogue is fixed; a person retries the record: then the file goes
        catalogue["procedures"] = fixed
        catalogue["version"] = "portal-3"
        portal.set_catalogue(catalogue)
        assert retry_rejected(service, code, actor="an.nv") == 1
        before = len(portal.request_log())
        report = sync_pass(service, client)
    assert report.error is None and report.files_uploaded == 1 and report.files_rejected == 0
    log = paths(portal, before)
    assert log.index(CREATE) < log.index(START)  # the record first, then its file
    done = service.attachments.get(row["id"])
    assert done["upload_state"] == "uploaded"
    assert portal_lists(portal, code) == [done["portal_file_ref"]]
    assert not service.attachments.list(code)[0]["waits_for_record"]
    service.close()


def test_a_strict_portal_refuses_a_file_for_a_record_it_does_not_have(
    tmp_path: Path, portal: PortalServer
) -> None:
    from counter_app.portal.errors import UploadRejected
    from counter_app.portal.uploads import BytesSource, upload

    portal.uploads_need_record = True
    with client_for(portal, 1) as client, pytest.raises(UploadRejected) as refused:
        upload(client, BytesSource(f"{UNIT}-260715-9999", "TepDinhKem", "Tờ khai", "a.pdf", b"x"))
    assert refused.value.error_code == "DOSSIER_NOT_FOUND"
    assert "không có trên Cổng" in (refused.value.portal_message or "")
