"""API shapes shared by every domain: bilingual text, cited sources, the AI label."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel


class LocalText(BaseModel):
    zh: str
    en: str


class SourceOut(BaseModel):
    id: str
    title: str
    url: str | None = None


class AiLabel(BaseModel):
    """Every AI answer says what it is, and what it is not."""

    generated_by: Literal["ankang-ai"] = "ankang-ai"
    notice: LocalText
