"""The plan: actions with owners and deadlines, progress, projection, no lost edits."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from levier.assessments import services as assessments
from levier.engine.scoring import score
from levier.plans import services
from levier.plans.models import Action, ActionUpdate
from tests.factories import make_member, make_organisation
from tests.mailing.helpers import committed

pytestmark = pytest.mark.django_db


def _action(company, user, **fields):
    fields.setdefault("title", "Rédiger une charte de télétravail")
    return services.add_action(company, user, **fields)


def test_an_action_written_from_scratch(client, company, contributor):
    client.force_login(contributor)

    response = client.post(
        reverse("action_new", args=[company.slug]),
        {
            "title": "Installer des bacs de tri",
            "owner": contributor.pk,
            "due_date": "2027-01-15",
            "status": "todo",
            "priority": "medium",
            "indicator_name": "Part des déchets triés",
            "indicator_unit": "%",
            "indicator_baseline": "20",
            "indicator_target": "80",
        },
    )

    action = Action.objects.get()
    assert response["Location"] == reverse("action_detail", args=[company.slug, action.pk])
    assert action.owner == contributor and action.indicator_target == 80


def test_viewers_cannot_change_the_plan(client, company, admin):
    from levier.accounts.models import OrgRole

    action = _action(company, admin)
    viewer = make_member(company, OrgRole.VIEWER)
    client.force_login(viewer)

    assert client.get(reverse("plan_list", args=[company.slug])).status_code == 200
    assert (
        client.post(reverse("action_new", args=[company.slug]), {"title": "x"}).status_code == 404
    )
    response = client.post(
        reverse("action_status", args=[company.slug, action.pk]), {"status": "done"}
    )
    assert response.status_code == 404
    action.refresh_from_db()
    assert action.status == "todo"


def test_an_edit_based_on_an_old_version_is_refused_and_kept(client, company, admin, contributor):
    action = _action(company, admin)
    client.force_login(contributor)
    services.update_action(action, {"title": "Titre changé par Alice"}, admin, action.version)

    response = client.post(
        reverse("action_detail", args=[company.slug, action.pk]),
        {
            "title": "Mon titre",
            "status": "in_progress",
            "priority": "medium",
            "version": 1,  # the version Carl saw
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Alice Admin a modifié cette action" in page
    assert 'value="Mon titre"' in page
    action.refresh_from_db()
    assert action.title == "Titre changé par Alice"


def test_status_changes_are_logged_and_done_is_dated(client, company, contributor):
    action = _action(company, contributor)
    client.force_login(contributor)

    client.post(reverse("action_status", args=[company.slug, action.pk]), {"status": "done"})

    action.refresh_from_db()
    assert action.status == "done" and action.completed_at is not None
    assert list(ActionUpdate.objects.values_list("status", flat=True)) == ["todo", "done"]


def test_overdue_actions_stand_out(client, company, contributor):
    _action(company, contributor, due_date=timezone.localdate() - timedelta(days=3))
    client.force_login(contributor)

    page = client.get(reverse("plan_list", args=[company.slug])).content.decode()

    assert "en retard" in page
    assert 'class="overdue"' in page


def test_filters_by_owner_and_status(client, company, admin, contributor):
    _action(company, admin, title="À Alice", owner=admin)
    _action(company, admin, title="À Carl", owner=contributor)
    done = _action(company, admin, title="Finie", owner=contributor)
    services.update_action(done, {"status": "done"}, admin, done.version)
    client.force_login(admin)
    url = reverse("plan_list", args=[company.slug])

    def titles(**params):
        return [a.title for a in client.get(url, params).context["actions"]]

    assert titles(owner=contributor.pk) == ["À Carl"]
    assert sorted(titles(status="all")) == ["Finie", "À Alice", "À Carl"]
    assert titles(status="done") == ["Finie"]


def test_board_and_timeline(client, company, admin):
    _action(company, admin, title="Cette semaine", due_date=timezone.localdate())
    client.force_login(admin)

    board = client.get(reverse("plan_board", args=[company.slug])).content.decode()
    timeline = client.get(reverse("plan_timeline", args=[company.slug])).content.decode()

    assert "Cette semaine" in board and "À faire" in board and "Terminée" in board
    assert "Cette semaine" in timeline


def test_projection_counts_each_question_once(company, admin, submitted):
    pack = submitted.pack
    question = next(
        q for q in assessments.applicable_questions(submitted) if q.is_choice and not q.condition
    )
    levels = sorted(question.levels, key=lambda level: level.points)
    for level in (levels[1], levels[-1], levels[-1]):
        _action(company, admin, question_code=question.code, target_level=level.code)

    projection = services.projection(services.baseline_assessment(company), Action.objects.all())

    answers = assessments.engine_answers(assessments.stored_answers(submitted))
    expected = dict(answers)
    expected[question.code] = type(answers[question.code]).of(levels[-1].code)
    assert projection.before == pytest.approx(score(pack, submitted.profile, answers).overall)
    assert projection.after == pytest.approx(score(pack, submitted.profile, expected).overall)
    assert projection.after > projection.before


def test_dropped_actions_do_not_count(company, admin, submitted):
    question = next(
        q for q in assessments.applicable_questions(submitted) if q.is_choice and not q.condition
    )
    best = max(question.levels, key=lambda level: level.points)
    action = _action(company, admin, question_code=question.code, target_level=best.code)
    services.update_action(action, {"status": "dropped"}, admin, action.version)

    projection = services.projection(services.baseline_assessment(company), Action.objects.all())

    assert projection.after == pytest.approx(projection.before)


def test_reminders_email_owners_of_actions_due_soon_or_late(company, admin, contributor):
    today = timezone.localdate()
    _action(company, admin, title="En retard", owner=contributor, due_date=today - timedelta(1))
    _action(company, admin, title="Bientôt", owner=contributor, due_date=today + timedelta(5))
    _action(company, admin, title="Plus tard", owner=contributor, due_date=today + timedelta(30))
    _action(company, admin, title="Sans responsable", due_date=today)
    finished = _action(company, admin, title="Finie", owner=admin, due_date=today)
    services.update_action(finished, {"status": "done"}, admin, finished.version)

    with committed():
        call_command("send_action_reminders")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [contributor.email]
    assert "En retard" in message.body and "Bientôt" in message.body
    assert "Plus tard" not in message.body
    assert f"/o/{company.slug}/plan/" in message.body


def test_reminders_can_be_sent_at_once_and_skip_former_members(company, admin, contributor):
    today = timezone.localdate()
    _action(company, admin, title="En retard", owner=contributor, due_date=today - timedelta(1))
    _action(company, admin, title="Aujourd’hui", owner=admin, due_date=today)
    contributor.is_active = False
    contributor.save()
    out = StringIO()

    with committed():
        call_command("send_action_reminders", "--now", stdout=out)

    assert [m.to for m in mail.outbox] == [[admin.email]]
    assert "1 digest(s) sent." in out.getvalue()


def test_the_plan_exports(client, company, admin, submitted):
    from io import BytesIO

    from openpyxl import load_workbook
    from pypdf import PdfReader

    _action(company, admin, title="Plan de mobilité", owner=admin)
    client.force_login(admin)

    xlsx = client.get(reverse("plan_xlsx", args=[company.slug]))
    pdf = client.get(reverse("plan_pdf", args=[company.slug]))

    rows = list(load_workbook(BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert any(row[0] == "Plan de mobilité" for row in rows)
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf.content)).pages)
    assert "Plan de mobilité" in text and company.name in text


def test_the_plan_of_another_organisation_is_not_found(client, company, admin):
    action = _action(company, admin)
    client.force_login(make_member(make_organisation(company.network)))

    assert client.get(reverse("action_detail", args=[company.slug, action.pk])).status_code == 404
    assert client.get(reverse("plan_list", args=[company.slug])).status_code == 404


def test_plan_page_queries_do_not_grow(
    client, company, admin, submitted, django_assert_max_num_queries
):
    client.force_login(admin)
    url = reverse("plan_list", args=[company.slug])
    _action(company, admin, owner=admin)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for n in range(25):
        _action(company, admin, title=f"Action {n}", owner=admin, assessment=submitted)
    with django_assert_max_num_queries(len(few.captured_queries) + 3):
        client.get(url)
