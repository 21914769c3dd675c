"""Load: 50 users on the public pages and the signed-in items list, beside a trivial page (issue 15 item 7).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ashyq_<name> .venv/bin/python bench/load.py \
        [--users 50] [--seconds 30] [--workers 2] [--port 8766]

The database must hold the demo data (``manage.py migrate && manage.py demo_load``); the script tops the
officer of the health ministry's body up to ``--items`` (140) feedback items, starts gunicorn (sync workers,
127.0.0.1 only), signs in once as that officer, and lets ``--users`` threads (keep-alive connections, no
think time) request the pages round-robin for ``--seconds``. Every page is measured in the same run as
``/healthz`` (no database, no template): p50/p95/p99 per page, requests per second, and the ratio of each
page's p95 to the trivial page's p95 (goal ≤ 3×). Then one user alone requests each page 20 times: the
server time of a page without queueing. The server is stopped at the end; nothing else is left running.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
GOAL = 3.0
TRIVIAL = "/healthz"
PUBLIC = ["/kk/", "/kk/registry/", "/kk/meetings/schedule/2026/", "/kk/bodies/"]
SIGNED_IN = ["/kk/feedback/"]


def _top_up_items(count: int) -> None:
    """The health ministry's officer sees ``count`` items (the issue's "140 items")."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ashyq.settings")
    import django

    django.setup()
    import datetime

    from django.contrib.auth.models import User
    from django.utils import timezone

    from ashyq.feedback.models import Item
    from ashyq.orgs.models import Membership

    body = Membership.objects.get(user=User.objects.get(username="officer.health")).body
    template = Item.objects.filter(body=body).order_by("pk").first()
    if template is None:
        raise SystemExit("no feedback item of the health ministry: run manage.py demo_load first")
    missing = count - Item.objects.filter(body=body).count()
    start = timezone.now() - datetime.timedelta(days=200)
    for n in range(max(missing, 0)):
        template.pk = None
        template.external_id = f"load-{n}"
        template.received_at = start + datetime.timedelta(hours=n)
        template.save(force_insert=True)
    print(f"items of the officer's body: {Item.objects.filter(body=body).count()}")


class Connection:
    def __init__(self, port: int, cookie: str) -> None:
        self.port, self.cookie = port, cookie
        self.http = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(self, path: str) -> tuple[int, float]:
        headers = {"Cookie": self.cookie} if self.cookie and path in SIGNED_IN else {}
        started = time.perf_counter()
        try:
            self.http.request("GET", path, headers=headers)
            response = self.http.getresponse()
            response.read()
        except (http.client.HTTPException, OSError):
            self.http.close()
            self.http = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            return 0, time.perf_counter() - started
        return response.status, time.perf_counter() - started


def _sign_in(port: int) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/en/login/")
    answer = connection.getresponse()
    answer.read()
    csrf = next(c.split(";")[0].split("=", 1)[1] for c in answer.headers.get_all("Set-Cookie") if "csrftoken" in c)
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": csrf, "username": "officer.health", "password": "ashyq-demo-2026"}
    )
    headers = {"Cookie": f"csrftoken={csrf}", "Content-Type": "application/x-www-form-urlencoded"}
    connection.request("POST", "/en/login/", body=body, headers={**headers, "Referer": f"http://127.0.0.1:{port}/"})
    answer = connection.getresponse()
    answer.read()
    session = [c.split(";")[0] for c in answer.headers.get_all("Set-Cookie") or [] if c.startswith("sessionid=")]
    if answer.status != 302 or not session:
        raise SystemExit(f"log-in as officer.health failed ({answer.status})")
    return session[0]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def _load(port: int, cookie: str, users: int, seconds: float, pages: list[str] | None = None) -> dict[str, list[float]]:
    pages = pages or [TRIVIAL, *PUBLIC, *SIGNED_IN]
    times: dict[str, list[float]] = {page: [] for page in pages}
    errors: list[str] = []
    deadline = time.monotonic() + seconds
    lock = threading.Lock()

    def user(offset: int) -> None:
        connection = Connection(port, cookie)
        n = offset
        while time.monotonic() < deadline:
            page = pages[n % len(pages)]
            status, elapsed = connection.get(page)
            with lock:
                if status == 200:
                    times[page].append(elapsed)
                else:
                    errors.append(f"{page} {status}")
            n += 1

    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        print(f"non-200 answers: {len(errors)} (first: {errors[:3]})")
    return times


def start_server(port: int, workers: int, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """gunicorn (sync workers, 127.0.0.1 only) serving the site; returns once ``/healthz`` answers."""
    environment = {**os.environ, **(env or {}), "DJANGO_DEBUG": "false", "ASHYQ_LOG_LEVEL": "WARNING"}
    command = [str(BIN / "gunicorn"), "ashyq.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers)]
    server = subprocess.Popen(  # noqa: S603
        [*command, "--log-level", "warning", "--backlog", "256"],
        cwd=ROOT,
        env=environment,
    )
    for _ in range(120):
        try:
            if Connection(port, "").get(TRIVIAL)[0] == 200:
                break
        except OSError:
            pass
        time.sleep(0.5)
    return server


def report(times: dict[str, list[float]], wall: float, users: int, workers: int) -> float:
    """p50/p95/p99 and requests per second of each page and its p95 against the trivial page's; the worst ratio."""
    trivial_p95 = _percentile(times[TRIVIAL], 0.95)
    print(
        f"\n{users} users, {workers} gunicorn workers, {wall:.0f} s, "
        f"{sum(map(len, times.values())) / wall:.1f} req/s in all"
    )
    width = max(18, *(len(page) + 2 for page in times))
    print(f"{'page':<{width}}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'p95/trivial':>13}")
    worst = 0.0
    for page, values in times.items():
        p95 = _percentile(values, 0.95)
        ratio = p95 / trivial_p95
        worst = max(worst, ratio)
        print(
            f"{page:<{width}}{len(values):>9}{len(values) / wall:>8.1f}{_percentile(values, 0.5):>9.0f}"
            f"{p95:>9.0f}{_percentile(values, 0.99):>9.0f}{ratio:>12.2f}×"
        )
    print(f"worst p95 / trivial p95: {worst:.2f}× — goal ≤ {GOAL:.0f}×: {'met' if worst <= GOAL else 'NOT met'}")
    return worst


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--items", type=int, default=140)
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("set DATABASE_URL to your PostgreSQL database (demo data loaded)")
    _top_up_items(args.items)
    server = start_server(args.port, args.workers)
    try:
        cookie = _sign_in(args.port)
        warm = Connection(args.port, cookie)
        for page in [TRIVIAL, *PUBLIC, *SIGNED_IN] * args.workers * 2:
            status, _ = warm.get(page)
            if status != 200:
                raise SystemExit(f"{page} answered {status}")
        started = time.monotonic()
        times = _load(args.port, cookie, args.users, args.seconds)
        report(times, time.monotonic() - started, args.users, args.workers)
        print("\none user alone (server time without queueing), median of 20:")
        for page in [TRIVIAL, *PUBLIC, *SIGNED_IN]:
            alone = [warm.get(page)[1] for _ in range(20)]
            print(f"{page:<18}{statistics.median(alone) * 1000:>9.1f} ms")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
