"""The health-record API: happy paths, and a 4xx OperationOutcome for each way a request can be wrong."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from fhir.resources.R4B.bundle import Bundle

from tests.record_helpers import PASSWORD, User, assert_outcome, condition, observation, sign_up

PROTECTED = [
    ("get", "/v1/accounts/me"), ("post", "/v1/accounts/logout"), ("get", "/v1/accounts/me/grants"),
    ("post", "/v1/accounts/me/grants"), ("post", "/v1/accounts/me/grants/x/revoke"),
    ("post", "/v1/accounts/me/dependents"), ("delete", "/v1/accounts/me"), ("post", "/v1/accounts/me/restore"),
    ("get", "/v1/consents"), ("post", "/v1/consents"), ("post", "/v1/consents/x/revoke"),
    ("get", "/v1/proposals"), ("post", "/v1/proposals"), ("post", "/v1/proposals/from-interview"),
    ("post", "/v1/proposals/x/confirm"), ("post", "/v1/proposals/x/reject"), ("get", "/v1/audit/me"),
    ("get", "/fhir/Condition"), ("post", "/fhir/Condition"), ("get", "/fhir/Condition/x"),
    ("put", "/fhir/Condition/x"), ("get", "/fhir/Patient/x/$everything"),
]


def count_record(user: User) -> int:
    return len(user.everything())


@pytest.mark.parametrize(("method", "path"), PROTECTED)
def test_every_record_route_needs_a_token(api: TestClient, method: str, path: str) -> None:
    resp = api.request(method.upper(), path, json={})
    assert_outcome(resp, 401)
    bad = api.request(method.upper(), path, json={}, headers={"Authorization": "Bearer ak_forged"})
    assert_outcome(bad, 401)


def test_sign_up_sign_in_and_me(api: TestClient) -> None:
    user = sign_up(api)
    me = user.get("/v1/accounts/me").json()
    assert me["role"] == "person" and me["patient_id"] == user.patient_id
    resources = user.everything()
    assert {r["resourceType"] for r in resources} == {"Patient", "Consent"}
    consent = next(r for r in resources if r["resourceType"] == "Consent")
    assert consent["status"] == "active" and consent["category"][1]["coding"][0]["code"] == "store_record"


def test_sign_up_rejects_bad_input(api: TestClient) -> None:
    user = sign_up(api)
    assert_outcome(api.post("/v1/accounts/signup", json={"email": user.email, "password": PASSWORD,
                                                         "display_name": "x"}), 409)
    assert_outcome(api.post("/v1/accounts/signup", json={"email": "a@b.cn", "password": "short",
                                                         "display_name": "x"}), 422)
    assert_outcome(api.post("/v1/accounts/signup", json={"email": "c@d.cn", "password": PASSWORD,
                                                         "display_name": "x", "role": "org_admin"}), 422)
    assert_outcome(api.post("/v1/accounts/token", json={"email": user.email, "password": "wrong password"}), 401)


def test_create_read_update_search_and_export(api: TestClient) -> None:
    user = sign_up(api)
    created = user.post("/fhir/Condition", condition(user.patient_id or ""))
    assert created.status_code == 201, created.text
    cond = created.json()
    assert cond["meta"]["versionId"] == "1" and created.headers["location"].startswith(f"/fhir/Condition/{cond['id']}")
    assert user.get(f"/fhir/Condition/{cond['id']}").json()["code"]["coding"][0]["code"] == "I10"
    changed = user.put(f"/fhir/Condition/{cond['id']}", {**cond, "note": [{"text": "服药控制"}]})
    assert changed.status_code == 200 and changed.json()["meta"]["versionId"] == "2"
    user.post("/fhir/Observation", observation(user.patient_id or "", 150, "2024-05-01T08:00:00+08:00"))
    user.post("/fhir/Observation", observation(user.patient_id or "", 120, "2023-05-01T08:00:00+08:00"))

    def total(query: str, rtype: str = "Observation") -> int:
        resp = user.get(f"/fhir/{rtype}?{query}")
        assert resp.status_code == 200, resp.text
        return int(resp.json()["total"])

    assert total("code=http://loinc.org|8480-6") == 2
    assert total("code=8480-6&date=ge2024") == 1
    assert total("date=2023-05") == 1
    assert total("date=ge2023-01-01&date=lt2024-01-01") == 1
    assert total("category=vital-signs") == 2
    assert total("code=other") == 0
    assert total(f"patient=Patient/{user.patient_id}", "Condition") == 1
    export = user.get(f"/fhir/Patient/{user.patient_id}/$everything").json()
    Bundle.model_validate(export)  # the export is a valid FHIR Bundle
    types = [e["resource"]["resourceType"] for e in export["entry"]]
    assert types.count("Observation") == 2 and types.count("Provenance") == 4  # one per create and update


@pytest.mark.parametrize(("body", "status"), [
    ({"resourceType": "Condition", "subject": {"reference": "Patient/x"}, "bogus": 1}, 400),  # unknown field
    ({"resourceType": "Observation", "status": "final", "code": {"text": "x"}}, 400),  # wrong type for URL
    ({"resourceType": "Condition", "subject": 5}, 400),  # wrong JSON type
    ({"resourceType": "Condition", "subject": {"reference": "Group/1"}}, 400),  # not a patient
    ({"resourceType": "Condition", "recordedDate": "yesterday",
      "subject": {"reference": "Patient/x"}}, 400),  # invalid date
])
def test_invalid_fhir_is_refused_and_writes_nothing(api: TestClient, body: dict[str, Any], status: int) -> None:
    user = sign_up(api)
    if body.get("subject") == {"reference": "Patient/x"}:
        body = {**body, "subject": {"reference": f"Patient/{user.patient_id}"}}
    before = count_record(user)
    assert_outcome(user.post("/fhir/Condition", body), status)
    assert count_record(user) == before


def test_fhir_route_errors(api: TestClient) -> None:
    user = sign_up(api)
    assert_outcome(user.get("/fhir/Condition/does-not-exist"), 404)
    assert_outcome(user.put("/fhir/Condition/does-not-exist", condition(user.patient_id or "")), 404)
    assert_outcome(user.get("/fhir/Encounter"), 400)  # type not served
    assert_outcome(user.post("/fhir/Consent", {"resourceType": "Consent"}), 400)  # consents go via /v1/consents
    assert_outcome(user.get("/fhir/Observation?date=soon"), 400)
    assert_outcome(user.get("/fhir/Observation?_count=100000"), 422)
    assert_outcome(user.post("/fhir/Condition", ["a list"]), 422)
    cond = user.post("/fhir/Condition", condition(user.patient_id or "")).json()
    assert_outcome(user.put(f"/fhir/Condition/{cond['id']}", {**cond, "id": "other"}), 400)
    other = sign_up(api)
    moved = {**cond, "subject": {"reference": f"Patient/{other.patient_id}"}}
    assert_outcome(user.put(f"/fhir/Condition/{cond['id']}", moved), 400)
    assert_outcome(user.get("/fhir/Patient/unknown-patient/$everything"), 403)


def test_oversized_payload_is_refused(api: TestClient) -> None:
    user = sign_up(api)
    before = count_record(user)
    big = {**condition(user.patient_id or ""), "note": [{"text": "x" * 1_100_000}]}
    assert_outcome(user.post("/fhir/Condition", big), 413)
    assert count_record(user) == before


def test_writes_need_the_store_record_consent(api: TestClient) -> None:
    user = sign_up(api, consent=False)
    assert_outcome(user.post("/fhir/Condition", condition(user.patient_id or "")), 403)
    resp = user.post("/v1/consents", {"purpose": "store_record"})
    assert resp.status_code == 201, resp.text
    assert user.post("/fhir/Condition", condition(user.patient_id or "")).status_code == 201
    user.post(f"/v1/consents/{resp.json()['id']}/revoke")
    assert_outcome(user.post("/fhir/Condition", condition(user.patient_id or "")), 403)
    assert len([r for r in user.everything() if r["resourceType"] == "Condition"]) == 1  # reading stays possible


def test_consent_route_errors(api: TestClient) -> None:
    user = sign_up(api)
    assert_outcome(user.post("/v1/consents", {"purpose": "marketing"}), 422)
    assert_outcome(user.post("/v1/consents", {"purpose": "share_with"}), 400)  # no grantee
    assert_outcome(user.post("/v1/consents", {"purpose": "share_with", "grantee_id": user.account_id}), 400)
    assert_outcome(user.post("/v1/consents/unknown/revoke"), 404)
    assert_outcome(user.get("/v1/consents?patient_id=someone-else"), 403)


def test_proposals_from_an_interview_parse(api: TestClient) -> None:
    user = sign_up(api)
    parsed = api.post("/v1/interview/parse", json={"text": "我有高血压，一直吃氨氯地平，今天头疼"}).json()
    assert any(e["id"] == "hypertension_history" for e in parsed["evidence"]), parsed
    resp = user.post("/v1/proposals/from-interview", {"parse": parsed})
    assert resp.status_code == 201, resp.text
    proposals = resp.json()
    kinds = {p["resource_type"]: p["resource"] for p in proposals}
    assert kinds["Condition"]["code"]["coding"][0]["code"] == "hypertension_history"
    if any(e["id"] == "ccb_use" for e in parsed["evidence"]):  # 氨氯地平 → calcium-channel blocker
        assert kinds["MedicationStatement"]["medicationCodeableConcept"]["coding"][0]["code"] == "ccb_use"
    assert "headache" not in str(proposals)  # symptoms are not record entries
    proposals = [p for p in proposals if p["resource_type"] == "Condition"]
    assert all(p["state"] == "proposed" for p in proposals)
    assert not [r for r in user.everything() if r["resourceType"] == "Condition"]  # not in the record yet
    med = {"resourceType": "MedicationStatement", "status": "active",
           "medicationCodeableConcept": {"text": "氨氯地平"}, "subject": {"reference": f"Patient/{user.patient_id}"}}
    explicit = user.post("/v1/proposals", {"resources": [med], "source": "interview"}).json()
    confirmed = user.post(f"/v1/proposals/{proposals[0]['id']}/confirm")
    assert confirmed.status_code == 200 and confirmed.json()["record_id"]
    rejected = user.post(f"/v1/proposals/{explicit[0]['id']}/reject")
    assert rejected.json()["state"] == "rejected"
    assert_outcome(user.post(f"/v1/proposals/{proposals[0]['id']}/confirm"), 409)
    record = user.everything()
    assert [r["code"]["coding"][0]["code"] for r in record if r["resourceType"] == "Condition"] == [
        "hypertension_history"]
    assert not [r for r in record if r["resourceType"] == "MedicationStatement"]
    prov = [r for r in record if r["resourceType"] == "Provenance"]
    assert prov[0]["target"][0]["reference"] == f"Condition/{confirmed.json()['record_id']}"
    assert prov[0]["entity"][0]["what"]["display"] == "interview"
    assert prov[0]["agent"][0]["who"]["identifier"]["value"] == user.account_id
    pending = user.get("/v1/proposals?state=proposed").json()
    assert all(p["resource_type"] == "MedicationStatement" for p in pending)


def test_proposal_route_errors(api: TestClient) -> None:
    user = sign_up(api)
    before = count_record(user)
    unknown = {"parse": {"evidence": [{"id": "hypertension_history", "choice": "present"},
                                      {"id": "no_such_evidence", "choice": "present"}]}}
    assert_outcome(user.post("/v1/proposals/from-interview", unknown), 400)
    assert_outcome(user.post("/v1/proposals/from-interview", {"parse": {"evidence": "x"}}), 422)
    assert_outcome(user.post("/v1/proposals", {"resources": []}), 422)
    assert_outcome(user.post("/v1/proposals", {"resources": [{"resourceType": "Patient"}]}), 400)
    other = sign_up(api)
    assert_outcome(user.post("/v1/proposals", {"resources": [condition(other.patient_id or "")]}), 400)
    assert_outcome(user.post("/v1/proposals/unknown/confirm"), 404)
    assert_outcome(user.get("/v1/proposals?state=maybe"), 422)
    assert count_record(user) == before
    assert user.get("/v1/proposals").json() == []


def test_family_dependent_and_grants(api: TestClient) -> None:
    parent, relative = sign_up(api), sign_up(api)
    child = parent.post("/v1/accounts/me/dependents", {"display_name": "小明", "consent_store_record": True})
    assert child.status_code == 201, child.text
    child_id = child.json()["patient_id"]
    assert parent.post("/fhir/Condition", condition(child_id, "J45")).status_code == 201
    assert {r["resourceType"] for r in parent.everything(child_id)} >= {"Patient", "Condition", "Consent"}
    grant = parent.post("/v1/accounts/me/grants", {"grantee_email": relative.email, "patient_id": child_id})
    assert grant.status_code == 201, grant.text
    assert relative.get(f"/fhir/Condition?patient={child_id}").json()["total"] == 1
    assert_outcome(parent.post("/v1/accounts/me/grants", {"grantee_email": "nobody@example.cn"}), 400)
    assert_outcome(parent.post("/v1/accounts/me/grants", {"grantee_email": parent.email}), 400)
    assert_outcome(parent.post("/v1/accounts/me/grants/unknown/revoke"), 404)
    assert_outcome(parent.post("/v1/accounts/me/dependents", {"display_name": ""}), 422)
    grants = parent.get("/v1/accounts/me/grants").json()
    assert {g["kind"] for g in grants} == {"guardian", "relative"}


def test_audit_trail_download(api: TestClient) -> None:
    user, snoop = sign_up(api), sign_up(api)
    snoop.get(f"/fhir/Condition?patient={user.patient_id}")
    trail = user.get("/v1/audit/me")
    assert trail.status_code == 200
    bundle = trail.json()
    Bundle.model_validate(bundle)
    events = [e["resource"] for e in bundle["entry"]]
    denied = [e for e in events if e["outcome"] == "8"]
    assert any(e["agent"][0]["who"]["identifier"]["value"] == snoop.account_id for e in denied)


def test_account_deletion_with_grace_period(api: TestClient, clock: Any, record_app: Any) -> None:
    from datetime import timedelta

    from sqlalchemy.orm import Session

    from ankang.db import UnitOfWork
    from ankang.domains.audit import service as audit_service
    from ankang.domains.people import service as people_service

    user = sign_up(api)
    user.post("/fhir/Condition", condition(user.patient_id or ""))
    pending = user.delete("/v1/accounts/me").json()
    assert pending["deletion_requested_at"] and pending["purge_after"]
    assert user.post("/v1/accounts/me/restore").json()["deletion_requested_at"] is None
    user.delete("/v1/accounts/me")
    grace = timedelta(days=record_app.state.settings.deletion_grace_days)
    clock.offset = grace + timedelta(minutes=1)
    with Session(record_app.state.db_engine, expire_on_commit=False) as session:
        uow = UnitOfWork(session=session, now=clock())
        purged = people_service.purge_due(uow, grace)
        audit_service.append(session, uow.audit, uow.now)
        session.commit()
        assert user.account_id in purged
        assert audit_service.trail(session, user.patient_id, user.account_id)  # the audit trail stays
        assert audit_service.verify(session).ok
    clock.offset = timedelta()
    assert_outcome(user.get("/v1/accounts/me"), 401)
