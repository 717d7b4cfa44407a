"""Sign-up, family members, proxy grants, account deletion (thin)."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Path, Request

from ankang.domains.accounts.schemas import AccountOut
from ankang.domains.deps import Uow, Who
from ankang.domains.people import schemas as s
from ankang.domains.people import service

public_router = APIRouter(prefix="/v1/accounts", tags=["accounts 账户"])
router = APIRouter(prefix="/v1/accounts/me", tags=["accounts 账户"])
Id = Annotated[str, Path(pattern=r"^[A-Za-z0-9\-.]{1,64}$")]


def _grace(request: Request) -> timedelta:
    return timedelta(days=request.app.state.settings.deletion_grace_days)


@public_router.post("/signup", status_code=201, response_model=AccountOut, summary="Sign up / 注册")
def sign_up(body: s.SignUpIn, uow: Uow) -> AccountOut:
    return AccountOut.model_validate(service.sign_up(uow, body), from_attributes=True)


@router.post("/dependents", status_code=201, response_model=s.PatientOut,
             summary="Add a family member whose record I manage / 添加家庭成员")
def add_dependent(body: s.DependentIn, uow: Uow, who: Who) -> s.PatientOut:
    return service.add_dependent(uow, who, body)


@router.get("/grants", response_model=list[s.GrantOut], summary="Proxy grants I gave or hold / 亲情授权")
def list_grants(uow: Uow, who: Who) -> list[s.GrantOut]:
    return [s.GrantOut.model_validate(g) for g in service.list_grants(uow, who)]


@router.post("/grants", status_code=201, response_model=s.GrantOut, summary="Let a relative see my record / 授权亲属")
def grant(body: s.GrantIn, uow: Uow, who: Who) -> s.GrantOut:
    return s.GrantOut.model_validate(service.grant_proxy(uow, who, body))


@router.post("/grants/{grant_id}/revoke", response_model=s.GrantOut, summary="Revoke a grant / 撤销授权")
def revoke(grant_id: Id, uow: Uow, who: Who) -> s.GrantOut:
    return s.GrantOut.model_validate(service.revoke_grant(uow, who, grant_id))


@router.delete("", response_model=s.DeletionOut, summary="Delete my account after a grace period / 注销账户")
def delete_me(request: Request, uow: Uow, who: Who) -> s.DeletionOut:
    return service.request_deletion(uow, who, _grace(request))


@router.post("/restore", response_model=s.DeletionOut, summary="Cancel the deletion / 撤销注销")
def restore(uow: Uow, who: Who) -> s.DeletionOut:
    return service.cancel_deletion(uow, who)
