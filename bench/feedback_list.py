"""Benchmark: the items list page over 1,000,000 items, filtered and paginated: p95 of the view.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ashyq .venv/bin/python bench/feedback_list.py \
        [--rows 1000000] [--requests 40]

Fills a throw-away database (INSERT … SELECT generate_series, with the app's indexes), then requests the
page through Django's test client as an analyst and as an officer, for several filter sets, and prints the
p50/p95 per scenario. Goal: p95 ≤ 100 ms. (tests/feedback/test_views.py asserts the query count.)
"""

from __future__ import annotations

import argparse
import statistics
import time

from feedback_db import bench_database, fill_items, seed_bodies

GOAL_MS = 100.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--bodies", type=int, default=101)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.test import Client

    from ashyq.orgs.models import Body, Membership, Role

    settings.ALLOWED_HOSTS = ["testserver"]
    with bench_database():
        body_ids = seed_bodies(args.bodies)
        start = time.perf_counter()
        fill_items(args.rows, body_ids)
        print(f"filled {args.rows:,} items for {args.bodies} bodies in {time.perf_counter() - start:.1f} s")
        authorized = Body.objects.create(name_kk="МАМ", name_ru="МКИ", kind="ministry", is_authorized_body=True)
        analyst, officer = User.objects.create(username="analyst"), User.objects.create(username="officer")
        Membership.objects.create(user=analyst, body=authorized, role=Role.ANALYST)
        Membership.objects.create(user=officer, body_id=body_ids[7], role=Role.OFFICER)
        scenarios = [
            ("analyst, no filter, page 1", analyst, {}),
            ("analyst, status=accepted, page 20", analyst, {"status": "accepted", "page": 20}),
            (
                "analyst, body + kind + September",
                analyst,
                {"body": body_ids[3], "kind": "remark", "since": "2026-09-01", "until": "2026-09-30"},
            ),
            ("officer (own body), page 1", officer, {}),
            ("officer, comments, page 3", officer, {"kind": "comment", "page": 3}),
        ]
        worst = 0.0
        for label, user, params in scenarios:
            client = Client()
            client.force_login(user)
            client.get("/en/feedback/", params)  # warm-up
            times = []
            for _ in range(args.requests):
                start = time.perf_counter()
                response = client.get("/en/feedback/", params)
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200
            p95 = statistics.quantiles(times, n=20)[18]
            worst = max(worst, p95)
            print(f"{label:40} p50 {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms")
        print(f"worst p95 {worst:.1f} ms (goal ≤ {GOAL_MS:.0f} ms) — {'met' if worst <= GOAL_MS else 'NOT met'}")


if __name__ == "__main__":
    main()
