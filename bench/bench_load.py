"""The load test: members, animators and visitors on the production-like stack.

    .venv/bin/pip install -e ".[bench]"
    .venv/bin/python bench/bench_load.py                      # 10,000 organisations
    .venv/bin/python bench/bench_load.py --organisations 1000 --run-time 30

Needs PostgreSQL and Redis on 127.0.0.1 (user postgres, no password; see the
options). In one command it:

1. seeds a PostgreSQL database at the asked scale, named after it
   (levier_load_10000), once: later runs reuse it (bench/load/prepare.py);
2. starts the stack on 127.0.0.1, as in production: gunicorn with 2 worker
   processes (deploy/gunicorn.conf.py when there is one), the task worker
   (`manage.py db_worker`), Redis for the cache and the rate-limit counters
   (a database number of its own, emptied before and after), DEBUG off,
   HTTP (LEVIER_HTTPS=0), static files collected and served by WhiteNoise;
3. runs locust headless twice against it, for a bounded time: first the
   floor alone (the health check, every simulated user pressing on without
   pause: what the stack answers at most for the cheapest request), then the
   mix (members answering and reading results, animators on the dashboard,
   visitors on the public agenda, plus the floor at a person's pace);
4. prints, per page, the requests, failures, p50, p95 and requests per
   second as the users saw them, beside p50 and p95 of the time spent in
   Levier (from its own log line per request: the difference is the wait for
   a free worker), the throughput of the mix beside the floor's, and exits
   non-zero on any failure;
5. stops everything it started, failure or not.
"""

import argparse
import csv
import json
import math
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
LOAD = Path(__file__).resolve().parent / "load"
BIN = Path(sys.executable).parent
GUNICORN_CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
FLOOR = "floor: /healthz"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=20, help="simulated people at once")
    parser.add_argument("--spawn-rate", type=float, default=5, help="people started per second")
    parser.add_argument("--run-time", type=int, default=60, help="seconds of the mix")
    parser.add_argument("--floor-time", type=int, default=15, help="seconds of the floor alone")
    parser.add_argument(
        "--wait",
        default="0.5,1.5",
        help="a person's pause between two pages in the mix, in seconds: 'min,max' or one value",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--port", type=int, default=8077)
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432",
        help="the PostgreSQL server; the database is levier_load_<organisations>",
    )
    parser.add_argument("--redis", default="redis://127.0.0.1:6379", help="the Redis server")
    parser.add_argument("--redis-db", type=int, default=11, help="Redis database number to use")
    parser.add_argument("--keep-logs", action="store_true", help="keep the stack's log folder")
    return parser.parse_args()


def ensure_database(server: str, name: str) -> str:
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


class Stack:
    """The processes this script starts, stopped in reverse order whatever happens."""

    def __init__(self, env: dict, logs: Path):
        self.env = env
        self.logs = logs
        self.processes: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, command: list[str]) -> subprocess.Popen:
        log = (self.logs / f"{name}.log").open("ab")
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped with its children
        )
        self.processes.append((name, process))
        return process

    def check_running(self) -> None:
        for name, process in self.processes:
            if process.poll() is not None:
                raise RuntimeError(
                    f"{name} stopped (exit {process.returncode}); see {self.logs}/{name}.log"
                )

    def stop(self) -> None:
        for _name, process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for _name, process in reversed(self.processes):
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def wait_until_up(url: str, stack: Stack, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        stack.check_running()
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")
        time.sleep(0.5)


def locust(env: dict, args, host: str, users: list[str], seconds: int, wait: str, csv_prefix):
    """One headless locust run; its statistics rows by name."""
    command = [
        str(BIN / "locust"),
        "-f",
        str(LOAD / "locustfile.py"),
        "--headless",
        "--only-summary",
        "--host",
        host,
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.spawn_rate),
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        "10",
        "--csv",
        str(csv_prefix),
        "--loglevel",
        "WARNING",
        *users,
    ]
    outcome = subprocess.run(
        command, cwd=ROOT, env={**env, "LEVIER_LOAD_WAIT": wait}, capture_output=True, text=True
    )
    with open(f"{csv_prefix}_stats.csv", newline="") as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    failures_file = Path(f"{csv_prefix}_failures.csv")
    failures = []
    if failures_file.exists():
        with failures_file.open(newline="") as listed:
            failures = list(csv.DictReader(listed))
    if outcome.returncode not in (0, 1):  # 1: some requests failed, reported below
        print(outcome.stdout[-3000:], outcome.stderr[-3000:], sep="\n")
        raise RuntimeError(f"locust exited with {outcome.returncode}")
    return rows, failures


def ms(row: dict, column: str) -> str:
    value = row.get(column, "N/A")
    return f"{float(value):.0f}" if value not in ("N/A", "", None) else "-"


# Levier's own line per request (levier/lib/logging.py): the time spent in Levier.
REQUEST_LINE = re.compile(
    r"levier\.requests .*?(?P<method>[A-Z]+) (?P<path>/\S*) (?P<status>\d{3}) (?P<ms>[\d.]+)ms$"
)


def page_kinds(handles: dict) -> dict[tuple[str, str], str]:
    """(method, path) of every page the users ask for: the page's kind."""
    kinds = {
        ("GET", handles["sign_in"]): "sign-in form",
        ("POST", handles["sign_in"]): "sign in",
        ("GET", handles["dashboard"]): "dashboard",
        ("GET", handles["improvement_report"]): "improvement report",
        ("GET", handles["public_agenda"]): "public agenda",
        ("GET", handles["floor"]): "floor",
    }
    kinds.update({("GET", url): "public event" for url in handles["public_events"]})
    for member in handles["members"]:
        for page in ("assessment", "results", "where_to_start", "plan"):
            kinds["GET", member[page]] = page
        kinds.update({("GET", url): "theme page" for url in member["themes"]})
    return kinds


def kind_of(name: str) -> str:
    """The kind of page behind one of the locustfile's request names."""
    for needle, kind in (
        ("sign-in form", "sign-in form"),
        ("sign in", "sign in"),
        ("autosave", "autosave"),
        ("keep my answer", "autosave"),
        ("improvement", "improvement report"),
        ("dashboard", "dashboard"),
        ("agenda", "public agenda"),
        ("public event", "public event"),
        ("floor", "floor"),
        ("theme page", "theme page"),
        ("where to start", "where_to_start"),
        ("results", "results"),
        ("plan", "plan"),
        ("assessment", "assessment"),
    ):
        if needle in name:
            return kind
    return name


def server_times(log: Path, offset: int, handles: dict) -> dict[str, list[float]]:
    """Levier's time per request by kind of page, from the log lines after ``offset``."""
    kinds = page_kinds(handles)
    times: dict[str, list[float]] = {}
    with log.open("rb") as lines:
        lines.seek(offset)
        for line in lines:
            found = REQUEST_LINE.search(line.decode(errors="replace").rstrip())
            if not found:
                continue
            method, path = found["method"], found["path"]
            kind = "autosave" if "/answers/" in path else kinds.get((method, path))
            if kind:
                times.setdefault(kind, []).append(float(found["ms"]))
    return times


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def print_table(rows: dict, server: dict[str, list[float]]) -> None:
    print(
        f"{'page':<38} {'requests':>8} {'fail':>4} {'p50 ms':>7} {'p95 ms':>7} {'req/s':>6}"
        f"   in Levier: {'p50 ms':>6} {'p95 ms':>6}"
    )
    for name in sorted(rows):
        if name == "Aggregated":
            continue
        row = rows[name]
        spent = server.get(kind_of(name))
        inside = (
            f"{percentile(spent, 0.5):6.0f} {percentile(spent, 0.95):6.0f}"
            if spent
            else f"{'-':>6} {'-':>6}"
        )
        print(
            f"{name:<38} {int(row['Request Count']):8d} {int(row['Failure Count']):4d} "
            f"{ms(row, '50%'):>7} {ms(row, '95%'):>7} {float(row['Requests/s']):6.1f}"
            f"               {inside}"
        )


def main() -> int:
    args = parse_args()
    name = f"levier_load_{args.organisations}"
    host = f"http://127.0.0.1:{args.port}"
    redis_url = f"{args.redis}/{args.redis_db}"
    with ExitStack() as cleanup:
        work = Path(tempfile.mkdtemp(prefix="levier-load-"))
        cleanup.callback(shutil.rmtree, work, ignore_errors=True)
        logs = work / "logs"
        logs.mkdir()
        if args.keep_logs:
            kept = Path(tempfile.mkdtemp(prefix="levier-load-logs-"))
            cleanup.callback(lambda: print(f"logs kept in {kept}"))
            cleanup.callback(shutil.copytree, logs, kept, dirs_exist_ok=True)
        env = {
            **os.environ,
            "DATABASE_URL": ensure_database(args.postgres, name),
            "LEVIER_DATA_DIR": str(work / "data"),
            "LEVIER_SECRET_KEY": secrets.token_urlsafe(50),
            "LEVIER_DEBUG": "0",
            "LEVIER_HTTPS": "0",
            "LEVIER_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LEVIER_SITE_URL": host,
            "REDIS_URL": redis_url,
            "LEVIER_LOAD_HANDLES": str(work / "handles.json"),
            "PYTHONUNBUFFERED": "1",
        }
        env.pop("LEVIER_S3_BUCKET", None)  # files on the local disk: no object store here
        store = redis.Redis.from_url(redis_url)
        store.flushdb()
        cleanup.callback(store.flushdb)

        print(f"database {name}: preparing (seeded once, then reused)", flush=True)
        python = str(BIN / "python")
        subprocess.run(
            [python, str(LOAD / "prepare.py"), "--organisations", str(args.organisations),
             "--members", str(max(100, args.users)), "--handles", env["LEVIER_LOAD_HANDLES"]],
            cwd=ROOT, env=env, check=True,
        )  # fmt: skip

        stack = Stack(env, logs)
        cleanup.callback(stack.stop)
        gunicorn = [str(BIN / "gunicorn")]
        if GUNICORN_CONFIG.exists():
            gunicorn += ["--config", str(GUNICORN_CONFIG)]
        gunicorn += ["--bind", f"127.0.0.1:{args.port}", "--workers", str(args.workers)]
        stack.start("gunicorn", [*gunicorn, "levier.wsgi"])
        stack.start("db_worker", [python, "manage.py", "db_worker", "--no-reload"])
        handles = json.loads(Path(env["LEVIER_LOAD_HANDLES"]).read_text())
        wait_until_up(host + handles["floor"], stack)

        config = ", deploy/gunicorn.conf.py" if GUNICORN_CONFIG.exists() else ""
        print(
            f"stack: gunicorn ({args.workers} workers{config}), db_worker, "
            f"Redis db {args.redis_db}, PostgreSQL {name}; {os.cpu_count()} cores",
            flush=True,
        )
        print(
            f"locust: {args.users} users started at {args.spawn_rate}/s; floor alone "
            f"{args.floor_time} s without pause, then the mix {args.run_time} s with pauses of "
            f"{args.wait} s",
            flush=True,
        )
        floor_rows, floor_failures = locust(
            env, args, host, ["Floor"], args.floor_time, "0", work / "floor"
        )
        gunicorn_log = logs / "gunicorn.log"
        mix_starts_at = gunicorn_log.stat().st_size
        rows, failures = locust(
            env,
            args,
            host,
            ["Member", "Animator", "Visitor", "Floor"],
            args.run_time,
            args.wait,
            work / "mix",
        )
        stack.check_running()

        print(f"\nThe mix, {args.organisations} organisations, {args.run_time} s:")
        print_table(rows, server_times(gunicorn_log, mix_starts_at, handles))
        total = rows["Aggregated"]
        pages_rate = float(total["Requests/s"]) - float(rows.get(FLOOR, {}).get("Requests/s", 0))
        floor = floor_rows[FLOOR]
        print(
            f"\nthroughput: the mix {float(total['Requests/s']):.1f} requests/s "
            f"({pages_rate:.1f} without the floor's); the floor alone, in the same run, "
            f"{float(floor['Requests/s']):.1f} requests/s "
            f"(p50 {ms(floor, '50%')} ms, p95 {ms(floor, '95%')} ms, "
            f"{args.users} users without pause)"
        )
        errors = int(total["Failure Count"]) + int(floor["Failure Count"])
        for failure in floor_failures + failures:
            print(
                f"  failure x{failure['Occurrences']}: {failure['Method']} {failure['Name']}: "
                f"{failure['Error']}"
            )
        print(f"errors: {errors}")
        return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
