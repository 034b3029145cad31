"""The trail never carries an organisation's answers, comments, evidence
names or scores, to anyone: the network's admins read it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from levier.assessments import services as assessments
from levier.assessments.models import Evidence, ScoreSnapshot
from levier.assessments.uploads import stored_fields
from levier.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

COMMENT = "Confidential-comment-about-our-accidents"
EVIDENCE_NAME = "confidential-evidence-name.pdf"
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_no_trail_shows_answers_or_scores(
    org_admin, organisation, network, network_admin, animator, version
):
    admin = Client()
    admin.force_login(org_admin)
    # A draft with an answer, its comment and an evidence file, then deleted.
    draft = assessments.start(organisation, version, "2025", org_admin)
    question = next(
        q
        for q in assessments.applicable_questions(draft)
        if q.is_choice and q.condition is None and q.type != "multiple_choice"
    )
    assessments.save_answer(
        draft,
        question,
        assessments.AnswerInput(levels=(question.levels[-1].code,), comment=COMMENT),
        org_admin,
        0,
    )
    evidence = Evidence.objects.create(
        answer=draft.answers.get(question_code=question.code),
        **stored_fields(SimpleUploadedFile(EVIDENCE_NAME, PDF), org_admin),
    )
    # (followed, so that their messages are shown and gone before the trail)
    admin.post(
        reverse("assessment_evidence_delete", args=[organisation.slug, draft.pk, evidence.pk]),
        follow=True,
    )
    assessments.submit(draft, org_admin)
    overall = ScoreSnapshot.objects.get(assessment=draft).overall
    # Everything that can be recorded around results.
    admin.post(
        reverse("results_sharing_toggle", args=[organisation.slug]), {"share": "yes"}, follow=True
    )
    admin.get(reverse("assessment_results_xlsx", args=[organisation.slug, draft.pk]))
    admin.get(reverse("plan_xlsx", args=[organisation.slug]))
    staff = Client()
    staff.force_login(animator)
    staff.get(reverse("shared_results", args=[network.slug, organisation.slug]))
    assert AuditEntry.objects.count() == 5

    pages = [admin.get(reverse("organisation_audit", args=[organisation.slug]))]
    staff.force_login(network_admin)
    pages.append(staff.get(reverse("network_audit", args=[network.slug])))
    for page in pages:
        assert page.status_code == 200
        text = page.content.decode()
        assert COMMENT not in text and EVIDENCE_NAME not in text
    for entry in AuditEntry.objects.all():
        assert COMMENT not in entry.detail and EVIDENCE_NAME not in entry.detail
        assert f"{overall:.0f}" not in entry.detail.replace("2025", "")
