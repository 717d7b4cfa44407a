"""Readers for the public symptom-inquiry datasets (see ../shared/benchmarks/interview/README.md).

Every reader returns train and test lists of `BenchCase`: explicit evidence (what the patient
says first), implicit evidence (what only comes out by asking) and the label.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ankang.engines.interview import Case, EvidenceItem
from ankang.errors import InvalidInput, NotFound

_DXFORMER_VALUE = {"1": "present", "0": "absent", "2": "unknown"}


@dataclass(frozen=True)
class BenchCase:
    label: str
    explicit: tuple[EvidenceItem, ...]
    implicit: dict[str, str]  # evidence id → choice, explicit ones removed
    age: float | None = None
    sex: str | None = None

    def as_training_case(self) -> Case:
        implicit = tuple(EvidenceItem(e, c, "question") for e, c in self.implicit.items())  # type: ignore[arg-type]
        return Case(self.label, self.explicit + implicit, self.age, self.sex)  # type: ignore[arg-type]


def _case(label: str, explicit: dict[str, str], implicit: dict[str, str], **kw: object) -> BenchCase:
    exp = tuple(EvidenceItem(e, c, "initial") for e, c in explicit.items())  # type: ignore[arg-type]
    imp = {e: c for e, c in implicit.items() if e not in explicit}  # MZ-10 repeats explicit ones
    return BenchCase(label, exp, imp, **kw)  # type: ignore[arg-type]


def _dxformer(folder: Path) -> tuple[list[BenchCase], list[BenchCase]]:
    def read(name: str) -> list[BenchCase]:
        rows = json.loads((folder / name).read_text(encoding="utf-8"))
        return [
            _case(
                r["label"],
                {k: _DXFORMER_VALUE[str(v)] for k, v in r["exp_sxs"].items()},
                {k: _DXFORMER_VALUE[str(v)] for k, v in r["imp_sxs"].items()},
            )
            for r in rows
        ]

    return read("train_set.json"), read("test_set.json")


def _goal(path: Path) -> tuple[list[BenchCase], list[BenchCase]]:
    doc = json.loads(path.read_text(encoding="utf-8"))

    def value(v: object) -> str:
        return "present" if v is True or v == "1" else "absent" if v is False or v == "0" else "unknown"

    def read(split: str) -> list[BenchCase]:
        return [
            _case(
                r["disease_tag"],
                {k: value(v) for k, v in r["goal"]["explicit_inform_slots"].items()},
                {k: value(v) for k, v in r["goal"]["implicit_inform_slots"].items()},
            )
            for r in doc[split]
        ]

    return read("train"), read("test")


def _ddxplus(folder: Path) -> tuple[list[BenchCase], list[BenchCase]]:
    """The DDXPlus subset: trained on its validate part, tested on its test part (skewed: smoke test only)."""
    sub = folder / "fr_subset_tonmoregulus"

    def read(name: str) -> list[BenchCase]:
        out = []
        with (sub / name).open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                evidence = json.loads(r["EVIDENCES"].replace("'", '"'))
                initial = r["INITIAL_EVIDENCE"]
                out.append(_case(
                    r["PATHOLOGY"], {initial: "present"}, {e: "present" for e in evidence if e != initial},
                    age=float(r["AGE"]), sex="female" if r["SEX"] == "F" else "male",
                ))
        return out

    return read("release_validate_patients.csv"), read("release_test_patients.csv")


DATASETS: dict[str, tuple[str, Callable[[Path], tuple[list[BenchCase], list[BenchCase]]]]] = {
    "dxy": ("dxy", _dxformer),
    "mz4": ("mz4_1733", _dxformer),
    "mz10": ("mz10", _dxformer),
    "mz4-710": ("mz4_710", lambda f: _goal(f / "acl2018-mds.json")),
    "symcat": ("symcat_sd90", lambda f: _goal(f / "goal_set.json")),
    "ddxplus": ("ddxplus", _ddxplus),
}


def load_dataset(name: str, data_dir: Path) -> tuple[list[BenchCase], list[BenchCase]]:
    if name not in DATASETS:
        raise InvalidInput(f"unknown dataset {name!r}; choose from {', '.join(DATASETS)}",
                           zh=f"未知数据集 {name!r}")
    folder, reader = DATASETS[name]
    path = data_dir / folder
    if not path.is_dir():
        raise NotFound(f"dataset folder {path} not found; pass --data-dir pointing at the benchmarks folder",
                       zh=f"找不到数据集目录 {path}")
    return reader(path)
