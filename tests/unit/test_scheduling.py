"""Slot algebra: local schedules → UTC slots, breaks, holidays, day boundaries, past slots, horizons."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from ankang.engines.scheduling import (
    DateException,
    Horizon,
    WeeklySchedule,
    Window,
    WorkingHours,
    booking_policy,
    free_slots,
    generate_slots,
)
from ankang.errors import InvalidInput

MON = date(2026, 3, 2)  # a Monday
WEEKDAYS = tuple(WorkingHours(d, Window(time(8), time(17))) for d in range(5))
LUNCH = (Window(time(12), time(13, 30)),)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def schedule(**kw: object) -> WeeklySchedule:
    base: dict[str, object] = {"hours": WEEKDAYS, "slot_minutes": 30, "breaks": LUNCH}
    return WeeklySchedule(**{**base, **kw})  # type: ignore[arg-type]


@pytest.mark.parametrize(("day", "count", "first_utc", "last_utc"), [
    # 08:00–17:00 minus 12:00–13:30 = 7.5 h = 15 half-hour slots; Shanghai is UTC+8 (no DST since 1991)
    (MON, 15, utc(2026, 3, 2, 0, 0), utc(2026, 3, 2, 8, 30)),
    (MON + timedelta(days=5), 0, None, None),  # Saturday: no hours
    (MON + timedelta(days=6), 0, None, None),  # Sunday
])
def test_slots_per_day_in_utc(day: date, count: int, first_utc: datetime | None, last_utc: datetime | None) -> None:
    slots = generate_slots(schedule(), day, day)
    assert len(slots) == count
    if count:
        assert slots[0].start == first_utc and slots[-1].start == last_utc
        assert slots[0].local().hour == 8 and slots[0].start.tzinfo == UTC


def test_lunch_break_removes_overlapping_slots() -> None:
    starts = [s.local().time() for s in generate_slots(schedule(), MON, MON)]
    assert time(11, 30) in starts and time(13, 30) in starts
    assert time(12) not in starts and time(13) not in starts


def test_break_partly_overlapping_a_slot_removes_it() -> None:
    sch = schedule(slot_minutes=45, breaks=(Window(time(9), time(9, 10)),))
    starts = [s.local().time() for s in generate_slots(sch, MON, MON)]
    assert time(8) in starts and time(8, 45) not in starts  # 8:45–9:30 touches the break


def test_last_partial_slot_is_not_offered() -> None:
    sch = schedule(hours=(WorkingHours(0, Window(time(8), time(9, 10))),), slot_minutes=20, breaks=())
    assert [s.local().time() for s in generate_slots(sch, MON, MON)] == [time(8), time(8, 20), time(8, 40)]


def test_early_local_morning_is_the_previous_utc_day() -> None:
    sch = schedule(hours=(WorkingHours(0, Window(time(6), time(7))),), slot_minutes=60, breaks=())
    (slot,) = generate_slots(sch, MON, MON)
    assert slot.start == utc(2026, 3, 1, 22, 0)  # Monday 06:00 in Shanghai is Sunday 22:00 UTC


def test_holiday_closes_and_exception_opens_a_day() -> None:
    sat = MON + timedelta(days=5)
    sch = schedule(exceptions=(DateException(MON), DateException(sat, (Window(time(9), time(10)),))))
    assert generate_slots(sch, MON, MON) == []
    assert [s.local().time() for s in generate_slots(sch, sat, sat)] == [time(9), time(9, 30)]


def test_dst_zone_converts_each_day_correctly() -> None:
    # New York springs forward on 2026-03-08: 09:00 local is 14:00 UTC before, 13:00 UTC after.
    sch = WeeklySchedule(tuple(WorkingHours(d, Window(time(9), time(10))) for d in range(7)), 60,
                         tz="America/New_York")
    slots = generate_slots(sch, date(2026, 3, 7), date(2026, 3, 8))
    assert [s.start for s in slots] == [utc(2026, 3, 7, 14), utc(2026, 3, 8, 13)]


def test_free_slots_exclude_past_and_taken() -> None:
    now = utc(2026, 3, 2, 1, 15)  # 09:15 Shanghai on Monday
    taken = [utc(2026, 3, 2, 1, 30)]  # 09:30
    slots = free_slots(schedule(), Horizon(MON, MON, now), taken=taken)
    assert slots[0].local().time() == time(10)
    assert all(s.start >= now for s in slots)
    assert len(slots) == 15 - 3 - 1  # 08:00, 08:30, 09:00 past; 09:30 taken
    assert len(free_slots(schedule(), Horizon(MON, MON, now), limit=2)) == 2


def test_slot_starting_exactly_now_is_still_offered() -> None:
    now = utc(2026, 3, 2, 1, 0)  # 09:00 sharp
    assert free_slots(schedule(), Horizon(MON, MON, now))[0].local().time() == time(9)


@pytest.mark.parametrize(("level", "now", "kind", "first", "last"), [
    ("consultation_24", utc(2026, 3, 2, 2), "book", MON, MON + timedelta(days=1)),
    # 23:30 UTC Monday is already Tuesday 07:30 in Shanghai: "today" is the local day
    ("consultation_24", utc(2026, 3, 2, 23, 30), "book", MON + timedelta(days=1), MON + timedelta(days=2)),
    ("consultation", utc(2026, 3, 2, 2), "book", MON, MON + timedelta(days=13)),
    ("self_care", utc(2026, 3, 2, 2), "self_care", None, None),
    ("emergency", utc(2026, 3, 2, 2), "emergency", None, None),
    ("emergency_ambulance", utc(2026, 3, 2, 2), "emergency", None, None),
])
def test_booking_policy_by_level(level: str, now: datetime, kind: str, first: date | None, last: date | None) -> None:
    policy = booking_policy(level, now)
    assert policy.kind == kind
    assert policy.advice.zh and policy.advice.en
    if first is None:
        assert policy.horizon is None
    else:
        assert policy.horizon is not None
        assert (policy.horizon.first_day, policy.horizon.last_day) == (first, last)
        assert policy.horizon.not_before == now


def test_emergency_advice_says_call_120() -> None:
    assert "120" in booking_policy("emergency_ambulance", utc(2026, 3, 2)).advice.zh


@pytest.mark.parametrize(("call", "expression"), [
    (lambda: Window(time(10), time(9)), "window"),
    (lambda: WorkingHours(7, Window(time(8), time(9))), "weekday"),
    (lambda: WeeklySchedule(WEEKDAYS, 0), "slot_minutes"),
    (lambda: WeeklySchedule(WEEKDAYS, 30, tz="Mars/Olympus"), "tz"),
    (lambda: WeeklySchedule(WEEKDAYS, 30, exceptions=(DateException(MON), DateException(MON))), "exceptions"),
    (lambda: generate_slots(schedule(), MON, MON - timedelta(days=1)), "last_day"),
    (lambda: booking_policy("urgent", utc(2026, 3, 2)), "level"),
    (lambda: booking_policy("consultation", datetime(2026, 3, 2)), "now"),
])
def test_caller_mistakes_name_the_bad_value(call: object, expression: str) -> None:
    with pytest.raises(InvalidInput) as info:
        call()  # type: ignore[operator]
    assert info.value.expression == expression
