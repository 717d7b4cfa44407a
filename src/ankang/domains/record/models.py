"""Stored FHIR resources (JSON plus indexed search columns) and proposed entries awaiting a decision."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ankang.db import Base, JsonDocument, UTCDateTime


class StoredResource(Base):
    __tablename__ = "fhir_resources"
    __table_args__ = (
        Index("ix_fhir_resources_patient_type_date", "patient_id", "resource_type", "date"),
        Index("ix_fhir_resources_patient_type_code", "patient_id", "resource_type", "code"),
        Index("ix_fhir_resources_patient_type_category", "patient_id", "resource_type", "category"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    resource_type: Mapped[str] = mapped_column(String(40))
    patient_id: Mapped[str | None] = mapped_column(String(64))
    code_system: Mapped[str | None] = mapped_column(String(255))
    code: Mapped[str | None] = mapped_column(String(255))
    category: Mapped[str | None] = mapped_column(String(120))
    date: Mapped[datetime | None] = mapped_column(UTCDateTime())
    status: Mapped[str | None] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer)
    last_updated: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_by: Mapped[str] = mapped_column(String(64))
    resource: Mapped[dict[str, Any]] = mapped_column(JsonDocument)


class ProposedEntry(Base):
    """主动建档: a resource suggested by an interview (later a report or device), not yet in the record."""

    __tablename__ = "proposed_entries"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    patient_id: Mapped[str] = mapped_column(String(64), index=True)
    resource_type: Mapped[str] = mapped_column(String(40))
    resource: Mapped[dict[str, Any]] = mapped_column(JsonDocument)
    source: Mapped[str] = mapped_column(String(40))  # interview | manual | report | device
    state: Mapped[str] = mapped_column(String(20))  # proposed | confirmed | rejected
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str] = mapped_column(String(64))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by: Mapped[str | None] = mapped_column(String(64))
    record_id: Mapped[str | None] = mapped_column(String(64))  # the resource made on confirmation
