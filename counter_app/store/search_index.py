"""The search index's segments, and merging them into one (issue 15).

FTS5 writes a new segment of the index for each write transaction and merges segments of
the same level as they pile up (automerge). A bulk-built index (the v11 rebuild, the demo
data, an import) is left with tens of segments over many levels: a search looks each typed
word up in every segment, so the first search of the day, whose pages are not yet in the
cache, reads (and decrypts) a b-tree per segment and per word.

`merge` folds the whole index into one segment incrementally: FTS5's 'merge' command with a
negative page count (which first puts every segment on one level, like 'optimize') writes
at most `step_pages` leaf pages per step, each step its own short write transaction, so a
receipt at the counter waits at most one step. It ends when a step does nothing (FTS5:
total_changes() moves by less than 2), reports progress in leaf pages, and can be stopped
between steps; a later run goes on from there. The rows a search returns do not change.

`shape` reads the index's structure record (levels, segments, leaf pages); it is FTS5's
internal format, decoded defensively: an unexpected record gives None, and merging works
without it (progress then has no total).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from counter_app.store.database import Store
    from counter_app.store.driver import Connection

INDEX = "dossiers_fts"
# leaf pages written per step: at 1,000,000 dossiers (35,800 leaf pages, 24 segments on 9
# levels) 2,000-page steps took 0.65 s each, 12.4 s in all: a receipt waits ~0.3 s at most
STEP_PAGES = 1_000
MERGE_ABOVE_SEGMENTS = 8  # automerge keeps a day's receipts in a few small segments
_STRUCTURE_ROWID = 10  # FTS5_STRUCTURE_ROWID
_STRUCTURE_V2 = b"\xff\x00\x00\x01"

MergeProgress = Callable[[int, int], None]  # (leaf pages written, leaf pages in all; 0: unknown)


@dataclass(frozen=True)
class IndexShape:
    levels: int  # levels holding at least one segment
    segments: int
    pages: int  # leaf pages in all segments


@dataclass(frozen=True)
class MergeResult:
    before: IndexShape | None
    after: IndexShape | None
    steps: int
    seconds: float
    finished: bool  # False: stopped between two steps


def _varint(data: bytes, i: int) -> tuple[int, int]:
    """SQLite's big-endian varint (7 bits a byte, the 9th byte whole)."""
    value = 0
    for _ in range(8):
        byte = data[i]
        i += 1
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, i
    return (value << 8) | data[i], i + 1


def _decode(data: bytes) -> IndexShape:
    i = 4  # the configuration cookie
    v2 = data[4:8] == _STRUCTURE_V2
    if v2:
        i += 4
    levels, i = _varint(data, i)
    segments, i = _varint(data, i)
    _, i = _varint(data, i)  # the write counter
    found, used_levels, pages = 0, 0, 0
    for _ in range(levels):
        _, i = _varint(data, i)  # segments being merged into the next level
        count, i = _varint(data, i)
        used_levels += count > 0
        for _ in range(count):
            _, i = _varint(data, i)  # segment id
            first, i = _varint(data, i)
            last, i = _varint(data, i)
            pages += last - first + 1
            for _ in range(5 if v2 else 0):  # origins, tombstone pages and entries, entries
                _, i = _varint(data, i)
        found += count
    if found != segments or i != len(data):
        raise ValueError("unexpected FTS5 structure record")
    return IndexShape(levels=used_levels, segments=segments, pages=pages)


def shape(conn: Connection) -> IndexShape | None:
    """The index's levels, segments and leaf pages, or None when the record is not one this
    module knows (a newer FTS5) or the table is absent."""
    try:
        row = conn.execute(
            f"SELECT block FROM {INDEX}_data WHERE id = ?", (_STRUCTURE_ROWID,)
        ).fetchone()
    except Exception:  # noqa: BLE001 - no index (yet): nothing to say about it
        return None
    if row is None or not isinstance(row[0], bytes):
        return None
    try:
        return _decode(row[0])
    except (ValueError, IndexError):
        return None


def needs_merge(conn: Connection, above: int = MERGE_ABOVE_SEGMENTS) -> bool:
    """More than `above` segments (an unreadable structure counts as needing none)."""
    found = shape(conn)
    return found is not None and found.segments > above


def merge(
    store: Store,
    *,
    step_pages: int = STEP_PAGES,
    progress: MergeProgress | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> MergeResult:
    """Merge the search index into one segment on the calling thread's connection, one
    short write transaction (`store.write()`) per step of `step_pages` leaf pages."""
    conn = store.conn()
    before = shape(conn)
    total = before.pages if before is not None else 0
    started = time.monotonic()
    steps, written, finished = 0, 0, False
    if progress is not None:
        progress(0, total)
    while True:
        if should_stop is not None and should_stop():
            break
        changes = conn.total_changes
        with store.write() as conn:
            conn.execute(
                f"INSERT INTO {INDEX}({INDEX}, rank) VALUES ('merge', ?)", (-int(step_pages),)
            )
        steps += 1
        if conn.total_changes - changes < 2:  # FTS5's sign that there was nothing to merge
            finished = True
            break
        written += step_pages
        if progress is not None:
            progress(min(written, total) if total else written, total)
    if progress is not None and finished:
        progress(total or written, total)
    return MergeResult(
        before=before,
        after=shape(conn),
        steps=steps,
        seconds=time.monotonic() - started,
        finished=finished,
    )
