"""Shared by every domain router: what the api layer put on the request (unit of work, principal)."""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends, Request

from ankang.db import UnitOfWork
from ankang.engines.access import Principal
from ankang.knowledge.interview.model import Pack


def get_uow(request: Request) -> UnitOfWork:
    return cast(UnitOfWork, request.state.uow)


def get_principal(request: Request) -> Principal:
    return cast(Principal, request.state.principal)


Uow = Annotated[UnitOfWork, Depends(get_uow)]
Who = Annotated[Principal, Depends(get_principal)]


def get_pack(request: Request) -> Pack:
    """The interview knowledge pack loaded by create_app (read-only)."""
    return cast(Pack, request.app.state.interview.pack)


InterviewPack = Annotated[Pack, Depends(get_pack)]
