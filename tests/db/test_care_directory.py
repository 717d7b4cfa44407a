"""Care directory import: per-row report by line, good rows kept, bad rows leave nothing behind;
the synthetic directory is repeatable, labelled synthetic, and imports cleanly."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, delete, func, or_, select
from sqlalchemy.orm import Session

from ankang.db import make_engine, migrate
from ankang.domains.care import service
from ankang.domains.care.models import Doctor, Hospital, HospitalDepartment, ScheduleException, ScheduleHours
from ankang.domains.care.synthetic import synthetic_directory
from ankang.errors import InvalidInput

HOSPITALS = """id,name_zh,name_en,grade,address,lat,lon,insurance,departments,phone
t-h1,测试医院（合成数据）,Test Hospital,三级甲等,北京市东城区,39.92,116.41,职工医保|居民医保,03.04|20,010-1
t-h2,坏等级医院,Bad,四级甲等,某地,39.9,116.4,,03.04,
t-h3,坏坐标医院,Bad,二级甲等,某地,95,116.4,,03.04,

t-h4,坏科室医院,Bad,二级甲等,某地,39.9,116.4,,03.04|99.99,
t-h1,重复医院,Dup,二级甲等,某地,39.9,116.4,,03.04,
t-h5,好医院,Good,一级甲等,北京市西城区,39.91,116.38,,02,
"""
DOCTORS = """id,hospital_id,department_code,name,title,specialties,languages,rating,tele,slot_minutes
t-d1,t-h1,03.04,王医生（合成数据）,主任医师,高血压|冠心病,zh|en,4.8,true,30
t-d2,t-h9,03.04,无医院,主治医师,,,,,
t-d3,t-h1,03.04,坏职称,教授,,,,,
t-d4,t-h1,03.04,坏评分,主治医师,,,6,,
t-d5,t-h1,03.04,坏时长,主治医师,,,,,2
"""
SCHEDULES = """doctor_id,weekday,date,start,end
t-d1,1,,08:00,12:00
t-d1,8,,08:00,12:00
t-d1,,2026-03-09,,
t-d1,2,,12:00,08:00
t-d9,1,,08:00,12:00
t-d1,,2026-13-01,,
t-d1,3,,8点,12:00
"""


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    migrate(engine)
    yield engine
    with Session(engine) as s, s.begin():  # the database is shared by the session: remove only ours
        ours = select(Hospital.id).where(or_(Hospital.id.like("t-%"), Hospital.id.like("syn-%")))
        doctors = select(Doctor.id).where(Doctor.hospital_id.in_(ours))
        for model in (ScheduleException, ScheduleHours):
            s.execute(delete(model).where(model.doctor_id.in_(doctors)))
        s.execute(delete(Doctor).where(Doctor.hospital_id.in_(ours)))
        s.execute(delete(HospitalDepartment).where(HospitalDepartment.hospital_id.in_(ours)))
        s.execute(delete(Hospital).where(Hospital.id.in_(ours)))
    engine.dispose()


def test_import_reports_bad_rows_by_line_and_keeps_the_rest(engine: Engine) -> None:
    with Session(engine) as s, s.begin():
        hospitals = service.import_directory(s, "hospitals", HOSPITALS)
        doctors = service.import_directory(s, "doctors", DOCTORS)
        schedules = service.import_directory(s, "schedules", SCHEDULES)
    assert hospitals.imported == 2
    # the blank line 5 is skipped, so the rows keep their physical line numbers
    assert [(p.line, p.column) for p in hospitals.problems] == [
        (3, "grade"), (4, "lat"), (6, "departments"), (7, "id")]
    assert all(p.message.zh and p.message.en for p in hospitals.problems)
    assert doctors.imported == 1
    assert [(p.line, p.column) for p in doctors.problems] == [
        (3, "hospital_id"), (4, "title"), (5, "rating"), (6, "slot_minutes")]
    assert schedules.imported == 2
    assert [(p.line, p.column) for p in schedules.problems] == [
        (3, "weekday"), (5, "end"), (6, "doctor_id"), (7, "date"), (8, "start")]
    with Session(engine) as s:
        assert set(s.scalars(select(Hospital.id).where(Hospital.id.like("t-%")))) == {"t-h1", "t-h5"}
        # nothing half-written: the rejected hospitals left no department rows behind
        assert set(s.scalars(select(HospitalDepartment.hospital_id)
                             .where(HospitalDepartment.hospital_id.like("t-%")))) == {"t-h1", "t-h5"}
        h1 = s.get(Hospital, "t-h1")
        assert h1 is not None and h1.synthetic and h1.insurance == ["职工医保", "居民医保"]
        d1 = s.get(Doctor, "t-d1")
        assert d1 is not None and d1.tele and d1.slot_minutes == 30 and d1.languages == ["zh", "en"]
        assert s.scalar(select(func.count()).select_from(ScheduleException)
                        .where(ScheduleException.doctor_id == "t-d1")) == 1


def test_a_file_without_the_columns_is_rejected_whole(engine: Engine) -> None:
    with Session(engine) as s, s.begin(), pytest.raises(InvalidInput) as info:
        service.import_directory(s, "doctors", "id,name\nx,y\n")
    assert info.value.expression == "header"
    with pytest.raises(InvalidInput):
        service.import_directory(Session(engine), "nurses", "")


def test_synthetic_directory_is_repeatable_and_labelled() -> None:
    a, b, c = synthetic_directory(7), synthetic_directory(7), synthetic_directory(8)
    assert a == b and a != c
    rows = a.hospitals.splitlines()[1:]
    assert len(rows) == 8 and all("示例医院（合成数据）" in r for r in rows)
    assert all("（合成数据）" in r for r in a.doctors.splitlines()[1:])


def test_synthetic_directory_imports_cleanly(engine: Engine) -> None:
    with Session(engine) as s, s.begin():
        reports = service.seed_synthetic(s, random_state=3, hospitals=4)
    assert all(r.problems == [] and r.imported > 0 for r in reports), reports
    with Session(engine) as s:
        syn = Hospital.id.like("syn-%")
        assert s.scalar(select(func.count()).select_from(Hospital).where(syn)) == 4
        assert all(s.scalars(select(Hospital.synthetic).where(syn)))
        assert all(s.scalars(select(Doctor.synthetic).where(Doctor.hospital_id.like("syn-%"))))
        assert s.scalar(select(func.count()).select_from(HospitalDepartment)
                        .where(HospitalDepartment.code == "20", HospitalDepartment.hospital_id.like("syn-%")))
