"""Sign in / out and who am I (thin)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ankang.domains.accounts import schemas as s
from ankang.domains.accounts import service
from ankang.domains.accounts.deps import Limiter, TokenTtl
from ankang.domains.deps import Uow, Who

public_router = APIRouter(prefix="/v1/accounts", tags=["accounts 账户"])
router = APIRouter(prefix="/v1/accounts", tags=["accounts 账户"])
Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(HTTPBearer(auto_error=False))]


@public_router.post("/token", response_model=s.TokenOut, summary="Sign in, get a bearer token / 登录")
def sign_in(body: s.SignInIn, uow: Uow, limiter: Limiter, ttl: TokenTtl) -> s.TokenOut:
    token, row = service.sign_in(uow, limiter, email=body.email, password=body.password, ttl=ttl)
    return s.TokenOut(access_token=token, expires_at=row.expires_at)


@router.post("/logout", status_code=204, summary="Revoke this token / 退出登录")
def sign_out(uow: Uow, who: Who, credentials: Bearer) -> None:
    if credentials is not None:
        service.sign_out(uow, credentials.credentials)


@router.get("/me", response_model=s.AccountOut, summary="My account / 我的账户")
def me(uow: Uow, who: Who) -> s.AccountOut:
    return s.AccountOut.model_validate(service.get_account(uow.session, who.account_id), from_attributes=True)
