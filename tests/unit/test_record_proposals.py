"""Interview evidence → proposed FHIR entries (主动建档), on the shipped pack."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ankang.engines.proposals import Finding, propose_from_findings
from ankang.errors import InvalidInput
from ankang.fhir import parse_resource
from ankang.knowledge.interview import load_pack

NOW = datetime(2025, 6, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def pack():  # type: ignore[no-untyped-def]
    return load_pack()


def test_history_becomes_condition_allergy_and_medication(pack) -> None:  # type: ignore[no-untyped-def]
    findings = [Finding("hypertension_history", "present"), Finding("allergy_history", "present"),
                Finding("headache", "present"), Finding("diabetes_history", "absent"),
                Finding("stroke_history", "present", uncertain=True), Finding("hypertension_history", "present")]
    if "ccb_use" in pack.evidences:
        findings.append(Finding("ccb_use", "present"))
    out = propose_from_findings(findings, pack, "p1", NOW)
    by_type = {r["resourceType"]: r for r in out}
    assert [r["resourceType"] for r in out].count("Condition") == 1  # duplicates, absent, uncertain dropped
    assert by_type["Condition"]["code"]["coding"][0]["code"] == "hypertension_history"
    assert by_type["Condition"]["verificationStatus"]["coding"][0]["code"] == "unconfirmed"
    assert by_type["AllergyIntolerance"]["patient"] == {"reference": "Patient/p1"}
    if "ccb_use" in pack.evidences:
        assert by_type["MedicationStatement"]["status"] == "active"
    for resource in out:
        parse_resource(resource)  # each proposal is valid FHIR


def test_family_history_and_events_propose_nothing(pack) -> None:  # type: ignore[no-untyped-def]
    findings = [Finding(e, "present") for e in ("family_history_diabetes", "recent_trauma") if e in pack.evidences]
    assert findings and propose_from_findings(findings, pack, "p1", NOW) == []


def test_unknown_evidence_is_named(pack) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput) as err:
        propose_from_findings([Finding("headache", "present"), Finding("nope", "present")], pack, "p1", NOW)
    assert err.value.expression == "evidence[1].id"
