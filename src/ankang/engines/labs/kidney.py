"""Kidney function: eGFR by the CKD-EPI 2021 race-free creatinine equation, KDIGO G and A categories.

CKD-EPI 2021 (Inker et al., NEJM 2021;385:1737-49), creatinine in mg/dL:
    eGFR = 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^-1.200 × 0.9938^age × 1.012 [if female]
    κ = 0.7 (female) / 0.9 (male); α = -0.241 (female) / -0.302 (male)
Creatinine µmol/L ÷ 88.4 = mg/dL (molar mass 113.12 g/mol). Valid for adults (≥18 years).
KDIGO 2012: G1 ≥90, G2 60–89, G3a 45–59, G3b 30–44, G4 15–29, G5 <15 mL/min/1.73m²;
albuminuria A1 <30, A2 30–300, A3 >300 mg/g.
"""

from __future__ import annotations

from collections.abc import Mapping

from ankang.engines.labs.explain import fmt
from ankang.engines.labs.types import EgfrResult, Finding, Patient, ResultInterpretation
from ankang.errors import InvalidInput
from ankang.knowledge.text import Text

UMOL_PER_MG_DL = 88.4  # creatinine: 10 mg/L ÷ 113.12 g/mol = 0.0884 mmol/L
_SOURCES = ("ckd_epi_2021", "kdigo_ckd_2012")

_STAGES: tuple[tuple[float, str, Text], ...] = (
    (90, "G1", Text("正常或升高", "normal or high")),
    (60, "G2", Text("轻度下降", "mildly decreased")),
    (45, "G3a", Text("轻到中度下降", "mildly to moderately decreased")),
    (30, "G3b", Text("中到重度下降", "moderately to severely decreased")),
    (15, "G4", Text("重度下降", "severely decreased")),
    (0, "G5", Text("肾衰竭范围", "kidney failure range")),
)


def ckd_epi_2021(creatinine_umol_l: float, age_years: float, sex: str) -> float:
    """eGFR in mL/min/1.73m². Raises InvalidInput for a non-positive creatinine, age <18 or unknown sex."""
    if creatinine_umol_l <= 0:
        raise InvalidInput(f"creatinine must be positive, got {creatinine_umol_l!r}",
                           zh=f"肌酐必须为正数，收到 {creatinine_umol_l!r}", expression="creatinine")
    if age_years < 18:
        raise InvalidInput(f"CKD-EPI 2021 is for adults (≥18 years), got age {age_years!r}",
                           zh=f"CKD-EPI 2021 公式仅适用于成人（≥18岁），收到年龄 {age_years!r}", expression="age_years")
    if sex not in ("male", "female"):
        raise InvalidInput(f"sex must be 'male' or 'female', got {sex!r}",
                           zh=f"性别只能是 male 或 female，收到 {sex!r}", expression="sex")
    scr = creatinine_umol_l / UMOL_PER_MG_DL
    female = sex == "female"
    kappa = 0.7 if female else 0.9
    alpha = -0.241 if female else -0.302
    ratio = scr / kappa
    egfr: float = 142.0 * min(ratio, 1.0) ** alpha * max(ratio, 1.0) ** -1.200 * 0.9938 ** age_years
    return egfr * 1.012 if female else egfr


def gfr_category(egfr: float) -> tuple[str, Text]:
    """KDIGO G category and its plain description."""
    for floor, code, text in _STAGES:
        if egfr >= floor:
            return code, text
    return _STAGES[-1][1], _STAGES[-1][2]


def albuminuria_category(uacr_mg_g: float) -> str:
    """KDIGO A category from the urine albumin/creatinine ratio in mg/g."""
    if uacr_mg_g < 30:
        return "A1"
    return "A2" if uacr_mg_g <= 300 else "A3"


def egfr_from_results(by_id: Mapping[str, ResultInterpretation], patient: Patient) -> EgfrResult | None:
    crea = by_id.get("creatinine")
    if crea is None or crea.value is None or crea.qualifier or patient.sex is None or patient.age_years is None:
        return None
    if patient.age_years < 18 or crea.value <= 0:
        return None
    value = ckd_epi_2021(crea.value, patient.age_years, patient.sex)
    stage, text = gfr_category(value)
    return EgfrResult(value=value, stage=stage, stage_text=text, creatinine_umol_l=crea.value)


def kidney_findings(egfr: EgfrResult | None, by_id: Mapping[str, ResultInterpretation]) -> list[Finding]:
    findings: list[Finding] = []
    if egfr is not None:
        shown = fmt(round(egfr.value))
        if egfr.value < 60:
            urgent_note = Text("请尽快到肾内科就诊。", "Please see a kidney specialist soon.") if egfr.value < 15 else Text("", "")
            findings.append(Finding(
                id="kidney.egfr_reduced", kind="kidney", tests=("creatinine",),
                severity="marked" if egfr.value < 30 else "moderate", department="03.06", sources=_SOURCES,
                values={"egfr": egfr.value},
                text=Text(
                    f"按CKD-EPI 2021公式估算肾小球滤过率约 {shown} mL/min/1.73m²，属于KDIGO {egfr.stage}"
                    f"（{egfr.stage_text.zh}），可能提示肾功能下降；单次结果需在3个月内复查确认，需医生判断。{urgent_note.zh}",
                    f"The CKD-EPI 2021 estimate of kidney filtration is about {shown} mL/min/1.73m², KDIGO "
                    f"{egfr.stage} ({egfr.stage_text.en}). This may suggest reduced kidney function; a single "
                    f"result should be repeated within 3 months and a doctor should judge it. {urgent_note.en}".strip()),
            ))
        elif egfr.value < 90:
            findings.append(Finding(
                id="kidney.egfr_mildly_low", kind="kidney", tests=("creatinine",), severity="mild",
                department=None, sources=_SOURCES, values={"egfr": egfr.value},
                text=Text(
                    f"估算肾小球滤过率约 {shown} mL/min/1.73m²（KDIGO G2，轻度下降）。没有蛋白尿等肾损伤表现时，"
                    "这通常不算慢性肾病，也常见于年龄增长；需医生结合其他检查判断。",
                    f"Estimated filtration is about {shown} mL/min/1.73m² (KDIGO G2, mildly decreased). Without "
                    "signs of kidney damage such as albumin in urine this is not kidney disease and is common with "
                    "age; a doctor can judge it with other tests."),
            ))
    uacr = by_id.get("uacr")
    if uacr is not None and uacr.value is not None and not uacr.qualifier:
        cat = albuminuria_category(uacr.value)
        if cat != "A1":
            findings.append(Finding(
                id=f"kidney.albuminuria_{cat.lower()}", kind="kidney", tests=("uacr",),
                severity="moderate" if cat == "A2" else "marked", department="03.06",
                sources=("kdigo_ckd_2012",), values={"uacr": uacr.value},
                text=Text(
                    f"尿白蛋白/肌酐比值 {fmt(uacr.value)} mg/g，属于KDIGO {cat}（{'中度' if cat == 'A2' else '重度'}增加），"
                    "可能提示肾脏损伤；剧烈运动、发热、尿路感染可致暂时升高，需3个月内复查确认，需医生判断。",
                    f"Urine albumin/creatinine ratio {fmt(uacr.value)} mg/g is KDIGO {cat} "
                    f"({'moderately' if cat == 'A2' else 'severely'} increased), which may suggest kidney damage; "
                    "exercise, fever or a urine infection can raise it briefly. It should be repeated within 3 "
                    "months and a doctor should judge it."),
            ))
    return findings
