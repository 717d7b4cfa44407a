"""Bearer-token authentication, applied once per protected router by the registry."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException

from ankang.api.uow import unit_of_work
from ankang.db import UnitOfWork
from ankang.domains.accounts import service as accounts_service
from ankang.engines.access import Principal

bearer = HTTPBearer(auto_error=False, description="token from POST /v1/accounts/token")


def require_principal(
    request: Request,
    uow: Annotated[UnitOfWork, Depends(unit_of_work, scope="function")],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Principal:
    try:
        principal = accounts_service.authenticate(uow, credentials.credentials if credentials else None)
    except accounts_service.NotAuthenticated:  # the reason went to the audit log, not to the caller
        raise HTTPException(401, "sign in first / 请先登录", headers={"WWW-Authenticate": "Bearer"}) from None
    request.state.principal = principal
    return principal
