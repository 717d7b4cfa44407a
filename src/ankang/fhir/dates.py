"""FHIR date/dateTime values and the `date` search parameter, as UTC intervals."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from ankang.errors import InvalidInput

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
PREFIXES = ("eq", "ge", "gt", "le", "lt")


def instant(value: str) -> datetime:
    """The start of a FHIR date or dateTime, in UTC (a dateTime without zone is taken as UTC)."""
    return interval(value)[0]


def interval(value: str) -> tuple[datetime, datetime]:
    """[start, end) covered by a date of any precision: '2024' is the whole year."""
    m = _PARTIAL.match(value)
    try:
        if m:
            year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
            start = datetime(year, month, day, tzinfo=UTC)
            if m[3]:
                return start, start + timedelta(days=1)
            if m[2]:
                return start, datetime(year + month // 12, month % 12 + 1, 1, tzinfo=UTC)
            return start, datetime(year + 1, 1, 1, tzinfo=UTC)
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInput(f"not a FHIR date: {value!r}", zh=f"不是有效的 FHIR 日期：{value!r}",
                           expression="date") from None
    start = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    return start, start + timedelta(seconds=1)


def search_bound(param: str) -> tuple[str, datetime, datetime]:
    """Split a `date` search value such as 'ge2024-01' into (prefix, start, end)."""
    prefix = param[:2] if param[:2].isalpha() else "eq"
    value = param[2:] if param[:2].isalpha() else param
    if prefix not in PREFIXES:
        raise InvalidInput(f"unsupported date prefix {prefix!r} (use one of {', '.join(PREFIXES)})",
                           zh=f"不支持的日期前缀 {prefix!r}", expression="date")
    start, end = interval(value)
    return prefix, start, end
