"""The request-scoped unit of work: one transaction per request, audit entries kept even on failure."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import cast

from fastapi import Request
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ankang.db import UnitOfWork
from ankang.domains.audit import service as audit_service


def utc_now() -> datetime:
    return datetime.now(UTC)


def unit_of_work(request: Request) -> Iterator[UnitOfWork]:
    """Commit when the route returns; roll back when anything raises, then write the audit alone.

    Used with `Depends(..., scope="function")` so the commit happens before the response is sent.
    """
    engine = cast(Engine, request.app.state.db_engine)
    clock = cast(Callable[[], datetime], request.app.state.clock)
    session = Session(engine, expire_on_commit=False, autoflush=True)
    uow = UnitOfWork(session=session, now=clock(), client_ip=request.client.host if request.client else "")
    request.state.uow = uow
    try:
        yield uow
        audit_service.append(session, uow.audit, uow.now)
        session.commit()
    except BaseException:
        session.rollback()
        if uow.audit:
            audit_service.append(session, uow.audit, uow.now, failed=True)
            session.commit()
        raise
    finally:
        session.close()
