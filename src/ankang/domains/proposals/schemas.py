"""API shapes of proposed entries (主动建档)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

MAX_PROPOSALS = 50


class ParsedEvidence(BaseModel):
    """One item of `POST /v1/interview/parse` output (other fields are ignored)."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1, max_length=120)
    choice: Literal["present", "absent", "unknown"]
    uncertain: bool = False


class ParseResult(BaseModel):
    model_config = ConfigDict(extra="ignore")

    evidence: list[ParsedEvidence] = Field(max_length=300)


class FromInterviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    patient_id: str | None = Field(default=None, max_length=64, description="default: my own record")
    parse: ParseResult = Field(description="the body returned by POST /v1/interview/parse")


class ExplicitIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    patient_id: str | None = Field(default=None, max_length=64)
    source: Literal["interview", "manual", "report", "device"] = "manual"
    resources: list[dict[str, Any]] = Field(min_length=1, max_length=MAX_PROPOSALS)


class ProposalOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    patient_id: str
    resource_type: str
    resource: dict[str, Any]
    source: str
    state: Literal["proposed", "confirmed", "rejected"]
    created_at: datetime
    decided_at: datetime | None
    record_id: str | None
