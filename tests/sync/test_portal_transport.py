"""Issue 11, transport: https:// only (http:// to 127.0.0.1 for the stand-in), TLS
verification always on, the private CA stored as an absolute path and kept until cleared."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from urllib.parse import urlsplit

import certifi
import pytest
from conftest import signed_in
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.cli import main
from counter_app.portal.client import PortalClient
from counter_app.portal.config import PortalConfig, check_portal_url, resolve_ca_bundle
from counter_app.services import CounterService, InputError

BOUNDED = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize(
    "url",
    [
        "https://dichvucong.gov.vn",
        "https://dichvucong.gov.vn/api/",
        "HTTPS://portal.example:8443/x",
        "http://127.0.0.1:8123",
        " https://dichvucong.gov.vn ",
    ],
)
def test_accepted_urls(url: str) -> None:
    checked = check_portal_url(url)
    assert checked == checked.strip() and not checked.endswith("/")
    assert checked.startswith(("https://", "http://127.0.0.1"))


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://dichvucong.gov.vn", "127.0.0.1"),
        ("http://localhost:8000", "127.0.0.1"),
        ("http://127.0.0.1.evil.example", "127.0.0.1"),
        ("http://10.0.0.5", "127.0.0.1"),
        ("ftp://portal", "https://"),
        ("dichvucong.gov.vn", "https://"),
        ("https://", "host"),
        ("https://user:pw@dichvucong.gov.vn", "credentials"),
        ("https://dich vu.gov.vn", "stray"),
        ("https://portal:99999", "không hợp lệ"),
        ("", "empty"),
    ],
)
def test_refused_urls(url: str, why: str) -> None:
    with pytest.raises(InputError, match=why) as caught:
        check_portal_url(url)
    assert caught.value.field == "portal_url"


@BOUNDED
@given(
    st.one_of(
        st.text(max_size=60),
        st.builds(
            lambda scheme, host, rest: f"{scheme}://{host}{rest}",
            st.sampled_from(["http", "https", "HTTP", "ftp", "", "javascript"]),
            st.one_of(
                st.sampled_from(["127.0.0.1", "localhost", "dichvucong.gov.vn", "[::1]", ""]),
                st.text(max_size=20),
            ),
            st.text(max_size=20),
        ),
    )
)
def test_any_url_is_accepted_safely_or_refused_with_input_error(url: str) -> None:
    try:
        checked = check_portal_url(url)
    except InputError as error:
        assert error.field == "portal_url" and error.message
        return
    parts = urlsplit(checked)
    assert parts.scheme == "https" or (parts.scheme == "http" and parts.hostname == "127.0.0.1")
    assert parts.hostname and parts.username is None and parts.password is None
    assert not any(ch.isspace() for ch in checked)


@BOUNDED
@given(st.text(max_size=40))
def test_any_ca_path_resolves_to_an_existing_absolute_file_or_is_refused(text: str) -> None:
    try:
        resolved = resolve_ca_bundle(text)
    except InputError as error:
        assert error.field == "portal_ca"
        return
    assert Path(resolved).is_absolute() and Path(resolved).is_file()


def test_ca_bundle_must_exist_and_hold_certificates(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        resolve_ca_bundle(str(tmp_path / "missing.pem"))
    junk = tmp_path / "junk.pem"
    junk.write_text("không phải chứng chỉ", encoding="utf-8")
    with pytest.raises(InputError, match="PEM"):
        resolve_ca_bundle(str(junk))
    with pytest.raises(InputError, match="does not exist"):
        resolve_ca_bundle(str(tmp_path))  # a folder is not a bundle
    assert resolve_ca_bundle(certifi.where()) == str(Path(certifi.where()).resolve())


def test_tls_verification_cannot_be_turned_off() -> None:
    with pytest.raises(ValueError, match="TLS"):
        PortalConfig(base_url="https://dichvucong.gov.vn", username="u", password="p", verify=False)
    config = PortalConfig(base_url="https://dichvucong.gov.vn", username="u", password="p")
    config.verify = False  # changed afterwards: the client still refuses
    with pytest.raises(ValueError, match="TLS"):
        PortalClient(config)
    config.verify, config.base_url = True, "http://dichvucong.gov.vn"
    with pytest.raises(ValueError, match="127.0.0.1"):
        PortalClient(config)


SETUP = [
    "setup", "--unit-code", "000.00.01.H22", "--ward-code", "70", "--counter", "1",
    "--centre-name", "Trung tâm",
]  # fmt: skip


def test_setup_stores_the_ca_absolute_keeps_it_and_clears_it_on_request(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "data"

    def run(*args: str) -> tuple[int, str]:
        argv, stdin = signed_in(args)
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(["--data-dir", str(folder), *argv])
        return code, capsys.readouterr().err

    def stored() -> tuple[str, str]:
        service = CounterService.open_for_reading(folder)
        try:
            return service.settings.get("portal_ca_bundle"), service.settings.get("portal_url")
        finally:
            service.close()

    ca = tmp_path / "ca" / "portal-ca.pem"
    ca.parent.mkdir()
    ca.write_bytes(Path(certifi.where()).read_bytes())
    monkeypatch.chdir(tmp_path)
    assert run(*SETUP, "--admin-name", "Nguyễn Văn An", "--portal-ca", "ca/portal-ca.pem")[0] == 0
    assert stored()[0] == str(ca.resolve())
    assert run(*SETUP)[0] == 0  # a later setup that omits it keeps it
    assert stored()[0] == str(ca.resolve())
    code, err = run(*SETUP, "--portal-ca", "ca/missing.pem")
    assert code == 2 and "does not exist" in err
    code, err = run(*SETUP, "--portal-url", "http://dichvucong.gov.vn")
    assert code == 2 and "127.0.0.1" in err
    assert stored() == (str(ca.resolve()), "")  # nothing changed by the refusals
    code, err = run(*SETUP, "--portal-ca", "ca/portal-ca.pem", "--clear-portal-ca")
    assert code == 2 and "không cả hai" in err
    assert run(*SETUP, "--clear-portal-ca")[0] == 0
    assert stored()[0] == ""


def test_settings_refuse_a_plain_http_portal_for_the_gui_too(service: CounterService) -> None:
    with pytest.raises(InputError, match="127.0.0.1"):
        service.settings.update({"portal_url": "http://dichvucong.gov.vn"}, actor="an.nv")
    service.settings.update({"portal_url": "https://dichvucong.gov.vn/"}, actor="an.nv")
    assert service.settings.get("portal_url") == "https://dichvucong.gov.vn"
