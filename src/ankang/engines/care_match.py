"""Care navigation (pure): an interview result + where the person is + what they prefer → ranked doctors
with reasons and their earliest free slots; at emergency levels only the nearest emergency departments.

Never a booking at emergency levels (Infermedica's `/recommend_specialist` is likewise not used there):
the answer is "call 120" and the nearest hospitals with an emergency department (NHC code 20).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from ankang.engines.scheduling import BookingPolicy, Slot, WeeklySchedule, booking_policy, free_slots
from ankang.errors import InvalidInput
from ankang.knowledge.text import Text

EMERGENCY_DEPARTMENT = "20"  # 急诊医学科, NHC 医疗机构诊疗科目名录
EARTH_RADIUS_KM = 6371.0088  # IUGG mean Earth radius (Moritz 2000, Geodetic Reference System 1980)
EMERGENCY_HOSPITALS = 5
SLOTS_PER_DOCTOR = 3
CALL_120 = Text("如出现危及生命的情况，请立即拨打 120。", "If life is at risk, call 120 now.")


@dataclass(frozen=True, slots=True)
class Location:
    lat: float
    lon: float

    def __post_init__(self) -> None:
        if not (math.isfinite(self.lat) and -90 <= self.lat <= 90):
            raise InvalidInput(f"latitude {self.lat} is outside -90…90", zh=f"纬度 {self.lat} 超出范围", expression="lat")
        if not (math.isfinite(self.lon) and -180 <= self.lon <= 180):
            raise InvalidInput(f"longitude {self.lon} is outside -180…180", zh=f"经度 {self.lon} 超出范围",
                               expression="lon")


def haversine_km(a: Location, b: Location) -> float:
    """Great-circle distance on a sphere (haversine formula; R. W. Sinnott, Sky & Telescope 68:159, 1984)."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True, slots=True)
class HospitalInfo:
    id: str
    name: Text
    grade: str
    address: str
    location: Location
    departments: frozenset[str]
    insurance: frozenset[str] = frozenset()
    phone: str | None = None

    @property
    def has_emergency(self) -> bool:
        return EMERGENCY_DEPARTMENT in self.departments


@dataclass(frozen=True, slots=True)
class DoctorInfo:
    id: str
    hospital_id: str
    department_code: str
    name: str
    title: str
    specialties: tuple[str, ...] = ()
    languages: frozenset[str] = frozenset({"zh"})
    rating: float | None = None
    tele: bool = False
    schedule: WeeklySchedule | None = None
    taken: frozenset[datetime] = frozenset()


@dataclass(frozen=True, slots=True)
class Preferences:
    language: str | None = None
    tele_only: bool = False
    max_distance_km: float | None = None
    insurance: str | None = None  # e.g. 北京市职工医保; only hospitals accepting it are offered


@dataclass(frozen=True, slots=True)
class CareRequest:
    level: str
    department_code: str
    location: Location
    conditions: tuple[Text, ...] = ()  # names of the top conditions, matched against specialties
    preferences: Preferences = field(default_factory=Preferences)


@dataclass(frozen=True, slots=True)
class DoctorMatch:
    doctor: DoctorInfo
    hospital: HospitalInfo
    distance_km: float
    score: float
    reasons: tuple[Text, ...]
    slots: tuple[Slot, ...]


@dataclass(frozen=True, slots=True)
class EmergencyOption:
    hospital: HospitalInfo
    distance_km: float


@dataclass(frozen=True, slots=True)
class MatchResult:
    kind: Literal["book", "self_care", "emergency"]
    policy: BookingPolicy
    doctors: tuple[DoctorMatch, ...] = ()
    emergency: tuple[EmergencyOption, ...] = ()
    notices: tuple[Text, ...] = ()


def related(code: str, other: str) -> bool:
    """NHC codes nest by dots (03 内科 ⊃ 03.01 呼吸内科): a parent or child department also fits."""
    return code == other or other.startswith(code + ".") or code.startswith(other + ".")


def _specialty_hits(doctor: DoctorInfo, conditions: Iterable[Text]) -> list[str]:
    hits = []
    for spec in doctor.specialties:
        s = spec.casefold()
        if any(s and (s in c.zh.casefold() or c.zh.casefold() in s or (c.en and c.en.casefold() == s))
               for c in conditions if c.zh or c.en):
            hits.append(spec)
    return hits


def _score(req: CareRequest, doc: DoctorInfo, distance: float) -> tuple[float, list[Text]]:
    reasons: list[Text] = []
    if doc.department_code == req.department_code:
        score = 3.0
        reasons.append(Text("科室与问诊建议一致", "Department matches the interview's recommendation"))
    else:
        score = 1.5
        reasons.append(Text("相关科室（上下级专业）", "Related department (parent or sub-specialty)"))
    hits = _specialty_hits(doc, req.conditions)
    if hits:
        score += min(2, len(hits)) * 1.0
        joined = "、".join(hits)
        reasons.append(Text(f"擅长：{joined}", f"Specialises in: {', '.join(hits)}"))
    lang = req.preferences.language
    if lang and lang in doc.languages:
        score += 0.5
        reasons.append(Text(f"可使用您偏好的语言（{lang}）", f"Speaks your preferred language ({lang})"))
    elif lang:
        score -= 1.0
        reasons.append(Text(f"不支持您偏好的语言（{lang}）", f"Does not list your preferred language ({lang})"))
    if doc.tele:
        reasons.append(Text("支持线上问诊", "Offers tele-consultation"))
    if doc.rating is not None:
        score += (doc.rating - 4.0) * 0.5
        reasons.append(Text(f"患者评分 {doc.rating:.1f}", f"Patient rating {doc.rating:.1f}"))
    if not (req.preferences.tele_only and doc.tele):
        score -= min(distance, 50.0) / 25.0  # up to −2 for distance; tele visits need no travel
    reasons.append(Text(f"距离约 {distance:.1f} 公里", f"About {distance:.1f} km away"))
    return score, reasons


def match_care(request: CareRequest, hospitals: Sequence[HospitalInfo], doctors: Sequence[DoctorInfo], *,
               now: datetime, limit: int = 10) -> MatchResult:
    """Rank doctors for the request. Emergency levels → nearest emergency departments and no slots."""
    if not 1 <= limit <= 50:
        raise InvalidInput(f"limit {limit} is outside 1–50", zh=f"数量 {limit} 不在 1–50 之间", expression="limit")
    policy = booking_policy(request.level, now)
    by_id: Mapping[str, HospitalInfo] = {h.id: h for h in hospitals}
    if policy.kind == "emergency":
        options = sorted((EmergencyOption(h, haversine_km(request.location, h.location))
                          for h in hospitals if h.has_emergency), key=lambda o: (o.distance_km, o.hospital.id))
        return MatchResult("emergency", policy, emergency=tuple(options[:EMERGENCY_HOSPITALS]),
                           notices=(policy.advice, CALL_120))
    if policy.kind == "self_care":
        return MatchResult("self_care", policy, notices=(policy.advice,))
    assert policy.horizon is not None
    prefs = request.preferences
    found: list[DoctorMatch] = []
    for doc in doctors:
        hosp = by_id.get(doc.hospital_id)
        if hosp is None or not related(request.department_code, doc.department_code):
            continue
        if prefs.tele_only and not doc.tele:
            continue
        if prefs.insurance and prefs.insurance not in hosp.insurance:
            continue
        distance = haversine_km(request.location, hosp.location)
        if prefs.max_distance_km is not None and distance > prefs.max_distance_km and not prefs.tele_only:
            continue
        score, reasons = _score(request, doc, distance)
        slots = tuple(free_slots(doc.schedule, policy.horizon, taken=doc.taken, limit=SLOTS_PER_DOCTOR)
                      ) if doc.schedule else ()
        if not slots:
            reasons.append(Text("就诊时限内暂无空余号源", "No free slot within the recommended time"))
        if prefs.insurance:
            reasons.append(Text(f"接受{prefs.insurance}", f"Accepts {prefs.insurance}"))
        found.append(DoctorMatch(doc, hosp, round(distance, 2), round(score, 3), tuple(reasons), slots))
    found.sort(key=lambda m: (not m.slots, -m.score, m.slots[0].start if m.slots else now, m.distance_km,
                              m.doctor.id))
    notices = [policy.advice]
    if not found:
        notices.append(Text("附近没有符合条件的医生，可放宽距离或医保条件后重试。",
                            "No doctor fits these conditions nearby; try a wider distance or other insurance."))
    return MatchResult("book", policy, doctors=tuple(found[:limit]), notices=tuple(notices))
