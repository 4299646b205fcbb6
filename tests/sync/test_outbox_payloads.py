"""Sync reads the isUpdating flag and the record's text off frozen outbox payloads without
parsing them; that must always agree with parsing them."""

from __future__ import annotations

import json
import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.services.outbox import (
    IS_UPDATING_SQL,
    freeze,
    payload_is_updating,
    payload_record_json,
)

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)
records = st.dictionaries(st.text(max_size=6), values, max_size=5)
payloads = st.one_of(
    st.builds(lambda f, r: {"isUpdating": f, "record": r}, st.booleans(), records),
    st.builds(lambda r: {"record": r}, records),
)


def _texts(payload: dict) -> list[str]:
    """As the app freezes it, and as other JSON writers would (read by parsing)."""
    return [freeze(payload), json.dumps(payload), json.dumps(payload, indent=1)]


DB = sqlite3.connect(":memory:")


@settings(max_examples=150, deadline=None)
@given(payload=payloads)
def test_flag_and_record_text_agree_with_parsing(payload: dict) -> None:
    flag = bool(payload.get("isUpdating"))
    for text in _texts(payload):
        assert payload_is_updating(text) is flag
        assert json.loads(payload_record_json(text)) == payload["record"]
        sql = f"SELECT {IS_UPDATING_SQL} FROM (SELECT ? AS payload) o"
        assert bool(DB.execute(sql, (text,)).fetchone()[0]) is flag
    # spliced byte for byte from a frozen payload: the body is what encoding would send
    assert payload_record_json(freeze(payload)) == freeze(payload["record"])
