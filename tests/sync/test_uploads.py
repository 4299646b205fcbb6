"""Resumable attachment uploads (issue 16) against the stand-in portal on loopback: every
upload fault, a client killed mid-way, the same file twice, size refusals, and the dossier
record's attachment lists naming the uploaded files."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
import requests
from portal_fixtures import (
    PORTAL_PASSWORD,
    PORTAL_USER,
    RawPortal,
    dossier_code,
    make_dossier,
)

from counter_app.portal.client import PortalClient
from counter_app.portal.errors import PortalAuthError, UploadInterrupted, UploadRejected
from counter_app.portal.uploads import BytesSource, FileSource, RetryPolicy, upload
from counter_app.portal_sim import PortalServer
from counter_app.portal_sim.faults import parse_fault_spec

pytest_plugins = ["portal_fixtures"]

CHUNK = "/api/TaiPhanTep"
START = "/api/BatDauTaiTep"
COMMIT = "/api/HoanTatTaiTep"
KB = 1024
FAST = RetryPolicy(attempts=6, base=0.01, cap=0.05)
CHILD = Path(__file__).with_name("upload_child.py")


def content(size: int, seed: int = 1) -> bytes:
    block = hashlib.sha256(str(seed).encode()).digest()
    return (block * (size // len(block) + 1))[:size]


def source(data: bytes, *, seq: int = 1, group: str = "TepDinhKem") -> BytesSource:
    return BytesSource(dossier_code(seq), group, "Tờ khai đăng ký khai sinh", "to-khai.pdf", data)


def requests_to(server: PortalServer, path: str) -> list[dict]:
    return [entry for entry in server.request_log() if entry["path"] == path]


@pytest.fixture
def progress() -> list[int]:
    return []


# ---- the protocol ------------------------------------------------------------------------


def test_upload_sends_chunks_and_answers_the_file_reference(
    portal_server: PortalServer, portal_client: PortalClient, progress: list[int]
) -> None:
    data = content(300 * KB + 7)
    ref = upload(portal_client, source(data), chunk_size=100 * KB, on_progress=progress.append)
    assert ref.startswith("TEP-")
    assert portal_server.uploaded_file(ref) == data
    assert [e["request_bytes"] for e in requests_to(portal_server, CHUNK)] == [
        100 * KB,
        100 * KB,
        100 * KB,
        7,
    ]
    assert progress[0] == 0 and progress[-1] == 100 and progress == sorted(set(progress))


def test_same_file_twice_is_stored_once(
    portal_server: PortalServer, portal_client: PortalClient, progress: list[int]
) -> None:
    data = content(150 * KB)
    first = upload(portal_client, source(data), chunk_size=64 * KB)
    chunks = len(requests_to(portal_server, CHUNK))
    # the same bytes for another dossier: already complete, nothing sent again
    again = upload(
        portal_client, source(data, seq=2), chunk_size=64 * KB, on_progress=progress.append
    )
    assert again == first
    assert len(requests_to(portal_server, CHUNK)) == chunks == 3
    assert progress == [100]
    assert portal_server.file_count() == 1
    other = upload(portal_client, source(content(10 * KB, seed=2)))
    assert other != first and portal_server.file_count() == 2


def test_chunk_at_a_wrong_offset_answers_the_current_offset(
    portal_server: PortalServer, raw_portal: RawPortal
) -> None:
    data = content(20 * KB)
    start = raw_portal.post(
        START,
        {
            "MaHoSo": dossier_code(1),
            "NhomTep": "TepDinhKem",
            "TenGiayTo": "Giấy chứng sinh",
            "TenTep": "chung-sinh.pdf",
            "KichThuoc": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        },
    ).json()
    assert (start["offset"], start["complete"], start["MaTep"]) == (0, False, None)

    def send(offset: int, part: bytes, digest: str | None = None) -> dict:
        headers = {
            "Authorization": f"Bearer {raw_portal.token}",
            "Content-Type": "application/octet-stream",
            "Upload-Id": start["upload_id"],
            "Upload-Offset": str(offset),
            "Upload-Chunk-Sha256": digest or hashlib.sha256(part).hexdigest(),
        }
        response = requests.post(raw_portal.url + CHUNK, data=part, headers=headers, timeout=10)
        assert response.status_code == 200, response.text
        return response.json()

    first = data[: 8 * KB]
    assert send(0, first)["offset"] == 8 * KB
    repeat = send(0, first)  # its answer was lost, say: nothing is stored twice
    assert (repeat["status"], repeat["offset"]) == ("offset_mismatch", 8 * KB)
    ahead = send(16 * KB, data[16 * KB :])
    assert (ahead["status"], ahead["offset"]) == ("offset_mismatch", 8 * KB)
    damaged = send(8 * KB, data[8 * KB :], digest="0" * 64)
    assert (damaged["status"], damaged["offset"]) == ("checksum_mismatch", 8 * KB)
    state = raw_portal.post("/api/LayViTriTaiTep", {"upload_id": start["upload_id"]}).json()
    assert (state["offset"], state["complete"]) == (8 * KB, False)
    early = raw_portal.post(
        COMMIT,
        {"upload_id": start["upload_id"], "KichThuoc": len(data), "sha256": start_hash(data)},
    )
    assert (early.status_code, early.json()["error_code"]) == (409, "UPLOAD_INCOMPLETE")
    assert send(8 * KB, data[8 * KB :])["offset"] == len(data)
    done = raw_portal.post(
        COMMIT,
        {"upload_id": start["upload_id"], "KichThuoc": len(data), "sha256": start_hash(data)},
    ).json()
    assert portal_server.uploaded_file(done["MaTep"]) == data
    unknown = raw_portal.post("/api/LayViTriTaiTep", {"upload_id": "TL-nope"})
    assert (unknown.status_code, unknown.json()["error_code"]) == (404, "UPLOAD_NOT_FOUND")


def start_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---- faults ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "params"),
    [
        ("drop_chunk", {}),
        ("drop_chunk", {"status": 503}),
        ("cut_chunk", {}),
        ("cut_chunk", {"fraction": 0.0}),
        ("http500", {"path": CHUNK}),
        ("http429", {"path": CHUNK, "retry_after": 0}),
        ("refuse", {"path": CHUNK}),
        ("drop_after_commit", {"path": CHUNK}),
        ("malformed_json", {"path": CHUNK}),
    ],
)
def test_chunk_faults_are_retried_and_lose_nothing(
    portal_server: PortalServer, portal_client: PortalClient, kind: str, params: dict
) -> None:
    data = content(200 * KB + 1)
    portal_server.faults.add(kind, times=2, skip=1, **params)
    ref = upload(portal_client, source(data), chunk_size=50 * KB, retry=FAST)
    assert portal_server.uploaded_file(ref) == data
    chunks = requests_to(portal_server, CHUNK)
    assert [e["fault"] for e in chunks].count(kind) == 2
    # 5 chunks, 2 faulted: each is sent again once, at most
    assert len(chunks) <= 5 + 2
    assert portal_server.file_count() == 1


def test_lost_commit_answer_is_committed_once_with_the_same_reference(
    portal_server: PortalServer, portal_client: PortalClient
) -> None:
    data = content(70 * KB)
    portal_server.faults.add("lose_commit_answer")
    ref = upload(portal_client, source(data), chunk_size=32 * KB, retry=FAST)
    commits = requests_to(portal_server, COMMIT)
    assert [(e["status"], e["fault"]) for e in commits] == [
        (0, "lose_commit_answer"),
        (200, None),
    ]
    assert portal_server.uploaded_file(ref) == data and portal_server.file_count() == 1
    assert upload(portal_client, source(data)) == ref


def test_a_file_over_the_size_limit_is_rejected_with_the_portals_message(
    make_portal_server, portal_config
) -> None:
    server = make_portal_server(max_file_bytes=100 * KB)
    with PortalClient(replace(portal_config, base_url=server.url)) as client:
        with pytest.raises(UploadRejected) as caught:
            upload(client, source(content(100 * KB + 1)), retry=FAST)
        assert caught.value.error_code == "FILE_TOO_LARGE"
        assert caught.value.status == 413
        assert caught.value.portal_message == (
            "Tệp to-khai.pdf (0,1 MB) vượt quá giới hạn 0,1 MB của Cổng"
        )
        assert not caught.value.retryable
        assert requests_to(server, CHUNK) == [] and server.file_count() == 0
        # at the limit it goes through
        assert upload(client, source(content(100 * KB)), retry=FAST).startswith("TEP-")


def test_size_refusal_fault(portal_server: PortalServer, portal_client: PortalClient) -> None:
    portal_server.faults.add("upload_too_large")
    with pytest.raises(UploadRejected, match="vượt quá giới hạn 20,0 MB của Cổng"):
        upload(portal_client, source(content(KB)), retry=FAST)
    assert requests_to(portal_server, CHUNK) == []
    assert upload(portal_client, source(content(KB)), retry=FAST).startswith("TEP-")


def test_faults_that_last_interrupt_the_upload_and_a_later_one_resumes(
    portal_server: PortalServer, portal_client: PortalClient, progress: list[int]
) -> None:
    data = content(100 * KB)
    fault = portal_server.faults.add("drop_chunk", times=None, skip=2)
    with pytest.raises(UploadInterrupted) as caught:
        upload(portal_client, source(data), chunk_size=25 * KB, retry=FAST)
    assert caught.value.retryable and caught.value.offset == 50 * KB
    assert "sẽ thử lại sau" in caught.value.message
    portal_server.faults.remove(fault)
    before = len(requests_to(portal_server, CHUNK))
    ref = upload(portal_client, source(data), chunk_size=25 * KB, on_progress=progress.append)
    assert len(requests_to(portal_server, CHUNK)) - before == 2  # only the missing half
    assert progress == [50, 75, 100]
    assert portal_server.uploaded_file(ref) == data


@dataclass(frozen=True)
class LyingSource(BytesSource):
    """Declares the hash of other bytes than it gives (a file changed under the upload)."""

    declared: str = ""

    @property
    def sha256(self) -> str:
        return self.declared


def test_content_that_does_not_match_its_hash_is_rejected_and_thrown_away(
    portal_server: PortalServer, portal_client: PortalClient
) -> None:
    data = content(40 * KB)
    lying = LyingSource(
        dossier_code(1),
        "TepDinhKem",
        "Tờ khai",
        "a.pdf",
        data,
        declared=start_hash(b"x" * len(data)),
    )
    with pytest.raises(UploadRejected) as caught:
        upload(portal_client, lying, chunk_size=16 * KB, retry=FAST)
    assert caught.value.error_code == "UPLOAD_CHECKSUM_MISMATCH"
    assert "tệp đã bị hủy, hãy tải lên lại" in caught.value.portal_message
    assert portal_server.file_count() == 0
    state = portal_client.start_upload(
        dossier_code=dossier_code(1),
        group="TepDinhKem",
        item="Tờ khai",
        file_name="a.pdf",
        size=len(data),
        sha256=lying.sha256,
    )
    assert (state["offset"], state["complete"]) == (0, False)


def test_wrong_credentials_are_neither_rejected_file_nor_transient(
    portal_server: PortalServer, portal_config
) -> None:
    with PortalClient(replace(portal_config, password="sai")) as client:
        with pytest.raises(PortalAuthError):
            upload(client, source(content(KB)), retry=FAST)


def test_bad_arguments_are_refused_before_any_request(
    portal_server: PortalServer, portal_client: PortalClient
) -> None:
    with pytest.raises(ValueError, match="chunk_size"):
        upload(portal_client, source(content(KB)), chunk_size=0)
    with pytest.raises(ValueError, match="group"):
        upload(portal_client, source(content(KB), group="Khac"))
    with pytest.raises(ValueError, match="rỗng"):
        upload(portal_client, source(b""))
    assert portal_server.request_log() == []


def test_upload_fault_specs_parse() -> None:
    assert parse_fault_spec("drop_chunk:503x2") == ("drop_chunk", 2, None, {"status": 503.0})
    assert parse_fault_spec("cut_chunk:0.25") == ("cut_chunk", 1, None, {"fraction": 0.25})
    assert parse_fault_spec("lose_commit_answer") == ("lose_commit_answer", 1, None, {})
    assert parse_fault_spec("upload_too_large") == ("upload_too_large", 1, None, {})


# ---- the dossier's attachment lists ----------------------------------------------------


@pytest.mark.parametrize("list_name", ["DanhSachTepDinhKem", "DanhSachGiayToKetQua"])
def test_dossier_attachment_lists_name_uploaded_files(
    portal_server: PortalServer, portal_client: PortalClient, list_name: str
) -> None:
    ref = upload(portal_client, source(content(5 * KB)))
    listed = [{"TenGiayTo": "Tờ khai đăng ký khai sinh", "MaTep": ref, "TenTep": "to-khai.pdf"}]
    [ok] = portal_client.sync_dossiers(
        [make_dossier(1, **{list_name: listed})], is_updating=False, idempotency_key="k1"
    )
    assert ok["status"] == "ok"
    assert portal_server.dossier(dossier_code(1))[list_name] == listed
    unknown = [{"TenGiayTo": "Giấy chứng sinh", "MaTep": "TEP-khong-co"}, {"MaTep": ref}]
    [refused] = portal_client.sync_dossiers(
        [make_dossier(2, **{list_name: unknown})], is_updating=False, idempotency_key="k2"
    )
    assert refused["status"] == "rejected"
    assert refused["message"] == (
        f"{list_name}[1].MaTep TEP-khong-co không có trên Cổng (tệp chưa được tải lên hoặc "
        f"chưa hoàn tất tải lên); Thiếu {list_name}[2].TenGiayTo"
    )
    [shape] = portal_client.sync_dossiers(
        [make_dossier(3, **{list_name: [{"TenGiayTo": "Tờ khai"}, "x"]})],
        is_updating=False,
        idempotency_key="k3",
    )
    assert shape["message"] == (
        f"Thiếu {list_name}[1].MaTep (mã tệp do Cổng cấp khi hoàn tất tải lên); "
        f"{list_name}[2] phải là đối tượng JSON"
    )


def test_an_unfinished_upload_cannot_be_referenced(
    portal_server: PortalServer, portal_client: PortalClient
) -> None:
    data = content(10 * KB)
    state = portal_client.start_upload(
        dossier_code=dossier_code(1),
        group="TepDinhKem",
        item="Tờ khai",
        file_name="a.pdf",
        size=len(data),
        sha256=start_hash(data),
    )
    listed = [{"TenGiayTo": "Tờ khai", "MaTep": state["upload_id"]}]
    [refused] = portal_client.sync_dossiers(
        [make_dossier(1, DanhSachTepDinhKem=listed)], is_updating=False, idempotency_key="k1"
    )
    assert refused["status"] == "rejected" and "không có trên Cổng" in refused["message"]


# ---- a client killed mid-way -------------------------------------------------------------


@pytest.fixture
def big_file(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "ban-chup.pdf"
    path.write_bytes(content(8 * 64 * KB, seed=7))
    yield path


def test_sigkill_mid_upload_then_resume_resends_at_most_one_chunk(
    portal_server: PortalServer, portal_config, big_file: Path, progress: list[int]
) -> None:
    chunk = 64 * KB
    # the child's 4th chunk hangs in the portal, so the kill lands mid-request
    slow = portal_server.faults.add("slow", path=CHUNK, skip=3, seconds=1.0)
    child = subprocess.Popen(
        [
            sys.executable,
            str(CHILD),
            portal_server.url,
            PORTAL_USER,
            PORTAL_PASSWORD,
            str(big_file),
            str(chunk),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_PROXY": "127.0.0.1"},
    )
    try:
        assert child.stdout is not None
        for line in child.stdout:
            if json.loads(line)["percent"] >= 37:  # three chunks are on the portal
                break
        while slow in portal_server.faults.pending():  # the 4th chunk has reached the portal
            time.sleep(0.01)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(10)
    assert child.returncode == -signal.SIGKILL
    with PortalClient(portal_config) as client:
        ref = upload(
            client,
            FileSource.of(
                big_file, dossier_code=dossier_code(1), group="TepDinhKem", item="Bản chụp"
            ),
            chunk_size=chunk,
            on_progress=progress.append,
        )
    assert portal_server.uploaded_file(ref) == big_file.read_bytes()
    chunks = requests_to(portal_server, CHUNK)
    assert len(chunks) <= 8 + 1  # 8 chunks in all, at most one of them sent twice
    assert 37 <= progress[0] < 100 and progress[-1] == 100
    assert portal_server.file_count() == 1


def test_command_line_stand_in_takes_a_size_limit_and_upload_faults(
    tmp_path: Path, portal_catalogue_path: Path, portal_loopback_no_proxy: None, portal_config
) -> None:
    command = [
        sys.executable, "-m", "counter_app.portal_sim",
        "--port", "0", "--db", str(tmp_path / "cli.sqlite3"),
        "--catalogue", str(portal_catalogue_path),
        "--user", PORTAL_USER, "--password", PORTAL_PASSWORD,
        "--max-file-bytes", str(4 * KB), "--fault", "drop_chunk:503",
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip().removeprefix("listening on ")
        with PortalClient(replace(portal_config, base_url=url)) as client:
            with pytest.raises(UploadRejected) as caught:
                upload(client, source(content(4 * KB + 1)), retry=FAST)
            assert caught.value.error_code == "FILE_TOO_LARGE"
            # the dropped chunk (503) is retried
            assert upload(client, source(content(4 * KB)), chunk_size=KB, retry=FAST)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(20)


def test_an_upload_the_portal_forgot_is_started_again(
    portal_server: PortalServer, portal_client: PortalClient
) -> None:
    data = content(30 * KB)
    forgotten = {"upload_id": "TL-forgotten", "offset": 0, "size": len(data), "complete": False}
    portal_server.faults.add("malformed_json", path=START, body=json.dumps(forgotten))
    ref = upload(portal_client, source(data), chunk_size=10 * KB, retry=FAST)
    assert portal_server.uploaded_file(ref) == data
    assert [e["path"] for e in portal_server.request_log()][1:] == [
        START,  # answers an upload the portal does not know
        CHUNK,  # 404 UPLOAD_NOT_FOUND
        "/api/LayViTriTaiTep",  # 404 too: start again
        START,
        CHUNK,
        CHUNK,
        CHUNK,
        COMMIT,
    ]


def test_a_broken_start_answer_is_retried_not_trusted(
    portal_server: PortalServer, portal_client: PortalClient
) -> None:
    data = content(10 * KB)
    wrong = {"upload_id": "TL-x", "offset": 99 * KB, "size": len(data), "complete": False}
    portal_server.faults.add("malformed_json", path=START, body=json.dumps(wrong))
    ref = upload(portal_client, source(data), retry=FAST)
    assert portal_server.uploaded_file(ref) == data
    assert [e["path"] for e in portal_server.request_log()][1:] == [START, START, CHUNK, COMMIT]


def test_an_upload_resumes_across_a_portal_restart(
    make_portal_server, portal_config, tmp_path: Path, progress: list[int]
) -> None:
    data = content(80 * KB)
    db = tmp_path / "kept.sqlite3"
    first = make_portal_server(db_path=db)
    first.faults.add("drop_chunk", times=None, skip=2)
    with PortalClient(replace(portal_config, base_url=first.url)) as client:
        with pytest.raises(UploadInterrupted):
            upload(client, source(data), chunk_size=20 * KB, retry=FAST)
    first.stop()
    second = make_portal_server(db_path=db)
    with PortalClient(replace(portal_config, base_url=second.url)) as client:
        ref = upload(client, source(data), chunk_size=20 * KB, on_progress=progress.append)
    assert progress == [50, 75, 100]
    assert len(requests_to(second, CHUNK)) == 2
    assert second.uploaded_file(ref) == data
