"""REST route of report extraction (thin: read the request, hand it to the service).

`POST /v1/reports/extract` takes either multipart/form-data (`file`, optional `sex`, `age`) or JSON
(`{"text": …, "sex": …, "age": …}`) and returns the table read, checked and explained. Nothing is stored.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from ankang.domains.reports import schemas as s
from ankang.domains.reports.deps import get_report_service
from ankang.domains.reports.files import MAX_FILE_BYTES, bad
from ankang.domains.reports.service import ReportService

router = APIRouter(prefix="/v1/reports", tags=["reports 报告解读"])
Service = Annotated[ReportService, Depends(get_report_service)]
_TOO_LARGE = (f"文件超过 {MAX_FILE_BYTES // 2**20} MB，请压缩照片或只上传化验单所在页 / "
              f"file over {MAX_FILE_BYTES // 2**20} MB: send a smaller photo or only the report pages")
_OPENAPI = {"requestBody": {"content": {
    "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
        "file": {"type": "string", "format": "binary", "description": "photo (JPEG/PNG/HEIC), PDF or text"},
        "sex": {"type": "string", "enum": ["female", "male"]},
        "age": {"type": "number", "minimum": 0, "maximum": 130}}}},
    "application/json": {"schema": s.TextIn.model_json_schema()},
}, "required": True}}


def _validate(model: type[s.PatientIn], raw: object) -> s.PatientIn:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors(include_url=False)) from exc


@router.post("/extract", response_model=s.ReportOut, openapi_extra=_OPENAPI,
             summary="Report photo, PDF or text → checked table and explanation / 化验单识别与解读")
async def extract(request: Request, service: Service) -> s.ReportOut:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().casefold()
    if ctype == "application/json":
        try:
            raw = await request.json()
        except ValueError as exc:
            raise bad("the body is not valid JSON", "请求内容不是有效的 JSON", "body") from exc
        body = _validate(s.TextIn, raw)
        assert isinstance(body, s.TextIn)
        return await run_in_threadpool(service.from_text, body)
    if ctype != "multipart/form-data":
        raise HTTPException(415, "请以 multipart/form-data 上传文件，或以 JSON 发送文本 / send a file as "
                                 "multipart/form-data or text as JSON")
    async with request.form(max_files=1, max_fields=5, max_part_size=64 * 1024) as form:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise bad("send the report in the form field `file`", "请在表单字段 file 中上传化验单", "file")
        data = await upload.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise HTTPException(413, _TOO_LARGE)
        fields = {k: v for k in ("sex", "age") if isinstance(v := form.get(k), str) and v.strip()}
    patient = _validate(s.PatientIn, fields)
    return await run_in_threadpool(service.from_file, data, patient)
