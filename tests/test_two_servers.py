"""Two app servers (gunicorn, on loopback) against one PostgreSQL database, as behind a load balancer: a figure
written through one is read through the other, and a session made on one works on the other. Runs when the
suite runs on PostgreSQL; skipped, with the reason, on SQLite."""

import http.cookiejar
import json
import os
import re
import urllib.request

import pytest
from django.db import connection

from bench.cluster import cluster

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="two app servers share a PostgreSQL database: run the suite with DATABASE_URL=postgres://...",
)


def _open(opener, url, data=None, headers=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with opener.open(request, timeout=20) as response:
            return response.status, response.read().decode(), response.geturl()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), url


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.mark.django_db
def test_a_figure_and_a_session_cross_from_one_server_to_the_other():
    name = f"{connection.settings_dict['NAME']}_servers"[:63]
    with cluster(os.environ["DATABASE_URL"], servers=2, workers=1, name=name) as (urls, tokens, _db):
        first, second = urls
        api = urllib.request.build_opener()
        auth = {"Authorization": f"Token {tokens['cvt']}", "Content-Type": "application/json"}

        # The reporter of Cục Viễn thông's feed writes 2.5 through the first server...
        body = json.dumps({"indicator": "2.5", "period": "2026Q4", "value": "81,75", "source": "VNNIC"}).encode()
        status, text, _ = _open(api, first + "/api/v1/observations/", body, auth)
        assert status in (200, 201), text

        # ...and the second server reads the draft it made.
        status, text, _ = _open(api, second + "/api/v1/submissions/?period=2026Q4", headers=auth)
        assert status == 200, text
        mine = [row for row in json.loads(text) if row["unit"]["slug"] == "cuc-vt"]
        assert mine and mine[0]["status"] == "draft"

        # A leader logs in on the first server; the second knows her session.
        jar = http.cookiejar.CookieJar()
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
        status, page, _ = _open(browser, first + "/accounts/login/")
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = f"csrfmiddlewaretoken={csrf}&username=leader&password=demo".encode()
        status, _text, _ = _open(browser, first + "/accounts/login/", form)
        assert status == 302  # logged in, sent to the home page
        assert any(cookie.name == "sessionid" for cookie in jar)

        status, page, _ = _open(browser, second + "/")
        assert status == 200
        assert "2.5" in page  # the home table, not the login page
        assert 'name="password"' not in page
