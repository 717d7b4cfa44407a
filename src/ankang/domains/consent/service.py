"""Consent use cases (PIPL): grant one purpose, revoke it, list them. Stored as FHIR Consent
resources through the audited record repository, which also enforces them on every access."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from ankang.db import UnitOfWork
from ankang.domains.accounts import service as accounts_service
from ankang.domains.consent import schemas as s
from ankang.domains.record import service as record_service
from ankang.domains.record.repository import SearchQuery
from ankang.engines.access import Principal
from ankang.errors import InvalidInput
from ankang.fhir import parse_resource
from ankang.fhir.consent import consent_resource, revoke

SHARE_ROLES = frozenset({"doctor", "org_admin"})


def grant(uow: UnitOfWork, who: Principal, body: s.ConsentIn) -> dict[str, Any]:
    return give(uow, who, body.patient_id or who.patient_id, body.purpose, grantee_id=body.grantee_id,
                resource_types=body.resource_types, expires_at=body.expires_at)


def give(uow: UnitOfWork, who: Principal, patient_id: str | None, purpose: str, *, grantee_id: str | None = None,
         resource_types: Sequence[str] = (), expires_at: datetime | None = None) -> dict[str, Any]:
    """Record one consent for one purpose (PIPL art. 29: separate consent per purpose)."""
    if not patient_id:
        raise InvalidInput("patient_id is required", zh="需要指定患者", expression="patient_id")
    if expires_at is not None and expires_at.tzinfo is None:
        raise InvalidInput("expires_at needs a time zone", zh="到期时间需要带时区", expression="expires_at")
    grantee_name = None
    if grantee_id is not None:
        grantee = accounts_service.find_account(uow.session, account_id=grantee_id)
        if grantee is None or grantee.role not in SHARE_ROLES:
            raise InvalidInput("grantee_id must be a doctor's or organisation's account",
                               zh="共享对象必须是医生或机构账户", expression="grantee_id")
        grantee_name = grantee.display_name
    resource = consent_resource(patient_id=patient_id, purpose=purpose, now=uow.now, grantee_id=grantee_id,
                                grantee_name=grantee_name, resource_types=resource_types, end=expires_at)
    return record_service.repository(uow, who).create(parse_resource(resource, "Consent"))


def withdraw(uow: UnitOfWork, who: Principal, consent_id: str) -> dict[str, Any]:
    """Revoke a consent; it stops counting from the next access on."""
    repo = record_service.repository(uow, who)
    current = repo.read("Consent", consent_id)
    return repo.update("Consent", consent_id, parse_resource(revoke(current, uow.now), "Consent"))


def list_consents(uow: UnitOfWork, who: Principal, patient_id: str | None) -> list[dict[str, Any]]:
    patient_id = patient_id or who.patient_id
    if not patient_id:
        raise InvalidInput("patient_id is required", zh="需要指定患者", expression="patient_id")
    return record_service.repository(uow, who).search(SearchQuery("Consent", patient_id, count=500))
