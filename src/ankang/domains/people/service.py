"""A person's life in ankang: sign up, dependents (亲情账户), proxy grants, deleting the account.

These use cases span accounts and the record, so they live here; the record is still only
touched through the audited repository.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from ankang.db import PendingAudit, UnitOfWork
from ankang.domains.accounts import service as accounts_service
from ankang.domains.consent import service as consent_service
from ankang.domains.people import schemas as s
from ankang.domains.record import service as record_service
from ankang.engines.access import Principal
from ankang.errors import AccessDenied, InvalidInput, NotFound
from ankang.fhir import parse_resource

SYSTEM = Principal("system", "system", None)


def sign_up(uow: UnitOfWork, body: s.SignUpIn) -> Any:
    patient_id = str(uuid.uuid4()) if body.role == "person" else None
    account = accounts_service.create_account(uow.session, email=body.email, password=body.password,
                                              role=body.role, display_name=body.display_name, now=uow.now,
                                              patient_id=patient_id)
    uow.record(PendingAudit(account.id, account.role, "sign_up", "allowed", "authentication"))
    if patient_id is not None:
        who = Principal(account.id, "person", patient_id)
        _new_patient(uow, who, patient_id, body.display_name, body.gender, body.birth_date)
        if body.consent_store_record:
            consent_service.give(uow, who, patient_id, "store_record")
    return account


def add_dependent(uow: UnitOfWork, who: Principal, body: s.DependentIn) -> s.PatientOut:
    """A record the person manages as guardian (e.g. a child's); it has no sign-in of its own."""
    if who.role != "person":
        raise AccessDenied("only a person can add a family member", zh="只有个人用户可以添加家庭成员")
    patient_id = str(uuid.uuid4())
    accounts_service.add_grant(uow.session, patient_id=patient_id, grantee_id=who.account_id, kind="guardian",
                               access="read_write", resource_types=(), granted_by=who.account_id, now=uow.now)
    _new_patient(uow, who, patient_id, body.display_name, body.gender, body.birth_date)
    if body.consent_store_record:
        consent_service.give(uow, who, patient_id, "store_record")
    return s.PatientOut(patient_id=patient_id, display_name=body.display_name)


def grant_proxy(uow: UnitOfWork, who: Principal, body: s.GrantIn) -> Any:
    patient_id = body.patient_id or who.patient_id
    if not patient_id:
        raise InvalidInput("patient_id is required", zh="需要指定患者", expression="patient_id")
    record_service.repository(uow, who).check("manage", patient_id, "ProxyGrant", audit_action="grant")
    grantee = accounts_service.find_account(uow.session, email=body.grantee_email)
    if grantee is None or grantee.role != "person" or grantee.id == who.account_id:
        raise InvalidInput("no other person's account has this e-mail", zh="找不到该邮箱对应的其他个人账户",
                           expression="grantee_email")
    if body.expires_at is not None and body.expires_at.tzinfo is None:
        raise InvalidInput("expires_at needs a time zone", zh="到期时间需要带时区", expression="expires_at")
    grant = accounts_service.add_grant(uow.session, patient_id=patient_id, grantee_id=grantee.id, kind="relative",
                                       access=body.access, resource_types=body.resource_types,
                                       granted_by=who.account_id, now=uow.now, expires_at=body.expires_at)
    uow.record(PendingAudit(who.account_id, who.role, "grant", "allowed", "manage", patient_id, "ProxyGrant",
                            grant.id, f"to {grantee.id}: {body.access} {','.join(body.resource_types) or 'all'}"))
    return grant


def revoke_grant(uow: UnitOfWork, who: Principal, grant_id: str) -> Any:
    """The patient (or guardian) withdraws a grant, or the grantee gives it up; effective at once."""
    grant = accounts_service.get_grant(uow.session, grant_id)
    if grant is None:
        raise NotFound("no such grant", zh="未找到该授权", expression="grant_id")
    if grant.grantee_id != who.account_id:
        record_service.repository(uow, who).check("manage", grant.patient_id, "ProxyGrant", audit_action="revoke",
                                                  resource_id=grant_id, hide=True)
    if grant.revoked_at is None:
        grant.revoked_at = uow.now
    uow.record(PendingAudit(who.account_id, who.role, "revoke", "allowed", "manage", grant.patient_id,
                            "ProxyGrant", grant.id))
    return grant


def list_grants(uow: UnitOfWork, who: Principal) -> list[Any]:
    return accounts_service.grants_involving(uow.session, who.account_id, who.patient_id)


def request_deletion(uow: UnitOfWork, who: Principal, grace: timedelta) -> s.DeletionOut:
    account = accounts_service.get_account(uow.session, who.account_id)
    account.deletion_requested_at = account.deletion_requested_at or uow.now
    uow.record(PendingAudit(who.account_id, who.role, "delete_request", "allowed", "owner", who.patient_id))
    return s.DeletionOut(deletion_requested_at=account.deletion_requested_at,
                         purge_after=account.deletion_requested_at + grace)


def cancel_deletion(uow: UnitOfWork, who: Principal) -> s.DeletionOut:
    account = accounts_service.get_account(uow.session, who.account_id)
    account.deletion_requested_at = None
    uow.record(PendingAudit(who.account_id, who.role, "delete_cancel", "allowed", "owner", who.patient_id))
    return s.DeletionOut(deletion_requested_at=None, purge_after=None)


def purge_due(uow: UnitOfWork, grace: timedelta) -> list[str]:
    """Delete accounts whose grace period has passed, with their record; the audit log stays."""
    purged = []
    repo = record_service.repository(uow, SYSTEM)
    for account in accounts_service.accounts_due_for_purge(uow.session, uow.now - grace):
        if account.patient_id:
            repo.purge_patient(account.patient_id)
            accounts_service.delete_grants_for_patient(uow.session, account.patient_id)
        uow.record(PendingAudit("system", "system", "account_delete", "allowed", "erasure", account.patient_id,
                                "Account", account.id, "grace period over"))
        uow.session.delete(account)
        purged.append(account.id)
    uow.session.flush()
    return purged


def _new_patient(uow: UnitOfWork, who: Principal, patient_id: str, name: str, gender: str | None,
                 birth_date: Any) -> dict[str, Any]:
    patient: dict[str, Any] = {"resourceType": "Patient", "active": True, "name": [{"text": name}]}
    if gender:
        patient["gender"] = gender
    if birth_date:
        patient["birthDate"] = birth_date.isoformat()
    return record_service.repository(uow, who).create(parse_resource(patient, "Patient"), resource_id=patient_id)


