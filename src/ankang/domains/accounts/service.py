"""Account use cases: create, sign in (argon2, rate limited), bearer tokens, proxy grants."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from ankang.db import PendingAudit, UnitOfWork
from ankang.domains.accounts.models import Account, AuthToken, ProxyGrant
from ankang.domains.accounts.ratelimit import LoginLimiter
from ankang.engines.access import Grant, Principal
from ankang.errors import AccessDenied, Conflict, InvalidInput, NotFound

_hasher = PasswordHasher()  # argon2id, the library's (RFC 9106) defaults
# Verified against when the e-mail is unknown, so both failures take the same time.
_DUMMY_HASH = "$argon2id$v=19$m=65536,t=3,p=4$mw48Oyc77UzJP1UNqmtdAw$460kF8nvifESc+JUAP51VTZiJ3nDscuUCfF4u+CF1B0"
TOKEN_PREFIX = "ak_"


class NotAuthenticated(AccessDenied):
    """No valid bearer token (missing, unknown, expired or revoked)."""

    code = "login"


class TooManyAttempts(AccessDenied):
    code = "throttled"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def create_account(session: Session, *, email: str, password: str, role: str, display_name: str,
                   now: datetime, patient_id: str | None = None) -> Account:
    email = email.strip().lower()
    if session.execute(select(Account.id).where(Account.email == email)).first():
        raise Conflict("an account with this e-mail exists", zh="该邮箱已注册", expression="email")
    account = Account(id=str(uuid.uuid4()), email=email, password_hash=hash_password(password), role=role,
                      display_name=display_name, patient_id=patient_id, created_at=now)
    session.add(account)
    session.flush()
    return account


def sign_in(uow: UnitOfWork, limiter: LoginLimiter, *, email: str, password: str,
            ttl: timedelta) -> tuple[str, AuthToken]:
    """Check the password and issue a bearer token; return (token, its row). Failures are audited."""
    key = limiter.key(email, uow.client_ip)
    account = uow.session.execute(select(Account).where(Account.email == email.strip().lower())).scalar_one_or_none()
    actor = account.id if account else None

    def deny(reason: str) -> None:
        uow.record(PendingAudit(actor, account.role if account else None, "sign_in", "denied", "authentication",
                                detail=f"{reason}; key={key[:16]}"))

    if limiter.blocked(key, uow.now):
        deny("rate limited")
        raise TooManyAttempts("too many failed sign-ins; try again later", zh="登录失败次数过多，请稍后再试")
    try:
        ok = _hasher.verify(account.password_hash if account else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or account is None:
        limiter.fail(key, uow.now)
        deny("wrong e-mail or password")
        raise NotAuthenticated("wrong e-mail or password", zh="邮箱或密码错误")
    limiter.succeed(key)
    if _hasher.check_needs_rehash(account.password_hash):
        account.password_hash = hash_password(password)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = AuthToken(id=str(uuid.uuid4()), account_id=account.id, token_hash=_token_hash(token),
                    created_at=uow.now, expires_at=uow.now + ttl)
    uow.session.add(row)
    uow.record(PendingAudit(account.id, account.role, "sign_in", "allowed", "authentication"))
    return token, row


def authenticate(uow: UnitOfWork, token: str | None) -> Principal:
    """The principal behind a bearer token; the reason for a refusal goes to the audit log only."""
    reason = "no bearer token"
    if token:
        row = uow.session.execute(select(AuthToken).where(AuthToken.token_hash == _token_hash(token))).scalar_one_or_none()
        if row is None:
            reason = "unknown token"
        elif row.revoked_at is not None:
            reason = "revoked token"
        elif row.expires_at <= uow.now:
            reason = "expired token"
        else:
            account = uow.session.get(Account, row.account_id)
            if account is not None:
                return Principal(account.id, account.role, account.patient_id)  # type: ignore[arg-type]
            reason = "account gone"
        actor = row.account_id if row is not None else None
    else:
        actor = None
    uow.record(PendingAudit(actor, None, "authenticate", "denied", "authentication", detail=reason))
    raise NotAuthenticated("sign in first", zh="请先登录")


def sign_out(uow: UnitOfWork, token: str) -> None:
    row = uow.session.execute(select(AuthToken).where(AuthToken.token_hash == _token_hash(token))).scalar_one_or_none()
    if row is not None and row.revoked_at is None:
        row.revoked_at = uow.now


def revoke_tokens(session: Session, account_id: str, now: datetime) -> None:
    for row in session.execute(select(AuthToken).where(AuthToken.account_id == account_id,
                                                      AuthToken.revoked_at.is_(None))).scalars():
        row.revoked_at = now


def get_account(session: Session, account_id: str) -> Account:
    account = session.get(Account, account_id)
    if account is None:
        raise NotFound("no such account", zh="账户不存在", expression="account_id")
    return account


def find_account(session: Session, *, email: str | None = None, account_id: str | None = None) -> Account | None:
    if account_id is not None:
        return session.get(Account, account_id)
    if email is not None:
        return session.execute(select(Account).where(Account.email == email.strip().lower())).scalar_one_or_none()
    return None


# -- family proxy grants -----------------------------------------------------------------------
def add_grant(session: Session, *, patient_id: str, grantee_id: str, kind: Literal["guardian", "relative"],
              access: Literal["read", "read_write"], resource_types: Sequence[str], granted_by: str,
              now: datetime, expires_at: datetime | None = None) -> ProxyGrant:
    if expires_at is not None and expires_at <= now:
        raise InvalidInput("expires_at is in the past", zh="到期时间早于现在", expression="expires_at")
    grant = ProxyGrant(id=str(uuid.uuid4()), patient_id=patient_id, grantee_id=grantee_id, kind=kind,
                       access=access, resource_types=sorted(set(resource_types)), granted_by=granted_by,
                       created_at=now, expires_at=expires_at)
    session.add(grant)
    session.flush()
    return grant


def get_grant(session: Session, grant_id: str) -> ProxyGrant | None:
    return session.get(ProxyGrant, grant_id)


def grants_for_patient(session: Session, patient_id: str) -> list[Grant]:
    rows = session.execute(select(ProxyGrant).where(ProxyGrant.patient_id == patient_id)).scalars()
    return [_as_grant(r) for r in rows]


def delete_grants_for_patient(session: Session, patient_id: str) -> None:
    for row in session.execute(select(ProxyGrant).where(ProxyGrant.patient_id == patient_id)).scalars():
        session.delete(row)


def accounts_due_for_purge(session: Session, before: datetime) -> list[Account]:
    return list(session.execute(select(Account).where(Account.deletion_requested_at.is_not(None),
                                                      Account.deletion_requested_at <= before)).scalars())


def grants_involving(session: Session, account_id: str, patient_id: str | None) -> list[ProxyGrant]:
    """Grants the account holds, and grants on its own record and on the records it is guardian of."""
    guarded = select(ProxyGrant.patient_id).where(ProxyGrant.grantee_id == account_id, ProxyGrant.kind == "guardian",
                                                  ProxyGrant.revoked_at.is_(None))
    cond = (ProxyGrant.grantee_id == account_id) | ProxyGrant.patient_id.in_(guarded)
    if patient_id:
        cond = cond | (ProxyGrant.patient_id == patient_id)
    return list(session.execute(select(ProxyGrant).where(cond).order_by(ProxyGrant.created_at)).scalars())


def _as_grant(row: ProxyGrant) -> Grant:
    return Grant(id=row.id, patient_id=row.patient_id, grantee_id=row.grantee_id, kind=row.kind,  # type: ignore[arg-type]
                 access=row.access, resource_types=frozenset(row.resource_types or ()),  # type: ignore[arg-type]
                 expires_at=row.expires_at, revoked_at=row.revoked_at)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
