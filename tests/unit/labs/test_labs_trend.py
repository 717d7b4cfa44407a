"""Trends against the person's earlier results (dates are inputs; no clock)."""

from __future__ import annotations

from datetime import date

import pytest

from ankang.engines.labs import LabResult, PastResult, Patient, RangeUsed, compute_trend, interpret_panel
from ankang.errors import InvalidInput

TODAY = date(2024, 7, 1)
ALT_RANGE = RangeUsed(9, 50, "U/L", "catalogue")


@pytest.mark.parametrize(("previous", "current", "direction", "pct"), [
    (40, 60, "rising", 50.0),
    (60, 40, "falling", -33.333),
    (100, 105, "stable", 5.0),      # within the default 10 % band
    (100, 110, "rising", 10.0),     # the band edge counts as a change
    (100, 91, "stable", -9.0),
])
def test_direction_and_percent(previous: float, current: float, direction: str, pct: float) -> None:
    trend = compute_trend("alt", current, TODAY, [PastResult("alt", previous, "U/L", date(2024, 1, 1))])
    assert trend is not None
    assert trend.direction == direction
    assert trend.percent_change == pytest.approx(pct, abs=0.001)


def test_most_recent_earlier_result_is_the_comparison() -> None:
    history = [PastResult("alt", 200, "U/L", date(2023, 1, 1)), PastResult("alt", 80, "U/L", date(2024, 3, 1)),
               PastResult("alt", 999, "U/L", date(2024, 9, 1))]  # after today: ignored
    trend = compute_trend("alt", 60, TODAY, history)
    assert trend is not None
    assert trend.previous_value == 80 and trend.previous_on == date(2024, 3, 1)
    assert [p[0] for p in trend.points] == [date(2023, 1, 1), date(2024, 3, 1), TODAY]


def test_history_in_other_units_is_converted() -> None:
    # glucose 126.1 mg/dL = 7.0 mmol/L (180.16 g/mol)
    trend = compute_trend("glucose_fasting", 6.0, TODAY, [PastResult("glucose_fasting", 126.1, "mg/dL", date(2024, 1, 1))])
    assert trend is not None
    assert trend.previous_value == pytest.approx(7.0, abs=0.01)
    assert trend.direction == "falling"


@pytest.mark.parametrize(("previous", "current", "movement"), [
    (80, 60, "toward_range"), (60, 80, "away_from_range"), (30, 40, "within_range"), (70, 30, "toward_range"),
    (60, 60, "no_change"),
])
def test_movement_relative_to_range(previous: float, current: float, movement: str) -> None:
    trend = compute_trend("alt", current, TODAY, [PastResult("alt", previous, "U/L", date(2024, 1, 1))],
                          rng=ALT_RANGE)
    assert trend is not None and trend.movement == movement


def test_no_earlier_results_means_no_trend() -> None:
    assert compute_trend("alt", 60, TODAY, []) is None
    assert compute_trend("alt", 60, TODAY, [PastResult("ast", 50, "U/L", date(2024, 1, 1))]) is None


def test_zero_previous_has_no_percent() -> None:
    trend = compute_trend("baso_abs", 0.02, TODAY, [PastResult("baso_abs", 0.0, None, date(2024, 1, 1))])
    assert trend is not None and trend.percent_change is None and trend.direction == "rising"


def test_bad_history_unit_is_a_caller_mistake() -> None:
    with pytest.raises(InvalidInput, match="parsecs"):
        compute_trend("alt", 60, TODAY, [PastResult("alt", 50, "parsecs", date(2024, 1, 1))])


def test_panel_needs_a_date_to_compare() -> None:
    with pytest.raises(InvalidInput, match="taken_on"):
        interpret_panel([LabResult("ALT", 60, "U/L")], Patient("male", 40),
                        history=[PastResult("alt", 50, "U/L", date(2024, 1, 1))])


def test_panel_trends_are_bilingual() -> None:
    panel = interpret_panel([LabResult("ALT", 120, "U/L"), LabResult("K", 4.0, "mmol/L")], Patient("male", 40),
                            history=[PastResult("alt", 60, "U/L", date(2024, 1, 5))], taken_on=TODAY)
    assert len(panel.trends) == 1
    trend = panel.trends[0]
    assert trend.test_id == "alt" and trend.direction == "rising" and trend.percent_change == pytest.approx(100)
    assert "2024-01-05" in trend.text.zh and "上升" in trend.text.zh
    assert "2024-01-05" in trend.text.en and "risen" in trend.text.en
