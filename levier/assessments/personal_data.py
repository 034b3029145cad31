"""What the assessments hold about a person, for their personal data export."""

from levier.accounts.services import personal_data_section
from levier.assessments.models import Answer, Evidence


@personal_data_section("assessment_answers")
def answers(user) -> list:
    return [
        {
            "organisation": a.assessment.organisation.name,
            "assessment": str(a.assessment),
            "question": a.question_code,
            "comment": a.comment,
            "text": a.text,
            "updated": a.updated_at.isoformat(),
        }
        for a in Answer.objects.filter(answered_by=user).select_related(
            "assessment__organisation", "assessment__framework_version"
        )
    ]


@personal_data_section("evidence_uploaded")
def evidence(user) -> list:
    return [
        {"file": e.original_name, "uploaded": e.uploaded_at.isoformat()}
        for e in Evidence.objects.filter(uploaded_by=user)
    ]
