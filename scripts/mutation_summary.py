"""Print the mutation score of `make mutation` per module and the surviving mutants (docs/testing.md).

Reads mutmut's results under mutants/ (one ``.meta`` file per mutated module). Killed = killed by a failing
test or a timeout (the mutant made the code loop); the score is killed / checked, where checked leaves out the
mutants not run yet. Exits 1 when no results exist.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mutmut.stats import status_by_exit_code

KILLED = {"killed", "timeout", "caught by type check"}


def main(root: Path = Path("mutants")) -> int:
    metas = sorted(root.glob("ashyq/**/*.meta"))
    if not metas:
        print("no mutation results under mutants/: run `make mutation` first", file=sys.stderr)
        return 1
    total_checked = total_killed = 0
    survivors: list[str] = []
    print(f"{'module':<48} {'checked':>8} {'killed':>7} {'score':>7} {'not run':>8}")
    for meta in metas:
        codes = json.loads(meta.read_text(encoding="utf-8")).get("exit_code_by_key", {})
        statuses = {name: status_by_exit_code[code] for name, code in codes.items()}
        checked = {name: status for name, status in statuses.items() if status != "not checked"}
        if not checked:
            continue
        killed = sum(status in KILLED for status in checked.values())
        survivors += sorted(name for name, status in checked.items() if status not in KILLED)
        module = str(meta.relative_to(root)).removesuffix(".meta")
        not_run = len(codes) - len(checked)
        print(f"{module:<48} {len(checked):>8} {killed:>7} {100 * killed / len(checked):>6.1f}% {not_run:>8}")
        total_checked += len(checked)
        total_killed += killed
    if total_checked:
        print(f"{'all':<48} {total_checked:>8} {total_killed:>7} {100 * total_killed / total_checked:>6.1f}%")
    print(f"\nsurvivors ({len(survivors)}):")
    for name in survivors:
        print(f"  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
