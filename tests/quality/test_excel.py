"""The Excel import's preview says which data-quality rule asks about a figure and why; a refusing rule refuses the
file at the figure's cell. Cục Viễn thông's form: row 8 is 2.5, column D its value, F its source."""

import pytest

from quality.rules import Severity
from reporting.models import SubmissionValue
from tests.reporting.excel_files import download, filled
from tests.reporting.test_excel import CONFIRM, problems_of, upload

pytestmark = pytest.mark.django_db


def test_the_preview_says_which_rule_asks_and_why_and_the_draft_keeps_the_flag(client_for, cvt_reporter, fibre_at_81_2):
    client = client_for(cvt_reporter)
    response = upload(client, filled(download(client), {"D8": 8.12, "F8": "VNNIC"}))
    assert response.status_code == 200
    html = response.content.decode()
    flags = html[html.index('id="import-flags"') : html.index('id="import-changes"')]
    assert 'data-rule="share_jump"' in flags and "73,08 điểm phần trăm" in flags
    assert client.post(CONFIRM).status_code == 302
    assert [f["rule"] for f in SubmissionValue.objects.get(indicator__code="2.5").flags] == ["share_jump"]


def test_a_figure_in_line_is_previewed_without_a_question(client_for, cvt_reporter, fibre_at_81_2):
    client = client_for(cvt_reporter)
    response = upload(client, filled(download(client), {"D8": 81.9, "F8": "VNNIC"}))
    assert response.status_code == 200 and 'id="import-flags"' not in response.content.decode()


def test_a_refusing_rule_refuses_the_file_at_the_cell(client_for, cvt_reporter, fibre_at_81_2, rules):
    rules["share_jump"].severity = Severity.REFUSE
    rules["share_jump"].save()
    client = client_for(cvt_reporter)
    response = upload(client, filled(download(client), {"D8": 8.12, "F8": "VNNIC"}))
    assert response.status_code == 400
    [problem] = problems_of(response)
    assert problem.startswith("Trang “Số liệu”, ô D8") and "73,08 điểm phần trăm" in problem
    assert not SubmissionValue.objects.exists()


def test_the_import_apis_dry_run_answers_the_warnings(cvt_reporter, client_for, fibre_at_81_2):
    from tests.reporting.test_excel_api import feed_of, send

    content = filled(download(client_for(cvt_reporter)), {"D8": 8.12, "F8": "VNNIC"})
    body = send(feed_of(cvt_reporter), content).json()
    [warning] = body["warnings"]
    assert (warning["indicator"], warning["rule"], warning["severity"]) == ("2.5", "share_jump", "confirm")
    assert "73,08 điểm phần trăm" in warning["message"]
