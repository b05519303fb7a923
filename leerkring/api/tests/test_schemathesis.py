"""Schemathesis against the whole API: generated valid and invalid requests for
every operation, as a coach of the demo world with a read-and-write token, with
every check on (schema, status codes, content types, headers, negative and
positive data, authentication, unsupported methods, response time).

The operations are driven through Hypothesis directly: schemathesis' own pytest
plugin does not run under pytest 9 yet.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from schemathesis.checks import CHECKS, load_all_checks, max_response_time
from schemathesis.generation import GenerationMode

from leerkring.api.actions import create_token
from leerkring.api.models import ApiToken

load_all_checks()
EVERY_CHECK = [*CHECKS.get_all(), max_response_time]


def fuzz(operation: Any, mode: GenerationMode, headers: dict[str, str]) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @examples(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        case.call_and_validate(headers=headers, checks=EVERY_CHECK)

    run()


@pytest.fixture
def keep_connection() -> Iterator[None]:
    """As Django's test client does: the test's transaction outlives requests."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.slow
@pytest.mark.usefixtures("keep_connection")
def test_api_conforms_to_its_schema(demo_community: Any, settings: Any) -> None:
    from leerkring.wsgi import application

    settings.API_TOKEN_RATE_LIMIT = 100_000  # the rate limit has its own test

    _token, key = create_token(
        user=demo_community.coach,
        name="schemathesis",
        scope=ApiToken.Scope.WRITE,
        days=30,
        communities=[],
    )
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    # Rules that depend on the data (a date within the learning period, a session
    # of this period, an assignment that needs a learning question) cannot be
    # said in JSON Schema; schema-valid input that breaks one is answered 422
    # with the rule's message. Everything a schema can say, it says.
    accepted = schema.config.checks.positive_data_acceptance.expected_statuses
    schema.config.checks.positive_data_acceptance.expected_statuses = [
        *accepted,
        "422",
    ]
    schema.config.checks.max_response_time.enabled = True
    schema.config.checks.max_response_time.limit = 5.0
    headers = {"Authorization": f"Bearer {key}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 14
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            fuzz(operation, mode, headers)
