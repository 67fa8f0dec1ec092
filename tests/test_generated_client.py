"""A client generated from the schema the tracker serves (openapi-python-client) uploads Cục Viễn thông's form.

What a feed's developer does: download /api/v1/schema/ with the feed's token, generate a Python client from it,
and call the import with the filled-in form.xlsx. The schema must declare the file as binary in a multipart body
(a text field cannot carry it) and every answer's body, or the generated client cannot upload nor read the
refusals. Against a live server (pytest-django's live_server), so the upload crosses HTTP as the feed's would.

The live server's test commits for real, so the database is emptied after it: it loads the reference data and the
demo people itself, as tests/reporting/test_concurrency.py does.
"""

import importlib
import subprocess
import sys
from decimal import Decimal
from io import BytesIO

import httpx
import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from knox.models import AuthToken

from indicators.reference_data import reference_data_load
from indicators.services import demo_users_create
from reporting.models import Submission, SubmissionValue
from tests.conftest import FIXTURES
from tests.reporting.excel_files import download, filled

pytestmark = pytest.mark.django_db(transaction=True)

PACKAGE = "tracker_client"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def cvt_feed(transactional_db):
    """Cục Viễn thông's reporter (the feed's account), its token and a browser signed in as it."""
    reference_data_load(directory=FIXTURES)
    demo_users_create()
    reporter = get_user_model().objects.get(username="cvt")
    browser = Client()
    browser.force_login(reporter)
    return reporter, AuthToken.objects.create(reporter)[1], browser


@pytest.fixture
def generated(live_server, cvt_feed, tmp_path):
    """The client package generated from the served schema, imported from a directory of its own."""
    _reporter, token, _browser = cvt_feed
    served = httpx.get(
        f"{live_server.url}/api/v1/schema/",
        headers={"Authorization": f"Token {token}", "Accept": "application/vnd.oai.openapi+json"},
        timeout=30,
    )
    assert served.status_code == 200, served.text
    (tmp_path / "schema.json").write_bytes(served.content)
    # No formatting afterwards (the generator runs ruff by default): the package is imported, not read.
    (tmp_path / "config.yml").write_text(f"post_hooks: []\npackage_name_override: {PACKAGE}\n")
    made = subprocess.run(
        [
            sys.executable, "-m", "openapi_python_client", "generate", "--path", "schema.json",
            "--config", "config.yml", "--meta", "none", "--output-path", PACKAGE,
        ],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert made.returncode == 0, made.stdout + made.stderr
    assert "Warning" not in made.stdout + made.stderr, made.stdout + made.stderr  # every part of the schema read
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(tmp_path))
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


def _upload(generated, live_server, token: str, content: bytes, *, dry_run: bool):
    from tracker_client.api.submissions import submission_import  # type: ignore[import-not-found]
    from tracker_client.models import ImportRequest  # type: ignore[import-not-found]
    from tracker_client.types import File  # type: ignore[import-not-found]

    client = generated.AuthenticatedClient(base_url=live_server.url, token=token, prefix="Token")
    body = ImportRequest(file=File(payload=BytesIO(content), file_name="form.xlsx", mime_type=XLSX), dry_run=dry_run)
    return submission_import.sync_detailed(unit_slug="cuc-vt", period_code="2026Q4", client=client, body=body)


def test_a_generated_client_uploads_the_units_form(generated, live_server, cvt_feed):
    from tracker_client.models import ImportResult, Refusal  # type: ignore[import-not-found]

    _reporter, token, browser = cvt_feed
    form = filled(download(browser), {"D8": "81,2", "E8": "Có", "F8": "VNNIC"})

    answer = _upload(generated, live_server, token, form, dry_run=False)
    assert answer.status_code == 200, answer.content
    result = answer.parsed
    assert isinstance(result, ImportResult)
    assert (result.saved, result.dry_run) == (True, False)
    assert [(c.indicator, c.field, c.new) for c in result.changes][:2] == [
        ("2.5", "value", "81,2"),
        ("2.5", "provisional", "số liệu tạm ước tính"),
    ]
    stored = SubmissionValue.objects.get(indicator__code="2.5")
    assert (stored.value, stored.provisional, stored.source) == (Decimal("81.2"), True, "VNNIC")
    assert result.submission.version == Submission.objects.get().version

    # A refusal is read as the schema declares it: the cell and its message.
    spoiled = filled(download(browser), {"D8": 150})
    refused = _upload(generated, live_server, token, spoiled, dry_run=True)
    assert refused.status_code == 400
    assert isinstance(refused.parsed, Refusal)
    assert [(e.cell, e.message) for e in refused.parsed.errors] == [("D8", "Nhập giá trị trong khoảng từ 0 đến 100.")]
