"""Fuzz the API against its own OpenAPI schema with schemathesis, every check on (issue 15 item 6).

    .venv/bin/python bench/api_fuzz.py [--examples 60] [--max-time 900] [--port 8765]

Builds a throw-away SQLite database in a temporary ``ASHYQ_VAR_DIR`` (migrations + ``demo_load``), serves it
with gunicorn on 127.0.0.1 only, and runs ``schemathesis run --checks all`` twice: anonymous, then signed in as
the demo analyst (session cookie + CSRF token, as a browser's script would call the API). Prints schemathesis's
own summary of each run and exits non-zero if either run reports a failure. The server and the temporary
directory are removed at the end. tests/core/test_api_schema.py runs the same checks on a small budget in CI.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from ashyq.core.api_rules import schemathesis_operations_config

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"


def _wait_until_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=10).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise SystemExit(f"the server did not answer {url} within {seconds:.0f} s")


def _sign_in(base: str) -> tuple[str, str]:
    """The demo analyst's session id and CSRF token, through the log-in form."""
    session = requests.Session()
    session.get(f"{base}/en/login/", timeout=10)
    token = session.cookies["csrftoken"]
    answer = session.post(
        f"{base}/en/login/",
        data={"csrfmiddlewaretoken": token, "username": "analyst", "password": "ashyq-demo-2026"},
        headers={"Referer": f"{base}/en/login/"},
        allow_redirects=False,
        timeout=10,
    )
    if answer.status_code != 302 or "sessionid" not in session.cookies:
        raise SystemExit(f"log-in as the demo analyst failed ({answer.status_code})")
    return session.cookies["sessionid"], session.cookies["csrftoken"]


def _schemathesis(base: str, examples: int, max_time: int, signed_in: tuple[str, str] | None) -> tuple[int, str]:
    env = dict(os.environ)
    config = Path(tempfile.mkdtemp(prefix="ashyq-fuzz-")) / "schemathesis.toml"
    auth = '[auth.openapi.SessionAuth]\napi_key = "${ASHYQ_FUZZ_SESSIONID}"\n' if signed_in is not None else ""
    config.write_text(auth + schemathesis_operations_config(), encoding="utf-8")
    command = [str(BIN / "schemathesis"), "--no-color", "--config-file", str(config)]
    if signed_in is not None:
        env |= {"ASHYQ_FUZZ_SESSIONID": signed_in[0], "ASHYQ_FUZZ_CSRF": signed_in[1]}
        env |= {"SCHEMATHESIS_HOOKS": "bench.api_fuzz_hooks"}
    command += [
        "run",
        f"{base}/api/openapi.json",
        "--checks",
        "all",
        "--max-examples",
        str(examples),
        "--max-time",
        str(max_time),
        "--workers",
        "2",
        "--seed",
        "15",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT, env=env)  # noqa: S603
    return result.returncode, result.stdout + result.stderr


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=60, help="examples per operation and phase")
    parser.add_argument("--max-time", type=int, default=900, help="seconds per run (anonymous, signed in)")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    base = f"http://127.0.0.1:{args.port}"
    with tempfile.TemporaryDirectory(prefix="ashyq-fuzz-") as var_dir:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ASHYQ_", "DATABASE"))}
        env |= {"ASHYQ_VAR_DIR": var_dir, "ASHYQ_TASK_BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
        env["AXES_FAILURE_LIMIT"] = "1000"
        for step in (["migrate", "--no-input", "-v", "0"], ["demo_load"]):
            command = [str(BIN / "python"), "manage.py", *step]
            subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603
        server = subprocess.Popen(  # noqa: S603
            [str(BIN / "gunicorn"), "ashyq.wsgi", "-b", f"127.0.0.1:{args.port}", "-w", "2", "--log-level", "warning"],
            cwd=ROOT,
            env=env,
        )
        failed = False
        try:
            _wait_until_up(f"{base}/api/openapi.json")
            runs = {"anonymous": None, "signed in (analyst)": _sign_in(base)}
            for label, signed_in in runs.items():
                started = time.monotonic()
                code, output = _schemathesis(base, args.examples, args.max_time, signed_in)
                failed |= code != 0
                summary = [line for line in output.splitlines() if re.search(r"cases|passed|failed|errors?\b", line)]
                print(f"== {label}: exit {code} in {time.monotonic() - started:.0f} s")
                # a generated value can be megabytes long: each line is cut so the failures' reports stay readable
                shown = "\n".join(line[:300] for line in output.splitlines())
                print("\n".join(summary[-25:]) if code == 0 else shown[-20000:])
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
