"""SIGKILL during capture and save at intake (issue 16): a child process captures documents
for an intake in progress (each spooled, then named by the officer's draft) and saves the
dossier with them, and is killed at several moments. After each kill nothing captured is lost
(the draft's documents are in the spool, intact), nothing is half recorded (no dossier, or the
dossier with all its documents), and the re-run, from the draft, saves the dossier once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import configure, intake, open_app_db

from counter_app.services import CounterService
from counter_app.store import attachment_files, capture_spool, db_key, drafts

DOCUMENTS = 3
OFFICER = "an.nv"

CHILD = r"""
import io, json, random, sys
from pathlib import Path
from PIL import Image
from counter_app.services import CounterService
from counter_app.services.attachments import Capture
from counter_app.services.drafts import CAPTURED, CAPTURES

folder, data, count = Path(sys.argv[1]), json.loads(sys.argv[2]), int(sys.argv[3])
officer = data["officer"]
service = CounterService.open(folder, lock_timeout=10)
draft = service.drafts.load(officer) or {}
documents = dict(draft.get(CAPTURED) or {})  # brought back from the spool
entries = dict(draft.get(CAPTURES) or {})
print(f"restored {len(documents)}", flush=True)
for number in range(1, count + 1):
    key = f"doc{number}"
    if key in documents:
        continue
    document = service.attachments.new_document()
    for page in range(2):  # noise: about 0.5 MB a page, so a save takes a while
        noise = random.Random(number * 10 + page).randbytes(900 * 1200)
        buffer = io.BytesIO()
        Image.frombytes("L", (900, 1200), noise).save(buffer, "PNG")
        document.add_file(f"{number}-{page}.png", buffer.getvalue())
    print(f"capture {number}", flush=True)
    entries[key] = service.drafts.spool(officer, document)
    documents[key] = document
    service.drafts.save(officer, {"full_name": "Khai", "intake_ref": "x", CAPTURES: entries})
    print(f"captured {number}", flush=True)
print("save", flush=True)
captures = [Capture(documents[f"doc{n}"], None, f"doc {n}") for n in range(1, count + 1)]
result = service.intake.receive(data, captures=captures)
print(f"saved {result.already_received} {result.attached}", flush=True)
service.drafts.clear(officer, spool=True)
print("cleared", flush=True)
service.close()
"""


def run_child(folder: Path, *, kill_at: str | None = None, after: float = 0.0) -> list[str]:
    data = intake(client_reference="intake:kill-test")
    process = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder), json.dumps(data), str(DOCUMENTS)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ},
    )
    assert process.stdout is not None
    lines: list[str] = []
    if kill_at is None:
        lines = process.stdout.read().splitlines()
        assert process.wait(timeout=300) == 0
        return lines
    for line in process.stdout:
        lines.append(line.strip())
        if line.strip() == kill_at:
            break
    time.sleep(after)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    lines += [rest.strip() for rest in process.stdout.read().splitlines()]
    return lines


def check_invariants(folder: Path) -> tuple[int, int]:
    """Every file intact; the draft's documents all in the spool; all or none recorded."""
    key = db_key.folder_keys(folder)[0]
    stored = attachment_files.AttachmentFiles(attachment_files.root(folder), key)
    spool = capture_spool.files(folder, key, OFFICER)
    for files in (stored, spool):
        for sha256 in files.stored():
            assert files.check(sha256) == "", f"half or altered file {sha256}"
    conn = open_app_db(folder / "counter.db", isolation_level=None)
    try:
        dossiers = conn.execute("SELECT count(*) FROM dossiers").fetchone()[0]
        rows = conn.execute("SELECT label, sha256 FROM attachments").fetchall()
        audited = conn.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'attachment.add'"
        ).fetchone()[0]
        found = conn.execute("SELECT data FROM drafts WHERE id = ?", (drafts.draft_id(OFFICER),))
        draft = found.fetchone()
    finally:
        conn.close()
    assert dossiers in (0, 1), "the dossier was recorded twice"
    assert len(rows) == (DOCUMENTS if dossiers else 0), f"half recorded: {rows}"
    assert audited == len(rows)
    for _label, sha256 in rows:
        assert stored.check(sha256) == "", f"a row without its file {sha256}"
    if draft is not None:
        for entry in (json.loads(draft[0]).get(capture_spool.DRAFT_KEY) or {}).values():
            assert spool.check(entry["sha256"]) == "", "a captured document was lost"
    return dossiers, len(rows)


def test_sigkill_during_capture_and_save_loses_and_duplicates_nothing(data_dir: Path) -> None:
    configure(CounterService.open(data_dir)).close()
    moments = [
        ("capture 2", 0.0),
        ("capture 3", 0.15),
        ("save", 0.0),
        ("save", 0.1),
        ("save", 0.3),
        ("saved False 3", 0.0),
    ]
    in_save = restored = 0
    for kill_at, after in moments:
        lines = run_child(data_dir, kill_at=kill_at, after=after)
        check_invariants(data_dir)
        restored += any(line.startswith("restored ") and line != "restored 0" for line in lines)
        in_save += "save" in lines and not any(line.startswith("saved") for line in lines)
    assert in_save >= 1  # at least one kill fell inside the save
    assert restored >= 1  # and a re-run took documents back from the spool
    lines = run_child(data_dir)
    assert check_invariants(data_dir) == (1, DOCUMENTS)
    assert lines[-1] == "cleared"
    service = CounterService.open(data_dir)
    try:
        assert service.audit.verify().ok
        [dossier] = service.search.dossiers("minh khai", limit=10)
        labels = sorted(r["label"] for r in service.attachments.list(dossier["code"]))
        assert labels == [f"doc {n}" for n in range(1, DOCUMENTS + 1)]
        assert len(list(service.attachments.files().stored())) == DOCUMENTS  # each once
        assert service.drafts.load(OFFICER) is None
        assert capture_spool.spooled(data_dir) == 0
    finally:
        service.close()
