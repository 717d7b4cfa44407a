"""Slot algebra (pure): weekly schedules → bookable slots as UTC instants, and how far ahead to look.

Schedules are written in local wall-clock time (Asia/Shanghai by default: clinics publish 8:00–12:00,
13:30–17:00); slots come out as aware UTC datetimes, so storage and comparison never depend on the
server's time zone. China has kept UTC+8 without daylight saving since 1991, but the conversion goes
through zoneinfo anyway, so a schedule in another zone (with DST) is handled the same way.

No clock is read here: `now` always comes in. Past slots (starting before `now`) are never offered.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ankang.errors import InvalidInput
from ankang.knowledge.text import Text

DEFAULT_TZ = "Asia/Shanghai"
MAX_HORIZON_DAYS = 92  # caller mistake guard: nobody books a quarter ahead through a triage result

TriageLevel = Literal["emergency_ambulance", "emergency", "consultation_24", "consultation", "self_care"]
EMERGENCY_LEVELS = frozenset({"emergency_ambulance", "emergency"})
LEVELS = ("emergency_ambulance", "emergency", "consultation_24", "consultation", "self_care")


@dataclass(frozen=True, slots=True)
class Window:
    """A stretch of local wall-clock time, start inclusive, end exclusive."""

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.start >= self.end:
            raise InvalidInput(f"window starts at {self.start} but ends at {self.end}",
                               zh=f"时段开始 {self.start} 不早于结束 {self.end}", expression="window")


@dataclass(frozen=True, slots=True)
class WorkingHours:
    """Working hours on one weekday (0 = Monday … 6 = Sunday)."""

    weekday: int
    window: Window

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise InvalidInput(f"weekday {self.weekday} is not 0 (Monday) … 6 (Sunday)",
                               zh=f"星期 {self.weekday} 无效（0=周一 … 6=周日）", expression="weekday")


@dataclass(frozen=True, slots=True)
class DateException:
    """One date that does not follow the weekly pattern: closed (no windows: a holiday) or other hours
    (e.g. a 调休 Saturday worked as a weekday)."""

    day: date
    windows: tuple[Window, ...] = ()


@dataclass(frozen=True, slots=True)
class WeeklySchedule:
    hours: tuple[WorkingHours, ...]
    slot_minutes: int
    breaks: tuple[Window, ...] = ()  # every day, e.g. 12:00–13:30 lunch
    exceptions: tuple[DateException, ...] = ()
    tz: str = DEFAULT_TZ
    _zone: ZoneInfo = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not 5 <= self.slot_minutes <= 240:
            raise InvalidInput(f"slot length {self.slot_minutes} min is outside 5–240",
                               zh=f"号源时长 {self.slot_minutes} 分钟不在 5–240 之间", expression="slot_minutes")
        try:
            object.__setattr__(self, "_zone", ZoneInfo(self.tz))
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise InvalidInput(f"unknown time zone {self.tz!r}", zh=f"未知时区 {self.tz!r}", expression="tz") from exc
        days = [e.day for e in self.exceptions]
        if len(days) != len(set(days)):
            raise InvalidInput("two exceptions for the same date", zh="同一日期有两条例外安排", expression="exceptions")

    @property
    def zone(self) -> ZoneInfo:
        return self._zone

    def windows_on(self, day: date) -> tuple[Window, ...]:
        for exc in self.exceptions:
            if exc.day == day:
                return exc.windows
        return tuple(h.window for h in self.hours if h.weekday == day.weekday())


@dataclass(frozen=True, slots=True, order=True)
class Slot:
    start: datetime  # aware, UTC
    end: datetime

    def local(self, tz: str = DEFAULT_TZ) -> datetime:
        return self.start.astimezone(ZoneInfo(tz))


def _aware(now: datetime) -> datetime:
    if now.tzinfo is None or now.utcoffset() is None:
        raise InvalidInput("naive datetime: pass an aware `now`", zh="时间缺少时区", expression="now")
    return now.astimezone(UTC)


def _to_utc(day: date, at: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def _day_slots(schedule: WeeklySchedule, day: date) -> Iterator[Slot]:
    step = timedelta(minutes=schedule.slot_minutes)
    for window in sorted(schedule.windows_on(day), key=lambda w: w.start):
        # Walk in UTC so a DST jump inside a window neither repeats nor skips a slot.
        cursor = _to_utc(day, window.start, schedule.zone)
        end = _to_utc(day, window.end, schedule.zone)
        while cursor + step <= end:
            slot = Slot(cursor, cursor + step)
            if not any(_overlaps(slot, day, b, schedule.zone) for b in schedule.breaks):
                yield slot
            cursor += step


def _overlaps(slot: Slot, day: date, brk: Window, zone: ZoneInfo) -> bool:
    return slot.start < _to_utc(day, brk.end, zone) and _to_utc(day, brk.start, zone) < slot.end


def generate_slots(schedule: WeeklySchedule, first_day: date, last_day: date) -> list[Slot]:
    """Every slot on local days `first_day` … `last_day` (inclusive), in time order."""
    if last_day < first_day:
        raise InvalidInput(f"last day {last_day} is before first day {first_day}",
                           zh=f"结束日期 {last_day} 早于开始日期 {first_day}", expression="last_day")
    if (last_day - first_day).days > MAX_HORIZON_DAYS:
        raise InvalidInput(f"range over {MAX_HORIZON_DAYS} days", zh=f"范围超过 {MAX_HORIZON_DAYS} 天",
                           expression="last_day")
    out: list[Slot] = []
    day = first_day
    while day <= last_day:
        out.extend(_day_slots(schedule, day))
        day += timedelta(days=1)
    return out


@dataclass(frozen=True, slots=True)
class Horizon:
    """Local days to offer slots on (inclusive), never earlier than `not_before`."""

    first_day: date
    last_day: date
    not_before: datetime


def free_slots(schedule: WeeklySchedule, horizon: Horizon, *, taken: Collection[datetime] = (),
               limit: int | None = None) -> list[Slot]:
    """Slots in the horizon that have not started yet and are not taken (by their UTC start)."""
    not_before = _aware(horizon.not_before)
    busy = {_aware(t) for t in taken}
    out = []
    for slot in generate_slots(schedule, horizon.first_day, horizon.last_day):
        if slot.start >= not_before and slot.start not in busy:
            out.append(slot)
            if limit is not None and len(out) >= limit:
                break
    return out


@dataclass(frozen=True, slots=True)
class BookingPolicy:
    """What the triage level allows: book within a horizon, self-care (no prompt), or emergency."""

    kind: Literal["book", "self_care", "emergency"]
    horizon: Horizon | None
    advice: Text


# The level names and meanings are Infermedica's five triage levels (developer.infermedica.com, "Triage"):
# consultation_24 = see a doctor within 24 hours → ankang offers today or tomorrow (local days);
# consultation = see a doctor, not urgent → the next 14 days (ankang's choice: most Chinese hospitals
# release appointments 7–14 days ahead, e.g. Beijing's 114 platform releases up to 7/14 days).
BOOKING_DAYS = {"consultation_24": 2, "consultation": 14}

_ADVICE = {
    "emergency_ambulance": Text("请立即拨打 120 急救电话；不要自行前往或预约挂号。",
                                "Call 120 for an ambulance now; do not book an appointment."),
    "emergency": Text("请立即前往最近的医院急诊科，必要时拨打 120；无需预约挂号。",
                      "Go to the nearest emergency department now, call 120 if needed; no appointment."),
    "consultation_24": Text("建议 24 小时内就诊：以下为今天或明天的号源。",
                            "See a doctor within 24 hours: slots today or tomorrow are shown."),
    "consultation": Text("建议近期就诊：以下为 14 天内的号源。",
                         "See a doctor soon: slots in the next 14 days are shown."),
    "self_care": Text("可先居家观察和自我护理；症状加重或持续不缓解时再就医。",
                      "Self-care at home is reasonable; see a doctor if symptoms worsen or persist."),
}


def booking_policy(level: str, now: datetime, tz: str = DEFAULT_TZ) -> BookingPolicy:
    """The triage level → booking policy, with the horizon in local days starting today (in `tz`)."""
    if level not in LEVELS:
        raise InvalidInput(f"unknown triage level {level!r}", zh=f"未知分诊级别 {level!r}", expression="level")
    now = _aware(now)
    if level in EMERGENCY_LEVELS:
        return BookingPolicy("emergency", None, _ADVICE[level])
    if level == "self_care":
        return BookingPolicy("self_care", None, _ADVICE[level])
    today = now.astimezone(ZoneInfo(tz)).date()
    days = BOOKING_DAYS[level]
    return BookingPolicy("book", Horizon(today, today + timedelta(days=days - 1), now), _ADVICE[level])
