"""Where the terms of a lexicon are in folded text: exact, split, gapped, pain first, inside idioms, English.

Exact matches come first, longest first, on jieba token boundaries (English: whole stemmed words):
右下腹痛 beats 腹痛, 回天乏力 holds no 乏力. Split terms too: 头 + 不 + 疼 (absent), 头 + 有点 + 晕. Then loose
matches that overlap no exact one (longer term first, then fewer inserted characters or words):

- gapped Chinese: the characters of a 2–6 character term in order, reduplications folded (含含糊糊 → 含糊,
  疼疼 → 疼) and at most 3 other characters inserted (嘴突然歪 → 嘴歪, 右下腹那里疼 → 右下腹疼; 痛 and 疼 are
  one character here). The inserted characters begin on a jieba word boundary (头发歪了 holds no 头…歪) and
  hold no clause break, negation or other term; reduplications among them fold too, and up to 2 glued
  before the last character in its jieba word are free (右下腹一阵一阵地剧痛: 一阵地 is inserted, 剧 glued).
  The insertion is a gap of the hit: cues there still count (嘴好像歪了 is hedged).
- pain sites: the site of a term that ends in 痛 / 疼 and 疼 / 痛 later in the clause, at most 8 characters
  and no other body part between (胸口从早上开始一直疼); or the pain first, a word like 到 / 在, then the
  site (疼到右下腹, 痛在胸口).
- idioms: a term inside a longer jieba word whose other characters are about the body too (头晕眼花, 口干舌燥;
  a verb stem needs another symptom there: 上吐下泻), but not 回天乏力, 心慌意乱, 吞吞吐吐.
- English: the words of a term that are not fillers (a, the, is, his, …), in order, with at most 2 fillers
  between two of them ("face is drooping", "slurring his words"); "cannot", "unable to" are "can't";
  "light-headed" is also "lightheaded".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

from ankang.engines.interview import lexicon as w
from ankang.engines.interview.lexicon import Lexicon, en_stems, stem

_EN_SEPARATOR = re.compile(r"[\s\-']+")  # between the words of a loose English match: no comma, no full stop
_BREAK = re.compile("[" + re.escape("".join(sorted(w.CLAUSE_PUNCT))) + r"、\s]")  # no loose match across these
_Ranked = tuple[tuple[int, int, int], "Hit"]


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    evidence_id: str
    absent: bool = False  # negated inside the match ("头不疼", "不咳")
    infix: tuple[int, int] | None = None  # the split of a split term ("有点" in 头有点晕)
    gaps: tuple[tuple[int, int], ...] = ()  # inserted words, not part of the term (突然 in 嘴突然歪)


def find_terms(norm: str, tokens: Sequence[tuple[str, int, int]], lex: Lexicon) -> list[Hit]:
    """Terms of `lex` in normalized text cut into `tokens` (jieba), exact ones first, in no order."""
    n = len(norm)
    tok_start, tok_end = list(range(n)), list(range(1, n + 1))
    for _, s, e in tokens:
        tok_start[s:e] = [s] * (e - s)
        tok_end[s:e] = [e] * (e - s)
    starts = [s for _, s, _ in tokens]  # jieba words cover the text, in order
    bounds = [*starts, n]
    words = en_stems(norm)
    used = bytearray(n)
    exact = _choose((((h.start - h.end, 0, h.start), h) for h in (
        *_exact_zh(norm, bounds, lex), *_exact_en(norm, words, lex), *_infix(norm, set(bounds), lex))), used)
    stop = _clause_stops(norm, tokens)
    loose: list[_Ranked] = list(_gapped_en(norm, words, lex, used))
    if tokens:
        canon = norm.replace("痛", "疼")
        loose += _gapped_zh(canon, starts, lex, used, tok_start, tok_end, stop)
        loose += _pain_first(norm, canon, lex, used, tok_start, tok_end, stop)
        loose += _site_first(norm, canon, starts, lex, used, tok_start, tok_end, stop)
        loose += _idioms(norm, tokens, lex, used)
    return exact + _choose(loose, used)


def find_stems(norm: str, taken: bytes | bytearray, bounds: set[int], lex: Lexicon) -> list[Hit]:
    """One-character verbs after a negation or a degree word, or before 了 + number: 不咳, 有点喘, 烧了三天."""
    found = []
    for p, ch in enumerate(norm):
        eid = lex.stems.get(ch)
        if eid is not None and not taken[p] and p in bounds and p + 1 in bounds:
            before = norm[max(0, p - 6):p]
            after = norm[p + 1:p + 3] if ch not in w.CUE_ONLY_STEMS else ""
            if (w.STEM_NEGATED.search(before) or w.STEM_AFFIRMED.search(before)
                    or w.STEM_AFFIRMED_AFTER.match(after)):
                found.append(Hit(p, p + 1, eid, absent=w.STEM_NEGATED.search(before) is not None))
    return found


def _choose(ranked: Iterable[_Ranked], used: bytearray) -> list[Hit]:
    """The best-ranked hits that overlap neither each other nor `used` (which is updated)."""
    chosen: list[Hit] = []
    for _, h in sorted(ranked, key=lambda item: item[0]):
        if not any(used[h.start:h.end]):
            used[h.start:h.end] = b"\x01" * (h.end - h.start)
            chosen.append(h)
    return chosen


# ---------------------------------------------------------------- exact and split
def _exact_zh(norm: str, bounds: Sequence[int], lex: Lexicon) -> Iterator[Hit]:
    for k, i in enumerate(bounds):
        reach = lex.zh_reach.get(norm[i], 0) if i < len(norm) else 0
        for j in islice(bounds, k + 1, None) if reach else ():
            if j - i > reach:
                break
            if (eid := lex.zh_terms.get(norm[i:j])) is not None:
                yield Hit(i, j, eid)


def _exact_en(norm: str, words: Sequence[tuple[str, str, int, int]], lex: Lexicon) -> Iterator[Hit]:
    stems = [st for _, st, _, _ in words]
    for i, first in enumerate(words):
        for k in range(1, min(lex.en_max_words, len(words) - i) + 1):
            key = tuple(stems[i:i + k])
            if key not in lex.en_prefixes or (
                    k > 1 and not w.WORD_GAP.fullmatch(norm[words[i + k - 2][3]:words[i + k - 1][2]])):
                break
            if (eid := lex.en_terms.get(key)) is not None:
                yield Hit(first[2], words[i + k - 1][3], eid)
        after = words[i + 1] if i + 1 < len(words) else None
        if after and norm[first[3]:after[2]] == "-" and (eid := lex.en_terms.get((stem(first[0] + after[0]),))):
            yield Hit(first[2], after[3], eid)  # light-headed → lightheaded


def _infix(norm: str, bounds: set[int], lex: Lexicon) -> Iterator[Hit]:
    n = len(norm)
    for m in w.INFIX.finditer(norm):
        s, e = m.span()
        if s in bounds and e in bounds:
            for a in (a for a in range(max(0, s - 4), s) if norm[a] in lex.zh_reach):
                for b in range(e + 1, min(n, e + 4) + 1):
                    eid = lex.zh_terms.get(norm[a:s] + norm[e:b])
                    if eid is not None and a in bounds and b in bounds:
                        yield Hit(a, b, eid, absent=m.group("neg") is not None, infix=(s, e))


# ---------------------------------------------------------------- loose
def _clause_stops(norm: str, tokens: Sequence[tuple[str, int, int]]) -> list[int]:
    """For each position, the first clause break at or after it (punctuation, space, 但是 …)."""
    n = len(norm)
    breaks = sorted({m.start() for m in _BREAK.finditer(norm)} | {s for t, s, _ in tokens if t in w.ZH_CONJUNCTIONS})
    stop, start = [n] * (n + 1), 0
    for b in breaks:
        stop[start:b + 1] = [b] * (b + 1 - start)
        start = b + 1
    return stop


def _fold(text: str) -> str:
    """Reduplications folded: 一阵一阵地 → 一阵地, 慢慢 → 慢."""
    out: list[str] = []
    for ch in text:
        if not out or out[-1] != ch:
            out.append(ch)
            if len(out) >= 4 and out[-2:] == out[-4:-2]:
                del out[-2:]
    return "".join(out)


def _gapped_zh(canon: str, starts: Sequence[int], lex: Lexicon, used: bytearray, tok_start: Sequence[int],
               tok_end: Sequence[int], stop: Sequence[int]) -> Iterator[_Ranked]:
    for i in starts:
        if used[i]:
            continue
        word = canon[i:tok_end[i]]  # the term starts with this jieba word (a gap starts a word), or it is 含含糊糊
        folded = len(word) > 1 and any(a == b for a, b in zip(word, word[1:], strict=False))
        entries = lex.zh_loose.get(word[0] if folded else word)
        if not entries:
            continue
        window = set(canon[i:min(stop[i], i + 16)])
        for term, chars, eid in entries:
            if chars <= window and (found := _subsequence(canon, i, term, stop[i], used, tok_start, tok_end)):
                end, gaps, cost = found
                yield (-len(term), cost, i), Hit(i, end, eid, gaps=gaps)


def _subsequence(text: str, i: int, term: str, limit: int, used: bytearray, tok_start: Sequence[int],
                 tok_end: Sequence[int]) -> tuple[int, tuple[tuple[int, int], ...], int] | None:
    """(end, gaps, inserted characters) of `term` written from `i` with gaps and reduplications, else None."""
    p, last, cost, folded = i + 1, i, 0, False
    gaps: list[tuple[int, int]] = []
    for k, ch in enumerate(term[1:], 2):
        while p < limit and text[p] == text[last] != ch and not used[p]:  # 含含糊糊 (but 疼痛 is 疼疼 here)
            p, folded = p + 1, True
        if p < limit and text[p] == ch and not used[p]:
            last, p = p, p + 1
            continue
        q = text.find(ch, p, min(limit, p + 12)) if p < limit else -1
        inserted = _gap_cost(text, p, q, tok_start, used, glue=k == len(term)) if q > p else None
        if inserted is None or cost + inserted > w.ZH_GAP_MAX:
            return None
        cost += inserted
        gaps.append((p, q))
        last, p = q, q + 1
    while p < limit and text[p] == text[last] and not used[p]:
        p, folded = p + 1, True
    if not gaps and not folded:
        return None  # written as is: not a loose match
    if tok_end[last] > p and (tok_end[last] - p > 1 or text[p] not in w.ZH_TAIL):
        return None  # the last character starts a longer word (歪曲)
    return p, tuple(gaps), cost


def _gap_cost(text: str, p: int, q: int, tok_start: Sequence[int], used: bytearray, *, glue: bool) -> int | None:
    """How many characters text[p:q] inserts (reduplications folded), or None when it may not be inserted:
    it starts a jieba word and holds no term or negation. With `glue`, up to 2 characters before q in its
    word are free unless they name a body part (剧 of 剧痛 is free, 胃 of 胃痛 is not)."""
    if tok_start[p] != p or any(used[p:q + 1]) or w.NEGATION.search(text, p, q):
        return None
    word = tok_start[q]
    free = glue and p < word < q <= word + 2 and not any(c in w.BODY_CHARS for c in text[word:q])
    return len(_fold(text[p:word if free else q]))


def _site_first(norm: str, canon: str, starts: Sequence[int], lex: Lexicon, used: bytearray,
                tok_start: Sequence[int], tok_end: Sequence[int], stop: Sequence[int]) -> Iterator[_Ranked]:
    """右下腹从昨天开始疼: the site of a term ending in 痛 / 疼, then 疼 or 痛 later in the clause, with no
    other body part between."""
    for j in starts:
        longest = min(6, stop[j] - j, lex.zh_reach.get(norm[j], 0) - 1)  # a site is a term less its 疼
        for length in range(longest, 1, -1) if not used[j] else ():
            site_end = j + length
            eid = lex.pain_sites.get(norm[j:site_end])
            if eid is None or tok_end[site_end - 1] != site_end or any(used[j:site_end]):
                continue
            q = canon.find("疼", site_end, min(stop[j], site_end + 12))
            end = q + 2 if q >= 0 and canon[q + 1:q + 2] == "疼" else q + 1  # 疼痛
            if q < 0 or used[q] or (tok_end[end - 1] > end and (tok_end[end - 1] > end + 1 or canon[end] not in w.ZH_TAIL)):
                break
            inserted = _gap_cost(canon, site_end, q, tok_start, used, glue=True) if q > site_end else 0
            other_site = any(c in w.BODY_CHARS for c in canon[site_end:q])  # 肚子饿了走路腿都疼
            if inserted is not None and inserted <= w.ZH_SITE_GAP_MAX and not other_site:
                yield (-length - 1, inserted, j), Hit(j, end, eid, gaps=((site_end, q),) if q > site_end else ())
            break


def _pain_first(norm: str, canon: str, lex: Lexicon, used: bytearray, tok_start: Sequence[int],
                tok_end: Sequence[int], stop: Sequence[int]) -> Iterator[_Ranked]:
    for p, ch in enumerate(canon):
        m = w.PAIN_TO.match(norm, p + 1) if ch == "疼" else None
        j = m.end() if m else 0
        if m is None or j >= len(norm) or tok_start[j] != j or stop[p] < j or any(used[p + 1:j]):
            continue
        for length in range(min(6, stop[j] - j), 1, -1):
            eid = lex.pain_sites.get(norm[j:j + length])
            if eid is not None and tok_end[j + length - 1] == j + length and not any(used[j:j + length]):
                start = p + 1 if used[p] else p
                yield (-length - 1, j - p - 1, p), Hit(start, j + length, eid, gaps=((p + 1, j),))
                break


def _idioms(norm: str, tokens: Sequence[tuple[str, int, int]], lex: Lexicon, used: bytearray) -> Iterator[_Ranked]:
    for tok, s, e in tokens:
        if (e - s < 3 or tok in lex.zh_terms or any(used[s:e]) or len(set(tok)) <= len(tok) // 2
                or w.NEGATION.search(tok)):
            continue
        for a in range(s, e - 1):
            for b in range(e, a + 1, -1):
                if (eid := lex.zh_terms.get(norm[a:b])) is not None and any(
                        c in w.BODY_CHARS or c in w.SYMPTOM_CHARS for c in norm[s:a] + norm[b:e]):
                    yield (a - b, 0, a), Hit(a, b, eid)
        for p in range(s, e):
            eid = lex.stems.get(norm[p])
            if eid is not None and any(c in w.SYMPTOM_CHARS for c in tok.replace(norm[p], "")):
                yield (-1, 0, p), Hit(p, p + 1, eid)


def _gapped_en(norm: str, words: Sequence[tuple[str, str, int, int]], lex: Lexicon,
               used: bytearray) -> Iterator[_Ranked]:
    def joined(j: int) -> bool:
        return _EN_SEPARATOR.fullmatch(norm[words[j - 1][3]:words[j][2]]) is not None

    for i, (_, first, start, _) in enumerate(words):
        for content, eid in lex.en_phrases.get(first, ()) if not used[start] else ():
            j, skipped, gaps = i, 0, []
            for c in content[1:]:
                j, run = j + 1, j + 1
                while (j < len(words) and words[j][1] != c and words[j][0].removesuffix("'s") in w.EN_GAP_FILLERS
                       and j - run < w.EN_GAP_MAX and joined(j)):
                    j += 1
                if j >= len(words) or words[j][1] != c or not joined(j):
                    break
                if j > run:
                    skipped += j - run
                    gaps.append((words[run][2], words[j - 1][3]))
            else:
                yield (-len(content), skipped, start), Hit(start, words[j][3], eid, gaps=tuple(gaps))
