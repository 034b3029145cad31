"""Following an action: measurements, comments, evidence, and the points it gained."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from levier.assessments import services as assessments
from levier.plans import services
from levier.plans.models import Action
from tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def action(company, admin):
    return services.add_action(
        company,
        admin,
        title="Réduire les trajets en voiture",
        indicator_name="Part des trajets à vélo",
        indicator_unit="%",
        indicator_baseline=5,
        indicator_target=20,
    )


def _url(name, action, *extra):
    return reverse(name, args=[action.organisation.slug, action.pk, *extra])


def test_a_measurement_is_recorded_and_listed(client, action, contributor):
    client.force_login(contributor)

    client.post(_url("action_measure", action), {"date": "2026-10-01", "value": "12.5"})

    measurement = action.measurements.get()
    assert measurement.value == 12.5 and measurement.date == date(2026, 10, 1)
    assert measurement.recorded_by == contributor
    page = client.get(_url("action_detail", action)).content.decode()
    assert "12,5" in page


def test_a_bad_measurement_is_refused_and_keeps_what_was_typed(client, action, contributor):
    client.force_login(contributor)

    response = client.post(
        _url("action_measure", action), {"date": "", "value": "douze", "note": "relevé d'octobre"}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Saisissez un nombre." in page and "Ce champ est obligatoire." in page
    assert "relevé d&#x27;octobre" in page and 'value="douze"' in page
    assert not action.measurements.exists()


def test_comments_go_to_the_log(client, action, contributor):
    client.force_login(contributor)

    client.post(_url("action_comment", action), {"text": "Devis vélos reçu"})

    page = client.get(_url("action_detail", action)).content.decode()
    assert "Devis vélos reçu" in page and contributor.display_name in page


def test_evidence_is_attached_and_served_only_to_the_organisation(client, action, contributor):
    client.force_login(contributor)
    upload = SimpleUploadedFile("devis.pdf", PDF, content_type="application/pdf")

    client.post(_url("action_evidence_upload", action), {"file": upload})

    evidence = action.evidence.get()
    response = client.get(_url("action_evidence", action, evidence.pk))
    assert b"".join(response.streaming_content) == PDF
    assert "devis.pdf" in response["Content-Disposition"]

    outsider = make_member(make_organisation(action.organisation.network, name="Autre"), "admin")
    client.force_login(outsider)
    assert client.get(_url("action_evidence", action, evidence.pk)).status_code == 404


def test_a_disguised_file_is_refused_with_its_reason(client, action, contributor):
    client.force_login(contributor)
    upload = SimpleUploadedFile(
        "devis.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )

    response = client.post(_url("action_evidence_upload", action), {"file": upload})

    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not action.evidence.exists()


def test_the_plan_shows_the_points_each_action_gained_at_the_next_assessment(
    client, company, admin, submitted
):
    found_question = next(
        q
        for q in assessments.applicable_questions(submitted)
        if q.type == "single_choice" and q.condition is None
    )
    best = max(found_question.levels, key=lambda level: level.points)
    action = services.add_action(
        company,
        admin,
        title="Atteindre le meilleur niveau",
        assessment=submitted,
        question_code=found_question.code,
        target_level=best.code,
        projected_gain=1.0,
        status=Action.Status.DONE,
    )
    following = assessments.start(company, submitted.framework_version, "2027", admin)
    carried = following.answers.get(question_code=found_question.code)
    assessments.save_answer(
        following,
        found_question,
        assessments.AnswerInput(levels=(best.code,)),
        admin,
        carried.version,
    )
    assessments.submit(following, admin)

    gained = services.realised_gains(company, [action])[action.pk]
    before = assessments.score(submitted).overall
    after = assessments.score(following).overall
    assert gained == pytest.approx(after - before)
    assert gained > 0
    client.force_login(admin)
    page = client.get(reverse("plan_list", args=[company.slug]) + "?status=all").content.decode()
    assert f"réalisé\u00a0: +{gained:.1f}".replace(".", ",") in page


def test_where_to_start_speaks_english(client, submitted, admin):
    client.force_login(admin)
    client.cookies["django_language"] = "en"

    with translation.override("en"):
        page = client.get(
            reverse("where_to_start", args=[submitted.organisation.slug, submitted.pk])
        ).content.decode()

    assert "Where to start?" in page and "Quick wins" in page
    assert "Little effort for a real gain: a good first step." in page
    assert "Add to the plan" in page and "Par où commencer" not in page
