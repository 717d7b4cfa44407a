"""The unit of work of one request: one session (one transaction) and the audit entries it produced.

Services add rows and audit entries; they never commit. Whoever opened the unit of work (the API,
per request; the CLI, per command) commits on success or rolls back on error, and then writes the
audit entries — on failure in a fresh transaction, so denied and failed accesses are still logged
while nothing else from the failed request is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session


@dataclass(frozen=True, slots=True)
class PendingAudit:
    actor_id: str | None
    actor_role: str | None
    action: str  # read | search | create | update | export | manage | authenticate | …
    outcome: str  # allowed | denied | failed
    purpose: str
    patient_id: str | None = None
    resource_type: str | None = None
    resource_id: str | None = None
    detail: str = ""


@dataclass
class UnitOfWork:
    session: Session
    now: datetime
    audit: list[PendingAudit] = field(default_factory=list)
    client_ip: str = ""

    def record(self, entry: PendingAudit) -> None:
        self.audit.append(entry)
