"""Benchmark: a campaign of 300 bodies with full Annex 9 facts in PostgreSQL, scored from the database.

    DATABASE_URL=postgres://… .venv/bin/python bench/campaign.py [--bodies 300] [--runs 3]

Builds a throw-away database from the models (``test_<db>_campbench``), a campaign with ``--bodies`` bodies
(two thirds central, a tenth exempt by their records) and every value of their reports (plus dated evidence
for the indicators with a term), then measures in the same run:

1. the pure engine on the same facts: ``parse_openness`` + ``score_openness`` + every explanation in kk, ru
   and en on the JSON input the selector builds (what ``bench/score_campaign.py`` measures);
2. scoring from the database and storing: ``scoring_run_execute`` (gather with four queries, the engine,
   results written per body, criterion, indicator and language, the campaign switched to them).

Goal: (2) ≤ 2 × (1). Then, the conclusions approved, it asks for every body's conclusion PDF (Kazakh and
Russian in turn) the way the body's page does (``conclusion_document_request``) and runs one task worker
(``manage.py db_worker --batch``) on the database until they are made: the time per PDF and the worker's peak
memory (``--pdfs 0`` skips this part). Also prints the dashboard's query count for 3 bodies and for all of them
(it must not grow). Prints the figures; docs/performance.md records them.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ashyq.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

GOAL_RATIO = 2.0


@contextmanager
def bench_database() -> Iterator[None]:
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL=postgres://… : this benchmark measures PostgreSQL.")
    settings.DATABASES["default"]["TEST"].update(
        {"NAME": f"test_{settings.DATABASES['default']['NAME']}_campbench", "MIGRATE": False}
    )
    creation = connection.creation
    old_name = creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield
    finally:
        creation.destroy_test_db(old_name, verbosity=0)


def _value(slot: Any, version: Any, subordinates: int, rng: random.Random, totals: dict[str, int]) -> dict[str, Any]:
    match slot.rule:
        case "met":
            return {"met": rng.random() < 0.8}
        case "attainment":
            return {"attainment": f"{rng.choice([0, 0.25, 0.5, 0.8, 0.9, 1])}"}
        case "bands" | "multiplier":
            if slot.measure == "satisfied_percent":
                return {"satisfied_percent": f"{rng.uniform(20, 100):.1f}"}
            return {str(slot.measure): rng.randint(0, 80)}
        case "category_average":
            levels = [level.key for level in version.indicators[slot.indicator].levels]
            return {"events": [rng.choice(levels) for _ in range(rng.randint(0, 4))]}
        case "publicity":
            if slot.language == "":
                return {"events_total": totals.setdefault(slot.indicator, rng.randint(0, 30))}
            return {"high_publicity_events": rng.randint(0, totals.setdefault(slot.indicator, rng.randint(0, 30)))}
        case "media_requests":
            received = rng.randint(0, 20)
            answered = rng.randint(0, received)
            return {"received": received, "answered": answered, "late": rng.randint(0, answered)}
        case "penalty_share":
            return {"failing": rng.randint(0, subordinates)}
    raise ValueError(slot.rule)


def setup() -> tuple[Any, Any]:
    """The methodology version loaded and an analyst of the authorized body."""
    from django.contrib.auth.models import User

    from ashyq.methodology.services import methodology_version_load
    from ashyq.methodology.versions import DATA_DIR, read_version_file
    from ashyq.orgs.models import Body, BodyKind, Membership, Role

    row = methodology_version_load(version=read_version_file(DATA_DIR / "openness-2025-36070.toml"), actor=None).version
    ministry = Body.objects.create(name_kk="МАМ", name_ru="МКИ", kind=BodyKind.MINISTRY, is_authorized_body=True)
    analyst = User.objects.create_user("bench-analyst", password=None)
    Membership.objects.create(user=analyst, body=ministry, role=Role.ANALYST)
    return row, analyst


def build(count: int, row: Any, analyst: Any) -> Any:
    """The campaign: bodies, enrolments, every value of every report, dated evidence for the terms."""
    from ashyq.evaluation.facts import required_slots
    from ashyq.evaluation.models import Campaign, Enrolment, Evidence, ReportFact
    from ashyq.evaluation.pinned import pinned_version
    from ashyq.evaluation.services.campaigns import campaign_create, campaign_enrol
    from ashyq.evaluation.terms import TERMS
    from ashyq.orgs.models import Body, BodyKind

    rng = random.Random(14)
    central = count * 2 // 3
    bodies = Body.objects.bulk_create(
        Body(
            name_kk=f"{n}-орган",
            name_ru=f"Орган {count}-{n:03d}",
            kind=BodyKind.MINISTRY if n < central else BodyKind.DISTRICT_AKIMAT,
            not_under_resolution_12=n < central and n % 10 == 1,
            no_open_session_indicator=n < central and n % 30 == 2,
            national_bank_exceptions=n < central and n % 50 == 3,
            budget_secret=n % 40 == 4,
        )
        for n in range(count)
    )
    campaign = campaign_create(
        name="Bench",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        methodology=row,
        report_due=date(2026, 2, 2),
        actor=analyst,
    )
    enrolments = campaign_enrol(campaign=campaign, bodies=bodies, actor=analyst)
    for enrolment in enrolments:
        enrolment.subordinate_organisations = rng.randint(1, 8) if enrolment.kind == "central" else 0
    Enrolment.objects.bulk_update(enrolments, ["subordinate_organisations"])
    version = pinned_version(row)
    facts, evidence = [], []
    for enrolment in enrolments:
        totals: dict[str, int] = {}
        for slot in required_slots(version, enrolment.kind, enrolment.exemptions):
            value = _value(slot, version, enrolment.subordinate_organisations, rng, totals)
            facts.append(ReportFact(enrolment=enrolment, indicator=slot.indicator, language=slot.language, value=value))
            if slot.indicator in TERMS:
                received = date(2025, 3, 1) + timedelta(days=rng.randint(0, 200))
                evidence.append(
                    Evidence(
                        enrolment=enrolment,
                        indicator=slot.indicator,
                        language=slot.language,
                        kind="link",
                        title="report",
                        url="https://example.kz/r",
                        reference_date=received,
                        published_on=received + timedelta(days=rng.randint(5, 30)),
                    )
                )
    ReportFact.objects.bulk_create(facts, batch_size=5000)
    Evidence.objects.bulk_create(evidence, batch_size=5000)
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.VERIFYING)
    campaign.refresh_from_db()
    return campaign, len(facts)


def pure_engine(campaign: Any) -> float:
    """The engine alone on the same facts, from the JSON input (parse + score)."""
    from ashyq.evaluation.engine import parse_openness, score_openness
    from ashyq.evaluation.facts import gather
    from ashyq.evaluation.pinned import pinned_version

    version = pinned_version(campaign.methodology)
    data = {"bodies": [body.body_input() for body in gather(campaign)]}
    start = time.perf_counter()
    scores = score_openness(version, parse_openness(version, data))
    for score in scores:  # every explanation in kk, ru and en, as bench/score_campaign.py measures the engine
        for lang in ("kk", "ru", "en"):
            score.explanation(lang)
    return time.perf_counter() - start


def from_database(campaign: Any, analyst: Any) -> float:
    from ashyq.evaluation.models import Campaign, ScoringRun
    from ashyq.evaluation.services.scoring import scoring_run_execute

    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.VERIFYING)
    run = ScoringRun.objects.create(campaign=campaign, requested_by=analyst, total_bodies=campaign.enrolments.count())
    start = time.perf_counter()
    run = scoring_run_execute(run_id=run.pk)
    elapsed = time.perf_counter() - start
    if run.status != ScoringRun.Status.DONE:
        sys.exit(f"scoring refused: {run.error}")
    return elapsed


def conclusion_pdfs(campaign: Any, analyst: Any, count: int) -> tuple[float, float, float, int]:
    """Approve the conclusions, ask for ``count`` PDFs, run one task worker until they are made: the worker's
    wall time, the time per PDF after the first (which also scores the campaign), that first one, and the
    worker's peak resident memory in MiB."""
    from django.contrib.auth.models import User
    from django.db.models import Max, Min
    from django.utils import timezone

    from ashyq.evaluation.models import ConclusionDocument, Enrolment
    from ashyq.evaluation.services.conclusions import conclusion_document_request

    head = User.objects.create_user("bench-head", first_name="Бас", last_name="Басшы", password=None)
    Enrolment.objects.filter(campaign=campaign).update(
        conclusion_status=Enrolment.ConclusionStatus.APPROVED,
        conclusion_approved_at=timezone.now(),
        conclusion_approved_by=head,
    )
    enrolments = list(campaign.enrolments.select_related("campaign__methodology", "body", "conclusion_approved_by"))
    for index, enrolment in enumerate(enrolments[:count]):
        language = "kk" if index % 2 == 0 else "ru"
        conclusion_document_request(enrolment=enrolment, language=language, file_format="pdf", actor=analyst)
    config = connection.settings_dict
    url = f"postgres://{config['USER']}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}/{config['NAME']}"
    if config.get("PASSWORD"):
        url = url.replace("@", f":{config['PASSWORD']}@", 1)
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "ASHYQ_VAR_DIR": str(Path(settings.MEDIA_ROOT).parent),
        "ASHYQ_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
    }
    manage = Path(__file__).resolve().parents[1] / "manage.py"
    command = [sys.executable, str(manage), "db_worker", "--batch", "--no-startup-delay", "--worker-id", "bench"]
    launched, start = timezone.now(), time.perf_counter()
    worker = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    if worker.returncode:
        sys.exit(f"the task worker failed:\n{worker.stderr[-3000:]}")
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    made = ConclusionDocument.objects.filter(status=ConclusionDocument.Status.DONE)
    if made.count() != count:
        sys.exit(f"the worker made {made.count()} of {count} PDFs")
    span = made.aggregate(first=Min("updated_at"), last=Max("updated_at"))
    first = (span["first"] - launched).total_seconds()
    per_pdf = (span["last"] - span["first"]).total_seconds() / max(count - 1, 1)
    return wall, per_pdf, first, peak


def dashboard_queries(campaign: Any, analyst: Any) -> int:
    from django.test import Client

    client = Client()
    client.force_login(analyst)
    url = f"/en/campaigns/{campaign.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pdfs", type=int, default=300, help="conclusion PDFs made by the task worker")
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    media = tempfile.TemporaryDirectory(prefix="campbench-")
    settings.MEDIA_ROOT = Path(media.name) / "media"
    with media, bench_database():
        row, analyst = setup()
        small, _ = build(3, row, analyst)
        few = dashboard_queries(small, analyst)
        start = time.perf_counter()
        campaign, facts = build(args.bodies, row, analyst)
        print(f"built {args.bodies} bodies, {facts} values in {time.perf_counter() - start:.1f} s")
        engine = [pure_engine(campaign) for _ in range(args.runs)]
        stored = [from_database(campaign, analyst) for _ in range(args.runs)]
        many = dashboard_queries(campaign, analyst)
        pdfs = conclusion_pdfs(campaign, analyst, min(args.pdfs, args.bodies)) if args.pdfs else None
    print("| run | pure engine (parse + score + explanations) | from the database + storing | ratio |")
    print("|---|---|---|---|")
    for index, (a, b) in enumerate(zip(engine, stored, strict=True), start=1):
        print(f"| {index} | {a:.3f} s | {b:.3f} s | {b / a:.2f}× |")
    best_a, best_b = min(engine), min(stored)
    verdict = "goal met" if best_b / best_a <= GOAL_RATIO else "goal not met"
    print(f"| best | {best_a:.3f} s | {best_b:.3f} s | {best_b / best_a:.2f}× — {verdict} (≤ {GOAL_RATIO}×) |")
    print(f"dashboard queries: {few} with 3 bodies, {many} with {args.bodies} bodies")
    if pdfs is not None:
        wall, per_pdf, first, peak = pdfs
        print(
            f"{min(args.pdfs, args.bodies)} conclusion PDFs by one task worker: {wall:.1f} s in all (start-up "
            f"included), {per_pdf:.3f} s per PDF after the first, the first {first:.1f} s (it scores the campaign), "
            f"worker's peak memory {peak:.0f} MiB"
        )


if __name__ == "__main__":
    main()
