"""Free-text parsing: terms, negation, hedges, durations, severities, age/sex/subject, bad input.

Most tests use a small pack built here from the model dataclasses, so that they do not move when the
shipped pack changes; a few check core ids of the shipped pack.
"""

from __future__ import annotations

import logging
from types import MappingProxyType

import pytest

from ankang.engines.interview.parse import Lexicon, ParseResult, parse_text
from ankang.errors import InvalidInput
from ankang.knowledge.interview import load_pack
from ankang.knowledge.interview.model import Evidence, Group, Pack
from ankang.knowledge.text import Text


def _ev(eid: str, zh: str, en: str, syn_zh: str = "", syn_en: str = "", *,
        range_days: tuple[float, float | None] | None = None, level: str | None = None) -> Evidence:
    return Evidence(
        id=eid, name=Text(zh, en), question=Text(f"{zh}？", f"{en}?"), type="symptom", system="general",
        synonyms_zh=tuple(s for s in syn_zh.split("|") if s), synonyms_en=tuple(s for s in syn_en.split("|") if s),
        sources=("test",), range_days=range_days, level=level,
    )


EVIDENCES = (
    _ev("fever", "发热", "Fever", "发烧|高烧", "febrile|high temperature|feverish"),
    _ev("fever_lt3", "发热不到3天", "Fever under 3 days", range_days=(0, 3)),
    _ev("fever_3_7", "发热3到7天", "Fever 3 to 7 days", range_days=(3, 7)),
    _ev("fever_ge7", "发热一周以上", "Fever a week or more", range_days=(7, None)),
    _ev("fever_low", "低热", "Low fever", level="mild"),
    _ev("fever_mid", "中度发热", "Moderate fever", level="moderate"),
    _ev("fever_high", "高热", "High fever", level="severe"),
    _ev("cough", "咳嗽", "Cough", "咳个不停", "coughing"),
    _ev("cough_acute", "急性咳嗽", "Acute cough", range_days=(0, 21)),
    _ev("cough_subacute", "亚急性咳嗽", "Subacute cough", range_days=(21, 56)),
    _ev("cough_chronic", "慢性咳嗽", "Chronic cough", range_days=(56, None)),
    _ev("diarrhea", "腹泻", "Diarrhoea", "拉肚子|拉稀", "diarrhea|loose stools|the runs"),
    _ev("abdominal_pain", "腹痛", "Abdominal pain", "肚子疼|肚子痛", "stomach ache|tummy ache"),
    _ev("abdominal_pain_rlq", "右下腹痛", "Right lower abdominal pain", "右下腹疼"),
    _ev("chest_pain", "胸痛", "Chest pain", "胸口疼", "pain in the chest"),
    _ev("chest_pain_short", "胸痛不到1天", "Chest pain under a day", range_days=(0, 1)),
    _ev("chest_pain_long", "胸痛1天以上", "Chest pain a day or more", range_days=(1, None)),
    _ev("headache", "头痛", "Headache", "头疼", "head hurts"),
    _ev("headache_mild", "轻度头痛", "Mild headache", level="mild"),
    _ev("headache_moderate", "中度头痛", "Moderate headache", level="moderate"),
    _ev("headache_severe", "剧烈头痛", "Severe headache", level="severe"),
    _ev("vomiting", "呕吐", "Vomiting", "吐了", "throwing up|threw up"),
    _ev("sweating", "大汗", "Heavy sweating", "出冷汗", "sweaty|cold sweat"),
    _ev("fatigue", "乏力", "Fatigue", "没力气", "tiredness|no energy"),
    _ev("dizziness", "头晕", "Dizziness", "头昏", "dizzy|lightheaded"),
    _ev("seizure", "抽搐", "Seizure (fit)", "抽风", "fit|convulsion"),
    _ev("pallor", "面色苍白", "Pale skin", "脸色发白", "pale"),
    _ev("dry_mouth", "口干", "Dry mouth", "嘴巴干", "parched"),
    _ev("constipation", "便秘", "Constipation", "大便干", "bunged up"),
    _ev("nasal_congestion", "鼻塞", "Blocked nose", "鼻子堵", "bunged up"),
    _ev("facial_droop", "口角歪斜", "Facial droop", "嘴歪|脸歪了", "face drooping|lopsided face"),
    _ev("slurred_speech", "言语不清", "Slurred speech", "说话含糊|说话不利索", "slurring words"),
    _ev("dyspnea", "呼吸困难", "Shortness of breath", "喘不上气", "can't breathe|short of breath|short-winded"),
)
GROUPS = (
    Group("fever_duration", "fever", "duration", Text("几天？", "How long?"), ("fever_lt3", "fever_3_7", "fever_ge7")),
    Group("fever_height", "fever", "severity", Text("多高？", "How high?"), ("fever_low", "fever_mid", "fever_high")),
    Group("cough_duration", "cough", "duration", Text("几天？", "How long?"),
          ("cough_acute", "cough_subacute", "cough_chronic")),
    Group("chest_pain_duration", "chest_pain", "duration", Text("多久？", "How long?"),
          ("chest_pain_short", "chest_pain_long")),
    Group("headache_severity", "headache", "severity", Text("多重？", "How bad?"),
          ("headache_mild", "headache_moderate", "headache_severe")),
)
PACK = Pack(
    version="test", sources=MappingProxyType({}), evidences=MappingProxyType({e.id: e for e in EVIDENCES}),
    groups=MappingProxyType({g.id: g for g in GROUPS}), conditions=MappingProxyType({}), rules=(),
    departments=MappingProxyType({}),
)


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.from_pack(PACK)


def found(result: ParseResult) -> set[str]:
    """'fever' present, '-fever' absent, '?fever' present but hedged, '?-fever' absent but hedged."""
    return {("?" if m.uncertain else "") + ("-" if m.choice == "absent" else "") + m.evidence_id
            for m in result.mentions}


@pytest.mark.parametrize(("text", "expected"), [
    # the issue's example: duration option for 2 days, 拉肚子 is diarrhoea
    ("孩子发烧两天，有点咳嗽，没有拉肚子", {"fever", "fever_lt3", "cough", "-diarrhea"}),
    ("I'm a 45 year old man, chest pain for an hour, no fever, maybe a bit sweaty",
     {"chest_pain", "chest_pain_short", "-fever", "?sweating"}),
    # negation: Chinese cues, coordinated lists, clause ends
    ("没有发烧、咳嗽和腹泻", {"-fever", "-cough", "-diarrhea"}),
    ("从没头痛过，并无腹泻", {"-headache", "-diarrhea"}),
    ("否认胸痛", {"-chest_pain"}),
    ("没有发烧，咳嗽", {"-fever", "cough"}),
    ("发烧，但是没有咳嗽", {"fever", "-cough"}),
    ("没有发烧但有咳嗽", {"-fever", "cough"}),
    ("没有发烧有咳嗽", {"-fever", "cough"}),
    ("咳嗽、发烧都没有。", {"-cough", "-fever"}),
    ("发烧吗？没有", {"-fever"}),
    ("没力气，不想动", {"fatigue"}),  # a term that carries its own negation is a symptom
    ("无明显诱因出现头痛", {"headache"}),
    ("不知道为什么头痛", {"headache"}),
    # verb-style and split negation
    ("不咳不吐，也不烧", {"-cough", "-vomiting", "-fever"}),
    ("没怎么咳", {"-cough"}),
    ("有点咳", {"cough"}),
    ("头不疼，肚子也不疼", {"-headache", "-abdominal_pain"}),
    ("头有点晕", {"dizziness"}),
    # English negation
    ("no fever or cough", {"-fever", "-cough"}),
    ("No fever, cough, or diarrhea.", {"-fever", "-cough", "-diarrhea"}),
    ("no fever, coughing for 3 weeks", {"-fever", "cough", "cough_subacute"}),
    ("Denies chest pain.", {"-chest_pain"}),
    ("He doesn't have a fever and hasn't had diarrhea", {"-fever", "-diarrhea"}),
    ("no history of chest pain", {"-chest_pain"}),
    ("I'm not coughing but I threw up", {"-cough", "vomiting"}),
    ("never had a fit", {"-seizure"}),
    ("I don't know why I have a headache", {"headache"}),
    ("can't stop coughing", {"cough"}),
    ("denies fever, chills, or coughing", {"-fever", "-cough"}),
    ("No appetite, no energy, feeling dizzy", {"fatigue", "dizziness"}),
    ("Chest pain? No. Headache? Yes.", {"-chest_pain", "headache"}),
    # hedges keep the choice
    ("好像有点发烧", {"?fever", "?fever_low"}),
    ("不确定是不是发烧", {"?fever"}),
    ("说话不清楚，头痛", {"headache"}),
    ("可能没发烧", {"?-fever"}),
    ("I think I have a fever", {"?fever"}),
    ("not sure if it's a fever", {"?fever"}),
    ("possibly feverish, definitely coughing", {"?fever", "cough"}),
    # longest match, whole words only, inflections
    ("右下腹痛一天", {"abdominal_pain_rlq"}),
    ("公司回天乏力", set()),
    ("可口干净的饭菜", set()),
    ("the benefits of a paleo outfit", set()),
    ("headaches and vomited twice, lots of coughing", {"headache", "vomiting", "cough"}),
    ("I'm bunged up", set()),  # the term names two evidences: dropped
    # durations (full-width digits, Chinese numerals, halves) and severities
    ("咳嗽３天", {"cough", "cough_acute"}),
    ("发烧十天了", {"fever", "fever_ge7"}),
    ("发烧两天半", {"fever", "fever_lt3"}),
    ("发烧三天", {"fever", "fever_3_7"}),
    ("发烧一个半月", {"fever", "fever_ge7"}),
    ("发烧咳嗽两个月", {"fever", "fever_ge7", "cough", "cough_chronic"}),
    ("两天前开始发烧", {"fever", "fever_lt3"}),
    ("发烧，烧了三天了", {"fever", "fever_3_7"}),
    ("fever since yesterday", {"fever", "fever_lt3"}),
    ("a fever for a couple of weeks", {"fever", "fever_ge7"}),
    ("cough for twenty-one days", {"cough", "cough_subacute"}),
    ("剧烈头痛", {"headache", "headache_severe"}),
    ("头痛很厉害", {"headache", "headache_severe"}),
    ("有点头疼", {"headache", "headache_mild"}),
    ("severe headache for 2 weeks", {"headache", "headache_severe"}),
    ("a mild headache", {"headache", "headache_mild"}),
    # de-duplication: the later mention decides
    ("昨天发烧，今天没有发烧", {"-fever"}),
    ("没有发烧，后来又发烧了", {"fever"}),
    ("发烧一天，发烧三天", {"fever", "fever_3_7"}),
    # mixed scripts, emoji, full-width letters
    ("我有fever和cough", {"fever", "cough"}),
    ("🤒发烧了😭", {"fever"}),
    ("ｆｅｖｅｒ and ＣＯＵＧＨ", {"fever", "cough"}),
])
def test_mentions(lexicon: Lexicon, text: str, expected: set[str]) -> None:
    result = parse_text(text, lexicon)
    assert found(result) == expected
    for m in result.mentions:
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize(("text", "expected"), [
    # Chinese: inserted words (at most 3 characters, starting a jieba word), reduplications folded
    ("我奶奶吃饭的时候嘴突然歪到一边了，说话含含糊糊听不清", {"facial_droop", "slurred_speech"}),
    ("刚才说话说不利索了", {"slurred_speech"}),
    ("嘴好像歪了", {"?facial_droop"}),  # a hedge among the inserted words still counts
    ("头和肚子都疼", {"abdominal_pain"}),  # 头…疼 would insert 4 characters
    ("头剧烈疼痛", {"headache", "headache_severe"}),  # a severity among the inserted words
    ("右下腹那里疼", {"abdominal_pain_rlq"}),  # 疼 and 痛 are one character here (右下腹痛)
    ("右下腹一阵一阵地剧痛", {"abdominal_pain_rlq"}),  # 一阵一阵 folds; 剧 is glued to 痛
    ("嘴没歪", {"-facial_droop"}),  # a negation inside: the split term (absent), never a gapped one
    ("嘴一点都没歪", set()),
    ("嘴上说没事", set()),
    ("头发歪了", set()),  # 头…歪 would start inside the word 头发
    ("脸上歪歪扭扭地写着字", set()),
    ("嘴巴，突然歪了", set()),  # no clause break inside
    # the pain before its site
    ("昨晚开始肚脐周围疼，今天疼到右下腹了", {"abdominal_pain_rlq"}),
    ("痛在右下腹", {"abdominal_pain_rlq"}),
    ("一直窜到胸口疼", {"chest_pain"}),
    ("疼到不行", set()),
    ("胃疼胸口闷", set()),  # no 到 / 在: 疼 and 胸口 are not one term
    # the site, then its pain later in the clause (at most 8 characters, no other body part between)
    ("胸口从早上开始一直疼", {"chest_pain"}),
    ("胸口从昨天开始疼", {"chest_pain", "chest_pain_long"}),  # the duration inside the match counts
    ("肚子饿了走路腿都疼", set()),
    ("胸口今天没那么疼", set()),
    ("胸口闷，后背疼", set()),
    ("肚子饿了我心疼", set()),
    # idioms: a term inside a longer jieba word about the body
    ("头晕眼花", {"dizziness"}),
    ("上吐下泻", {"vomiting", "diarrhea"}),
    ("口干舌燥", {"dry_mouth"}),
    ("吞吞吐吐", set()),
    ("眼花缭乱，回天乏力", set()),
    # English: up to 2 filler words between the words of a term, contractions, hyphens
    ("my husband 67 his face is drooping on one side and he's slurring his words",
     {"facial_droop", "slurred_speech"}),
    ("her face kind of drooping", {"?facial_droop"}),  # a hedge among the fillers still counts
    ("I can not breathe", {"dyspnea"}),
    ("she cannot breathe", {"dyspnea"}),
    ("unable to breathe", {"dyspnea"}),
    ("I feel light-headed", {"dizziness"}),  # the term is lightheaded
    ("a bit shortwinded", {"dyspnea"}),  # the term is short-winded
    ("no face drooping", {"-facial_droop"}),
    ("his face is not drooping", set()),  # "not" is no filler word
    ("the face of the old building is drooping", set()),
    ("his face is, drooping", set()),  # only spaces, hyphens and apostrophes between the words
    ("he said the words were slurring into each other in the song", set()),
])
def test_loose_matching(lexicon: Lexicon, text: str, expected: set[str]) -> None:
    result = parse_text(text, lexicon)
    assert found(result) == expected
    for m in result.mentions:
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize(("text", "expected"), [
    # 诊断学 第9版: 低热 37.3–38 ℃, 中等度热 38.1–39 ℃, 高热 above 39 ℃ (the fixture's fever height options)
    ("发烧38.5", {"fever", "fever_mid"}),
    ("体温39度", {"fever", "fever_mid"}),
    ("38度5", {"fever", "fever_mid"}),
    ("烧到39度多", {"fever", "fever_high"}),
    ("体温超过39度", {"fever", "fever_high"}),
    ("三十九度五", {"fever", "fever_high"}),
    ("体温37.5℃", {"fever", "fever_low"}),
    ("38.0°C", {"fever", "fever_low"}),
    ("102F", {"fever", "fever_mid"}),  # 38.9 ℃
    ("temp 103.5 °F", {"fever", "fever_high"}),  # 39.7 ℃
    ("a fever of 40", {"fever", "fever_high"}),
    ("Temp 38.4, threw up twice", {"fever", "fever_mid", "vomiting"}),
    ("好像38度", {"?fever", "?fever_low"}),
    ("体温39度三天了", {"fever", "fever_mid", "fever_3_7"}),
    ("昨天39度，今天不烧了", {"-fever"}),
    ("体温36.8，精神好", set()),
    ("发烧不到38度", {"fever"}),
    ("发烧12天", {"fever", "fever_ge7"}),
    ("fever for 10 days", {"fever", "fever_ge7"}),
    ("It's 38 degrees out", set()),
    ("天气预报说明天39度", set()),
    ("今天三十七八度还在干活", set()),
    ("量血压160/110", set()),
    ("I'm 58 F", set()),
])
def test_temperatures(lexicon: Lexicon, text: str, expected: set[str]) -> None:
    assert found(parse_text(text, lexicon)) == expected


@pytest.mark.parametrize(("text", "age", "sex", "subject"), [
    ("我妈65岁，胸口疼", 65, "female", "other"),
    ("3个月大的宝宝发烧", 0.25, None, "child"),
    ("两岁半的女儿咳嗽", 2.5, "female", "child"),
    ("宝宝一岁三个月，发烧", 1.25, None, "child"),
    ("儿子发烧", None, "male", "child"),
    ("我老公胸痛一个小时，出冷汗", None, "male", "other"),
    ("我是女的，30岁，头痛", 30, "female", "self"),
    ("男，六十五岁，胸痛", 65, "male", "self"),
    ("老人头晕", None, None, "other"),
    ("我妈说我发烧了", None, None, "self"),
    ("I'm a 45 year old man, chest pain", 45, "male", "self"),
    ("a 45-year-old woman with a headache", 45, "female", "self"),
    ("my 6 month old has a fever", 0.5, None, "child"),
    ("I'm 30 and have a headache", 30, None, "self"),
    ("my son has a fever", None, "male", "child"),
    ("My mother, aged 70, has chest pain", 70, "female", "other"),
    ("He is 3, fever for 2 days", 3, "male", "child"),
    ("She's 80 and has a fever", 80, "female", "other"),
    ("3岁，发烧", 3, None, "child"),
    # a person word and a bare number, clinical shorthand
    ("my husband 67 his face is drooping", 67, "male", "other"),
    ("Grandma (80) is dizzy", 80, "female", "other"),
    ("my son (9) has a fever", 9, "male", "child"),
    ("Mum is 81 and dizzy", 81, "female", "other"),
    ("My husband (63, high blood pressure) has chest pain", 63, "male", "other"),
    ("my husband 2 days ago had chest pain", None, "male", "other"),
    ("俺家老头子76了，头晕", 76, "male", "other"),
    ("我爸65，胸口疼", 65, "male", "other"),
    ("67yo man with chest pain", 67, "male", "self"),
    ("67 y/o, chest pain", 67, None, "self"),
    ("51 M, chest pain", 51, "male", "self"),
    ("23M, pain in the chest", 23, "male", "self"),
    ("I'm 58 F, my left arm is numb", 58, "female", "self"),
    ("headache since Monday. 42 F", 42, "female", "self"),
    ("chest pain for 30 m", None, None, "self"),  # lower case: no shorthand
    ("102F since last night", None, None, "self"),  # a temperature
])
def test_age_sex_subject(lexicon: Lexicon, text: str, age: float | None, sex: str | None, subject: str) -> None:
    result = parse_text(text, lexicon)
    assert (result.age_years, result.sex, result.subject) == (age, sex, subject)


@pytest.mark.parametrize(("text", "language"), [
    ("孩子发烧两天", "zh"), ("I have a fever", "en"), ("我有fever", "zh"), ("I have 发烧 and a cough", "en"),
    ("🤒🤒", "zh"),
])
def test_language(lexicon: Lexicon, text: str, language: str) -> None:
    assert parse_text(text, lexicon).language == language


def test_spans_point_into_the_input(lexicon: Lexicon) -> None:
    text = "孩子发烧两天，有点咳嗽，没有拉肚子"
    result = parse_text(text, lexicon)
    spans = {m.evidence_id: (m.start, m.end, m.text) for m in result.mentions}
    assert spans == {"fever": (2, 4, "发烧"), "fever_lt3": (4, 6, "两天"), "cough": (9, 11, "咳嗽"),
                     "diarrhea": (14, 17, "拉肚子")}
    assert [m.start for m in result.mentions] == sorted(m.start for m in result.mentions)


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "\u3000", "\u200b\ufeff"])
def test_blank_text_is_invalid(lexicon: Lexicon, text: str) -> None:
    with pytest.raises(InvalidInput) as err:
        parse_text(text, lexicon)
    assert err.value.zh != err.value.message


def test_too_long_text_is_invalid(lexicon: Lexicon) -> None:
    assert parse_text("发" * 4000, lexicon).mentions == ()
    with pytest.raises(InvalidInput, match="4001.*4000"):
        parse_text("发" * 4001, lexicon)
    with pytest.raises(InvalidInput, match="11.*10"):
        parse_text("孩子发烧两天，有点咳嗽", lexicon, max_chars=10)


@pytest.mark.parametrize("text", [
    "\ud800发烧", "发烧 🤒🤒🤒 👨‍👩‍👧", "ﬁ ﬂ ㎏ Ⅻ ① e\u0301 İ", "١٢٣ days of fever", "\x00\x01咳嗽", "ｆｅｖｅｒ３天",
    "。。。，，，", "no" * 50, "不" * 100, "岁岁岁", "999999999999岁", "发烧" + "\u0301" * 10, "1" * 4000,
    "一" * 4000, "三天" * 2000, "no fever, " * 400,
])
def test_odd_input_does_not_crash(lexicon: Lexicon, text: str) -> None:
    result = parse_text(text, lexicon)
    for m in result.mentions:
        assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text


def test_lexicon_reports_ambiguous_terms_and_keeps_options_out(lexicon: Lexicon) -> None:
    assert "bung up" in lexicon.ambiguous
    assert "低热" not in lexicon.zh_terms  # an option of a severity group: only reached through its parent
    assert lexicon.zh_terms["右下腹疼"] == "abdominal_pain_rlq"
    assert lexicon.stems["咳"] == "cough" and "痒" not in lexicon.stems  # no itching evidence in the pack


def test_building_a_lexicon_is_quiet_and_leaves_jieba_alone(capfd: pytest.CaptureFixture[str]) -> None:
    import jieba

    level = logging.getLogger("jieba").level
    Lexicon.from_pack(PACK)
    assert "prefix dict" not in capfd.readouterr().err
    assert logging.getLogger("jieba").level == level
    assert "咳个不停" not in jieba.dt.FREQ  # the global tokenizer did not get our words


# ---------------------------------------------------------------- the shipped pack (core ids only)
@pytest.fixture(scope="module")
def real_lexicon() -> Lexicon:
    return Lexicon.from_pack(load_pack())


@pytest.mark.parametrize(("text", "expected"), [
    ("孩子发烧两天，有点咳嗽，没有拉肚子", {"fever": "present", "cough": "present", "diarrhea": "absent"}),
    ("no chest pain, headache or vomiting", {"chest_pain": "absent", "headache": "absent", "vomiting": "absent"}),
    ("头痛，吐了两次，不发烧", {"headache": "present", "vomiting": "present", "fever": "absent"}),
    ("I have a fever and a headache, no diarrhea", {"fever": "present", "headache": "present",
                                                     "diarrhea": "absent"}),
    # 抽筋 is a night cramp in the legs, but a convulsion in a feverish child
    ("我妈70岁，晚上脚抽筋了", {"leg_cramp": "present", "seizure": None}),
    ("孩子发烧抽筋了", {"fever": "present", "seizure": "present", "leg_cramp": None}),
])
def test_real_pack_core_evidence(real_lexicon: Lexicon, text: str, expected: dict[str, str | None]) -> None:
    choices = {m.evidence_id: m.choice for m in parse_text(text, real_lexicon).mentions}
    assert {k: choices.get(k) for k in expected} == expected


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("我吃了二十多片安眠药", 20),
        ("刚吃了30片", 30),
        ("I took about 30 paracetamol an hour ago", 30),
        ("she swallowed 15 of her sleeping pills", 15),
        ("孩子吃了2片维生素", None),  # under the threshold
        ("吃了10片面包", None),  # not a medicine
        ("我今天吃了30粒花生", None),
        ("ate 12 cookies", None),
    ],
)
def test_tablet_counts_at_or_over_the_threshold_read_as_an_overdose(text: str, count: float | None) -> None:
    from ankang.engines.interview.lexicon import normalize
    from ankang.engines.interview.numbers import find_tablet_counts

    found = [n for _, _, n in find_tablet_counts(normalize(text))]
    assert found == ([] if count is None else [count])
