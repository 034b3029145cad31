"""Objects Levier puts in the bucket are private: the object's own address
answers 403 to anyone without the keys, and a URL from the storage, should
code ever ask for one, is signed and expires within a minute."""

import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from levier.settings import s3_storage
from tests.storage.seaweedfs import BUCKET

CONTENT = b"%PDF-1.4 private"


@pytest.fixture
def on_s3(settings, s3_server):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage(s3_server.environment("private")),
    }
    return s3_server


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_stored_objects_are_private_and_any_url_is_signed_and_short_lived(on_s3):
    name = default_storage.save("evidence/avis.pdf", ContentFile(CONTENT))

    assert _get(f"{on_s3.endpoint_url}/{BUCKET}/private/{name}")[0] == 403
    signed = default_storage.url(name)
    query = parse_qs(urlsplit(signed).query)
    assert query["X-Amz-Expires"] == ["60"]
    assert "X-Amz-Signature" in query
    assert _get(signed) == (200, CONTENT)
