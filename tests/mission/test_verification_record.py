"""Recording the verifier's opinion: its date, verifier, conclusion, text,
headcount and signed PDF; bad input is refused with clear messages and
nothing typed is lost; edit and delete; only contributors write."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from levier.mission.models import Verification, VerificationDocument
from tests.factories import make_member
from tests.mission.verification_data import document, fix_today, mission, pdf, verification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    fix_today(monkeypatch)


def _new(organisation):
    return reverse("mission_verification_new", args=[organisation.slug])


def _data(**fields):
    data = {
        "done_on": "2026-05-20",
        "verifier": "Bureau Vérif",
        "conclusion": "reservations",
        "opinion": "Deux réserves sur les indicateurs sociaux.",
        "permanent_employees": "42",
    }
    data.update(fields)
    return data


def test_the_form_is_prefilled_from_the_mission(org_admin_client, organisation):
    mission(organisation, permanent_employees=37, verifier="Certif Sud")

    page = org_admin_client.get(_new(organisation)).content.decode()

    assert 'value="37"' in page and 'value="Certif Sud"' in page


def test_a_verification_is_recorded_with_its_signed_opinion(
    org_admin_client, organisation, org_admin
):
    m = mission(organisation)

    response = org_admin_client.post(_new(organisation), {**_data(), "document": pdf()})

    assert response.status_code == 302
    recorded = Verification.objects.get(mission=m)
    assert recorded.done_on == date(2026, 5, 20)
    assert recorded.conclusion == "reservations"
    assert recorded.permanent_employees == 42
    assert recorded.recorded_by == org_admin
    (stored,) = recorded.documents.all()
    assert stored.original_name == "avis.pdf"
    assert stored.file.read().startswith(b"%PDF")
    page = org_admin_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "20 May 2028" in page  # two years after the opinion: the calendar follows


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"done_on": "2026-06-16"}, "cannot be in the future"),
        ({"done_on": "2025-02-28"}, "cannot come before the publication"),
        ({"conclusion": ""}, "Choose the verifier&#x27;s conclusion."),
    ],
)
def test_bad_input_is_refused_and_kept(org_admin_client, organisation, fields, message):
    mission(organisation, published_on=date(2025, 3, 1))

    response = org_admin_client.post(
        _new(organisation), _data(**fields), HTTP_ACCEPT_LANGUAGE="en"
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert "Deux réserves sur les indicateurs sociaux." in page
    assert not Verification.objects.exists()


def test_a_document_that_is_no_pdf_is_refused(org_admin_client, organisation):
    mission(organisation)
    fake = SimpleUploadedFile("avis.pdf", b"MZ\x90\x00 an executable")
    picture = SimpleUploadedFile("avis.png", b"\x89PNG\r\n\x1a\n....")

    for upload, message in ((fake, "does not look like a PDF file"), (picture, "as a PDF file")):
        response = org_admin_client.post(
            _new(organisation), {**_data(), "document": upload}, HTTP_ACCEPT_LANGUAGE="en"
        )
        assert response.status_code == 400
        assert message in response.content.decode()
    assert not Verification.objects.exists()


def test_an_opinion_is_edited_and_a_document_added(org_admin_client, organisation, org_admin):
    m = mission(organisation)
    recorded = verification(m, date(2026, 1, 10), employees=60)
    document(recorded, org_admin, "premier.pdf")
    url = reverse("mission_verification_edit", args=[organisation.slug, recorded.pk])

    assert "premier.pdf" in org_admin_client.get(url).content.decode()
    response = org_admin_client.post(
        url, {**_data(done_on="2026-01-12", conclusion="met"), "document": pdf("second.pdf")}
    )

    assert response.status_code == 302
    recorded.refresh_from_db()
    assert recorded.done_on == date(2026, 1, 12) and recorded.conclusion == "met"
    assert sorted(d.original_name for d in recorded.documents.all()) == [
        "premier.pdf",
        "second.pdf",
    ]


def test_deleting_asks_first_then_deletes_with_the_documents(
    org_admin_client, organisation, org_admin, django_capture_on_commit_callbacks
):
    m = mission(organisation)
    recorded = verification(m, date(2026, 1, 10))
    stored = document(recorded, org_admin)
    storage, name = stored.file.storage, stored.file.name
    url = reverse("mission_verification_delete", args=[organisation.slug, recorded.pk])

    confirm = org_admin_client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert confirm.status_code == 200 and "This cannot be undone" in confirm.content.decode()
    assert Verification.objects.filter(pk=recorded.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = org_admin_client.post(url)

    assert response.status_code == 302
    assert not Verification.objects.filter(pk=recorded.pk).exists()
    assert not VerificationDocument.objects.exists()
    assert not storage.exists(name)


@pytest.mark.parametrize("role", ["viewer"])
def test_viewers_cannot_write(client, organisation, role):
    m = mission(organisation)
    recorded = verification(m, date(2026, 1, 10))
    client.force_login(make_member(organisation, role))

    assert client.get(_new(organisation)).status_code == 404
    assert client.post(_new(organisation), _data()).status_code == 404
    delete = reverse("mission_verification_delete", args=[organisation.slug, recorded.pk])
    assert client.post(delete).status_code == 404
    assert Verification.objects.count() == 1


def test_without_mission_recording_leads_to_the_mission(org_admin_client, organisation):
    response = org_admin_client.get(_new(organisation))

    assert response.status_code == 302
    assert response["Location"] == reverse("mission", args=[organisation.slug])
