"""Audit use cases: append a request's entries to the chain, verify the chain, a person's trail."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ankang.db import PendingAudit
from ankang.domains.audit.models import AuditEntry, AuditHead
from ankang.engines.audit_chain import GENESIS, ChainReport, entry_hash, verify_chain

# FHIR AuditEvent.outcome: 0 success, 4 minor failure, 8 serious failure.
_OUTCOME_CODE = {"allowed": "0", "failed": "4", "denied": "8"}
_ACTION_CODE = {"create": "C", "read": "R", "search": "E", "export": "R", "update": "U", "delete": "D"}
MAX_TRAIL = 10_000


def append(session: Session, entries: Iterable[PendingAudit], now: datetime, *, failed: bool = False) -> int:
    """Append `entries` to the chain in the session's transaction (the caller commits).

    `failed`: the request's other work was rolled back, so accesses that had been allowed are
    recorded as `failed` (nothing was written or disclosed); denials stay denials.
    """
    entries = list(entries)
    if not entries:
        return 0
    head = session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one_or_none()
    if head is None:
        head = AuditHead(id=1, seq=0, hash=GENESIS)
        session.add(head)
    at = now.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")
    for pending in entries:
        outcome = "failed" if failed and pending.outcome == "allowed" else pending.outcome
        row = AuditEntry(
            seq=head.seq + 1, at=at, actor_id=pending.actor_id, actor_role=pending.actor_role,
            action=pending.action, outcome=outcome, purpose=pending.purpose, patient_id=pending.patient_id,
            resource_type=pending.resource_type, resource_id=pending.resource_id, detail=pending.detail[:2000],
            prev_hash=head.hash,
        )
        row.hash = entry_hash(head.hash, row.fields())
        session.add(row)
        head.seq, head.hash = row.seq, row.hash
    session.flush()
    return len(entries)


def verify(session: Session, batch: int = 5000) -> ChainReport:
    head = session.get(AuditHead, 1)

    def rows() -> Iterable[dict[str, object]]:
        for row in session.execute(select(AuditEntry).order_by(AuditEntry.seq)).yield_per(batch).scalars():
            yield row.fields()

    return verify_chain(rows(), (head.seq, head.hash) if head else None)


def trail(session: Session, patient_id: str | None, account_id: str, limit: int = MAX_TRAIL) -> list[AuditEntry]:
    """Entries about a person's record or made by their account, oldest first."""
    cond = AuditEntry.actor_id == account_id
    if patient_id:
        cond = or_(cond, AuditEntry.patient_id == patient_id)
    query = select(AuditEntry).where(cond).order_by(AuditEntry.seq).limit(limit)
    return list(session.execute(query).scalars())


def as_audit_event(row: AuditEntry) -> dict[str, Any]:
    """One log entry as a FHIR R4 AuditEvent."""
    event: dict[str, Any] = {
        "resourceType": "AuditEvent",
        "id": f"audit-{row.seq}",
        "type": {"system": "http://terminology.hl7.org/CodeSystem/audit-event-type", "code": "rest",
                 "display": "RESTful Operation"},
        "subtype": [{"system": "https://ankang.health/fhir/CodeSystem/audit-action", "code": row.action}],
        "recorded": row.at,
        "outcome": _OUTCOME_CODE.get(row.outcome, "8"),
        "outcomeDesc": row.outcome,
        "purposeOfEvent": [{"coding": [{"system": "https://ankang.health/fhir/CodeSystem/access-basis",
                                        "code": row.purpose}]}],
        "agent": [{"who": {"identifier": {"system": "https://ankang.health/fhir/NamingSystem/account",
                                          "value": row.actor_id or "anonymous"}},
                   "type": {"text": row.actor_role or "anonymous"},
                   "requestor": True}],
        "source": {"observer": {"display": "ankang"}},
    }
    if row.action in _ACTION_CODE:
        event["action"] = _ACTION_CODE[row.action]
    entity: dict[str, Any] = {}
    if row.resource_type and row.resource_id:
        entity["what"] = {"reference": f"{row.resource_type}/{row.resource_id}"}
    elif row.patient_id:
        entity["what"] = {"reference": f"Patient/{row.patient_id}"}
    if row.resource_type:
        entity["type"] = {"system": "http://hl7.org/fhir/resource-types", "code": row.resource_type}
    if entity:
        event["entity"] = [entity]
    return event
