"""A production-like Levier on 127.0.0.1, started by a test: two gunicorn
masters on two ports (deploy/gunicorn.conf.py, one worker each), one
django-tasks worker (`manage.py db_worker`), Redis for the cache, sessions
and rate-limit counters, and a database of its own.

The database is a copy of the test session's, already migrated: on
PostgreSQL a new database made from it as a template, on SQLite a file
written by SQLite's backup. Migrating a fresh one would take most of a
minute. The processes run with Levier's production settings
(tests/production/stack_settings.py), log JSON lines, and send email with
Django's console backend, so that the worker's output shows what it sent.

Everything it started is stopped, and the database and Redis keys removed,
by `stop()`, which the fixture calls even when the test fails.
"""

import contextlib
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import redis
import requests
from django.conf import settings
from django.db import connection, connections

ROOT = Path(settings.BASE_DIR)
REDIS_URL = "redis://127.0.0.1:6379/0"
PASSWORD = "smoke-test-password"
START_TIMEOUT = 60  # seconds, on a busy CI machine

# Run in the stack's database once it exists: the people of the journey.
SETUP = """
from levier.accounts.models import Membership, Network, Organisation, OrgRole, User
from levier.tenancy.scope import system
with system():
    network = Network.objects.create(name="Réseau Smoke", slug="reseau-smoke")
    organisation = Organisation.objects.create(
        network=network, name="{organisation}", headcount=20, naf_code="62.01Z", region="32"
    )
    user = User.objects.create_user("{email}", "{password}", full_name="Sam Smoke")
    Membership.objects.create(user=user, organisation=organisation, role=OrgRole.ADMIN)
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    stdout: Path
    stderr: Path

    def output(self) -> str:
        return self.stdout.read_text(errors="replace")

    def errors(self) -> str:
        return self.stderr.read_text(errors="replace")

    def terminate(self):
        """The whole process group: a gunicorn master and its workers."""
        self._signal(signal.SIGTERM)

    def wait(self):
        try:
            self.popen.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self._signal(signal.SIGKILL)
            self.popen.wait(timeout=15)

    def _signal(self, number):
        with contextlib.suppress(ProcessLookupError):  # already gone
            os.killpg(self.popen.pid, number)


@dataclass
class ProductionStack:
    workdir: Path
    key: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    processes: dict[str, Process] = field(default_factory=dict)
    web: list[str] = field(default_factory=list)  # base URL of each web process
    database: str = ""
    email: str = ""
    organisation: str = "Atelier Smoke"

    @property
    def cache_prefix(self) -> str:
        return f"levier-smoke-{self.key}"

    def redis(self) -> redis.Redis:
        return redis.Redis.from_url(REDIS_URL)

    # Starting

    def start(self):
        self.email = f"sam-{self.key}@example.org"
        try:
            self.redis().ping()
        except redis.RedisError as error:
            raise AssertionError(f"The stack needs Redis at {REDIS_URL}: {error}") from error
        database_url = self._copy_test_database()
        env = self._environment(database_url)
        setup = SETUP.format(email=self.email, password=PASSWORD, organisation=self.organisation)
        self._spawn("setup", [sys.executable, "manage.py", "shell", "-c", setup], env)
        for name in ("web-a", "web-b"):
            port = free_port()
            self.web.append(f"http://127.0.0.1:{port}")
            command = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"]
            command += ["--bind", f"127.0.0.1:{port}", "--workers", "1"]
            self._spawn(name, command, env)
        worker = [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2"]
        self._spawn("worker", [*worker, "--no-startup-delay"], env)
        self._wait_until_ready()

    def _environment(self, database_url: str) -> dict:
        inherited = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("LEVIER_", "SENTRY_", "DJANGO_"))
            and k not in {"DATABASE_URL", "REDIS_URL", "PYTEST_XDIST_WORKER"}
        }
        return {
            **inherited,
            "DJANGO_SETTINGS_MODULE": "tests.production.stack_settings",
            "DATABASE_URL": database_url,
            "REDIS_URL": REDIS_URL,
            "LEVIER_CACHE_PREFIX": self.cache_prefix,
            "LEVIER_SECRET_KEY": "smoke-test-secret-key-shared-by-every-process-" + self.key,
            "LEVIER_HTTPS": "0",
            "LEVIER_ALLOWED_HOSTS": "127.0.0.1",
            "LEVIER_DATA_DIR": str(self.workdir / "data"),
            "LEVIER_LOG_FORMAT": "json",
        }

    def _spawn(self, name: str, command: list[str], env: dict):
        stdout, stderr = self.workdir / f"{name}.out", self.workdir / f"{name}.err"
        with stdout.open("wb") as out, stderr.open("wb") as err:
            popen = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=out, stderr=err, start_new_session=True
            )
        self.processes[name] = Process(name, popen, stdout, stderr)

    def _wait_until_ready(self):
        deadline = time.monotonic() + START_TIMEOUT
        waiting = set(self.web)
        while waiting or self.processes["setup"].popen.poll() is None:
            self._check_alive()
            for url in list(waiting):
                try:
                    # The first request loads the URLs and templates: a few seconds.
                    requests.get(f"{url}/healthz", timeout=START_TIMEOUT)
                    waiting.discard(url)
                except requests.ConnectionError:
                    pass
            if time.monotonic() > deadline:
                raise AssertionError(f"The stack did not start in time:\n{self.logs()}")
            time.sleep(0.2)

    def _check_alive(self):
        setup = self.processes["setup"].popen.poll()
        if setup not in (None, 0):
            raise AssertionError(f"Creating the data failed:\n{self.logs()}")
        for name, process in self.processes.items():
            if name != "setup" and process.popen.poll() is not None:
                raise AssertionError(f"{name} stopped:\n{self.logs()}")

    def logs(self) -> str:
        return "\n".join(
            f"--- {name}\n{p.output()[-3000:]}\n{p.errors()[-3000:]}"
            for name, p in self.processes.items()
        )

    # The database

    def _copy_test_database(self) -> str:
        """A copy of the migrated test database; returns its DATABASE_URL."""
        if connection.vendor == "postgresql":
            source = connection.settings_dict
            self.database = f"levier_smoke_{self.key}"
            connections.close_all()  # a template may have no one connected
            with self._postgres() as admin:
                self._create_from_template(admin, source["NAME"])
            password = f":{source['PASSWORD']}" if source["PASSWORD"] else ""
            return (
                f"postgres://{source['USER']}{password}@{source['HOST'] or '127.0.0.1'}"
                f":{source['PORT'] or 5432}/{self.database}"
            )
        path = self.workdir / "levier.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(path)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
        self.database = str(path)
        return f"sqlite:///{path}"

    def _create_from_template(self, admin, template: str):
        """PostgreSQL copies a database only while no one else is connected
        to it. An earlier test's live server thread may still hold an idle
        connection to this worker's test database: it is closed (Django
        reconnects on its next request, CONN_HEALTH_CHECKS)."""
        for attempt in range(5):
            try:
                admin.execute(f'CREATE DATABASE "{self.database}" TEMPLATE "{template}"')
                return
            except psycopg.errors.ObjectInUse:
                if attempt == 4:
                    raise
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = %s AND pid <> pg_backend_pid()",
                    [template],
                )
                time.sleep(0.5)

    def _postgres(self):
        source = connection.settings_dict
        return psycopg.connect(
            host=source["HOST"] or "127.0.0.1",
            port=source["PORT"] or 5432,
            user=source["USER"],
            password=source["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        )

    # Stopping

    def stop(self):
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            process.wait()
        try:
            client = self.redis()
            keys = list(client.scan_iter(f"{self.cache_prefix}:*"))
            if keys:
                client.delete(*keys)
        except redis.RedisError:
            pass
        if self.database and connection.vendor == "postgresql":
            with self._postgres() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
