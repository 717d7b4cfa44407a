"""FHIR helpers: validation at the edge, index fields, date search bounds, consent round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ankang.errors import InvalidInput
from ankang.fhir import parse_resource
from ankang.fhir.consent import consent_resource, consent_terms, revoke
from ankang.fhir.dates import interval, search_bound
from ankang.fhir.index import index_fields

NOW = datetime(2025, 6, 1, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(("value", "start", "end"), [
    ("2024", datetime(2024, 1, 1, tzinfo=UTC), datetime(2025, 1, 1, tzinfo=UTC)),
    ("2024-12", datetime(2024, 12, 1, tzinfo=UTC), datetime(2025, 1, 1, tzinfo=UTC)),
    ("2024-02-29", datetime(2024, 2, 29, tzinfo=UTC), datetime(2024, 3, 1, tzinfo=UTC)),
    ("2024-03-01T08:00:00+08:00", datetime(2024, 3, 1, 0, 0, tzinfo=UTC), datetime(2024, 3, 1, 0, 0, 1, tzinfo=UTC)),
])
def test_date_intervals(value: str, start: datetime, end: datetime) -> None:
    assert interval(value) == (start, end)


@pytest.mark.parametrize("bad", ["2024-13", "yesterday", "ne2024", "2024-02-30"])
def test_bad_dates_are_invalid_input(bad: str) -> None:
    with pytest.raises(InvalidInput):
        search_bound(bad)


def test_invalid_fhir_names_the_field() -> None:
    with pytest.raises(InvalidInput) as err:
        parse_resource({"resourceType": "Observation", "status": "final", "code": {"text": "x"}, "valueQuantity": 5})
    assert err.value.expression and "valueQuantity" in err.value.expression
    with pytest.raises(InvalidInput):
        parse_resource({"resourceType": "Condition"}, "Observation")
    with pytest.raises(InvalidInput):
        parse_resource(["not", "an", "object"])


def test_index_fields_of_an_observation() -> None:
    obs = parse_resource({
        "resourceType": "Observation", "status": "final", "subject": {"reference": "Patient/p1"},
        "category": [{"coding": [{"code": "vital-signs"}]}],
        "code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]},
        "effectiveDateTime": "2024-03-02T08:00:00+08:00",
    })
    idx = index_fields(obs)
    assert (idx.patient_id, idx.code_system, idx.code, idx.category, idx.status) == (
        "p1", "http://loinc.org", "8480-6", "vital-signs", "final")
    assert idx.date == datetime(2024, 3, 2, 0, 0, tzinfo=UTC)


def test_subject_must_be_a_local_patient_reference() -> None:
    with pytest.raises(InvalidInput):
        index_fields({"resourceType": "Condition", "subject": {"reference": "Group/1"}})


def test_consent_round_trip_and_revocation() -> None:
    resource = parse_resource({**consent_resource(patient_id="p1", purpose="share_with", now=NOW, grantee_id="d1",
                                                  resource_types=["Observation"]), "id": "c1"}, "Consent")
    terms = consent_terms(resource)
    assert (terms.purpose, terms.grantee_id, terms.resource_types) == ("share_with", "d1", {"Observation"})
    assert terms.in_force(NOW) and terms.covers("Observation") and not terms.covers("Condition")
    withdrawn = consent_terms(parse_resource(revoke(resource, NOW), "Consent"))
    assert not withdrawn.in_force(NOW)
    with pytest.raises(InvalidInput):
        consent_resource(patient_id="p1", purpose="share_with", now=NOW)  # no grantee
    with pytest.raises(InvalidInput):
        consent_resource(patient_id="p1", purpose="marketing", now=NOW)
