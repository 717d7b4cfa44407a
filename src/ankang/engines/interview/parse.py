"""Free text → interview evidence, without a model server.

    parse_text("孩子发烧两天，有点咳嗽，没有拉肚子", Lexicon.from_pack(pack))
    → fever present (+ its duration option holding 2 days), cough present, diarrhea absent; child

The text is folded (same length, so spans stay valid) and cut by the lexicon's private jieba. Terms
are found by `matching.find_terms`: exact ones longest-first on token boundaries (右下腹痛 beats 腹痛,
回天乏力 holds no 乏力), then loose ones that overlap none of them: with a few inserted words (嘴突然歪,
"face is drooping"), reduplications (含含糊糊), the pain before its site (疼到右下腹), inside idioms
(头晕眼花). Cues are looked for outside the terms and in their inserted words (neutral ones like 不知道
first, then hedges, severities, negations); clauses end at punctuation and at 但/but. For each term:

- absent: a negation earlier in its clause, a few words before at most, no 有/还 between
  ("没有发烧、咳嗽和腹泻", "no fever or cough"; after a comma an English list goes on: "denies chest
  pain, palpitations or fainting"); or the clause ends in one ("咳嗽、发烧都没有"); or it is written
  split ("头不疼" → 头疼) or as a bare verb after a negation ("不咳", "没吐").
- uncertain: its clause has a hedge (好像, maybe); the choice stays.
- a duration ("三天", "for 2 weeks", "since yesterday") adds the option of the parent's duration group
  whose [min, max) days hold it, for the present terms just before it in the clause (else just after);
  a severity word ("剧烈", "a bit") adds the option of that level in the severity group of the nearest
  present term in the clause.

A body temperature (38.5℃, 38度5, 发烧39, temp 38.4, 102F; see `numbers.find_temperatures`) of 37.3 ℃
or more adds fever present and the option of fever's severity group whose level holds it.

Duplicates: per evidence id the last mention decides the choice (so a present mention beats an absent
one only if it comes later, and the other way round); the first mention of that final run is kept,
uncertain only if all of the run were. Of one group's present options only the last is kept, and none
when the parent ends up absent. Age, sex and subject are the patient's: the person word (孩子, 我妈,
my son, she, 我) closest before the first present symptom, else the first one in the text; the age
closest to it (65岁, my husband 67, Grandma (80), 51 M); the sex of that word, else a sex word, else
clinical shorthand (51 M, 42 F).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from ankang.engines.interview import lexicon as w
from ankang.engines.interview.lexicon import Lexicon, en_words, has_cjk, normalize
from ankang.engines.interview.matching import Hit, find_stems, find_terms
from ankang.engines.interview.numbers import (
    FEVER_PARENT,
    OVERDOSE_EVIDENCE,
    fever_level,
    find_ages,
    find_durations,
    find_tablet_counts,
    find_temperatures,
    sex_and_age,
)
from ankang.errors import InvalidInput

__all__ = ["Lexicon", "Mention", "ParseResult", "parse_text"]


@dataclass(frozen=True)
class Mention:
    evidence_id: str
    choice: Literal["present", "absent"]
    start: int  # character span in the input text
    end: int
    text: str  # the matched words, as written
    uncertain: bool  # hedged: 好像, 可能, maybe, I think


@dataclass(frozen=True)
class ParseResult:
    mentions: tuple[Mention, ...]  # in text order, one per evidence id
    age_years: float | None
    sex: Literal["female", "male"] | None
    language: Literal["zh", "en"]
    subject: Literal["self", "child", "other"]


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    value: str = ""
    days: float = 0.0


def parse_text(text: str, lexicon: Lexicon, *, max_chars: int = 4000) -> ParseResult:
    """Evidence mentions, age, sex, language and subject of a complaint written in Chinese or English.

    Raises InvalidInput for blank text and for text longer than `max_chars` characters.
    """
    if not isinstance(text, str) or not text.strip():
        raise InvalidInput("text is empty (or not a string); describe the problem in a few words",
                           zh="内容为空，请用几句话描述您的不适", expression="text")
    if len(text) > max_chars:
        raise InvalidInput(f"text is {len(text)} characters long; the limit is {max_chars}",
                           zh=f"内容有 {len(text)} 个字符，超过上限 {max_chars}", expression="text")
    if all(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in text):
        raise InvalidInput("text has no visible characters", zh="内容没有可读的文字", expression="text")
    return _Parse(text, lexicon).result()


class _Parse:
    """One parse: the folded text, its tokens, terms, cues and clauses."""

    def __init__(self, text: str, lexicon: Lexicon) -> None:
        self.text, self.lex, self.norm = text, lexicon, normalize(text)
        self.n = len(self.norm)
        self.tokens = lexicon.tokens(self.norm)
        self.bounds = {s for _, s, _ in self.tokens} | {self.n}
        self.words = en_words(self.norm)
        self.taken = bytearray(self.n)
        terms = find_terms(self.norm, self.tokens, lexicon)
        for h in terms:
            self._take(self.taken, h.start, h.end)
            for s, e in h.gaps:  # inserted words are no part of the term: 好像 in 嘴好像歪了 is a hedge
                self.taken[s:e] = bytes(e - s)
        self.ages = find_ages(self.norm, text)
        self.temperatures = [_Cue(s, e, days=c) for s, e, c in find_temperatures(self.norm) if self._free(s, e)]
        self.overdoses = find_tablet_counts(self.norm)
        for q in self.temperatures:
            self._take(self.taken, q.start, q.end)
        self.neutral = self._cues(w.NEUTRAL)
        self.hedges = self._cues(w.HEDGE)
        self.severities = self._cues(w.SEVERITY)
        self.negations = [q for q in self._cues(w.NEGATION) if not w.NOT_NEGATION.fullmatch(q.value)]
        self.durations = [_Cue(s, e, days=d) for s, e, d in find_durations(self.norm) if self._free(s, e)]
        self.hits = sorted(terms + find_stems(self.norm, self.taken, self.bounds, lexicon), key=lambda h: h.start)
        self.in_hit = bytearray(self.n)
        for h in self.hits:
            self._take(self.in_hit, h.start, h.end)
        self.covered = bytes(a | b for a, b in zip(self.in_hit, self.taken, strict=True))
        self.cuts, self.after_comma = self._clauses()
        self.clause_of = [self._clause(h.start) for h in self.hits]
        self.breakers = [s for t, s, _ in self.tokens if t in w.ZH_BREAKERS]
        self.breakers += [m.start() for m in w.EN_BREAKER.finditer(self.norm)]
        self.other_cues = [*self.neutral, *self.hedges, *self.severities, *self.durations]
        self.negation_ends = [q.end for q in self.negations]
        self.clause_end: dict[int, int] = {}  # clause -> end of its last term
        for h, index in zip(self.hits, self.clause_of, strict=True):
            self.clause_end[index] = max(h.end, self.clause_end.get(index, 0))
        self.scope_start = self._scopes()

    # ------------------------------------------------------------------ finding
    @staticmethod
    def _take(mask: bytearray, start: int, end: int) -> None:
        mask[start:end] = b"\x01" * (end - start)

    def _aligned(self, start: int, end: int) -> bool:
        return start in self.bounds and end in self.bounds

    def _free(self, start: int, end: int) -> bool:
        return (not any(self.taken[start:end]) and not any(s < end and start < e for s, e, _ in self.ages)
                and (not has_cjk(self.norm[start]) or start in self.bounds))

    def _cues(self, pattern: re.Pattern[str]) -> list[_Cue]:
        found = []
        for m in pattern.finditer(self.norm):
            s, e = m.span()
            if not any(self.taken[s:e]) and (not has_cjk(self.norm[s]) or self._aligned(s, e)):
                found.append(_Cue(s, e, re.sub(r"\s+", " ", m.group())))
                self._take(self.taken, s, e)
        return found

    def _clauses(self) -> tuple[list[int], set[int]]:
        """Clause starts, sorted, and those that follow an ASCII comma of the original text."""
        cuts, after_comma, norm = set(), set(), self.norm
        for i, ch in enumerate(norm):
            if ch in w.CLAUSE_PUNCT and not (ch == "." and 0 < i < self.n - 1
                                             and norm[i - 1].isdigit() and norm[i + 1].isdigit()):
                cuts.add(i + 1)
                if self.text[i] == ",":
                    after_comma.add(i + 1)
        cuts.update(s for t, s, _ in self.tokens if t in w.ZH_CONJUNCTIONS)
        cuts.update(s for t, s, _ in self.words if t in w.EN_CONJUNCTIONS)
        return sorted(cuts), after_comma

    # ------------------------------------------------------------------ deciding
    def _clause(self, pos: int) -> int:
        return bisect_right(self.cuts, pos)

    def _span(self, index: int) -> tuple[int, int]:
        return (self.cuts[index - 1] if index > 0 else 0), (self.cuts[index] if index < len(self.cuts) else self.n)

    def _gap_text(self, start: int, end: int, mask: bytes | bytearray) -> str:
        return "".join(" " if mask[i] else self.norm[i] for i in range(start, end))

    def _scopes(self) -> list[int]:
        """Per clause, where a negation of its terms may start: the clause start, or further back when it
        goes on an English list after a comma (", cough or vomiting", ", chills": no cue, at most one
        word that is not a term) that began in a clause with a term ("denies fever, chills, or ...")."""
        starts: list[int] = []
        listed = False
        for index in range(len(self.cuts) + 1):
            start, end = self._span(index)
            rest = self._gap_text(start, end, self.in_hit)
            listed = ((listed or index - 1 in self.clause_end) and start in self.after_comma
                      and not has_cjk(rest) and not any(start <= q.start < end for q in self.other_cues)
                      and sum(t not in w.EN_LIST_WORDS for t, _, _ in en_words(rest)) <= 1)
            starts.append(starts[-1] if listed else start)
        return starts

    def _negated(self, k: int) -> bool:
        hit, index = self.hits[k], self.clause_of[k]
        if hit.absent:
            return True
        if w.NEGATION.match(self.norm, hit.start):
            return False  # the term carries its own negation: 没力气, not eating
        cue_at = bisect_right(self.negation_ends, hit.start) - 1
        cue = self.negations[cue_at] if cue_at >= 0 else None
        if (cue is not None and cue.start >= self.scope_start[index]
                and not any(cue.end <= b < hit.start for b in self.breakers)):
            gap = self._gap_text(cue.end, hit.start, self.covered)
            zh_chars = sum(1 for ch in gap if has_cjk(ch) and ch not in w.ZH_LIST_CHARS)
            en_count = sum(1 for t, _, _ in en_words(gap) if t not in w.EN_FILLERS)
            if zh_chars <= w.ZH_WINDOW and en_count <= w.EN_WINDOW:
                return True
        end = self._span(index)[1]  # a trailing "都没有", or a next clause that is only "no" / "没有"
        if w.TRAILING_NEGATION.fullmatch(self.norm[self.clause_end[index]:end]):
            return True
        if index == len(self.cuts):
            return False
        following = self._span(index + 1)
        return w.BARE_NEGATION.fullmatch(self.norm[following[0]:following[1]]) is not None

    def result(self) -> ParseResult:
        mentions: list[Mention] = []
        present: list[tuple[Hit, bool]] = []
        hedged = {self._clause(q.start) for q in self.hedges}
        for k, h in enumerate(self.hits):
            absent, uncertain = self._negated(k), self.clause_of[k] in hedged
            mentions.append(self._mention(h.evidence_id, absent, h.start, h.end, uncertain))
            if not absent:
                present.append((h, uncertain))
        options = self.lex.severities.get(FEVER_PARENT, {})
        for q in self.temperatures:  # 38.5℃: fever, and the option of the fever height group that holds it
            level, uncertain = fever_level(q.days), self._clause(q.start) in hedged
            if level is not None and options:
                mentions.append(self._mention(FEVER_PARENT, False, q.start, q.end, uncertain))
                present.append((Hit(q.start, q.end, FEVER_PARENT), uncertain))
                if level in options:
                    mentions.append(self._mention(options[level], False, q.start, q.end, uncertain))
        if self.overdoses and OVERDOSE_EVIDENCE in self.lex.evidence_ids:
            start, end, _ = self.overdoses[0]  # 吃了30片, took 24 paracetamol: never negated away
            mentions.append(self._mention(OVERDOSE_EVIDENCE, False, start, end, False))
        present.sort(key=lambda item: item[0].start)
        mentions += self._qualifiers(present)
        subject, sex, age = demographics(self.tokens, self.words, self.ages, self.norm,
                                         min((h.start for h, _ in present), default=self.n))
        if sex is None and (marks := sex_and_age(self.norm, self.text)):
            sex = marks[0][3]  # 51 M, 42 F
        cjk = len(w.CJK.findall(self.norm))
        latin = sum(1 for t, _, _ in self.words for ch in t if ch.isalpha())
        return ParseResult(_dedupe(mentions, self.lex), age, sex, "en" if latin > 4 * cjk else "zh", subject)

    def _mention(self, eid: str, absent: bool, start: int, end: int, uncertain: bool) -> Mention:
        return Mention(eid, "absent" if absent else "present", start, end, self.text[start:end], uncertain)

    def _qualifiers(self, present: Sequence[tuple[Hit, bool]]) -> Iterator[Mention]:
        for k, cue in enumerate(self.durations):
            index = self._clause(cue.start)
            lo = max(self._span(index)[0], self.durations[k - 1].end if k else 0)
            hi = min(self._span(index)[1], self.durations[k + 1].start if k + 1 < len(self.durations) else self.n)
            targets = ([t for t in present  # before it, or around it: 肚子从昨天开始疼
                        if lo <= t[0].start <= cue.start and (t[0].end <= cue.start or cue.end <= t[0].end)]
                       or [t for t in present if cue.end <= t[0].start and t[0].end <= hi])
            for h, uncertain in targets:
                for opt, low, high in self.lex.durations.get(h.evidence_id, ()):
                    if low <= cue.days and (high is None or cue.days < high):
                        yield self._mention(opt, False, cue.start, cue.end, uncertain)
        infixes = [_Cue(*h.infix, value=self.norm[h.infix[0]:h.infix[1]]) for h, _ in present if h.infix]
        for cue in (*self.severities, *infixes):
            level = w.SEVERITY_LEVEL.get(re.sub(r"^[也都还又]", "", cue.value))
            target = self._nearest(cue, present)
            option = self.lex.severities.get(target[0].evidence_id, {}).get(level or "") if target else None
            if target is not None and option is not None:
                yield self._mention(option, False, cue.start, cue.end, target[1])

    def _nearest(self, cue: _Cue, present: Sequence[tuple[Hit, bool]]) -> tuple[Hit, bool] | None:
        index, best, best_gap = self._clause(cue.start), None, self.n + 1
        for item in present:
            h = item[0]
            if h.infix == (cue.start, cue.end) or h.start <= cue.start < cue.end <= h.end:
                return item  # 头有点晕, or a severity among the inserted words: 头剧烈地疼
            start, end = (cue.end, h.start) if cue.end <= h.start else (h.end, cue.start)
            if self._clause(h.start) != index or start > end:
                continue
            gap = self.norm[start:end]
            close = (len(gap.strip()) <= w.ZH_SEVERITY_GAP if has_cjk(gap)
                     else len(en_words(gap)) <= w.EN_SEVERITY_GAP)
            if close and (end - start < best_gap or (end - start == best_gap and h.start > cue.start)):
                best, best_gap = item, end - start
        return best


def demographics(
    tokens: Sequence[tuple[str, int, int]], words: Sequence[tuple[str, int, int]],
    ages: Sequence[tuple[int, int, float]], norm: str, first_symptom: int,
) -> tuple[w.Subject, w.Sex, float | None]:
    """Subject, sex and age of the patient: the person word closest before the first symptom."""
    words = [(t.removesuffix("'s"), s, e) for t, s, e in words]  # she's, he's
    people = sorted((s, t) for t, s, _ in (*tokens, *words) if t in w.PEOPLE)
    people += [(s, "baby") for s, _, years in ages if years < 13 and re.search(r"(?:my|our)\s+$", norm[:s])]
    people.sort()
    before = [p for p in people if p[0] < first_symptom]
    chosen = before[-1] if before else (people[0] if people else None)
    subject, sex = w.PEOPLE[chosen[1]] if chosen else ("self", None)
    if sex is None:
        after = chosen[0] if chosen and subject != "self" else 0
        sex = next((w.SEX_WORDS[t] for t, s, _ in sorted((*tokens, *words), key=lambda x: x[1])
                    if t in w.SEX_WORDS and s >= after), None)
    anchor = chosen[0] if chosen else first_symptom
    age = min(ages, key=lambda a: (abs(a[0] - anchor), a[0] < anchor))[2] if ages else None
    if age is not None and age < 13 and (chosen is None or chosen[1] in w.PRONOUNS):
        subject = "child"
    return subject, sex, age


def _dedupe(mentions: Sequence[Mention], lexicon: Lexicon) -> tuple[Mention, ...]:
    by_id: dict[str, list[Mention]] = {}
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        by_id.setdefault(m.evidence_id, []).append(m)
    kept: list[Mention] = []
    for group in by_id.values():
        flips = [i for i, m in enumerate(group) if m.choice != group[-1].choice]
        run = group[flips[-1] + 1:] if flips else group
        uncertain = all(m.uncertain for m in run)
        kept.append(run[0] if run[0].uncertain == uncertain else replace(run[0], uncertain=uncertain))
    absent = {m.evidence_id for m in kept if m.choice == "absent"}
    last_option = {lexicon.option_group[m.evidence_id][0]: m for m in sorted(kept, key=lambda m: m.start)
                   if m.choice == "present" and m.evidence_id in lexicon.option_group}

    def keep(m: Mention) -> bool:
        if m.choice == "absent" or m.evidence_id not in lexicon.option_group:
            return True
        group, parent = lexicon.option_group[m.evidence_id]
        return parent not in absent and last_option[group] is m

    return tuple(sorted(filter(keep, kept), key=lambda m: (m.start, m.end, m.evidence_id)))
