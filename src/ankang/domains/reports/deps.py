"""Dependencies of the report routes: the service built once by create_app."""

from __future__ import annotations

from typing import cast

from fastapi import Request

from ankang.domains.reports.service import ReportService


def get_report_service(request: Request) -> ReportService:
    return cast(ReportService, request.app.state.reports)
