"""The stand-in portal in the packaged app: training mode only, loopback only (issue 12, 7).

The packaged app is a PyInstaller build (`sys.frozen`); these tests set that flag on the real
interpreter to run the same check the bundle runs (tests/ops/test_bundle.py runs the bundle).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from counter_app.gui.training import prepare_training
from counter_app.portal_sim import PortalServer
from counter_app.portal_sim.training_only import StandInRefused, check_may_start, is_loopback


@pytest.fixture
def packaged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)


def test_packaged_stand_in_refuses_to_start_outside_training(tmp_path: Path, packaged) -> None:
    with pytest.raises(StandInRefused, match="chế độ đào tạo"):
        PortalServer(tmp_path / "portal.db")
    assert not (tmp_path / "portal.db").exists()  # refused before anything was written


def test_packaged_stand_in_listens_on_loopback_only(tmp_path: Path, packaged) -> None:
    for host in ("0.0.0.0", "192.168.1.20", "portal.dichvucong.gov.vn"):
        with pytest.raises(StandInRefused, match="127.0.0.1"):
            PortalServer(tmp_path / "portal.db", host=host, training=True)
    assert not (tmp_path / "portal.db").exists()


def test_the_check_allows_development_runs_and_packaged_training() -> None:
    check_may_start(host="127.0.0.1", training=False, packaged=False)
    check_may_start(host="0.0.0.0", training=False, packaged=False)
    check_may_start(host="127.0.0.1", training=True, packaged=True)
    check_may_start(host="::1", training=True, packaged=True)
    check_may_start(host="localhost", training=True, packaged=True)
    assert not is_loopback("10.0.0.1") and not is_loopback("")


def test_packaged_training_syncs_a_dossier_to_its_stand_in(tmp_path: Path, packaged) -> None:
    from counter_app.gui.training import DEMO_USER
    from counter_app.ops import secrets_store
    from counter_app.ops.selftest import SAMPLE
    from counter_app.portal.client import PortalClient
    from counter_app.sync.engine import portal_config, sync_pass

    environment = prepare_training(tmp_path / "demo", dossiers=0)
    try:
        service = environment.service
        assert environment.portal is not None and environment.portal.host == "127.0.0.1"
        code = service.intake.receive(dict(SAMPLE, officer=DEMO_USER)).dossier["code"]
        password = secrets_store.get_portal_password(
            environment.folder, service.settings.get("portal_user"), prefer_file=True
        )
        config = portal_config(service, password)
        assert config is not None and config.base_url == environment.portal.url
        with PortalClient(config) as client:
            report = sync_pass(service, client)
        assert report.error is None
        assert service.dossiers.get(code)["sync_state"] == "synced"
        assert environment.portal.store.dossier(code) is not None
    finally:
        environment.close()
        environment.service.close()
