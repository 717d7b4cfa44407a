"""The hash chain behind the audit log: each entry's hash covers its fields and the previous hash.

Editing an entry breaks its own hash; inserting or deleting one breaks the sequence or the link to
the next entry; deleting from the end shows against the chain head kept beside the log.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

GENESIS = "0" * 64
# The fields an entry's hash covers, in this order.
FIELDS = ("seq", "at", "actor_id", "actor_role", "action", "outcome", "purpose",
          "patient_id", "resource_type", "resource_id", "detail")


def entry_hash(prev_hash: str, entry: Mapping[str, object]) -> str:
    payload = json.dumps([prev_hash, *(entry.get(f) for f in FIELDS)], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class ChainReport:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str = ""


def verify_chain(entries: Iterable[Mapping[str, object]], head: tuple[int, str] | None) -> ChainReport:
    """Check entries (in `seq` order, each with `prev_hash` and `hash`) against the chain head."""
    prev_hash, expected_seq, checked = GENESIS, 1, 0
    for entry in entries:
        seq = entry.get("seq")
        if seq != expected_seq:
            return ChainReport(False, checked, expected_seq, f"expected entry {expected_seq}, found {seq} (deleted or inserted)")
        if entry.get("prev_hash") != prev_hash:
            return ChainReport(False, checked, expected_seq, "link to the previous entry broken (deleted or inserted)")
        if entry_hash(prev_hash, entry) != entry.get("hash"):
            return ChainReport(False, checked, expected_seq, "entry content does not match its hash (edited)")
        prev_hash, expected_seq, checked = str(entry["hash"]), expected_seq + 1, checked + 1
    head_seq, head_hash = head or (0, GENESIS)
    if (head_seq, head_hash) != (checked, prev_hash):
        return ChainReport(False, checked, checked + 1 if head_seq > checked else head_seq,
                           f"chain head says {head_seq} entries, log has {checked} (entries deleted or appended)")
    return ChainReport(True, checked)
