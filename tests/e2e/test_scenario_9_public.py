"""Scenario 9: the reviewer releases the digital economy's share of GDP, leadership approves, and anyone opens the
public page without logging in: the released figures and their chart, drawn with the app's own plotly.js, and no
request leaves the machine."""

import csv
import io
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.auth import get_user_model

from indicators.models import Indicator
from publication.services import release_approve, release_propose

ARTIFACTS = Path(settings.BASE_DIR, "var", "test-artifacts")


def test_the_public_sees_the_released_share_and_its_chart(page):
    User = get_user_model()
    release = release_propose(
        proposed_by=User.objects.get(username="reviewer"),
        note="Tỷ trọng kinh tế số trong GDP 2021–2024 (ước tính của PTIT)",
        indicator=Indicator.objects.get(code="1.1"),
        periods=[(2021, 0), (2022, 0), (2023, 0), (2024, 0)],
    )
    release_approve(release=release, approved_by=User.objects.get(username="leader"))

    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname))
    page.goto(f"{page.base_url}/public/")
    page.click("text=Tỷ trọng kinh tế số trên GDP")
    page.wait_for_selector("#public-chart[data-rendered=true] .main-svg")
    assert page.locator("#public-chart .scatterlayer .trace").count() == 2  # the figures and the goals
    text = page.inner_text("main")
    assert "18,3%" in text and "14,26%" in text and "Đúng tiến độ" in text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "public-indicator-1.1.png"), full_page=True)
    assert hosts and hosts <= {"localhost", "127.0.0.1"}

    page.click("text=Dữ liệu mở")
    with page.expect_download() as download:
        page.click("ul.open-data >> text=data.csv")
    table = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    assert table[0][:9] == [
        "code",
        "name",
        "period",
        "value",
        "unit",
        "provisional",
        "source",
        "release",
        "published_at",
    ]
    rows = [(line[2], line[3]) for line in table[1:]]
    assert (
        ("2021", "11.91") in rows
        and ("2024", "18.3") in rows
        and {period for period, _v in rows}
        == {
            "2021",
            "2022",
            "2023",
            "2024",
        }
    )
    assert hosts <= {"localhost", "127.0.0.1"}
