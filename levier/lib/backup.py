"""Backing up and restoring a Levier: its database and every uploaded file, in one archive.

The archive is a .tar.gz holding `manifest.json`, the database (`database.dump`,
pg_dump's custom format, or `database.sqlite3`) and each file of the default
storage under `files/`. The database is snapshotted first, then the files are
read through the storage API (local disk or S3 alike): files are only ever
added, so every file a row of the snapshot names is there when the files are
copied (docs/adr/0025-backup-and-restore.md).
"""

import hashlib
import importlib.metadata
import json
import os
import posixpath
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import DatabaseError, connections, models, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files/"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore refused or failed; the message says why, for the operator."""


def levier_version() -> str:
    try:
        return importlib.metadata.version("levier")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def stored_names(storage, folder: str = ""):
    """Every file name in `storage`, through its listdir alone, sorted."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a local storage whose folder was never created
        return
    for name in sorted(files):
        yield posixpath.join(folder, name) if folder else name
    for name in sorted(folders):
        yield from stored_names(storage, posixpath.join(folder, name) if folder else name)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _file_columns() -> list[tuple[str, str]]:
    """(table, column) of every file field of the installed models."""
    columns = set()
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.local_concrete_fields:
            if isinstance(field, models.FileField):
                columns.add((model._meta.db_table, field.column))
    return sorted(columns)


def referenced_files(cursor) -> set[str]:
    """The file names the rows of the database behind `cursor` refer to."""
    names = set()
    for table, column in _file_columns():
        cursor.execute(
            f"SELECT {_quote(column)} FROM {_quote(table)} WHERE {_quote(column)} <> ''"
        )
        names.update(row[0] for row in cursor.fetchall())
    return names


def applied_migrations(cursor) -> dict[str, list[str]]:
    try:
        cursor.execute("SELECT app, name FROM django_migrations")
    except (DatabaseError, sqlite3.Error):
        raise BackupError("The database holds no Levier data: run `manage.py migrate`.") from None
    applied: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _libpq_environment(connection) -> dict[str, str]:
    """pg_dump and pg_restore reach the database Django uses, password outside argv."""
    settings = connection.settings_dict
    environment = dict(os.environ)
    for variable, value in (
        ("PGHOST", settings.get("HOST")),
        ("PGPORT", settings.get("PORT")),
        ("PGUSER", settings.get("USER")),
        ("PGPASSWORD", settings.get("PASSWORD")),
        ("PGDATABASE", settings.get("NAME")),
        ("PGSSLMODE", settings.get("OPTIONS", {}).get("sslmode")),
    ):
        if value:
            environment[variable] = str(value)
    return environment


def _run_client(program: str, arguments: list[str], connection) -> None:
    executable = shutil.which(program)
    if not executable:
        raise BackupError(
            f"{program} not found: install the PostgreSQL client "
            "(the server's major version or newer)."
        )
    result = subprocess.run(
        [executable, *arguments],
        env=_libpq_environment(connection),
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise BackupError(f"{program} failed: {result.stderr.strip()}")


def _snapshot_postgresql(connection, path: Path) -> tuple[dict, set[str]]:
    """pg_dump of one exported snapshot; the migrations and file names read in
    that same snapshot, so the manifest describes exactly the dump."""
    if connection.in_atomic_block:
        raise BackupError("A backup cannot run inside a transaction.")
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run_client(
            "pg_dump",
            [
                "--format=custom",
                f"--snapshot={snapshot}",
                "--no-owner",
                "--no-privileges",
                f"--file={path}",
            ],
            connection,
        )
        return applied_migrations(cursor), referenced_files(cursor)


def _snapshot_sqlite(connection, path: Path) -> tuple[dict, set[str]]:
    """SQLite's online backup, in one step: a consistent copy, also under WAL
    while others write; the migrations and file names are read from the copy."""
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    try:
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        cursor = copy.cursor()
        return applied_migrations(cursor), referenced_files(cursor)
    finally:
        copy.close()


def backup(destination: Path, *, using: str = "default", storage=None) -> dict:
    """Write the archive to `destination` (atomically) and return its manifest."""
    storage = storage or default_storage
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    destination = Path(destination)
    partial = destination.with_name(destination.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="levier-backup-") as work:
        database = Path(work) / DATABASE_FILES[vendor]
        snapshot = _snapshot_postgresql if vendor == "postgresql" else _snapshot_sqlite
        created_at = datetime.now(UTC)
        try:
            migrations, referenced = snapshot(connection, database)
        except DatabaseError as error:
            raise BackupError(f"Cannot read the database: {error}") from None
        files, vanished = [], []
        with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
            archive.add(database, arcname=database.name)
            # After the snapshot: every file it refers to exists already.
            for name in stored_names(storage):
                try:
                    files.append(_add_stored_file(archive, storage, name))
                except FileNotFoundError:  # deleted since it was listed
                    vanished.append(name)
            copied = {file["name"] for file in files}
            manifest = {
                "format": FORMAT,
                "levier_version": levier_version(),
                "created_at": created_at.isoformat(),
                "database": {
                    "vendor": vendor,
                    "file": database.name,
                    "size": database.stat().st_size,
                    "sha256": _sha256(database),
                },
                "migrations": migrations,
                "files": files,
                # Rows of the snapshot whose file was deleted before it was copied.
                "missing_files": sorted(referenced - copied),
            }
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=1).encode())
        os.replace(partial, destination)
    return manifest


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(content), int(time.time()), 0o600
    with tempfile.SpooledTemporaryFile() as spool:
        spool.write(content)
        spool.seek(0)
        archive.addfile(info, spool)


def _add_stored_file(archive: tarfile.TarFile, storage, name: str) -> dict:
    digest = hashlib.sha256()
    with tempfile.SpooledTemporaryFile(max_size=8 * CHUNK) as spool:
        with storage.open(name, "rb") as stored:
            while chunk := stored.read(CHUNK):
                digest.update(chunk)
                spool.write(chunk)
        size = spool.tell()
        spool.seek(0)
        info = tarfile.TarInfo(FILES + name)
        info.size, info.mtime, info.mode = size, int(time.time()), 0o600
        archive.addfile(info, spool)
    return {"name": name, "size": size, "sha256": digest.hexdigest()}


def read_manifest(folder: Path) -> dict:
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError):
        raise BackupError("Not a Levier backup: its manifest is missing or unreadable.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def _extract(archive: Path, folder: Path) -> None:
    try:
        with tarfile.open(archive, "r:*") as tar:
            # The "data" filter refuses absolute names, links and anything outside `folder`.
            tar.extractall(folder, filter="data")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"Cannot read the archive: {error}") from None


def _unknown_migrations(recorded: dict[str, list[str]]) -> list[str]:
    """Migrations the archive's database went through that this code lacks."""
    on_disk = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return [
        f"{app}.{name}"
        for app, names in recorded.items()
        for name in names
        if (app, name) not in on_disk
    ]


def _check(folder: Path, manifest: dict, vendor: str) -> None:
    """Everything checked before anything is written."""
    archived = manifest["database"]["vendor"]
    if archived != vendor:
        raise BackupError(
            f"This backup is of a {archived} database; this Levier uses {vendor}. "
            "Restore it on the same database engine."
        )
    unknown = _unknown_migrations(manifest["migrations"])
    if unknown:
        raise BackupError(
            "This backup comes from a newer Levier: its database has migrations this code "
            f"does not know ({', '.join(unknown[:5])}). Upgrade Levier first."
        )
    entries = [(manifest["database"]["file"], manifest["database"])] + [
        (FILES + file["name"], file) for file in manifest["files"]
    ]
    for name, entry in entries:
        path = folder / name
        if not path.resolve().is_relative_to(folder.resolve()) or not path.is_file():
            raise BackupError(f"The archive lacks {name}.")
        if path.stat().st_size != entry["size"] or _sha256(path) != entry["sha256"]:
            raise BackupError(f"{name} does not match its checksum: the archive is damaged.")


def _drop_tables(connection) -> None:
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"DROP TABLE IF EXISTS {_quote(table)} CASCADE")


def restore(archive: Path, *, force: bool = False, using: str = "default", storage=None) -> dict:
    """Restore `archive` into an empty database and storage; a report of what was done."""
    storage = storage or default_storage
    connection = connections[using]
    with tempfile.TemporaryDirectory(prefix="levier-restore-") as work:
        folder = Path(work)
        _extract(Path(archive), folder)
        manifest = read_manifest(folder)
        _check(folder, manifest, connection.vendor)
        try:
            tables = connection.introspection.table_names()
        except DatabaseError as error:
            raise BackupError(f"Cannot open the database to restore into: {error}") from None
        names = [file["name"] for file in manifest["files"]]
        present = [name for name in names if storage.exists(name)]
        if not force and tables:
            raise BackupError(
                f"The database is not empty ({len(tables)} tables). Restore into an empty "
                "database, or pass --force to replace its content."
            )
        if not force and present:
            raise BackupError(
                f"The storage already holds {len(present)} of the archive's files. Restore into "
                "an empty storage, or pass --force to replace them."
            )
        database = folder / manifest["database"]["file"]
        if connection.vendor == "postgresql":
            if tables:
                _drop_tables(connection)
            connection.close()
            _run_client(
                "pg_restore",
                [
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "--single-transaction",
                    f"--dbname={connection.settings_dict['NAME']}",
                    str(database),
                ],
                connection,
            )
        else:
            connection.ensure_connection()
            source = sqlite3.connect(database)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
            connection.close()
        for name in names:
            if name in present:
                storage.delete(name)
            with (folder / FILES / name).open("rb") as content:
                saved = storage.save(name, File(content, name=name))
            if saved != name:
                raise BackupError(f"The storage saved {name} as {saved}.")
        report = {
            "files": len(names),
            "pending_migrations": [],
            "unreferenced_files": [],
            "missing_files": [],
        }
        try:
            with connection.cursor() as cursor:
                referenced = referenced_files(cursor)
            report["unreferenced_files"] = sorted(set(names) - referenced)
            report["missing_files"] = sorted(referenced - set(names))
            executor = MigrationExecutor(connection)
            plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
            report["pending_migrations"] = [f"{m.app_label}.{m.name}" for m, _ in plan]
        except DatabaseError:
            report["pending_migrations"] = ["(the restored schema is older than this code)"]
        return report
