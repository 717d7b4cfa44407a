"""Edges of the interview API: streamed bodies, strict types, methods, an interview with nothing present."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.api.test_interview_api import assert_outcome


def _chunks(total: int) -> Iterator[bytes]:
    yield b'{"evidence": [{"id": "fever", "choice": "present"}]'
    sent = 0
    while sent < total:
        yield b" " * 65536
        sent += 65536
    yield b"}"


def test_a_streamed_body_over_the_limit_is_refused(client: TestClient) -> None:
    resp = client.post("/v1/interview/next", content=_chunks(2_000_000),
                       headers={"Content-Type": "application/json"})
    assert "content-length" not in {k.lower() for k in resp.request.headers}
    assert_outcome(resp, 413, says="1000000 bytes")


@pytest.mark.parametrize("age", ["30", True, "NaN"])
def test_age_must_be_a_number(client: TestClient, age: object) -> None:
    body = f'{{"age": {age if age == "NaN" else repr(age).lower().replace(chr(39), chr(34))}, ' \
           '"evidence": [{"id": "fever", "choice": "present"}]}'
    resp = client.post("/v1/interview/next", content=body, headers={"Content-Type": "application/json"})
    assert_outcome(resp, 422, expression="age")


@pytest.mark.parametrize("route", ["/v1/interview/next", "/v1/interview/triage"])
def test_nothing_present_is_a_clear_error(client: TestClient, route: str) -> None:
    resp = client.post(route, json={"age": 30, "evidence": [{"id": "fever", "choice": "absent"}]})
    assert_outcome(resp, 400, expression="evidence", says="at least one symptom")


def test_wrong_method_is_405_not_the_web_page(client: TestClient) -> None:
    assert_outcome(client.get("/v1/interview/parse"), 405)
    assert client.get("/static/app.js").status_code == 200
