"""Care navigation routes (thin): match an interview result to doctors; a hospital's page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from ankang.domains.care import schemas as s
from ankang.domains.care import service
from ankang.domains.deps import Uow

public_router = APIRouter(prefix="/v1/care", tags=["care 就医导航"])
HospitalId = Annotated[str, Path(pattern=r"^[A-Za-z0-9\-.]{1,64}$")]


@public_router.post("/match", response_model=s.MatchOut,
                    summary="Doctors and earliest slots for an interview result / 按问诊结果推荐医生和号源")
def match(body: s.MatchIn, uow: Uow) -> s.MatchOut:
    return service.match(uow, body)


@public_router.get("/hospitals/{hospital_id}", response_model=s.HospitalOut, summary="A hospital / 医院详情")
def hospital(hospital_id: HospitalId, uow: Uow) -> s.HospitalOut:
    return service.hospital(uow, hospital_id)
