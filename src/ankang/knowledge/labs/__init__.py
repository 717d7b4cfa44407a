"""The lab-test catalogue: canonical tests, aliases, units, reference intervals, critical limits.

    load_lab_catalog()  -> LabCatalog (cached; KnowledgeGap when the data has problems)
    check_lab_catalog() -> list of problems ([] when sound)
"""

from ankang.knowledge.labs.loader import check_lab_catalog, load_lab_catalog, loinc_check_digit, unit_table
from ankang.knowledge.labs.model import (
    AltUnit,
    CriticalLimits,
    LabCatalog,
    LabSource,
    LabTest,
    RefInterval,
)

__all__ = [
    "AltUnit",
    "CriticalLimits",
    "LabCatalog",
    "LabSource",
    "LabTest",
    "RefInterval",
    "check_lab_catalog",
    "load_lab_catalog",
    "loinc_check_digit",
    "unit_table",
]
