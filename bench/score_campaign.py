"""Benchmark: one openness campaign of 300 bodies scored as one group, with explanations.

    .venv/bin/python bench/score_campaign.py [--bodies 300] [--runs 3]

Builds the JSON input of docs/methodology.md for a mix of central and local bodies (a tenth of them exempt:
Defence, MFA, Emergencies, Internal Affairs, Justice, the National Bank, secret budgets), then times
parse_openness + score_openness + rendering every explanation in kk, ru and en. Goal: ≤ 2 s in total and
≤ 20 ms per body on the project's 2-core machine. Prints the figures; docs/performance.md records them.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ashyq.evaluation.engine import parse_openness, score_openness
from ashyq.methodology.versions import BodyKind, Indicator, OpennessVersion, assessed, openness_version

EXEMPTIONS = ["defence", "foreign_affairs", "emergencies", "internal_affairs", "justice", "national_bank"]
TOTAL_GOAL_S = 2.0
PER_BODY_GOAL_MS = 20.0


def _facts(indicator: Indicator, rng: random.Random) -> dict[str, Any]:
    def both(name: str, value: Any) -> dict[str, Any]:
        return {lang: {name: value() if callable(value) else value} for lang in ("kk", "ru")}

    rule = indicator.rule
    if rule == "bands" and indicator.measure_scope == "common":
        return {str(indicator.measure): f"{rng.uniform(0, 100):.1f}"}
    if rule == "publicity":
        total = rng.randint(0, 30)
        return {"events_total": total, **both("high_publicity_events", lambda: rng.randint(0, total))}
    if rule == "media_requests":
        return {
            lang: {"received": 10, "answered": rng.randint(1, 10), "late": rng.randint(0, 1)} for lang in ("kk", "ru")
        }
    values = {
        "met": lambda: rng.random() < 0.8,
        "attainment": lambda: f"{rng.random():.2f}",
        "bands": lambda: rng.randint(0, 70),
        "category_average": lambda: rng.sample([lv.key for lv in indicator.levels], rng.randint(0, 3)),
        "penalty_share": lambda: rng.randint(0, 5),
    }
    name = {
        "met": "met",
        "attainment": "attainment",
        "bands": str(indicator.measure),
        "category_average": "events",
        "penalty_share": "failing",
    }[rule]
    return both(name, values[rule])


def _body(version: OpennessVersion, index: int, rng: random.Random) -> dict[str, Any]:
    kind: BodyKind = "central" if index % 3 else "local"
    exemptions = []
    if index % 10 == 1:
        exemptions = [EXEMPTIONS[(index // 10) % len(EXEMPTIONS)]] if kind == "central" else []
    if index % 25 == 0:
        exemptions.append("secret_budget")
    tags = {*exemptions, kind}
    indicators = {
        indicator.id: _facts(indicator, rng)
        for criterion in version.criteria
        for table in criterion.tables_for(kind)
        for indicator in table.indicators
        if assessed(version, indicator, kind)
        and not any(r.effect in ("maximum", "group_average") for r in version.rules_for(indicator.id, tags))
    }
    indicators["p6.C"] = {"satisfied_percent": f"{rng.uniform(40, 100):.1f}"}
    body: dict[str, Any] = {"id": f"body-{index}", "kind": kind, "exemptions": exemptions, "indicators": indicators}
    if kind == "central":
        body["subordinate_organisations"] = 5
    return body


def run(version: OpennessVersion, data: dict[str, Any]) -> tuple[float, int]:
    """Seconds to parse, score and render every explanation; and the characters rendered."""
    start = time.perf_counter()
    scores = score_openness(version, parse_openness(version, data))
    rendered = sum(len(score.explanation(lang)) for score in scores for lang in ("kk", "ru", "en"))
    return time.perf_counter() - start, rendered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    version = openness_version(date(2026, 1, 1))
    rng = random.Random(2026)
    data = {"bodies": [_body(version, index, rng) for index in range(args.bodies)]}
    exempt = sum(1 for body in data["bodies"] if body["exemptions"])
    central = sum(1 for body in data["bodies"] if body["kind"] == "central")
    print(f"bodies: {args.bodies} ({central} central, {args.bodies - central} local, {exempt} exempt)")
    timings = []
    for number in range(1, args.runs + 1):
        seconds, rendered = run(version, data)
        timings.append(seconds)
        print(
            f"run {number}: {seconds:.3f} s total, {seconds / args.bodies * 1000:.2f} ms per body, "
            f"{rendered} characters of explanation"
        )
    best = min(timings)
    per_body = best / args.bodies * 1000
    met = best <= TOTAL_GOAL_S and per_body <= PER_BODY_GOAL_MS
    print(
        f"best: {best:.3f} s total, {per_body:.2f} ms per body; goal ≤ {TOTAL_GOAL_S} s and "
        f"≤ {PER_BODY_GOAL_MS} ms per body: {'met' if met else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
