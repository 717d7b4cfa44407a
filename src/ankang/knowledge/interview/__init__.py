"""The interview knowledge pack: conditions, evidences, question groups, triage rules."""

from ankang.knowledge.interview.loader import CheckReport, check_pack, load_pack
from ankang.knowledge.interview.model import Pack

__all__ = ["CheckReport", "Pack", "check_pack", "load_pack"]
