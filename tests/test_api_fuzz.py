"""The API fuzzed against its own OpenAPI schema (schemathesis, through the WSGI app: no network).

For every operation of the schema, a bounded number of generated requests (valid and invalid) as a signed-in
reviewer of Vụ KTS và XHS and as a reporter of Cục Viễn thông, each with an API token, with every check
schemathesis has: no answer is a server error; every answer (status code, content type, headers, body) is one the
schema declares; a request the schema does not allow (`?overdue=-35347`, `?page_size=null`) is refused, not
ignored; and a request it allows is not refused as malformed (400).
"""

import json

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.test import override_settings
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from knox.models import AuthToken
from schemathesis import checks

from strategy_tracker.wsgi import application

# A few minutes at most for the whole file: about 20 operations × 2 people × up to 30 requests each.
MAX_EXAMPLES = 30


def _raw_schema() -> dict:
    """The schema that /api/v1/schema/ serves, built in-process (the route itself needs a signed-in member)."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(schema, renderer_context={}))


schema = schemathesis.openapi.from_dict(_raw_schema())
schema.app = application

FUZZ = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,  # the same requests at every run: a failure found once is found again
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """As Django's test client does: the app called directly must not close the connection that holds the test's
    transaction when a request ends."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# A request the schema allows may still be refused for what the database holds, which no schema can say: a
# version outdated (409), an Idempotency-Key the generator sends again with another body (422), no version for a
# draft that exists (428), an object that does not exist (404). Never 400: the schema says what a well-formed
# request is (the quarter's pattern, the page size's range).
schema.config.checks.positive_data_acceptance.expected_statuses = ["2xx", "401", "403", "404", "409", "422", "428"]
# Except where a well-formed request depends on more than the schema can say: the tasks' filters name sections,
# documents, units and lead agencies that the database holds, the submissions' `region` a region it holds (an
# unknown one is a 400 with its message); an
# import's file is any bytes to the schema, the tracker's form to the server; a write's If-Match and its body's
# version must name the same version (400 otherwise), and schemathesis's coverage phase fills an optional header
# with "0" whatever its pattern. Those operations keep every other check.
NOT_SAID_BY_THE_SCHEMA = {
    "/api/v1/tasks/",
    "/api/v1/submissions/",
    "/api/v1/submissions/{unit_slug}/{period_code}/import/",
    "/api/v1/observations/",
}


def _excluded(case) -> list:
    return [checks.positive_data_acceptance] if case.operation.path in NOT_SAID_BY_THE_SCHEMA else []


def _token(person) -> dict[str, str]:
    return {"Authorization": f"Token {AuthToken.objects.create(person)[1]}"}


# The schemathesis WSGI client names the host "localhost"; the suite's ALLOWED_HOSTS has it. No HTTPS redirect in
# the suite's settings either, so a generated request reaches the view.
@pytest.mark.django_db
@override_settings(AXES_ENABLED=False)
@schema.parametrize()
@FUZZ
def test_api_as_a_reviewer(case, reviewer):
    case.call_and_validate(headers=_token(reviewer), excluded_checks=_excluded(case))


@pytest.mark.django_db
@override_settings(AXES_ENABLED=False)
@schema.parametrize()
@FUZZ
def test_api_as_a_reporter(case, cvt_reporter):
    case.call_and_validate(headers=_token(cvt_reporter), excluded_checks=_excluded(case))
