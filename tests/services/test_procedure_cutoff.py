"""Issue 13: the same-day cutoff is set by sector — a procedure of the catalogue may carry its
own ("same_day_cutoff": "HH:MM"), the setting is the default. Due dates, the `due-date` CLI,
intake, the `catalogue` listing and the portal catalogue follow it; a bad value refuses the
file and names the field."""

from __future__ import annotations

import json
from datetime import datetime, time
from pathlib import Path
from typing import Any

import pytest
from conftest import intake, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st
from portal_fixtures import PORTAL_PASSWORD, PORTAL_USER

from counter_app.domain.catalogue import CatalogueError, catalogue_cutoff, parse_catalogue
from counter_app.ops import secrets_store
from counter_app.portal.client import PortalClient
from counter_app.portal.config import PortalConfig
from counter_app.portal.mapping import catalogue_document
from counter_app.portal_sim.catalogue import procedure_to_portal
from counter_app.services import CounterService, InputError
from counter_app.sync.engine import sync_pass

SEED = Path(__file__).resolve().parents[2] / "resources" / "catalogue.json"
BIRTH = "1.001193"  # same day, no cutoff of its own: the setting's 15:00
ATTEST = "2.000815"  # same day; given a cutoff of 11:00 below


def _catalogue(cutoffs: dict[str, Any], version: str = "2026.cutoff") -> dict[str, Any]:
    document = json.loads(SEED.read_text(encoding="utf-8"))
    document["version"] = version
    for procedure in document["procedures"]:
        if procedure["code"] in cutoffs:
            procedure["same_day_cutoff"] = cutoffs[procedure["code"]]
    return document


def _import(service: CounterService, tmp_path: Path, cutoffs: dict[str, Any]) -> Path:
    file = tmp_path / "catalogue.json"
    file.write_text(json.dumps(_catalogue(cutoffs), ensure_ascii=False), encoding="utf-8")
    service.catalogue.import_file(file, actor="an.nv")
    return file


# -- the parser -----------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.times())
def test_every_time_of_day_is_accepted_and_normalised(moment: time) -> None:
    moment = moment.replace(microsecond=0, second=0)
    assert catalogue_cutoff(f"{moment.hour}:{moment.minute:02d}", "p") == f"{moment:%H:%M}"
    assert catalogue_cutoff(f" {moment:%H:%M} ", "p") == f"{moment:%H:%M}"


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=12),
        st.from_regex(r"\A\d{1,3}:\d{1,3}(:\d{1,3})?\Z"),
        st.integers(),
        st.floats(allow_nan=True),
        st.booleans(),
        st.lists(st.text(max_size=3), max_size=2),
    )
)
def test_any_value_is_a_cutoff_or_a_named_error(value: Any) -> None:
    try:
        text = catalogue_cutoff(value, "thủ tục 1.001193")
    except CatalogueError as exc:
        assert exc.field == "same_day_cutoff"
        assert "thủ tục 1.001193" in str(exc) and "HH:MM" in str(exc)
        return
    if text:
        assert time.fromisoformat(text)  # a real time of day, "HH:MM" or "HH:MM:SS"
    else:
        assert value is None or (isinstance(value, str) and not value.strip())


@pytest.mark.parametrize("bad", ["25:00", "15:60", "15h", "3 giờ chiều", 15, 15.5, True, []])
def test_bad_cutoff_refuses_the_whole_catalogue(
    service: CounterService, tmp_path: Path, bad: Any
) -> None:
    before = service.catalogue.procedure(ATTEST)
    file = tmp_path / "catalogue.json"
    file.write_text(json.dumps(_catalogue({ATTEST: bad}), ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        service.catalogue.import_file(file, actor="an.nv")
    assert caught.value.field == "same_day_cutoff"
    assert ATTEST in caught.value.message
    assert service.catalogue.procedure(ATTEST) == before


# -- due dates ------------------------------------------------------------------------------


def test_due_dates_use_the_procedures_cutoff(service: CounterService, tmp_path: Path) -> None:
    _import(service, tmp_path, {ATTEST: "11:00"})
    assert service.catalogue.procedure(ATTEST)["same_day_cutoff"] == "11:00"
    assert service.catalogue.procedure(BIRTH)["same_day_cutoff"] == ""
    wednesday_noon = datetime(2026, 7, 15, 14, 0)  # after 11:00, before 15:00
    assert service.calendar.due_date(ATTEST, wednesday_noon) == datetime(2026, 7, 16, 17, 0)
    assert service.calendar.due_date(BIRTH, wednesday_noon) == datetime(2026, 7, 15, 17, 0)
    assert service.calendar.due_date(ATTEST, datetime(2026, 7, 15, 10, 59)) == datetime(
        2026, 7, 15, 17, 0
    )
    # the commune's setting stays the default of the procedures without one
    service.settings.update({"same_day_cutoff": "13:45"}, actor="an.nv")
    assert service.calendar.due_date(BIRTH, wednesday_noon) == datetime(2026, 7, 16, 17, 0)
    assert service.calendar.due_date(ATTEST, datetime(2026, 7, 15, 10, 30)) == datetime(
        2026, 7, 15, 17, 0
    )


def test_intake_records_the_procedures_due_date(service: CounterService, tmp_path: Path) -> None:
    _import(service, tmp_path, {ATTEST: "11:00"})
    late = service.intake.receive(intake(procedure_code=ATTEST, received_at="2026-07-15 14:00"))
    usual = service.intake.receive(intake(procedure_code=BIRTH, received_at="2026-07-15 14:00"))
    assert service.dossiers.get(late.dossier["code"])["due_at"].startswith("2026-07-16 17:00")
    assert service.dossiers.get(usual.dossier["code"])["due_at"].startswith("2026-07-15 17:00")


def test_cli_due_date_and_catalogue_listing(
    service: CounterService, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "catalogue.json"
    file.write_text(json.dumps(_catalogue({ATTEST: "11:00"}), ensure_ascii=False), "utf-8")
    service.close()
    assert run_cli(data_dir, "catalogue", "import", str(file)) == 0
    capsys.readouterr()
    args = ("due-date", "--received", "2026-07-15 14:00", "--procedure")
    assert run_cli(data_dir, *args, ATTEST, user=None) == 0
    assert capsys.readouterr().out.strip() == "Thứ Năm, 16/07/2026 17:00"
    assert run_cli(data_dir, *args, BIRTH, user=None) == 0
    assert capsys.readouterr().out.strip() == "Thứ Tư, 15/07/2026 17:00"
    assert run_cli(data_dir, "catalogue", "list", user=None) == 0
    listing = capsys.readouterr().out.splitlines()
    attest = next(line for line in listing if line.startswith(ATTEST))
    assert attest.endswith("(0 same_day, chốt nhận trong ngày 11:00)")
    assert next(line for line in listing if line.startswith(BIRTH)).endswith("(0 same_day)")
    assert run_cli(data_dir, "catalogue", "--format", "json", "list", user=None) == 0
    rows = {p["code"]: p for p in json.loads(capsys.readouterr().out)["procedures"]}
    assert (rows[ATTEST]["same_day_cutoff"], rows[BIRTH]["same_day_cutoff"]) == ("11:00", "")


# -- the portal's catalogue -----------------------------------------------------------------


def test_portal_catalogue_carries_the_cutoff_and_refuses_a_bad_one() -> None:
    procedures = _catalogue({ATTEST: "11:00"})["procedures"]
    remote = {"version": "p1", "data": [procedure_to_portal(p) for p in procedures]}
    parsed = parse_catalogue(json.dumps(catalogue_document(remote)).encode())
    cutoffs = {p["code"]: p["same_day_cutoff"] for p in parsed.procedures}
    assert cutoffs[ATTEST] == "11:00" and cutoffs[BIRTH] == ""
    for item in remote["data"]:
        if item["MaTTHC"] == ATTEST:
            item["GioChotTrongNgay"] = "11 giờ"
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(json.dumps(catalogue_document(remote)).encode())
    assert caught.value.field == "same_day_cutoff" and ATTEST in str(caught.value)


def test_sync_takes_the_portals_cutoff(
    service: CounterService, make_portal_server, data_dir: Path, tmp_path: Path
) -> None:
    """Through the stand-in portal on 127.0.0.1: LayDanhSachTTHC carries GioChotTrongNgay."""
    good = tmp_path / "portal-good.json"
    good.write_text(json.dumps(_catalogue({ATTEST: "11:00"}, "p-1"), ensure_ascii=False), "utf-8")
    portal = make_portal_server(catalogue_path=good)
    service.settings.update({"portal_url": portal.url, "portal_user": PORTAL_USER}, actor="t")
    secrets_store.set_portal_password(data_dir, PORTAL_USER, PORTAL_PASSWORD)
    client = PortalClient(
        PortalConfig(portal.url, PORTAL_USER, PORTAL_PASSWORD, connect_timeout=1, read_timeout=2)
    )
    try:
        assert sync_pass(service, client).error is None
    finally:
        client.close()
    assert service.catalogue.version() == "p-1"
    assert service.catalogue.procedure(ATTEST)["same_day_cutoff"] == "11:00"
    assert service.calendar.due_date(ATTEST, datetime(2026, 7, 15, 14, 0)) == datetime(
        2026, 7, 16, 17, 0
    )
