"""Issue 10, sync: retries that work, a poisoned changes feed, sign-in failures (stand-in portal
on 127.0.0.1)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import intake
from portal_fixtures import PORTAL_USER

from counter_app.cli import main as cli_main
from counter_app.ops import secrets_store
from counter_app.portal_sim import PortalServer
from test_sync import SEED, counter

MISSING = "1.001699"


@pytest.fixture
def portal(make_portal_server: Callable[..., PortalServer]) -> PortalServer:
    return make_portal_server(catalogue_path=SEED)


def _catalogue(*, without: str | None = None, version: str) -> dict:
    catalogue = json.loads(SEED.read_text(encoding="utf-8"))
    catalogue["procedures"] = [p for p in catalogue["procedures"] if p["code"] != without]
    catalogue["version"] = version
    return catalogue


# -- 1. a retried rejection is a new request -----------------------------------------------------
def test_retry_of_a_dossier_sent_alone_is_a_fresh_request(
    tmp_path: Path, portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "c1"
    service = counter(folder, portal)
    portal.set_catalogue(_catalogue(without=MISSING, version="portal-2"))
    code = service.intake.receive(intake(procedure_code=MISSING)).dossier["code"]
    service.close()
    args = ["--data-dir", str(folder), "sync"]
    assert cli_main(args) == 3
    portal.set_catalogue(_catalogue(version="portal-3"))  # the portal fixed its catalogue
    assert cli_main([*args, "--retry", code]) == 0
    assert cli_main(args) == 0, capsys.readouterr().out
    assert portal.dossier(code) is not None
    keys = [r["idempotency_key"] for r in portal.request_log() if r["path"] == "/api/DongBoHoSoMC"]
    assert len(keys) == 2 and keys[0] != keys[1]


def test_resend_of_the_same_payload_keeps_its_key_and_a_changed_payload_gets_a_fresh_one(
    tmp_path: Path, portal: PortalServer
) -> None:
    from counter_app.sync.push import batch_key

    service = counter(tmp_path / "c1", portal)
    service.intake.receive(intake())
    entry = dict(service.store.conn().execute("SELECT * FROM outbox").fetchone())
    assert batch_key([entry]) == batch_key([dict(entry)])
    changed = {**entry, "payload": entry["payload"].replace("Nguyễn", "Nguyen")}
    assert batch_key([changed]) != batch_key([entry])
    service.close()


# -- 3. sign-in failure ---------------------------------------------------------------------------
def test_sign_in_failure_exits_with_its_own_code(
    tmp_path: Path, portal: PortalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "c1"
    service = counter(folder, portal)
    service.intake.receive(intake())
    service.close()
    secrets_store.set_portal_password(folder, PORTAL_USER, "sai-mật-khẩu")
    from counter_app.sync.cli import EXIT_SIGN_IN

    assert cli_main(["--data-dir", str(folder), "sync"]) == EXIT_SIGN_IN == 5
    out = capsys.readouterr().out
    assert "đăng nhập" in out and PORTAL_USER in out


