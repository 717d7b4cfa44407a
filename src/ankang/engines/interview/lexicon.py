"""The free-text parser's words: evidence terms of a pack, a private jieba segmenter, cue tables.

`Lexicon.from_pack(pack)` takes about a second (jieba loads its dictionary); build it once per pack
and reuse it, it is read-only afterwards. `ankang.engines.interview.parse.parse_text` does the work.

Terms are every evidence's name and synonyms in both languages, except the options of duration and
severity groups (those come from "三天", "severe" next to their parent). A term owned by two evidences
is dropped and listed in `Lexicon.ambiguous`, unless it is the name of exactly one of them.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal, Protocol

from ankang.knowledge.interview.model import Pack

# Colloquial one-character verbs used without the full term ("不咳", "没吐", "有点喘"), mapped to
# evidence ids in order of preference; a stem is used only if one of its ids is in the pack.
VERB_STEMS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "咳": ("cough",), "吐": ("vomiting",), "呕": ("vomiting",), "烧": ("fever",), "烫": ("fever",),
    "喘": ("dyspnea", "wheezing"), "泻": ("diarrhea",), "晕": ("dizziness",), "痒": ("itching", "pruritus"),
    "抽": ("seizure",),
})
# jieba's dictionary glues modifiers onto some symptom words ("有点头疼", "发烧了"); the private
# segmenter forgets those words so that the term inside stays a token of its own.
_GLUE_BEFORE = ("有点", "有些", "一点", "有一点", "很", "好", "挺", "老", "还", "又", "也", "都", "就", "在", "会",
                "不", "没", "没有", "常", "总", "开始", "感觉", "觉得")
_GLUE_AFTER = ("了", "的", "得", "过", "着", "啊", "呢", "吗", "嘛", "呀")

_PAREN = re.compile(r"[(（][^)）]*[)）]")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_EN_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_FOLD = {0x3000: " ", 0x2018: "'", 0x2019: "'", 0x02BC: "'", **{c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}}
_PLAIN = re.compile(r"[\x00-\x7f\u3400-\u9fff\u3001\u3002]*")


class Segmenter(Protocol):
    """The part of `jieba.Tokenizer` the parser uses."""

    def tokenize(self, unicode_sentence: str, mode: str = ..., HMM: bool = ...) -> Iterable[tuple[str, int, int]]:
        ...


def normalize(text: str) -> str:
    """Same-length folding: full-width to ASCII, NFKC per character, lower case, curly quotes to '.

    A character whose folding would change the length is kept, so positions in the result are
    positions in `text`.
    """
    folded = text.translate(_FOLD)
    if _PLAIN.fullmatch(folded):
        return folded.lower()
    out = []
    for ch in folded:
        nf = unicodedata.normalize("NFKC", ch) if not ch.isascii() else ch
        nf = nf if len(nf) == 1 else ch
        low = nf.lower()
        out.append(low if len(low) == 1 else nf)
    return "".join(out)


def en_words(norm: str) -> list[tuple[str, int, int]]:
    """ASCII words of normalized text with spans ("can't" is one word, "light-headed" two)."""
    return [(m.group(), m.start(), m.end()) for m in _EN_WORD.finditer(norm)]


def stem(word: str) -> str:
    """A crude but consistent English stem: headaches → headach ← headache; vomited, vomiting → vomit."""
    w = word[:-2] if word.endswith("'s") else word
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed") and not w.endswith("eed"):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiou":
        w = w[:-1]
    return w


def _split(words: str) -> list[str]:
    return words.split()


def has_cjk(text: str) -> bool:
    return CJK.search(text) is not None


def alternation(zh: Iterable[str], en: Iterable[str] = ()) -> re.Pattern[str]:
    """Longest-first alternation; English alternatives match whole words only (also next to 汉字)."""
    zh_alt = "|".join(re.escape(w) for w in sorted(zh, key=len, reverse=True))
    en_alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(en, key=len, reverse=True))
    parts = [f"(?:{zh_alt})"] if zh_alt else []
    if en_alt:
        parts.append(rf"(?<![a-z0-9'])(?:{en_alt})(?![a-z0-9'])")
    return re.compile("|".join(parts))


# ---------------------------------------------------------------- cue words
# Phrases with a negative word that negate nothing ("不知道", "无明显诱因", "not getting better").
NEUTRAL = alternation(
    _split("不知道 不知 不停 不行 不好 不了 不住 不断 不舒服 不对劲 不正常 不适 没事 没办法 没想到 不明原因 无明显诱因 "
           "无明显原因 无诱因 没有诱因 没什么原因 无缘无故 不退 没退 没有退 不见好 没好 没有好 没好转 没有好转 不缓解 没缓解 "
           "没有缓解 不减轻 没减轻 没有减轻 止不住 不清楚 说不清"),
    ["don't know", "do not know", "dont know", "not know", "no idea", "no reason", "no obvious reason",
     "no obvious cause", "no better", "not better", "not getting better", "not improving", "not going away",
     "not gone", "won't go away", "doesn't go away", "won't stop", "can't stop", "didn't stop", "doesn't stop",
     "not stopping", "not only"])
HEDGE = alternation(
    _split("有点像 好像 似乎 可能 也许 或许 大概 貌似 估计 怀疑 不确定 不太确定 不敢确定 感觉像 像是 是不是 有没有"),
    ["i think", "i guess", "i believe", "i suspect", "not sure", "not certain", "unsure", "i feel like", "maybe",
     "possibly", "perhaps", "probably", "might", "may be", "seems", "seem", "seemed", "could be", "kind of",
     "sort of"])
_SEVERITY_WORDS = {
    "severe": (_split("剧烈 剧痛 非常厉害 特别厉害 很厉害 厉害 非常严重 特别严重 很严重 严重 受不了 难以忍受 忍不了 要命"),
               ["severe", "severely", "very severe", "excruciating", "unbearable", "terrible", "agonizing",
                "agonising", "intense", "worst", "really bad", "very bad", "extremely bad", "awful"]),
    "moderate": (_split("中度 中等 比较厉害 比较严重 比较明显 较重"),
                 ["moderate", "moderately", "quite bad", "fairly bad", "pretty bad"]),
    "mild": (_split("轻微 轻度 一点点 有一点 有点儿 有点 有些 稍微 稍有 略有 不太严重 不严重 不太厉害 不厉害 不重 不太重"),
             ["mild", "mildly", "slight", "slightly", "a bit", "a little bit", "a little", "minor", "not too bad",
              "not bad", "not severe", "not that bad"]),
}
SEVERITY_LEVEL = {w: level for level, (zh, en) in _SEVERITY_WORDS.items() for w in (*zh, *en)}
SEVERITY = alternation([w for zh, _ in _SEVERITY_WORDS.values() for w in zh],
                       [w for _, en in _SEVERITY_WORDS.values() for w in en])
NEGATION = re.compile(alternation(
    _split("从来没有 从来没 从没有 从没 从未 并没有 并没 并无 并不 否认 没有 没 无 不是 不太 不怎么 不 未 毫无"),
    _split("no not never neither nor without denies denied deny denying dont doesnt didnt hasnt havent hadnt isnt wasnt "
           "arent werent"),
).pattern + r"|(?<![a-z0-9'])[a-z]+n't(?![a-z0-9'])")
NOT_NEGATION = re.compile(r"can't|won't|couldn't|wouldn't|mustn't|shouldn't")
TRAILING_NEGATION = re.compile(r"[\s、]*(?:也|都|倒|并|还)?(?:没有|没|无|不)(?:了|的|呢|啊|呀)?[\s,.;!?:。]*"
                               r"|\s*[:\-]?\s*(?:no|none|denied|negative)[\s,.;!?:。]*")
BARE_NEGATION = re.compile(r"[\s,.;!?:。]*(?:no|none|nope|not really|没有|没|无|不|否)[\s,.;!?:。]*")  # "Fever? No."
# A colloquial verb stem right after a negation ("不咳", "没怎么吐") or a degree word ("有点喘").
STEM_NEGATED = re.compile(r"(?:没有|没|不|未|从没|不太|不怎么)(?:怎么|太|再|大|常|咋|怎)?$")
STEM_AFFIRMED = re.compile(r"(?:有点儿?|有些|有一点|一直|老是|总是|经常|偶尔|还在|还|又|老)$")
STEM_AFFIRMED_AFTER = re.compile(r"了(?:[0-9零一二两俩三四五六七八九十几半好]|[,.;!?:。\s]|$)")  # 烧了三天
CUE_ONLY_STEMS = frozenset("烫抽")  # 烫了一下, 抽了两根烟: these stems count only after a cue
# A split term: 头 + 不 + 疼 → 头疼 absent; 头 + 有点 + 晕 → 头晕 present.
INFIX = re.compile(r"(?:也|都|还|并|倒|又)?(?P<neg>没有|没|不太|不怎么|不是很|不)"
                   r"|(?:也|都|还|又)?(?:有点儿|有点|有些|有一点|很|好|挺|特别|非常|老是|一直|总是|也|都|又|还)")
WORD_GAP = re.compile(r"[\s\-/,']{0,3}")  # what may stand between the words of an English term
CLAUSE_PUNCT = frozenset(",.;!?:。\n\r…|")
ZH_CONJUNCTIONS = frozenset(_split("但 但是 不过 可是 然而 只是"))
EN_CONJUNCTIONS = frozenset(_split("but however although though whereas except"))
ZH_BREAKERS = frozenset(_split("有 还有 却 却有 但有 又有 还 又"))  # 没有发烧有咳嗽: 有 ends the negation
EN_BREAKER = re.compile(r"(?<![a-z])and\s+(?:i\s+)?(?:have|has|had|got|am|is|feel)(?![a-z])")
ZH_LIST_CHARS = frozenset("、和与及或跟并且也都以")
EN_LIST_WORDS = frozenset(_split("or and nor any a an the no other"))
EN_FILLERS = frozenset(
    _split("a an the any or and nor have has had having got get getting experienced experiencing feel feeling felt of "
           "signs sign history symptoms other much really at all i he she they we it been be is are was were do does "
           "did my his her their seem to with recent"))
ZH_WINDOW, EN_WINDOW = 6, 3  # most characters / words between a negation and what it negates
ZH_SEVERITY_GAP, EN_SEVERITY_GAP = 6, 3  # most characters / words between a severity word and its term

# ---------------------------------------------------------------- numbers, durations, ages
ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "仨": 3, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9, "几": 3}
EN_NUMBERS = {**{w: i + 1 for i, w in enumerate(_split("one two three four five six seven eight nine ten eleven twelve"))},
              **{w: 10 * (i + 2) for i, w in enumerate(_split("twenty thirty forty fifty sixty seventy eighty ninety"))},
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
_CHILD = "宝宝|孩子|小孩|婴儿|宝贝|儿子|女儿|闺女|娃|宝"
# (pattern, years per unit); English patterns name their unit in group u. Group n is the number.
AGES: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(rf"{_NB}(?P<n>{NUM_ZH})多?周?岁(?P<half>半)?(?:(?P<m>{NUM_ZH})个?月)?"), 1.0),
    (re.compile(rf"{_NB}(?P<n>{NUM_ZH})个?(?P<half>半)?多?月(?=大|龄|的(?:{_CHILD}))"), 1 / 12),
    (re.compile(rf"(?:{_CHILD})(?:才|刚|刚满|满)?(?P<n>{NUM_ZH})个(?P<half>半)?多?月"), 1 / 12),
    (re.compile(rf"{_NB}(?P<n>{NUM_ZH})个?(?:周|星期)(?=大|的(?:{_CHILD}))"), 7 / 365),
    (re.compile(rf"{_NB}(?P<n>{NUM_ZH})天(?=大|的(?:{_CHILD}))|(?:出生|生下来)(?P<n2>{NUM_ZH})天"), 1 / 365),
    (re.compile(rf"(?<![a-z0-9'])(?P<n>{NUM_EN})(?P<half> and a half)?[\s-]*(?P<u>year|yr|month|week|day)s?"
                r"[\s-]*old(?![a-z])"), 1.0),
    (re.compile(r"(?<![a-z0-9'])(?P<n>[0-9]{1,3})\s*(?:yo|y/o|y\.o\.|yrs?)(?![a-z])"), 1.0),
    (re.compile(r"(?<![a-z0-9'])(?:aged?|age:)\s*(?P<n>[0-9]{1,3})(?![0-9])"), 1.0),
    (re.compile(r"(?<![a-z0-9'])(?:i'm|im|i am|he is|he's|she is|she's|(?:son|daughter|baby|child|kid|boy|girl|"
                r"mother|mom|mum|father|dad|husband|wife) is)\s+(?:a\s+)?(?P<n>[0-9]{1,3})(?![0-9.])"
                r"(?!\s*(?:%|kg|lbs?|pounds|cm|weeks?|days?|months?|hours?|minutes?|times|percent|degrees?|°))"), 1.0),
)
UNIT_YEARS = {"year": 1.0, "yr": 1.0, "month": 1 / 12, "week": 7 / 365, "day": 1 / 365}


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


# ---------------------------------------------------------------- people
Sex = Literal["female", "male"] | None
Subject = Literal["self", "child", "other"]
_PEOPLE_WORDS: tuple[tuple[Subject, Sex, str], ...] = (
    ("child", None, "孩子 小孩 小孩子 宝宝 宝贝 婴儿 新生儿 儿童 小朋友 娃 娃娃 幼儿 baby babies infant newborn toddler "
                    "child children kid kids"),
    ("child", "male", "儿子 男孩 男孩子 男宝 男宝宝 小男孩 孙子 外孙 son boy grandson"),
    ("child", "female", "女儿 闺女 女孩 女孩子 女宝 女宝宝 小女孩 小姑娘 孙女 外孙女 daughter girl granddaughter"),
    ("other", None, "老人 老人家 家人 朋友 同事 friend partner parent"),
    ("other", "male", "爸 爸爸 老爸 父亲 爹 老公 丈夫 爷爷 外公 姥爷 公公 岳父 大爷 老爷子 老头 哥哥 弟弟 哥 弟 叔叔 舅舅 "
                      "男朋友 他 father dad husband grandfather grandpa brother uncle boyfriend he him his"),
    ("other", "female", "妈 妈妈 老妈 母亲 娘 老婆 妻子 媳妇 太太 奶奶 外婆 姥姥 婆婆 岳母 老太太 大妈 姐姐 妹妹 姐 妹 阿姨 "
                        "女朋友 她 mother mom mum wife grandmother grandma granny sister aunt girlfriend she her"),
    ("self", None, "我 本人 i i'm im me my"),
)
PEOPLE: Mapping[str, tuple[Subject, Sex]] = MappingProxyType(
    {w: (subject, sex) for subject, sex, words in _PEOPLE_WORDS for w in words.split()})
PRONOUNS = frozenset(_split("他 她 he him his she her"))
SEX_WORDS: Mapping[str, Sex] = MappingProxyType({
    **{w: "male" for w in _split("男 男性 男士 男的 男人 man male guy gentleman")},
    **{w: "female" for w in _split("女 女性 女士 女的 女人 孕妇 怀孕 woman female lady pregnant")},
})


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Everything the parser needs from one pack. Build with `from_pack`; read-only afterwards."""

    zh_terms: Mapping[str, str]  # normalized Chinese term -> evidence id
    en_terms: Mapping[tuple[str, ...], str]  # stemmed English words -> evidence id
    zh_reach: Mapping[str, int]  # first character of Chinese terms -> longest term starting with it
    en_max_words: int
    stems: Mapping[str, str]  # one-character verb -> evidence id (VERB_STEMS found in the pack)
    durations: Mapping[str, tuple[tuple[str, float, float | None], ...]]  # parent -> (option, min, max)
    severities: Mapping[str, Mapping[str, str]]  # parent -> level -> option
    option_group: Mapping[str, tuple[str, str]]  # option evidence id -> (its group, the group's parent)
    ambiguous: tuple[str, ...]  # terms dropped because they name several evidences
    segmenter: Segmenter = field(repr=False)

    @classmethod
    def from_pack(cls, pack: Pack) -> Lexicon:
        qualifiers = {o for g in pack.groups.values() if g.kind in ("duration", "severity") for o in g.options}
        zh: dict[str, dict[str, int]] = {}
        en: dict[tuple[str, ...], dict[str, int]] = {}
        for ev in pack.evidences.values():
            if ev.id not in qualifiers:
                for priority, raw in [(0, ev.name.zh), (0, ev.name.en),
                                      *((1, s) for s in (*ev.synonyms_zh, *ev.synonyms_en))]:
                    _add_term(zh, en, raw, ev.id, priority)
        zh_terms, zh_dropped = _resolve(zh)
        en_terms, en_dropped = _resolve(en)
        durations: dict[str, list[tuple[str, float, float | None]]] = {}
        severities: dict[str, dict[str, str]] = {}
        for g in pack.groups.values():
            for opt in g.options:
                option = pack.evidences.get(opt)
                if option is not None and g.kind == "duration" and option.range_days is not None:
                    durations.setdefault(g.parent, []).append((opt, *option.range_days))
                elif option is not None and g.kind == "severity" and option.level:
                    severities.setdefault(g.parent, {})[option.level] = opt
        reach: dict[str, int] = {}
        for term in zh_terms:
            reach[term[0]] = max(len(term), reach.get(term[0], 0))
        stems = {ch: next(i for i in ids if i in pack.evidences)
                 for ch, ids in VERB_STEMS.items() if any(i in pack.evidences for i in ids)}
        return cls(
            zh_terms=MappingProxyType(zh_terms),
            en_terms=MappingProxyType(en_terms),
            zh_reach=MappingProxyType(reach),
            en_max_words=max(map(len, en_terms), default=0),
            stems=MappingProxyType(stems),
            durations=MappingProxyType({p: tuple(v) for p, v in durations.items()}),
            severities=MappingProxyType({p: MappingProxyType(v) for p, v in severities.items()}),
            option_group=MappingProxyType({o: (g.id, g.parent) for g in pack.groups.values() for o in g.options}),
            ambiguous=tuple(sorted(zh_dropped + en_dropped)),
            segmenter=_new_segmenter(zh_terms),
        )

    def tokens(self, norm: str) -> list[tuple[str, int, int]]:
        """jieba tokens (word, start, end) of normalized text: dictionary only, no HMM guessing."""
        return list(self.segmenter.tokenize(norm, HMM=False)) if has_cjk(norm) else []


def _add_term(zh: dict[str, dict[str, int]], en: dict[tuple[str, ...], dict[str, int]],
              raw: str, evidence_id: str, priority: int) -> None:
    term = normalize(_PAREN.sub("", raw)).strip()
    owners: dict[str, int] | None = None
    if has_cjk(term):
        key = re.sub(r"\s+", "", term)
        if len(key) >= 2:
            owners = zh.setdefault(key, {})
    else:
        words = tuple(stem(w) for w, _, _ in en_words(term))
        if words and (len(words) > 1 or len(words[0]) >= 3):
            owners = en.setdefault(words, {})
    if owners is not None:
        owners[evidence_id] = min(priority, owners.get(evidence_id, priority))


def _resolve(table: Mapping[Any, dict[str, int]]) -> tuple[dict[Any, str], list[str]]:
    """One evidence per term: the only owner, or the only owner that has it as its name."""
    resolved: dict[Any, str] = {}
    dropped: list[str] = []
    for term, owners in table.items():
        best = min(owners.values())
        winners = [eid for eid, p in owners.items() if p == best]
        if len(winners) == 1:
            resolved[term] = winners[0]
        else:
            dropped.append(term if isinstance(term, str) else " ".join(term))
    return resolved, dropped


def _new_segmenter(terms: Iterable[str]) -> Segmenter:
    """A private jieba.Tokenizer that keeps every Chinese term whole; jieba's log stays quiet."""
    import jieba  # here, not at import time: it is slow and warns

    log = logging.getLogger("jieba")
    level = log.level
    log.setLevel(logging.WARNING)
    try:
        tokenizer: Any = jieba.Tokenizer()
        tokenizer.initialize()
    finally:
        log.setLevel(level)
    words = sorted(set(terms))  # sorted: add_word's suggested frequencies depend on the order
    known = set(words)
    for word in words:
        tokenizer.add_word(word)
    freq: dict[str, int] = tokenizer.FREQ
    for word in words:
        for glued in (*(p + word for p in _GLUE_BEFORE), *(word + s for s in _GLUE_AFTER)):
            if freq.get(glued) and glued not in known:
                freq[glued] = 0  # this tokenizer only: never cut the glued word out as one token
    segmenter: Segmenter = tokenizer
    return segmenter
