"""The NHC catalogue of clinical departments (诊疗科目), shared by every knowledge pack."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import yaml

from ankang.knowledge.text import Text

DEPARTMENTS_FILE = Path(__file__).parent / "departments.yaml"


@dataclass(frozen=True, slots=True)
class Department:
    code: str
    name: Text
    parent: str | None = None


@lru_cache(maxsize=1)
def load_departments() -> Mapping[str, Department]:
    """Department code → department with zh/en names."""
    doc = yaml.safe_load(DEPARTMENTS_FILE.read_text(encoding="utf-8"))
    return MappingProxyType({
        str(d["code"]): Department(str(d["code"]), Text(d["zh"], d["en"]), d.get("parent"))
        for d in doc["departments"]
    })
