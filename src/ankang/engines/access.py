"""Who may do what with whose record: one pure decision, no database (the repository loads the facts).

Rules (PIPL: separate consent, minimum necessary access):
- The person (the record's owner) and a guardian may read and export everything, and manage the
  record's consents and grants. Writing health data needs the patient's `store_record` consent in
  force (the Patient and Consent resources themselves are managed without it); data arriving from a
  device also needs `device_sync`.
- A relative with a proxy grant may read (and, with `read_write`, write) the resource types the grant
  names, while the grant is in force; never manage consents or grants.
- A doctor or organisation may only read the resource types a `share_with` consent naming them
  covers, while it is in force. Research reads need `research_deidentified`.
- Everything else is denied. A revoked or expired consent or grant counts from the next decision on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from ankang.fhir.consent import ConsentTerms

Role = Literal["person", "doctor", "org_admin", "system"]
Action = Literal["read", "write", "manage"]
Purpose = Literal["care", "device_sync", "research"]
# Resource types a person manages about their record without the store_record consent.
ADMIN_TYPES = frozenset({"Patient", "Consent"})


@dataclass(frozen=True, slots=True)
class Principal:
    account_id: str
    role: Role
    patient_id: str | None  # the person's own Patient (None for doctors and organisations)


@dataclass(frozen=True, slots=True)
class Grant:
    """A proxy grant: `grantee_id` may act on `patient_id`'s record."""

    id: str
    patient_id: str
    grantee_id: str
    kind: Literal["guardian", "relative"]
    access: Literal["read", "read_write"]
    resource_types: frozenset[str]  # empty: every type
    expires_at: datetime | None
    revoked_at: datetime | None

    def in_force(self, now: datetime) -> bool:
        return (self.revoked_at is None or now < self.revoked_at) and (self.expires_at is None or now < self.expires_at)


@dataclass(frozen=True, slots=True)
class AccessRequest:
    action: Action
    patient_id: str
    resource_type: str
    now: datetime
    purpose: Purpose = "care"


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    basis: str  # owner | guardian | relative | share_with | research | system | none
    reason: str  # for the audit log, never for the caller

    def __bool__(self) -> bool:
        return self.allowed


def decide(who: Principal, req: AccessRequest, consents: Sequence[ConsentTerms],
           grants: Sequence[Grant]) -> Decision:
    """Allow or deny one access; `consents` and `grants` are those of `req.patient_id`."""
    if who.role == "system":
        return Decision(True, "system", "ankang itself (maintenance)")
    in_force = [c for c in consents if c.patient_id == req.patient_id and c.in_force(req.now)]
    if req.purpose == "research":
        ok = _has(in_force, "research_deidentified", req.resource_type) and req.action == "read"
        return Decision(ok, "research", "research_deidentified consent" if ok else "no research consent")
    basis = _basis(who, req, grants)
    if basis is None:
        return _deny(who, req, in_force)
    kind, grant = basis
    if req.action == "manage":
        ok = kind in ("owner", "guardian")
        return Decision(ok, kind, "manages the record" if ok else "a relative cannot manage consents or grants")
    if grant is not None and not _grant_covers(grant, req):
        return Decision(False, kind, f"grant {grant.id} does not cover {req.resource_type}")
    if req.action == "read":
        return Decision(True, kind, "own record" if kind == "owner" else f"proxy grant {grant.id if grant else ''}")
    if grant is not None and grant.kind == "relative" and grant.access != "read_write":
        return Decision(False, kind, f"grant {grant.id} is read-only")
    if req.resource_type in ADMIN_TYPES:
        return Decision(True, kind, "administrative resource")
    if not _has(in_force, "store_record", req.resource_type):
        return Decision(False, kind, "no store_record consent in force")
    if req.purpose == "device_sync" and not _has(in_force, "device_sync", req.resource_type):
        return Decision(False, kind, "no device_sync consent in force")
    return Decision(True, kind, "store_record consent in force")


def readable_types(who: Principal, patient_id: str, types: Iterable[str], now: datetime,
                   consents: Sequence[ConsentTerms], grants: Sequence[Grant]) -> frozenset[str]:
    """The subset of `types` `who` may read in `patient_id`'s record (for searches and exports)."""
    return frozenset(t for t in types
                     if decide(who, AccessRequest("read", patient_id, t, now), consents, grants).allowed)


def _basis(who: Principal, req: AccessRequest, grants: Sequence[Grant]) -> tuple[str, Grant | None] | None:
    if who.role == "person" and who.patient_id == req.patient_id:
        return "owner", None
    for grant in grants:
        if grant.grantee_id == who.account_id and grant.patient_id == req.patient_id and grant.in_force(req.now):
            if grant.kind == "guardian":
                return "guardian", None
            return "relative", grant
    return None


def _deny(who: Principal, req: AccessRequest, in_force: Sequence[ConsentTerms]) -> Decision:
    if who.role in ("doctor", "org_admin") and req.action == "read":
        for c in in_force:
            if c.purpose == "share_with" and c.grantee_id == who.account_id and c.covers(req.resource_type):
                return Decision(True, "share_with", f"share_with consent {c.id}")
        return Decision(False, "none", "no share_with consent covering this resource type")
    return Decision(False, "none", "no relation to this record")


def _grant_covers(grant: Grant, req: AccessRequest) -> bool:
    # The Provenance ankang writes beside an allowed write is covered by that write; reading it is not.
    if req.action == "write" and req.resource_type == "Provenance":
        return True
    return not grant.resource_types or req.resource_type in grant.resource_types


def _has(consents: Sequence[ConsentTerms], purpose: str, resource_type: str) -> bool:
    return any(c.purpose == purpose and c.covers(resource_type) for c in consents)
