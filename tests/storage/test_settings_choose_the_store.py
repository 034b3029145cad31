"""LEVIER_S3_BUCKET switches uploaded files to the object store, with private
objects and never overwritten names; without it they stay on the disk."""

import json
import os
import subprocess
import sys

from django.conf import settings

SHOW = (
    "import json; from django.conf import settings; "
    "print(json.dumps(settings.STORAGES['default']))"
)


def _default_storage(tmp_path, **variables) -> dict:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("LEVIER_", "DJANGO_", "AWS_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="levier.settings",
        LEVIER_SECRET_KEY="settings-test-" + "x" * 40,
        LEVIER_DATA_DIR=str(tmp_path),
        **variables,
    )
    shown = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {SHOW}"],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(shown.stdout)


def test_a_bucket_in_the_environment_puts_files_in_the_object_store(tmp_path):
    storage = _default_storage(
        tmp_path,
        LEVIER_S3_BUCKET="levier-files",
        LEVIER_S3_ENDPOINT_URL="http://127.0.0.1:8333",
        LEVIER_S3_ACCESS_KEY="key",
        LEVIER_S3_SECRET_KEY="secret",
        LEVIER_S3_REGION="fr-par",
        LEVIER_S3_ADDRESSING_STYLE="path",
    )

    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert (options["bucket_name"], options["endpoint_url"]) == (
        "levier-files",
        "http://127.0.0.1:8333",
    )
    assert (options["access_key"], options["secret_key"]) == ("key", "secret")
    assert (options["region_name"], options["addressing_style"]) == ("fr-par", "path")
    assert options["default_acl"] == "private"
    assert options["file_overwrite"] is False
    assert options["querystring_auth"] is True


def test_an_empty_acl_sends_none_for_buckets_whose_acls_are_disabled(tmp_path):
    storage = _default_storage(tmp_path, LEVIER_S3_BUCKET="levier-files", LEVIER_S3_DEFAULT_ACL="")

    assert storage["OPTIONS"]["default_acl"] is None


def test_without_a_bucket_files_stay_on_the_disk(tmp_path):
    storage = _default_storage(tmp_path)

    assert storage["BACKEND"] == "django.core.files.storage.FileSystemStorage"
