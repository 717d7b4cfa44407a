"""API shapes of care navigation (separate from the tables and the engine's dataclasses)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ankang.domains.shapes import LocalText

Level = Literal["emergency_ambulance", "emergency", "consultation_24", "consultation", "self_care"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class ConditionIn(_Strict):
    id: str = Field(min_length=1, max_length=120)
    name: LocalText | None = None


class LocationIn(_Strict):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class PreferencesIn(_Strict):
    language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}$", description="e.g. zh, en, yue")
    tele_consultation: bool = Field(default=False, description="only doctors offering tele-consultation")
    max_distance_km: float | None = Field(default=None, gt=0, le=500)


class MatchIn(_Strict):
    """The interview result (level, department code, top conditions) + where and how to be seen."""

    level: Level
    department_code: str = Field(pattern=r"^\d{2}(\.\d{2}){0,2}$", description="NHC 诊疗科目代码, e.g. 03.04")
    conditions: list[ConditionIn] = Field(default_factory=list, max_length=10)
    location: LocationIn
    preferences: PreferencesIn = Field(default_factory=PreferencesIn)
    insurance: str | None = Field(default=None, min_length=1, max_length=60)
    limit: int = Field(default=10, ge=1, le=50)


class SlotOut(BaseModel):
    start: datetime
    end: datetime
    local_start: str  # wall-clock time in Asia/Shanghai, e.g. 2026-03-02T09:00:00+08:00


class HospitalBrief(BaseModel):
    id: str
    name: LocalText
    grade: str
    address: str
    lat: float
    lon: float
    phone: str | None
    emergency: bool
    synthetic: bool


class DoctorOut(BaseModel):
    id: str
    name: str
    title: str
    department_code: str
    specialties: list[str]
    languages: list[str]
    rating: float | None
    tele_consultation: bool
    synthetic: bool


class DoctorMatchOut(BaseModel):
    doctor: DoctorOut
    hospital: HospitalBrief
    distance_km: float
    score: float
    reasons: list[LocalText]
    earliest_slots: list[SlotOut]


class EmergencyOut(BaseModel):
    hospital: HospitalBrief
    distance_km: float


class MatchOut(BaseModel):
    kind: Literal["book", "self_care", "emergency"]
    booking_offered: bool
    call_120: bool
    horizon_days: list[str] = Field(description="first and last local day searched; empty when no booking")
    department: LocalText
    notices: list[LocalText]
    doctors: list[DoctorMatchOut]
    emergency_departments: list[EmergencyOut]


class HospitalOut(HospitalBrief):
    insurance: list[str]
    departments: list[str]
    doctors: list[DoctorOut]


class RowProblemOut(BaseModel):
    line: int
    column: str
    message: LocalText


class ImportReportOut(BaseModel):
    kind: str
    imported: int
    problems: list[RowProblemOut]
