"""Request body limits, enforced on the bytes actually received (chunked bodies included)."""

from __future__ import annotations

from collections.abc import Callable

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ankang.api import errors

Limit = tuple[int, str, str]  # bytes, English message, Chinese message


class BodyTooLarge(HTTPException):
    def __init__(self, en: str, zh: str) -> None:
        super().__init__(status_code=413, detail=en)
        self.zh = zh


class BodyLimit:
    """Pure ASGI middleware: 413 as soon as a body exceeds the limit for its path."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], Limit]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit, en, zh = self.limit_for(scope["path"])
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await errors.outcome(413, "too-costly", en, zh)(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(en, zh)
            return message

        await self.app(scope, counted, send)
