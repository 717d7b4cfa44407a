"""`create_app(settings)`: the one place the web application is assembled."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from ankang import __version__
from ankang.api import errors
from ankang.api.limits import BodyLimit, Limit
from ankang.api.routes import install_record
from ankang.config import Settings
from ankang.domains.interview.router import router as interview_router
from ankang.domains.interview.service import InterviewService
from ankang.domains.reports.files import MAX_FILE_BYTES
from ankang.domains.reports.router import router as reports_router
from ankang.domains.reports.service import ReportService
from ankang.knowledge.interview import load_pack

WEB_DIR = Path(__file__).resolve().parent.parent / "web" / "static"
MAX_BODY_BYTES = 1_000_000
# Report uploads (photos, PDFs) may be larger: the file limit plus room for the multipart envelope.
UPLOAD_LIMITS: dict[str, Limit] = {"/v1/reports/": (
    MAX_FILE_BYTES + 64 * 1024,
    f"file over {MAX_FILE_BYTES // 2**20} MB: send a smaller photo, or only the report pages of the PDF",
    f"文件超过 {MAX_FILE_BYTES // 2**20} MB：请压缩照片，或只上传 PDF 中化验单所在的页",
)}


def body_limit(path: str) -> Limit:
    return next((v for k, v in UPLOAD_LIMITS.items() if path.startswith(k)), (
        MAX_BODY_BYTES, f"request body over {MAX_BODY_BYTES} bytes", f"请求内容超过 {MAX_BODY_BYTES} 字节"))


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
    app.state.reports = ReportService.default()
    app.add_middleware(BodyLimit, limit_for=body_limit)
    errors.install(app)
    app.include_router(interview_router)
    app.include_router(reports_router)
    install_record(app, settings)  # health record: database, migrations, /fhir and /v1 record routes

    @app.get("/health", tags=["meta"])
    def health() -> JSONResponse:
        return JSONResponse({"status": "ok", "version": __version__, "knowledge": pack.version,
                             "demo": settings.demo})

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html")

    app.mount("/static", StaticFiles(directory=WEB_DIR), name="web")
    return app
