"""Health-record use cases over FHIR: read, create, update, search, $everything, Provenance.

Everything goes through `RecordRepository` (consent checked and audited there); this module
validates FHIR on the way in, adds a Provenance to each new or changed entry, and never commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ankang.db import UnitOfWork
from ankang.domains.record.repository import RecordRepository, SearchQuery
from ankang.engines.access import Principal
from ankang.errors import InvalidInput
from ankang.fhir import parse_resource
from ankang.fhir.bundle import bundle
from ankang.fhir.consent import ACCOUNT_SYSTEM
from ankang.fhir.dates import search_bound

# What the REST API may write directly (Patient only by update; Consent via /v1/consents;
# Provenance by ankang itself).
WRITABLE_TYPES = frozenset({"Condition", "Observation", "MedicationStatement", "AllergyIntolerance"})
READABLE_TYPES = WRITABLE_TYPES | {"Patient", "Consent", "Provenance"}
MAX_COUNT = 500


def repository(uow: UnitOfWork, who: Principal) -> RecordRepository:
    """The audited repository for one request (other domains reach health data only through it)."""
    return RecordRepository(uow, who)


def read(uow: UnitOfWork, who: Principal, resource_type: str, resource_id: str) -> dict[str, Any]:
    _known_type(resource_type, READABLE_TYPES)
    return repository(uow, who).read(resource_type, resource_id)


def create(uow: UnitOfWork, who: Principal, resource_type: str, body: object, *,
           source: str = "manual") -> dict[str, Any]:
    _known_type(resource_type, WRITABLE_TYPES, writing=True)
    resource = parse_resource(body, resource_type)
    repo = repository(uow, who)
    stored = repo.create(resource)
    add_provenance(repo, stored, who, source=source, activity="CREATE")
    return stored


def update(uow: UnitOfWork, who: Principal, resource_type: str, resource_id: str, body: object) -> dict[str, Any]:
    _known_type(resource_type, WRITABLE_TYPES | {"Patient"}, writing=True)
    resource = parse_resource(body, resource_type)
    if resource.get("id") not in (None, resource_id):
        raise InvalidInput("the id in the body differs from the URL", zh="请求体中的 id 与地址不一致", expression="id")
    repo = repository(uow, who)
    stored = repo.update(resource_type, resource_id, resource)
    if resource_type != "Patient":
        add_provenance(repo, stored, who, source="manual", activity="UPDATE")
    return stored


def search(uow: UnitOfWork, who: Principal, resource_type: str, *, patient: str | None, code: str | None,
           category: str | None, dates: Sequence[str], count: int) -> dict[str, Any]:
    _known_type(resource_type, READABLE_TYPES)
    patient_id = (patient or who.patient_id or "").removeprefix("Patient/")
    if not patient_id:
        raise InvalidInput("search needs a patient", zh="检索时需要指定患者", expression="patient")
    if len(dates) > 4:
        raise InvalidInput("at most 4 date parameters", zh="日期条件最多 4 个", expression="date")
    query = SearchQuery(resource_type, patient_id, code=code or None, category=category or None,
                        dates=tuple(search_bound(d) for d in dates), count=max(1, min(count, MAX_COUNT)))
    found = repository(uow, who).search(query)
    return bundle("searchset", found, now=uow.now)


def everything(uow: UnitOfWork, who: Principal, patient_id: str) -> dict[str, Any]:
    """`Patient/$everything`: the whole record a principal may see, as a collection Bundle."""
    return bundle("collection", repository(uow, who).everything(patient_id), now=uow.now)


def add_provenance(repo: RecordRepository, target: dict[str, Any], who: Principal, *, source: str,
                   activity: str) -> dict[str, Any]:
    """Who recorded `target`, when, and from what (interview, manual entry, report, device)."""
    provenance = {
        "resourceType": "Provenance",
        "target": [{"reference": f"{target['resourceType']}/{target['id']}"}],
        "recorded": repo.uow.now.isoformat(timespec="seconds"),
        "activity": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-DataOperation",
                                 "code": activity}]},
        "agent": [{
            "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/provenance-participant-type",
                                 "code": "author"}]},
            "who": {"identifier": {"system": ACCOUNT_SYSTEM, "value": who.account_id}},
        }],
        "entity": [{"role": "source", "what": {"display": source}}],
    }
    patient_id = str(target.get("subject", target.get("patient", {})).get("reference", "")).removeprefix("Patient/")
    return repo.create(parse_resource(provenance, "Provenance"), patient_id=patient_id or None)


def _known_type(resource_type: str, allowed: frozenset[str], *, writing: bool = False) -> None:
    if resource_type not in allowed:
        verb = "written through this API" if writing else "served"
        raise InvalidInput(f"resource type {resource_type!r} is not {verb}",
                           zh=f"不支持的资源类型 {resource_type!r}", expression="resourceType")
