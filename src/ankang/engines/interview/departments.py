"""Which department to see: the most probable conditions' departments, paediatrics for children,
and the emergency department (with "call 120") at emergency levels."""

from __future__ import annotations

from ankang.engines.interview.types import DepartmentAdvice
from ankang.knowledge.interview.model import Pack
from ankang.knowledge.text import Text

EMERGENCY_DEPARTMENT = "20"
GENERAL_PRACTICE = "02"
PAEDIATRIC_AGE = 14  # Chinese hospitals see children under 14 in paediatrics (儿科 收治 <14 岁)
# Adult department → its paediatric counterpart in the NHC catalogue.
_CHILD_EQUIVALENT = {
    "03": "07", "03.01": "07.04", "03.02": "07.03", "03.03": "07.08", "03.04": "07.05", "03.05": "07.07",
    "03.06": "07.06", "03.07": "07.09", "03.08": "07.11", "03.09": "07.11", "03.10": "07", "03.11": "07",
    "04": "08", "04.01": "08.01", "04.02": "08.05", "04.03": "08.02", "04.04": "08.03", "04.05": "08.04",
    "04.06": "08.04", "04.09": "08.06", "16": "07.02", "16.01": "07.02", "16.02": "07.02", "02": "07",
}
_ADVICE = {
    "emergency_ambulance": Text("请立即拨打120急救电话，不要自行驾车前往。",
                                "Call 120 (emergency ambulance) now. Do not drive yourself."),
    "emergency": Text("请立即前往最近医院的急诊科；情况加重时拨打120。",
                      "Go to the nearest emergency department now; call 120 if it gets worse."),
    "consultation_24": Text("请在24小时内到以下科室就诊。", "See a doctor in this department within 24 hours."),
    "consultation": Text("建议近期到以下科室就诊。", "Book a visit to this department soon."),
    "self_care": Text("可先居家观察；如症状加重或持续不缓解，请到以下科室就诊。",
                      "You can look after this at home; if it gets worse or does not improve, see this department."),
}


def recommend(pack: Pack, level: str, age: float | None, likely: str | None) -> DepartmentAdvice:
    """`likely`: the primary department of the most probable conditions (None: general practice)."""
    if level in ("emergency_ambulance", "emergency"):
        return _advice(pack, EMERGENCY_DEPARTMENT, level, emergency=True)
    code = likely or GENERAL_PRACTICE
    if age is not None and age < PAEDIATRIC_AGE:
        code = _CHILD_EQUIVALENT.get(code, code)
    return _advice(pack, code, level, emergency=False)


def _advice(pack: Pack, code: str, level: str, *, emergency: bool) -> DepartmentAdvice:
    dept = pack.departments[code]
    return DepartmentAdvice(code=code, name=dept.name, advice=_ADVICE[level], emergency=emergency)
