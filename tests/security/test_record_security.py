"""Security of the health record: nobody reaches another person's data on any route; revocations and
expiry count from the next request; sign-in is rate limited; every denial lands in the audit chain."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from ankang.domains.audit import service as audit_service
from tests.record_helpers import PASSWORD, User, assert_outcome, condition, observation, sign_up


def snapshot(owner: User) -> dict[str, Any]:
    """Everything about `owner`'s record that an attack could change."""
    return {
        "record": sorted((r["resourceType"], r["id"], r.get("meta", {}).get("versionId"), r.get("status"))
                         for r in owner.everything()),
        "proposals": sorted((p["id"], p["state"]) for p in owner.get("/v1/proposals").json()),
        "grants": sorted((g["id"], g["revoked_at"]) for g in owner.get("/v1/accounts/me/grants").json()),
    }


@pytest.fixture
def victim(api: TestClient) -> dict[str, Any]:
    b, friend = sign_up(api, name="B"), sign_up(api)
    pid = b.patient_id or ""
    cond = b.post("/fhir/Condition", condition(pid)).json()
    obs = b.post("/fhir/Observation", observation(pid)).json()
    consent = b.get("/v1/consents").json()[0]
    proposal = b.post("/v1/proposals", {"resources": [condition(pid, "E11")]}).json()[0]
    grant = b.post("/v1/accounts/me/grants", {"grantee_email": friend.email}).json()
    return {"user": b, "pid": pid, "cond": cond, "obs": obs, "consent": consent, "proposal": proposal,
            "grant": grant}


def attacks(v: dict[str, Any]) -> list[tuple[str, str, Any]]:
    pid, cond = v["pid"], v["cond"]
    return [
        ("get", f"/fhir/Condition/{cond['id']}", None),
        ("get", f"/fhir/Observation/{v['obs']['id']}", None),
        ("get", f"/fhir/Patient/{pid}", None),
        ("get", f"/fhir/Consent/{v['consent']['id']}", None),
        ("get", f"/fhir/Condition?patient={pid}", None),
        ("get", f"/fhir/Observation?patient=Patient/{pid}&code=8480-6", None),
        ("get", f"/fhir/Patient/{pid}/$everything", None),
        ("post", "/fhir/Condition", condition(pid, "X99")),
        ("put", f"/fhir/Condition/{cond['id']}", {**cond, "note": [{"text": "tampered"}]}),
        ("put", f"/fhir/Patient/{pid}", {"resourceType": "Patient", "id": pid, "name": [{"text": "hacked"}]}),
        ("get", f"/v1/consents?patient_id={pid}", None),
        ("post", "/v1/consents", {"purpose": "store_record", "patient_id": pid}),
        ("post", f"/v1/consents/{v['consent']['id']}/revoke", None),
        ("get", f"/v1/proposals?patient_id={pid}", None),
        ("post", "/v1/proposals", {"patient_id": pid, "resources": [condition(pid, "X98")]}),
        ("post", "/v1/proposals/from-interview",
         {"patient_id": pid, "parse": {"evidence": [{"id": "diabetes_history", "choice": "present"}]}}),
        ("post", f"/v1/proposals/{v['proposal']['id']}/confirm", None),
        ("post", f"/v1/proposals/{v['proposal']['id']}/reject", None),
        ("post", "/v1/accounts/me/grants", {"grantee_email": "x@example.cn", "patient_id": pid}),
        ("post", f"/v1/accounts/me/grants/{v['grant']['id']}/revoke", None),
    ]


@pytest.mark.parametrize("role", ["person", "doctor"])
def test_nobody_reads_or_changes_another_persons_record(api: TestClient, victim: dict[str, Any], role: str) -> None:
    attacker = sign_up(api, role=role, name="A")
    before = snapshot(victim["user"])
    for method, path, body in attacks(victim):
        resp = attacker.client.request(method.upper(), path, json=body, headers=attacker.headers)
        assert_outcome(resp, 403, 404)
        assert "tampered" not in resp.text and "高血压" not in resp.text, path
    assert snapshot(victim["user"]) == before
    # and their own views show nothing of B
    trail = attacker.get("/v1/audit/me").json()
    assert victim["pid"] not in str([e for e in trail["entry"] if e["resource"]["outcome"] == "0"])


def test_every_denied_attempt_is_audited(api: TestClient, victim: dict[str, Any], record_app: Any) -> None:
    attacker = sign_up(api)
    attacker.get(f"/fhir/Condition/{victim['cond']['id']}")
    attacker.post("/fhir/Condition", condition(victim["pid"], "X97"))
    with Session(record_app.state.db_engine) as session:
        rows = audit_service.trail(session, victim["pid"], victim["user"].account_id)
        assert audit_service.verify(session).ok
    denied = [(r.action, r.actor_id) for r in rows if r.outcome == "denied"]
    assert ("read", attacker.account_id) in denied and ("create", attacker.account_id) in denied


def test_doctor_sees_only_what_is_shared_and_revocation_is_immediate(api: TestClient, victim: dict[str, Any]) -> None:
    b, doctor = victim["user"], sign_up(api, role="doctor")
    share = b.post("/v1/consents", {"purpose": "share_with", "grantee_id": doctor.account_id,
                                    "resource_types": ["Observation"]})
    assert share.status_code == 201, share.text
    assert doctor.get(f"/fhir/Observation/{victim['obs']['id']}").status_code == 200
    assert doctor.get(f"/fhir/Observation?patient={victim['pid']}").json()["total"] == 1
    assert_outcome(doctor.get(f"/fhir/Condition/{victim['cond']['id']}"), 404)
    assert_outcome(doctor.get(f"/fhir/Condition?patient={victim['pid']}"), 403)
    exported = doctor.get(f"/fhir/Patient/{victim['pid']}/$everything").json()
    assert {e["resource"]["resourceType"] for e in exported["entry"]} == {"Observation"}
    assert_outcome(doctor.post("/fhir/Observation", observation(victim["pid"])), 403)  # doctors do not write
    assert_outcome(doctor.put(f"/fhir/Observation/{victim['obs']['id']}", victim["obs"]), 404)
    b.post(f"/v1/consents/{share.json()['id']}/revoke")
    assert_outcome(doctor.get(f"/fhir/Observation/{victim['obs']['id']}"), 404)  # the very next request
    assert_outcome(doctor.get(f"/fhir/Patient/{victim['pid']}/$everything"), 403)


def test_proxy_grant_scope_and_immediate_revocation(api: TestClient, victim: dict[str, Any]) -> None:
    b, relative = victim["user"], sign_up(api)
    grant = b.post("/v1/accounts/me/grants", {"grantee_email": relative.email, "access": "read_write",
                                              "resource_types": ["Observation"]}).json()
    assert relative.get(f"/fhir/Observation/{victim['obs']['id']}").status_code == 200
    assert relative.post("/fhir/Observation", observation(victim["pid"], 128)).status_code == 201
    assert_outcome(relative.get(f"/fhir/Condition/{victim['cond']['id']}"), 404)  # outside the grant
    assert_outcome(relative.post("/v1/consents", {"purpose": "research_deidentified",
                                                  "patient_id": victim["pid"]}), 403)  # never manages
    b.post(f"/v1/accounts/me/grants/{grant['id']}/revoke")
    assert_outcome(relative.get(f"/fhir/Observation/{victim['obs']['id']}"), 404)
    assert_outcome(relative.post("/fhir/Observation", observation(victim["pid"], 129)), 403)


def test_read_only_relative_cannot_write(api: TestClient, victim: dict[str, Any]) -> None:
    b, relative = victim["user"], sign_up(api)
    b.post("/v1/accounts/me/grants", {"grantee_email": relative.email})
    assert relative.get(f"/fhir/Condition/{victim['cond']['id']}").status_code == 200
    assert_outcome(relative.put(f"/fhir/Condition/{victim['cond']['id']}", victim["cond"]), 404)
    assert_outcome(relative.post("/fhir/Condition", condition(victim["pid"])), 403)


def test_expired_and_revoked_tokens_are_refused(api: TestClient, clock: Any, record_app: Any) -> None:
    user = sign_up(api)
    assert user.get("/v1/accounts/me").status_code == 200
    clock.offset = timedelta(minutes=record_app.state.settings.token_ttl_minutes, seconds=1)
    assert_outcome(user.get("/v1/accounts/me"), 401)
    assert_outcome(user.get(f"/fhir/Patient/{user.patient_id}/$everything"), 401)
    clock.offset = timedelta()
    assert user.post("/v1/accounts/logout").status_code == 204
    assert_outcome(user.get("/v1/accounts/me"), 401)


def test_sign_in_is_rate_limited(api: TestClient, record_app: Any) -> None:
    user = sign_up(api)
    limit = record_app.state.settings.login_max_failures
    for _ in range(limit):
        assert_outcome(api.post("/v1/accounts/token", json={"email": user.email, "password": "nope nope"}), 401)
    blocked = api.post("/v1/accounts/token", json={"email": user.email, "password": PASSWORD})
    assert_outcome(blocked, 429)
    assert user.get("/v1/accounts/me").status_code == 200  # existing tokens keep working
