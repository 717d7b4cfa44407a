"""Lipid risk flags, glucose thresholds and thyroid patterns.

Lipids (中国血脂管理指南2023, primary prevention, mmol/L): TC ≥6.2 high (5.2–<6.2 borderline); LDL-C ≥4.1
high (3.4–<4.1 borderline), LDL-C ≥4.9 or TC ≥7.2 places adults in the high-risk group; HDL-C <1.0 low;
TG ≥2.3 high (1.7–<2.3 borderline), TG ≥5.6 pancreatitis risk; non-HDL-C ≥4.9 high (4.1–<4.9
borderline); Lp(a) ≥300 mg/L raised risk.
Glucose (中国2型糖尿病防治指南2020, venous plasma, mmol/L): FPG ≥7.0, 2-h OGTT ≥11.1, random ≥11.1 with
typical symptoms, HbA1c ≥6.5% (standardised assay) are in the diabetes range; FPG 6.1–<7.0 impaired
fasting glucose; 2-h 7.8–<11.1 impaired glucose tolerance; <3.9 hypoglycaemia alert, <3.0 clinically
significant hypoglycaemia.
Thyroid (中国甲状腺疾病诊治指南2007; 成人甲减指南2017; 甲亢指南2022): TSH read together with FT4 (and FT3).
"""

from __future__ import annotations

from collections.abc import Mapping

from ankang.engines.labs.explain import fmt
from ankang.engines.labs.types import Finding, ResultInterpretation, Severity
from ankang.knowledge.text import Text

_LIPID = ("cn_lipid_2023",)
_DM = ("cn_t2dm_2020",)
_THYROID = ("cn_thyroid_2007", "cn_hypothyroidism_2017", "cn_hyperthyroidism_2022")
_RISK_NOTE = Text("以上是一般人群的血脂水平分层，已有心脑血管病或高危人群的目标更低，需医生评估。",
                  " These levels are for the general population; people with heart disease or high risk have "
                  "lower targets, which a doctor should set.")


def _v(by_id: Mapping[str, ResultInterpretation], test_id: str) -> float | None:
    res = by_id.get(test_id)
    return None if res is None or res.value is None or res.qualifier else res.value


def _lipid(fid: str, tests: tuple[str, ...], severity: Severity, zh: str, en: str,
           values: dict[str, float], department: str | None = "03.04") -> Finding:
    return Finding(id=fid, kind="lipids", tests=tests, severity=severity, department=department,
                   sources=_LIPID, values=values, text=Text(zh + _RISK_NOTE.zh, en + _RISK_NOTE.en))


def lipid_findings(by_id: Mapping[str, ResultInterpretation]) -> list[Finding]:
    tc, ldl, hdl, tg = (_v(by_id, t) for t in ("total_cholesterol", "ldl_c", "hdl_c", "triglycerides"))
    non_hdl = _v(by_id, "non_hdl_c")
    if non_hdl is None and tc is not None and hdl is not None:
        non_hdl = tc - hdl
    lpa = _v(by_id, "lipoprotein_a")
    out: list[Finding] = []
    if (ldl is not None and ldl >= 4.9) or (tc is not None and tc >= 7.2):
        out.append(_lipid("lipids.very_high_cholesterol", ("ldl_c", "total_cholesterol"), "marked",
                          "低密度脂蛋白胆固醇≥4.9 mmol/L或总胆固醇≥7.2 mmol/L，按指南属于心血管病高危人群，"
                          "也可能与家族性高胆固醇血症有关，建议到心血管内科就诊，由医生判断。",
                          "LDL cholesterol ≥4.9 mmol/L or total cholesterol ≥7.2 mmol/L places adults in the "
                          "guideline's high-risk group and may point to familial hypercholesterolaemia; please "
                          "see a cardiologist.", {k: v for k, v in (("ldl_c", ldl), ("tc", tc)) if v is not None}))
    else:
        if ldl is not None and ldl >= 3.4:
            high = ldl >= 4.1
            out.append(_lipid("lipids.ldl_high" if high else "lipids.ldl_borderline", ("ldl_c",),
                              "moderate" if high else "mild",
                              f"低密度脂蛋白胆固醇 {fmt(ldl)} mmol/L，{'升高（≥4.1）' if high else '边缘升高（3.4–4.1）'}，"
                              "会增加动脉粥样硬化风险，需医生判断。",
                              f"LDL cholesterol {fmt(ldl)} mmol/L is {'high (≥4.1)' if high else 'borderline high (3.4–4.1)'}"
                              ", which raises the risk of artery disease; a doctor should judge it.",
                              {"ldl_c": ldl}, "03.04" if high else None))
        if tc is not None and tc >= 5.2:
            high = tc >= 6.2
            out.append(_lipid("lipids.tc_high" if high else "lipids.tc_borderline", ("total_cholesterol",),
                              "moderate" if high else "mild",
                              f"总胆固醇 {fmt(tc)} mmol/L，{'升高（≥6.2）' if high else '边缘升高（5.2–6.2）'}，需医生判断。",
                              f"Total cholesterol {fmt(tc)} mmol/L is {'high (≥6.2)' if high else 'borderline high (5.2–6.2)'}"
                              "; a doctor should judge it.", {"tc": tc}, "03.04" if high else None))
    if tg is not None and tg >= 1.7:
        if tg >= 5.6:
            sev: Severity = "marked"
            zh, en = "（≥5.6，有诱发急性胰腺炎的风险）", " (≥5.6, with a risk of acute pancreatitis)"
        elif tg >= 2.3:
            sev, zh, en = "moderate", "（升高，≥2.3）", " (high, ≥2.3)"
        else:
            sev, zh, en = "mild", "（边缘升高，1.7–2.3）", " (borderline high, 1.7–2.3)"
        out.append(_lipid(f"lipids.tg_{'very_high' if tg >= 5.6 else 'high' if tg >= 2.3 else 'borderline'}",
                          ("triglycerides",), sev, f"甘油三酯 {fmt(tg)} mmol/L{zh}，需确认是否空腹采血，由医生判断。",
                          f"Triglycerides {fmt(tg)} mmol/L{en}; check the sample was fasting. A doctor should "
                          "judge it.", {"tg": tg}, None if sev == "mild" else "03.04"))
    if hdl is not None and hdl < 1.0:
        out.append(_lipid("lipids.hdl_low", ("hdl_c",), "mild",
                          f"高密度脂蛋白胆固醇 {fmt(hdl)} mmol/L，偏低（<1.0），心血管风险可能增加，需医生判断。",
                          f"HDL cholesterol {fmt(hdl)} mmol/L is low (<1.0), which may add to heart risk; a "
                          "doctor should judge it.", {"hdl_c": hdl}, None))
    if non_hdl is not None and non_hdl >= 4.1:
        high = non_hdl >= 4.9
        out.append(_lipid("lipids.non_hdl_high" if high else "lipids.non_hdl_borderline", ("non_hdl_c",),
                          "moderate" if high else "mild",
                          f"非高密度脂蛋白胆固醇约 {fmt(non_hdl)} mmol/L，{'升高（≥4.9）' if high else '边缘升高（4.1–4.9）'}，需医生判断。",
                          f"Non-HDL cholesterol is about {fmt(non_hdl)} mmol/L, {'high (≥4.9)' if high else 'borderline (4.1–4.9)'}"
                          "; a doctor should judge it.", {"non_hdl_c": non_hdl}, "03.04" if high else None))
    if lpa is not None and lpa >= 300:
        out.append(_lipid("lipids.lpa_high", ("lipoprotein_a",), "mild",
                          f"脂蛋白(a) {fmt(lpa)} mg/L，≥300 mg/L，心血管风险增加（主要由遗传决定），需医生判断。",
                          f"Lipoprotein(a) {fmt(lpa)} mg/L is ≥300 mg/L, which adds to heart risk (mostly "
                          "inherited); a doctor should judge it.", {"lpa": lpa}, "03.04"))
    return out


def glycaemia_findings(by_id: Mapping[str, ResultInterpretation], fasting: bool | None) -> list[Finding]:
    out: list[Finding] = []
    fpg = _v(by_id, "glucose_fasting")
    glu = _v(by_id, "glucose")
    if fpg is None and fasting and glu is not None:
        fpg, glu = glu, None
    ogtt, ppg, a1c = _v(by_id, "glucose_ogtt_2h"), _v(by_id, "glucose_postprandial_2h"), _v(by_id, "hba1c")
    confirm = Text("无典型症状时需另一天复查确认，是否为糖尿病需医生判断。",
                   " Without typical symptoms it must be confirmed on another day; only a doctor can say whether "
                   "this is diabetes.")

    def add(fid: str, sev: Severity, zh: str, en: str, tests: tuple[str, ...], values: dict[str, float]) -> None:
        out.append(Finding(id=fid, kind="glycaemia", tests=tests, severity=sev, department="03.07",
                           sources=_DM, values=values, text=Text(zh + confirm.zh, en + confirm.en)))

    if fpg is not None and fpg >= 7.0:
        add("glycaemia.fpg_diabetes_range", "marked", f"空腹血糖 {fmt(fpg)} mmol/L，达到糖尿病诊断切点（≥7.0）。",
            f"Fasting glucose {fmt(fpg)} mmol/L reaches the diabetes cut-off (≥7.0).", ("glucose_fasting",),
            {"fpg": fpg})
    elif fpg is not None and fpg >= 6.1:
        add("glycaemia.impaired_fasting_glucose", "moderate",
            f"空腹血糖 {fmt(fpg)} mmol/L，处于空腹血糖受损范围（6.1–7.0），属于糖尿病前期的一种。",
            f"Fasting glucose {fmt(fpg)} mmol/L is in the impaired fasting glucose range (6.1–7.0), a form of "
            "prediabetes.", ("glucose_fasting",), {"fpg": fpg})
    if ogtt is not None and ogtt >= 11.1:
        add("glycaemia.ogtt_diabetes_range", "marked", f"糖负荷后2小时血糖 {fmt(ogtt)} mmol/L，达到糖尿病诊断切点（≥11.1）。",
            f"The 2-hour OGTT glucose {fmt(ogtt)} mmol/L reaches the diabetes cut-off (≥11.1).",
            ("glucose_ogtt_2h",), {"ogtt_2h": ogtt})
    elif ogtt is not None and ogtt >= 7.8:
        add("glycaemia.impaired_glucose_tolerance", "moderate",
            f"糖负荷后2小时血糖 {fmt(ogtt)} mmol/L，处于糖耐量减低范围（7.8–11.1），属于糖尿病前期的一种。",
            f"The 2-hour OGTT glucose {fmt(ogtt)} mmol/L is in the impaired glucose tolerance range (7.8–11.1), "
            "a form of prediabetes.", ("glucose_ogtt_2h",), {"ogtt_2h": ogtt})
    random = max((v for v in (glu, ppg) if v is not None), default=None)
    if random is not None and random >= 11.1:
        add("glycaemia.random_diabetes_range", "marked",
            f"非空腹血糖 {fmt(random)} mmol/L（≥11.1），若伴多饮、多尿、多食、体重下降等典型症状，即达到糖尿病诊断切点。",
            f"A non-fasting glucose of {fmt(random)} mmol/L (≥11.1) reaches the diabetes cut-off when typical "
            "symptoms (thirst, passing a lot of urine, weight loss) are present.",
            tuple(t for t in ("glucose", "glucose_postprandial_2h") if t in by_id), {"random": random})
    if a1c is not None and a1c >= 6.5:
        add("glycaemia.hba1c_diabetes_range", "marked",
            f"糖化血红蛋白 {fmt(a1c)}%，达到糖尿病诊断切点（≥6.5%，需采用标准化检测方法）。",
            f"HbA1c {fmt(a1c)}% reaches the diabetes cut-off (≥6.5%, with a standardised assay).", ("hba1c",),
            {"hba1c": a1c})
    lows = [v for v in (fpg, glu, ogtt, ppg) if v is not None]
    low = min(lows, default=None)
    if low is not None and low < 3.9:
        level2 = low < 3.0
        out.append(Finding(
            id="glycaemia.hypoglycaemia_level2" if level2 else "glycaemia.hypoglycaemia_alert", kind="glycaemia",
            tests=tuple(t for t in ("glucose_fasting", "glucose", "glucose_ogtt_2h", "glucose_postprandial_2h") if t in by_id),
            severity="marked" if level2 else "moderate", department="20" if level2 else "03.07",
            urgent=level2, sources=_DM, values={"glucose": low},
            text=Text(
                f"血糖 {fmt(low)} mmol/L，{'低于3.0，属于有临床意义的低血糖' if level2 else '低于3.9，达到低血糖警戒值'}；"
                "如有心慌、出汗、手抖、意识模糊，应立即进食含糖食物并就医，需医生判断原因。",
                f"Glucose {fmt(low)} mmol/L is {'below 3.0, clinically significant hypoglycaemia' if level2 else 'below 3.9, the hypoglycaemia alert level'}."
                " With shakiness, sweating or confusion eat something sugary at once and seek care; a doctor "
                "should find the cause."),
        ))
    return out


def thyroid_findings(by_id: Mapping[str, ResultInterpretation]) -> list[Finding]:
    tsh, ft4, ft3 = by_id.get("tsh"), by_id.get("ft4"), by_id.get("ft3")
    if tsh is None or ft4 is None or "unknown" in (tsh.status, ft4.status):
        return []
    t, f4 = tsh.status, ft4.status
    f3 = ft3.status if ft3 is not None else "unknown"
    rules: list[tuple[bool, str, Severity, str, str]] = [
        (t == "high" and f4 == "low", "thyroid.primary_hypothyroid_pattern", "moderate",
         "TSH升高而FT4降低，符合甲状腺功能减退的化验模式", "TSH is raised and FT4 low, a pattern seen with an underactive thyroid"),
        (t == "high" and f4 == "normal", "thyroid.subclinical_hypothyroid_pattern",
         "moderate" if (tsh.value or 0) >= 10 else "mild",
         "TSH升高而FT4正常，符合亚临床甲状腺功能减退的化验模式（需数周后复查）",
         "TSH is raised with a normal FT4, a subclinical underactive-thyroid pattern (repeat in a few weeks)"),
        (t == "low" and (f4 == "high" or f3 == "high"), "thyroid.hyperthyroid_pattern", "moderate",
         "TSH降低而甲状腺激素升高，符合甲状腺毒症（甲亢等）的化验模式", "TSH is low with raised thyroid hormones, a thyrotoxicosis pattern"),
        (t == "low" and f4 == "normal" and f3 in ("normal", "unknown"), "thyroid.subclinical_hyperthyroid_pattern", "mild",
         "TSH降低而FT4正常，符合亚临床甲状腺功能亢进的化验模式（需复查）",
         "TSH is low with a normal FT4, a subclinical overactive-thyroid pattern (repeat the test)"),
        (t in ("normal", "low") and f4 == "low", "thyroid.central_or_nonthyroidal_pattern", "moderate",
         "FT4降低而TSH未相应升高，可见于垂体问题或严重全身疾病时", "FT4 is low without a matching TSH rise, seen with pituitary problems or severe illness"),
        (t == "high" and f4 == "high", "thyroid.discordant_pattern", "moderate",
         "TSH与FT4同时升高，组合少见，可能与检测干扰或少见疾病有关", "TSH and FT4 are both raised, an unusual combination that can reflect assay interference or rare conditions"),
        (t == "normal" and f4 == "high", "thyroid.isolated_ft4_high", "mild",
         "TSH正常而FT4单独升高，常与检测干扰（如服用生物素）或采血时机有关", "FT4 alone is raised with a normal TSH, often assay interference (e.g. biotin) or sample timing"),
    ]
    for hit, fid, sev, zh, en in rules:
        if not hit:
            continue
        extra = Text("", "")
        tpo = by_id.get("tpoab")
        if tpo is not None and tpo.status in ("high", "positive"):
            extra = Text("TPOAb阳性，提示存在甲状腺自身免疫。", " TPO antibodies are positive, showing thyroid autoimmunity.")
        values = {k: r.value for k, r in (("tsh", tsh), ("ft4", ft4)) if r.value is not None}
        return [Finding(id=fid, kind="thyroid", tests=tuple(x for x in ("tsh", "ft4", "ft3", "tpoab") if x in by_id),
                        severity=sev, department="03.07", sources=_THYROID, values=values,
                        text=Text(f"{zh}。{extra.zh}需内分泌科医生结合症状判断。",
                                  f"{en}.{extra.en} An endocrinologist should judge it together with symptoms."))]
    return []
