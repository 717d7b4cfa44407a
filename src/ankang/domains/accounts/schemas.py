"""API shapes of accounts and sign-in."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SignInIn(_Strict):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=256)


class TokenOut(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_at: datetime


class AccountOut(BaseModel):
    id: str
    email: str
    role: Literal["person", "doctor", "org_admin"]
    display_name: str
    patient_id: str | None
    deletion_requested_at: datetime | None = None
