"""Care navigation over HTTP: match an interview result, a hospital's page, and the 4xx cases."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from ankang.domains.care import service
from tests.record_helpers import assert_outcome

HOSPITALS = """id,name_zh,name_en,grade,address,lat,lon,insurance,departments,phone
api-h1,接口测试医院（合成数据）,API Hospital (synthetic),三级甲等,北京市东城区,39.92,116.41,职工医保,03.04|20,010-1
api-h2,接口测试社区医院（合成数据）,API Clinic (synthetic),一级甲等,北京市西城区,39.91,116.40,职工医保,03.04,
"""
DOCTORS = """id,hospital_id,department_code,name,title,specialties,languages,rating,tele,slot_minutes
api-d1,api-h1,03.04,王医生（合成数据）,主任医师,高血压,zh|en,4.8,true,30
"""
SCHEDULES = """doctor_id,weekday,date,start,end
api-d1,1,,08:00,12:00
"""
MONDAY_0850 = datetime(2026, 3, 2, 0, 50, tzinfo=UTC)  # Monday 08:50 in Shanghai


@pytest.fixture(scope="module")
def seeded(record_app: Any) -> None:
    with Session(record_app.state.db_engine) as s, s.begin():
        for kind, text in (("hospitals", HOSPITALS), ("doctors", DOCTORS), ("schedules", SCHEDULES)):
            assert service.import_directory(s, kind, text).problems == []


@pytest.fixture
def monday(seeded: None, clock: Any) -> Any:
    clock.offset = MONDAY_0850 - datetime.now(UTC)
    return clock


def body(level: str = "consultation", **kw: Any) -> dict[str, Any]:
    return {"level": level, "department_code": "03.04", "location": {"lat": 39.9087, "lon": 116.3975},
            "conditions": [{"id": "hypertension", "name": {"zh": "原发性高血压", "en": "Essential hypertension"}}],
            "insurance": "职工医保", **kw}


def test_match_returns_doctors_reasons_and_earliest_slots(api: TestClient, monday: Any) -> None:
    resp = api.post("/v1/care/match", json=body())
    assert resp.status_code == 200, resp.text
    out = resp.json()
    assert out["kind"] == "book" and out["booking_offered"] and not out["call_120"]
    assert out["horizon_days"] == ["2026-03-02", "2026-03-15"]
    assert out["department"]["zh"] == "心血管内科专业"
    top = out["doctors"][0]
    assert top["doctor"]["id"] == "api-d1" and top["hospital"]["synthetic"] is True
    assert any("高血压" in r["zh"] for r in top["reasons"])
    assert [s["local_start"] for s in top["earliest_slots"]] == [
        "2026-03-02T09:00:00+08:00", "2026-03-02T09:30:00+08:00", "2026-03-02T10:00:00+08:00"]
    assert top["earliest_slots"][0]["start"].startswith("2026-03-02T01:00:00")
    assert out["emergency_departments"] == []


@pytest.mark.parametrize("level", ["emergency", "emergency_ambulance"])
def test_emergency_level_gives_no_slots_but_the_nearest_emergency_department(
        api: TestClient, monday: Any, level: str) -> None:
    out = api.post("/v1/care/match", json=body(level)).json()
    assert out["kind"] == "emergency" and out["call_120"] and not out["booking_offered"]
    assert out["doctors"] == [] and out["horizon_days"] == []
    ids = [e["hospital"]["id"] for e in out["emergency_departments"]]
    assert "api-h1" in ids and "api-h2" not in ids  # the clinic has no 急诊医学科
    assert all(e["hospital"]["emergency"] for e in out["emergency_departments"])
    assert any("120" in n["zh"] for n in out["notices"])


def test_self_care_offers_no_booking(api: TestClient, monday: Any) -> None:
    out = api.post("/v1/care/match", json=body("self_care")).json()
    assert out["kind"] == "self_care" and out["doctors"] == [] and not out["booking_offered"]


def test_hospital_page(api: TestClient, seeded: None) -> None:
    out = api.get("/v1/care/hospitals/api-h1").json()
    assert out["grade"] == "三级甲等" and out["emergency"] and out["departments"] == ["03.04", "20"]
    assert [d["id"] for d in out["doctors"]] == ["api-d1"] and out["insurance"] == ["职工医保"]


@pytest.mark.parametrize(("payload", "status", "where"), [
    (body(department_code="99.99"), 400, "department_code"),  # well-formed but not in the NHC catalogue
    (body(department_code="cardiology"), 422, "department_code"),
    (body(location={"lat": 91, "lon": 116.4}), 422, "location.lat"),
    (body(location={"lat": 39.9, "lon": -181}), 422, "location.lon"),
    (body(level="urgent"), 422, "level"),
    (body(preferences={"max_distance_km": -1}), 422, "preferences.max_distance_km"),
    (body(limit=0), 422, "limit"),
    ({**body(), "surprise": 1}, 422, "surprise"),
])
def test_match_bad_input_is_4xx(api: TestClient, seeded: None, payload: dict[str, Any], status: int,
                                where: str) -> None:
    out = assert_outcome(api.post("/v1/care/match", json=payload), status)
    assert where in out["issue"][0].get("expression", [""])[0]


def test_nan_coordinates_are_refused(api: TestClient, seeded: None) -> None:
    resp = api.post("/v1/care/match", content=b'{"level": "consultation", "department_code": "03.04", '
                    b'"location": {"lat": NaN, "lon": 116.4}}', headers={"content-type": "application/json"})
    assert_outcome(resp, 422)


@pytest.mark.parametrize(("path", "status"), [
    ("/v1/care/hospitals/no-such-hospital", 404),
    ("/v1/care/hospitals/bad%20id", 422),
])
def test_hospital_4xx(api: TestClient, seeded: None, path: str, status: int) -> None:
    assert_outcome(api.get(path), status)
