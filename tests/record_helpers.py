"""Helpers for health-record tests: a controllable clock, people who sign up and call the API."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

PASSWORD = "correct horse battery"


@dataclass
class Clock:
    """Real time plus an offset the test can move forward."""

    offset: timedelta = field(default_factory=timedelta)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset


@dataclass
class User:
    client: TestClient
    email: str
    account_id: str
    patient_id: str | None
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def get(self, path: str, **kw: Any) -> Any:
        return self.client.get(path, headers=self.headers, **kw)

    def post(self, path: str, json: Any = None, **kw: Any) -> Any:
        return self.client.post(path, headers=self.headers, json=json, **kw)

    def put(self, path: str, json: Any = None, **kw: Any) -> Any:
        return self.client.put(path, headers=self.headers, json=json, **kw)

    def delete(self, path: str, **kw: Any) -> Any:
        return self.client.delete(path, headers=self.headers, **kw)

    def everything(self, patient_id: str | None = None) -> list[dict[str, Any]]:
        resp = self.get(f"/fhir/Patient/{patient_id or self.patient_id}/$everything")
        assert resp.status_code == 200, resp.text
        return [e["resource"] for e in resp.json()["entry"]]


def sign_up(client: TestClient, *, role: str = "person", consent: bool = True, name: str = "测试") -> User:
    email = f"{uuid.uuid4().hex[:10]}@example.cn"
    resp = client.post("/v1/accounts/signup", json={
        "email": email, "password": PASSWORD, "display_name": name, "role": role, "consent_store_record": consent,
    })
    assert resp.status_code == 201, resp.text
    account = resp.json()
    token = client.post("/v1/accounts/token", json={"email": email, "password": PASSWORD})
    assert token.status_code == 200, token.text
    return User(client, email, account["id"], account["patient_id"], token.json()["access_token"])


def condition(patient_id: str, code: str = "I10", date: str = "2024-03-01") -> dict[str, Any]:
    return {
        "resourceType": "Condition",
        "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                                       "code": "active"}]},
        "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-category",
                                  "code": "problem-list-item"}]}],
        "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10", "code": code}], "text": "高血压"},
        "subject": {"reference": f"Patient/{patient_id}"},
        "recordedDate": date,
    }


def observation(patient_id: str, value: float = 135.0, when: str = "2024-03-02T08:00:00+08:00") -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                  "code": "vital-signs"}]}],
        "code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}], "text": "收缩压"},
        "subject": {"reference": f"Patient/{patient_id}"},
        "effectiveDateTime": when,
        "valueQuantity": {"value": value, "unit": "mmHg", "system": "http://unitsofmeasure.org", "code": "mm[Hg]"},
    }


def assert_outcome(resp: Any, *statuses: int) -> dict[str, Any]:
    assert resp.status_code in statuses, (resp.status_code, resp.text)
    body = resp.json()
    assert body["resourceType"] == "OperationOutcome", body
    for issue in body["issue"]:
        assert issue["severity"] == "error" and issue["code"]
        assert issue["details"]["zh"].strip() and issue["details"]["en"].strip()
    return body
