"""Shared set-up of the feedback benchmarks: a throw-away PostgreSQL database built from the models.

The database is ``test_<name of DATABASE_URL's database>_fbbench``, created from the models (no migrations),
and dropped at the end. Needs ``DATABASE_URL=postgres://…``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ashyq.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402


@contextmanager
def bench_database() -> Iterator[None]:
    """Create the benchmark database from the models, yield, drop it."""
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL=postgres://… : the feedback benchmarks measure PostgreSQL.")
    settings.DATABASES["default"]["TEST"].update(
        {"NAME": f"test_{settings.DATABASES['default']['NAME']}_fbbench", "MIGRATE": False}
    )
    creation = connection.creation
    old_name = creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield
    finally:
        creation.destroy_test_db(old_name, verbosity=0)


def seed_bodies(count: int) -> list[int]:
    """``count`` ministries and one officer; returns the body ids."""
    from ashyq.orgs.models import Body, BodyKind

    bodies = Body.objects.bulk_create(
        Body(
            name_kk=f"{n}-министрлік",
            name_ru=f"Министерство {n}",
            kind=BodyKind.MINISTRY,
            legalacts_government_id=10_000 + n,
        )
        for n in range(count)
    )
    return [body.pk for body in bodies]


def drop_item_indexes() -> None:
    """Drop the items table's secondary indexes (and the partial unique one) to fill it fast; the F
    aggregate over a whole year reads every row anyway."""
    from ashyq.feedback.models import Item

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexname NOT LIKE %s",
            [Item._meta.db_table, "%pkey"],
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f'ALTER TABLE {Item._meta.db_table} DROP CONSTRAINT IF EXISTS "{name}"')
            cursor.execute(f'DROP INDEX IF EXISTS "{name}"')


def fill_items(rows: int, body_ids: list[int], *, year: int = 2026) -> None:
    """``rows`` items spread over the bodies (one draft each) with one INSERT … SELECT generate_series."""
    from ashyq.feedback.models import Item, Source

    sources = Source.objects.bulk_create(
        Source(
            body_id=body_id,
            kind="draft_npa",
            channel="npa_portal",
            title_kk=f"Жоба {body_id}",
            title_ru=f"Проект {body_id}",
            period_start=f"{year}-01-01",
            period_end=f"{year}-12-31",
        )
        for body_id in body_ids
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_sources AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, "
            "body_id FROM feedback_source WHERE id = ANY(%s)",
            [[s.pk for s in sources]],
        )
        cursor.execute(
            f"""
            INSERT INTO {Item._meta.db_table} (created_at, updated_at, source_id, body_id, channel, kind, status,
                external_id, author, text, clause, received_at, outside_period, portal_status, reference,
                rejection_reason, answer_text, answered_on, follow_up, follow_up_note)
            SELECT now(), now(), s.id, s.body_id, 'npa_portal',
                   CASE WHEN g %% 3 = 0 THEN 'comment' ELSE 'remark' END,
                   CASE WHEN g %% 3 = 0 THEN (CASE WHEN g %% 2 = 0 THEN 'answered' ELSE 'unanswered' END)
                        ELSE (CASE g %% 5 WHEN 0 THEN 'rejected' WHEN 1 THEN 'received' ELSE 'accepted' END) END,
                   'g' || g, 'Автор ' || (g %% 1000), 'Ұсыныс мәтіні ' || g, '',
                   make_timestamptz({year}, 1, 1, 0, 0, 0, 'Asia/Almaty') + (g %% 365) * interval '1 day'
                       + (g %% 1440) * interval '1 minute',
                   false, '', CASE WHEN g %% 3 <> 0 AND g %% 5 > 1 THEN 'п. 1' ELSE '' END,
                   CASE WHEN g %% 3 <> 0 AND g %% 5 = 0 THEN 'себеп' ELSE '' END,
                   CASE WHEN g %% 3 = 0 AND g %% 2 = 0 THEN 'жауап' ELSE '' END,
                   CASE WHEN g %% 3 = 0 AND g %% 2 = 0 THEN make_date({year}, 12, 31) END, '', ''
            FROM generate_series(1, %s) AS g JOIN bench_sources s ON s.n = g %% %s
        """,
            [rows, len(body_ids)],
        )
        cursor.execute(f"ANALYZE {Item._meta.db_table}")
