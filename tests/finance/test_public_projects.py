"""Projects made public are read by everybody, without an account; nothing
else is, and their documents stay with the network's funders."""

import pytest
from django.urls import reverse

from levier.finance.models import Project
from levier.tenancy.scope import system
from tests.factories import make_member, make_organisation
from tests.finance.test_scope_rules import _project

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(network):
    with system():
        carrier = make_organisation(network, name="Recyclerie du Port")
        return {
            visibility: _project(carrier, f"Projet {visibility}", visibility)
            for visibility in Project.Visibility.values
        }


def test_everybody_reads_public_projects_and_only_them(client, projects):
    page = client.get(reverse("public_projects")).content.decode()

    assert "Projet public" in page and "Recyclerie du Port" in page
    assert "Projet funders" not in page and "Projet draft" not in page
    detail = client.get(reverse("public_project", args=[projects["public"].pk]))
    assert detail.status_code == 200
    assert "200 tonnes évitées par an." in detail.content.decode()


@pytest.mark.parametrize("visibility", ["draft", "funders"])
def test_a_project_not_public_is_not_found_even_by_its_own_members(client, projects, visibility):
    project = projects[visibility]
    client.force_login(make_member(project.organisation))

    assert client.get(reverse("public_project", args=[project.pk])).status_code == 404
    # The member reads it on the organisation's own page.
    own = reverse("project_detail", args=[project.organisation.slug, project.pk])
    assert client.get(own).status_code == 200
