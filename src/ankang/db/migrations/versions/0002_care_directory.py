"""Care directory: hospitals, their departments, doctors, weekly schedule hours and date exceptions.

Revision ID: 0002
Revises: 0001
Create Date: 2026-03-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ankang.db.base import JsonDocument

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "care_hospitals",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("name_zh", sa.String(120), nullable=False),
        sa.Column("name_en", sa.String(200), nullable=False),
        sa.Column("grade", sa.String(20), nullable=False),
        sa.Column("address", sa.String(255), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("insurance", JsonDocument, nullable=False),
        sa.Column("phone", sa.String(40), nullable=True),
        sa.Column("synthetic", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_hospitals")),
    )
    op.create_table(
        "care_hospital_departments",
        sa.Column("hospital_id", sa.String(64), nullable=False),
        sa.Column("code", sa.String(12), nullable=False),
        sa.ForeignKeyConstraint(["hospital_id"], ["care_hospitals.id"], ondelete="CASCADE",
                                name=op.f("fk_care_hospital_departments_hospital_id_care_hospitals")),
        sa.PrimaryKeyConstraint("hospital_id", "code", name=op.f("pk_care_hospital_departments")),
    )
    op.create_index(op.f("ix_care_hospital_departments_code"), "care_hospital_departments", ["code"])
    op.create_table(
        "care_doctors",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("hospital_id", sa.String(64), nullable=False),
        sa.Column("department_code", sa.String(12), nullable=False),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("title", sa.String(20), nullable=False),
        sa.Column("specialties", JsonDocument, nullable=False),
        sa.Column("languages", JsonDocument, nullable=False),
        sa.Column("rating", sa.Float(), nullable=True),
        sa.Column("tele", sa.Boolean(), nullable=False),
        sa.Column("slot_minutes", sa.Integer(), nullable=False),
        sa.Column("synthetic", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["hospital_id"], ["care_hospitals.id"], ondelete="CASCADE",
                                name=op.f("fk_care_doctors_hospital_id_care_hospitals")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_doctors")),
    )
    op.create_index(op.f("ix_care_doctors_hospital_id"), "care_doctors", ["hospital_id"])
    op.create_index(op.f("ix_care_doctors_department_code"), "care_doctors", ["department_code"])
    for table, nullable in (("care_schedule_hours", False), ("care_schedule_exceptions", True)):
        day = ([sa.Column("weekday", sa.Integer(), nullable=False)] if table == "care_schedule_hours"
               else [sa.Column("day", sa.Date(), nullable=False)])
        op.create_table(
            table,
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("doctor_id", sa.String(64), nullable=False),
            *day,
            sa.Column("start", sa.Time(), nullable=nullable),
            sa.Column("end", sa.Time(), nullable=nullable),
            sa.ForeignKeyConstraint(["doctor_id"], ["care_doctors.id"], ondelete="CASCADE",
                                    name=op.f(f"fk_{table}_doctor_id_care_doctors")),
            sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        )
        op.create_index(op.f(f"ix_{table}_doctor_id"), table, ["doctor_id"])


def downgrade() -> None:
    for table in ("care_schedule_exceptions", "care_schedule_hours", "care_doctors", "care_hospital_departments",
                  "care_hospitals"):
        op.drop_table(table)
