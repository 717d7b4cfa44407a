"""The hash-chained audit log: appends link up; `ankang audit verify` finds edits, inserts and deletes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import Session

from ankang.cli.main import main
from ankang.db import PendingAudit, make_engine, migrate
from ankang.domains.audit import service as audit_service
from ankang.domains.audit.models import AuditEntry, AuditHead
from ankang.engines.audit_chain import entry_hash

NOW = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    migrate(engine)
    with Session(engine) as session:  # each test starts from an empty log
        session.execute(delete(AuditEntry))
        session.execute(update(AuditHead).values(seq=0, hash="0" * 64))
        session.commit()
    yield engine
    engine.dispose()


def _append(engine: Engine, n: int) -> None:
    with Session(engine) as session:
        audit_service.append(session, [
            PendingAudit(f"acct-{i}", "person", "read", "allowed", "owner", "pat-1", "Condition", f"c{i}")
            for i in range(n)
        ], NOW)
        session.commit()


def _verify(engine: Engine) -> audit_service.ChainReport:
    with Session(engine) as session:
        return audit_service.verify(session)


def test_appended_entries_form_an_intact_chain(engine: Engine) -> None:
    _append(engine, 3)
    _append(engine, 2)
    report = _verify(engine)
    assert report.ok and report.checked == 5
    with Session(engine) as session:
        rows = list(session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars())
    assert [r.seq for r in rows] == [1, 2, 3, 4, 5]
    assert all(b.prev_hash == a.hash for a, b in zip(rows, rows[1:], strict=False))


def test_an_edited_entry_is_detected(engine: Engine) -> None:
    _append(engine, 4)
    with Session(engine) as session:
        session.execute(update(AuditEntry).where(AuditEntry.seq == 2).values(outcome="denied"))
        session.commit()
    report = _verify(engine)
    assert not report.ok and report.first_bad_seq == 2 and "edited" in report.problem


def test_a_deleted_entry_is_detected(engine: Engine) -> None:
    _append(engine, 4)
    with Session(engine) as session:
        session.execute(delete(AuditEntry).where(AuditEntry.seq == 3))
        session.commit()
    report = _verify(engine)
    assert not report.ok and report.first_bad_seq == 3


def test_deleting_the_last_entry_is_detected_by_the_head(engine: Engine) -> None:
    _append(engine, 3)
    with Session(engine) as session:
        session.execute(delete(AuditEntry).where(AuditEntry.seq == 3))
        session.commit()
    assert not _verify(engine).ok


def test_an_inserted_entry_is_detected_even_with_a_valid_own_hash(engine: Engine) -> None:
    _append(engine, 3)
    with Session(engine) as session:
        rows = list(session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars())
        # forge an entry between 2 and 3: renumber the tail and give the forgery a correct hash
        for row in reversed(rows[2:]):
            row.seq += 1
            session.flush()
        forged = AuditEntry(seq=3, at=rows[1].at, actor_id="intruder", actor_role="person", action="read",
                            outcome="allowed", purpose="owner", patient_id="pat-1", resource_type="Condition",
                            resource_id="x", detail="", prev_hash=rows[1].hash)
        forged.hash = entry_hash(rows[1].hash, forged.fields())
        session.add(forged)
        session.commit()
    report = _verify(engine)
    assert not report.ok and report.first_bad_seq == 4


def test_cli_audit_verify_exit_codes(engine: Engine, database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _append(engine, 2)
    assert main(["audit", "verify", "--database-url", database_url]) == 0
    assert "intact" in capsys.readouterr().out
    with Session(engine) as session:
        session.execute(update(AuditEntry).where(AuditEntry.seq == 1).values(actor_id="someone-else"))
        session.commit()
    assert main(["audit", "verify", "--database-url", database_url, "--json"]) == 1
    assert '"first_bad_seq": 1' in capsys.readouterr().out


def test_as_audit_event_is_valid_fhir(engine: Engine) -> None:
    from fhir.resources.R4B.auditevent import AuditEvent

    _append(engine, 1)
    with Session(engine) as session:
        row = session.execute(select(AuditEntry)).scalar_one()
        event = audit_service.as_audit_event(row)
    AuditEvent.model_validate(event)
    assert event["outcome"] == "0" and event["entity"][0]["what"]["reference"] == "Condition/c0"
