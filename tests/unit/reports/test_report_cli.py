"""`ankang report FILE` on a text file (no OCR needed)."""

from __future__ import annotations

import json

from ankang.cli.main import main


def test_report_prints_table_and_explanation(tmp_path, capsys):
    path = tmp_path / "r.txt"
    path.write_text("性别：女 年龄：30岁\n血红蛋白 85 ↓ g/L 115-150\n钾 4.0 mmol/L 3.5-5.3\n", encoding="utf-8")
    assert main(["report", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Haemoglobin | 85 | g/L | ↓ | 115-150 | low" in out
    assert "not a doctor's diagnosis" in out


def test_report_json(tmp_path, capsys):
    path = tmp_path / "r.txt"
    path.write_text("钾 7.2 mmol/L 3.5-5.3\n", encoding="utf-8")
    assert main(["report", str(path), "--json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["rows"][0]["critical"] is True and body["stored"] is False


def test_report_bad_file_says_why(tmp_path, capsys):
    path = tmp_path / "r.txt"
    path.write_text("hello there, nothing to see\n", encoding="utf-8")
    assert main(["report", str(path)]) == 1
    assert "没有找到化验结果" in capsys.readouterr().err
    assert main(["report", str(tmp_path / "missing.pdf")]) == 2
