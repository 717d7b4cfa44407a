"""FHIR REST routes under /fhir (thin: the service validates, the repository checks consent and audits)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Query
from fastapi.responses import JSONResponse

from ankang.domains.deps import Uow, Who
from ankang.domains.record import service

router = APIRouter(prefix="/fhir", tags=["record 健康档案 (FHIR R4)"])
FHIR_JSON = "application/fhir+json"
TypeName = Annotated[str, Path(pattern=r"^[A-Z][A-Za-z]{1,39}$")]
Id = Annotated[str, Path(pattern=r"^[A-Za-z0-9\-.]{1,64}$")]
Resource = Annotated[dict[str, Any], Body(description="a FHIR R4 resource")]


def _fhir(body: dict[str, Any], status: int = 200) -> JSONResponse:
    return JSONResponse(body, status_code=status, media_type=FHIR_JSON)


@router.get("/Patient/{patient_id}/$everything", summary="Export one person's record / 导出完整档案")
def everything(patient_id: Id, uow: Uow, who: Who) -> JSONResponse:
    return _fhir(service.everything(uow, who, patient_id))


@router.get("/{resource_type}/{resource_id}", summary="Read a resource / 读取")
def read(resource_type: TypeName, resource_id: Id, uow: Uow, who: Who) -> JSONResponse:
    return _fhir(service.read(uow, who, resource_type, resource_id))


@router.get("/{resource_type}", summary="Search by patient, code, date, category / 检索")
def search(
    resource_type: TypeName, uow: Uow, who: Who,
    patient: Annotated[str | None, Query(max_length=80)] = None,
    code: Annotated[str | None, Query(max_length=300)] = None,
    category: Annotated[str | None, Query(max_length=200)] = None,
    date: Annotated[list[str] | None, Query()] = None,
    count: Annotated[int, Query(alias="_count", ge=1, le=service.MAX_COUNT)] = 50,
) -> JSONResponse:
    return _fhir(service.search(uow, who, resource_type, patient=patient, code=code, category=category,
                                dates=date or [], count=count))


@router.post("/{resource_type}", status_code=201, summary="Create a resource / 新建")
def create(resource_type: TypeName, body: Resource, uow: Uow, who: Who) -> JSONResponse:
    stored = service.create(uow, who, resource_type, body)
    response = _fhir(stored, 201)
    response.headers["Location"] = f"/fhir/{resource_type}/{stored['id']}/_history/{stored['meta']['versionId']}"
    return response


@router.put("/{resource_type}/{resource_id}", summary="Update a resource / 更新")
def update(resource_type: TypeName, resource_id: Id, body: Resource, uow: Uow, who: Who) -> JSONResponse:
    return _fhir(service.update(uow, who, resource_type, resource_id, body))
