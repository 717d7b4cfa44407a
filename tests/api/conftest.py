"""One application for the API tests: `create_app(Settings())` behind a TestClient."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from ankang.api.app import create_app
from ankang.config import Settings


@pytest.fixture(scope="session")
def client() -> Iterator[TestClient]:
    # raise_server_exceptions=False: a crash shows up as the 500 OperationOutcome a caller would get,
    # so "4xx, not 500" is asserted on the status instead of surfacing as an exception.
    with TestClient(create_app(Settings()), raise_server_exceptions=False) as test_client:
        yield test_client
