"""主动建档: interview evidence → proposed FHIR entries (pure; the person confirms or rejects them).

Kept deliberately simple, by the naming of the pack's history evidences, for answers reported as
present: `<disease>_history` (e.g. `hypertension_history`) → a Condition on the problem list;
`allergy_history` → an AllergyIntolerance; `<drug class>_use` (e.g. `ccb_use`, amlodipine) and
`<drug>_long_term` → a MedicationStatement. Symptoms, events and exposures, absent or uncertain
answers and family history propose nothing. The entries are patient-reported, so they are marked
unconfirmed (or as the patient's own statement) until a clinician says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ankang.errors import InvalidInput
from ankang.knowledge.interview.model import Pack

EVIDENCE_SYSTEM = "https://ankang.health/fhir/CodeSystem/interview-evidence"
_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
_ALLERGY_CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical"
_ALLERGY_VERIFICATION = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification"


@dataclass(frozen=True, slots=True)
class Finding:
    evidence_id: str
    choice: str  # present | absent | unknown
    uncertain: bool = False


def propose_from_findings(findings: Iterable[Finding], pack: Pack, patient_id: str,
                          now: datetime) -> list[dict[str, Any]]:
    """FHIR resources (without ids) to propose for `patient_id`; unknown evidence ids are an error."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, f in enumerate(findings):
        evidence = pack.evidences.get(f.evidence_id)
        if evidence is None:
            raise InvalidInput(f"unknown evidence id {f.evidence_id!r}", zh=f"未知的症状编号 {f.evidence_id!r}",
                               expression=f"evidence[{i}].id")
        kind = _kind(evidence.id, evidence.type)
        if f.choice != "present" or f.uncertain or kind is None or evidence.id in seen:
            continue
        seen.add(evidence.id)
        code = {"coding": [{"system": EVIDENCE_SYSTEM, "code": evidence.id, "display": evidence.name.en}],
                "text": evidence.name.zh}
        out.append(_BUILD[kind](code, patient_id, now))
    return out


def _kind(evidence_id: str, evidence_type: str) -> str | None:
    if evidence_type != "history" or evidence_id.startswith("family_history"):
        return None
    if evidence_id == "allergy_history":
        return "allergy"
    if evidence_id.endswith("_history"):
        return "condition"
    if evidence_id.endswith(("_use", "_long_term")):
        return "medication"
    return None


def _condition(code: dict[str, Any], patient_id: str, now: datetime) -> dict[str, Any]:
    return {
        "resourceType": "Condition",
        "clinicalStatus": {"coding": [{"system": _CLINICAL, "code": "active"}]},
        "verificationStatus": {"coding": [{"system": _VERIFICATION, "code": "unconfirmed"}]},
        "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-category",
                                  "code": "problem-list-item"}]}],
        "code": code,
        "subject": {"reference": f"Patient/{patient_id}"},
        "recordedDate": now.isoformat(timespec="seconds"),
    }


def _allergy(code: dict[str, Any], patient_id: str, now: datetime) -> dict[str, Any]:
    return {
        "resourceType": "AllergyIntolerance",
        "clinicalStatus": {"coding": [{"system": _ALLERGY_CLINICAL, "code": "active"}]},
        "verificationStatus": {"coding": [{"system": _ALLERGY_VERIFICATION, "code": "unconfirmed"}]},
        "code": code,
        "patient": {"reference": f"Patient/{patient_id}"},
        "recordedDate": now.isoformat(timespec="seconds"),
    }


def _medication(code: dict[str, Any], patient_id: str, now: datetime) -> dict[str, Any]:
    return {
        "resourceType": "MedicationStatement",
        "status": "active",
        "medicationCodeableConcept": code,
        "subject": {"reference": f"Patient/{patient_id}"},
        "dateAsserted": now.isoformat(timespec="seconds"),
        "informationSource": {"reference": f"Patient/{patient_id}"},
    }


_BUILD: dict[str, Callable[[dict[str, Any], str, datetime], dict[str, Any]]] = {
    "condition": _condition, "allergy": _allergy, "medication": _medication,
}
