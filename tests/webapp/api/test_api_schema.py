"""The API against its own OpenAPI document (schemathesis): requests generated from the
document, made as each kind of account, never get a 5xx, and every answer (its status code,
its headers, its body) is one the document promises. Bounded: a fixed number of examples per
operation, derandomised, so the run takes the same time every time."""

from __future__ import annotations

from typing import Any

import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from tests.webapp.api.conftest import bearer

ACCOUNTS = ("school_a", "inspector_a", "district_west", "admin")
EXAMPLES = 20
# Every check but "a schema-valid request is accepted": the inputs an answers body may name are
# the rubric's, known per school only at run time, so a well-formed body naming no such input
# is rightly refused (422, documented) — the web form refuses it too.
EXCLUDED = [positive_data_acceptance]


def test_the_api_keeps_its_document(app: Flask, tokens: dict[str, str]) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
        def check(case: Any) -> None:
            for username in ACCOUNTS:
                case.call_and_validate(headers=bearer(tokens[username]), excluded_checks=EXCLUDED)

        check()
