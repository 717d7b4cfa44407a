"""Care navigation use cases: load the directory → match (pure engine) → API shapes; import and seed.

Matching reads only the public directory and keeps nothing of the request (location, conditions), so
it needs no consent check and writes no health data; importing the directory is an admin action.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ankang.db import UnitOfWork
from ankang.domains.care import schemas as s
from ankang.domains.care.importer import ImportReport, import_csv
from ankang.domains.care.models import Doctor, Hospital, HospitalDepartment, ScheduleException, ScheduleHours
from ankang.domains.care.synthetic import synthetic_directory
from ankang.engines import care_match as cm
from ankang.engines.scheduling import DEFAULT_TZ, DateException, WeeklySchedule, Window, WorkingHours
from ankang.errors import InvalidInput, NotFound
from ankang.knowledge.departments import load_departments
from ankang.knowledge.text import Text


def _department(code: str) -> Text:
    dept = load_departments().get(code)
    if dept is None:
        raise InvalidInput(f"unknown NHC department code {code!r}", zh=f"未知诊疗科目代码“{code}”",
                           expression="department_code")
    return dept.name


def _ancestors(code: str) -> list[str]:
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _hospital_info(h: Hospital, codes: Iterable[str]) -> cm.HospitalInfo:
    return cm.HospitalInfo(h.id, Text(h.name_zh, h.name_en or h.name_zh), h.grade, h.address,
                           cm.Location(h.lat, h.lon), frozenset(codes), frozenset(h.insurance), h.phone)


def _departments_of(session: Session, hospital_ids: Iterable[str]) -> Mapping[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    rows = session.execute(select(HospitalDepartment.hospital_id, HospitalDepartment.code)
                           .where(HospitalDepartment.hospital_id.in_(list(hospital_ids))))
    for hid, code in rows:
        out[hid].add(code)
    return out


def _schedules(session: Session, doctors: list[Doctor]) -> dict[str, WeeklySchedule]:
    ids = [d.id for d in doctors]
    hours: dict[str, list[WorkingHours]] = defaultdict(list)
    for h in session.scalars(select(ScheduleHours).where(ScheduleHours.doctor_id.in_(ids))):
        hours[h.doctor_id].append(WorkingHours(h.weekday, Window(h.start, h.end)))
    exceptions: dict[str, dict[date, list[Window]]] = defaultdict(lambda: defaultdict(list))
    for e in session.scalars(select(ScheduleException).where(ScheduleException.doctor_id.in_(ids))):
        day = exceptions[e.doctor_id][e.day]
        if e.start is not None and e.end is not None:
            day.append(Window(e.start, e.end))
    return {d.id: WeeklySchedule(tuple(hours[d.id]), d.slot_minutes,
                                 exceptions=tuple(DateException(day, tuple(w)) for day, w in exceptions[d.id].items()), tz=DEFAULT_TZ)
            for d in doctors}


def _doctor_info(d: Doctor, schedule: WeeklySchedule | None) -> cm.DoctorInfo:
    return cm.DoctorInfo(d.id, d.hospital_id, d.department_code, d.name, d.title, tuple(d.specialties),
                         frozenset(d.languages), d.rating, d.tele, schedule)


def _brief(h: cm.HospitalInfo, synthetic: bool) -> s.HospitalBrief:
    return s.HospitalBrief(id=h.id, name=s.LocalText(**h.name.as_dict()), grade=h.grade, address=h.address,
                           lat=h.location.lat, lon=h.location.lon, phone=h.phone, emergency=h.has_emergency,
                           synthetic=synthetic)


def _doctor_out(d: Doctor) -> s.DoctorOut:
    return s.DoctorOut(id=d.id, name=d.name, title=d.title, department_code=d.department_code,
                       specialties=list(d.specialties), languages=list(d.languages), rating=d.rating,
                       tele_consultation=d.tele, synthetic=d.synthetic)


def _load_for_match(session: Session, level: str, code: str) -> tuple[list[Hospital], list[Doctor]]:
    if level in ("emergency", "emergency_ambulance"):
        ids = select(HospitalDepartment.hospital_id).where(HospitalDepartment.code == cm.EMERGENCY_DEPARTMENT)
        return list(session.scalars(select(Hospital).where(Hospital.id.in_(ids)))), []
    if level == "self_care":
        return [], []
    doctors = list(session.scalars(select(Doctor).where(or_(Doctor.department_code.in_(_ancestors(code)),
                                                            Doctor.department_code.like(code + ".%")))))
    hids = {d.hospital_id for d in doctors}
    return list(session.scalars(select(Hospital).where(Hospital.id.in_(hids)))), doctors


def match(uow: UnitOfWork, body: s.MatchIn) -> s.MatchOut:
    department = _department(body.department_code)
    hospitals, doctors = _load_for_match(uow.session, body.level, body.department_code)
    depts = _departments_of(uow.session, [h.id for h in hospitals])
    infos = [_hospital_info(h, depts.get(h.id, ())) for h in hospitals]
    synthetic = {h.id: h.synthetic for h in hospitals}
    schedules = _schedules(uow.session, doctors) if doctors else {}
    rows = {d.id: d for d in doctors}
    prefs = body.preferences
    request = cm.CareRequest(
        body.level, body.department_code, cm.Location(body.location.lat, body.location.lon),
        tuple(Text(c.name.zh, c.name.en) if c.name else Text(c.id, c.id) for c in body.conditions),
        cm.Preferences(prefs.language, prefs.tele_consultation, prefs.max_distance_km, body.insurance))
    result = cm.match_care(request, infos, [_doctor_info(d, schedules.get(d.id)) for d in doctors],
                           now=uow.now, limit=body.limit)
    horizon = result.policy.horizon
    return s.MatchOut(
        kind=result.kind, booking_offered=result.kind == "book", call_120=result.kind == "emergency",
        horizon_days=[horizon.first_day.isoformat(), horizon.last_day.isoformat()] if horizon else [],
        department=s.LocalText(**department.as_dict()),
        notices=[s.LocalText(**n.as_dict()) for n in result.notices],
        doctors=[s.DoctorMatchOut(
            doctor=_doctor_out(rows[m.doctor.id]), hospital=_brief(m.hospital, synthetic[m.hospital.id]),
            distance_km=m.distance_km, score=m.score, reasons=[s.LocalText(**r.as_dict()) for r in m.reasons],
            earliest_slots=[s.SlotOut(start=x.start, end=x.end, local_start=x.local().isoformat()) for x in m.slots],
        ) for m in result.doctors],
        emergency_departments=[s.EmergencyOut(hospital=_brief(o.hospital, synthetic[o.hospital.id]),
                                              distance_km=round(o.distance_km, 2)) for o in result.emergency],
    )


def hospital(uow: UnitOfWork, hospital_id: str) -> s.HospitalOut:
    h = uow.session.get(Hospital, hospital_id)
    if h is None:
        raise NotFound(f"no hospital {hospital_id}", zh=f"找不到医院 {hospital_id}", expression="hospital_id")
    codes = sorted(_departments_of(uow.session, [h.id]).get(h.id, ()))
    info = _hospital_info(h, codes)
    doctors = uow.session.scalars(select(Doctor).where(Doctor.hospital_id == h.id).order_by(Doctor.id))
    return s.HospitalOut(**_brief(info, h.synthetic).model_dump(), insurance=list(h.insurance),
                         departments=codes, doctors=[_doctor_out(d) for d in doctors])


def import_directory(session: Session, kind: str, text: str) -> ImportReport:
    """Import one directory CSV (hospitals, doctors or schedules); the caller commits."""
    return import_csv(session, kind, text, load_departments().keys())


def seed_demo_directory(session: Session, random_state: int = 2026) -> bool:
    """Seed the synthetic directory once, for `ankang serve --demo`; False if a directory exists already."""
    if session.scalar(select(Hospital.id).limit(1)) is not None:
        return False
    seed_synthetic(session, random_state)
    return True


def seed_synthetic(session: Session, random_state: int, *, hospitals: int = 8) -> list[ImportReport]:
    """Add the synthetic demo directory (clearly labelled 合成数据); the caller commits."""
    directory = synthetic_directory(random_state, hospitals=hospitals)
    return [import_directory(session, kind, text) for kind, text in
            (("hospitals", directory.hospitals), ("doctors", directory.doctors),
             ("schedules", directory.schedules))]
