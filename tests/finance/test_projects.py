"""A member's projects: the form, its checks, documents, the funders that fit
and the pipeline."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from levier.finance.models import PipelineStep, Project, ProjectDocument
from levier.programmes.models import Application, Programme
from tests.finance.project_fixtures import (  # noqa: F401
    PDF,
    finance_world,
    make_project,
    signed_in,
    themes_fixture,
)

pytestmark = pytest.mark.django_db


def _form(fw, **changes):
    data = {
        "title": "Ressourcerie",
        "purpose": "Collecter et réparer.",
        "impact_targets": "50 tonnes par an.",
        "themes": [fw["themes"][0]],
        "actions": [fw["action"].pk],
        "region": "32",
        "stage": "launch",
        "amount_sought": "120000",
        "instruments": ["loan", "grant"],
        "use_of_funds": "Un camion.",
        "accompanied_by": "Alliances Accélérateur\n\nFrance Active\n",
        "visibility": "funders",
    }
    data.update(changes)
    return data


def test_a_member_creates_a_project_shared_with_funders(fw):
    client = signed_in(fw["admin"])
    slug = fw["carrier"].slug

    response = client.post(reverse("project_create", args=[slug]), _form(fw))

    project = Project.objects.get(title="Ressourcerie")
    assert response.status_code == 302
    assert response["Location"] == reverse("project_detail", args=[slug, project.pk])
    assert project.organisation == fw["carrier"]
    assert project.accompanied_by == ["Alliances Accélérateur", "France Active"]
    assert list(project.actions.all()) == [fw["action"]]
    assert project.shared_at is not None and project.created_by == fw["admin"]
    page = client.get(response["Location"]).content.decode()
    assert "Installer la presse" in page and "Ressourcerie" in page


def test_an_action_of_another_organisation_is_refused_and_nothing_typed_is_lost(fw):
    client = signed_in(fw["admin"])

    response = client.post(
        reverse("project_create", args=[fw["carrier"].slug]),
        _form(fw, actions=[fw["neighbour_action"].pk], amount_sought="-5"),
    )

    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"actions", "amount_sought"}
    page = response.content.decode()
    assert "Ressourcerie" in page and "Collecter et réparer." in page
    assert "Alliances Accélérateur" in page
    assert not Project.objects.filter(title="Ressourcerie").exists()


def test_form_errors_are_in_french(fw):
    client = signed_in(fw["admin"])

    response = client.post(reverse("project_create", args=[fw["carrier"].slug]), {})

    assert response.status_code == 400
    assert "Ce champ est obligatoire." in response.content.decode()


def test_only_programmes_the_organisation_takes_part_in_are_offered(fw):
    taken = Programme.objects.create(network=fw["network"], title="Cohorte Lozère")
    other = Programme.objects.create(network=fw["network"], title="Cohorte voisine")
    Application.objects.create(
        programme=taken,
        organisation=fw["carrier"],
        answer="Oui",
        status=Application.Status.SELECTED,
    )
    client = signed_in(fw["admin"])
    url = reverse("project_create", args=[fw["carrier"].slug])

    refused = client.post(url, _form(fw, programme=other.pk))
    accepted = client.post(url, _form(fw, programme=taken.pk))

    assert refused.status_code == 400 and "programme" in refused.context["form"].errors
    assert accepted.status_code == 302
    assert Project.objects.get(title="Ressourcerie").programme == taken


def test_a_viewer_reads_but_cannot_write(fw):
    client = signed_in(fw["viewer"])
    slug = fw["carrier"].slug

    assert client.get(reverse("project_list", args=[slug])).status_code == 200
    assert client.get(reverse("project_detail", args=[slug, fw["draft"].pk])).status_code == 200
    assert client.get(reverse("project_create", args=[slug])).status_code == 404
    assert client.post(reverse("project_edit", args=[slug, fw["draft"].pk])).status_code == 404


def test_members_of_another_organisation_never_see_a_project_shared_with_funders(fw):
    mine = signed_in(fw["admin"])
    theirs = signed_in(fw["neighbour_admin"])
    carrier = fw["carrier"].slug
    shared = fw["shared"].pk

    for name in ("project_detail", "project_matching", "project_edit"):
        assert theirs.get(reverse(name, args=[carrier, shared])).status_code == 404, name
        # Through their own organisation's address neither.
        own = fw["neighbour"].slug
        assert theirs.get(reverse(name, args=[own, shared])).status_code == 404, name
        assert mine.get(reverse(name, args=[carrier, shared])).status_code == 200, name


def test_network_staff_never_see_the_members_project_pages(fw):
    client = signed_in(fw["animator"])

    url = reverse("project_detail", args=[fw["carrier"].slug, fw["shared"].pk])

    assert client.get(url).status_code == 404
    assert client.get(reverse("project_list", args=[fw["carrier"].slug])).status_code == 404


def test_edit_keeps_the_first_sharing_date(fw):
    client = signed_in(fw["admin"])
    project = fw["shared"]
    project.shared_at = None
    project.save()

    response = client.post(
        reverse("project_edit", args=[fw["carrier"].slug, project.pk]),
        _form(fw, title="Partagé, révisé"),
    )

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Partagé, révisé" and project.shared_at is not None


def test_the_matching_page_gives_reasons(fw):
    client = signed_in(fw["admin"])

    with translation.override("en"):
        response = client.get(
            reverse("project_matching", args=[fw["carrier"].slug, fw["shared"].pk]),
            HTTP_ACCEPT_LANGUAGE="en",
        )

    assert response.status_code == 200
    assert [fit.funder for fit in response.context["fitting"]] == [fw["fund"]]
    assert [fit.funder for fit in response.context["others"]] == [fw["bank"]]
    assert "Fonds Loin" not in response.content.decode()


# Documents ------------------------------------------------------------------


def _upload(client, fw, name="plan.pdf", content=PDF):
    return client.post(
        reverse("project_document_upload", args=[fw["carrier"].slug, fw["shared"].pk]),
        {"title": "Plan", "file": SimpleUploadedFile(name, content)},
    )


def test_documents_are_checked_served_after_the_check_and_deleted(fw, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = signed_in(fw["admin"])

    assert _upload(client, fw).status_code == 302
    refused = _upload(client, fw, "virus.pdf", b"MZ\x90\x00 not a pdf")
    document = ProjectDocument.objects.get()

    assert refused.status_code == 400
    assert "virus.pdf" in refused.content.decode()
    args = [fw["carrier"].slug, fw["shared"].pk, document.pk]
    download = client.get(reverse("project_document", args=args))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["X-Content-Type-Options"] == "nosniff"
    neighbour = signed_in(fw["neighbour_admin"])
    assert neighbour.get(reverse("project_document", args=args)).status_code == 404
    viewer = signed_in(fw["viewer"])
    assert viewer.post(reverse("project_document_delete", args=args)).status_code == 404
    assert client.post(reverse("project_document_delete", args=args)).status_code == 302
    assert not ProjectDocument.objects.exists()


# Pipeline -------------------------------------------------------------------


def _step_url(fw, name="pipeline_step_create", *extra):
    return reverse(name, args=[fw["carrier"].slug, fw["shared"].pk, *extra])


def test_the_pipeline_takes_a_funder_of_the_network_or_a_name(fw):
    client = signed_in(fw["admin"])

    listed = client.post(_step_url(fw), {"funder": fw["fund"].pk, "stage": "contacted"})
    typed = client.post(
        _step_url(fw),
        {
            "funder_name": "Région Hauts-de-France",
            "stage": "granted",
            "instrument": "grant",
            "amount_granted": "30000",
            "decided_on": "2026-03-02",
        },
    )

    assert listed.status_code == typed.status_code == 302
    steps = PipelineStep.objects.filter(project=fw["shared"])
    assert {(s.funder_id, s.funder_name) for s in steps} == {
        (fw["fund"].pk, ""),
        (None, "Région Hauts-de-France"),
    }


def test_the_pipeline_says_what_is_missing(fw):
    client = signed_in(fw["admin"])

    nameless = client.post(_step_url(fw), {"stage": "contacted", "notes": "Appel le 3 mars"})
    granted = client.post(_step_url(fw), {"funder": fw["fund"].pk, "stage": "granted"})
    far = client.post(_step_url(fw), {"funder": fw["far_fund"].pk, "stage": "contacted"})

    with translation.override("en"):
        assert nameless.status_code == 400
        assert nameless.context["form"].errors["funder_name"] == [
            "Choose a funder or enter its name."
        ]
        assert "Appel le 3 mars" in nameless.content.decode()
        assert granted.context["form"].errors["amount_granted"] == ["Enter the amount granted."]
        assert "funder" in far.context["form"].errors
    assert not PipelineStep.objects.exists()


def test_a_step_is_edited_and_deleted_by_its_organisation_only(fw):
    step = PipelineStep.objects.create(project=fw["shared"], funder=fw["fund"], stage="contacted")
    client = signed_in(fw["admin"])
    neighbour = signed_in(fw["neighbour_admin"])

    edit = _step_url(fw, "pipeline_step_edit", step.pk)
    assert neighbour.get(edit).status_code == 404
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"funder": fw["fund"].pk, "stage": "meeting"})
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.stage == "meeting"
    assert client.post(_step_url(fw, "pipeline_step_delete", step.pk)).status_code == 302
    assert not PipelineStep.objects.exists()


def test_the_project_list_costs_the_same_whatever_the_number_of_projects(fw):
    client = signed_in(fw["admin"])
    url = reverse("project_list", args=[fw["carrier"].slug])
    client.get(url)

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for number in range(5):
        make_project(fw["carrier"], f"Projet {number}")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200

    assert len(many) == len(few)
