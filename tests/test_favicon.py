"""The tracker's icon: linked from every page (an SVG of the app's own), and answered at /favicon.ico, where
browsers ask for it whatever the page links to, instead of a 404 on every page."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_favicon_ico_is_an_icon_for_anyone(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # the ICO header: a real icon, not a page
    assert "max-age=86400" in response["Cache-Control"]


@pytest.mark.parametrize("url", ["/accounts/login/", "/public/"])
def test_every_page_links_the_svg_icon_the_app_serves(client, url):
    html = client.get(url).content.decode()
    href = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html)
    assert href, url
    path = finders.find(href.group(1).removeprefix("/static/"))
    assert path and open(path).read().startswith("<svg")
    assert client.get(href.group(1)).status_code == 200
