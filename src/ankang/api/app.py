"""`create_app(settings)`: the one place the web application is assembled."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import Response

from ankang import __version__
from ankang.api import errors
from ankang.config import Settings
from ankang.domains.interview.router import router as interview_router
from ankang.domains.interview.service import InterviewService
from ankang.knowledge.interview import load_pack

WEB_DIR = Path(__file__).resolve().parent.parent / "web" / "static"
MAX_BODY_BYTES = 1_000_000


class BodyLimit(BaseHTTPMiddleware):
    """Refuse oversized bodies before reading them."""

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > MAX_BODY_BYTES:
            return errors.outcome(413, "too-costly", f"request body over {MAX_BODY_BYTES} bytes",
                                  f"请求内容超过 {MAX_BODY_BYTES} 字节")
        return await call_next(request)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    pack = load_pack(settings.knowledge_dir)
    app = FastAPI(
        title="ankang 安康 API",
        version=__version__,
        description="安康AI健康管家：症状问诊、分诊与科室推荐。AI generated answers, never a diagnosis.",
        docs_url=None,  # the Swagger UI loads from a CDN; the OpenAPI document stays at /openapi.json
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.interview = InterviewService.from_pack(pack, settings)
    app.add_middleware(BodyLimit)
    errors.install(app)
    app.include_router(interview_router)

    @app.get("/health", tags=["meta"])
    def health() -> JSONResponse:
        return JSONResponse({"status": "ok", "version": __version__, "knowledge": pack.version,
                             "demo": settings.demo})

    if WEB_DIR.is_dir():
        app.mount("/", StaticFiles(directory=WEB_DIR, html=True), name="web")
    return app
