"""Stored moments: `clock.from_storage` reads exactly what strptime with the storage format
reads (its fast path must neither accept nor misread anything strptime would not)."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from counter_app.domain import clock


def strptime_or_error(text: str) -> datetime | type[ValueError]:
    try:
        return datetime.strptime(text, clock.STORAGE_FORMAT)
    except ValueError:
        return ValueError


def from_storage_or_error(text: str) -> datetime | type[ValueError]:
    try:
        return clock.from_storage(text)
    except ValueError:
        return ValueError


@settings(max_examples=300, deadline=None)
@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 12, 31)))
def test_stored_moments_read_back(moment):
    moment = moment.replace(microsecond=0)
    assert clock.from_storage(clock.to_storage(moment)) == moment


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789-: T+.Z٣W", min_size=17, max_size=21))
@example("2026-07-15 10:05:00")
@example("2026-02-30 10:05:00")  # no such day
@example("2026-07-15 24:00:00")
@example("2026-07-15 10:05+07")  # 19 characters, with a zone
@example("2026-W07-1 10:05:00")  # an ISO week date
@example("٢٠٢٦-07-15 10:05:00")  # Arabic-Indic digits: strptime reads them
def test_same_answer_as_strptime(text):
    assert from_storage_or_error(text) == strptime_or_error(text)


def test_a_bad_moment_is_refused():
    with pytest.raises(ValueError):
        clock.from_storage("2026-13-01 10:00:00")
