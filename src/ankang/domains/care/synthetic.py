"""A seeded synthetic directory for demos and tests, as CSV texts the importer reads.

Everything is invented and says so: every hospital is named "…示例医院（合成数据）" and every doctor
"…（合成数据）", so no one mistakes the demo for a real directory. `random_state` makes it repeatable.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass

from ankang.domains.care.importer import COLUMNS

SYNTHETIC_MARK = "（合成数据）"
# Beijing city centre (天安门); hospitals are scattered within about ±0.25° (≈25 km) of it.
CENTRE = (39.9087, 116.3975)
DISTRICTS = ("东城区", "西城区", "朝阳区", "海淀区", "丰台区", "石景山区", "通州区", "昌平区")
GRADES = ("三级甲等", "三级甲等", "三级乙等", "二级甲等", "二级乙等", "一级甲等")
INSURANCE = ("北京市职工基本医疗保险", "北京市城乡居民基本医疗保险", "异地就医直接结算", "商业健康保险")
# Outpatient departments a general hospital typically runs (NHC codes), with specialties doctors list.
DEPARTMENTS = {
    "03.01": ("哮喘", "慢性阻塞性肺疾病", "肺炎", "咳嗽"),
    "03.02": ("胃炎", "消化性溃疡", "胃食管反流病", "肠易激综合征"),
    "03.03": ("偏头痛", "脑卒中", "癫痫", "头晕"),
    "03.04": ("高血压", "冠心病", "心律失常", "心力衰竭"),
    "03.07": ("糖尿病", "甲状腺疾病", "骨质疏松"),
    "04.01": ("阑尾炎", "胆囊结石", "疝"),
    "04.03": ("骨折", "腰椎间盘突出", "关节炎"),
    "05.01": ("月经不调", "子宫肌瘤", "盆腔炎"),
    "07": ("小儿发热", "小儿腹泻", "小儿咳嗽"),
    "10": ("结膜炎", "白内障", "青光眼"),
    "11": ("鼻炎", "咽炎", "中耳炎"),
    "13.01": ("湿疹", "荨麻疹", "痤疮"),
    "02": ("感冒", "高血压", "糖尿病"),
}
TITLES = ("主任医师", "副主任医师", "主治医师", "住院医师")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
MORNING, AFTERNOON = ("08:00", "12:00"), ("13:30", "17:00")


@dataclass(frozen=True, slots=True)
class SyntheticDirectory:
    hospitals: str
    doctors: str
    schedules: str


def _csv(header: tuple[str, ...], rows: list[tuple[object, ...]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def synthetic_directory(random_state: int, *, hospitals: int = 8, doctors_per_department: int = 2
                        ) -> SyntheticDirectory:
    """`hospitals` synthetic hospitals near Beijing's centre with doctors and weekly schedules."""
    rng = random.Random(random_state)
    h_rows: list[tuple[object, ...]] = []
    d_rows: list[tuple[object, ...]] = []
    s_rows: list[tuple[object, ...]] = []
    for h in range(1, hospitals + 1):
        hid = f"syn-h{h:03d}"
        grade = GRADES[(h - 1) % len(GRADES)]
        district = rng.choice(DISTRICTS)
        depts = [c for c in DEPARTMENTS if grade.startswith("三级") or rng.random() < 0.6] or ["02"]
        if grade != "一级甲等":
            depts.append("20")  # 急诊医学科
        insurance = [i for i in INSURANCE if rng.random() < 0.8] or [INSURANCE[0]]
        lat = round(CENTRE[0] + rng.uniform(-0.25, 0.25), 5)
        lon = round(CENTRE[1] + rng.uniform(-0.25, 0.25), 5)
        h_rows.append((hid, f"{district}第{h}示例医院{SYNTHETIC_MARK}", f"Sample Hospital {h} (synthetic)", grade,
                       f"北京市{district}示例路{rng.randint(1, 300)}号{SYNTHETIC_MARK}", lat, lon,
                       "|".join(insurance), "|".join(depts), f"010-0000{h:04d}"))
        for code in depts:
            if code == "20":
                continue
            for n in range(doctors_per_department):
                did = f"{hid}-{code.replace('.', '')}-{n + 1}"
                name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.5 else "")
                specs = rng.sample(DEPARTMENTS[code], k=min(2, len(DEPARTMENTS[code])))
                langs = ["zh", "en"] if rng.random() < 0.3 else ["zh"]
                d_rows.append((did, hid, code, f"{name}{SYNTHETIC_MARK}", rng.choice(TITLES), "|".join(specs),
                               "|".join(langs), round(rng.uniform(3.5, 5.0), 1), rng.random() < 0.4,
                               rng.choice((10, 15, 20, 30))))
                for weekday in sorted(rng.sample(range(1, 8), k=rng.randint(2, 5))):
                    for start, end in (MORNING, AFTERNOON) if rng.random() < 0.5 else (MORNING,):
                        s_rows.append((did, weekday, "", start, end))
    return SyntheticDirectory(_csv(COLUMNS["hospitals"], h_rows), _csv(COLUMNS["doctors"], d_rows),
                              _csv(COLUMNS["schedules"], s_rows))
