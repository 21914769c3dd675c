"""Load: 50 users on the public openness ratings and body pages beside a trivial page (issue 13 item 1).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ashyq_<name> .venv/bin/python bench/public_load.py \
        [--bodies 300] [--years 5] [--users 50] [--seconds 30] [--workers 2] [--port 8767]

Creates a throw-away PostgreSQL database (``<name>_publicbench``, dropped at the end) from the models, fills
``--bodies`` bodies (two central for one local) with ``--years`` campaigns sent to the Agency, each scored by
the engine from random reports as one group and stored as a scoring run stores it (criteria and indicators
with their explanations), and F published for the years the feedback methodology was in force. Then
``bench/load.py``'s machinery: gunicorn (sync workers) on that database, ``--users`` threads on keep-alive
connections requesting round-robin the trivial ``/healthz``, the latest year's ratings (Kazakh and Russian)
and body pages of different bodies and years, for ``--seconds``; p50/p95/p99 of each page and the ratio of its
p95 to the trivial page's (goal ≤ 3×), all in the same run; then each page's median time for one user alone.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ashyq.settings")

import django  # noqa: E402

django.setup()

from load import TRIVIAL, Connection, _load, report, start_server  # noqa: E402
from score_campaign import _body  # noqa: E402

SUFFIX = "_publicbench"


def _fill(bodies: int, years: int) -> tuple[int, list[tuple[int, int]]]:
    """The bodies, their campaigns sent to the Agency and F; the latest year and (year, body id) pairs."""
    from django.contrib.auth.models import User
    from django.utils import timezone

    from ashyq.evaluation.engine import FeedbackFacts, parse_openness, score_feedback, score_openness
    from ashyq.evaluation.feedback_models import FeedbackEvaluation, FeedbackSubmission
    from ashyq.evaluation.models import Campaign, Enrolment, ScoringRun
    from ashyq.evaluation.pinned import pinned_version
    from ashyq.evaluation.services.scoring import store_scores
    from ashyq.methodology.models import MethodologyKind, MethodologyVersion
    from ashyq.methodology.services import methodology_version_load
    from ashyq.methodology.versions import DATA_DIR, MethodologyError, feedback_version, read_version_file
    from ashyq.orgs.models import Body, BodyKind

    rng = random.Random(2026)
    analyst = User.objects.create(username="bench-analyst")
    for path in sorted(DATA_DIR.glob("*.toml")):
        methodology_version_load(version=read_version_file(path), actor=None)
    openness = MethodologyVersion.objects.get(kind=MethodologyKind.OPENNESS)
    feedback_row = MethodologyVersion.objects.filter(kind=MethodologyKind.FEEDBACK).first()
    version = pinned_version(openness)
    rows = Body.objects.bulk_create(
        Body(
            name_kk=f"{n}-орган",
            name_ru=f"{'Министерство' if n % 3 else 'Акимат области'} {n}",
            kind=BodyKind.MINISTRY if n % 3 else BodyKind.OBLAST_AKIMAT,
            legalacts_government_id=20_000 + n,
        )
        for n in range(bodies)
    )
    last = 2025
    for year in range(last - years + 1, last + 1):
        started = time.monotonic()
        data = {"bodies": [_body(version, index, rng) for index in range(bodies)]}
        campaign = Campaign.objects.create(
            name=f"Openness {year}",
            period_start=datetime.date(year, 1, 1),
            period_end=datetime.date(year, 12, 31),
            methodology=openness,
            report_due=datetime.date(year + 1, 2, 1),
            status=Campaign.Status.VERIFYING,
            created_by=analyst,
        )
        enrolments = Enrolment.objects.bulk_create(
            Enrolment(campaign=campaign, body=body, kind=entry["kind"], exemptions=entry["exemptions"])
            for body, entry in zip(rows, data["bodies"], strict=True)
        )
        run = ScoringRun.objects.create(campaign=campaign, requested_by=analyst, total_bodies=bodies)
        store_scores(run, enrolments, score_openness(version, parse_openness(version, data)))
        Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.SENT)
        try:
            f_version = feedback_version(datetime.date(year, 12, 31))
        except MethodologyError:
            f_version = None
        if f_version is not None and feedback_row is not None:
            evaluation = FeedbackEvaluation.objects.create(
                name=f"F {year}",
                period_start=datetime.date(year, 1, 1),
                period_end=datetime.date(year, 12, 31),
                methodology=feedback_row,
                due_on=datetime.date(year + 1, 1, 31),
                status=FeedbackEvaluation.Status.PUBLISHED,
                published_at=timezone.now(),
                created_by=analyst,
            )
            submissions = []
            for body in rows:
                received, answered = rng.randint(0, 60), rng.randint(0, 60)
                facts = FeedbackFacts(
                    received, rng.randint(0, received), answered, rng.randint(0, answered), rng.random() > 0.05
                )
                score = score_feedback(f_version, facts)
                submissions.append(
                    FeedbackSubmission(
                        evaluation=evaluation,
                        body=body,
                        remarks_received=received,
                        remarks_accepted=facts.remarks_accepted,
                        comments_received=answered,
                        comments_answered=facts.comments_answered,
                        f=score.f,
                        band=score.band,
                        explanation=dict(score.text),
                        status=FeedbackSubmission.Status.SUBMITTED,
                    )
                )
            FeedbackSubmission.objects.bulk_create(submissions)
        print(f"{year}: {bodies} bodies scored and stored in {time.monotonic() - started:.1f} s")
    pairs = [(year, rows[(n * 37) % bodies].pk) for n, year in enumerate(range(last - years + 1, last + 1))]
    pairs += [(last, rows[(n * 53) % bodies].pk) for n in range(5)]
    return last, pairs


def _bench_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path=parts.path + SUFFIX))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bodies", type=int, default=300)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8767)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("set DATABASE_URL to a PostgreSQL server (a throw-away database is created beside it)")
    from django.conf import settings
    from django.db import connection

    settings.DATABASES["default"]["TEST"].update({"NAME": settings.DATABASES["default"]["NAME"] + SUFFIX})
    creation = connection.creation
    old_name = creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        started = time.monotonic()
        year, pairs = _fill(args.bodies, args.years)
        print(f"filled in {time.monotonic() - started:.0f} s")
        connection.close()
        pages = [
            TRIVIAL,
            "/kk/portal/ratings/",
            f"/ru/portal/ratings/?year={year}&sort=-f",
            *(f"/kk/portal/ratings/{y}/bodies/{pk}/" for y, pk in pairs),
        ]
        server = start_server(args.port, args.workers, {"DATABASE_URL": _bench_url(url)})
        try:
            warm = Connection(args.port, "")
            for page in pages * args.workers:
                status, _ = warm.get(page)
                if status != 200:
                    raise SystemExit(f"{page} answered {status}")
            started = time.monotonic()
            times = _load(args.port, "", args.users, args.seconds, pages)
            wall = time.monotonic() - started
            report(times, wall, args.users, args.workers)
            bodies = [value for page, values in times.items() if "/bodies/" in page for value in values]
            ratings = [value for page, values in times.items() if page.count("/") == 4 for value in values]
            print("\nthe same run, the ratings pages together and the body pages together:")
            together = {TRIVIAL: times[TRIVIAL], "ratings (all)": ratings, "body pages (all)": bodies}
            report(together, wall, args.users, args.workers)
            print("\none user alone (server time without queueing), median of 20:")
            for page in pages:
                alone = [warm.get(page)[1] for _ in range(20)]
                print(f"{page:<40}{statistics.median(alone) * 1000:>9.1f} ms")
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
