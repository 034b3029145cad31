"""A programme may ask each cohort organisation for a document: its people
hand it in, the programme's animators and coaches read it, nobody else does;
the deliverable counts as delivered once a document is in."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levier.accounts.models import OrgRole
from levier.programmes import services as programmes
from levier.programmes.models import DeliverableDocument, ProgrammeCoach
from tests.cohorts.conftest import select
from tests.factories import (
    make_member,
    make_network,
    make_network_staff,
    make_organisation,
    make_user,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% feuille de route\n"
ROADMAP = "Feuille de route RSE signée"


@pytest.fixture
def asking(programme):
    programme.document_deliverable = ROADMAP
    programme.min_actions = 0
    programme.requires_assessment = False
    programme.save()
    return programme


@pytest.fixture
def application(asking, organisation):
    return select(asking, organisation)


def _hand_in(client, programme, application, name="feuille-de-route.pdf", content=PDF):
    return client.post(
        reverse(
            "deliverable_upload",
            args=[application.organisation.slug, programme.pk, application.pk],
        ),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def _row(programme, organisation):
    return next(
        row for row in programmes.progress_board(programme) if row.organisation == organisation
    )


def test_a_contributor_hands_in_and_the_deliverable_is_delivered(
    client, asking, organisation, application
):
    contributor = make_member(organisation, OrgRole.CONTRIBUTOR)
    assert not _row(asking, organisation).complete
    client.force_login(contributor)
    page = client.get(reverse("programme_detail", args=[asking.pk])).content.decode()
    assert ROADMAP in page and "Rien n’a encore été remis." in page

    response = _hand_in(client, asking, application)

    assert "feuille-de-route.pdf est remis" in response.content.decode()
    document = DeliverableDocument.objects.get()
    assert (document.application, document.uploaded_by) == (application, contributor)
    row = _row(asking, organisation)
    assert row.documents == (document,) and row.complete


def test_a_refused_file_says_why_and_stores_nothing(client, asking, organisation, application):
    client.force_login(make_member(organisation, OrgRole.ADMIN))

    response = _hand_in(client, asking, application, name="macro.exe", content=b"MZ")

    assert "ce type de fichier n’est pas accepté" in response.content.decode()
    assert not DeliverableDocument.objects.exists()


def test_the_animators_and_coaches_read_it_other_members_do_not(
    client, network, asking, organisation, application, animator
):
    coach = make_user("coach@example.org")
    ProgrammeCoach.objects.create(programme=asking, user=coach, invited_by=animator)
    client.force_login(make_member(organisation, OrgRole.ADMIN))
    _hand_in(client, asking, application)
    document = DeliverableDocument.objects.get()
    urls = {
        "organisation": reverse(
            "deliverable_document", args=[organisation.slug, asking.pk, document.pk]
        ),
        "staff": reverse("cohort_document", args=[network.slug, asking.pk, document.pk]),
        "coach": reverse("coach_document", args=[asking.pk, document.pk]),
    }
    neighbour = make_member(make_organisation(network), OrgRole.ADMIN)
    elsewhere = make_network_staff(make_network())
    allowed = {
        "organisation": make_member(organisation, OrgRole.VIEWER),
        "staff": animator,
        "coach": coach,
    }

    for door, url in urls.items():
        client.force_login(allowed[door])
        response = client.get(url)
        assert response.status_code == 200, door
        assert b"".join(response.streaming_content) == PDF
        for who, user in {"neighbour": neighbour, "other network": elsewhere}.items():
            client.force_login(user)
            assert client.get(url).status_code == 404, (door, who)
    # Each door is its own: the staff's is not the organisation's, nor the coach's.
    client.force_login(animator)
    assert client.get(urls["organisation"]).status_code == 404
    client.force_login(coach)
    assert client.get(urls["staff"]).status_code == 404

    client.force_login(animator)
    board = reverse("programme_board", args=[network.slug, asking.pk])
    assert urls["staff"] in client.get(board).content.decode()
    client.force_login(coach)
    coach_page = client.get(reverse("coach_programme", args=[asking.pk])).content.decode()
    assert urls["coach"] in coach_page
    client.force_login(allowed["organisation"])
    own_page = client.get(reverse("programme_detail", args=[asking.pk])).content.decode()
    assert urls["organisation"] in own_page


def test_a_viewer_or_an_organisation_not_selected_cannot_hand_in(
    client, network, asking, organisation, application
):
    client.force_login(make_member(organisation, OrgRole.VIEWER))
    assert _hand_in(client, asking, application).status_code == 404
    other = make_organisation(network)
    client.force_login(make_member(other, OrgRole.ADMIN))
    assert _hand_in(client, asking, application).status_code == 404
    assert not DeliverableDocument.objects.exists()
    # The same address works for someone allowed.
    client.force_login(make_member(organisation, OrgRole.ADMIN))
    assert _hand_in(client, asking, application).status_code == 200
    assert DeliverableDocument.objects.count() == 1


def test_the_organisation_deletes_what_it_handed_in(client, asking, organisation, application):
    admin = make_member(organisation, OrgRole.ADMIN)
    client.force_login(admin)
    _hand_in(client, asking, application)
    document = DeliverableDocument.objects.get()
    delete = reverse(
        "deliverable_document_delete", args=[organisation.slug, asking.pk, document.pk]
    )
    client.force_login(make_member(organisation, OrgRole.VIEWER))
    assert client.post(delete).status_code == 404

    client.force_login(admin)
    assert client.post(delete).status_code == 302
    assert not DeliverableDocument.objects.exists()
    assert not _row(asking, organisation).complete


def test_the_board_reads_documents_in_a_constant_number_of_queries(
    client, network, asking, animator
):
    def board_queries():
        client.force_login(animator)
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("programme_board", args=[network.slug, asking.pk]))
        return len(captured)

    first = make_organisation(network)
    DeliverableDocument.objects.create(
        application=select(asking, first),
        file=SimpleUploadedFile("a.pdf", PDF),
        original_name="a.pdf",
        size=len(PDF),
    )
    with_one = board_queries()
    asking.seats = 10
    asking.save()
    for _ in range(4):
        organisation = make_organisation(network)
        DeliverableDocument.objects.create(
            application=select(asking, organisation),
            file=SimpleUploadedFile("b.pdf", PDF),
            original_name="b.pdf",
            size=len(PDF),
        )
    assert board_queries() == with_one
