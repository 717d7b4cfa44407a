"""Migrations build exactly the tables the models describe, on every backend, and re-run safely."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

import ankang.domains.accounts.models
import ankang.domains.audit.models
import ankang.domains.care.models
import ankang.domains.record.models  # noqa: F401 - register the tables on Base.metadata
from ankang.db import Base, make_engine, migrate

TABLES = {"accounts", "auth_tokens", "proxy_grants", "fhir_resources", "proposed_entries", "audit_log",
          "audit_head", "alembic_version", "care_hospitals", "care_hospital_departments", "care_doctors",
          "care_schedule_hours", "care_schedule_exceptions"}


def test_migrations_create_the_model_tables_and_rerun(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    migrate(engine)  # idempotent: already at head
    assert set(inspect(engine).get_table_names()) >= TABLES
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], diff
    engine.dispose()


def test_default_database_is_a_sqlite_file_in_the_data_dir(tmp_path: object) -> None:
    from pathlib import Path

    from ankang.db.engine import default_database_url

    url = default_database_url(Path(str(tmp_path)))
    assert url.startswith("sqlite:///") and url.endswith("ankang.sqlite3")
    engine = make_engine(data_dir=Path(str(tmp_path)))
    migrate(engine)
    assert (Path(str(tmp_path)) / "ankang.sqlite3").is_file()
    engine.dispose()
