"""Real processes: SIGKILL in the middle of receiving, and two processes issuing codes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CLI_CHILD, PASSWORDS, SIGN_IN, configure, intake, open_app_db

from counter_app.services import CounterService

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")

RECEIVE_LOOP = r"""
import sys
from pathlib import Path
from counter_app.services import CounterService
service = CounterService.open(Path(sys.argv[1]), lock_timeout=30)
data = {"procedure_code": "1.001193", "applicant": {"full_name": "Lê Văn Tám"}, "officer": "an.nv"}
while True:
    code = service.intake.receive(data).dossier["code"]
    print(code, flush=True)  # printed only after the receive call returned (committed)
"""


def _prepare(folder: Path) -> None:
    service = configure(CounterService.open(folder))
    service.close()


def test_sigkill_loses_no_returned_dossier(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    _prepare(folder)
    child = subprocess.Popen(
        [sys.executable, "-c", RECEIVE_LOOP, str(folder)],
        stdout=subprocess.PIPE,
        text=True,
    )
    returned: list[str] = []
    assert child.stdout is not None
    deadline = time.monotonic() + 60
    while len(returned) < 40 and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        returned.append(line.strip())
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert len(returned) >= 40
    raw = open_app_db(folder / "counter.db")
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    raw.close()
    service = CounterService.open(folder)  # the lock died with the process
    try:
        stored = {r[0] for r in service.store.conn().execute("SELECT code FROM dossiers")}
        assert set(returned) <= stored
        queued = service.store.conn().execute("SELECT count(*) FROM outbox").fetchone()[0]
        assert queued == len(stored)  # every stored dossier has its outbox entry
        new_code = service.intake.receive(
            intake(received_at=None, procedure_code="1.001193")
        ).dossier["code"]
        assert new_code not in stored
        assert service.audit.verify().ok
    finally:
        service.close()


def _batch(path: Path, who: str) -> Path:
    lines = "\n".join(
        json.dumps(
            {
                "procedure_code": "2.000884",
                "applicant": {"full_name": f"Người {who} {i}"},
                "officer": "an.nv",
                "received_at": "2026-07-15 09:00",
            },
            ensure_ascii=False,
        )
        for i in range(60)
    )
    path.write_text(lines, encoding="utf-8")
    return path


def _import_at_once(folder: Path, batches: list[Path]) -> list[list[str]]:
    """Run one `import` process per batch at the same time; each one's printed codes."""
    procs = [
        subprocess.Popen(
            [*CLI_CHILD, "--data-dir", str(folder), *SIGN_IN, "import", str(b)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for b in batches
    ]
    for p in procs:  # every process gets its sign-in password before any is waited for
        assert p.stdin is not None
        p.stdin.write(f"{PASSWORDS['an.nv']}\n")
        p.stdin.close()
        p.stdin = None
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * len(batches), outputs
    return [[line.split("\t")[0] for line in out.splitlines()] for out, _ in outputs]


def test_two_processes_importing_at_once_issue_unique_codes(tmp_path: Path) -> None:
    # Two different files (issue 10 item 9: the same file twice is one set of dossiers).
    folder = tmp_path / "data"
    _prepare(folder)
    batches = [_batch(tmp_path / "a.jsonl", "A"), _batch(tmp_path / "b.jsonl", "B")]
    codes = [code for printed in _import_at_once(folder, batches) for code in printed]
    assert len(codes) == 120 and len(set(codes)) == 120
    assert sorted(codes)[-1].endswith("-260715-1120")


def test_two_processes_importing_the_same_file_receive_it_once(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    _prepare(folder)
    batch = _batch(tmp_path / "batch.jsonl", "A")
    first, second = _import_at_once(folder, [batch, batch])
    assert len(set(first)) == 60 and first == second  # every line: one dossier, one code
    assert sorted(first)[-1].endswith("-260715-1060")
