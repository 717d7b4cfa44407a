"""Comparison keys for printed test names.

Reports print the same test many ways: full-width brackets, "γ-GT" or "γGT", "CA 19-9" or "CA199",
"K+" or "K". `alias_key` folds those spellings onto one key; it never drops letters, digits or CJK
characters, so two different tests can only share a key if they share a spelling.
"""

from __future__ import annotations

import re
import unicodedata

_TRANSLATE = str.maketrans({
    "μ": "u", "µ": "u", "（": "(", "）": ")", "【": "(", "】": ")", "[": "(", "]": ")",
    "－": "-", "—": "-", "–": "-", "‐": "-", "−": "-", "～": "-", "〜": "-",
})
# Punctuation that never distinguishes two tests.
_DROP = re.compile(r"[\s\-_·•.,，、'’\":：;；+*]")


def clean(text: str) -> str:
    """NFKC (full-width to half-width, superscripts to digits) plus the translation table."""
    return unicodedata.normalize("NFKC", text).translate(_TRANSLATE).strip()


def alias_key(text: str) -> str:
    """Lower-cased, punctuation-free key used to index and look up aliases."""
    return _DROP.sub("", clean(text).casefold())


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"
