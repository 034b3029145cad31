"""Every bench in one run, one after the other, each in its own process and
database, then a summary of which ones met their targets.

    .venv/bin/python bench/run_all.py            # a quick scale, a few minutes
    .venv/bin/python bench/run_all.py --full     # each bench at its own default scale
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scratch .venv/bin/python bench/run_all.py

Each bench prints its own figures, against the baseline it measures in the
same run; a bench that misses its target exits with status 1, and so does
this script when any of them did. The load test (``make bench-load``) needs
the production-like stack and is left out.
"""

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (script, arguments at the quick scale). --full drops the arguments.
BENCHES = [
    ("bench_scoring.py", ["--n", "2000"]),
    ("bench_meetings.py", []),
    ("bench_carbon.py", ["--members", "300"]),
    ("bench_search.py", ["--practices", "10000", "--repeat", "10"]),
    ("bench_api.py", ["--organisations", "300", "--repeat", "15"]),
    ("bench_insights.py", ["--organisations", "300", "--repeat", "20"]),
    ("bench_pages.py", ["--organisations", "300", "--repeat", "20"]),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="each bench at its default scale")
    parser.add_argument("--only", nargs="*", help="names of the benches to run (e.g. search)")
    options = parser.parse_args()
    results = []
    for script, quick in BENCHES:
        name = script.removeprefix("bench_").removesuffix(".py")
        if options.only and name not in options.only:
            continue
        command = [sys.executable, str(HERE / script), *([] if options.full else quick)]
        print(f"\n=== {name}: {' '.join(command[1:])}", flush=True)
        started = time.perf_counter()
        status = subprocess.call(command)
        results.append((name, status, time.perf_counter() - started))
    print("\n=== summary")
    for name, status, seconds in results:
        verdict = "ok" if status == 0 else f"MISSED or failed (exit {status})"
        print(f"  {name:10} {verdict:35} {seconds:7.0f} s")
    return 0 if all(status == 0 for _name, status, _seconds in results) else 1


if __name__ == "__main__":
    sys.exit(main())
