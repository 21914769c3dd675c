"""``manage.py score``: exit codes, exact output keys, errors naming the field."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def run(*args: str) -> str:
    out = StringIO()
    call_command("score", *args, stdout=out)
    return out.getvalue()


def write(tmp_path: Path, data: Any) -> str:
    path = tmp_path / "input.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_feedback_json_output_has_the_exact_keys() -> None:
    result = json.loads(run("feedback", "--input", str(EXAMPLES / "feedback.json")))
    assert set(result) == {"methodology", "F", "display", "band", "band_name", "inputs", "parameters", "explanation"}
    assert (result["F"], result["display"], result["band"]) == ("67.5", "67.5", "low")
    assert set(result["explanation"]) == {"kk", "ru", "en"}


def test_feedback_keeps_full_precision(tmp_path: Path) -> None:
    data = {
        "remarks_received": 3,
        "remarks_accepted": 2,
        "comments_received": 0,
        "comments_answered": 0,
        "openly_accessible": True,
    }
    result = json.loads(run("feedback", "--input", write(tmp_path, data)))
    assert (result["F"], result["display"], result["band"]) == ("66.66666666666666666666666667", "66.7", "low")


def test_feedback_text_output_in_kazakh() -> None:
    text = run("feedback", "--input", str(EXAMPLES / "feedback.json"), "--format", "text", "--language", "kk")
    assert text.startswith("feedback-2024: F = 67.5 (display 67.5), band low\n000 22-тармақ:")


def test_openness_scores_every_body_of_the_file_as_one_group() -> None:
    result = json.loads(run("openness", "--input", str(EXAMPLES / "openness.json")))
    assert set(result) == {"methodology", "bodies"}
    assert [body["id"] for body in result["bodies"]] == list(WORKED)
    body = result["bodies"][1]
    assert set(body) == {"id", "kind", "criteria", "total", "penalty", "final", "explanation"}
    criterion = body["criteria"][3]
    assert set(criterion) == {
        "number",
        "name",
        "weight",
        "penalty",
        "tables",
        "points",
        "total",
        "indicators",
        "explanation",
    }
    sessions = next(i for i in criterion["indicators"] if i["id"] == "t6.3")
    assert set(sessions) == {"id", "clause", "rule", "treatment", "inputs", "parameters", "points", "explanation"}
    assert sessions["treatment"] == "group_average"
    # 002 Annex 10 table 6 *: the Ministry of Defence gets the mean of the one other central body scored on it
    assert sessions["inputs"] == {"bodies_averaged": "1"}
    assert sessions["parameters"] == {"exempt_average_scope": "same_group_assessed"}


# docs/openness-worked-examples.md, worked by hand: criteria 1–5 per language (kk, ru), then total, penalty, final.
WORKED: dict[str, dict[str, Any]] = {
    "ministry-of-health": {
        "criteria": {
            1: ("10.00", "8.45", "18.00"),
            2: ("9.00", "7.11", "16.11"),
            3: ("8.80", "6.75", "15.55"),
            4: ("8.50", "7.65", "16.15"),
            5: ("9.00", "7.21", "16.21"),
        },
        "scores": ("5.28", "87.30", "1.35", "85.95"),
    },
    "ministry-of-defence": {
        "criteria": {
            1: ("10.00", "8.45", "18.00"),
            2: ("9.00", "7.11", "16.11"),
            3: ("8.80", "6.75", "15.55"),
            4: ("8.50", "7.65", "16.15"),
            5: ("9.00", "7.21", "16.21"),
        },
        "scores": ("5.28", "87.30", "3.38", "83.93"),
    },
    "akmola-oblast-akimat": {
        "criteria": {
            1: ("10.00", "8.45", "18.00"),
            2: ("9.00", "6.33", "15.33"),
            3: ("9.00", "7.68", "16.68"),
            4: ("8.50", "8.15", "16.65"),
            5: ("9.00", "7.21", "16.21"),
        },
        "scores": ("5.28", "88.15", "0.00", "88.15"),
    },
}


@pytest.mark.parametrize("body_id", list(WORKED))
def test_openness_criteria_1_to_5_are_the_worked_examples(body_id: str) -> None:
    """002 Annex 10 tables 1–7: per language and in total, as docs/openness-worked-examples.md works them out."""
    result = json.loads(run("openness", "--input", str(EXAMPLES / "openness.json")))
    body = next(body for body in result["bodies"] if body["id"] == body_id)
    scored = {c["number"]: (c["points"]["kk"], c["points"]["ru"], c["total"]) for c in body["criteria"]}
    assert {number: scored[number] for number in range(1, 6)} == WORKED[body_id]["criteria"]


@pytest.mark.parametrize("body_id", list(WORKED))
def test_openness_p6_total_penalty_and_final_are_the_worked_examples(body_id: str) -> None:
    """002 §80–85 (P6), tables 8–11 (penalty), §86 (final): exact, rounded once (SPEC §7)."""
    result = json.loads(run("openness", "--input", str(EXAMPLES / "openness.json")))
    body = next(body for body in result["bodies"] if body["id"] == body_id)
    p6 = next(c["total"] for c in body["criteria"] if c["number"] == 6)
    assert (p6, body["total"], body["penalty"], body["final"]) == WORKED[body_id]["scores"]


def test_openness_text_output() -> None:
    text = run("openness", "--input", str(EXAMPLES / "openness.json"), "--format", "text", "--language", "ru")
    assert re.search(r"^akmola-oblast-akimat \(local\): total \d+\.\d\d, penalty 0\.00, final \d+\.\d\d$", text, re.M)
    assert re.search(r"итоговая оценка с учетом вычета штрафных баллов \d+,\d\d", text)


def test_openness_text_output_shows_the_worked_figures() -> None:
    text = run("openness", "--input", str(EXAMPLES / "openness.json"), "--format", "text", "--language", "ru")
    assert "akmola-oblast-akimat (local): total 88.15, penalty 0.00, final 88.15" in text
    assert "итоговая оценка с учетом вычета штрафных баллов 88,15" in text


def test_bad_input_exits_non_zero_naming_the_field_and_prints_no_score(tmp_path: Path) -> None:
    data = json.loads((EXAMPLES / "openness.json").read_text(encoding="utf-8"))
    data["bodies"][0]["indicators"]["t6.2"]["kk"]["posts"] = -4
    out = StringIO()
    with pytest.raises(CommandError, match=r'bodies\[0\]\.indicators\["t6.2"\]\.kk\.posts: must be ≥ 0'):
        call_command("score", "openness", "--input", write(tmp_path, data), stdout=out)
    assert out.getvalue() == ""


def test_accepted_above_received_is_refused(tmp_path: Path) -> None:
    data = {
        "remarks_received": 3,
        "remarks_accepted": 4,
        "comments_received": 0,
        "comments_answered": 0,
        "openly_accessible": True,
    }
    with pytest.raises(CommandError, match=r"remarks_accepted: must not exceed remarks_received \(3\)"):
        run("feedback", "--input", write(tmp_path, data))


def test_a_file_that_is_not_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "input.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="not valid JSON"):
        run("feedback", "--input", str(path))


def test_a_date_before_any_version_is_refused() -> None:
    with pytest.raises(CommandError, match="no openness methodology is in force on 2020-01-01"):
        run("openness", "--input", str(EXAMPLES / "openness.json"), "--on", "2020-01-01")


def test_the_command_exits_with_status_1_from_the_shell(tmp_path: Path) -> None:
    path = write(tmp_path, {"remarks_received": -1})
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "score", "feedback", "--input", path],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert "remarks_accepted: is required" in done.stderr
