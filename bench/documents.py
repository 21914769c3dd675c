"""Benchmark: the report of a draft with 1,000 and 20,000 remarks in PDF, DOCX and XLSX, made as the task worker
makes it (issue 11 item 7), beside a trivial baseline in the same run: the same rows read and written as plain CSV.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ashyq .venv/bin/python bench/documents.py \
        [--sizes 1000 20000] [--formats pdf docx xlsx]

Builds a throw-away PostgreSQL database (``bench/feedback_db.py``) with one body and one draft per size whose
remarks have texts of 80–400 characters, decisions, references, reasons and answers. Each document is made by
``document_job_run`` in a fresh Python process, as one ``manage.py db_worker`` would; the process reports its
time, its CPU time (the fairer figure on a shared machine) and its peak memory (``VmHWM``). The baseline runs in
its own process the same way. Goals: the 20,000-row document costs at most 25× the 1,000-row one (no worse than
linear), and the worker stays under 1 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL_RATIO = 25
GOAL_MB = 1024
BENCH = Path(__file__).resolve()
TEXTS = (
    "Жобаның {n}-тармағын жаңа редакцияда жазуды ұсынамын, өйткені қолданыстағы редакция азаматтардың өтінішін "
    "қарау мерзімін нақты белгілемейді.",
    "Предлагаю изложить пункт {n} в новой редакции: действующая формулировка допускает двоякое толкование и не "
    "учитывает интересы субъектов малого предпринимательства, которые подают отчетность один раз в год, а также "
    "требования Административного процедурно-процессуального кодекса о сроках.",
    "{n}-бап бойынша ескерту: анықтама берудің электрондық нысанын қосу қажет.",
    "Считаю необходимым исключить подпункт {n}) как противоречащий статье 12 Закона «О доступе к информации»; "
    "кроме того, в пункте следует указать ответственное структурное подразделение, срок и порядок обжалования, "
    "а переходные положения дополнить нормой о действии приказа во времени.",
)


def _vmhwm_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")


def child(job_id: int, baseline: bool) -> None:
    """One worker-like process: make the document (or the baseline CSV) and print its time and peak memory."""
    sys.path.insert(0, str(BENCH.parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ashyq.settings")
    import django

    django.setup()
    from ashyq.reports.models import DocumentJob

    job = DocumentJob.objects.get(pk=job_id)
    before = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = before.ru_utime + before.ru_stime
    start = time.perf_counter()
    if baseline:
        import csv
        import tempfile

        from ashyq.feedback.models import Item

        items = Item.objects.filter(source_id=job.params["source"], kind="remark").order_by("received_at", "id")
        fields = ("id", "author", "text", "clause", "received_at", "status", "reference", "answer_text")
        with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as output:
            writer = csv.writer(output)
            for row in items.values_list(*fields).iterator(chunk_size=2000):
                writer.writerow(row)
    else:
        from ashyq.reports.jobs import document_job_run

        job = document_job_run(job_id=job_id)
        assert job.status == DocumentJob.Status.DONE, job.status
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime - cpu_before
    print(json.dumps({"seconds": time.perf_counter() - start, "cpu": cpu, "peak_mb": _vmhwm_mb()}))


def seed(sizes: list[int]) -> tuple[int, dict[int, int]]:
    """One body, its officer, and a draft per size with that many remarks; returns the officer and the drafts."""
    import datetime
    from zoneinfo import ZoneInfo

    from django.contrib.auth.models import User

    from ashyq.feedback.models import Item, Source
    from ashyq.orgs.models import Body, BodyKind, Membership, Role

    body = Body.objects.create(
        name_kk="Денсаулық сақтау министрлігі", name_ru="Министерство здравоохранения", kind=BodyKind.MINISTRY
    )
    officer = User.objects.create(username="bench.officer")
    Membership.objects.create(user=officer, body=body, role=Role.OFFICER)
    start = datetime.datetime(2026, 9, 1, 9, 0, tzinfo=ZoneInfo("Asia/Almaty"))
    drafts = {}
    for size in sizes:
        source = Source.objects.create(
            body=body,
            kind="draft_npa",
            channel="npa_portal",
            title_kk=f"«Азаматтардың өтініштерін қарау қағидаларын бекіту туралы» бұйрықтың жобасы ({size})",
            title_ru=f"Проект приказа «Об утверждении Правил рассмотрения обращений граждан» ({size})",
            url="https://legalacts.egov.kz/npa/view?id=14000000",
            period_start=datetime.date(2026, 9, 1),
            period_end=datetime.date(2026, 9, 15),
        )
        Item.objects.bulk_create(
            (
                Item(
                    source=source,
                    body=body,
                    channel="npa_portal",
                    kind="remark",
                    status=("accepted", "rejected", "received")[n % 3],
                    external_id=f"{size}-{n}",
                    author=f"Автор {n % 700}",
                    text=TEXTS[n % len(TEXTS)].format(n=n % 90 + 1),
                    clause=f"{n % 40 + 1}-тармақ",
                    received_at=start + datetime.timedelta(minutes=n % 20_000),
                    reference=f"Бұйрық № {n % 90}, {n % 30 + 1}-тармақ" if n % 3 == 0 else "",
                    rejection_reason="Кодекске қайшы келеді, себебі норма заңмен реттелген" if n % 3 == 1 else "",
                    answer_text="Ескертуіңіз қаралды, нәтижесі жобада ескерілді." if n % 2 == 0 else "",
                )
                for n in range(size)
            ),
            batch_size=5000,
        )
        drafts[size] = source.pk
    return officer.pk, drafts


def run_child(job_id: int, *, baseline: bool) -> dict[str, float]:
    from django.conf import settings

    database = settings.DATABASES["default"]
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    env = {**os.environ, "DATABASE_URL": url}  # ASHYQ_VAR_DIR (the files) is the parent's, inherited
    command = [sys.executable, str(BENCH), "--child", str(job_id), *(["--baseline"] if baseline else [])]
    output = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout  # noqa: S603 — ourselves
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 20_000])
    parser.add_argument("--formats", nargs="+", default=["pdf", "docx", "xlsx"])
    parser.add_argument("--child", type=int)
    parser.add_argument("--baseline", action="store_true")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.baseline)
        return
    os.environ["ASHYQ_VAR_DIR"] = tempfile.mkdtemp(prefix="ashyq-bench-documents-")
    sys.path.insert(0, str(BENCH.parent))
    from feedback_db import bench_database

    from ashyq.reports.models import DocumentJob

    with bench_database():
        officer, drafts = seed(args.sizes)
        results: dict[tuple[str, int], dict[str, float]] = {}
        for size in args.sizes:
            for file_format in ["baseline", *args.formats]:
                job = DocumentJob.objects.create(
                    kind="ashyq.feedback.documents.DRAFT_REPORT",
                    params={"source": drafts[size]},
                    file_format="csv" if file_format == "baseline" else file_format,
                    language="kk",
                    title="bench",
                    created_by_id=officer,
                    total_rows=size,
                )
                results[file_format, size] = run_child(job.pk, baseline=file_format == "baseline")
                figures = results[file_format, size]
                print(
                    f"{file_format:8} {size:>6} rows: {figures['seconds']:8.2f} s, CPU {figures['cpu']:8.2f} s, "
                    f"peak {figures['peak_mb']:6.0f} MB"
                )
        small, large = min(args.sizes), max(args.sizes)
        columns = f"{small} rows | {large} rows | {large} / {small} (CPU) | × baseline at {large} (CPU)"
        print(f"\n| format | {columns} | peak |")
        print("|---|---|---|---|---|---|")
        for file_format in ["baseline", *args.formats]:
            low, high = results[file_format, small], results[file_format, large]
            ratio = high["cpu"] / low["cpu"]
            base = high["cpu"] / results["baseline", large]["cpu"]
            met = ratio <= GOAL_RATIO and high["peak_mb"] < GOAL_MB
            ok = "" if file_format == "baseline" else (" ✓" if met else " ✗")
            print(
                f"| {file_format} | {low['seconds']:.2f} s (CPU {low['cpu']:.2f} s) "
                f"| {high['seconds']:.2f} s (CPU {high['cpu']:.2f} s) | {ratio:.1f}×{ok} | {base:.0f}× "
                f"| {max(low['peak_mb'], high['peak_mb']):.0f} MB |"
            )


if __name__ == "__main__":
    main()
