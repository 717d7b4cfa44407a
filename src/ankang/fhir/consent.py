"""PIPL consents as FHIR R4 Consent resources, and the terms ankang reads back from them.

PIPL (个人信息保护法, 2021) art. 28 makes medical and health information sensitive personal
information; art. 29 requires a *separate* consent to process it, and art. 15 lets the person
withdraw a consent at any time. Hence one Consent per purpose, each revocable on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from ankang.errors import InvalidInput
from ankang.fhir.dates import instant

Purpose = Literal["store_record", "device_sync", "share_with", "research_deidentified"]
PURPOSES: tuple[Purpose, ...] = ("store_record", "device_sync", "share_with", "research_deidentified")
PURPOSE_SYSTEM = "https://ankang.health/fhir/CodeSystem/consent-purpose"
ACCOUNT_SYSTEM = "https://ankang.health/fhir/NamingSystem/account"
RESOURCE_TYPES_SYSTEM = "http://hl7.org/fhir/resource-types"
_SCOPE = {  # http://terminology.hl7.org/CodeSystem/consentscope
    "store_record": "patient-privacy", "device_sync": "patient-privacy",
    "share_with": "treatment", "research_deidentified": "research",
}
_LABEL = {
    "store_record": "同意安康保存我的健康档案 / store my health record",
    "device_sync": "同意同步我的设备数据 / sync my devices",
    "share_with": "同意向指定医生或机构共享 / share with a named doctor or organisation",
    "research_deidentified": "同意将去标识化数据用于研究 / use de-identified data for research",
}


@dataclass(frozen=True, slots=True)
class ConsentTerms:
    """What one Consent allows, as the access engine needs it."""

    id: str
    patient_id: str
    purpose: str
    grantee_id: str | None  # the account a share_with consent names
    resource_types: frozenset[str]  # empty: every type
    active: bool
    start: datetime | None
    end: datetime | None

    def in_force(self, now: datetime) -> bool:
        return self.active and (self.start is None or self.start <= now) and (self.end is None or now < self.end)

    def covers(self, resource_type: str) -> bool:
        return not self.resource_types or resource_type in self.resource_types


def consent_resource(*, patient_id: str, purpose: str, now: datetime, grantee_id: str | None = None,
                     grantee_name: str | None = None, resource_types: Iterable[str] = (),
                     end: datetime | None = None) -> dict[str, Any]:
    """A new, active FHIR Consent for one purpose."""
    if purpose not in PURPOSES:
        raise InvalidInput(f"unknown consent purpose {purpose!r}", zh=f"未知的同意目的 {purpose!r}",
                           expression="purpose")
    if (purpose == "share_with") != (grantee_id is not None):
        raise InvalidInput("share_with needs a grantee, and only share_with takes one",
                           zh="只有 share_with 需要并且必须指定共享对象", expression="grantee_id")
    period: dict[str, str] = {"start": _iso(now)}
    if end is not None:
        period["end"] = _iso(end)
    provision: dict[str, Any] = {"type": "permit", "period": period}
    if grantee_id is not None:
        provision["actor"] = [{
            "role": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                                 "code": "IRCP", "display": "information recipient"}]},
            "reference": {"identifier": {"system": ACCOUNT_SYSTEM, "value": grantee_id},
                          **({"display": grantee_name} if grantee_name else {})},
        }]
    types = sorted(set(resource_types))
    if types:
        provision["class"] = [{"system": RESOURCE_TYPES_SYSTEM, "code": t} for t in types]
    return {
        "resourceType": "Consent",
        "status": "active",
        "scope": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope",
                              "code": _SCOPE[purpose]}]},
        "category": [
            {"coding": [{"system": "http://loinc.org", "code": "59284-0", "display": "Patient Consent"}]},
            {"coding": [{"system": PURPOSE_SYSTEM, "code": purpose, "display": _LABEL[purpose]}]},
        ],
        "patient": {"reference": f"Patient/{patient_id}"},
        "dateTime": _iso(now),
        "policyRule": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "OPTIN"}],
                       "text": "PIPL art. 29 separate consent / 个人信息保护法第二十九条单独同意"},
        "provision": provision,
    }


def revoke(resource: dict[str, Any], now: datetime) -> dict[str, Any]:
    """The Consent withdrawn from `now` on (status inactive, period closed)."""
    provision = dict(resource.get("provision") or {})
    provision["period"] = {**(provision.get("period") or {}), "end": _iso(now)}
    return {**resource, "status": "inactive", "provision": provision}


def consent_terms(resource: dict[str, Any]) -> ConsentTerms:
    provision = resource.get("provision") or {}
    period = provision.get("period") or {}
    purpose = next((c.get("code") for cat in resource.get("category", []) for c in cat.get("coding", [])
                    if c.get("system") == PURPOSE_SYSTEM), None)
    grantee = next((a["reference"]["identifier"]["value"] for a in provision.get("actor", [])
                    if a.get("reference", {}).get("identifier", {}).get("system") == ACCOUNT_SYSTEM), None)
    return ConsentTerms(
        id=str(resource.get("id", "")),
        patient_id=str(resource.get("patient", {}).get("reference", "")).removeprefix("Patient/"),
        purpose=str(purpose or ""),
        grantee_id=grantee,
        resource_types=frozenset(c["code"] for c in provision.get("class", []) if c.get("code")),
        active=resource.get("status") == "active" and provision.get("type", "permit") == "permit",
        start=instant(period["start"]) if period.get("start") else None,
        end=instant(period["end"]) if period.get("end") else None,
    )


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
