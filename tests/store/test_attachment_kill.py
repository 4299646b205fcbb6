"""SIGKILL during the save of digitised documents (issue 16): a child process attaches
documents and is killed at several moments of a save; after each kill no half file is visible
under a real name, no row names a missing or altered file, and re-running the saves stores
each document exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import configure, intake, open_app_db

from counter_app.services import CounterService
from counter_app.store import attachment_files, db_key

DOCUMENTS = 6

CHILD = r"""
import io, random, sys
from pathlib import Path
from PIL import Image
from counter_app.services import CounterService

folder, code = Path(sys.argv[1]), sys.argv[2]
service = CounterService.open(folder, lock_timeout=10)
for number in range(1, int(sys.argv[3]) + 1):
    draft = service.attachments.new_document()
    for page in range(3):  # noise: about 0.5 MB a page, so a save takes a while
        noise = random.Random(number * 10 + page).randbytes(900 * 1200)
        buffer = io.BytesIO()
        Image.frombytes("L", (900, 1200), noise).save(buffer, "PNG")
        draft.add_file(f"{number}-{page}.png", buffer.getvalue())
    print(f"start {number}", flush=True)
    row = service.attachments.attach(code, draft, by="an.nv", item=None, label=f"doc {number}")
    print(f"saved {number} {row['already_attached']}", flush=True)
service.close()
"""


def run_child(folder: Path, code: str, *, kill_after: float | None, at_start: int = 1) -> list[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder), code, str(DOCUMENTS)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ},
    )
    lines: list[str] = []
    assert process.stdout is not None
    if kill_after is None:
        lines = process.stdout.read().splitlines()
        assert process.wait(timeout=300) == 0
        return lines
    for line in process.stdout:
        lines.append(line.strip())
        if line.startswith(f"start {at_start}"):
            break
    time.sleep(kill_after)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    lines += [rest.strip() for rest in process.stdout.read().splitlines()]
    return lines


def check_invariants(folder: Path) -> list[str]:
    """No half file under a real name; every row's file there and intact; no double row."""
    keys = db_key.folder_keys(folder)
    files = attachment_files.AttachmentFiles(attachment_files.root(folder), keys[0])
    for sha256 in files.stored():
        assert files.check(sha256) == "", f"half or altered file {sha256}"
    conn = open_app_db(folder / "counter.db", isolation_level=None)
    try:
        rows = conn.execute("SELECT label, sha256 FROM attachments ORDER BY id").fetchall()
    finally:
        conn.close()
    for _label, sha256 in rows:
        assert files.check(sha256) == "", f"row without its file {sha256}"
    labels = [r[0] for r in rows]
    assert len(labels) == len(set(labels)), f"a document saved twice: {labels}"
    return labels


@pytest.mark.parametrize("moments", [(0.0, 0.05, 0.15, 0.3)])
def test_sigkill_during_save_loses_and_duplicates_nothing(
    data_dir: Path, moments: tuple[float, ...]
) -> None:
    service = configure(CounterService.open(data_dir))
    code = service.intake.receive(intake()).dossier["code"]
    service.close()
    killed_in_save = 0
    for number, moment in enumerate(moments, start=1):
        lines = run_child(data_dir, code, kill_after=moment, at_start=number)
        labels = check_invariants(data_dir)
        if f"start {number}" in lines and not any(
            line.startswith(f"saved {number}") for line in lines
        ):
            killed_in_save += 1  # the kill fell inside a save
        assert all(label.startswith("doc ") for label in labels)
    assert killed_in_save >= 1  # at least one kill hit a save (each waits for its start)
    lines = run_child(data_dir, code, kill_after=None)
    labels = check_invariants(data_dir)
    assert labels and sorted(labels) == sorted(f"doc {n}" for n in range(1, DOCUMENTS + 1))
    saved = [line for line in lines if line.startswith("saved ")]
    assert len(saved) == DOCUMENTS  # the re-run: found again (True) or saved now (False)
    service = CounterService.open(data_dir)
    try:
        assert service.audit.verify().ok
        assert len(service.attachments.list(code)) == DOCUMENTS
        stored = list(service.attachments.files().stored())
        assert len(stored) == DOCUMENTS  # each content once; spares from kills reused
    finally:
        service.close()
