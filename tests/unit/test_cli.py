"""The command line: the terminal interview driven by scripted answers, and `ankang kb check`."""

from __future__ import annotations

from collections import deque
from pathlib import Path

import pytest

from ankang.cli import interview
from ankang.cli.main import main
from ankang.knowledge.interview import load_pack

YES_NO = interview._T["answers"]


class Script:
    """A fake `input`: returns queued answers in order and raises EOFError when they run out."""

    def __init__(self, *answers: str) -> None:
        self.answers = deque(answers)
        self.prompts: list[str] = []

    def __call__(self, prompt: str) -> str:
        self.prompts.append(prompt)
        if not self.answers:
            raise EOFError
        return self.answers.popleft()


def run(lang: str, *answers: str) -> tuple[int, list[str], Script]:
    script = Script(*answers)
    lines: list[str] = []
    code = interview.run(lang, ask=script, out=lines.append)
    return code, lines, script


def card(lines: list[str]) -> list[str]:
    """The lines of the result card: everything from the first ═ rule on, split into single lines."""
    start = next(i for i, line in enumerate(lines) if "═" in line)
    return "\n".join(lines[start:]).splitlines()


def field(card_lines: list[str], label: str) -> str:
    prefix = f" {label}: "
    found = [line[len(prefix):] for line in card_lines if line.startswith(prefix)]
    assert len(found) == 1, (label, card_lines)
    return found[0]


def department_names(lang: str) -> set[str]:
    return {d.name.get(lang) for d in load_pack().departments.values()}


def test_chinese_interview_reaches_the_result_card() -> None:
    # complaint, age, sex (1 = 女), then "2" (否 / the second item) to every question
    code, lines, script = run("zh", "我发烧两天了，咳嗽，喉咙痛", "35", "1", *["2"] * 40)
    assert code == 0
    assert script.answers, "the interview ran out of scripted answers"
    assert script.prompts[:3] == ["> ", interview._T["age"].zh + " ", interview._T["sex"].zh + "\n> "]
    assert lines[0] == interview._T["intro"].zh
    assert len(script.prompts) > 3, "no question was asked before the result"
    result = card(lines)
    assert " 问诊结果" in result
    level = field(result, "紧急程度")
    assert level in {t.zh for t in interview.LEVELS.values()}
    department = field(result, "建议科室")
    assert department.split(" — ")[0] in department_names("zh")
    assert any(line.startswith(" 可能的情况（仅供参考）") for line in result)
    assert any("AI" in line and "不是医生的诊断" in line for line in result)


def test_english_interview_ends_with_urgency() -> None:
    code, lines, script = run("en", "I have had a fever for two days and a cough", "35", "2", *["2"] * 40)
    assert code == 0
    assert script.answers, "the interview ran out of scripted answers"
    assert lines[0] == interview._T["intro"].en
    result = card(lines)
    assert " Result" in result
    level = field(result, "Urgency")
    assert level in {t.en for t in interview.LEVELS.values()}
    department = field(result, "Department")
    assert department.split(" — ")[0] in department_names("en")
    assert not any(line.startswith((" 紧急程度", " 建议科室")) for line in result)


def test_emergency_complaint_ends_at_once_with_120() -> None:
    # Rule acs_chest_pain_with_autonomic (rules/triage.yaml): chest pain with sweating in an adult. Age and sex are queued in
    # case the parser does not read them from the text; no question must be asked.
    code, lines, script = run("zh", "我爸60岁，胸口疼，出了一身冷汗", "60", "2")
    assert code == 0
    assert YES_NO.zh not in lines, "a question was asked after an emergency"
    assert not any(p.startswith(interview._T["pick"].zh) for p in script.prompts)
    result = card(lines)
    level = field(result, "紧急程度")
    assert level.startswith("🚨")
    assert "120" in "\n".join(result)
    assert "急诊" in field(result, "建议科室")
    assert not any(line.startswith(" 可能的情况") for line in result)  # no differential for an emergency


def test_eof_at_the_first_prompt_returns_130() -> None:
    code, lines, script = run("zh")
    assert code == 130
    assert script.prompts == ["> "]
    assert not any("═" in line for line in lines)


def test_eof_in_the_middle_of_the_interview_returns_130() -> None:
    code, lines, script = run("en", "fever and a cough", "35", "1", "2")
    assert code == 130
    assert len(script.prompts) == 5  # complaint, age, sex, one answered question, then EOF
    assert not any("═" in line for line in lines)


def test_unrecognised_complaint_is_asked_again() -> None:
    code, lines, _ = run("zh", "今天天气不错", "")
    assert code == 130
    assert interview._T["none"].zh in lines


def test_kb_check_passes_on_the_shipped_pack(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["kb", "check"])
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert "pack is valid" in printed
    assert "conditions" in printed


def test_kb_check_fails_on_a_broken_pack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "broken.yaml").write_text(
        "conditions:\n- id: lonely\n  name: {zh: 孤单, en: Lonely}\n  evidence: {nothing_known: 0.5}\n",
        encoding="utf-8",
    )
    code = main(["kb", "check", "--pack-dir", str(tmp_path)])
    printed = capsys.readouterr().out
    assert code == 1
    assert "lonely" in printed
