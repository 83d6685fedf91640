"""Property-based fuzzing of the API from its own OpenAPI schema: no input may produce a 5xx.

Schemathesis generates the requests; hypothesis drives them (bounded: a fixed number per operation).
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.helpers import RunningServer

EXAMPLES_PER_OPERATION = 30


def test_no_input_makes_the_server_fail(server: RunningServer) -> None:
    schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json", headers=server.headers())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 7
    calls = 0

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck))
        def fuzz(case) -> None:
            nonlocal calls
            for headers in (server.headers(), {}):
                response = case.call(base_url=server.url, headers=headers, timeout=60)
                calls += 1
                assert response.status_code < 500, (
                    f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:300]}"
                )
                if not headers and case.path != "/health":
                    assert response.status_code == 401, "served without the API key"

        fuzz()
    assert calls >= len(operations) * 2
