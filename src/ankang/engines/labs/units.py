"""Unit conversion for catalogue tests: explicit alternatives first, then SI and molar-mass algebra."""

from __future__ import annotations

from ankang.errors import InvalidInput
from ankang.knowledge.labs import LabCatalog, LabTest, load_lab_catalog, unit_table
from ankang.knowledge.labs.units import generic_factor, unit_key


def resolve_test(test: str | LabTest, catalog: LabCatalog | None = None) -> LabTest:
    """The catalogue entry for an id (InvalidInput naming it when unknown) or the entry itself."""
    if not isinstance(test, str):
        return test
    found = (catalog or load_lab_catalog()).find(test)
    if found is None:
        raise InvalidInput(f"unknown lab test id {test!r}", zh=f"未知的检验项目编号 {test!r}", expression="test_id")
    return found


def to_canonical(test: LabTest, unit: str | None) -> tuple[float, float] | None:
    """(factor, offset) with canonical = value × factor + offset, or None if the unit does not fit.

    A missing or blank unit is read as the canonical unit (reports often leave it out).
    """
    key = unit_key(unit)
    table = unit_table(test)
    if key in table:
        return table[key]
    if unit is None or key == "":
        return (1.0, 0.0)
    factor = generic_factor(key, unit_key(test.unit), test.molar_mass)
    return None if factor is None else (factor, 0.0)


def accepted_units(test: LabTest) -> tuple[str, ...]:
    """The canonical unit and the explicit alternatives, for error messages and UIs."""
    return (test.unit, *(alt.unit for alt in test.alt_units))


def convert_unit(value: float, unit: str | None, test: str | LabTest, *, to_unit: str | None = None,
                 catalog: LabCatalog | None = None) -> float:
    """Convert `value` printed in `unit` to `to_unit` (default: the test's canonical unit).

    Raises InvalidInput naming the unit when it is unknown or does not fit the test, e.g. mmol/L for an
    enzyme activity or nmol/L for lipoprotein(a).
    """
    entry = resolve_test(test, catalog)
    forward = to_canonical(entry, unit)
    if forward is None:
        raise _bad_unit(entry, unit, "unit")
    canonical = value * forward[0] + forward[1]
    if to_unit is None:
        return canonical
    back = to_canonical(entry, to_unit)
    if back is None:
        raise _bad_unit(entry, to_unit, "to_unit")
    return (canonical - back[1]) / back[0]


def _bad_unit(test: LabTest, unit: str | None, expression: str) -> InvalidInput:
    accepted = ", ".join(u or "(none)" for u in accepted_units(test))
    return InvalidInput(
        f"unknown unit {unit!r} for {test.id}; expected {accepted} or an SI-prefixed equivalent",
        zh=f"{test.name.zh}（{test.id}）不认识单位 {unit!r}；可用单位：{accepted} 或同量纲的换算单位",
        expression=expression,
    )
