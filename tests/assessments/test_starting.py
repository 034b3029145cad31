import re

import pytest
from bs4 import BeautifulSoup
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
    client.force_login(admin)

    page = client.get(url("assessment_detail", assessment), HTTP_ACCEPT_LANGUAGE="en")
    soup = BeautifulSoup(page.content, "html.parser")

    scope = soup.find("section", attrs={"aria-labelledby": "scope-title"})
    to_answer, total = (int(n) for n in re.findall(r"\d+", scope.p.get_text())[:2])
    others = [item.get_text(" ", strip=True) for item in scope.select("ul.scope-others li")]
    progress = soup.find("label", attrs={"for": "assessment-overall-progress"}).get_text()
    # The count to answer is the progress bar's total, and with the others it
    # makes the framework's: no "52 apply" next to "0 of 51 answered".
    assert total == len(assessment.pack.questions)
    assert re.findall(r"\d+", progress) == ["0", str(to_answer)]
    assert to_answer + sum(int(item.split()[0]) for item in others) == total
    # Each reason once: a question for larger organisations and one for smaller
    # ones both concern "another size".
    reasons = [item.split(" ", 1)[1] for item in others]
    assert len(reasons) == len(set(reasons))
    assert any("another size" in reason for reason in reasons)
    assert any("other sectors" in reason for reason in reasons)


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
