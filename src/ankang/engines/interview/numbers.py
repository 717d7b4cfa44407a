"""Numbers in complaints: durations (三天, for 2 weeks), ages (65岁, my husband 67, 51 M), temperatures.

All functions take normalized text (`lexicon.normalize`) and return (start, end, value) spans in it.

Temperatures: 38.5℃, 39度, 38度5 (= 38.5), 三十九度多, 发烧38.5, 体温39, temp 38.4, 102F, a fever of 103
(°F is converted). A number without a unit counts only after a temperature word (体温, 发烧, temp,
fever of). "不到38度" (an upper bound) and weather ("It's 38 degrees out", 气温) are skipped.
"""

from __future__ import annotations

import re

from ankang.engines.interview.lexicon import PEOPLE, PRONOUNS, Sex, alternation, has_cjk

ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "仨": 3, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9, "几": 3}
EN_NUMBERS = {**{w: i + 1 for i, w in enumerate(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"])},
              **{w: 10 * (i + 2) for i, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])},
              "a": 1, "an": 1, "fifteen": 15, "few": 3, "a few": 3, "several": 3, "couple": 2, "a couple": 2,
              "a couple of": 2, "couple of": 2}
NUM_ZH = r"[0-9]+(?:\.[0-9]+)?|[零〇一二两俩仨三四五六七八九十百几]+|半"
_NB = r"(?<![0-9.零〇一二两俩仨三四五六七八九十百几])"  # a number starts here, not inside one (and no backtracking)
NUM_EN = (r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-](?:one|two|three|four|five|six|seven|eight|nine)|"
          + "|".join(re.escape(w) for w in sorted(EN_NUMBERS, key=len, reverse=True)) + r"|[0-9]+(?:\.[0-9]+)?")
UNIT_DAYS = {"小时": 1 / 24, "钟头": 1 / 24, "分钟": 1 / 1440, "天": 1, "晚上": 1, "晚": 1, "宿": 1, "周": 7, "星期": 7,
             "礼拜": 7, "月": 30, "年": 365, "minute": 1 / 1440, "min": 1 / 1440, "hour": 1 / 24, "hr": 1 / 24,
             "day": 1, "night": 1, "week": 7, "wk": 7, "month": 30, "year": 365, "yr": 365}
DURATION_ZH = re.compile(rf"{_NB}(?P<num>{NUM_ZH})多?(?P<ge>个)?(?P<half>半)?多?"
                         r"(?P<unit>小时|钟头|分钟|天|周|星期|礼拜|月|年|晚上|晚|宿)(?P<half2>半)?")
DURATION_EN = re.compile(rf"(?<![a-z0-9'])(?:(?P<half0>half an?)|(?P<num>{NUM_EN}))[\s-]*"
                         r"(?P<unit>minute|min|hour|hr|day|night|week|wk|month|year|yr)s?"
                         r"(?P<half>\s+and\s+a\s+half)?(?![a-z0-9'])(?![\s-]*old)")
RELATIVE_DAYS = {"大前天": 3, "前天": 2, "昨天晚上": 0.5, "昨晚": 0.5, "昨夜": 0.5, "昨天": 1, "今天": 0.5, "今早": 0.5,
                 "今晨": 0.5, "刚才": 0.02, "刚刚": 0.02, "上周": 7, "上星期": 7, "上个星期": 7, "上礼拜": 7,
                 "上个礼拜": 7, "上个月": 30, "上月": 30, "去年": 365, "the day before yesterday": 2,
                 "yesterday": 1, "last night": 0.5, "this morning": 0.5, "today": 0.5, "tonight": 0.5,
                 "this afternoon": 0.5, "this evening": 0.5, "last week": 7, "last month": 30, "last year": 365,
                 "just now": 0.02}
RELATIVE = alternation([w for w in RELATIVE_DAYS if has_cjk(w)], [w for w in RELATIVE_DAYS if not has_cjk(w)])
FREQUENCY_BEFORE = re.compile(r"(?:once|twice|times|per|every|x)\s*$")  # "twice a day" is no duration
FREQUENCY_AFTER = re.compile(r"\s*[0-9零一二两三四五六七八九十几多好]+次")  # nor is "一天三次"

# ---------------------------------------------------------------- ages
_CHILD = "宝宝|孩子|小孩|婴儿|宝贝|儿子|女儿|闺女|娃|宝"
_PERSON_ZH = "|".join(sorted((p for p in PEOPLE if has_cjk(p)), key=len, reverse=True))
_PERSON_EN = "|".join(sorted((p for p in PEOPLE if not has_cjk(p) and PEOPLE[p][0] != "self" and p not in PRONOUNS),
                             key=len, reverse=True))
# what may follow a bare number that is not an age: "my son 3 days ago", "dad 2 times", "mum 50kg"
_NOT_AGE_AFTER = (r"(?!\s*(?:%|kg|lbs?|pounds|stone|cm|mm|m(?![a-z])|weeks?|wks?|days?|months?|hours?|hrs?|h(?![a-z])"
                  r"|minutes?|mins?|times|x(?![a-z])|percent|degrees?|°|mg|ml|am|pm|[:/]|st|nd|rd|th|years? ago|yrs? ago))")
# (pattern, years per unit); English patterns name their unit in group u. Group n is the number.
AGES_ZH: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(rf"{_NB}(?P<n>{NUM_ZH})多?周?岁(?P<half>半)?(?:(?P<m>{NUM_ZH})个?月)?"), 1.0),
    (re.compile(rf"{_NB}(?P<n>{NUM_ZH})个?(?P<half>半)?多?月(?=大|龄|的(?:{_CHILD}))"), 1 / 12),
    (re.compile(rf"(?:{_CHILD})(?:才|刚|刚满|满)?(?P<n>{NUM_ZH})个(?P<half>半)?多?月"), 1 / 12),
    (re.compile(rf"{_NB}(?P<n>{NUM_ZH})个?(?:周|星期)(?=大|的(?:{_CHILD}))"), 7 / 365),
    (re.compile(rf"{_NB}(?P<n>{NUM_ZH})天(?=大|的(?:{_CHILD}))|(?:出生|生下来)(?P<n2>{NUM_ZH})天"), 1 / 365),
    # a person word, then the bare number: "老头子76了", "我爸65，"
    (re.compile(rf"(?:{_PERSON_ZH})(?:今年|已经|都)?(?P<n>[0-9]{{1,3}}|[一二三四五六七八九十]{{1,3}})多?"
                r"(?=了|[,.;!?:。\s]|$)"), 1.0),
)
AGES_EN: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(rf"(?<![a-z0-9'])(?P<n>{NUM_EN})(?P<half> and a half)?[\s-]*(?P<u>year|yr|month|week|day)s?"
                r"[\s-]*old(?![a-z])"), 1.0),
    (re.compile(r"(?<![a-z0-9'])(?P<n>[0-9]{1,3})\s*(?:yo|y/o|y\.o\.|yrs?)(?![a-z])"), 1.0),
    (re.compile(r"(?<![a-z0-9'])(?:aged?|age:)\s*(?P<n>[0-9]{1,3})(?![0-9])"), 1.0),
    (re.compile(r"(?<![a-z0-9'])(?:i'm|im|i am|he is|he's|she is|she's)\s+(?:a\s+)?(?P<n>[0-9]{1,3})(?![0-9.])"
                + _NOT_AGE_AFTER), 1.0),
    # a person word, then the bare number: "my husband 67", "Grandma (80)", "mum is 81"
    (re.compile(rf"(?<![a-z'])(?:{_PERSON_EN})(?:\s+is|\s*,)?\s*\(?\s*(?P<n>[0-9]{{1,3}})(?![0-9.])"
                r"(?=\s*(?:[),.;:!?]|$|(?:and|with|has|had|have|is|was|his|her|he|she|who|just|suddenly|now|today"
                r"|yesterday|last|this|from|on|in)(?![a-z])))"), 1.0),
)
_LATIN = re.compile(r"[a-z]")
UNIT_YEARS = {"year": 1.0, "yr": 1.0, "month": 1 / 12, "week": 7 / 365, "day": 1 / 365}
# "51 M", "23M", "F 30": age and sex in clinical shorthand (the letter must be a capital in the text)
SEX_AGE = re.compile(r"(?<![a-z0-9'.])(?:(?P<n>[0-9]{1,3})\s?(?P<s>[mf])|(?P<s2>[mf])\s?(?P<n2>[0-9]{1,3}))"
                     r"(?![a-z0-9'])(?![.][0-9])")

# ---------------------------------------------------------------- temperatures
# 诊断学 第9版 (zdx9) 发热的分度, matching the pack's fever height options: 低热 37.3–38 ℃, 中等度热 38.1–39 ℃,
# 高热 39.1–41 ℃ (超高热 above 41 ℃ is still the high option). Values are rounded to 0.1 ℃.
FEVER_LEVELS = (("mild", 37.3), ("moderate", 38.1), ("severe", 39.1))  # (pack level, lowest ℃)
FEVER_PARENT = "fever"  # the evidence whose severity group holds the fever height options
_TEMP_NUM = (r"(?<![0-9.])(?P<n>[0-9]{2,3}(?:\.[0-9]{1,2})?)(?![0-9]|\.[0-9])"
             r"|(?<![零一二两三四五六七八九十百几])(?P<zh>[三四]十[一二三四五六七八九]?(?:点[零一二三四五六七八九])?)"
             r"(?![零一二两三四五六七八九十百几])")
TEMP_NUMBER = re.compile(_TEMP_NUM)
TEMP_UNIT = re.compile(
    r"\s*(?:(?P<f>°\s*f|f|degrees?\s*f(?:ahrenheit)?|fahrenheit)(?![a-z])"
    r"|(?P<c>℃|°\s*c(?![a-z])|°|摄氏度|度|degrees?(?:\s*(?:celsius|centigrade|c)(?![a-z]))?|celsius))"
    r"(?P<dec>(?<=度)(?:[0-9]|[一二三四五六七八九])(?![0-9.天个次周月年小时分岁]))?(?P<more>多|以上)?")
TEMP_CONTEXT = re.compile(r"(?:体温|发烧|发热|高烧|低烧|烧到|烧了|temp|temperature|fever)"
                          r"\s*(?:是|有|到|达|为|了|已经|都|一直|最高)*\s*(?:of|is|was|at|about|around|:)?\s*$")
TEMP_ABOVE = re.compile(r"(?:超过|高于|过了|over|above|more than|higher than)\s*$")
TEMP_BELOW = re.compile(r"(?:不到|没到|没有到|没超过|不超过|低于|未到|under|below|less than|lower than)\s*$")
# after a number without a unit: not a temperature ("发烧12天", "fever 10 days")
NOT_TEMP_AFTER = re.compile(r"\s*(?:[天个次周月年小时分钟岁斤号点块元片粒%/:]|(?:kg|lbs?|days?|hours?|hrs?|weeks?|months?"
                            r"|years?|times|mins?|minutes?|mg|ml|x)(?![a-z]))")
WEATHER = re.compile(r"天气|气温|室外|室温|外面|户外|水温|weather|outside|outdoors|(?<![a-z])out(?![a-z])|in the shade"
                     r"|(?<![a-z])(?:it's|it is|it was)\s*$")


def number(raw: str) -> float | None:
    """12, 1.5, 两, 十五, 六十五, 一百零二, 半, three, a couple of → a number; None if it is not one."""
    raw = re.sub(r"\s+", " ", raw.strip())
    if raw in EN_NUMBERS:
        return float(EN_NUMBERS[raw])
    parts = re.split(r"[\s-]", raw)
    if len(parts) == 2 and EN_NUMBERS.get(parts[0], 0) >= 20 and EN_NUMBERS.get(parts[1], 10) < 10:
        return float(EN_NUMBERS[parts[0]] + EN_NUMBERS[parts[1]])  # twenty-one
    if raw == "半":
        return 0.5
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", raw):
        return float(raw)
    total, current = 0, 0
    for ch in raw:
        if ch in ZH_DIGITS:
            current = ZH_DIGITS[ch]
        elif ch in "十百":
            total += (current or 1) * (10 if ch == "十" else 100)
            current = 0
        else:
            return None
    return float(total + current) if raw else None


def find_durations(norm: str) -> list[tuple[int, int, float]]:
    """(start, end, days) of each duration phrase: 三天, 一个半月, for 2 weeks, since yesterday."""
    found = []
    for m in DURATION_ZH.finditer(norm):
        n, unit, raw = number(m["num"]), m["unit"], m["num"]
        if (n is None or (unit == "月" and not m["ge"] and raw != "半") or (unit == "年" and n > 100)
                or FREQUENCY_AFTER.match(norm, m.end())):
            continue
        found.append((m.start(), m.end(), (n + (0.5 if m["half"] or m["half2"] else 0)) * UNIT_DAYS[unit]))
    for m in DURATION_EN.finditer(norm) if _LATIN.search(norm) else ():
        n = 0.5 if m["half0"] else number(m["num"] or "")
        if n is not None and not FREQUENCY_BEFORE.search(norm, max(0, m.start() - 8), m.start()):
            found.append((m.start(), m.end(), (n + (0.5 if m["half"] else 0)) * UNIT_DAYS[m["unit"]]))
    for m in RELATIVE.finditer(norm):
        found.append((m.start(), m.end(), float(RELATIVE_DAYS[re.sub(r"\s+", " ", m.group())])))
    kept: list[tuple[int, int, float]] = []
    for item in sorted(found):
        if not kept or item[0] >= kept[-1][1]:
            kept.append(item)
    return kept


def find_ages(norm: str, text: str | None = None) -> list[tuple[int, int, float]]:
    """(start, end, years) of each age phrase: 65岁, 两岁半, 3个月大, a 45-year-old, I'm 30, my son (9), 51 M.

    `text` is the original of `norm` (same length); it tells "51 M" (a capital: shorthand) from "51 m".
    """
    found: list[tuple[int, int, float]] = []
    used = bytearray(len(norm))
    patterns = (AGES_ZH if has_cjk(norm) else ()) + (AGES_EN if _LATIN.search(norm) else ())
    for pattern, scale in patterns:
        for m in pattern.finditer(norm):
            groups = m.groupdict()
            n = number(groups.get("n") or groups.get("n2") or "")
            if n is None or any(used[m.start("n" if groups.get("n") else "n2"):m.end()]):
                continue
            years = (n + (0.5 if groups.get("half") else 0)) * UNIT_YEARS.get(groups.get("u") or "", scale)
            years += (number(groups["m"]) or 0.0) / 12 if groups.get("m") else 0.0
            if 0 <= years <= 130:
                found.append((m.start(), m.end(), round(years, 3)))
                used[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    for s, e, years, _ in sex_and_age(norm, text or norm):
        if not any(used[s:e]):
            found.append((s, e, years))
    return sorted(found)


def sex_and_age(norm: str, text: str) -> list[tuple[int, int, float, Sex]]:
    """(start, end, years, sex) of clinical shorthand: "51 M", "23M", "F 30" (not "30 m", not 102F)."""
    found: list[tuple[int, int, float, Sex]] = []
    for m in SEX_AGE.finditer(norm):
        letter, years = ("s" if m["s"] else "s2"), int(m["n"] or m["n2"])
        fahrenheit = m[letter] == "f" and 93 <= years <= 110
        if text[m.start(letter)].isupper() and 0 < years <= 120 and not fahrenheit:
            found.append((m.start(), m.end(), float(years), "male" if m[letter] == "m" else "female"))
    return found


def find_temperatures(norm: str) -> list[tuple[int, int, float]]:
    """(start, end, ℃) of each body temperature: 38.5℃, 39度多, 38度5, 发烧38.5, temp 38.4, 102F."""
    found: list[tuple[int, int, float]] = []
    for m in TEMP_NUMBER.finditer(norm):
        value = float(m["n"]) if m["n"] else _zh_decimal(m["zh"])
        unit = TEMP_UNIT.match(norm, m.end())
        before = re.split(r"[,.;!?。\n]", norm[max(0, m.start() - 12):m.start()])[-1]
        if unit is None and (m["zh"] or not TEMP_CONTEXT.search(before) or NOT_TEMP_AFTER.match(norm, m.end())):
            continue
        end = unit.end() if unit else m.end()
        after = re.split(r"[,.;!?。\n]", norm[end:end + 12])[0]
        if value is None or TEMP_BELOW.search(before) or WEATHER.search(before) or WEATHER.search(after):
            continue
        if unit and unit["dec"]:
            value += (number(unit["dec"]) or 0.0) / 10
        celsius_unit = unit is not None and unit["c"] not in (None, "°")
        if (unit and unit["f"]) or (not celsius_unit and 93 <= value <= 110):
            value = (value - 32) * 5 / 9
        if unit and unit["more"]:
            value += 0.5 if unit["more"] == "多" and value == int(value) else 0.1
        elif TEMP_ABOVE.search(before):
            value += 0.1
        if 34 <= value <= 43.5:
            found.append((m.start(), end, round(value, 1)))
    return found


def fever_level(celsius: float) -> str | None:
    """The pack level (mild, moderate, severe) of a body temperature; None below 37.3 ℃."""
    level = None
    for name, lowest in FEVER_LEVELS:
        if celsius >= lowest - 1e-9:
            level = name
    return level


def _zh_decimal(raw: str) -> float | None:
    whole, _, tenth = raw.partition("点")
    n = number(whole)
    return None if n is None else n + (number(tenth) or 0.0) / 10 if tenth else n


# ---------------------------------------------------------------- tablet counts
# Ten or more tablets taken at once is read as a possible overdose: 《急诊与灾难医学》第3版 (jzyx), 急性中毒 —
# a large single ingestion needs emergency assessment even when the person feels well (paracetamol harm is delayed).
OVERDOSE_TABLETS = 10
OVERDOSE_EVIDENCE = "medication_overdose"
_PILL_EN = (r"pills?|tablets?|caps(?:ules)?|paracetamol|acetaminophen|tylenol|panadol|ibuprofen|advil|aspirin"
            r"|sleeping pills?|painkillers?|antidepressants?")
TABLETS_ZH = re.compile(r"(?:吃|吞|服|喝)了?(?P<pre>[^，。,.!?；;\n]{0,6}?)(?P<num>[0-9]+|[一二两三四五六七八九十百几]+)"
                        r"(?:多|来)?(?P<unit>片|粒|颗)(?P<what>[^，。,.!?；;\n]{0,6})")
# What was taken must be a medicine (药, 胶囊, a common drug name), or bare 片 at the end of a clause: 吃了30片。
ZH_MEDICINE = re.compile(r"药|胶囊|扑热息痛|对乙酰氨基酚|布洛芬|阿司匹林|安定|地西泮|氯硝西泮|艾司唑仑|阿普唑仑|二甲双胍|胰岛素")
TABLETS_EN = re.compile(r"(?:took|taken|swallowed|ate|had)\s+(?:about|around|like|maybe|over|nearly|almost|at least)?"
                        r"\s*(?P<num>[0-9]+)\s+(?:[a-z]+\s+){0,2}?(?:" + _PILL_EN + r")(?![a-z])")


def find_tablet_counts(norm: str) -> list[tuple[int, int, float]]:
    """(start, end, count) of each 'took N tablets' with N at or over OVERDOSE_TABLETS: 吃了30片, took 24 paracetamol."""
    found = []
    for m in TABLETS_ZH.finditer(norm):
        medicine = ZH_MEDICINE.search(m["pre"] + m["what"]) or (m["unit"] == "片" and not m["what"])
        if medicine and (n := number(m["num"])) is not None and n >= OVERDOSE_TABLETS:
            found.append((m.start(), m.end(), n))
    for m in TABLETS_EN.finditer(norm):
        if (n := number(m["num"])) is not None and n >= OVERDOSE_TABLETS:
            found.append((m.start(), m.end(), n))
    return found
