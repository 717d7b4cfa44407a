"""Proposed entries: store suggestions as *proposed*; only a confirmation puts them in the record,
with a Provenance saying where they came from, when, and who confirmed them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ankang.db import UnitOfWork
from ankang.domains.proposals import schemas as s
from ankang.domains.record import service as record_service
from ankang.engines.access import Principal
from ankang.engines.proposals import Finding, propose_from_findings
from ankang.errors import Conflict, InvalidInput
from ankang.fhir import parse_resource
from ankang.fhir.index import patient_of
from ankang.knowledge.interview.model import Pack


def from_interview(uow: UnitOfWork, who: Principal, pack: Pack, body: s.FromInterviewIn) -> list[Any]:
    patient_id = _patient(who, body.patient_id)
    findings = [Finding(e.id, e.choice, e.uncertain) for e in body.parse.evidence]
    resources = propose_from_findings(findings, pack, patient_id, uow.now)
    return _propose(uow, who, patient_id, resources, "interview")


def explicit(uow: UnitOfWork, who: Principal, body: s.ExplicitIn) -> list[Any]:
    patient_id = _patient(who, body.patient_id)
    resources = []
    for i, raw in enumerate(body.resources):
        resource = parse_resource(raw)
        if resource["resourceType"] not in record_service.WRITABLE_TYPES:
            raise InvalidInput(f"cannot propose a {resource['resourceType']}", zh="不支持建议该类型的条目",
                               expression=f"resources[{i}].resourceType")
        if patient_of(resource) != patient_id:
            raise InvalidInput("the resource belongs to another patient", zh="条目所属患者与目标档案不一致",
                               expression=f"resources[{i}]")
        resources.append(resource)
    return _propose(uow, who, patient_id, resources, body.source)


def list_proposals(uow: UnitOfWork, who: Principal, patient_id: str | None, state: str | None) -> list[Any]:
    return record_service.repository(uow, who).proposals(_patient(who, patient_id), state)


def decide(uow: UnitOfWork, who: Principal, proposal_id: str, *, confirm: bool) -> Any:
    repo = record_service.repository(uow, who)
    entry = repo.proposal_for_decision(proposal_id)
    if entry.state != "proposed":
        raise Conflict(f"proposal already {entry.state}", zh="该建议已处理", expression="id")
    if confirm:
        resource = {k: v for k, v in entry.resource.items() if k not in ("id", "meta")}
        stored = repo.create(parse_resource(resource, entry.resource_type))
        record_service.add_provenance(repo, stored, who, source=entry.source, activity="CREATE")
        entry.record_id = stored["id"]
    entry.state = "confirmed" if confirm else "rejected"
    entry.decided_at, entry.decided_by = uow.now, who.account_id
    uow.session.flush()
    return entry


def _propose(uow: UnitOfWork, who: Principal, patient_id: str, resources: Sequence[dict[str, Any]],
             source: str) -> list[Any]:
    repo = record_service.repository(uow, who)
    return [repo.propose(patient_id, parse_resource(r), source) for r in resources]


def _patient(who: Principal, patient_id: str | None) -> str:
    chosen = patient_id or who.patient_id
    if not chosen:
        raise InvalidInput("patient_id is required", zh="需要指定患者", expression="patient_id")
    return chosen
