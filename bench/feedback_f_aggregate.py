"""Benchmark: B, C, E, G (and F by the engine) for every body over 10,000,000 items.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ashyq .venv/bin/python bench/feedback_f_aggregate.py \
        [--rows 10000000] [--bodies 251] [--runs 5]

Fills a throw-away database with one INSERT … SELECT generate_series, then times the selector
``feedback_counts`` (the ORM's one aggregate query) against a hand-written ``COUNT(*) FILTER`` query over
the same rows, best of ``--runs`` each, and checks both give the same numbers. Goal: ≤ 1.2×.
"""

from __future__ import annotations

import argparse
import time

from feedback_db import bench_database, drop_item_indexes, fill_items, seed_bodies

GOAL = 1.2
RAW = """
SELECT body_id,
       COUNT(*) FILTER (WHERE kind = 'remark'),
       COUNT(*) FILTER (WHERE kind = 'remark' AND status = 'accepted'),
       COUNT(*) FILTER (WHERE kind = 'remark' AND status = 'rejected'),
       COUNT(*) FILTER (WHERE kind = 'comment'),
       COUNT(*) FILTER (WHERE kind = 'comment' AND status = 'answered')
FROM feedback_item WHERE received_at >= %s AND received_at < %s GROUP BY body_id
"""


def best(function, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--bodies", type=int, default=251)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from django.db import connection

    from ashyq.feedback.periods import Period
    from ashyq.feedback.selectors import feedback_counts, feedback_version_for, score_counts

    with bench_database():
        start = time.perf_counter()
        body_ids = seed_bodies(args.bodies)
        drop_item_indexes()
        fill_items(args.rows, body_ids)
        print(f"filled {args.rows:,} items for {args.bodies} bodies in {time.perf_counter() - start:.1f} s")
        period = Period.year(2026)
        orm_time, counts = best(lambda: feedback_counts(period=period), args.runs)

        def raw() -> list[tuple[int, ...]]:
            with connection.cursor() as cursor:
                cursor.execute(RAW, [period.start_moment, period.end_moment])
                return cursor.fetchall()

        raw_time, rows = best(raw, args.runs)
        assert {r[0]: r[1:] for r in rows} == {
            body: (c.remarks_received, c.remarks_accepted, c.remarks_rejected, c.comments_received, c.comments_answered)
            for body, c in counts.items()
        }
        version = feedback_version_for(period)
        start = time.perf_counter()
        scores = [score_counts(version, c, True) for c in counts.values()]
        engine_time = time.perf_counter() - start
        ratio = orm_time / raw_time
        print(f"selector feedback_counts (ORM, one query): {orm_time * 1000:.0f} ms")
        print(f"hand-written COUNT(*) FILTER:               {raw_time * 1000:.0f} ms")
        print(f"ratio {ratio:.2f}× (goal ≤ {GOAL}×) — {'met' if ratio <= GOAL else 'NOT met'}")
        print(f"F by the engine for {len(scores)} bodies: {engine_time * 1000:.1f} ms; e.g. F = {scores[0].display}")


if __name__ == "__main__":
    main()
