"""The single mapping from errors to HTTP: an OperationOutcome-like body, never a stack trace."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from ankang import errors

log = logging.getLogger("ankang.api")

STATUS = {
    errors.InvalidInput: 400,
    errors.NotFound: 404,
    errors.Conflict: 409,
    errors.AccessDenied: 403,
    errors.KnowledgeGap: 422,
    errors.UpstreamError: 502,
}


HTTP_CODES = {404: "not-found", 405: "not-supported", 413: "too-costly"}
_ZH = {404: "找不到该地址", 405: "该地址不支持此请求方法"}


def field_path(loc: object) -> str:
    """('body', 'evidence', 0, 'id') → 'evidence[0].id', the same form the engines use."""
    parts = [p for p in (loc if isinstance(loc, (list, tuple)) else ()) if p not in ("body", "query", "path")]
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "body"


def outcome(status: int, code: str, en: str, zh: str, expression: str | None = None) -> JSONResponse:
    issue: dict[str, object] = {"severity": "error", "code": code, "details": {"zh": zh, "en": en}}
    if expression:
        issue["expression"] = [expression]
    return JSONResponse({"resourceType": "OperationOutcome", "issue": [issue]}, status_code=status)


def install(app: FastAPI) -> None:
    @app.exception_handler(errors.AnkangError)
    async def ankang_error(request: Request, exc: errors.AnkangError) -> JSONResponse:
        status = next((v for k, v in STATUS.items() if isinstance(exc, k)), 400)
        return outcome(status, exc.code, exc.message, exc.zh, exc.expression)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        issues = []
        for err in exc.errors():
            where = field_path(err.get("loc", ()))
            issues.append({
                "severity": "error",
                "code": "invalid",
                "details": {"zh": f"请求字段 {where} 无效：{err.get('msg')}", "en": f"{where}: {err.get('msg')}"},
                "expression": [where],
            })
        return JSONResponse({"resourceType": "OperationOutcome", "issue": issues}, status_code=422)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        code = HTTP_CODES.get(exc.status_code, "processing")
        return outcome(exc.status_code, code, str(exc.detail), getattr(exc, "zh", None) or _ZH.get(exc.status_code, str(exc.detail)))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return outcome(500, "exception", "internal error", "服务器内部错误")
