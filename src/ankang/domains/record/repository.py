"""The one audited repository: every read and write of health data goes through here.

Each call loads the facts (the patient's consents, proxy grants), asks the pure access engine,
records the outcome in the audit log (allowed or denied), and only then touches the data. Routers,
services and the web app never query health tables themselves. Nothing here commits.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, select

from ankang.db import PendingAudit, UnitOfWork
from ankang.domains.accounts import service as accounts_service
from ankang.domains.record.models import ProposedEntry, StoredResource
from ankang.engines.access import AccessRequest, Action, Decision, Principal, Purpose, decide, readable_types
from ankang.errors import AccessDenied, InvalidInput, NotFound
from ankang.fhir import RECORD_TYPES
from ankang.fhir.consent import ConsentTerms, consent_terms
from ankang.fhir.index import index_fields, patient_of

MANAGED_TYPES = frozenset({"Patient", "Consent"})  # writing these is managing the record


@dataclass(frozen=True, slots=True)
class SearchQuery:
    resource_type: str
    patient_id: str
    code: str | None = None  # "system|code" or "code"
    category: str | None = None
    dates: tuple[tuple[str, datetime, datetime], ...] = ()  # (prefix, start, end)
    count: int = 50


class RecordRepository:
    def __init__(self, uow: UnitOfWork, who: Principal) -> None:
        self.uow = uow
        self.session = uow.session
        self.who = who

    # -- access -----------------------------------------------------------------------------
    def consents(self, patient_id: str) -> list[ConsentTerms]:
        rows = self.session.execute(select(StoredResource.resource).where(
            StoredResource.patient_id == patient_id, StoredResource.resource_type == "Consent")).scalars()
        return [consent_terms(r) for r in rows]

    def check(self, action: Action, patient_id: str, resource_type: str, *, audit_action: str,
              resource_id: str | None = None, hide: bool = False, purpose: Purpose = "care") -> Decision:
        """Decide, audit, and raise when denied (NotFound when `hide`, so ids reveal nothing)."""
        grants = accounts_service.grants_for_patient(self.session, patient_id)
        req = AccessRequest(action, patient_id, resource_type, self.uow.now, purpose)
        decision = decide(self.who, req, self.consents(patient_id), grants)
        if not decision.allowed:
            self._audit(audit_action, "denied", decision.basis, patient_id, resource_type, resource_id, decision.reason)
            if hide:
                raise _not_found(resource_type, resource_id)
            raise AccessDenied("not allowed for this record", zh="无权访问该档案", expression="patient")
        return decision

    def _audit(self, action: str, outcome: str, purpose: str, patient_id: str | None, resource_type: str | None,
               resource_id: str | None, detail: str = "") -> None:
        self.uow.record(PendingAudit(self.who.account_id, self.who.role, action, outcome, purpose,
                                     patient_id, resource_type, resource_id, detail))

    # -- reads ------------------------------------------------------------------------------
    def read(self, resource_type: str, resource_id: str) -> dict[str, Any]:
        row = self.session.get(StoredResource, resource_id)
        if row is None or row.resource_type != resource_type or row.patient_id is None:
            self._audit("read", "denied", "none", None, resource_type, resource_id, "unknown id")
            raise _not_found(resource_type, resource_id)
        decision = self.check("read", row.patient_id, resource_type, audit_action="read",
                              resource_id=resource_id, hide=True)
        self._audit("read", "allowed", decision.basis, row.patient_id, resource_type, resource_id, decision.reason)
        return row.resource

    def search(self, q: SearchQuery) -> list[dict[str, Any]]:
        decision = self.check("read", q.patient_id, q.resource_type, audit_action="search")
        query = _search_query(q)
        rows = list(self.session.execute(query).scalars())
        self._audit("search", "allowed", decision.basis, q.patient_id, q.resource_type, None,
                    f"{len(rows)} results; {decision.reason}")
        return [r.resource for r in rows]

    def everything(self, patient_id: str) -> list[dict[str, Any]]:
        grants = accounts_service.grants_for_patient(self.session, patient_id)
        types = readable_types(self.who, patient_id, sorted(RECORD_TYPES), self.uow.now,
                               self.consents(patient_id), grants)
        if not types:
            self._audit("export", "denied", "none", patient_id, None, None, "no readable resource type")
            raise AccessDenied("not allowed for this record", zh="无权访问该档案", expression="patient")
        rows = self.session.execute(select(StoredResource).where(
            StoredResource.patient_id == patient_id, StoredResource.resource_type.in_(types),
        ).order_by(StoredResource.resource_type, StoredResource.date, StoredResource.id)).scalars()
        out = [r.resource for r in rows]
        self._audit("export", "allowed", "everything", patient_id, None, None,
                    f"{len(out)} resources of {', '.join(sorted(types))}")
        return out

    # -- writes -----------------------------------------------------------------------------
    def create(self, resource: dict[str, Any], *, patient_id: str | None = None, purpose: Purpose = "care",
               resource_id: str | None = None) -> dict[str, Any]:
        """Store a validated resource under a new id; `patient_id` only for types without a patient field."""
        rtype = resource["resourceType"]
        new_id = resource_id or str(uuid.uuid4())
        resource = {**resource, "id": new_id}
        owner = patient_of(resource) or patient_id
        if not owner:
            raise InvalidInput(f"{rtype} has no patient", zh=f"{rtype} 缺少所属患者", expression=rtype)
        action: Action = "manage" if rtype in MANAGED_TYPES else "write"
        decision = self.check(action, owner, rtype, audit_action="create", purpose=purpose)
        stored = self._store(StoredResource(id=new_id, version=0), resource, owner)
        self._audit("create", "allowed", decision.basis, owner, rtype, new_id, decision.reason)
        return stored

    def update(self, resource_type: str, resource_id: str, resource: dict[str, Any]) -> dict[str, Any]:
        row = self.session.get(StoredResource, resource_id)
        if row is None or row.resource_type != resource_type or row.patient_id is None:
            self._audit("update", "denied", "none", None, resource_type, resource_id, "unknown id")
            raise _not_found(resource_type, resource_id)
        action: Action = "manage" if resource_type in MANAGED_TYPES else "write"
        decision = self.check(action, row.patient_id, resource_type, audit_action="update",
                              resource_id=resource_id, hide=True)
        new_owner = row.patient_id if resource_type == "Patient" else patient_of(resource) or row.patient_id
        if new_owner != row.patient_id:
            raise InvalidInput("a resource cannot move to another patient", zh="不能把资源移到另一位患者名下",
                               expression=f"{resource_type}.subject")
        stored = self._store(row, {**resource, "id": resource_id}, row.patient_id)
        self._audit("update", "allowed", decision.basis, row.patient_id, resource_type, resource_id, decision.reason)
        return stored

    def purge_patient(self, patient_id: str) -> int:
        """Delete every resource and proposal of a patient (account deletion after the grace period)."""
        decision = self.check("manage", patient_id, "Patient", audit_action="delete")
        n = 0
        for model in (StoredResource, ProposedEntry):
            for row in self.session.execute(select(model).where(model.patient_id == patient_id)).scalars():
                self.session.delete(row)
                n += 1
        self._audit("delete", "allowed", decision.basis, patient_id, None, None, f"{n} rows deleted")
        return n

    def _store(self, row: StoredResource, resource: dict[str, Any], patient_id: str) -> dict[str, Any]:
        row.version += 1
        row.last_updated = self.uow.now
        row.updated_by = self.who.account_id
        meta = {**(resource.get("meta") or {}), "versionId": str(row.version),
                "lastUpdated": self.uow.now.isoformat(timespec="seconds")}
        resource = {**resource, "meta": meta}
        idx = index_fields(resource)
        row.resource_type, row.patient_id = resource["resourceType"], patient_id
        row.code_system, row.code, row.category = idx.code_system, idx.code, idx.category
        row.date, row.status, row.resource = idx.date, idx.status, resource
        self.session.add(row)
        self.session.flush()
        return resource

    # -- proposed entries -------------------------------------------------------------------
    def propose(self, patient_id: str, resource: dict[str, Any], source: str) -> ProposedEntry:
        decision = self.check("write", patient_id, resource["resourceType"], audit_action="propose")
        entry = ProposedEntry(id=str(uuid.uuid4()), patient_id=patient_id, resource_type=resource["resourceType"],
                              resource=resource, source=source, state="proposed", created_at=self.uow.now,
                              created_by=self.who.account_id)
        self.session.add(entry)
        self.session.flush()
        self._audit("propose", "allowed", decision.basis, patient_id, entry.resource_type, entry.id, source)
        return entry

    def proposals(self, patient_id: str, state: str | None) -> list[ProposedEntry]:
        decision = self.check("manage", patient_id, "ProposedEntry", audit_action="search")
        query = select(ProposedEntry).where(ProposedEntry.patient_id == patient_id)
        if state:
            query = query.where(ProposedEntry.state == state)
        rows = list(self.session.execute(query.order_by(ProposedEntry.created_at, ProposedEntry.id)).scalars())
        self._audit("search", "allowed", decision.basis, patient_id, "ProposedEntry", None, f"{len(rows)} results")
        return rows

    def proposal_for_decision(self, proposal_id: str) -> ProposedEntry:
        """A proposal the principal may confirm or reject (the person or a guardian)."""
        entry = self.session.get(ProposedEntry, proposal_id)
        if entry is None:
            self._audit("decide", "denied", "none", None, "ProposedEntry", proposal_id, "unknown id")
            raise _not_found("ProposedEntry", proposal_id)
        self.check("manage", entry.patient_id, entry.resource_type, audit_action="decide",
                   resource_id=proposal_id, hide=True)
        return entry


def _search_query(q: SearchQuery) -> Select[tuple[StoredResource]]:
    conds = [StoredResource.patient_id == q.patient_id, StoredResource.resource_type == q.resource_type]
    if q.code:
        system, _, code = q.code.rpartition("|")
        conds.append(StoredResource.code == code)
        if system:
            conds.append(StoredResource.code_system == system)
    if q.category:
        conds.append(StoredResource.category == q.category.rpartition("|")[2])
    for prefix, start, end in q.dates:
        col = StoredResource.date
        conds.append({"eq": and_(col >= start, col < end), "ge": col >= start, "gt": col >= end,
                      "le": col < end, "lt": col < start}[prefix])
    return (select(StoredResource).where(*conds)
            .order_by(StoredResource.date.desc().nulls_last(), StoredResource.id).limit(q.count))


def _not_found(resource_type: str, resource_id: str | None) -> NotFound:
    return NotFound(f"{resource_type}/{resource_id} not found", zh=f"未找到 {resource_type}/{resource_id}",
                    expression="id")

