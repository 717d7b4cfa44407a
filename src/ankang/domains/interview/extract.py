"""Free text → evidence. The lexicon parser is the default; a language model can add to it.

The LLM extractor asks the model for evidence ids from the pack's own vocabulary, keeps only
known ids, and never overrides what the lexicon found; if the model fails, the lexicon result
stands. Emergency screening therefore never depends on the model.
"""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from typing import Protocol

from ankang.engines.interview.parse import Lexicon, Mention, ParseResult, parse_text
from ankang.errors import UpstreamError
from ankang.knowledge.interview.model import Pack
from ankang.ports.llm import ChatModel

log = logging.getLogger("ankang.interview")

_SYSTEM = (
    "You extract symptoms from a patient's message for a triage system. Reply with JSON only: "
    '{"evidence": [{"id": "<id from the list>", "choice": "present" | "absent"}]}. '
    "Use only ids from this list (id: Chinese name / English name):\n"
)


class Extractor(Protocol):
    def extract(self, text: str) -> ParseResult: ...


class LexiconExtractor:
    def __init__(self, lexicon: Lexicon, *, max_chars: int = 4000) -> None:
        self.lexicon = lexicon
        self.max_chars = max_chars

    def extract(self, text: str) -> ParseResult:
        return parse_text(text, self.lexicon, max_chars=self.max_chars)


class LLMExtractor:
    def __init__(self, model: ChatModel, pack: Pack, base: LexiconExtractor) -> None:
        self.model = model
        self.base = base
        self.known = frozenset(pack.evidences)
        self.system = _SYSTEM + "\n".join(f"{e.id}: {e.name.zh} / {e.name.en}" for e in pack.evidences.values())

    def extract(self, text: str) -> ParseResult:
        result = self.base.extract(text)  # validates the text and finds what the lexicon can
        try:
            reply = json.loads(self.model.complete(self.system, text))
            items = reply["evidence"] if isinstance(reply, dict) else []
        except (UpstreamError, ValueError, KeyError, TypeError) as exc:
            log.warning("LLM extraction failed, keeping the lexicon result: %s", exc)
            return result
        found = {m.evidence_id for m in result.mentions}
        extra = [
            Mention(str(i["id"]), i["choice"], 0, 0, "", uncertain=False)
            for i in items
            if isinstance(i, dict) and i.get("id") in self.known and i["id"] not in found
            and i.get("choice") in ("present", "absent")
        ]
        return replace(result, mentions=result.mentions + tuple(extra))
