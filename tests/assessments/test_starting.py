import pytest
from django.urls import reverse

from levier.accounts.models import OrgRole
from levier.assessments.models import Assessment
from tests.assessments.conftest import url
from tests.factories import make_member

pytestmark = pytest.mark.django_db


def test_an_admin_starts_an_assessment_with_the_profile_frozen(client, company, admin, levier_360):
    client.force_login(admin)

    response = client.post(
        reverse("assessment_start", args=[company.slug]),
        {"framework_version": levier_360.pk, "period": "2026"},
    )

    assessment = Assessment.objects.get()
    assert response["Location"] == url("assessment_detail", assessment)
    assert (assessment.headcount, assessment.naf_section) == (25, "C")
    company.headcount = 400
    company.save()
    assessment.refresh_from_db()
    assert assessment.profile.size_band == "small"


@pytest.mark.parametrize("role", [OrgRole.VIEWER, OrgRole.CONTRIBUTOR])
def test_only_admins_start_assessments(client, company, levier_360, role):
    client.force_login(make_member(company, role))

    response = client.post(
        reverse("assessment_start", args=[company.slug]),
        {"framework_version": levier_360.pk, "period": "2026"},
    )

    assert response.status_code == 404
    assert not Assessment.objects.exists()


def test_the_page_says_how_many_questions_apply_and_why_others_do_not(client, assessment, admin):
    from levier.assessments import services

    client.force_login(admin)
    applicable = len(services.applicable_questions(assessment))

    page = client.get(url("assessment_detail", assessment)).content.decode()

    assert f"{applicable} questions sur {len(assessment.pack.questions)}" in page
    assert "concernent des organisations d’une autre taille" in page
    assert "concernent d’autres secteurs d’activité" in page


def test_a_small_company_sees_fewer_questions_than_a_large_one(client, network, levier_360):
    from levier.assessments import services
    from tests.factories import make_organisation

    small = make_organisation(network, headcount=6)
    large = make_organisation(network, headcount=300)
    small_count = len(
        services.applicable_questions(services.start(small, levier_360, "2026", None))
    )
    large_count = len(
        services.applicable_questions(services.start(large, levier_360, "2026", None))
    )

    assert small_count < large_count


def test_the_list_invites_to_start_when_empty(client, company, admin, levier_360):
    client.force_login(admin)

    page = client.get(reverse("assessment_list", args=[company.slug])).content.decode()

    assert reverse("assessment_start", args=[company.slug]) in page


def test_animators_do_not_see_assessments(client, assessment):
    from tests.factories import make_network_staff

    client.force_login(make_network_staff(assessment.organisation.network))

    assert client.get(url("assessment_detail", assessment)).status_code == 404
    assert client.get(url("assessment_results", assessment)).status_code == 404
