"""`rescore --dry-run` reports what a pack fix changes and changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.assessments.rescoring import direct, fix_pack, stored, submit_lowest

pytestmark = pytest.mark.django_db


def test_the_dry_run_reports_the_change_and_keeps_the_stored_scores(assessment, admin):
    snapshot = submit_lowest(assessment, admin)
    before = stored(snapshot)
    fix_pack(assessment.framework_version)
    out = StringIO()

    call_command("rescore", "--dry-run", stdout=out)

    assert stored(snapshot) == before
    report = out.getvalue()
    assert "1 submitted assessments checked; the stored scores of 1 would change" in report
    difference = abs(direct(assessment)[0][0] - before[0][0])
    assert difference > 0.005
    assert f"largest overall difference: {difference:.2f} points" in report


def test_nothing_to_report_when_nothing_changed(assessment, admin):
    submit_lowest(assessment, admin)
    out = StringIO()

    call_command("rescore", "--dry-run", stdout=out)

    assert "the stored scores of 0 would change" in out.getvalue()
