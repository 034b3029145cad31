"""Backups are written here, in the test database, and restored by
`manage.py restore` in a separate process whose DATABASE_URL and
LEVIER_DATA_DIR name a scratch database (a fresh SQLite file, or a PostgreSQL
database of its own per test) and a fresh media folder: the restore runs as an
operator would run it, and nothing of the test process helps it."""

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from levier.accounts.models import OrgRole
from levier.assessments.uploads import stored_fields
from levier.lib.backup import backup
from levier.mission.models import MeasurementEvidence
from levier.plans import services
from levier.plans.models import ActionEvidence
from tests.factories import make_member
from tests.mission import core_data as mission

ROOT = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Target:
    """A Levier to restore into, run in its own processes."""

    database_url: str
    data_dir: Path
    # LEVIER_S3_* of the target's bucket, when its files go to one.
    storage_environment: dict = field(default_factory=dict)

    def environment(self) -> dict[str, str]:
        inherited = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("LEVIER_", "DATABASE_URL", "REDIS_URL", "DJANGO_", "AWS_"))
        }
        return {
            **inherited,
            "DATABASE_URL": self.database_url,
            "LEVIER_DATA_DIR": str(self.data_dir),
            "LEVIER_SECRET_KEY": "restore-tests-" + "x" * 40,
            "DJANGO_SETTINGS_MODULE": "levier.settings",
            **self.storage_environment,
        }

    def manage(self, *arguments) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=ROOT,
            env=self.environment(),
            capture_output=True,
            text=True,
            timeout=120,
        )

    def content(self) -> dict:
        """Tables and files of the target, as tests/operations/snapshot.py reads them."""
        result = subprocess.run(
            [sys.executable, "-m", "tests.operations.snapshot"],
            cwd=ROOT,
            env=self.environment(),
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return json.loads(result.stdout)

    def media_files(self) -> list[Path]:
        media = self.data_dir / "media"
        return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


def _postgres_admin(settings_dict) -> psycopg.Connection:
    return psycopg.connect(
        host=settings_dict["HOST"] or None,
        port=settings_dict["PORT"] or None,
        user=settings_dict["USER"] or None,
        password=settings_dict["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


@pytest.fixture
def target(tmp_path):
    """An empty Levier: a new database, a new data folder."""
    data_dir = tmp_path / "restored"
    data_dir.mkdir()
    if connection.vendor == "sqlite":
        yield Target(f"sqlite:///{data_dir / 'levier.sqlite3'}", data_dir)
        return
    source = settings.DATABASES["default"]
    name = f"levier_ops_{uuid.uuid4().hex[:12]}"  # one per test, whatever the xdist worker
    with _postgres_admin(source) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    credentials = source["USER"] + (f":{source['PASSWORD']}" if source["PASSWORD"] else "")
    address = f"{source['HOST'] or '127.0.0.1'}:{source['PORT'] or 5432}"
    yield Target(f"postgres://{credentials}@{address}/{name}", data_dir)
    with _postgres_admin(source) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def media(settings, tmp_path):
    """The test process's files in a folder of this test alone."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def levier_with_files(transactional_db, media):
    return build_levier_with_files()


def build_levier_with_files():
    """An organisation with a plan action and its evidence, and a société à
    mission with a measurement and its evidence; committed (the fixtures that
    call this take transactional_db), so that pg_dump, another process, sees them."""
    company = mission.company()
    admin = company.admin
    action = services.add_action(company.organisation, admin, title="Réduire les trajets")
    ActionEvidence.objects.create(
        action=action, **stored_fields(SimpleUploadedFile("devis.pdf", PDF), admin)
    )
    indicator = mission.add_indicator(
        mission.add_operational(mission.add_objective(company.mission))
    )
    measurement = mission.measure(indicator, date(2025, 9, 30), 12)
    MeasurementEvidence.objects.create(
        measurement=measurement,
        **stored_fields(SimpleUploadedFile("registre.pdf", mission.PDF), company.contributor),
    )
    make_member(company.organisation, OrgRole.VIEWER)
    return company


@pytest.fixture
def archive(levier_with_files, tmp_path) -> Path:
    path = tmp_path / "levier-backup.tar.gz"
    backup(path)
    return path


def rewrite(archive: Path, *, manifest=None, files=None) -> Path:
    """A copy of `archive` with its manifest or some members changed."""
    changed = archive.with_name("changed-" + archive.name)
    with tarfile.open(archive) as source, tarfile.open(changed, "w:gz") as copy:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name == "manifest.json" and manifest:
                content = json.dumps(manifest(json.loads(content))).encode()
            if files and member.name in files:
                content = files[member.name](content)
            member.size = len(content)
            copy.addfile(member, io.BytesIO(content))
    return changed
