"""The one error tree of ankang.

    AnkangError                 base; carries a machine code and zh/en messages
    ├── InvalidInput            the caller sent something wrong (HTTP 400/422)
    ├── NotFound                the thing asked for does not exist (404)
    ├── Conflict                the request clashes with current state (409)
    ├── AccessDenied            not allowed; says little to the caller (403)
    ├── KnowledgeGap            the knowledge pack cannot answer / is invalid (422 or start-up failure)
    └── UpstreamError           an outside system failed (502)

Clinical outcomes (red flags, abnormal values) are never errors: they are fields of results.
"""

from __future__ import annotations


class AnkangError(Exception):
    """Base of every error ankang raises on purpose."""

    code = "exception"

    def __init__(self, message: str, *, zh: str | None = None, expression: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.zh = zh or message
        self.expression = expression  # where in the input the problem is, e.g. "evidence[2].id"


class InvalidInput(AnkangError):
    code = "invalid"


class NotFound(AnkangError):
    code = "not-found"


class Conflict(AnkangError):
    code = "conflict"


class AccessDenied(AnkangError):
    code = "forbidden"


class KnowledgeGap(AnkangError):
    code = "not-supported"


class UpstreamError(AnkangError):
    code = "transient"
