"""Flowables built, measured and drawn once per process for the same key.

The official header (the commune, the centre, the motto and its rules, the place and date) and
the signature block are tables of several paragraphs: building, sizing and drawing them cost
as much as the rest of a receipt's layout, and they come out the same for every receipt of a
centre and day (the header) or of the same two names (the signatures). `Memo` stands for such a
flowable: the first time its key is seen, the real flowable is built, wrapped and drawn, and
its size is kept, and its drawing (`recording`: text re-encoded for each document) the second
time it is drawn; afterwards only those are used. Splitting across pages always goes to the real flowable.

The key must hold everything the flowable is built from; its size must not depend on the
height available (true of a table that is not split).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from reportlab.platypus import Flowable

from .recording import Recorded, draw_cached, state_key

_KEPT = 512
_sizes: OrderedDict[tuple, tuple] = OrderedDict()  # (key, width) -> (w, h, before, after, hAlign)
_drawn: OrderedDict[tuple, Recorded | str | None] = OrderedDict()
_lock = threading.Lock()


def _get(cache: OrderedDict, key: tuple, default=None):
    with _lock:
        value = cache.get(key, default)
        if value is not default:
            cache.move_to_end(key)
        return value


def _put(cache: OrderedDict, key: tuple, value) -> None:
    with _lock:
        cache[key] = value
        while len(cache) > _KEPT:
            cache.popitem(last=False)


class Memo(Flowable):
    """Stands for `build()` (a flowable), whose size and drawing depend only on `key`."""

    def __init__(self, key: Hashable, build: Callable[[], Flowable]) -> None:
        super().__init__()
        self.key = key
        self.build = build
        self._flowable: Flowable | None = None
        self._avail = (0.0, 0.0)
        self._space = (0.0, 0.0)

    def _real(self) -> Flowable:
        if self._flowable is None:
            self._flowable = self.build()
        return self._flowable

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        self._avail = (availWidth, availHeight)
        size = _get(_sizes, (self.key, availWidth))
        if size is None:
            real = self._real()
            width, height = real.wrapOn(self.canv, availWidth, availHeight)
            size = (width, height, real.getSpaceBefore(), real.getSpaceAfter(), real.hAlign)
            _put(_sizes, (self.key, availWidth), size)
        self.width, self.height, before, after, self.hAlign = size
        self._space = (before, after)
        return self.width, self.height

    def getSpaceBefore(self) -> float:  # noqa: N802 (ReportLab's name)
        return self._space[0]

    def getSpaceAfter(self) -> float:  # noqa: N802 (ReportLab's name)
        return self._space[1]

    def split(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        return self._real().splitOn(self.canv, availWidth, availHeight)

    def draw(self) -> None:
        canvas = self.canv
        state = state_key(canvas)
        key = (self.key, self._avail[0], state)
        recorded = _get(_drawn, key, False) if state is not None else None
        if isinstance(recorded, Recorded):
            recorded.replay(canvas)
            return
        real = self._real()
        real.wrapOn(canvas, *self._avail)
        real.canv = canvas
        kept = draw_cached(canvas, recorded, real.draw)
        if kept is not False:
            _put(_drawn, key, kept)
