"""The caller's address (login throttling, the wrong-token counter, the request log) is REMOTE_ADDR unless the
request came through one of TRUSTED_PROXY_IPS: a client that reaches an app server directly cannot choose its
address by writing X-Forwarded-For."""

import logging
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.test import Client, RequestFactory

from strategy_tracker.security import client_ip

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PROXY = "10.0.0.5"


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_IPS = [PROXY, "10.9.0.0/16"]


def _ip(remote: str, forwarded: str | None = None) -> str:
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **meta))


def test_without_trusted_proxies_the_address_is_the_connections_own(settings):
    settings.TRUSTED_PROXY_IPS = []
    assert _ip("203.0.113.7", "198.51.100.1") == "203.0.113.7"


def test_a_client_reaching_the_app_server_directly_cannot_choose_its_address(behind_proxy):
    assert _ip("203.0.113.7", "198.51.100.1") == "203.0.113.7"
    assert _ip("203.0.113.7", "10.0.0.5") == "203.0.113.7"


def test_through_the_proxy_the_address_is_the_one_the_proxy_saw(behind_proxy):
    assert _ip(PROXY, "198.51.100.1") == "198.51.100.1"
    # The caller wrote an address of its own before the proxy appended the real one: the real one counts.
    assert _ip(PROXY, "1.2.3.4, 198.51.100.1") == "198.51.100.1"
    # Two trusted proxies (an address and a network): the first address from the right that is neither.
    assert _ip(PROXY, "1.2.3.4, 198.51.100.1, 10.9.3.4") == "198.51.100.1"
    assert _ip(PROXY, "2001:db8::1") == "2001:db8::1"
    # A proxy that forwards nothing, or something that is no address: the proxy itself.
    assert _ip(PROXY) == PROXY
    assert _ip(PROXY, "not-an-address") == PROXY


def test_a_forged_rotating_x_forwarded_for_is_still_locked_out(behind_proxy, cvt_reporter):
    """Bob tries passwords for the reporter of Cục Viễn thông straight on an app server, a new forged address each
    time: he is locked out after the limit, as from one address."""
    bob = Client(REMOTE_ADDR="203.0.113.7")
    codes = [
        bob.post(LOGIN, {"username": "cvt", "password": "guess"}, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(django_settings.AXES_FAILURE_LIMIT + 2)
    ]
    assert codes[-1] == 429
    assert codes.count(200) == django_settings.AXES_FAILURE_LIMIT - 1


def test_through_the_proxy_each_caller_is_throttled_on_its_own(behind_proxy, cvt_reporter):
    proxy = Client(REMOTE_ADDR=PROXY)
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        proxy.post(LOGIN, {"username": "cvt", "password": "guess"}, HTTP_X_FORWARDED_FOR="198.51.100.9")
    guesser = proxy.post(LOGIN, {"username": "cvt", "password": "demo"}, HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert guesser.status_code == 429
    # The reporter herself, at her desk, through the same proxy: not locked out.
    herself = Client(REMOTE_ADDR=PROXY).post(
        LOGIN, {"username": "cvt", "password": "demo"}, HTTP_X_FORWARDED_FOR="198.51.100.20"
    )
    assert herself.status_code == 302


def test_the_request_log_writes_the_callers_address_not_a_forged_one(behind_proxy, client, caplog):
    with caplog.at_level(logging.INFO, logger="strategy_tracker.requests"):
        Client(REMOTE_ADDR="203.0.113.7").get(LOGIN, HTTP_X_FORWARDED_FOR="198.51.100.1")
        Client(REMOTE_ADDR=PROXY).get(LOGIN, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.2")
    assert [r.ip for r in caplog.records if r.name == "strategy_tracker.requests"] == ["203.0.113.7", "198.51.100.2"]


def _start(**env) -> subprocess.CompletedProcess:
    code = "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'strategy_tracker.settings'; django.setup()"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )


def test_a_wrong_proxy_address_or_the_former_setting_stops_the_app_with_one_clear_line():
    wrong = _start(TRUSTED_PROXY_IPS="10.0.0.5, proxy.internal")
    assert wrong.returncode != 0
    assert "TRUSTED_PROXY_IPS: 'proxy.internal' is not an IP address or network" in wrong.stderr
    former = _start(TRUSTED_PROXIES="1")
    assert former.returncode != 0
    assert "TRUSTED_PROXIES is replaced by TRUSTED_PROXY_IPS" in former.stderr
    assert _start(TRUSTED_PROXY_IPS="10.0.0.5,10.9.0.0/16,::1").returncode == 0
