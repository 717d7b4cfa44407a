"""REST routes of the interview (thin: validation by schemas, work by the service)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from ankang.domains.interview import schemas as s
from ankang.domains.interview.deps import get_interview_service
from ankang.domains.interview.service import InterviewService

router = APIRouter(prefix="/v1/interview", tags=["interview 问诊"])
Service = Annotated[InterviewService, Depends(get_interview_service)]


@router.post("/parse", response_model=s.ParseOut, summary="Free text → evidence / 自由文本解析为症状")
def parse(body: s.ParseIn, service: Service) -> s.ParseOut:
    return service.parse(body)


@router.post("/next", response_model=s.StepOut, summary="Next question, conditions and triage / 下一问")
def next_step(body: s.InterviewIn, service: Service) -> s.StepOut:
    return service.next(body)


@router.post("/triage", response_model=s.TriageResultOut, summary="Urgency level and department / 分诊")
def triage(body: s.InterviewIn, service: Service) -> s.TriageResultOut:
    return service.triage(body)


@router.post("/explain", response_model=s.ExplainOut, summary="Evidence for and against / 解释")
def explain(body: s.ExplainIn, service: Service) -> s.ExplainOut:
    return service.explain(body)
