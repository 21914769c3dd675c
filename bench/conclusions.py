"""Benchmark: 300 conclusions (002 Annex 8) as PDF and DOCX in one process, as the task worker renders them.

    .venv/bin/python bench/conclusions.py [--bodies 300] [--language ru]

Scores a campaign of 300 bodies as one group (the input of bench/score_campaign.py), then, one body after
another in this one process: builds the conclusion's text (pure), renders the PDF (WeasyPrint) and the DOCX
(python-docx). In the same run it renders a trivial one-line PDF per body through the same ``render_pdf`` —
the fixed cost of WeasyPrint — to compare with. Prints the time per document and the process's peak memory
(max RSS) and the resident memory after each quarter of the documents; docs/performance.md records them.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ashyq.settings")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _current_mb() -> float:
    """The resident memory now, after a collection (Linux): flat from one batch to the next means no leak."""
    gc.collect()
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _timed(label: str, count: int, work: Callable[[int], int]) -> tuple[float, int]:
    """Seconds per document (median) and total bytes of ``work(index)`` over ``count`` documents."""
    seconds: list[float] = []
    size = 0
    resident = []
    for index in range(count):
        start = time.perf_counter()
        size += work(index)
        seconds.append(time.perf_counter() - start)
        if (index + 1) % max(count // 4, 1) == 0:
            resident.append(f"{_current_mb():.0f}")
    median, total = statistics.median(seconds), sum(seconds)
    print(
        f"{label}: {count} in {total:.1f} s, median {median * 1000:.0f} ms, "
        f"max {max(seconds) * 1000:.0f} ms, {size / count / 1024:.0f} KiB each; "
        f"RSS after each quarter {' / '.join(resident)} MB, peak {_peak_mb():.0f} MB"
    )
    return total / count, size


def main() -> None:
    import random

    import django

    django.setup()
    logging_off()
    from score_campaign import _body

    from ashyq.evaluation.conclusion import ConclusionDetails, build_conclusion
    from ashyq.evaluation.conclusion_documents import conclusion_docx, conclusion_pdf
    from ashyq.evaluation.engine import parse_openness, score_openness
    from ashyq.methodology.versions import Names, openness_version
    from ashyq.reports.pdf import render_pdf

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=int, default=300)
    parser.add_argument("--language", choices=("kk", "ru"), default="ru")
    args = parser.parse_args()
    print(f"peak RSS after start-up: {_peak_mb():.0f} MB")
    version = openness_version(date(2026, 1, 1))
    rng = random.Random(2026)
    data = {"bodies": [_body(version, index, rng) for index in range(args.bodies)]}
    start = time.perf_counter()
    scores = score_openness(version, parse_openness(version, data))
    print(f"scoring {args.bodies} bodies as one group: {time.perf_counter() - start:.2f} s")
    details = ConclusionDetails(
        body_name=Names("Мемлекеттік орган", "Государственный орган"),
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        head_name="А. Б. Сейітов",
        signed_on=date(2026, 3, 2),
    )
    conclusions = []
    per_text, _ = _timed(
        "text (pure)",
        args.bodies,
        lambda i: conclusions.append(build_conclusion(version, scores[i], details, args.language)) or 0,
    )
    render_pdf("reports/document.html", {"title": "warm-up"})  # load Pango and the fonts once
    per_trivial, _ = _timed(
        "trivial one-line PDF (baseline)",
        args.bodies,
        lambda i: len(render_pdf("reports/document.html", {"title": conclusions[i].final_score})),
    )
    per_pdf, _ = _timed("conclusion PDF", args.bodies, lambda i: len(conclusion_pdf(conclusions[i])))
    per_docx, _ = _timed("conclusion DOCX", args.bodies, lambda i: len(conclusion_docx(conclusions[i])))
    print(
        f"per conclusion: text {per_text * 1000:.1f} ms, PDF {per_pdf * 1000:.0f} ms "
        f"({per_pdf / per_trivial:.1f}× a trivial PDF), DOCX {per_docx * 1000:.0f} ms; "
        f"{args.bodies} PDFs + DOCX: {(per_text + per_pdf + per_docx) * args.bodies:.0f} s; "
        f"peak RSS {_peak_mb():.0f} MB"
    )


def logging_off() -> None:
    import logging

    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)


if __name__ == "__main__":
    main()
