"""Property-based suites (issue 10, "Bad input"): whatever the receive JSON, an import file,
a catalogue or a holiday file holds, the result is success or an error naming a field,
never an exception, and the database is unchanged on error. Bounded examples: seconds."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import SIGN_IN, UNIT, configure, intake, password_lines
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from counter_app.cli import main
from counter_app.domain import catalogue, holiday_file
from counter_app.portal.mapping import dossier_record
from counter_app.portal_sim.validation import validate_dossier
from counter_app.services import CounterService, InputError
from counter_app.services.rules import clean_document, clean_fee

BOUNDED = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TABLES = ("dossiers", "applicants", "documents", "fees", "outbox", "audit_log")

ODD_TEXT = st.sampled_from(
    [
        "",
        " ",
        "abc",
        "70",
        "1",
        "-1",
        "1e400",
        "Infinity",
        "NaN",
        "false",
        "true",
        "null",
        "2026-07-15 10:05",
        "0001-01-01",
        "9999-12-31 23:59",
        "2025-06-30 09:00",
        "30/02/1990",
        "Nguyễn\x00An",
        "\x1b[31m",
        "\ud800",
        "x" * 2001,
        "Đ" * 101,
        "original",
        "counter",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, 1, 2, 70, 1000, 2**63, -(2**63), 999_999]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    ODD_TEXT,
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)
INTAKE_PATHS = st.sampled_from(
    [
        ("procedure_code",),
        ("applicant",),
        ("applicant", "full_name"),
        ("applicant", "id_number"),
        ("applicant", "id_type"),
        ("applicant", "birth_date"),
        ("applicant", "sex"),
        ("applicant", "phone"),
        ("applicant", "email"),
        ("applicant", "address"),
        ("applicant", "ward_code"),
        ("applicant", "province_code"),
        ("officer",),
        ("documents",),
        ("documents", 0),
        ("documents", 0, "name"),
        ("documents", 0, "kind"),
        ("documents", 0, "count"),
        ("fees",),
        ("fees", 0),
        ("fees", 0, "name"),
        ("fees", 0, "code"),
        ("fees", 0, "amount"),
        ("fees", 0, "paid"),
        ("sets",),
        ("received_at",),
        ("return_method",),
        ("channel",),
        ("notes",),
        ("back_entry",),
        ("client_reference",),
    ]
)
MUTATIONS = st.lists(st.tuples(INTAKE_PATHS, JSON_VALUES), min_size=1, max_size=3)


def base_intake() -> dict[str, Any]:
    return json.loads(
        json.dumps(
            intake(
                documents=[{"name": "Tờ khai", "kind": "original", "count": 1}],
                fees=[{"code": "LP", "name": "Lệ phí", "amount": 15000, "paid": True}],
            )
        )
    )


def mutate(data: Any, mutations: list[tuple[tuple[Any, ...], Any]]) -> Any:
    for path, value in mutations:
        target = data
        for key in path[:-1]:
            try:
                target = target[key]
            except (KeyError, IndexError, TypeError):
                break
        else:
            last = path[-1]
            if isinstance(target, dict) or (
                isinstance(target, list) and isinstance(last, int) and last < len(target)
            ):
                target[last] = value
    return data


def counts(service: CounterService) -> dict[str, int]:
    conn = service.store.read()
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def test_receive_any_json_succeeds_or_names_a_field(service: CounterService) -> None:
    codes = {p["code"] for p in service.catalogue.procedures()}

    @BOUNDED
    @given(MUTATIONS)
    def check(mutations: list[tuple[tuple[Any, ...], Any]]) -> None:
        data = mutate(base_intake(), mutations)
        before = counts(service)
        try:
            result = service.intake.receive(data)
        except InputError as exc:
            assert exc.field and exc.message
            assert counts(service) == before
            event("refused")
            return
        event("received")
        after = counts(service)
        assert after["dossiers"] == before["dossiers"] + (0 if result.already_received else 1)
        dossier = result.dossier
        assert len(dossier["applicant"]["full_name"]) <= 100
        assert all(0 <= fee["amount"] < 2**63 for fee in dossier["fees"])
        assert len(dossier["documents"]) <= 200 and len(dossier["fees"]) <= 200
        # nothing accepted here that the portal must refuse later
        record = dossier_record(dossier, UNIT)
        assert validate_dossier(json.loads(json.dumps(record)), codes) == []

    check()


LINES = st.one_of(
    MUTATIONS.map(lambda m: json.dumps(mutate(base_intake(), m)).encode("utf-8", "surrogatepass")),
    st.binary(max_size=40),
    st.sampled_from([b"[" * 5000, b"{oops", b"null", b"[]", b"\xff\xfe", b'{"a": NaN}']),
)


def test_import_any_file_exits_0_or_2_and_a_rerun_adds_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data"
    service = configure(CounterService.open(folder))
    service.close()
    file = tmp_path / "in.jsonl"
    monkeypatch.setattr(sys, "stdin", password_lines(200))

    def run() -> tuple[int, str]:
        code = main(["--data-dir", str(folder), *SIGN_IN, "import", str(file)])
        return code, capsys.readouterr().err

    def dossiers() -> int:
        reader = CounterService.open(folder)
        try:
            return reader.store.read().execute("SELECT count(*) FROM dossiers").fetchone()[0]
        finally:
            reader.close()

    @settings(BOUNDED, max_examples=25)
    @given(st.lists(LINES, min_size=1, max_size=4))
    def check(lines: list[bytes]) -> None:
        file.write_bytes(b"\n".join(lines))
        before = dossiers()
        code, err = run()
        assert code in (0, 2) and "Traceback" not in err and "nội bộ" not in err
        after = dossiers()
        code_again, err = run()
        assert code_again == code and "Traceback" not in err
        assert dossiers() == after  # idempotent: the second run receives nothing
        assert after - before <= len(lines)

    check()


SEED = json.loads(catalogue.seed_path().read_text(encoding="utf-8"))
PROCEDURE_PATHS = st.sampled_from(
    [
        ("version",),
        ("procedures",),
        ("procedures", 0),
        ("procedures", 0, "code"),
        ("procedures", 0, "name"),
        ("procedures", 0, "time_unit"),
        ("procedures", 0, "processing_time"),
        ("procedures", 0, "fees"),
        ("procedures", 0, "fees", 0),
        ("procedures", 0, "fees", 0, "amount"),
        ("procedures", 0, "fees", 0, "name"),
        ("procedures", 0, "documents"),
        ("procedures", 0, "documents", 0),
        ("procedures", 0, "documents", 0, "count"),
        ("procedures", 0, "documents", 0, "kind"),
        ("procedures", 0, "documents", 0, "name"),
        ("procedures", 1, "results"),
        ("procedures", 1, "channels"),
        ("procedures", 1, "field_name"),
    ]
)


@settings(BOUNDED, max_examples=200)
@given(st.lists(st.tuples(PROCEDURE_PATHS, JSON_VALUES), min_size=1, max_size=3))
def test_catalogue_parser_accepts_only_what_intake_accepts(mutations: list[Any]) -> None:
    document = mutate(json.loads(json.dumps(SEED)), mutations)
    raw = json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass")
    try:
        parsed = catalogue.parse_catalogue(raw)
    except catalogue.CatalogueError as exc:
        assert exc.field and str(exc)
        return
    for procedure in parsed.procedures:  # a procedure's defaults are always receivable
        for index, document_row in enumerate(procedure["documents"], 1):
            clean_document(index, document_row)
        for index, fee in enumerate(procedure["fees"], 1):
            clean_fee(index, dict(fee, paid=False))


@settings(BOUNDED, max_examples=100)
@given(st.binary(max_size=200))
def test_catalogue_parser_any_bytes(raw: bytes) -> None:
    try:
        catalogue.parse_catalogue(raw)
    except catalogue.CatalogueError as exc:
        assert exc.field


HOLIDAY_ITEMS = st.one_of(
    JSON_VALUES,
    st.lists(
        st.one_of(
            JSON_VALUES,
            st.fixed_dictionaries(
                {
                    "date": st.one_of(JSON_VALUES, st.dates().map(lambda d: d.isoformat())),
                    "working": JSON_VALUES,
                },
                optional={"note": JSON_VALUES},
            ),
        ),
        max_size=5,
    ),
)


@settings(BOUNDED, max_examples=200)
@given(HOLIDAY_ITEMS)
def test_holiday_parser_succeeds_or_names_a_field(items: Any) -> None:
    raw = json.dumps(items).encode("utf-8", "surrogatepass")
    try:
        days = holiday_file.parse_holiday_file(raw)
    except InputError as exc:
        assert exc.field and exc.message
        return
    assert len({d.day for d in days}) == len(days)
    assert all(isinstance(d.working, bool) for d in days)
