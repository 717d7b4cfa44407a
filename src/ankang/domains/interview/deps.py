"""Dependencies of the interview routes: the service built once by create_app."""

from __future__ import annotations

from typing import cast

from fastapi import Request

from ankang.domains.interview.service import InterviewService


def get_interview_service(request: Request) -> InterviewService:
    return cast(InterviewService, request.app.state.interview)
