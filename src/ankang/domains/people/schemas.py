"""API shapes of sign-up, dependents (亲情账户), proxy grants and account deletion."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ankang.domains.consent.schemas import ResourceTypeName


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SignUpIn(_Strict):
    email: str = Field(min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")
    password: str = Field(min_length=10, max_length=256)
    display_name: str = Field(min_length=1, max_length=100)
    role: Literal["person", "doctor"] = "person"
    gender: Literal["male", "female", "other", "unknown"] | None = None
    birth_date: date | None = None
    consent_store_record: bool = Field(
        default=False, description="separate consent (PIPL art. 29) to keep my health record / 同意保存健康档案")


class DependentIn(_Strict):
    display_name: str = Field(min_length=1, max_length=100)
    gender: Literal["male", "female", "other", "unknown"] | None = None
    birth_date: date | None = None
    consent_store_record: bool = False


class GrantIn(_Strict):
    grantee_email: str = Field(min_length=3, max_length=254)
    patient_id: str | None = Field(default=None, max_length=64, description="default: my own record")
    access: Literal["read", "read_write"] = "read"
    resource_types: list[ResourceTypeName] = Field(default_factory=list, max_length=10)
    expires_at: datetime | None = None


class GrantOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    patient_id: str
    grantee_id: str
    kind: Literal["guardian", "relative"]
    access: Literal["read", "read_write"]
    resource_types: list[str]
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None


class PatientOut(BaseModel):
    patient_id: str
    display_name: str


class DeletionOut(BaseModel):
    deletion_requested_at: datetime | None
    purge_after: datetime | None
