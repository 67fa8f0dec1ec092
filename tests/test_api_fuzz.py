"""The API fuzzed against its own OpenAPI schema (schemathesis, through the WSGI app: no network).

For every operation of the schema, a bounded number of generated requests (valid and invalid) as a signed-in
reviewer of Vụ KTS và XHS and as a reporter of Cục Viễn thông, each with an API token: no answer is a server
error, and every answer (status code, headers, body) is one the schema declares.
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


# Not checked: whether the server is as strict as the schema about input (DRF reads 0 as false, an empty filter as
# no filter, a filter value outside the listed ones as a refusal). What is checked: no server error, and every
# answer is declared by the schema.
LENIENT_INPUT = [checks.negative_data_rejection, checks.positive_data_acceptance]


def _token(person) -> dict[str, str]:
    return {"Authorization": f"Token {AuthToken.objects.create(person)[1]}"}


# The schemathesis WSGI client names the host "localhost"; the suite's ALLOWED_HOSTS has it. No HTTPS redirect in
# the suite's settings either, so a generated request reaches the view.
@pytest.mark.django_db
@override_settings(AXES_ENABLED=False)
@schema.parametrize()
@FUZZ
def test_api_as_a_reviewer(case, reviewer):
    case.call_and_validate(headers=_token(reviewer), excluded_checks=LENIENT_INPUT)


@pytest.mark.django_db
@override_settings(AXES_ENABLED=False)
@schema.parametrize()
@FUZZ
def test_api_as_a_reporter(case, cvt_reporter):
    case.call_and_validate(headers=_token(cvt_reporter), excluded_checks=LENIENT_INPUT)
