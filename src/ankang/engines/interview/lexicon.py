"""The free-text parser's words: evidence terms of a pack, a private jieba segmenter, cue tables.

`Lexicon.from_pack(pack)` takes about a second (jieba loads its dictionary); build it once per pack
and reuse it, it is read-only afterwards. `ankang.engines.interview.parse.parse_text` does the work.

Terms are every evidence's name and synonyms in both languages, except the options of duration and
severity groups (those come from "三天", "severe" next to their parent). A term owned by two evidences
is dropped and listed in `Lexicon.ambiguous`, unless it is the name of exactly one of them. English
terms are compared as stemmed words, with "cannot" / "can not" / "unable to" folded to "can't".
The lexicon also indexes the terms for the loose matching of `matching.py`.
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


def en_stems(norm: str) -> list[tuple[str, str, int, int]]:
    """(word, stem, start, end) of the ASCII words, folded: "can not", "cannot", "unable to" → can't."""
    words, out, i = en_words(norm), [], 0
    while i < len(words):
        word, start, end = words[i]
        pair = (word, words[i + 1][0]) if i + 1 < len(words) else None
        if pair in EN_FOLD_PAIRS and norm[end:words[i + 1][1]].isspace():
            out.append((EN_FOLD_PAIRS[pair], EN_FOLD_PAIRS[pair], start, words[i + 1][2]))
            i += 2
            continue
        word = EN_FOLD.get(word, word)
        out.append((word, stem(word), start, end))
        i += 1
    return out


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

# ---------------------------------------------------------------- loose matching (see matching.py)
ZH_GAP_MAX = 3  # most characters (reduplications folded) between the characters of a Chinese term
ZH_SITE_GAP_MAX = 8  # most characters between a pain site and its 疼 / 痛 (胸口从早上开始一直疼)
ZH_LOOSE_LENGTHS = range(2, 7)  # Chinese terms matched with gaps: 2 to 6 characters
ZH_TAIL = frozenset("了的得着过到")  # may follow the last character inside its jieba word: 歪到, 疼得
PAIN_CHARS = "疼痛"
# a pain word before its site: 疼到右下腹, 痛在胸口, 一直窜到后背
PAIN_TO = re.compile(r"(?:得|的)?(?:一直|都|也|还|又|就)?(?:转移|转|跑|窜|移|扩散|蔓延|放射|传)?(?:到了|到|在|至)")
# A term inside a longer jieba word (an idiom) counts when the rest of the word is about the body too:
# 头晕眼花, 口干舌燥, 腰酸背痛, 上吐下泻 (a verb stem needs another symptom word), not 回天乏力, 心慌意乱, 眼花缭乱.
BODY_CHARS = frozenset("头脑眼目耳鼻口嘴唇舌牙齿喉咽颈脖肩臂手指腕胸心肺肝胆脾胃肠腹肚腰背臀腿膝脚足趾皮肤肌骨血尿便面脸额")
SYMPTOM_CHARS = frozenset("痛疼酸胀麻痒晕昏吐呕泻咳喘烧热烫肿")
# Words that may stand between the words of an English term: "face is drooping", "slurring his words".
EN_GAP_FILLERS = frozenset(_split("a an the is are was were been be am has have had his her their my your its it he she "
                                  "they i i'm i've we're they're you're me him them our we this that very really so "
                                  "kind of"))
EN_GAP_MAX = 2  # most filler words between two words of an English term
# Spellings folded to one before English terms are compared: "cannot breathe", "unable to breathe" = "can't breathe".
EN_FOLD = {"cannot": "can't", "cant": "can't", "couldn't": "can't", "couldnt": "can't", "wont": "won't",
           "dont": "don't", "doesn't": "don't", "doesnt": "don't", "didn't": "don't", "didnt": "don't"}
EN_FOLD_PAIRS = {("can", "not"): "can't", ("could", "not"): "can't", ("unable", "to"): "can't",
                 ("will", "not"): "won't", ("do", "not"): "don't", ("does", "not"): "don't", ("did", "not"): "don't"}


# ---------------------------------------------------------------- people
Sex = Literal["female", "male"] | None
Subject = Literal["self", "child", "other"]
_PEOPLE_WORDS: tuple[tuple[Subject, Sex, str], ...] = (
    ("child", None, "孩子 小孩 小孩子 宝宝 宝贝 婴儿 新生儿 儿童 小朋友 娃 娃娃 幼儿 baby babies infant newborn toddler "
                    "child children kid kids"),
    ("child", "male", "儿子 男孩 男孩子 男宝 男宝宝 小男孩 孙子 外孙 son boy grandson"),
    ("child", "female", "女儿 闺女 女孩 女孩子 女宝 女宝宝 小女孩 小姑娘 孙女 外孙女 daughter girl granddaughter"),
    ("other", None, "老人 老人家 家人 朋友 同事 friend partner parent"),
    ("other", "male", "爸 爸爸 老爸 父亲 爹 老公 丈夫 爷爷 外公 姥爷 公公 岳父 大爷 老爷子 老头 老头子 哥哥 弟弟 哥 弟 叔叔 舅舅 "
                      "男朋友 他 father dad husband grandfather grandpa grandad granddad brother uncle boyfriend he him his"),
    ("other", "female", "妈 妈妈 老妈 母亲 娘 老婆 妻子 媳妇 太太 奶奶 外婆 姥姥 婆婆 岳母 老太太 大妈 姐姐 妹妹 姐 妹 阿姨 "
                        "女朋友 她 mother mom mum wife grandmother grandma granny nan nana sister aunt girlfriend she her"),
    ("self", None, "我 俺 本人 i i'm im me my"),
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
    # loose matching (matching.py): each proper prefix -> (term with 痛 as 疼, its characters, evidence id)
    zh_loose: Mapping[str, tuple[tuple[str, frozenset[str], str], ...]] = field(default_factory=dict, repr=False)
    pain_sites: Mapping[str, str] = field(default_factory=dict, repr=False)  # 右下腹 (of 右下腹痛) -> evidence id
    # first stem -> (stems of the words that are not EN_GAP_FILLERS, evidence id), for terms of 2 or more such words
    en_phrases: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]] = field(default_factory=dict, repr=False)
    en_prefixes: frozenset[tuple[str, ...]] = field(default=frozenset(), repr=False)  # of the English terms
    evidence_ids: frozenset[str] = field(default=frozenset(), repr=False)  # every evidence of the pack

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
            evidence_ids=frozenset(pack.evidences),
            **_loose_indexes(zh_terms, en_terms),
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
        words = tuple(st for _, st, _, _ in en_stems(term))
        if "-" in term and len(words) > 1:  # light-headed is also lightheaded
            _add_term(zh, en, "".join(w for w, _, _ in en_words(term)), evidence_id, priority)
        if words and (len(words) > 1 or len(words[0]) >= 3):
            owners = en.setdefault(words, {})
    if owners is not None:
        owners[evidence_id] = min(priority, owners.get(evidence_id, priority))


def _loose_indexes(zh_terms: Mapping[str, str], en_terms: Mapping[tuple[str, ...], str]) -> dict[str, Any]:
    """The tables of matching.py: Chinese terms by prefix, pain sites, English terms by content words."""
    canonical: dict[str, set[str]] = {}
    sites: dict[str, set[str]] = {}
    for term, eid in zh_terms.items():
        if len(term) in ZH_LOOSE_LENGTHS:
            canonical.setdefault(term.replace("痛", "疼"), set()).add(eid)
        site = re.sub(r"(?:疼痛|[疼痛])$", "", term)
        if len(site) >= 2 and site != term:
            sites.setdefault(site, set()).add(eid)
    zh_loose: dict[str, list[tuple[str, frozenset[str], str]]] = {}
    for term, owners in sorted(canonical.items(), key=lambda t: (-len(t[0]), t[0])):
        for k in range(1, len(term)) if len(owners) == 1 else ():
            zh_loose.setdefault(term[:k], []).append((term, frozenset(term), next(iter(owners))))
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    fillers = {stem(w) for w in EN_GAP_FILLERS} | EN_GAP_FILLERS
    for words, eid in sorted(en_terms.items(), key=lambda t: (-len(t[0]), t[0])):
        content = tuple(w for w in words if w not in fillers)
        if len(content) >= 2:
            phrases.setdefault(content[0], []).append((content, eid))
    return {
        "zh_loose": MappingProxyType({k: tuple(v) for k, v in zh_loose.items()}),
        "pain_sites": MappingProxyType({k: next(iter(v)) for k, v in sites.items() if len(v) == 1}),
        "en_phrases": MappingProxyType({k: tuple(v) for k, v in phrases.items()}),
        "en_prefixes": frozenset(words[:k] for words in en_terms for k in range(1, len(words) + 1)),
    }


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
