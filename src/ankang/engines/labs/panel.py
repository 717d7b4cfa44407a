"""Interpret a whole report: every result, patterns across tests, eGFR, trends, departments."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ankang.engines.labs.advice import suggest_departments, summarise
from ankang.engines.labs.interpret import interpret_result
from ankang.engines.labs.kidney import egfr_from_results, kidney_findings
from ankang.engines.labs.patterns_blood import anaemia_findings, liver_findings
from ankang.engines.labs.patterns_metabolic import glycaemia_findings, lipid_findings, thyroid_findings
from ankang.engines.labs.trend import DEFAULT_STABLE_PCT, compute_trend
from ankang.engines.labs.types import (
    URGENT_ADVICE,
    Finding,
    LabResult,
    PanelInterpretation,
    PastResult,
    Patient,
    ResultInterpretation,
    Trend,
)
from ankang.errors import InvalidInput
from ankang.knowledge.labs import LabCatalog, load_lab_catalog


def interpret_panel(results: Sequence[LabResult], patient: Patient | None = None, *,
                    history: Sequence[PastResult] = (), taken_on: date | None = None,
                    fasting: bool | None = None, catalog: LabCatalog | None = None,
                    stable_within_pct: float = DEFAULT_STABLE_PCT) -> PanelInterpretation:
    """Interpret every row of one report for one person.

    `taken_on` (the report's sample date) is required when `history` is given. `fasting=True` lets a
    plain "glucose" count as fasting glucose for the diabetes thresholds.
    """
    if history and taken_on is None:
        raise InvalidInput("taken_on is required to compare with history",
                           zh="与既往结果比较时必须提供本次采样日期 taken_on", expression="taken_on")
    cat = catalog or load_lab_catalog()
    who = patient or Patient()
    interpreted = tuple(interpret_result(r, who, catalog=cat) for r in results)
    by_id: dict[str, ResultInterpretation] = {}
    for res in interpreted:
        if res.test_id is not None and res.test_id not in by_id:
            by_id[res.test_id] = res
    egfr = egfr_from_results(by_id, who)
    findings: list[Finding] = [
        *anaemia_findings(by_id, who),
        *liver_findings(by_id),
        *kidney_findings(egfr, by_id),
        *lipid_findings(by_id),
        *glycaemia_findings(by_id, fasting),
        *thyroid_findings(by_id),
    ]
    trends: list[Trend] = []
    if history and taken_on is not None:
        for test_id, res in by_id.items():
            if res.value is None or res.qualifier:
                continue
            trend = compute_trend(test_id, res.value, taken_on, history, rng=res.range,
                                  stable_within_pct=stable_within_pct, catalog=cat)
            if trend is not None:
                trends.append(trend)
    critical = any(r.critical for r in interpreted) or any(f.urgent for f in findings)
    sources = tuple(dict.fromkeys([*(s for r in interpreted for s in r.sources),
                                   *(s for f in findings for s in f.sources),
                                   *(egfr.sources if egfr else ())]))
    return PanelInterpretation(
        results=interpreted, findings=tuple(findings), egfr=egfr, trends=tuple(trends),
        departments=suggest_departments(interpreted, findings, cat), critical=critical,
        urgent_advice=URGENT_ADVICE if critical else None, summary=summarise(interpreted, findings, critical),
        unrecognised=tuple(r.name for r in interpreted if r.test_id is None), sources=sources,
    )
