"""Shared fixtures: an isolated data directory for every app the tests build, and the database
backends of the health record (SQLite always; PostgreSQL when ANKANG_TEST_POSTGRES_URL is set)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from ankang.domains.accounts import service as accounts_service

POSTGRES_URL = os.environ.get("ANKANG_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", *(["postgresql"] if POSTGRES_URL else [])]


@pytest.fixture(scope="session", autouse=True)
def _isolated_environment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test writes to the real user data directory; passwords hash fast (argon2id, low cost)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ANKANG_DATA_DIR", str(tmp_path_factory.mktemp("ankang-data")))
        mp.delenv("ANKANG_DATABASE_URL", raising=False)
        mp.setattr(accounts_service, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
        yield


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh, empty database per backend per session (PostgreSQL: a throw-away schema)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'record.sqlite3'}"
        return
    assert POSTGRES_URL
    schema = f"ankang_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="session")
def record_app(database_url: str) -> Iterator[Any]:
    """The whole application on one database backend, with a clock tests can move."""
    from ankang.api.app import create_app
    from ankang.config import Settings
    from tests.record_helpers import Clock

    app = create_app(Settings(database_url=database_url))
    app.state.clock = Clock()
    yield app
    app.state.db_engine.dispose()


@pytest.fixture
def clock(record_app: Any) -> Iterator[Any]:
    record_app.state.clock.offset = timedelta()
    yield record_app.state.clock
    record_app.state.clock.offset = timedelta()


@pytest.fixture(scope="session")
def api(record_app: Any) -> Iterator[TestClient]:
    # raise_server_exceptions=False: a crash is the 500 a caller would see, so tests assert on statuses.
    with TestClient(record_app, raise_server_exceptions=False) as test_client:
        yield test_client
