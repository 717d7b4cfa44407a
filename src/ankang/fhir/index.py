"""The searchable fields of a stored resource: patient, code, category, date, status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ankang.errors import InvalidInput
from ankang.fhir.consent import PURPOSE_SYSTEM
from ankang.fhir.dates import instant

# Where each type names its patient, its main code and its date (first present wins).
PATIENT_FIELD = {
    "Condition": "subject", "Observation": "subject", "MedicationStatement": "subject",
    "AllergyIntolerance": "patient", "Consent": "patient",
}
CODE_FIELD = {
    "Condition": "code", "Observation": "code", "MedicationStatement": "medicationCodeableConcept",
    "AllergyIntolerance": "code", "Consent": "category",
}
DATE_FIELDS = {
    "Patient": ("birthDate",),
    "Condition": ("recordedDate", "onsetDateTime"),
    "Observation": ("effectiveDateTime", "effectivePeriod.start", "effectiveInstant", "issued"),
    "MedicationStatement": ("effectiveDateTime", "effectivePeriod.start", "dateAsserted"),
    "AllergyIntolerance": ("recordedDate", "onsetDateTime"),
    "Consent": ("dateTime",),
    "Provenance": ("recorded",),
}


@dataclass(frozen=True, slots=True)
class IndexFields:
    patient_id: str | None
    code_system: str | None
    code: str | None
    category: str | None
    date: datetime | None
    status: str | None


def patient_of(resource: dict[str, Any]) -> str | None:
    """The id of the Patient a resource belongs to (a Patient belongs to itself)."""
    rtype = resource["resourceType"]
    if rtype == "Patient":
        return str(resource["id"]) if resource.get("id") else None
    field = PATIENT_FIELD.get(rtype)
    if field is None:
        return None
    ref = (resource.get(field) or {}).get("reference", "")
    if not isinstance(ref, str) or not ref.startswith("Patient/") or len(ref) <= len("Patient/"):
        raise InvalidInput(f"{rtype}.{field} must reference a Patient as 'Patient/<id>'",
                           zh=f"{rtype}.{field} 必须以 'Patient/<id>' 指向一位患者", expression=f"{rtype}.{field}")
    return ref.removeprefix("Patient/")


def index_fields(resource: dict[str, Any]) -> IndexFields:
    rtype = resource["resourceType"]
    system, code = _first_coding(_get(resource, CODE_FIELD.get(rtype, "")))
    if rtype == "Consent":  # the purpose coding, not the LOINC "patient consent" one
        system, code = _purpose_coding(resource)
    return IndexFields(
        patient_id=patient_of(resource),
        code_system=system,
        code=code,
        category=_category(resource),
        date=_date(resource),
        status=_status(resource),
    )


def _get(resource: dict[str, Any], path: str) -> Any:
    value: Any = resource
    for part in path.split(".") if path else ():
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _first_coding(concept: Any) -> tuple[str | None, str | None]:
    if isinstance(concept, list):
        concept = concept[0] if concept else None
    codings = concept.get("coding", []) if isinstance(concept, dict) else []
    for coding in codings:
        if coding.get("code"):
            return coding.get("system"), str(coding["code"])
    return None, None


def _purpose_coding(resource: dict[str, Any]) -> tuple[str | None, str | None]:
    for concept in resource.get("category", []):
        for coding in concept.get("coding", []):
            if coding.get("system") == PURPOSE_SYSTEM:
                return PURPOSE_SYSTEM, coding.get("code")
    return None, None


def _category(resource: dict[str, Any]) -> str | None:
    value = resource.get("category")
    if isinstance(value, list) and value and isinstance(value[0], str):  # AllergyIntolerance: codes
        return value[0]
    return _first_coding(value)[1] if resource["resourceType"] != "Consent" else "consent"


def _date(resource: dict[str, Any]) -> datetime | None:
    for path in DATE_FIELDS.get(resource["resourceType"], ()):
        value = _get(resource, path)
        if isinstance(value, str) and value:
            return instant(value)
    return None


def _status(resource: dict[str, Any]) -> str | None:
    value = resource.get("status") or _first_coding(resource.get("clinicalStatus"))[1]
    return str(value) if value else None
