"""A request declaring a body over the limit is refused with 413 before anyone reads it."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.urls import reverse

from levier.core.middleware import RequestSizeLimitMiddleware
from levier.practices.models import Practice
from tests.factories import make_network_staff

pytestmark = pytest.mark.django_db


class _UnreadableBody(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def readable(self):
        return True

    def readinto(self, buffer):
        raise AssertionError("the body was read")


def test_the_body_of_a_request_over_the_limit_is_never_read(rf, settings):
    settings.LEVIER_MAX_REQUEST_BYTES = 1000
    request = rf.post("/", data=b"", content_type="application/octet-stream")
    request.META["CONTENT_LENGTH"] = "1001"
    request.META["wsgi.input"] = _UnreadableBody()
    request._stream = _UnreadableBody()
    reached = []

    def view(request):
        reached.append(request.POST)  # what a view or a middleware reading forms does
        return HttpResponse()

    response = RequestSizeLimitMiddleware(view)(request)

    assert response.status_code == 413
    assert reached == []


def test_a_request_at_the_limit_goes_through(rf, settings):
    settings.LEVIER_MAX_REQUEST_BYTES = 1000
    request = rf.post("/", data=b"x" * 1000, content_type="application/octet-stream")

    response = RequestSizeLimitMiddleware(lambda request: HttpResponse(request.body))(request)

    assert response.status_code == 200 and response.content == b"x" * 1000


@pytest.fixture
def animator_client(client, network):
    client.force_login(make_network_staff(network))
    return client


def _import(client, network, content: bytes, **extra):
    return client.post(
        reverse("practice_import", args=[network.slug]),
        {"file": SimpleUploadedFile("p.csv", content)},
        **extra,
    )


def test_an_oversize_upload_gets_a_page_that_says_so(animator_client, network, settings):
    settings.LEVIER_MAX_REQUEST_BYTES = 1024 * 1024
    content = b"code,title,summary,steps,effort,cost\n" + b"x,T,S,E,low,none\n" * 70_000

    response = _import(animator_client, network, content)

    assert response.status_code == 413
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text() == "Trop volumineux pour être reçu"
    assert "dépasse 1,0\xa0Mio" in page.main.get_text()
    assert not page.select("style, [style], script:not([src])")  # the CSP allows neither
    assert "Content-Security-Policy" in response.headers  # the refusal comes after it
    assert not Practice.objects.exists()


def test_the_page_speaks_the_visitors_language(client, settings):
    settings.LEVIER_MAX_REQUEST_BYTES = 10

    response = client.post(
        reverse("account_login"), {"login": "x" * 20}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 413
    assert "Too large to receive" in response.content.decode()


def test_a_declared_length_is_enough_whatever_the_body(animator_client, network, settings):
    settings.LEVIER_MAX_REQUEST_BYTES = 25 * 1024 * 1024

    small = _import(animator_client, network, b"code,title\n", CONTENT_LENGTH=str(26 * 2**20))

    assert small.status_code == 413


def test_the_default_limit_leaves_room_for_the_largest_import(settings):
    from levier.practices.exchange import MAX_FILE_BYTES

    assert settings.LEVIER_MAX_REQUEST_BYTES > MAX_FILE_BYTES
