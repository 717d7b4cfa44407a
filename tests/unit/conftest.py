"""A tiny, hand-made interview pack for engine tests (independent of the shipped pack)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from ankang.knowledge.interview import Pack, check_pack

MINI_PACK = """
sources:
- id: src
  title: test source
evidences:
- {id: fever, name: {zh: 发热, en: Fever}, question: {zh: 发烧吗？, en: "Fever?"}, type: symptom, system: general, sources: [src]}
- {id: cough, name: {zh: 咳嗽, en: Cough}, question: {zh: 咳嗽吗？, en: "Cough?"}, type: symptom, system: respiratory, sources: [src]}
- {id: runny_nose, name: {zh: 流涕, en: Runny nose}, question: {zh: 流鼻涕吗？, en: "Runny nose?"}, type: symptom, system: respiratory, sources: [src]}
- {id: rlq_pain, name: {zh: 右下腹痛, en: Right lower abdominal pain}, question: {zh: 右下腹痛吗？, en: "Pain low on the right?"}, type: symptom, system: digestive, sources: [src]}
- {id: vomiting, name: {zh: 呕吐, en: Vomiting}, question: {zh: 呕吐吗？, en: "Vomiting?"}, type: symptom, system: digestive, sources: [src]}
- {id: chest_pain, name: {zh: 胸痛, en: Chest pain}, question: {zh: 胸痛吗？, en: "Chest pain?"}, type: symptom, system: cardiovascular, sources: [src]}
- {id: sweating, name: {zh: 大汗, en: Sweating}, question: {zh: 出冷汗吗？, en: "Sweating?"}, type: symptom, system: general, sources: [src]}
- {id: fever_short, name: {zh: 发热不到3天, en: Fever under 3 days}, question: {zh: 不到3天, en: Under 3 days}, type: symptom, system: general, sources: [src], range_days: [0, 3]}
- {id: fever_long, name: {zh: 发热3天以上, en: Fever 3 days or more}, question: {zh: 3天以上, en: 3 days or more}, type: symptom, system: general, sources: [src], range_days: [3, null]}
groups:
- {id: fever_duration, parent: fever, kind: duration, question: {zh: 发烧几天了？, en: "For how long?"}, options: [fever_short, fever_long]}
conditions:
- id: common_cold
  name: {zh: 普通感冒, en: Common cold}
  icd10: J00
  departments: ["03.01"]
  severity: mild
  triage: self_care
  prevalence: {child: very_common, adult: very_common, elderly: common}
  evidence: {runny_nose: 0.9, cough: 0.6, fever: 0.3, fever_short: 0.9, fever_long: 0.05}
  sources: [src]
- id: pneumonia
  name: {zh: 肺炎, en: Pneumonia}
  icd10: J18
  departments: ["03.01"]
  severity: severe
  triage: consultation_24
  prevalence: {child: uncommon, adult: uncommon, elderly: common}
  evidence: {cough: 0.9, fever: 0.85, runny_nose: 0.15, fever_short: 0.4, fever_long: 0.6}
  sources: [src]
- id: appendicitis
  name: {zh: 急性阑尾炎, en: Acute appendicitis}
  icd10: K35
  departments: ["04.01"]
  severity: severe
  triage: emergency
  prevalence: {child: uncommon, adult: uncommon}
  evidence: {rlq_pain: 0.85, vomiting: 0.6, fever: 0.4}
  sources: [src]
- id: acs
  name: {zh: 急性冠脉综合征, en: Acute coronary syndrome}
  icd10: I21
  departments: ["03.04"]
  severity: critical
  triage: emergency_ambulance
  prevalence: {adult: uncommon, elderly: common}
  evidence: {chest_pain: 0.9, sweating: 0.5}
  sources: [src]
- id: chest_wall_pain
  name: {zh: 胸壁痛, en: Chest wall pain}
  icd10: R07
  departments: ["03.04"]
  severity: mild
  triage: consultation
  prevalence: {teen: very_common, adult: very_common, elderly: common}
  evidence: {chest_pain: 0.95, sweating: 0.05}
  sources: [src]
triage_rules:
- id: chest_pain_sweating
  level: emergency_ambulance
  all: [chest_pain]
  any: [sweating]
  age_min: 30
  reason: {zh: 胸痛伴大汗, en: Chest pain with sweating}
  sources: [src]
- id: long_fever
  level: consultation_24
  all: [fever_long]
  reason: {zh: 发热超过3天, en: Fever for 3 days or more}
  sources: [src]
"""


def write_pack(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def mini_pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    report = check_pack(write_pack(tmp_path_factory.mktemp("pack"), MINI_PACK))
    assert report.problems == ()
    assert report.pack is not None
    return report.pack
