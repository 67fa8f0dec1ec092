"""The shipped deployment, run: nginx from deploy/nginx/strategy-tracker.conf (ports, paths and certificate
substituted, a self-signed certificate made here) in front of two gunicorn servers started as
deploy/systemd/tracker@.service starts them, with production's settings (HTTPS behind the proxy, secure cookies).
Through nginx a leader logs in and reads a page, a unit's feed writes a figure, /healthz answers; then one app server
stops and nginx keeps answering, without an error, right away and after its fail timeout. Skipped where nginx is not
installed (CI installs Debian's nginx-light)."""

import http.cookiejar
import json
import os
import re
import shlex
import shutil
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bench.cluster import BASE_DIR, free_port, scratch_database, server_env, stop, wait_healthy

NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
SITE = BASE_DIR / "deploy" / "nginx" / "strategy-tracker.conf"
UNIT = BASE_DIR / "deploy" / "systemd" / "tracker@.service"

# CI sets NGINX_REQUIRED=1: there a missing nginx fails the run instead of skipping the test.
pytestmark = pytest.mark.skipif(
    NGINX is None and not os.environ.get("NGINX_REQUIRED"),
    reason="nginx is not installed (apt-get install nginx-light)",
)


def replace_once(text: str, old: str, new: str) -> str:
    """The shipped file must still say `old` exactly once: otherwise the test would run something else than it."""
    assert text.count(old) == 1, f"{old!r} is not once in the shipped file"
    return text.replace(old, new)


def site_config(*, http_port: int, https_port: int, upstreams: list[int], certificate: Path, key: Path) -> str:
    text = SITE.read_text()
    text = replace_once(text, "listen 80;", f"listen 127.0.0.1:{http_port};")
    text = replace_once(text, "listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
    text = replace_once(text, "    listen [::]:80;\n", "")
    text = replace_once(text, "    listen [::]:443 ssl http2;\n", "")
    text = replace_once(text, "server 127.0.0.1:8001 ", f"server 127.0.0.1:{upstreams[0]} ")
    text = replace_once(text, "server 127.0.0.1:8002 ", f"server 127.0.0.1:{upstreams[1]} ")
    text = replace_once(text, "/etc/ssl/certs/strategy-tracker.crt", str(certificate))
    text = replace_once(text, "/etc/ssl/private/strategy-tracker.key", str(key))
    # collectstatic copies the source folder's files under the same names.
    return replace_once(text, "/srv/strategy-tracker/var/staticfiles/", f"{BASE_DIR / 'static'}/")


def fail_timeout() -> int:
    (seconds,) = set(re.findall(r"fail_timeout=(\d+)s", SITE.read_text()))
    return int(seconds)


def nginx_config(directory: Path, site: str) -> Path:
    (directory / "site.conf").write_text(site)
    temp = "\n".join(f"    {kind}_temp_path {directory / kind};" for kind in ("client_body", "proxy", "fastcgi"))
    temp += f"\n    uwsgi_temp_path {directory / 'uwsgi'};\n    scgi_temp_path {directory / 'scgi'};"
    config = directory / "nginx.conf"
    config.write_text(
        ("user root;\n" if os.geteuid() == 0 else "")  # the workers read the test's private temporary folder
        + f"daemon off;\npid {directory / 'nginx.pid'};\nerror_log {directory / 'error.log'} warn;\n"
        "worker_processes 1;\nevents { worker_connections 128; }\n"
        "http {\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
        f"    access_log {directory / 'access.log'};\n{temp}\n    include {directory / 'site.conf'};\n}}\n"
    )
    return config


def app_server_command(port: int, run_directory: Path) -> list[str]:
    """The unit's ExecStart, for this port, with the interpreter running the tests."""
    (line,) = [line for line in UNIT.read_text().splitlines() if line.startswith("ExecStart=")]
    words = [word.replace("%i", str(port)) for word in shlex.split(line.removeprefix("ExecStart="))]
    assert words[0] == "/srv/strategy-tracker/.venv/bin/gunicorn"
    words = [word.replace(f"/run/tracker-{port}", str(run_directory)) for word in words]
    return [sys.executable, "-m", "gunicorn", *words[1:]]


def self_signed(directory: Path) -> tuple[Path, Path]:
    certificate, key = directory / "site.crt", directory / "site.key"
    command = ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    command += ["-keyout", str(key), "-out", str(certificate), "-days", "1", "-subj", "/CN=127.0.0.1"]
    command += ["-addext", "subjectAltName=IP:127.0.0.1"]
    subprocess.run(command, check=True, capture_output=True, timeout=20)
    return certificate, key


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def call(opener, url, data=None, headers=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with opener.open(request, timeout=15) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.fixture
def deployment(tmp_path):
    """Yields (the site's https URL, its http URL, API tokens, the two app servers' processes)."""
    assert NGINX, "nginx is not installed (apt-get install nginx-light)"
    upstreams = [free_port(), free_port()]
    http_port, https_port = free_port(), free_port()
    certificate, key = self_signed(tmp_path)
    base_url = os.environ.get("DATABASE_URL", "")
    with scratch_database(base_url, f"tracker_nginx_{os.getpid()}") as (database_url, tokens):
        env = server_env(database_url)
        env.update(
            # Production's: HTTPS said by the proxy, secure cookies, the caller's address from the proxy's header.
            SECURE_SSL_REDIRECT="1",
            SECURE_COOKIES="1",
            BEHIND_TLS_PROXY="1",
            TRUSTED_PROXY_IPS="127.0.0.1",
            WEB_CONCURRENCY="1",
        )
        servers = []
        nginx = None
        try:
            for port in upstreams:
                run_directory = tmp_path / f"run-{port}"
                run_directory.mkdir()
                command = app_server_command(port, run_directory)
                servers.append(subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL))
            config = nginx_config(
                tmp_path,
                site_config(
                    http_port=http_port, https_port=https_port, upstreams=upstreams, certificate=certificate, key=key
                ),
            )
            nginx_command = [NGINX, "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(config)]
            checked = subprocess.run([*nginx_command, "-t"], capture_output=True, text=True, timeout=20)
            assert checked.returncode == 0, checked.stderr
            nginx = subprocess.Popen(nginx_command, stderr=subprocess.DEVNULL)
            for port in upstreams:
                wait_healthy(f"http://127.0.0.1:{port}", timeout=30)
            yield f"https://127.0.0.1:{https_port}", f"http://127.0.0.1:{http_port}", tokens, servers
        finally:
            stop(servers + ([nginx] if nginx else []))


def test_nginx_in_front_of_two_app_servers_serves_and_survives_one_stopping(deployment, tmp_path):
    started = time.monotonic()
    site, plain, tokens, servers = deployment
    tls = ssl.create_default_context(cafile=tmp_path / "site.crt")
    https = urllib.request.HTTPSHandler(context=tls)
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(https, urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    feed = urllib.request.build_opener(https)
    auth = {"Authorization": f"Token {tokens['cvt']}", "Content-Type": "application/json"}

    def write(value: str) -> tuple[int, str]:
        # As a feed does: read the draft back, then write with the version it answered (docs: the write API).
        read = {"Authorization": auth["Authorization"]}
        status, headers, text = call(feed, site + "/api/v1/submissions/cuc-vt/2026Q4/", None, read)
        assert status == 200, text
        body = json.dumps({"indicator": "2.5", "period": "2026Q4", "value": value, "source": "VNNIC"}).encode()
        status, _headers, text = call(feed, site + "/api/v1/observations/", body, {**auth, "If-Match": headers["ETag"]})
        return status, text

    # Plain HTTP is sent to HTTPS.
    status, headers, _ = call(browser, plain + "/accounts/login/")
    assert status == 301 and headers["Location"] == "https://127.0.0.1/accounts/login/"

    # A leader logs in over HTTPS; her session cookie is a secure one.
    status, _headers, page = call(browser, site + "/accounts/login/")
    assert status == 200
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = f"csrfmiddlewaretoken={csrf}&username=leader&password=demo".encode()
    status, headers, _ = call(browser, site + "/accounts/login/", form, {"Referer": site + "/accounts/login/"})
    assert status == 302, "the login was refused"
    assert [cookie.secure for cookie in jar if cookie.name == "sessionid"] == [True]

    # She reads the home page; HSTS is the app's alone (the site adds none).
    status, headers, page = call(browser, site + "/")
    assert status == 200 and "2.5" in page and 'name="password"' not in page
    assert len(headers.get_all("Strict-Transport-Security") or []) == 1

    # The reporter of Cục Viễn thông's feed writes a figure through the proxy.
    status, text = write("81,75")
    assert status in (200, 201), text

    # Static files come from the disk, through nginx.
    status, headers, _ = call(browser, site + "/static/js/app.js")
    assert status == 200 and "immutable" in headers["Cache-Control"]

    status, _headers, text = call(feed, site + "/healthz")
    assert status == 200 and json.loads(text)["database"] == "ok"

    # One app server stops. nginx sends what it could not deliver to the other one: no error, a write included,
    # right away and once the stopped server is left out (after fail_timeout).
    stop(servers[:1])
    for value in ("81,80", "81,85"):
        for path in ("/", "/healthz"):
            assert call(browser, site + path)[0] == 200, path
        status, text = write(value)
        assert status in (200, 201), text
    time.sleep(fail_timeout() + 1)
    for value in ("81,90", "81,95"):
        for path in ("/", "/healthz"):
            assert call(browser, site + path)[0] == 200, path
        status, text = write(value)
        assert status in (200, 201), text

    # With no app server left, nginx's own answer: 503 with Retry-After, JSON under /api/.
    stop(servers[1:])
    status, headers, text = call(feed, site + "/api/v1/submissions/?period=2026Q4", headers=auth)
    assert status == 503 and headers["Retry-After"] and headers["Content-Type"] == "application/json"
    assert json.loads(text)["detail"]
    status, headers, page = call(browser, site + "/")
    assert status == 503 and headers["Retry-After"] and "thử lại" in page

    assert time.monotonic() - started < 60
