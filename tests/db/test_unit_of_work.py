"""One transaction per request: commit on success; on error nothing is kept except the audit entries."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ankang.api.uow import unit_of_work
from ankang.db import PendingAudit, make_engine, migrate
from ankang.domains.audit.models import AuditEntry
from ankang.domains.record.models import StoredResource
from ankang.errors import InvalidInput

NOW = datetime(2025, 1, 1, tzinfo=UTC)


def _request(engine: object) -> SimpleNamespace:
    state = SimpleNamespace(db_engine=engine, clock=lambda: NOW)
    return SimpleNamespace(app=SimpleNamespace(state=state), state=SimpleNamespace(), client=None)


def _row(rid: str) -> StoredResource:
    return StoredResource(id=rid, resource_type="Observation", patient_id="p-uow", version=1, last_updated=NOW,
                          updated_by="t", resource={"resourceType": "Observation", "id": rid})


def _entry(outcome: str = "allowed") -> PendingAudit:
    return PendingAudit("acct", "person", "create", outcome, "owner", "p-uow", "Observation", "x")


def test_success_commits_data_and_audit(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    gen = unit_of_work(_request(engine))  # type: ignore[arg-type]
    uow = next(gen)
    uow.session.add(_row("uow-ok"))
    uow.record(_entry())
    with pytest.raises(StopIteration):
        next(gen)
    with Session(engine) as session:
        assert session.get(StoredResource, "uow-ok") is not None
        last = session.execute(select(AuditEntry).order_by(AuditEntry.seq.desc())).scalars().first()
        assert last is not None and last.outcome == "allowed" and last.patient_id == "p-uow"
    engine.dispose()


def test_failure_rolls_back_data_but_keeps_the_audit(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    with Session(engine) as session:
        before = session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    gen = unit_of_work(_request(engine))  # type: ignore[arg-type]
    uow = next(gen)
    uow.session.add(_row("uow-failed"))
    uow.session.flush()
    uow.record(_entry("allowed"))
    uow.record(_entry("denied"))
    with pytest.raises(InvalidInput):
        gen.throw(InvalidInput("boom"))
    with Session(engine) as session:
        assert session.get(StoredResource, "uow-failed") is None
        rows = list(session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars())
    assert len(rows) == before + 2
    assert [r.outcome for r in rows[-2:]] == ["failed", "denied"]
    engine.dispose()
