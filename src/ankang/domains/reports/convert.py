"""Engine results → API shapes, and the per-row problems a person should check."""

from __future__ import annotations

from collections.abc import Sequence

from ankang.domains.reports import schemas as s
from ankang.engines.labs import PanelInterpretation, ResultInterpretation, convert_unit, parse_value
from ankang.engines.reports import ReportRow
from ankang.errors import InvalidInput
from ankang.knowledge.labs import LabCatalog
from ankang.knowledge.text import Text


def local(text: Text) -> s.LocalText:
    return s.LocalText(zh=text.zh, en=text.en)


def problems(row: ReportRow, res: ResultInterpretation, catalog: LabCatalog) -> list[s.ProblemOut]:
    out: list[s.ProblemOut] = []
    if res.test_id is None:
        out.append(s.ProblemOut(code="unknown-test", details=s.LocalText(
            zh=f"未能识别检验项目“{row.name}”，请核对名称；该项未做解读。",
            en=f"The test “{row.name}” was not recognised; check the name. It was not interpreted.")))
        return out
    parsed = parse_value(row.value)
    test = catalog.by_id[res.test_id]
    if parsed.kind == "number" and test.kind == "quantitative" and row.unit:
        try:
            convert_unit(parsed.number or 0.0, row.unit, test, catalog=catalog)
        except InvalidInput as exc:
            out.append(s.ProblemOut(code="unknown-unit", details=s.LocalText(
                zh=f"{exc.zh}。请核对单位是否识别正确；该项未做判断。",
                en=f"{exc.message}. Check the unit as read; this result was not judged.")))
    if parsed.kind == "text":
        out.append(s.ProblemOut(code="unreadable-value", details=s.LocalText(
            zh=f"结果“{row.value}”无法读取，请核对原件。", en=f"The value “{row.value}” could not be read; "
            "check it against the original.")))
    return out


def row_out(row: ReportRow, res: ResultInterpretation, catalog: LabCatalog) -> s.RowOut:
    test = catalog.by_id.get(res.test_id) if res.test_id else None
    return s.RowOut(
        line=row.line, name=row.name, value=row.value, unit=row.unit, flag=row.flag,
        reference=s.ReferenceOut(text=row.ref_text, low=row.ref_low, high=row.ref_high),
        test_id=res.test_id, test_name=local(res.test_name) if res.test_name else None,
        loinc=test.loinc if test else None, status=res.status, severity=res.severity, critical=res.critical,
        value_canonical=res.value, unit_canonical=res.unit,
        range_used=s.ReferenceOut(text=None, low=res.range.low, high=res.range.high),
        range_origin=res.range.origin, explanation=local(res.explanation),
        notes=[local(n) for n in (*row.notes, *res.notes)], problems=problems(row, res, catalog),
    )


def interpretation_out(panel: PanelInterpretation) -> s.InterpretationOut:
    egfr = panel.egfr
    return s.InterpretationOut(
        summary=local(panel.summary), critical=panel.critical,
        urgent_advice=local(panel.urgent_advice) if panel.urgent_advice else None,
        findings=[s.FindingOut(id=f.id, kind=f.kind, text=local(f.text), tests=list(f.tests), severity=f.severity,
                               urgent=f.urgent, department=f.department) for f in panel.findings],
        egfr=None if egfr is None else s.EgfrOut(value=round(egfr.value, 1), stage=egfr.stage,
                                                   stage_text=local(egfr.stage_text), equation=egfr.equation),
        departments=[s.DepartmentOut(code=d.code, name=local(d.name), reason=local(d.reason), urgent=d.urgent)
                     for d in panel.departments],
        disclaimer=local(panel.disclaimer),
    )


def sources_out(ids: Sequence[str], catalog: LabCatalog) -> list[s.SourceOut]:
    return [s.SourceOut(id=i, title=catalog.sources[i].title, url=catalog.sources[i].url)
            for i in dict.fromkeys(ids) if i in catalog.sources]
