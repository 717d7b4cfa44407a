"""The interview REST API: happy paths, and an OperationOutcome for every way a request can be wrong."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ankang.knowledge.interview import load_pack

ROUTES = ("/v1/interview/parse", "/v1/interview/next", "/v1/interview/triage", "/v1/interview/explain")
STRUCTURED_ROUTES = ROUTES[1:]  # the routes that take an evidence list
TRIAGE_LEVELS = {"emergency_ambulance", "emergency", "consultation_24", "consultation", "self_care"}
# A valid body for each route, used as the base of the negative cases.
VALID = {
    "/v1/interview/parse": {"text": "头疼两天"},
    "/v1/interview/next": {"age": 30, "sex": "female", "evidence": [{"id": "fever", "choice": "present"}]},
    "/v1/interview/triage": {"age": 30, "sex": "female", "evidence": [{"id": "fever", "choice": "present"}]},
    "/v1/interview/explain": {"age": 30, "sex": "female", "evidence": [{"id": "fever", "choice": "present"}]},
}
# Triage rule acs_chest_pain_with_autonomic (rules/triage.yaml): chest pain with sweating → call 120.
EMERGENCY_RULE = "acs_chest_pain_with_autonomic"
EMERGENCY_EVIDENCE = [{"id": "chest_pain", "choice": "present"}, {"id": "sweating", "choice": "present"}]


def present(*ids: str) -> list[dict[str, str]]:
    return [{"id": i, "choice": "present"} for i in ids]


def assert_outcome(resp: Any, status: int, *, expression: str | None = None, says: str | None = None) -> dict:
    """The response has `status` and an OperationOutcome body whose issues name the problem."""
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert body["resourceType"] == "OperationOutcome"
    assert body["issue"], body
    for issue in body["issue"]:
        assert issue["severity"] == "error"
        assert issue["code"]
        assert issue["details"]["zh"].strip() and issue["details"]["en"].strip()
    if expression is not None:
        where = [e for issue in body["issue"] for e in issue.get("expression", [])]
        assert any(expression in e for e in where), (expression, where)
    if says is not None:
        text = " ".join(i["details"]["en"] + " " + i["details"]["zh"] for i in body["issue"])
        assert says.lower() in text.lower(), (says, text)
    return body


def by_id(evidence: list[dict[str, Any]]) -> dict[str, str]:
    return {e["id"]: e["choice"] for e in evidence}


# -- meta ------------------------------------------------------------------------------------------
def test_health_is_ok(client: TestClient) -> None:
    resp = client.get("/health")
    assert resp.status_code == 200
    body = resp.json()
    assert body["status"] == "ok"
    assert body["knowledge"] == load_pack().version


def test_openapi_lists_the_interview_paths(client: TestClient) -> None:
    resp = client.get("/openapi.json")
    assert resp.status_code == 200
    paths = resp.json()["paths"]
    for route in ROUTES:
        assert "post" in paths[route], route


def test_root_serves_the_web_page(client: TestClient) -> None:
    resp = client.get("/")
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/html")
    assert "安康" in resp.text


# -- parse -----------------------------------------------------------------------------------------
def test_parse_chinese_complaint(client: TestClient) -> None:
    resp = client.post("/v1/interview/parse", json={"text": "孩子发烧两天，有点咳嗽，没有拉肚子"})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    choices = by_id(body["evidence"])
    assert choices["fever"] == "present"
    assert choices["cough"] == "present"
    assert choices["diarrhea"] == "absent"
    assert body["language"] == "zh"
    assert body["subject"] == "child"
    fever = next(e for e in body["evidence"] if e["id"] == "fever")
    assert fever["name"]["zh"] and fever["name"]["en"]
    assert fever["source"] == "initial"


def test_parse_english_with_a_negation(client: TestClient) -> None:
    resp = client.post("/v1/interview/parse",
                       json={"text": "I have had a bad cough for three days but no fever", "age": 40, "sex": "male"})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    choices = by_id(body["evidence"])
    assert choices["cough"] == "present"
    assert choices["fever"] == "absent"
    assert body["language"] == "en"
    assert body["age"] == 40
    assert body["sex"] == "male"


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_parse_rejects_blank_text(client: TestClient, text: str) -> None:
    resp = client.post("/v1/interview/parse", json={"text": text})
    assert resp.status_code in (400, 422), resp.text
    assert_outcome(resp, resp.status_code, expression="text")


def test_parse_rejects_100_kb_of_text_without_crashing(client: TestClient) -> None:
    text = "头疼" * 50_000  # 100,000 characters, about 300 KB of UTF-8: under the body limit
    resp = client.post("/v1/interview/parse", json={"text": text})
    assert 400 <= resp.status_code < 500, resp.status_code
    assert_outcome(resp, resp.status_code, expression="text")


def test_parse_requires_text(client: TestClient) -> None:
    assert_outcome(client.post("/v1/interview/parse", json={}), 422, expression="text")


# -- next ------------------------------------------------------------------------------------------
def test_next_returns_a_step(client: TestClient) -> None:
    resp = client.post("/v1/interview/next",
                       json={"age": 30, "sex": "female", "evidence": present("fever", "cough")})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["should_stop"] or body["question"] is not None
    if body["question"] is not None:
        question = body["question"]
        assert question["type"] in ("single", "group_single")
        assert question["text"]["zh"] and question["text"]["en"]
        assert question["items"]
        assert question["id"] not in {"fever", "cough"}  # never asks what was already said
    conditions = body["conditions"]
    assert conditions
    probabilities = [c["probability"] for c in conditions]
    assert all(0 <= p <= 1 for p in probabilities)
    assert sum(probabilities) <= 1 + 1e-6
    assert probabilities == sorted(probabilities, reverse=True)
    assert body["triage"]["level"] in TRIAGE_LEVELS
    assert body["triage"]["emergency"] is False
    department = body["department"]
    assert department["code"]
    assert department["name"]["zh"] and department["name"]["en"]
    assert body["ai"]["generated_by"] == "ankang-ai"
    assert body["ai"]["notice"]["zh"] and body["ai"]["notice"]["en"]
    assert body["sources"]
    assert all(s["id"] and s["title"] for s in body["sources"])
    assert body["questions_asked"] == 0


def test_next_counts_answered_questions(client: TestClient) -> None:
    evidence = [*present("fever"), {"id": "cough", "choice": "absent", "source": "question"}]
    resp = client.post("/v1/interview/next", json={"age": 30, "sex": "male", "evidence": evidence})
    assert resp.status_code == 200, resp.text
    assert resp.json()["questions_asked"] == 1


def test_emergency_rule_exists_in_the_pack() -> None:
    rule = next((r for r in load_pack().rules if r.id == EMERGENCY_RULE), None)
    assert rule is not None, f"triage rule {EMERGENCY_RULE} is gone from the pack; pick another"
    assert rule.level in ("emergency_ambulance", "emergency")
    assert rule.applies_to(60, "male")


def test_next_stops_at_once_for_an_emergency(client: TestClient) -> None:
    resp = client.post("/v1/interview/next", json={"age": 60, "sex": "male", "evidence": EMERGENCY_EVIDENCE})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["triage"]["emergency"] is True
    assert body["triage"]["level"] in ("emergency_ambulance", "emergency")
    assert EMERGENCY_RULE in body["triage"]["rules"]
    assert body["triage"]["reasons"]
    assert body["should_stop"] is True
    assert body["question"] is None
    assert body["department"]["code"] == "20"
    assert body["department"]["emergency"] is True
    assert "120" in body["department"]["advice"]["zh"]
    assert body["sources"]


# -- triage ----------------------------------------------------------------------------------------
def test_triage_happy_path(client: TestClient) -> None:
    resp = client.post("/v1/interview/triage",
                       json={"age": 30, "sex": "female", "evidence": present("fever", "cough")})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert set(body) == {"triage", "department", "sources", "ai"}
    assert body["triage"]["level"] in TRIAGE_LEVELS
    assert body["triage"]["emergency"] is False
    assert body["department"]["code"] != "20"
    assert body["department"]["name"]["zh"] and body["department"]["name"]["en"]
    assert body["ai"]["notice"]["zh"] and body["ai"]["notice"]["en"]


def test_triage_of_an_emergency(client: TestClient) -> None:
    resp = client.post("/v1/interview/triage", json={"age": 60, "sex": "male", "evidence": EMERGENCY_EVIDENCE})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["triage"]["emergency"] is True
    assert body["department"]["code"] == "20"
    assert body["sources"]  # the fired rule cites its sources


# -- explain ---------------------------------------------------------------------------------------
def test_explain_happy_path(client: TestClient) -> None:
    resp = client.post("/v1/interview/explain",
                       json={"age": 30, "sex": "female", "evidence": present("fever", "cough")})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    explanations = body["explanations"]
    assert explanations
    top = explanations[0]
    assert top["name"]["zh"] and top["name"]["en"]
    assert 0 < top["probability"] <= 1
    supporting = {f["evidence_id"] for f in top["supporting"]}
    assert supporting & {"fever", "cough"}
    assert all(f["weight"] > 0 and f["choice"] == "present" for f in top["supporting"])
    assert all(f["weight"] < 0 for f in top["conflicting"])
    assert body["sources"]
    assert body["ai"]["notice"]["zh"] and body["ai"]["notice"]["en"]


def test_explain_named_conditions(client: TestClient) -> None:
    step = client.post("/v1/interview/next",
                       json={"age": 30, "sex": "female", "evidence": present("fever", "cough")}).json()
    wanted = [c["id"] for c in step["conditions"][:2]]
    resp = client.post("/v1/interview/explain", json={"age": 30, "sex": "female",
                                                      "evidence": present("fever", "cough"),
                                                      "condition_ids": wanted})
    assert resp.status_code == 200, resp.text
    assert [e["condition_id"] for e in resp.json()["explanations"]] == wanted


def test_explain_unknown_condition_id(client: TestClient) -> None:
    resp = client.post("/v1/interview/explain", json={"evidence": present("fever"),
                                                      "condition_ids": ["no_such_condition"]})
    assert_outcome(resp, 400, says="no_such_condition")


def test_explain_too_many_condition_ids(client: TestClient) -> None:
    resp = client.post("/v1/interview/explain", json={"evidence": present("fever"), "condition_ids": ["x"] * 21})
    assert_outcome(resp, 422, expression="condition_ids")


# -- problems common to the evidence routes --------------------------------------------------------
@pytest.mark.parametrize("route", STRUCTURED_ROUTES)
def test_unknown_evidence_id(client: TestClient, route: str) -> None:
    resp = client.post(route, json={"evidence": present("no_such_symptom")})
    assert_outcome(resp, 400, expression="evidence[0].id", says="no_such_symptom")


@pytest.mark.parametrize("route", STRUCTURED_ROUTES)
def test_contradictory_answers(client: TestClient, route: str) -> None:
    evidence = [{"id": "fever", "choice": "present"}, {"id": "fever", "choice": "absent"}]
    resp = client.post(route, json={"age": 30, "evidence": evidence})
    assert_outcome(resp, 400, expression="evidence[1]", says="contradictory")


@pytest.mark.parametrize("route", STRUCTURED_ROUTES)
def test_bad_choice(client: TestClient, route: str) -> None:
    resp = client.post(route, json={"evidence": [{"id": "fever", "choice": "maybe"}]})
    assert_outcome(resp, 422, expression="evidence[0].choice")


@pytest.mark.parametrize("route", STRUCTURED_ROUTES)
def test_more_than_300_evidence_items(client: TestClient, route: str) -> None:
    evidence = [{"id": "fever", "choice": "present"}] * 301
    assert_outcome(client.post(route, json={"evidence": evidence}), 422, expression="evidence")


@pytest.mark.parametrize("route", STRUCTURED_ROUTES)
def test_300_evidence_items_are_accepted(client: TestClient, route: str) -> None:
    evidence = [{"id": "fever", "choice": "present"}] * 300
    resp = client.post(route, json={"evidence": evidence})
    assert resp.status_code == 200, resp.text


# -- problems common to every route ----------------------------------------------------------------
@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("age", [200, -1, 131])
def test_age_out_of_range(client: TestClient, route: str, age: int) -> None:
    resp = client.post(route, json={**VALID[route], "age": age})
    assert_outcome(resp, 422, expression="age")


@pytest.mark.parametrize("route", ROUTES)
def test_bad_sex(client: TestClient, route: str) -> None:
    resp = client.post(route, json={**VALID[route], "sex": "x"})
    assert_outcome(resp, 422, expression="sex")


@pytest.mark.parametrize("route", ROUTES)
def test_malformed_json(client: TestClient, route: str) -> None:
    resp = client.post(route, content=b'{"text": "fever", "evidence": [', headers={"content-type": "application/json"})
    assert_outcome(resp, 422)


@pytest.mark.parametrize("route", ROUTES)
def test_extra_unknown_field(client: TestClient, route: str) -> None:
    resp = client.post(route, json={**VALID[route], "diagnosis": "flu"})
    assert_outcome(resp, 422, expression="diagnosis")


@pytest.mark.parametrize("route", STRUCTURED_ROUTES)
def test_extra_field_inside_an_evidence_item(client: TestClient, route: str) -> None:
    evidence = [{"id": "fever", "choice": "present", "severity": "high"}]
    assert_outcome(client.post(route, json={"evidence": evidence}), 422, expression="severity")


@pytest.mark.parametrize("route", ROUTES)
def test_body_over_one_megabyte(client: TestClient, route: str) -> None:
    body = json.dumps({**VALID[route], "padding": "x" * 1_100_000}).encode()
    resp = client.post(route, content=body, headers={"content-type": "application/json"})
    assert_outcome(resp, 413, says="1000000")


@pytest.mark.parametrize("route", ROUTES)
def test_valid_base_bodies_pass(client: TestClient, route: str) -> None:
    """The negative cases above differ from these bodies by one field only."""
    assert client.post(route, json=VALID[route]).status_code == 200
