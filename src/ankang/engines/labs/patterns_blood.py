"""Patterns across blood-count and liver tests, worded as possibilities for a doctor to judge.

Anaemia (《内科学》第9版): Hb <120 g/L (men), <110 g/L (non-pregnant women). Grades: mild >90 g/L,
moderate 60–90, severe 30–59, very severe <30. Morphology (《诊断学》第9版): MCV <80 fL microcytic,
80–100 normocytic, >100 macrocytic; MCHC <320 g/L (or MCH <27 pg) hypochromic.
Liver (Bénichou 1990; 中国药物性肝损伤诊治指南 2023): R = (ALT/ULN) ÷ (ALP/ULN); R ≥5 hepatocellular,
R ≤2 cholestatic, 2–5 mixed. ALT >3×ULN with total bilirubin >2×ULN is flagged for prompt review.
"""

from __future__ import annotations

from collections.abc import Mapping

from ankang.engines.labs.explain import fmt
from ankang.engines.labs.types import Finding, Patient, ResultInterpretation, Severity
from ankang.knowledge.text import Text

ANAEMIA_HB = {"male": 120.0, "female": 110.0}  # g/L, cn_internal_medicine_9
_ANAEMIA_SOURCES = ("cn_internal_medicine_9", "cn_diagnostics_9")
_LIVER_SOURCES = ("benichou_1990", "cn_dili_2023")


def _value(by_id: Mapping[str, ResultInterpretation], test_id: str) -> float | None:
    res = by_id.get(test_id)
    if res is None or res.value is None or res.qualifier:
        return None
    return res.value


def anaemia_findings(by_id: Mapping[str, ResultInterpretation], patient: Patient) -> list[Finding]:
    hb = _value(by_id, "hgb")
    mcv, mch, mchc = _value(by_id, "mcv"), _value(by_id, "mch"), _value(by_id, "mchc")
    if hb is None:
        return []
    threshold = ANAEMIA_HB.get(patient.sex or "female", 110.0)
    if hb >= threshold:
        if mcv is not None and mcv < 80:
            return [Finding(
                id="anaemia.microcytosis_without_anaemia", kind="anaemia", tests=("hgb", "mcv"), severity="mild",
                department="03.05", sources=_ANAEMIA_SOURCES, values={"hgb": hb, "mcv": mcv},
                text=Text(
                    f"血红蛋白未达贫血标准，但红细胞偏小（MCV {fmt(mcv)} fL），可能提示早期缺铁或地中海贫血基因携带"
                    "（在我国南方较常见），需医生判断是否需要进一步检查。",
                    f"Haemoglobin is not in the anaemia range, but red cells are small (MCV {fmt(mcv)} fL). This may "
                    "suggest early iron deficiency or thalassaemia trait (common in southern China); a doctor can "
                    "judge whether more tests are needed."),
            )]
        return []
    grade, severity = _anaemia_grade(hb)
    hypochromic = (mchc is not None and mchc < 320) or (mchc is None and mch is not None and mch < 27)
    tests = tuple(t for t in ("hgb", "mcv", "mch", "mchc") if t in by_id)
    sex_note = Text("", "") if patient.sex else Text("（未提供性别，按女性标准判断）", " (sex not given; the female cut-off was used)")
    lead = Text(f"血红蛋白 {fmt(hb)} g/L，达到{grade.zh}贫血标准{sex_note.zh}。",
                f"Haemoglobin {fmt(hb)} g/L is in the {grade.en} anaemia range{sex_note.en}.")
    if mcv is None:
        kind_id, body = "anaemia.unclassified", Text(
            "缺少平均红细胞体积（MCV），无法判断贫血类型，需医生判断。",
            "Without MCV the type of anaemia cannot be told; a doctor should judge it.")
    elif mcv < 80:
        kind_id = "anaemia.microcytic"
        colour = Text("小细胞低色素性", "microcytic, hypochromic") if hypochromic else Text("小细胞性", "microcytic")
        body = Text(
            f"红细胞偏小（MCV {fmt(mcv)} fL），属于{colour.zh}贫血的表现，可能提示缺铁、地中海贫血或慢性病等；"
            "可与医生讨论是否需要检查铁蛋白等铁代谢指标，需医生判断。",
            f"Red cells are small (MCV {fmt(mcv)} fL), a {colour.en} pattern. This may suggest iron "
            "deficiency, thalassaemia or chronic illness; ask a doctor whether iron studies such as ferritin "
            "are needed.")
        ferritin = by_id.get("ferritin")
        if ferritin is not None and ferritin.status == "low":
            body = Text(body.zh + "铁蛋白偏低，与铁储备不足的情况相符。",
                        body.en + " Ferritin is low, which fits with low iron stores.")
    elif mcv > 100:
        kind_id = "anaemia.macrocytic"
        body = Text(
            f"红细胞偏大（MCV {fmt(mcv)} fL），属于大细胞性贫血的表现，可能与维生素B12或叶酸缺乏、饮酒、肝病或"
            "某些药物有关，需医生判断。",
            f"Red cells are large (MCV {fmt(mcv)} fL), a macrocytic pattern. This may relate to low vitamin "
            "B12 or folate, alcohol, liver disease or some medicines; a doctor should judge it.")
    else:
        kind_id = "anaemia.normocytic"
        body = Text(
            f"红细胞大小正常（MCV {fmt(mcv)} fL），属于正细胞性贫血的表现，可能与近期失血、慢性病、肾脏疾病或"
            "骨髓问题有关，需医生判断。",
            f"Red cells are normal-sized (MCV {fmt(mcv)} fL), a normocytic pattern. This may relate to recent "
            "blood loss, chronic illness, kidney disease or marrow problems; a doctor should judge it.")
    values = {k: v for k, v in (("hgb", hb), ("mcv", mcv), ("mch", mch), ("mchc", mchc)) if v is not None}
    return [Finding(id=kind_id, kind="anaemia", tests=tests, severity=severity, department="03.05",
                    sources=_ANAEMIA_SOURCES, values=values,
                    text=Text(lead.zh + body.zh, f"{lead.en} {body.en}"))]


def _anaemia_grade(hb: float) -> tuple[Text, Severity]:
    if hb > 90:
        return Text("轻度", "mild"), "mild"
    if hb >= 60:
        return Text("中度", "moderate"), "moderate"
    if hb >= 30:
        return Text("重度", "severe"), "marked"
    return Text("极重度", "very severe"), "marked"


def _uln(res: ResultInterpretation | None) -> float | None:
    if res is None or res.value is None or res.qualifier or res.range.high is None or res.range.high <= 0:
        return None
    return res.range.high


def liver_findings(by_id: Mapping[str, ResultInterpretation]) -> list[Finding]:
    alt, alp = by_id.get("alt"), by_id.get("alp")
    alt_uln, alp_uln = _uln(alt), _uln(alp)
    findings: list[Finding] = []
    alt_x = alt.value / alt_uln if alt is not None and alt.value is not None and alt_uln else None
    alp_x = alp.value / alp_uln if alp is not None and alp.value is not None and alp_uln else None
    if (alt_x is not None and alt_x > 1) or (alp_x is not None and alp_x > 1):
        findings.append(_injury_pattern(by_id, alt_x, alp_x))
    tbil = by_id.get("tbil")
    tbil_uln = _uln(tbil)
    tbil_x = tbil.value / tbil_uln if tbil is not None and tbil.value is not None and tbil_uln else None
    if alt_x is not None and alt_x > 3 and tbil_x is not None and tbil_x > 2:
        findings.append(Finding(
            id="liver.alt_with_bilirubin", kind="liver", tests=("alt", "tbil"), severity="marked",
            department="03.02", sources=_LIVER_SOURCES, values={"alt_x_uln": alt_x, "tbil_x_uln": tbil_x},
            text=Text(
                f"ALT约为上限的{fmt(alt_x)}倍，同时总胆红素约为上限的{fmt(tbil_x)}倍，这种组合提示肝损伤可能较重，"
                "请尽快到消化内科（肝病）就诊，由医生判断。",
                f"ALT is about {fmt(alt_x)}× the upper limit together with total bilirubin about {fmt(tbil_x)}× "
                "the upper limit; this combination may mean more serious liver injury. Please see a liver "
                "specialist soon."),
        ))
    elif tbil_x is not None and tbil_x > 1 and not findings:
        findings.append(Finding(
            id="liver.isolated_bilirubin", kind="liver", tests=("tbil",), severity="mild", department="03.02",
            sources=("cn_diagnostics_9",), values={"tbil_x_uln": tbil_x},
            text=Text(
                "转氨酶和碱性磷酸酶未见升高，仅胆红素升高；若以间接胆红素为主，可见于吉尔伯特综合征或红细胞破坏增多，"
                "需医生判断。",
                "Bilirubin is raised while the liver enzymes are not. If it is mainly indirect bilirubin this can "
                "be harmless Gilbert's syndrome or faster red-cell breakdown; a doctor should judge it."),
        ))
    return findings


def _injury_pattern(by_id: Mapping[str, ResultInterpretation], alt_x: float | None,
                    alp_x: float | None) -> Finding:
    top = max(x for x in (alt_x, alp_x) if x is not None)
    severity: Severity = "mild" if top <= 3 else ("moderate" if top <= 10 else "marked")  # ankang_convention
    tests = tuple(t for t in ("alt", "alp", "ggt", "ast", "tbil") if t in by_id)
    values: dict[str, float] = {k: v for k, v in (("alt_x_uln", alt_x), ("alp_x_uln", alp_x)) if v is not None}
    if alt_x is None or alp_x is None:
        which = Text("ALT", "ALT") if alp_x is None else Text("碱性磷酸酶", "ALP")
        return Finding(
            id="liver.enzymes_raised", kind="liver", tests=tests, severity=severity, department="03.02",
            sources=_LIVER_SOURCES, values=values,
            text=Text(f"{which.zh}升高；缺少ALT或碱性磷酸酶之一，无法计算R比值判断损伤类型，需医生判断。",
                      f"{which.en} is raised; without both ALT and ALP the R ratio cannot be worked out, so the "
                      "type of liver injury cannot be told. A doctor should judge it."))
    r = alt_x / alp_x
    values["r_ratio"] = r
    if r >= 5:
        pid, kind = "liver.hepatocellular", Text("肝细胞损伤型", "hepatocellular")
        why = Text("以转氨酶升高为主，常见原因有脂肪肝、病毒性肝炎、饮酒或药物影响",
                   "mainly raised transaminases; common causes are fatty liver, viral hepatitis, alcohol or medicines")
    elif r <= 2:
        pid, kind = "liver.cholestatic", Text("胆汁淤积型", "cholestatic")
        why = Text("以碱性磷酸酶升高为主，可能与胆汁排出不畅有关",
                   "mainly raised ALP, which may relate to blocked bile flow")
    else:
        pid, kind = "liver.mixed", Text("混合型", "mixed")
        why = Text("ALT与碱性磷酸酶相对各自上限的升高幅度接近", "ALT and ALP are similarly raised relative to their limits")
    levels = Text(f"ALT约为上限的{fmt(alt_x)}倍，碱性磷酸酶约为上限的{fmt(alp_x)}倍；",
                  f"ALT is about {fmt(alt_x)}× and ALP about {fmt(alp_x)}× their upper limits; ")
    extra = Text("", "")
    ggt = by_id.get("ggt")
    if alp_x > 1 and ggt is not None and ggt.status == "normal":
        extra = Text("GGT正常，碱性磷酸酶升高也可能来自骨骼。", " GGT is normal, so the raised ALP may come from bone.")
    elif alp_x > 1 and ggt is not None and ggt.status == "high":
        extra = Text("GGT同时升高，支持碱性磷酸酶来自肝胆。", " GGT is also raised, which supports a liver or bile-duct source.")
    return Finding(
        id=pid, kind="liver", tests=tests, severity=severity, department="03.02", sources=_LIVER_SOURCES,
        values=values,
        text=Text(
            f"{levels.zh}R比值=(ALT/上限)÷(ALP/上限)={fmt(r)}，符合{kind.zh}的肝酶变化模式（{why.zh}）。{extra.zh}"
            "这只是化验模式，不是诊断，需医生判断。",
            f"{levels.en}R = (ALT/ULN) ÷ (ALP/ULN) = {fmt(r)}, a {kind.en} pattern of liver-test changes "
            f"({why.en}).{extra.en} This is a pattern, not a diagnosis; a doctor should judge it."),
    )
