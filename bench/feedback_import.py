"""Benchmark: import 1,000,000 feedback rows from CSV into PostgreSQL, with validation, vs a raw COPY.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ashyq .venv/bin/python bench/feedback_import.py \
        [--rows 1000000]

Writes a CSV in the Ashyq template (docs/feedback.md), runs the real import (``import_job_run``: pass 1
validates every row, pass 2 writes with COPY in one transaction) in a throw-away database, then the raw
database doing the same work two ways: the same file COPYed into an untyped, unindexed staging table, and
exactly the rows the import wrote COPYed back into the emptied items table (its indexes, no validation).
Prints rows/s of each, both ratios (goal ≥ 0.5× COPY) and the peak memory (max RSS) of this process.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import resource
import tempfile
import time
from pathlib import Path

from feedback_db import bench_database, seed_bodies

from ashyq.feedback.documents import TEMPLATE_HEADERS

GOAL = 0.5
KINDS = ("remark", "comment")


def write_csv(path: Path, rows: int) -> None:
    start = datetime.datetime(2026, 9, 1, 9, 0)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(TEMPLATE_HEADERS[:11])  # the template's columns, without body_npa_id
        for n in range(rows):
            kind = KINDS[n % 3 == 0]
            moment = (start + datetime.timedelta(minutes=n % 20_000)).strftime("%Y-%m-%d %H:%M")
            status, reference, reason = "", "", ""
            if kind == "remark" and n % 4 == 1:
                status, reference = "accepted", f"Бұйрық № {n % 90}, {n % 30}-тармақ"
            elif kind == "remark" and n % 4 == 2:
                status, reason = "rejected", "Кодекске қайшы"
            writer.writerow(
                [
                    f"R{n}",
                    kind,
                    f"Автор {n % 5000}",
                    f"{n}-тармақты жаңа редакцияда жазу ұсынылады",
                    f"{n % 40}-тармақ",
                    moment,
                    status,
                    reference,
                    reason,
                    "",
                    "",
                ]
            )


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.db import connection

    from ashyq.feedback.models import ImportJob, Item, Source
    from ashyq.feedback.services.imports import import_job_run

    with tempfile.TemporaryDirectory() as media, bench_database():
        settings.MEDIA_ROOT = media
        path = Path(media) / "bench.csv"
        write_csv(path, args.rows)
        size_mb = path.stat().st_size / 1024 / 1024
        body_id = seed_bodies(1)[0]
        user = User.objects.create(username="bench")
        source = Source.objects.create(
            body_id=body_id,
            kind="draft_npa",
            channel="npa_portal",
            title_kk="Жоба",
            title_ru="Проект",
            period_start=datetime.date(2026, 9, 1),
            period_end=datetime.date(2026, 9, 30),
        )
        job = ImportJob.objects.create(
            source=source, file="bench.csv", file_name="bench.csv", format="template", created_by=user
        )
        before = peak_mb()
        start = time.perf_counter()
        job = import_job_run(job_id=job.pk)
        import_time = time.perf_counter() - start
        job.refresh_from_db()
        assert job.status == ImportJob.Status.DONE, job.errors[:3]
        assert Item.objects.count() == args.rows
        peak = peak_mb()

        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE UNLOGGED TABLE bench_raw (external_id text, kind text, author text, text text, "
                "clause text, received_at text, status text, reference text, reason text, answer text, "
                "answered_on text)"
            )
            start = time.perf_counter()
            with (
                cursor.cursor.copy("COPY bench_raw FROM STDIN WITH (FORMAT csv, HEADER true)") as copy,
                path.open("rb") as handle,
            ):
                while block := handle.read(1 << 20):
                    copy.write(block)
            copy_time = time.perf_counter() - start
            cursor.execute("SELECT count(*) FROM bench_raw")
            assert cursor.fetchone()[0] == args.rows
            # The raw database doing the same work: exactly the rows the import wrote, COPYed back into the
            # emptied items table (same indexes and constraints), without Ashyq's validation.
            typed_path = Path(media) / "typed.csv"
            columns = [field.column for field in Item._meta.concrete_fields if field.column != "id"]
            column_list = ", ".join(columns)
            with (
                cursor.cursor.copy(f"COPY (SELECT {column_list} FROM feedback_item) TO STDOUT") as out,
                typed_path.open("wb") as handle,
            ):
                for block in out:
                    handle.write(block)
            cursor.execute("TRUNCATE feedback_item CASCADE")
            start = time.perf_counter()
            with (
                cursor.cursor.copy(f"COPY feedback_item ({column_list}) FROM STDIN") as copy,
                typed_path.open("rb") as handle,
            ):
                while block := handle.read(1 << 20):
                    copy.write(block)
            typed_time = time.perf_counter() - start
            cursor.execute("SELECT count(*) FROM feedback_item")
            assert cursor.fetchone()[0] == args.rows

        ratio, typed_ratio = copy_time / import_time, typed_time / import_time
        print(f"file: {args.rows:,} rows, {size_mb:.0f} MB")
        print(f"import with validation: {import_time:.1f} s = {args.rows / import_time:,.0f} rows/s")
        print(
            f"raw COPY of the file into an untyped, unindexed table: {copy_time:.1f} s = "
            f"{args.rows / copy_time:,.0f} rows/s"
        )
        print(
            f"raw COPY of the same rows into the items table (its indexes, no validation): {typed_time:.1f} s = "
            f"{args.rows / typed_time:,.0f} rows/s"
        )
        print(f"ratio {ratio:.2f}× the untyped COPY (goal ≥ {GOAL}×) — {'met' if ratio >= GOAL else 'NOT met'}")
        print(
            f"ratio {typed_ratio:.2f}× the COPY into the items table (goal ≥ {GOAL}×) — "
            f"{'met' if typed_ratio >= GOAL else 'NOT met'}"
        )
        print(f"peak memory (max RSS) of the process: {peak:.0f} MB (before the import: {before:.0f} MB)")


if __name__ == "__main__":
    main()
