"""`ankang bench reports`: generate a corpus of clean and photographed-style reports with ground truth,
run the whole pipeline on each page (decode → OCR → extraction → interpretation) and score it.

Field-level precision and recall over test, value, unit, flag and range; value accuracy (share of
printed results whose value was read exactly); patient details; critical values flagged; seconds per page.
"""

from __future__ import annotations

import json
import random
import sys
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from ankang.bench.report_corpus import Renderer, TruthPage, TruthRow
from ankang.bench.report_distort import photograph, png_bytes
from ankang.bench.report_fonts import require_cjk_fonts
from ankang.domains.reports import schemas as s
from ankang.domains.reports.service import ReportService
from ankang.engines.labs import parse_flag, parse_value
from ankang.errors import AnkangError
from ankang.knowledge.labs.units import unit_key

FIELDS = ("test", "value", "unit", "flag", "range")


@dataclass
class Score:
    pages: int = 0
    truth_rows: int = 0
    values_right: int = 0
    predicted: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    expected: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    meta_right: int = 0
    meta_total: int = 0
    critical_rows: int = 0
    critical_flagged: int = 0
    failed_pages: int = 0
    seconds: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None

        secs = sorted(self.seconds)
        return {
            "pages": self.pages, "rows": self.truth_rows, "failed_pages": self.failed_pages,
            "value_accuracy": ratio(self.values_right, self.truth_rows),
            "precision": ratio(sum(self.correct.values()), sum(self.predicted.values())),
            "recall": ratio(sum(self.correct.values()), sum(self.expected.values())),
            "fields": {f: {"precision": ratio(self.correct[f], self.predicted[f]),
                           "recall": ratio(self.correct[f], self.expected[f])} for f in FIELDS},
            "patient_details_accuracy": ratio(self.meta_right, self.meta_total),
            "critical_rows": self.critical_rows, "critical_flagged": self.critical_flagged,
            "seconds_per_page_mean": round(sum(secs) / len(secs), 3) if secs else None,
            "seconds_per_page_p90": round(secs[int(0.9 * (len(secs) - 1))], 3) if secs else None,
        }


def _same_value(a: str, b: str) -> bool:
    pa, pb = parse_value(a), parse_value(b)
    if pa.kind == "number" and pb.kind == "number":
        return pa.number == pb.number and pa.qualifier == pb.qualifier
    return a.strip() == b.strip()


def _fields(truth: TruthRow | None, row: s.RowOut | None) -> dict[str, tuple[bool, bool, bool]]:
    """field -> (predicted, expected, correct)."""
    out = {}
    t_flag = parse_flag(truth.flag).direction if truth else None
    p_flag = parse_flag(row.flag).direction if row else None
    pairs = {
        "test": (row is not None and row.test_id is not None, truth is not None,
                 bool(truth and row and row.test_id == truth.test_id)),
        "value": (row is not None, truth is not None, bool(truth and row and _same_value(row.value, truth.value))),
        "unit": (bool(row and row.unit), bool(truth and truth.unit),
                 bool(truth and row and unit_key(row.unit) == unit_key(truth.unit))),
        "flag": (p_flag is not None, t_flag is not None, t_flag is not None and p_flag == t_flag),
        "range": (bool(row and (row.reference.low is not None or row.reference.high is not None)),
                  bool(truth and (truth.ref_low is not None or truth.ref_high is not None)),
                  bool(truth and row and (row.reference.low, row.reference.high) == (truth.ref_low, truth.ref_high))),
    }
    for name, (p, e, c) in pairs.items():
        out[name] = (p, e, c and p and e)
    return out


def score_page(score: Score, truth: TruthPage, out: s.ReportOut | None, seconds: float) -> None:
    score.pages += 1
    score.seconds.append(seconds)
    rows = list(out.rows) if out else []
    unmatched = list(rows)
    for t in truth.rows:
        score.truth_rows += 1
        match = next((r for r in unmatched if r.test_id == t.test_id), None)
        if match is not None:
            unmatched.remove(match)
        fields = _fields(t, match)
        for name, (p, e, c) in fields.items():
            score.predicted[name] += p
            score.expected[name] += e
            score.correct[name] += c
        if fields["value"][2]:
            score.values_right += 1
        elif len(score.misses) < 40:
            score.misses.append(f"{truth.page_id}: {t.test_id} {t.name} {t.value} → "
                                f"{(match.name, match.value) if match else 'not found'}")
        if t.critical:
            score.critical_rows += 1
            score.critical_flagged += bool(match and match.critical)
    for extra in unmatched:  # rows read that are not in the truth (wrong test, or noise)
        for name, (p, _, _) in _fields(None, extra).items():
            score.predicted[name] += p
    meta = [(out.patient.sex if out else None) == truth.sex,
            (out.patient.age_years if out else None) == truth.age,
            (out.report_date if out else None) == truth.report_date,
            (out.specimen if out else None) == truth.specimen]
    score.meta_total += len(meta)
    score.meta_right += sum(meta)


def run(service: ReportService, *, clean: int, distorted: int, seed: int = 0, save_dir: Path | None = None,
        progress: bool = True) -> dict[str, Any]:
    renderer = Renderer(require_cjk_fonts())
    scores = {"clean": Score(), "distorted": Score()}
    plan = [("clean", i) for i in range(clean)] + [("distorted", i) for i in range(distorted)]
    for n, (kind, i) in enumerate(plan):
        rng = random.Random(f"{seed}-{kind}-{i}")
        img, truth = renderer.page(rng, f"{kind}-{i:03d}", service.catalog)
        if kind == "distorted":
            data, applied = photograph(img, rng)
            truth = replace(truth, distortions=applied)
        else:
            data = png_bytes(img)
        if save_dir is not None:
            _save(save_dir, truth, data)
        start = time.perf_counter()
        try:
            out: s.ReportOut | None = service.from_file(data, s.PatientIn())
        except AnkangError:
            out = None
            scores[kind].failed_pages += 1
        score_page(scores[kind], truth, out, time.perf_counter() - start)
        if progress:
            print(f"\r报告基准 / reports: {n + 1}/{len(plan)}", end="", file=sys.stderr, flush=True)
    if progress:
        print(file=sys.stderr)
    result = {"seed": seed, **{k: v.summary() for k, v in scores.items() if v.pages}}
    result["misses"] = [m for v in scores.values() for m in v.misses][:40]
    return result


def _save(folder: Path, truth: TruthPage, data: bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    suffix = ".jpg" if truth.distortions else ".png"
    (folder / f"{truth.page_id}{suffix}").write_bytes(data)
    record = asdict(truth)
    record["report_date"] = truth.report_date.isoformat()
    (folder / f"{truth.page_id}.json").write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
