"""Dependencies of the account routes: the login rate limiter and settings built by create_app."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, cast

from fastapi import Depends, Request

from ankang.domains.accounts.ratelimit import LoginLimiter


def get_limiter(request: Request) -> LoginLimiter:
    return cast(LoginLimiter, request.app.state.login_limiter)


def get_token_ttl(request: Request) -> timedelta:
    return timedelta(minutes=request.app.state.settings.token_ttl_minutes)


Limiter = Annotated[LoginLimiter, Depends(get_limiter)]
TokenTtl = Annotated[timedelta, Depends(get_token_ttl)]
