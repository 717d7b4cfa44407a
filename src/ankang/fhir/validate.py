"""Validate a FHIR resource on the way in with the `fhir.resources` R4B models."""

from __future__ import annotations

from typing import Any

from fhir.resources.R4B import get_fhir_model_class
from pydantic import ValidationError

from ankang.errors import InvalidInput

FHIR_VERSION = "4.0.1"  # the shapes follow R4; validated with fhir.resources.R4B (4.3, R4-compatible)
# The resource types the record keeps (Consent and Provenance are written by ankang itself).
RECORD_TYPES = frozenset({
    "Patient", "Condition", "Observation", "MedicationStatement", "AllergyIntolerance", "Consent", "Provenance",
})
MAX_ERRORS = 10


def parse_resource(data: object, expected_type: str | None = None) -> dict[str, Any]:
    """Check `data` is a valid FHIR resource (of `expected_type`) and return its normalised JSON."""
    if not isinstance(data, dict):
        raise InvalidInput("a FHIR resource must be a JSON object", zh="FHIR 资源必须是 JSON 对象",
                           expression="resourceType")
    resource_type = data.get("resourceType")
    if not isinstance(resource_type, str) or not resource_type:
        raise InvalidInput("resourceType is missing", zh="缺少 resourceType", expression="resourceType")
    if expected_type is not None and resource_type != expected_type:
        raise InvalidInput(f"resourceType {resource_type!r} does not match {expected_type!r}",
                           zh=f"resourceType {resource_type!r} 与 {expected_type!r} 不符", expression="resourceType")
    try:
        model_class = get_fhir_model_class(resource_type)
    except (KeyError, ValueError, AttributeError):
        raise InvalidInput(f"unknown FHIR resource type {resource_type!r}",
                           zh=f"未知的 FHIR 资源类型 {resource_type!r}", expression="resourceType") from None
    try:
        model = model_class.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()[:MAX_ERRORS]
        where = ".".join(str(p) for p in errors[0].get("loc", ())) if errors else resource_type
        message = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in errors)
        raise InvalidInput(f"invalid {resource_type}: {message}", zh=f"无效的 {resource_type}：{message}",
                           expression=f"{resource_type}.{where}") from None
    out: dict[str, Any] = model.model_dump(mode="json", by_alias=True, exclude_none=True)
    return out
