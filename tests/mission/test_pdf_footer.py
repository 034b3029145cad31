"""Every page of the committee's annual report after its cover names the
organisation and the document at its foot, next to the page number: a page
printed alone still says what it belongs to."""

import io
import re
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from levier.accounts.models import OrgRole
from tests.factories import make_member
from tests.mission import committee_data as d

pytestmark = pytest.mark.django_db


def _pages(content: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(content))
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def test_pages_after_the_cover_carry_the_footer(client, organisation):
    report = d.report(d.one_objective(organisation), opinion="Bien.", adopted_on=date(2026, 4, 2))
    client.force_login(make_member(organisation, OrgRole.VIEWER))

    response = client.get(reverse("mission_report_pdf", args=[organisation.slug, report.pk]))

    pages = _pages(response.content)
    footer = f"{organisation.name} · Rapport du comité de mission à l’assemblée · Exercice 2025"
    assert len(pages) >= 2
    assert footer not in pages[0]  # the cover stands alone
    for number, text in enumerate(pages[1:], start=2):
        assert footer in text, number
        assert f"{number} / {len(pages)}" in text
