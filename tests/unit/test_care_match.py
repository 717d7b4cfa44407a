"""Care matching: ranking with reasons, filters, earliest slots, emergency → nearest ED and no booking."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from ankang.engines.care_match import (
    CareRequest,
    DoctorInfo,
    HospitalInfo,
    Location,
    Preferences,
    haversine_km,
    match_care,
    related,
)
from ankang.engines.scheduling import WeeklySchedule, Window, WorkingHours
from ankang.errors import InvalidInput
from ankang.knowledge.text import Text

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # Monday 09:00 in Shanghai
HOME = Location(39.9087, 116.3975)  # 天安门
WEEKDAYS = WeeklySchedule(tuple(WorkingHours(d, Window(time(8), time(12))) for d in range(5)), 30)
TUESDAY_ONLY = WeeklySchedule((WorkingHours(1, Window(time(14), time(15))),), 30)

NEAR = HospitalInfo("h-near", Text("近医院", "Near"), "三级甲等", "东城区", Location(39.92, 116.41),
                    frozenset({"03", "03.04", "20"}), frozenset({"北京职工医保"}))
FAR = HospitalInfo("h-far", Text("远医院", "Far"), "二级甲等", "昌平区", Location(40.22, 116.23),
                   frozenset({"03.04", "20"}), frozenset({"北京职工医保", "新农合"}))
NO_ED = HospitalInfo("h-noed", Text("无急诊", "No ED"), "一级甲等", "西城区", Location(39.91, 116.40),
                     frozenset({"03.04"}))
HOSPITALS = (NEAR, FAR, NO_ED)

CARDIO = DoctorInfo("d-cardio", "h-near", "03.04", "王医生", "主任医师", ("高血压", "冠心病"), frozenset({"zh", "en"}),
                    4.8, tele=True, schedule=WEEKDAYS)
GENERAL = DoctorInfo("d-general", "h-near", "03", "李医生", "主治医师", (), frozenset({"zh"}), 4.0,
                     schedule=WEEKDAYS)
FAR_CARDIO = DoctorInfo("d-far", "h-far", "03.04", "赵医生", "副主任医师", ("心律失常",), frozenset({"zh"}), 4.9,
                        schedule=TUESDAY_ONLY)
DERM = DoctorInfo("d-derm", "h-near", "13", "周医生", "主任医师", (), schedule=WEEKDAYS)
DOCTORS = (CARDIO, GENERAL, FAR_CARDIO, DERM)


def request(level: str = "consultation", **prefs: object) -> CareRequest:
    return CareRequest(level, "03.04", HOME, (Text("原发性高血压", "Essential hypertension"),),
                       Preferences(**prefs))  # type: ignore[arg-type]


@pytest.mark.parametrize(("a", "b", "km"), [
    # Beijing (天安门) → Shanghai (人民广场): ~1067 km great-circle (any map service's straight-line figure)
    (HOME, Location(31.2304, 121.4737), 1067.0),
    (HOME, HOME, 0.0),
    (Location(0, 0), Location(0, 180), 20015.1),  # half the equator, π·R
])
def test_haversine(a: Location, b: Location, km: float) -> None:
    assert haversine_km(a, b) == pytest.approx(km, abs=1.5)


@pytest.mark.parametrize(("code", "other", "expected"), [
    ("03.04", "03.04", True), ("03.04", "03", True), ("03", "03.04", True), ("03.04", "03.01", False),
    ("03", "13", False), ("04.01", "04.01.01", True),
])
def test_related_departments(code: str, other: str, expected: bool) -> None:
    assert related(code, other) is expected


def test_ranking_with_reasons_and_earliest_slots() -> None:
    result = match_care(request(), HOSPITALS, DOCTORS, now=NOW)
    assert result.kind == "book" and not result.emergency
    ids = [m.doctor.id for m in result.doctors]
    assert ids[0] == "d-cardio" and "d-derm" not in ids and set(ids) == {"d-cardio", "d-general", "d-far"}
    top = result.doctors[0]
    assert any("高血压" in r.zh for r in top.reasons) and all(r.en for r in top.reasons)
    assert [s.local().time() for s in top.slots] == [time(9), time(9, 30), time(10)]  # 08:00–08:30 are past
    assert top.distance_km == pytest.approx(haversine_km(HOME, NEAR.location), abs=0.01)


def test_consultation_24_keeps_only_today_or_tomorrow() -> None:
    result = match_care(request("consultation_24"), HOSPITALS, DOCTORS, now=NOW)
    far = next(m for m in result.doctors if m.doctor.id == "d-far")
    assert far.slots and far.slots[0].local().date().isoformat() == "2026-03-03"  # Tuesday is tomorrow
    friday = datetime(2026, 3, 6, 1, 0, tzinfo=UTC)
    result = match_care(request("consultation_24"), HOSPITALS, DOCTORS, now=friday)
    far = next(m for m in result.doctors if m.doctor.id == "d-far")
    assert far.slots == () and result.doctors[-1].doctor.id == "d-far"  # no slot → ranked last
    assert any("暂无空余号源" in r.zh for r in far.reasons)


@pytest.mark.parametrize(("prefs", "expected"), [
    ({"max_distance_km": 5.0}, {"d-cardio", "d-general"}),
    ({"tele_only": True}, {"d-cardio"}),
    ({"insurance": "新农合"}, {"d-far"}),
    ({"insurance": "不存在的医保"}, set()),
])
def test_preferences_filter(prefs: dict[str, object], expected: set[str]) -> None:
    result = match_care(request(**prefs), HOSPITALS, DOCTORS, now=NOW)
    assert {m.doctor.id for m in result.doctors} == expected
    if not expected:
        assert len(result.notices) == 2


def test_language_preference_ranks_and_explains() -> None:
    result = match_care(request(language="en"), HOSPITALS, DOCTORS, now=NOW)
    general = next(m for m in result.doctors if m.doctor.id == "d-general")
    assert any("en" in r.en and "not" in r.en for r in general.reasons)
    assert result.doctors[0].doctor.id == "d-cardio"


@pytest.mark.parametrize("level", ["emergency", "emergency_ambulance"])
def test_emergency_gives_nearest_emergency_departments_and_no_slots(level: str) -> None:
    result = match_care(request(level), HOSPITALS, DOCTORS, now=NOW)
    assert result.kind == "emergency" and result.doctors == ()
    assert [o.hospital.id for o in result.emergency] == ["h-near", "h-far"]  # h-noed has no 急诊
    assert result.emergency[0].distance_km < result.emergency[1].distance_km
    assert any("120" in n.zh for n in result.notices)


def test_self_care_offers_no_booking() -> None:
    result = match_care(request("self_care"), HOSPITALS, DOCTORS, now=NOW)
    assert result.kind == "self_care" and result.doctors == () and result.emergency == ()


def test_taken_slot_is_skipped() -> None:
    taken = DoctorInfo(**{**{f: getattr(CARDIO, f) for f in CARDIO.__slots__}, "taken": frozenset({NOW})})  # type: ignore[arg-type]
    result = match_care(request(), HOSPITALS, (taken,), now=NOW)
    assert result.doctors[0].slots[0].start > NOW


@pytest.mark.parametrize(("call", "expression"), [
    (lambda: Location(91, 0), "lat"),
    (lambda: Location(0, float("nan")), "lon"),
    (lambda: match_care(request(), HOSPITALS, DOCTORS, now=NOW, limit=0), "limit"),
    (lambda: match_care(request("soon"), HOSPITALS, DOCTORS, now=NOW), "level"),
])
def test_caller_mistakes(call: object, expression: str) -> None:
    with pytest.raises(InvalidInput) as info:
        call()  # type: ignore[operator]
    assert info.value.expression == expression
