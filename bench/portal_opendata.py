"""Benchmark: the open data of the portal over many remarks — the ``draft-remarks`` CSV streamed by the site,
and pages of the public API — against the raw database doing the same reads, in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ashyq .venv/bin/python bench/portal_opendata.py \
        [--rows 300000] [--requests 30]

Fills a throw-away PostgreSQL database (``feedback_db``), then measures:
1. the CSV download through Django's test client (every row redacted for personal data, formula-safe cells),
   its time, against a raw ``SELECT`` of the same
   columns written with ``csv.writer`` (no redaction); then, in a separate pass, the peak of Python memory
   (tracemalloc) while the site streams the CSV;
2. p50/p95 of an API page (``limit=100`` at several offsets, with its ETag and Last-Modified) against the raw
   ``SELECT … LIMIT 100 OFFSET …`` of the same columns.
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import time
import tracemalloc

from feedback_db import bench_database, fill_items, seed_bodies

COLUMNS = "id, source_id, kind, status, text, clause, reference, rejection_reason"


def _raw_csv() -> int:
    from django.db import connection

    buffer, written = io.StringIO(), 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {COLUMNS} FROM feedback_item ORDER BY id")
        writer = csv.writer(buffer)
        while rows := cursor.fetchmany(2000):
            writer.writerows(rows)
            written += len(buffer.getvalue())
            buffer.seek(0)
            buffer.truncate()
    return written


def _site_csv(client: object) -> int:
    response = client.get("/ru/portal/data/draft-remarks.csv")  # type: ignore[attr-defined]
    return sum(len(chunk) for chunk in response.streaming_content)


def _timed(work: object) -> tuple[float, int]:
    start = time.perf_counter()
    size = work()  # type: ignore[operator]
    return time.perf_counter() - start, size


def _peak(work: object) -> int:
    """The peak of Python memory while the work runs (a separate pass: tracemalloc slows Python down)."""
    tracemalloc.start()
    work()  # type: ignore[operator]
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--bodies", type=int, default=101)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    settings.ALLOWED_HOSTS = ["testserver"]
    with bench_database():
        fill_items(args.rows, seed_bodies(args.bodies))
        print(f"filled {args.rows:,} items")
        client = Client()
        client.get("/api/v1/public/")  # warm-up: imports, catalogues
        site = _timed(lambda: _site_csv(client))
        raw = _timed(_raw_csv)
        print(f"CSV, site (redacted, streamed): {site[0]:.2f} s, {site[1] / 1e6:.1f} MB")
        print(f"CSV, raw SELECT + csv.writer:   {raw[0]:.2f} s, {raw[1] / 1e6:.1f} MB")
        print(f"CSV ratio site/raw: {site[0] / raw[0]:.1f}x")
        print(f"peak Python memory while streaming the site's CSV: {_peak(lambda: _site_csv(client)) / 1e6:.1f} MB")
        offsets = [0, args.rows // 4, args.rows // 2, args.rows - 100]
        api, db = [], []
        for n in range(args.requests):
            offset = offsets[n % len(offsets)]
            start = time.perf_counter()
            response = client.get(f"/api/v1/public/draft-remarks/?limit=100&offset={offset}")
            api.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
            start = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT {COLUMNS} FROM feedback_item ORDER BY id LIMIT 100 OFFSET %s", [offset])
                cursor.fetchall()
            db.append((time.perf_counter() - start) * 1000)
        print(f"API page (limit 100): p50 {_p(api, 50):.0f} ms, p95 {_p(api, 95):.0f} ms")
        print(f"raw SELECT page:      p50 {_p(db, 50):.0f} ms, p95 {_p(db, 95):.0f} ms")


if __name__ == "__main__":
    main()
