"""SIGKILL while a capture dialog is open (issue 16): a child process assembles a document
through the very service calls the dialog makes (`open_captures.take` for files and the SANE
`test` scanner, `record` after each move, turn and removal, then the keep at intake: spooled,
named by the intake draft, the open capture cleared) and is killed at random moments. After
each kill the parent gets back every page the child had shown (acknowledged), in order and
turned as shown — at most the one step in flight besides — and never a page twice; a kill
during the keep gives the document back once: either still open, or kept, never both."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import configure

from counter_app.capture import scanners
from counter_app.services import CounterService
from counter_app.services.drafts import CAPTURED, OPEN_CAPTURE
from counter_app.store import capture_spool
from counter_app.store.drafts import CAPTURE

OFFICER = "an.nv"
ROUNDS = 6
SEED = 16

CHILD = r"""
import io, json, random, sys
from PIL import Image
from counter_app.capture import scanners, sources
from counter_app.services import CounterService
from counter_app.services.open_captures import OpenCapture

folder, round_no, keep, sane = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "keep", sys.argv[4]
officer = "an.nv"
rng = random.Random(round_no)
service = CounterService.open(folder, lock_timeout=10)
recovered = service.open_captures.recover(officer)
if recovered is not None:
    capture, draft = recovered.capture, recovered.draft
else:
    capture, draft = OpenCapture.at_intake(officer, "row-1", "Tờ khai"), None
show = lambda word, d: print(word, json.dumps(d.layout()["pages"] if d else []), flush=True)
show("ready", draft)


def noise_files(step):
    files = []
    for n in range(rng.randint(1, 2)):  # about 1 MB each: spooling takes a while
        buffer = io.BytesIO()
        data = random.Random(f"{round_no}-{step}-{n}").randbytes(1000 * 1000)
        Image.frombytes("L", (1000, 1000), data).save(buffer, "PNG")
        files.append(sources.CapturedFile(f"r{round_no}s{step}n{n}.png", buffer.getvalue()))
    return files


class Given:
    source = "file"

    def __init__(self, files):
        self.files = files

    def acquire(self):
        return self.files


for step in range(10 if not keep else 1):
    count = len(draft.pages) if draft else 0
    if step % 2 == 0 or count < 3:
        if sane and step == 2:
            source = scanners.SaneScanner(sane, dpi=75, colour="grey", size_mm=(60, 80))
        else:
            source = Given(noise_files(step))
        print("adding", flush=True)
        draft, _files = service.open_captures.take(capture, draft, source)
    else:
        action = rng.choice(["move", "rotate", "remove"])
        if action == "move":
            draft.move(rng.randrange(count), rng.randrange(count))
        elif action == "rotate":
            draft.rotate(rng.randrange(count), rng.choice([90, 180, 270]))
        else:
            draft.remove(rng.randrange(count))
        show("want", draft)
        service.open_captures.record(capture, draft.layout(), draft.used_files())
    show("ack", draft)
if keep:
    print("keeping", flush=True)
    entry = service.drafts.spool(officer, draft)
    service.drafts.save(officer, {"full_name": "Khai", "captures": {capture.key: entry}})
    print("named", flush=True)
    service.open_captures.clear(capture)
    print("kept", flush=True)
service.close()
print("end", flush=True)
"""


def run_child(
    folder: Path,
    round_no: int,
    *,
    keep: bool,
    sane: str,
    kill_at: tuple[str, int] | None = None,
    after: float = 0.0,
) -> list[str]:
    """Run the child; with `kill_at` (a line's first word, which one of them), SIGKILL it
    `after` seconds after that line (or let it end, when it ends first)."""
    process = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder), str(round_no), "keep" if keep else "", sane],
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
    word, nth = kill_at
    for line in process.stdout:
        lines.append(line.strip())
        nth -= line.split(" ", 1)[0].strip() == word
        if nth == 0:
            break
    time.sleep(after)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    lines += [line.strip() for line in process.stdout.read().splitlines()]
    return lines


def pages_of(line: str) -> list[dict]:
    return json.loads(line.split(" ", 1)[1])


def identity(page: dict) -> tuple:
    return page["file"], page["take"], page["index"]


def check_recovered(folder: Path, lines: list[str]) -> tuple[list[dict], bool]:
    """What the parent gets back, checked against what the child had shown; and whether
    the document was kept (named by the intake draft) instead."""
    shown = [line for line in lines if line.startswith(("ready ", "ack "))]
    acknowledged = pages_of(shown[-1])
    in_flight = lines[-1] if lines and lines[-1] != shown[-1] else ""
    service = CounterService.open(folder)
    try:
        draft = service.drafts.load(OFFICER) or {}
        recovered = draft.get(OPEN_CAPTURE)
        kept = bool(draft.get(CAPTURED))
        files = capture_spool.files(folder, service.store.key, OFFICER, CAPTURE)
        for sha256 in files.stored():
            assert files.check(sha256) == "", f"half or altered file {sha256}"
        if kept:
            assert recovered is None, "kept and still open: the document would come twice"
            (document,) = draft[CAPTURED].values()
            return acknowledged, True
        assert recovered is not None, f"pages lost: {len(acknowledged)} were shown"
        assert recovered.lost == 0
        got = recovered.draft.layout()["pages"]
    finally:
        service.close()
    assert len({identity(p) for p in got}) == len(got), "a page came back twice"
    if got == acknowledged:
        return got, False
    if in_flight.startswith("want "):  # an edit whose layout was written before the kill
        assert got == pages_of(in_flight)
        return got, False
    # An add whose layout was written before the kill: the shown pages, then one new take.
    assert in_flight == "adding", f"not what was shown: {in_flight!r}"
    assert got[: len(acknowledged)] == acknowledged
    assert len({p["take"] for p in got[len(acknowledged) :]}) == 1
    return got, False


def test_sigkill_with_a_capture_dialog_open_loses_and_duplicates_nothing(
    data_dir: Path, tmp_path: Path
) -> None:
    configure(CounterService.open(data_dir)).close()
    sane = ""
    if scanners.sane_available():
        os.environ[scanners.SANE_CONFIG_ENV] = str(scanners.sane_test_config(tmp_path / "sane"))
        sane = scanners.TEST_DEVICE
    rng = random.Random(SEED)
    killed_mid_step = 0
    pages: list[dict] = []
    try:
        for round_no in range(ROUNDS):
            kill_at = (rng.choice(["adding", "want", "ack"]), rng.randint(1, 4))
            after = rng.choice([0.0, rng.uniform(0.0, 0.2)])
            lines = run_child(
                data_dir, round_no, keep=False, sane=sane, kill_at=kill_at, after=after
            )
            pages, kept = check_recovered(data_dir, lines)
            assert not kept
            killed_mid_step += lines[-1] in ("adding",) or lines[-1].startswith("want ")
        assert killed_mid_step >= 1  # some kill fell inside a step
        assert len(pages) >= 3
        # Kills during the keep: the document comes back once, open or kept.
        for kill_at, after in ((("keeping", 1), 0.0), (("named", 1), 0.0), (("ack", 1), 0.05)):
            lines = run_child(data_dir, 100, keep=True, sane="", kill_at=kill_at, after=after)
            before = pages
            pages, kept = check_recovered(data_dir, lines)
            if kept:
                break
            assert pages[: len(before)] == before or "want " in lines[-1]
        else:
            lines = run_child(data_dir, 101, keep=True, sane="")
            assert lines[-1] == "end"
            pages, kept = check_recovered(data_dir, lines)
            assert kept
    finally:
        os.environ.pop(scanners.SANE_CONFIG_ENV, None)
    service = CounterService.open(data_dir)
    try:
        assert service.open_captures.pending(OFFICER) is None
        (document,) = service.drafts.load(OFFICER)[CAPTURED].values()
        assert len(document.pages) == len(pages)
    finally:
        service.close()
