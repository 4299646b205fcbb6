"""PortalClient against the stand-in portal on loopback: results, typed errors, re-login, clock."""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from portal_fixtures import (
    BIRTH_REGISTRATION,
    PORTAL_PASSWORD,
    PORTAL_USER,
    UNIT_CODE,
    closed_port,
    dossier_code,
    make_dossier,
    make_progress,
)

from counter_app.domain.clock import CLOCK_SKEW_LIMIT, VN_TZ
from counter_app.portal.client import PortalClient
from counter_app.portal.config import PortalConfig
from counter_app.portal.errors import (
    PortalAuthError,
    PortalConflict,
    PortalError,
    PortalRateLimited,
    PortalRequestError,
    PortalServerError,
    PortalTLSError,
    PortalUnreachable,
)
from counter_app.portal_sim import PortalServer

pytest_plugins = ["portal_fixtures"]

SYNC = "/api/DongBoHoSoMC"


def paths(server: PortalServer) -> list[str]:
    return [entry["path"] for entry in server.request_log()]


# ---- normal operation --------------------------------------------------------------------


def test_logs_in_once_on_first_call(
    portal_server: PortalServer, portal_client: PortalClient
) -> None:
    portal_client.fetch_holiday_overrides()
    portal_client.fetch_holiday_overrides()
    assert paths(portal_server) == ["/api/login", "/api/LayNgayNghi", "/api/LayNgayNghi"]


def test_sync_dossiers_returns_per_record_results(
    portal_server: PortalServer, portal_client: PortalClient
) -> None:
    records = [make_dossier(1), make_dossier(2, MaTTHC="9.999999")]
    results = portal_client.sync_dossiers(records, is_updating=False, idempotency_key="b1")
    assert [(r["MaHoSo"], r["status"]) for r in results] == [
        (dossier_code(1), "ok"),
        (dossier_code(2), "rejected"),
    ]
    assert results[1]["message"] == "MaTTHC 9.999999 không có trong danh mục"
    again = portal_client.sync_dossiers(records[:1], is_updating=False, idempotency_key="b2")
    assert again[0]["status"] == "exists"
    assert portal_client.sync_dossiers([], is_updating=False, idempotency_key="b3") == []
    assert portal_server.dossier_count() == 1


def test_update_progress(portal_server: PortalServer, portal_client: PortalClient) -> None:
    portal_client.sync_dossiers([make_dossier(1)], is_updating=False, idempotency_key="b1")
    [result] = portal_client.update_progress([make_progress(dossier_code(1))], idempotency_key="p1")
    assert (result["status"], result["version"]) == ("ok", 2)
    assert portal_server.dossier(dossier_code(1))["TrangThaiHoSo"] == 4


def test_catalogue_procedure_and_holidays(
    portal_server: PortalServer, portal_client: PortalClient
) -> None:
    catalogue = portal_client.fetch_catalogue()
    assert catalogue["version"] == "test-1" and len(catalogue["data"]) == 3
    procedure = portal_client.fetch_procedure(BIRTH_REGISTRATION)
    assert procedure["TenTTHC"] == "Đăng ký khai sinh"
    with pytest.raises(PortalRequestError) as caught:
        portal_client.fetch_procedure("9.999999")
    assert caught.value.status == 404 and not caught.value.retryable
    assert "MaTTHC 9.999999 không có trong danh mục" in caught.value.message
    portal_server.set_holiday_overrides(
        [{"date": "2026-09-01", "working": False, "note": "Nghỉ bù"}]
    )
    assert portal_client.fetch_holiday_overrides() == [
        {"date": "2026-09-01", "working": False, "note": "Nghỉ bù"}
    ]


def test_fetch_changes_pages_through_the_feed(
    portal_server: PortalServer, portal_client: PortalClient
) -> None:
    portal_client.sync_dossiers(
        [make_dossier(seq) for seq in (1, 2, 3)], is_updating=False, idempotency_key="b1"
    )
    for seq in (1, 2, 3):
        portal_server.backoffice_set_status(dossier_code(seq), 9)
    cursor, seen = None, []
    while True:
        page = portal_client.fetch_changes(UNIT_CODE, cursor, limit=2)
        # issue 14: the creates are on the feed too ("dossier" items, before the statuses)
        seen += [change["MaHoSo"] for change in page["changes"] if change["type"] == "status"]
        cursor = page["cursor"]
        if not page["has_more"]:
            break
    assert seen == [dossier_code(seq) for seq in (1, 2, 3)]
    with pytest.raises(PortalRequestError) as caught:
        portal_client.fetch_changes(UNIT_CODE, "12345")
    assert caught.value.error_code == "INVALID_CURSOR"


# ---- faults -> error classes ------------------------------------------------------------


def test_wrong_password_is_an_auth_error(portal_config: PortalConfig) -> None:
    portal_config.password = "sai-mat-khau"
    with PortalClient(portal_config) as client, pytest.raises(PortalAuthError) as caught:
        client.fetch_catalogue()
    assert not caught.value.retryable
    assert caught.value.error_code == "UNAUTHORIZED"
    assert "sai-mat-khau" not in caught.value.message


def test_nothing_listening_is_unreachable(portal_config: PortalConfig) -> None:
    portal_config.base_url = f"http://127.0.0.1:{closed_port()}"
    with PortalClient(portal_config) as client, pytest.raises(PortalUnreachable) as caught:
        client.ping()
    assert caught.value.retryable and not caught.value.maybe_processed
    assert "từ chối kết nối" in caught.value.message


def test_refuse_is_unreachable(portal_server: PortalServer, portal_client: PortalClient) -> None:
    portal_client.login()
    portal_server.faults.add("refuse", seconds=60)
    with pytest.raises(PortalUnreachable) as caught:
        portal_client.fetch_catalogue()
    assert caught.value.retryable
    with pytest.raises(PortalUnreachable, match="từ chối kết nối"):
        portal_client.fetch_catalogue()
    portal_server.resume_listening()
    assert portal_client.fetch_catalogue()["version"] == "test-1"


def test_http500_is_a_retryable_server_error(
    portal_server: PortalServer, portal_client: PortalClient
) -> None:
    portal_server.faults.add("http500", path=SYNC)
    with pytest.raises(PortalServerError) as caught:
        portal_client.sync_dossiers([make_dossier(1)], is_updating=False, idempotency_key="b1")
    assert caught.value.retryable and caught.value.status == 500
    assert caught.value.error_code == "INTERNAL_ERROR"
    assert portal_server.dossier_count() == 0


def test_http429_is_rate_limited_with_retry_after(
    portal_server: PortalServer, portal_client: PortalClient
) -> None:
    portal_server.faults.add("http429", path=SYNC, retry_after=2)
    with pytest.raises(PortalRateLimited) as caught:
        portal_client.sync_dossiers([make_dossier(1)], is_updating=False, idempotency_key="b1")
    assert caught.value.retryable and caught.value.retry_after == 2.0


def test_slow_answer_times_out_as_unreachable(
    portal_server: PortalServer, portal_config: PortalConfig
) -> None:
    portal_config.read_timeout = 0.2
    with PortalClient(portal_config) as client:
        client.login()
        portal_server.faults.add("slow", seconds=2)
        with pytest.raises(PortalUnreachable) as caught:
            client.fetch_catalogue()
    assert caught.value.retryable and caught.value.maybe_processed
    assert "read timeout" in caught.value.message


def test_malformed_json_is_a_server_error(
    portal_server: PortalServer, portal_client: PortalClient
) -> None:
    portal_server.faults.add("malformed_json", path=SYNC)
    with pytest.raises(PortalServerError) as caught:
        portal_client.sync_dossiers([make_dossier(1)], is_updating=False, idempotency_key="b1")
    assert caught.value.retryable and caught.value.maybe_processed
    assert "invalid JSON" in caught.value.message
    # The retry with the same key gets the stored answer of the work already done.
    [result] = portal_client.sync_dossiers(
        [make_dossier(1)], is_updating=False, idempotency_key="b1"
    )
    assert result["status"] == "ok" and portal_server.dossier_count() == 1


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ('{"results": 5}', "no results for 1 records"),
        ('{"results": []}', "0 results for 1 records"),
        ('{"results": [{"MaHoSo": "other", "status": "ok"}]}', "result 0 is for 'other'"),
        ('{"results": [{"status": "done"}]}', "result 0 has no valid status"),
        ("[1]", "must be a JSON object"),
    ],
)
def test_unexpected_shapes_are_server_errors(
    portal_server: PortalServer, portal_client: PortalClient, body: str, detail: str
) -> None:
    portal_server.faults.add("malformed_json", path=SYNC, body=body)
    with pytest.raises(PortalServerError, match=detail):
        portal_client.sync_dossiers([make_dossier(1)], is_updating=False, idempotency_key="b1")


def test_reused_key_with_another_body_is_a_conflict(portal_client: PortalClient) -> None:
    portal_client.sync_dossiers([make_dossier(1)], is_updating=False, idempotency_key="b1")
    with pytest.raises(PortalConflict) as caught:
        portal_client.sync_dossiers([make_dossier(2)], is_updating=False, idempotency_key="b1")
    assert not caught.value.retryable and caught.value.status == 409


def test_expired_token_is_transparent_and_keeps_the_key(
    portal_server: PortalServer, portal_client: PortalClient
) -> None:
    portal_client.sync_dossiers([make_dossier(1)], is_updating=False, idempotency_key="b1")
    portal_server.faults.add("expire_token", path=SYNC)
    [result] = portal_client.sync_dossiers(
        [make_dossier(2)], is_updating=False, idempotency_key="b2"
    )
    assert result["status"] == "ok"
    portal_client.fetch_holiday_overrides()
    log = portal_server.request_log()
    assert [(e["path"], e["status"], e["idempotency_key"]) for e in log] == [
        ("/api/login", 200, None),
        (SYNC, 200, "b1"),
        (SYNC, 401, "b2"),
        ("/api/login", 200, None),
        (SYNC, 200, "b2"),
        ("/api/LayNgayNghi", 200, None),
    ]
    assert portal_server.dossier_count() == 2


def test_token_is_renewed_before_its_announced_expiry(
    portal_server: PortalServer, portal_client: PortalClient
) -> None:
    portal_client.fetch_holiday_overrides()
    portal_client._token_deadline = time.monotonic() - 1  # as if expires_in had run out
    portal_client.fetch_holiday_overrides()
    assert [(e["path"], e["status"]) for e in portal_server.request_log()] == [
        ("/api/login", 200),
        ("/api/LayNgayNghi", 200),
        ("/api/login", 200),
        ("/api/LayNgayNghi", 200),
    ]


def test_drop_after_commit_then_retry_creates_exactly_one_dossier(
    portal_server: PortalServer, portal_client: PortalClient
) -> None:
    records = [make_dossier(1), make_dossier(2)]
    portal_server.faults.add("drop_after_commit", path=SYNC)
    with pytest.raises(PortalUnreachable) as caught:
        portal_client.sync_dossiers(records, is_updating=False, idempotency_key="batch-1")
    assert caught.value.retryable and caught.value.maybe_processed
    results = portal_client.sync_dossiers(records, is_updating=False, idempotency_key="batch-1")
    assert [r["status"] for r in results] == ["ok", "ok"]
    assert portal_server.dossier_count() == 2
    assert portal_server.dossier(dossier_code(1))["version"] == 1


class _CannedAnswers(BaseHTTPRequestHandler):
    """What proxies and captive portals send instead of the portal's JSON."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path.startswith("/captive"):
            self.send_response(302)
            self.send_header("Location", "http://wifi.example/login")
            body = b""
        else:
            self.send_response(502)
            self.send_header("Content-Type", "text/html")
            body = b"<html><body>Bad Gateway</body></html>"
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def canned_server(portal_loopback_no_proxy: None):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _CannedAnswers)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_redirects_and_html_error_pages(canned_server: str, portal_config: PortalConfig) -> None:
    portal_config.base_url = canned_server + "/captive"
    with PortalClient(portal_config) as client, pytest.raises(PortalUnreachable) as caught:
        client.fetch_catalogue()
    assert caught.value.retryable and caught.value.status == 302
    assert "wifi.example/login" in caught.value.message
    portal_config.base_url = canned_server + "/gateway"
    with PortalClient(portal_config) as client, pytest.raises(PortalServerError) as caught:
        client.fetch_catalogue()
    assert caught.value.retryable and caught.value.status == 502
    assert "Bad Gateway" in caught.value.message


# ---- clock -------------------------------------------------------------------------------


def test_ping_reports_latency_and_a_sane_clock(portal_client: PortalClient) -> None:
    result = portal_client.ping()
    assert result["ok"] is True and result["clock_ok"] is True
    assert abs(result["clock_skew_seconds"]) < 5
    assert result["latency_ms"] >= 0
    assert result["server_time"].tzinfo is not None
    assert abs((result["server_time"] - datetime.now(VN_TZ)).total_seconds()) < 5


def test_clock_skew_is_detected(make_portal_server, portal_config: PortalConfig) -> None:
    server = make_portal_server(clock_offset=600)
    portal_config.base_url = server.url
    with PortalClient(portal_config) as client:
        result = client.ping()
        assert result["clock_ok"] is False
        assert 590 <= result["clock_skew_seconds"] <= 610
        assert result["clock_skew_seconds"] > CLOCK_SKEW_LIMIT
        client.fetch_holiday_overrides()
        assert 590 <= client.last_clock_skew <= 610
        assert client.last_server_time is not None


# ---- transport settings --------------------------------------------------------------


def test_proxies_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, portal_config: PortalConfig
) -> None:
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    proxy = f"http://127.0.0.1:{closed_port()}"
    monkeypatch.setenv("HTTP_PROXY", proxy)
    monkeypatch.setenv("HTTPS_PROXY", proxy)
    portal_config.base_url = "https://portal.example.invalid"  # http:// only to 127.0.0.1
    with PortalClient(portal_config) as client:
        assert client.session.trust_env is True
        with pytest.raises(PortalUnreachable, match="proxy"):
            client.ping()


def test_tls_failure_is_its_own_retryable_error(
    portal_server: PortalServer, portal_config: PortalConfig
) -> None:
    portal_config.base_url = portal_server.url.replace("http://", "https://")
    assert portal_config.verify is True
    with PortalClient(portal_config) as client, pytest.raises(PortalTLSError) as caught:
        client.ping()
    assert caught.value.retryable and "TLS" in caught.value.message


def test_base_url_must_be_http(portal_config: PortalConfig) -> None:
    portal_config.base_url = "ftp://portal"
    with pytest.raises(ValueError):
        PortalClient(portal_config)


def test_secrets_never_reach_logs_or_errors(
    portal_server: PortalServer, portal_config: PortalConfig, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    assert PORTAL_PASSWORD not in repr(portal_config)
    with PortalClient(portal_config) as client:
        client.sync_dossiers([make_dossier(1)], is_updating=False, idempotency_key="b1")
        portal_server.faults.add("expire_token")
        client.fetch_catalogue()
        token = client._token
        portal_server.faults.add("http500")
        with pytest.raises(PortalError) as caught:
            client.fetch_catalogue()
    assert token and PORTAL_USER in caplog.text
    for secret in (PORTAL_PASSWORD, token, "Nguyễn Văn An", "001090012345"):
        assert secret not in caplog.text
        assert secret not in str(caught.value)


def test_a_caller_session_is_used_and_left_open(portal_config: PortalConfig) -> None:
    with requests.Session() as session:
        with PortalClient(portal_config, session=session) as client:
            client.fetch_catalogue()
            assert client.session is session
        with PortalClient(portal_config, session=session) as client:
            assert client.fetch_catalogue()["version"] == "test-1"
