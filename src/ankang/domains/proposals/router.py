"""Proposed-entry routes (thin)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from ankang.domains.deps import InterviewPack, Uow, Who
from ankang.domains.proposals import schemas as s
from ankang.domains.proposals import service

router = APIRouter(prefix="/v1/proposals", tags=["proposals 主动建档"])
Id = Annotated[str, Path(pattern=r"^[A-Za-z0-9\-.]{1,64}$")]


def _out(rows: list[object]) -> list[s.ProposalOut]:
    return [s.ProposalOut.model_validate(r) for r in rows]


@router.post("/from-interview", status_code=201, response_model=list[s.ProposalOut],
             summary="Propose entries from an interview parse / 由问诊结果生成建议条目")
def from_interview(body: s.FromInterviewIn, uow: Uow, who: Who, pack: InterviewPack) -> list[s.ProposalOut]:
    return _out(service.from_interview(uow, who, pack, body))


@router.post("", status_code=201, response_model=list[s.ProposalOut], summary="Propose FHIR entries / 建议条目")
def explicit(body: s.ExplicitIn, uow: Uow, who: Who) -> list[s.ProposalOut]:
    return _out(service.explicit(uow, who, body))


@router.get("", response_model=list[s.ProposalOut], summary="List proposed entries / 待确认条目")
def list_proposals(uow: Uow, who: Who, patient_id: Annotated[str | None, Query(max_length=64)] = None,
                   state: Literal["proposed", "confirmed", "rejected"] | None = None) -> list[s.ProposalOut]:
    return _out(service.list_proposals(uow, who, patient_id, state))


@router.post("/{proposal_id}/confirm", response_model=s.ProposalOut, summary="Confirm: add to the record / 确认")
def confirm(proposal_id: Id, uow: Uow, who: Who) -> s.ProposalOut:
    return s.ProposalOut.model_validate(service.decide(uow, who, proposal_id, confirm=True))


@router.post("/{proposal_id}/reject", response_model=s.ProposalOut, summary="Reject / 拒绝")
def reject(proposal_id: Id, uow: Uow, who: Who) -> s.ProposalOut:
    return s.ProposalOut.model_validate(service.decide(uow, who, proposal_id, confirm=False))
