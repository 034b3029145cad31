import pytest

from levier.assessments.models import ThemeAssignment
from tests.assessments.conftest import url

pytestmark = pytest.mark.django_db


def test_an_admin_assigns_themes_and_the_contributor_sees_them_first(
    client, assessment, admin, contributor
):
    client.force_login(admin)

    response = client.post(
        url("assessment_assign", assessment), {"SOC-HSW": [contributor.pk], "ENV-CLI": []}
    )

    assert response.status_code == 302
    assert list(ThemeAssignment.objects.values_list("theme_code", "user")) == [
        ("SOC-HSW", contributor.pk)
    ]
    client.force_login(contributor)
    page = client.get(url("assessment_detail", assessment)).content.decode()
    mine = page.split("Thèmes qui vous sont attribués")[1].split("</section>")[0]
    assert "Santé, sécurité et bien-être" in mine
    assert "Climat" not in mine


def test_only_members_who_answer_can_be_assigned(client, assessment, admin, viewer):
    client.force_login(admin)

    response = client.post(url("assessment_assign", assessment), {"SOC-HSW": [viewer.pk]})

    assert response.status_code == 200
    assert not ThemeAssignment.objects.exists()


def test_contributors_cannot_assign(client, assessment, contributor):
    client.force_login(contributor)

    response = client.post(url("assessment_assign", assessment), {"SOC-HSW": [contributor.pk]})

    assert response.status_code == 404
