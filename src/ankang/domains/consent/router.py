"""Consent routes (thin)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from ankang.domains.consent import schemas as s
from ankang.domains.consent import service
from ankang.domains.deps import Uow, Who

router = APIRouter(prefix="/v1/consents", tags=["consent 同意 (PIPL)"])
Id = Annotated[str, Path(pattern=r"^[A-Za-z0-9\-.]{1,64}$")]


@router.post("", status_code=201, summary="Give one consent for one purpose / 单独同意")
def grant(body: s.ConsentIn, uow: Uow, who: Who) -> dict[str, Any]:
    return service.grant(uow, who, body)


@router.get("", summary="List consents of a record / 同意列表")
def list_consents(uow: Uow, who: Who,
                  patient_id: Annotated[str | None, Query(max_length=64)] = None) -> list[dict[str, Any]]:
    return service.list_consents(uow, who, patient_id)


@router.post("/{consent_id}/revoke", summary="Withdraw a consent / 撤回同意")
def withdraw(consent_id: Id, uow: Uow, who: Who) -> dict[str, Any]:
    return service.withdraw(uow, who, consent_id)
