"""The care directory: hospitals, their NHC departments, doctors, weekly schedules and date exceptions."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import Boolean, Date, Float, ForeignKey, Integer, String, Time
from sqlalchemy.orm import Mapped, mapped_column

from ankang.db import Base, JsonDocument


class Hospital(Base):
    __tablename__ = "care_hospitals"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(200))
    grade: Mapped[str] = mapped_column(String(20))  # 三级甲等 … 未定级
    address: Mapped[str] = mapped_column(String(255))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    insurance: Mapped[list[str]] = mapped_column(JsonDocument)
    phone: Mapped[str | None] = mapped_column(String(40))
    synthetic: Mapped[bool] = mapped_column(Boolean)


class HospitalDepartment(Base):
    __tablename__ = "care_hospital_departments"

    hospital_id: Mapped[str] = mapped_column(ForeignKey("care_hospitals.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(12), primary_key=True, index=True)  # NHC 诊疗科目代码


class Doctor(Base):
    __tablename__ = "care_doctors"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    hospital_id: Mapped[str] = mapped_column(ForeignKey("care_hospitals.id", ondelete="CASCADE"), index=True)
    department_code: Mapped[str] = mapped_column(String(12), index=True)
    name: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(20))  # 主任医师 | 副主任医师 | 主治医师 | 住院医师
    specialties: Mapped[list[str]] = mapped_column(JsonDocument)
    languages: Mapped[list[str]] = mapped_column(JsonDocument)
    rating: Mapped[float | None] = mapped_column(Float)
    tele: Mapped[bool] = mapped_column(Boolean)
    slot_minutes: Mapped[int] = mapped_column(Integer)
    synthetic: Mapped[bool] = mapped_column(Boolean)


class ScheduleHours(Base):
    """Working hours of a doctor on one weekday (0 = Monday); several rows make morning/afternoon."""

    __tablename__ = "care_schedule_hours"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doctor_id: Mapped[str] = mapped_column(ForeignKey("care_doctors.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int] = mapped_column(Integer)
    start: Mapped[time] = mapped_column(Time)
    end: Mapped[time] = mapped_column(Time)


class ScheduleException(Base):
    """A date off the weekly pattern: closed (start/end empty) or other hours."""

    __tablename__ = "care_schedule_exceptions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doctor_id: Mapped[str] = mapped_column(ForeignKey("care_doctors.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    start: Mapped[time | None] = mapped_column(Time)
    end: Mapped[time | None] = mapped_column(Time)
