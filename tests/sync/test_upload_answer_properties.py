"""Property suites for the parsers of the portal's upload answers (issue 16): whatever the
portal sends, a parser gives back a state the upload can trust (an offset within the file, a
reference for the very file declared) or raises AnswerError, never anything else."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.portal import answers

BOUNDED = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SIZE = 5_000_000
UPLOAD_ID = "TL-0123456789abcdef01234567"
SHA = "ab" * 32

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(["", "0", "1048576", UPLOAD_ID, SHA, "TEP-1", "ok", "\x00"])
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)

VALID_STATE = {
    "upload_id": UPLOAD_ID,
    "offset": 1_048_576,
    "size": SIZE,
    "complete": False,
    "MaTep": None,
    "chunk_size_max": 8_388_608,
}
VALID_CHUNK = {"upload_id": UPLOAD_ID, "offset": 2_097_152, "status": "ok", "message": "Đã nhận"}
VALID_COMMIT = {"upload_id": UPLOAD_ID, "MaTep": "TEP-1", "KichThuoc": SIZE, "sha256": SHA}


def mutated(valid: dict[str, Any]) -> st.SearchStrategy[Any]:
    """`valid` with one to three fields dropped or replaced by anything."""

    @st.composite
    def poison(draw: Any) -> Any:
        item = json.loads(json.dumps(valid))
        for _ in range(draw(st.integers(1, 3))):
            name = draw(st.sampled_from(sorted(valid)))
            if draw(st.booleans()):
                item.pop(name, None)
            else:
                item[name] = draw(json_values)
        return item

    return poison()


def answers_like(valid: dict[str, Any]) -> st.SearchStrategy[Any]:
    return json_values | mutated(valid)


@BOUNDED
@given(answers_like(VALID_STATE))
def test_upload_state_is_trusted_or_refused(data: Any) -> None:
    try:
        state = answers.check_upload_state(data, size=SIZE, upload_id=UPLOAD_ID)
    except answers.AnswerError as error:
        assert error.path in {"", *VALID_STATE}
        return
    offset = state["offset"]
    assert type(offset) is int and 0 <= offset <= SIZE
    assert state["upload_id"] == UPLOAD_ID and state["size"] == SIZE
    assert state["complete"] in (True, False)
    if state["complete"]:
        assert offset == SIZE and isinstance(state["MaTep"], str) and state["MaTep"].strip()


@BOUNDED
@given(answers_like(VALID_CHUNK), st.integers(0, SIZE - 1), st.integers(1, 2_000_000))
def test_chunk_answer_is_trusted_or_refused(data: Any, offset: int, length: int) -> None:
    length = min(length, SIZE - offset)
    try:
        status, now = answers.check_chunk_answer(
            data, upload_id=UPLOAD_ID, size=SIZE, offset=offset, length=length
        )
    except answers.AnswerError as error:
        assert error.path in {"", *VALID_CHUNK}
        return
    assert status in answers.CHUNK_STATUSES
    assert type(now) is int and 0 <= now <= SIZE
    if status == "ok":
        assert now == offset + length  # never a silent skip or repeat


@BOUNDED
@given(answers_like(VALID_COMMIT))
def test_commit_answer_is_trusted_or_refused(data: Any) -> None:
    try:
        ref = answers.check_upload_commit(data, upload_id=UPLOAD_ID, size=SIZE, sha256=SHA)
    except answers.AnswerError as error:
        assert error.path in {"", *VALID_COMMIT}
        return
    assert isinstance(ref, str) and ref.strip() and data["sha256"] == SHA


@pytest.mark.parametrize(
    ("change", "path", "problem"),
    [
        ({"offset": -1}, "offset", "must be from 0"),
        ({"offset": "1048576"}, "offset", "must be a whole number, got str"),
        ({"offset": 1.5}, "offset", "must be a whole number, got float"),
        ({"offset": True}, "offset", "must be a whole number, got bool"),
        ({"offset": SIZE + 1}, "offset", f"is beyond the file's {SIZE} bytes"),
        ({"size": SIZE - 1}, "size", f"is {SIZE - 1}, not {SIZE}"),
        ({"upload_id": "TL-other"}, "upload_id", "is 'TL-other'"),
        ({"complete": "false"}, "complete", "must be true or false"),
        ({"complete": True}, "MaTep", "is missing from a complete upload"),
        ({"complete": True, "MaTep": "TEP-1"}, "offset", f"is 1048576, not {SIZE}"),
        ({"MaTep": ""}, "MaTep", "must not be empty"),
        ({"upload_id": None}, "upload_id", "must be text, got null"),
    ],
)
def test_upload_state_errors_are_clear(change: dict[str, Any], path: str, problem: str) -> None:
    with pytest.raises(answers.AnswerError) as caught:
        answers.check_upload_state({**VALID_STATE, **change}, size=SIZE, upload_id=UPLOAD_ID)
    assert caught.value.path == path and problem in caught.value.problem


def test_missing_fields_are_named() -> None:
    for name in ("upload_id", "offset", "size", "complete"):
        answer = {k: v for k, v in VALID_STATE.items() if k != name}
        with pytest.raises(answers.AnswerError, match=f"^{name}: is missing$"):
            answers.check_upload_state(answer, size=SIZE)
    with pytest.raises(answers.AnswerError, match="^: must be an object, got list$"):
        answers.check_chunk_answer([], upload_id=UPLOAD_ID, size=SIZE, offset=0, length=1)
    with pytest.raises(answers.AnswerError, match="^offset: is 2097152, not 1048577$"):
        answers.check_chunk_answer(
            VALID_CHUNK, upload_id=UPLOAD_ID, size=SIZE, offset=1_048_576, length=1
        )
    with pytest.raises(answers.AnswerError, match="^sha256: is "):
        answers.check_upload_commit(VALID_COMMIT, upload_id=UPLOAD_ID, size=SIZE, sha256="cd" * 32)


VALID_PIECE = {"MaTep": "TEP-1", "KichThuoc": SIZE, "sha256": SHA, "offset": 0, "data": "JVBERi0x"}
VALID_ITEM = {
    "TenGiayTo": "Tờ khai",
    "MaTep": "TEP-1",
    "TenTep": "to-khai.pdf",
    "KichThuoc": 1234,
    "sha256": SHA,
    "ViTriGiayTo": 0,
    "SoTrang": 2,
}


@BOUNDED
@given(answers_like(VALID_PIECE), st.integers(0, SIZE - 1))
def test_download_piece_is_trusted_or_refused(data: Any, offset: int) -> None:
    if isinstance(data, dict) and "offset" in data and data["offset"] == 0:
        data = {**data, "offset": offset}
    try:
        size, sha256, piece = answers.check_download_chunk(
            data, file_ref="TEP-1", offset=offset, size=SIZE
        )
    except answers.AnswerError as error:
        assert error.path in {"", *VALID_PIECE}
        return
    assert size == SIZE and sha256 == SHA and isinstance(piece, bytes)
    assert offset + len(piece) <= SIZE  # never past the announced file


@BOUNDED
@given(answers_like(VALID_ITEM))
def test_a_feed_attachment_item_is_checked_or_refused(item: Any) -> None:
    try:
        answers.ATTACHMENT_ITEM(item, "DanhSachTepDinhKem[0]")
    except answers.AnswerError as error:
        assert error.path.startswith("DanhSachTepDinhKem[0]")
        return
    assert isinstance(item, dict) and isinstance(item["MaTep"], str) and item["MaTep"].strip()
    sha256 = item.get("sha256")
    assert sha256 is None or (len(sha256) == 64 and not sha256.strip("0123456789abcdef"))
    size = item.get("KichThuoc")
    assert size is None or (type(size) is int and size >= 1)


def test_download_piece_errors_are_clear() -> None:
    with pytest.raises(answers.AnswerError, match="^data: is not base64$"):
        answers.check_download_chunk(
            {**VALID_PIECE, "data": "***"}, file_ref="TEP-1", offset=0, size=SIZE
        )
    with pytest.raises(answers.AnswerError, match="^MaTep: is 'TEP-1', not 'TEP-2'$"):
        answers.check_download_chunk(VALID_PIECE, file_ref="TEP-2", offset=0, size=SIZE)
    with pytest.raises(answers.AnswerError, match="^data: runs past the file's 3 bytes$"):
        answers.check_download_chunk({**VALID_PIECE, "KichThuoc": 3}, file_ref="TEP-1", offset=0)
