"""Issue 16, step 3: digitised documents through sync. Real data folders, the stand-in portal
as a real HTTP server on 127.0.0.1; a child process SIGKILLed mid-upload."""

from __future__ import annotations

import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import configure, intake, run_cli
from PIL import Image

from counter_app.ops import secrets_store
from counter_app.ops.attachment_backups import named_documents
from counter_app.portal.client import PortalClient
from counter_app.portal.config import PortalConfig
from counter_app.portal.errors import DownloadMismatch
from counter_app.portal.uploads import RetryPolicy
from counter_app.portal_sim import PortalServer
from counter_app.services import CounterService, InputError
from counter_app.services.attachments import RemoteAttachment
from counter_app.store import attachment_files
from counter_app.sync import attachments as sync_files
from counter_app.sync.engine import current_status, sync_pass

SEED = Path(__file__).resolve().parents[2] / "resources" / "catalogue.json"
USERS = {"quay1": "mật-khẩu-1", "quay2": "mật-khẩu-2"}
KB = 1024
CHUNK = 64 * KB
FAST = RetryPolicy(attempts=6, base=0.01, cap=0.05)
CREATE, START, CHUNK_PATH, COMMIT = (
    "/api/DongBoHoSoMC",
    "/api/BatDauTaiTep",
    "/api/TaiPhanTep",
    "/api/HoanTatTaiTep",
)


@pytest.fixture(autouse=True)
def fast_uploads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(secrets_store.SECRETS_ENV, "file")
    monkeypatch.setattr(sync_files, "UPLOAD_RETRY", FAST)
    monkeypatch.setattr(sync_files, "UPLOAD_CHUNK_SIZE", CHUNK)


@pytest.fixture
def portal(make_portal_server: Callable[..., PortalServer]) -> PortalServer:
    return make_portal_server(catalogue_path=SEED, users=USERS)


def counter(folder: Path, portal: PortalServer, number: int) -> CounterService:
    service = configure(CounterService.open(folder), counter=number)
    user = f"quay{number}"
    service.settings.update({"portal_url": portal.url, "portal_user": user}, actor="test")
    secrets_store.set_portal_password(folder, user, USERS[user])
    return service


def client_for(portal: PortalServer, number: int) -> PortalClient:
    user = f"quay{number}"
    return PortalClient(PortalConfig(portal.url, user, USERS[user], read_timeout=10))


def noise_draft(service: CounterService, seed: int, pages: int = 1):
    """A document that does not compress: about 0.5 MB a page."""
    draft = service.attachments.new_document()
    for page in range(pages):
        noise = random.Random(seed * 10 + page).randbytes(600 * 800)
        buffer = io.BytesIO()
        Image.frombytes("L", (600, 800), noise).save(buffer, "PNG")
        draft.add_file(f"{seed}-{page}.png", buffer.getvalue())
    return draft


def dossier_with_documents(service: CounterService, count: int = 2) -> tuple[str, list[int]]:
    code = service.intake.receive(intake()).dossier["code"]
    ids = []
    for n in range(count):
        kind = "result" if n == 1 else "submitted"
        row = service.attachments.attach(
            code, noise_draft(service, n + 1), by="an.nv", kind=kind, label=f"Giấy tờ {n + 1}"
        )
        ids.append(row["id"])
    return code, ids


def paths(portal: PortalServer, since: int = 0) -> list[str]:
    return [e["path"] for e in portal.request_log()[since:]]


def portal_lists(portal: PortalServer, code: str) -> list[str]:
    record = portal.dossier(code) or {}
    return [
        item["MaTep"]
        for name in ("DanhSachTepDinhKem", "DanhSachGiayToKetQua")
        for item in record.get(name) or []
    ]


def test_a_dossier_with_two_documents_syncs_record_then_files_then_list(
    tmp_path: Path, portal: PortalServer
) -> None:
    service = counter(tmp_path / "c1", portal, 1)
    code, ids = dossier_with_documents(service)
    assert service.attachments.upload_counts()["pending"] == 2
    assert current_status(service, "synced").files_pending == 2
    with client_for(portal, 1) as client:
        report = sync_pass(service, client)
        assert report.error is None and report.files_uploaded == 2
        log = paths(portal)
        creates = [i for i, p in enumerate(log) if p == CREATE]
        starts = [i for i, p in enumerate(log) if p == START]
        assert creates[0] < starts[0] and starts[-1] < creates[-1]  # record, files, list
        rows = [service.attachments.get(i) for i in ids]
        assert [r["upload_state"] for r in rows] == ["uploaded", "uploaded"]
        for row in rows:
            assert portal.uploaded_file(row["portal_file_ref"]) == service.attachments.open(
                row["id"]
            )
        assert sorted(portal_lists(portal, code)) == sorted(r["portal_file_ref"] for r in rows)
        record = portal.dossier(code)
        assert record["DanhSachGiayToKetQua"][0]["sha256"] == rows[1]["sha256"]
        status = current_status(service, "synced")
        assert (status.files_pending, status.files_uploading, status.files_rejected) == (0, 0, 0)
        assert status.pending == 0
        # a later change keeps the lists on the portal; nothing is uploaded again
        before = len(portal.request_log())
        service.dossiers.change_status(code, 4, by="an.nv")
        assert sync_pass(service, client).error is None
        assert START not in paths(portal, before)
    assert sorted(portal_lists(portal, code)) == sorted(r["portal_file_ref"] for r in rows)
    assert portal.file_count() == 2
    service.close()


def test_chunk_and_commit_faults_lose_nothing_and_store_each_file_once(
    tmp_path: Path, portal: PortalServer
) -> None:
    service = counter(tmp_path / "c1", portal, 1)
    code, ids = dossier_with_documents(service)
    portal.faults.add("drop_chunk", skip=1)
    portal.faults.add("lose_commit_answer")
    with client_for(portal, 1) as client:
        report = sync_pass(service, client)
    assert report.error is None and report.files_uploaded == 2
    assert portal.file_count() == 2
    refs = [service.attachments.get(i)["portal_file_ref"] for i in ids]
    assert sorted(portal_lists(portal, code)) == sorted(refs)
    service.close()


def test_a_file_over_the_portals_limit_is_rejected_then_retried_after_the_limit_changes(
    tmp_path: Path, make_portal_server: Callable[..., PortalServer]
) -> None:
    portal = make_portal_server(catalogue_path=SEED, users=USERS, max_file_bytes=100 * KB)
    service = counter(tmp_path / "c1", portal, 1)
    code, ids = dossier_with_documents(service)
    with client_for(portal, 1) as client:
        report = sync_pass(service, client)
        assert report.files_rejected == 2 and report.files_uploaded == 0
        row = service.attachments.get(ids[0])
        assert row["upload_state"] == "rejected"
        assert "MB" in row["upload_error"] or "lớn" in row["upload_error"]
        assert (code, row["upload_error"]) in report.rejected_messages
        assert current_status(service, "synced").files_rejected == 2
        assert portal_lists(portal, code) == []
        # not retried on its own
        again = sync_pass(service, client)
        assert again.files_rejected == 0 and again.files_uploaded == 0
        portal.max_file_bytes = 20 * 1024 * KB
        assert service.attachments.retry_upload(ids[0], by="an.nv")["upload_state"] == "pending"
        with pytest.raises(InputError, match="rejected"):
            service.attachments.retry_upload(ids[0], by="an.nv")  # pending now: nothing to retry
        service.attachments.retry_upload(ids[1], by="an.nv")
        report = sync_pass(service, client)
    assert report.error is None and report.files_uploaded == 2
    audited = service.store.read().execute(
        "SELECT count(*) FROM audit_log WHERE action = 'attachment.retry_upload'"
    )
    assert audited.fetchone()[0] == 2
    assert len(portal_lists(portal, code)) == 2
    service.close()


CHILD = r"""
import sys
from counter_app.portal.client import PortalClient
from counter_app.portal.config import PortalConfig
from counter_app.services import CounterService
from counter_app.sync import attachments
from counter_app.sync.engine import sync_pass

folder, url, user, password = sys.argv[1:5]
attachments.UPLOAD_CHUNK_SIZE = 64 * 1024
service = CounterService.open(folder, lock_timeout=10)
with PortalClient(PortalConfig(url, user, password, read_timeout=30)) as client:
    print("syncing", flush=True)
    sync_pass(service, client)
service.close()
"""


def test_sigkill_mid_upload_in_a_sync_pass_then_the_next_pass_resumes(
    tmp_path: Path, portal: PortalServer
) -> None:
    folder = tmp_path / "c1"
    service = counter(folder, portal, 1)
    code, ids = dossier_with_documents(service)
    sizes = [service.attachments.get(i)["bytes"] for i in ids]
    service.close()
    chunks = sum(-(-size // CHUNK) for size in sizes)
    slow = portal.faults.add("slow", path=CHUNK_PATH, skip=3, seconds=3.0)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder), portal.url, "quay1", USERS["quay1"]],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_PROXY": "127.0.0.1"},
    )
    try:
        while slow in portal.faults.pending():  # the 4th chunk has reached the portal
            assert child.poll() is None
            time.sleep(0.01)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(10)
    assert child.returncode == -signal.SIGKILL
    before = len(portal.request_log())
    service = CounterService.open(folder)
    assert service.attachments.get(ids[0])["upload_state"] == "uploading"
    with client_for(portal, 1) as client:
        report = sync_pass(service, client)
    assert report.error is None and report.files_uploaded == 2
    sent = paths(portal, before).count(CHUNK_PATH) + 3  # three went through before the kill
    assert sent <= chunks + 1  # at most the chunk in flight is sent again
    assert portal.file_count() == 2
    refs = [service.attachments.get(i)["portal_file_ref"] for i in ids]
    assert sorted(portal_lists(portal, code)) == sorted(refs)
    for ref, attachment_id in zip(refs, ids, strict=True):
        assert portal.uploaded_file(ref) == service.attachments.open(attachment_id)
    service.close()


def test_another_counter_sees_the_files_and_fetches_one_verified(
    tmp_path: Path, portal: PortalServer
) -> None:
    first = counter(tmp_path / "c1", portal, 1)
    code, ids = dossier_with_documents(first)
    with client_for(portal, 1) as client:
        assert sync_pass(first, client).error is None
    second = counter(tmp_path / "c2", portal, 2)
    with client_for(portal, 2) as client:
        report = sync_pass(second, client)
        assert report.error is None and report.centre_files == 2
        rows = second.attachments.list(code)
        assert [r["upload_state"] for r in rows] == ["remote", "remote"]
        assert {r["sha256"] for r in rows} == {first.attachments.get(i)["sha256"] for i in ids}
        assert named_documents(second.store.read()) == []  # doctor expects no local file
        remote = next(r for r in rows if r["kind"] == "submitted")
        with pytest.raises(RemoteAttachment):
            second.attachments.open(remote["id"])
        # a tampered download is refused and nothing of it kept
        portal.faults.add("tamper_download")
        with pytest.raises(DownloadMismatch):
            sync_files.fetch(second, remote["id"], client)
        assert second.attachments.get(remote["id"])["upload_state"] == "remote"
        assert not second.attachments.files().has(remote["sha256"])
        fetched = sync_files.fetch(second, remote["id"], client)
        assert fetched["upload_state"] == "uploaded"
        assert second.attachments.open(remote["id"]) == first.attachments.open(ids[0])
        # nothing of the other counter's is uploaded again; a second pull adds nothing
        before = len(portal.request_log())
        again = sync_pass(second, client)
        assert again.centre_files == 0 and START not in paths(portal, before)
    # without a client: the portal of the settings (the stored password)
    other = next(r for r in rows if r["kind"] == "result")
    assert sync_files.fetch(second, other["id"])["upload_state"] == "uploaded"
    assert attachment_files.digest(second.attachments.open(other["id"])) == other["sha256"]
    # a change made at the second counter keeps the first counter's files listed
    second.dossiers.change_status(code, 4, by="an.nv")
    with client_for(portal, 2) as client:
        assert sync_pass(second, client).error is None
    assert len(portal_lists(portal, code)) == 2
    first.close()
    second.close()


def test_the_upload_budget_leaves_a_backlog_for_later_passes(
    tmp_path: Path, portal: PortalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = counter(tmp_path / "c1", portal, 1)
    code, ids = dossier_with_documents(service, count=3)
    monkeypatch.setattr(sync_files, "UPLOAD_BYTES_PER_PASS", 1)  # one file a pass
    with client_for(portal, 1) as client:
        first = sync_pass(service, client)
        assert (first.files_uploaded, first.files_deferred) == (1, 2)
        assert portal.dossier(code) is not None and portal_lists(portal, code) == []
        second = sync_pass(service, client)
        third = sync_pass(service, client)
    assert (second.files_uploaded, third.files_uploaded) == (1, 1)
    assert len(portal_lists(portal, code)) == 3  # listed once all are committed
    service.close()


def test_command_line_shows_file_counts_retries_a_file_and_saves_a_remote_one(
    tmp_path: Path, make_portal_server: Callable[..., PortalServer], capsys
) -> None:
    portal = make_portal_server(catalogue_path=SEED, users=USERS, max_file_bytes=100 * KB)
    first = counter(tmp_path / "c1", portal, 1)
    code, ids = dossier_with_documents(first, count=1)
    first.close()
    assert run_cli(tmp_path / "c1", "sync") == 3  # the file was refused
    assert "bị từ chối: 1" in capsys.readouterr().out
    assert run_cli(tmp_path / "c1", "sync", "--status", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out)["files_rejected"] == 1
    portal.max_file_bytes = 20 * 1024 * KB
    assert run_cli(tmp_path / "c1", "retry-upload", str(ids[0])) == 0
    assert run_cli(tmp_path / "c1", "sync") == 0
    counter(tmp_path / "c2", portal, 2).close()
    assert run_cli(tmp_path / "c2", "sync") == 0
    second = CounterService.open(tmp_path / "c2")
    remote = second.attachments.list(code)[0]
    second.close()
    assert remote["upload_state"] == "remote"
    target = tmp_path / "saved.pdf"
    capsys.readouterr()
    assert (
        run_cli(tmp_path / "c2", "attachments", code, "--save", str(remote["id"]), str(target)) == 0
    )
    assert attachment_files.digest(target.read_bytes()) == remote["sha256"]


def test_removing_an_uploaded_document_takes_it_off_the_portals_list(
    tmp_path: Path, portal: PortalServer
) -> None:
    service = counter(tmp_path / "c1", portal, 1)
    code, ids = dossier_with_documents(service)
    with client_for(portal, 1) as client:
        assert sync_pass(service, client).error is None
        kept = service.attachments.get(ids[1])["portal_file_ref"]
        service.attachments.remove(ids[0], by="an.nv", reason="Quét nhầm hồ sơ khác")
        assert current_status(service, "synced").pending == 1
        assert sync_pass(service, client).error is None
    assert portal_lists(portal, code) == [kept]
    service.close()


def test_doctor_counts_documents_waiting_and_rejected(
    tmp_path: Path, make_portal_server: Callable[..., PortalServer]
) -> None:
    from counter_app.ops import doctor

    portal = make_portal_server(catalogue_path=SEED, users=USERS, max_file_bytes=100 * KB)
    service = counter(tmp_path / "c1", portal, 1)
    dossier_with_documents(service)
    with client_for(portal, 1) as client:
        sync_pass(service, client)
    service.close()
    outbox = doctor.run_doctor(tmp_path / "c1", check_portal=False).get("outbox")
    assert outbox.status == doctor.WARN
    assert "2 tài liệu số hóa bị cổng từ chối" in outbox.detail
