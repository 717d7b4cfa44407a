"""API shapes of consents (the stored form is a FHIR Consent)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ResourceTypeName = Literal["Patient", "Condition", "Observation", "MedicationStatement", "AllergyIntolerance",
                           "Provenance"]


class ConsentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    purpose: Literal["store_record", "device_sync", "share_with", "research_deidentified"]
    patient_id: str | None = Field(default=None, max_length=64, description="default: my own record")
    grantee_id: str | None = Field(default=None, max_length=64, description="share_with: the doctor's account id")
    resource_types: list[ResourceTypeName] = Field(default_factory=list, max_length=10,
                                                   description="share_with: what the grantee may see; [] = all")
    expires_at: datetime | None = None
