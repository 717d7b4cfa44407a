"""FHIR Bundles: search results and whole-record exports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal


def bundle(kind: Literal["searchset", "collection"], resources: Sequence[dict[str, Any]], *,
           now: datetime, total: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "resourceType": "Bundle",
        "type": kind,
        "timestamp": now.isoformat(timespec="seconds"),
        "entry": [{"fullUrl": f"{r['resourceType']}/{r['id']}", "resource": r} for r in resources],
    }
    if kind == "searchset":
        out["total"] = len(resources) if total is None else total
        for entry in out["entry"]:
            entry["search"] = {"mode": "match"}
    return out
