"""make bench: runs every benchmark, prints a table with budgets, writes results.json.

Figures, never pass/fail tests. The suite grows with the faults-and-load issue (#8)."""

from __future__ import annotations

import json
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_accept  # noqa: E402
import bench_core  # noqa: E402
import bench_import  # noqa: E402
import bench_merge  # noqa: E402
import bench_suggest  # noqa: E402


def main() -> int:
    rows = (list(bench_suggest.run()) + list(bench_import.run()) + list(bench_core.run()) + list(bench_accept.run())
            + list(bench_merge.run()))
    print(f"{'benchmark':<52}{'value':>10} {'unit':<6}{'budget':>8}  {'':4}detail")
    for row in rows:
        print(f"{row['name']:<52}{row['value']:>10} {row['unit']:<6}{row['budget']:>8}  "
              f"{'ok' if row['ok'] else 'MISS':5}{row['detail']}")
    out = Path(__file__).with_name("results.json")
    out.write_text(json.dumps({"python": platform.python_version(), "machine": platform.machine(),
                               "results": rows}, indent=2))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
