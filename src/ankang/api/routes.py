"""The router registry of the health record: the unit of work and authentication applied once here."""

from __future__ import annotations

from datetime import timedelta

from fastapi import Depends, FastAPI, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from ankang.api import errors
from ankang.api.auth import require_principal
from ankang.api.uow import unit_of_work, utc_now
from ankang.config import Settings
from ankang.db import make_engine, migrate
from ankang.domains.accounts import service as accounts_service
from ankang.domains.accounts.ratelimit import LoginLimiter
from ankang.domains.accounts.router import public_router as accounts_public
from ankang.domains.accounts.router import router as accounts_router
from ankang.domains.audit.router import router as audit_router
from ankang.domains.care import service as care_service
from ankang.domains.care.router import public_router as care_public
from ankang.domains.consent.router import router as consent_router
from ankang.domains.people.router import public_router as people_public
from ankang.domains.people.router import router as people_router
from ankang.domains.proposals.router import router as proposals_router
from ankang.domains.record.router import router as record_router
from ankang.errors import AnkangError

PUBLIC = (people_public, accounts_public, care_public)
PROTECTED = (accounts_router, people_router, consent_router, proposals_router, audit_router, record_router)


def register_record_routes(app: FastAPI) -> None:
    transaction = Depends(unit_of_work, scope="function")
    for router in PUBLIC:
        app.include_router(router, dependencies=[transaction])
    for router in PROTECTED:
        app.include_router(router, dependencies=[transaction, Depends(require_principal)])


def install_record(app: FastAPI, settings: Settings) -> None:
    """Open the database (SQLite file by default), apply migrations, register the record routes."""
    engine = make_engine(settings.database_url, data_dir=settings.data_dir)
    migrate(engine)
    if settings.demo:  # a working demo: the clearly labelled synthetic doctor directory
        with Session(engine) as session, session.begin():
            care_service.seed_demo_directory(session)
    app.state.db_engine = engine
    app.state.clock = utc_now
    app.state.login_limiter = LoginLimiter(settings.login_max_failures,
                                           timedelta(minutes=settings.login_window_minutes))
    _install_auth_errors(app)
    register_record_routes(app)


def _install_auth_errors(app: FastAPI) -> None:
    """Sign-in failures are 401 and throttling 429 (the rest of the tree maps in api/errors.py)."""

    async def not_authenticated(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, AnkangError)
        response = errors.outcome(401, exc.code, exc.message, exc.zh)
        response.headers["WWW-Authenticate"] = "Bearer"
        return response

    async def throttled(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, AnkangError)
        return errors.outcome(429, exc.code, exc.message, exc.zh)

    app.add_exception_handler(accounts_service.NotAuthenticated, not_authenticated)
    app.add_exception_handler(accounts_service.TooManyAttempts, throttled)
