"""Download my audit trail (who accessed my record, and what I did) as a Bundle of AuditEvents."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from ankang.db import PendingAudit
from ankang.domains.audit import service
from ankang.domains.deps import Uow, Who
from ankang.fhir.bundle import bundle

router = APIRouter(prefix="/v1/audit", tags=["audit 审计"])


@router.get("/me", summary="My audit trail as FHIR AuditEvents / 下载我的访问记录")
def my_trail(uow: Uow, who: Who) -> JSONResponse:
    rows = service.trail(uow.session, who.patient_id, who.account_id)
    uow.record(PendingAudit(who.account_id, who.role, "audit_download", "allowed", "owner", who.patient_id,
                            "AuditEvent", None, f"{len(rows)} entries"))
    events = [service.as_audit_event(r) for r in rows]
    return JSONResponse(bundle("collection", events, now=uow.now), media_type="application/fhir+json")
