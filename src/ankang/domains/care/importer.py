"""CSV import of the care directory with a per-row report: bad rows are reported by line and skipped,
good rows are imported, and no row is ever half-written (each row is one savepoint).

    hospitals: id,name_zh,name_en,grade,address,lat,lon,insurance,departments,phone
    doctors:   id,hospital_id,department_code,name,title,specialties,languages,rating,tele,slot_minutes
    schedules: doctor_id,weekday,date,start,end    (weekday 1=Mon … 7=Sun, or a date; a date with no
               start/end closes that day)

List fields are separated by "|". Line numbers count the header as line 1.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date, time
from typing import Literal

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ankang.domains.care.models import Doctor, Hospital, HospitalDepartment, ScheduleException, ScheduleHours
from ankang.errors import InvalidInput
from ankang.knowledge.text import Text

Kind = Literal["hospitals", "doctors", "schedules"]
COLUMNS: dict[str, tuple[str, ...]] = {
    "hospitals": ("id", "name_zh", "name_en", "grade", "address", "lat", "lon", "insurance", "departments", "phone"),
    "doctors": ("id", "hospital_id", "department_code", "name", "title", "specialties", "languages", "rating",
                "tele", "slot_minutes"),
    "schedules": ("doctor_id", "weekday", "date", "start", "end"),
}
# 医院分级管理办法（卫医字〔1989〕第25号）: three levels × 甲乙丙, plus 三级特等; 未定级 for unrated clinics.
GRADES = frozenset({f"{lvl}级{g}等" for lvl in "一二三" for g in "甲乙丙"} | {"三级特等", "未定级"})
# Clinical titles (卫生技术人员职称, 医师系列): senior, associate senior, attending, resident.
TITLES = frozenset({"主任医师", "副主任医师", "主治医师", "住院医师"})
MAX_ROWS = 50_000


class RowError(Exception):
    def __init__(self, column: str, en: str, zh: str) -> None:
        super().__init__(en)
        self.column, self.text = column, Text(zh, en)


@dataclass(frozen=True, slots=True)
class RowProblem:
    line: int
    column: str
    message: Text


@dataclass
class ImportReport:
    kind: str
    imported: int = 0
    problems: list[RowProblem] = field(default_factory=list)


def _required(row: dict[str, str], col: str) -> str:
    value = (row.get(col) or "").strip()
    if not value:
        raise RowError(col, f"{col} is empty", f"{col} 不能为空")
    return value


def _float(row: dict[str, str], col: str, lo: float, hi: float, *, optional: bool = False) -> float | None:
    raw = (row.get(col) or "").strip()
    if not raw and optional:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise RowError(col, f"{col} {raw!r} is not a number", f"{col} “{raw}” 不是数字") from None
    if not (math.isfinite(value) and lo <= value <= hi):
        raise RowError(col, f"{col} {value} is outside {lo}…{hi}", f"{col} {value} 超出 {lo}…{hi}")
    return value


def _list(row: dict[str, str], col: str) -> list[str]:
    return [p.strip() for p in (row.get(col) or "").split("|") if p.strip()]


def _time(row: dict[str, str], col: str) -> time | None:
    raw = (row.get(col) or "").strip()
    if not raw:
        return None
    try:
        return time.fromisoformat(raw)
    except ValueError:
        raise RowError(col, f"{col} {raw!r} is not a time like 08:00", f"{col} “{raw}” 不是 08:00 这样的时间") from None


def _hospital(s: Session, row: dict[str, str], departments: Collection[str]) -> list[object]:
    hid = _required(row, "id")
    grade = _required(row, "grade")
    if grade not in GRADES:
        raise RowError("grade", f"unknown hospital grade {grade!r}", f"未知医院等级“{grade}”")
    codes = _list(row, "departments")
    if bad := [c for c in codes if c not in departments]:
        raise RowError("departments", f"unknown NHC department codes {bad}", f"未知诊疗科目代码 {bad}")
    if s.get(Hospital, hid) is not None:
        raise RowError("id", f"hospital {hid} already exists", f"医院 {hid} 已存在")
    lat, lon = _float(row, "lat", -90, 90), _float(row, "lon", -180, 180)
    assert lat is not None and lon is not None
    hosp = Hospital(id=hid, name_zh=_required(row, "name_zh"), name_en=(row.get("name_en") or "").strip(),
                    grade=grade, address=_required(row, "address"), lat=lat, lon=lon,
                    insurance=_list(row, "insurance"), phone=(row.get("phone") or "").strip() or None,
                    synthetic="合成数据" in row["name_zh"])
    return [hosp, *(HospitalDepartment(hospital_id=hid, code=c) for c in dict.fromkeys(codes))]


def _doctor(s: Session, row: dict[str, str], departments: Collection[str]) -> list[object]:
    did, hid = _required(row, "id"), _required(row, "hospital_id")
    code = _required(row, "department_code")
    if code not in departments:
        raise RowError("department_code", f"unknown NHC department code {code!r}", f"未知诊疗科目代码“{code}”")
    title = _required(row, "title")
    if title not in TITLES:
        raise RowError("title", f"unknown title {title!r}", f"未知职称“{title}”")
    if s.get(Hospital, hid) is None:
        raise RowError("hospital_id", f"no hospital {hid}", f"医院 {hid} 不存在")
    if s.get(Doctor, did) is not None:
        raise RowError("id", f"doctor {did} already exists", f"医生 {did} 已存在")
    tele = (row.get("tele") or "").strip().lower()
    if tele not in ("", "0", "1", "true", "false", "yes", "no"):
        raise RowError("tele", f"tele {tele!r} is not true/false", f"tele “{tele}” 应为 true/false")
    minutes = _float(row, "slot_minutes", 5, 240, optional=True)
    if minutes is not None and minutes != int(minutes):
        raise RowError("slot_minutes", "slot_minutes must be whole minutes", "号源时长须为整数分钟")
    name = _required(row, "name")
    return [Doctor(id=did, hospital_id=hid, department_code=code, name=name, title=title,
                   specialties=_list(row, "specialties"), languages=_list(row, "languages") or ["zh"],
                   rating=_float(row, "rating", 0, 5, optional=True), tele=tele in ("1", "true", "yes"),
                   slot_minutes=int(minutes or 15), synthetic="合成数据" in name)]


def _schedule(s: Session, row: dict[str, str], _departments: Collection[str]) -> list[object]:
    did = _required(row, "doctor_id")
    if s.get(Doctor, did) is None:
        raise RowError("doctor_id", f"no doctor {did}", f"医生 {did} 不存在")
    start, end = _time(row, "start"), _time(row, "end")
    if (start is None) != (end is None) or (start and end and start >= end):
        raise RowError("end", "start and end must both be given, start before end", "开始和结束时间须同时填写且开始早于结束")
    raw_day, raw_weekday = (row.get("date") or "").strip(), (row.get("weekday") or "").strip()
    if raw_day and not raw_weekday:
        try:
            day = date.fromisoformat(raw_day)
        except ValueError:
            raise RowError("date", f"date {raw_day!r} is not YYYY-MM-DD", f"日期“{raw_day}”格式应为 YYYY-MM-DD") from None
        return [ScheduleException(doctor_id=did, day=day, start=start, end=end)]
    if raw_day or raw_weekday not in {str(d) for d in range(1, 8)}:
        raise RowError("weekday", "give a weekday 1 (Mon) … 7 (Sun) or a date, not both",
                       "请填写星期 1（周一）… 7（周日）或日期，二者选一")
    if start is None or end is None:
        raise RowError("start", "weekly hours need start and end", "每周出诊时间须填写开始和结束")
    return [ScheduleHours(doctor_id=did, weekday=int(raw_weekday) - 1, start=start, end=end)]


ROW_READERS: dict[str, Callable[[Session, dict[str, str], Collection[str]], list[object]]] = {
    "hospitals": _hospital, "doctors": _doctor, "schedules": _schedule}


def import_csv(session: Session, kind: str, text: str, departments: Collection[str]) -> ImportReport:
    """Import one CSV file of `kind`; the caller's unit of work commits. A bad header rejects the file."""
    if kind not in COLUMNS:
        raise InvalidInput(f"unknown directory file kind {kind!r}", zh=f"未知目录文件类型“{kind}”", expression="kind")
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = tuple(reader.fieldnames or ())
    if missing := [c for c in COLUMNS[kind] if c not in header]:
        raise InvalidInput(f"{kind} CSV lacks columns {missing}", zh=f"{kind} CSV 缺少列 {missing}",
                           expression="header")
    report = ImportReport(kind)
    for row in reader:
        number = reader.line_num  # the physical line the row ends on (blank lines are skipped)
        if number > MAX_ROWS + 1:
            raise InvalidInput(f"more than {MAX_ROWS} rows", zh=f"超过 {MAX_ROWS} 行", expression="rows")
        if None in row:
            report.problems.append(RowProblem(number, "", Text("列数多于表头", "more fields than the header")))
            continue
        try:
            with session.begin_nested():
                session.add_all(ROW_READERS[kind](session, row, departments))
                session.flush()
        except RowError as exc:
            report.problems.append(RowProblem(number, exc.column, exc.text))
        except IntegrityError:
            report.problems.append(RowProblem(number, "", Text("与已有数据冲突", "clashes with existing data")))
        else:
            report.imported += 1
    return report
