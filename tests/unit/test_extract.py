"""The extractor seam: lexicon by default; an optional language model may only add known evidence."""

from __future__ import annotations

import json

from ankang.domains.interview.extract import LexiconExtractor, LLMExtractor
from ankang.engines.interview.parse import Lexicon
from ankang.errors import UpstreamError
from ankang.knowledge.interview import Pack
from ankang.ports.llm import ScriptedChat


def _extractors(pack: Pack, reply: str | Exception) -> tuple[LLMExtractor, ScriptedChat]:
    chat = ScriptedChat([reply])
    return LLMExtractor(chat, pack, LexiconExtractor(Lexicon.from_pack(pack))), chat


def test_llm_adds_known_evidence_and_drops_unknown_ids(mini_pack: Pack) -> None:
    reply = json.dumps({"evidence": [
        {"id": "vomiting", "choice": "present"},
        {"id": "made_up", "choice": "present"},
        {"id": "cough", "choice": "present"},  # contradicts the lexicon: the lexicon wins
        {"id": "sweating", "choice": "perhaps"},
    ]})
    extractor, chat = _extractors(mini_pack, reply)
    result = extractor.extract("发烧，不咳嗽，吐了两次")
    choices = {m.evidence_id: m.choice for m in result.mentions}
    assert choices["vomiting"] == "present"
    assert choices["cough"] == "absent"
    assert "made_up" not in choices and "sweating" not in choices
    assert "fever: 发热 / Fever" in chat.calls[0][0]


def test_model_failure_keeps_the_lexicon_result(mini_pack: Pack) -> None:
    extractor, _ = _extractors(mini_pack, UpstreamError("down"))
    plain = LexiconExtractor(Lexicon.from_pack(mini_pack)).extract("发烧，咳嗽")
    assert extractor.extract("发烧，咳嗽") == plain
    garbled, _ = _extractors(mini_pack, "not json")
    assert garbled.extract("发烧，咳嗽") == plain
