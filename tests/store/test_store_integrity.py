"""Issue 10, the local store: concurrent readers, undecodable text, damaged files."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from counter_app.ops.db_files import open_readonly
from counter_app.store import audit, paths
from tests.conftest import configure

WRITER = """
import sys, time
from counter_app.services import CounterService
service = CounterService.open(sys.argv[1])
print("ready", flush=True)
deadline = time.monotonic() + float(sys.argv[2])
n = 0
while time.monotonic() < deadline:
    n += 1
    service.settings.update({"lookup_url": f"https://example.invalid/{n}/{{code}}"}, actor="writer")
service.close()
"""


def test_audit_verify_beside_a_writing_process_never_reports_deleted_tail(data_dir: Path) -> None:
    from counter_app.services import CounterService

    service = configure(CounterService.open(data_dir))
    for n in range(300):  # a chain long enough that reading it takes a while
        service.settings.update({"lookup_url": f"https://example.invalid/{n}/{{code}}"}, actor="t")
    service.close()
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(data_dir), "6"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        conn = open_readonly(paths.db_path(data_dir))
        reports = []
        started = time.monotonic()
        while writer.poll() is None and time.monotonic() - started < 5:
            reports.append(audit.verify(conn))
        conn.close()
    finally:
        writer.wait(timeout=30)
    assert len(reports) >= 5
    assert all(r.ok for r in reports), next(r.problems for r in reports if not r.ok)


def test_audit_verify_reports_undecodable_text_instead_of_raising(service) -> None:
    service.settings.update({"lookup_url": "https://example.invalid/{code}"}, actor="t")
    with service.store.write() as conn:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute(
            "UPDATE audit_log SET actor = CAST(X'ff fe 41' AS TEXT) WHERE id = (SELECT max(id) "
            "FROM audit_log)".replace("X'ff fe 41'", "X'fffe41'")
        )
    report = service.audit.verify()
    assert not report.ok
    assert any("undecodable" in p for p in report.problems)
