"""A theme page costs the same number of queries with one answer carrying
evidence as with every answer of the theme carrying some: the files are
fetched in one query for all the answers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from levier.assessments.models import Evidence
from tests.assessments.conftest import PDF, upload_evidence, url

pytestmark = pytest.mark.django_db


def theme_page_queries(client, assessment, theme_code) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url("assessment_theme", assessment, theme_code))
    assert response.status_code == 200
    return len(captured)


def test_the_theme_page_queries_do_not_grow_with_evidence(client, assessment, contributor):
    client.force_login(contributor)
    theme = assessment.pack.theme(assessment.pack.question("SOC-HSW-05").theme_code)
    upload_evidence(client, assessment, "premier.pdf", PDF, code="SOC-HSW-05")
    few = theme_page_queries(client, assessment, theme.code)

    others = [q.code for q in theme.questions if q.code != "SOC-HSW-05"]
    for code in others:
        upload_evidence(client, assessment, f"{code}.pdf", PDF, code=code)
    many = theme_page_queries(client, assessment, theme.code)

    assert Evidence.objects.count() >= 3
    assert many == few
