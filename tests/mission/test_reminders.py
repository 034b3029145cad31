"""Mission reminders: the verifier's deadline and the committee's report to
the admins, indicators to measure to their responsible; nothing twice on
the same day, nothing for a mission not yet published, a constant number of
queries whatever the number of missions."""

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from levier.mission.models import (
    CommitteeReport,
    Indicator,
    IndicatorMeasurement,
    Mission,
    OperationalObjective,
    StatutoryObjective,
)
from levier.mission.reminders import send_mission_reminders
from tests.factories import make_member, make_organisation
from tests.mailing.helpers import committed
from tests.mission.verification_data import TODAY, fix_today, mission, verification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    fix_today(monkeypatch)


def _run() -> list:
    mail.outbox.clear()
    with committed():
        call_command("send_mission_reminders", now=True)
    return list(mail.outbox)


def _quiet(m: Mission) -> Mission:
    """Nothing of the calendar due: verified last month, report adopted."""
    verification(m, date(2026, 5, 1), employees=80)
    CommitteeReport.objects.create(mission=m, year=2025, adopted_on=date(2026, 5, 20))
    return m


def _indicator(m: Mission, **fields) -> Indicator:
    statutory = StatutoryObjective.objects.create(mission=m, wording="Climat", theme="climate")
    operational = OperationalObjective.objects.create(
        organisation=m.organisation, statutory_objective=statutory, title="Flotte"
    )
    fields.setdefault("name", "Émissions")
    fields.setdefault("unit", "t")
    return Indicator.objects.create(objective=operational, **fields)


def test_the_admins_hear_of_the_verification_deadline(organisation, org_admin):
    contributor = make_member(organisation, "contributor")
    m = mission(organisation, published_on=date(2025, 3, 1))  # due 1 September 2026
    CommitteeReport.objects.create(mission=m, year=2025, adopted_on=date(2026, 5, 20))

    (message,) = _run()

    assert message.to == [org_admin.email] != [contributor.email]
    assert organisation.name in message.subject
    assert "1 septembre 2026" in message.body
    assert f"/o/{organisation.slug}/mission/verification/" in message.body
    assert "verification-file.zip" in message.body
    m.refresh_from_db()
    assert m.verification_reminded_on == TODAY


def test_an_overdue_verification_is_reminded(organisation, org_admin):
    m = mission(organisation, published_on=date(2022, 1, 10))
    verification(m, date(2024, 5, 2), employees=120)  # due 2 May 2026
    CommitteeReport.objects.create(mission=m, year=2025, adopted_on=date(2026, 5, 20))

    (message,) = _run()

    assert "2 mai 2026" in message.body and "44" in message.body


def test_the_committees_report_is_reminded_until_adopted(organisation, org_admin):
    m = mission(organisation, published_on=date(2024, 3, 1))
    verification(m, date(2026, 5, 1), employees=80)
    draft = CommitteeReport.objects.create(mission=m, year=2025)

    (message,) = _run()

    assert message.to == [org_admin.email]
    assert "2025" in message.subject
    assert "30 juin 2026" in message.body  # six months after the year's end
    assert f"/o/{organisation.slug}/mission/committee/" in message.body

    draft.adopted_on = date(2026, 6, 1)
    draft.save()
    Mission.objects.filter(pk=m.pk).update(report_reminded_on=None)
    assert _run() == []


def test_indicators_due_go_to_their_responsible_or_the_admins(organisation, org_admin):
    responsible = make_member(organisation, "contributor")
    m = _quiet(mission(organisation))
    soon = _indicator(
        m, name="Soon", baseline_value=1, baseline_on=date(2025, 6, 20), responsible=responsible
    )
    late = _indicator(m, name="Late", every_months=3)
    IndicatorMeasurement.objects.create(indicator=late, on=date(2026, 1, 31), value=3)
    fresh = _indicator(m, name="Fresh", responsible=responsible, every_months=1)
    IndicatorMeasurement.objects.create(indicator=fresh, on=date(2026, 6, 1), value=3)

    messages = {tuple(message.to): message for message in _run()}

    assert set(messages) == {(responsible.email,), (org_admin.email,)}
    to_responsible = messages[(responsible.email,)].body
    assert "Soon" in to_responsible and "Fresh" not in to_responsible
    assert "20/06/2026" in to_responsible
    assert f"/mission/indicators/{soon.pk}/" in to_responsible
    to_admin = messages[(org_admin.email,)].body
    assert "Late" in to_admin and "30/04/2026" in to_admin
    assert Indicator.objects.get(pk=late.pk).reminded_on == TODAY
    assert Indicator.objects.get(pk=fresh.pk).reminded_on is None


def test_running_twice_the_same_day_sends_nothing_more(organisation, org_admin):
    m = mission(organisation, published_on=date(2025, 3, 1))
    _indicator(m, baseline_value=1, baseline_on=date(2025, 6, 20))

    first = _run()

    assert len(first) == 3  # the verification, the report, the indicator
    assert _run() == []


def test_a_mission_not_yet_published_sends_nothing(organisation, org_admin):
    mission(organisation, published_on=None)

    assert _run() == []
    assert send_mission_reminders.call() == 0


def test_the_queries_do_not_grow_with_the_missions(network):
    def count():
        with CaptureQueriesContext(connection) as queries:
            send_mission_reminders.call()
        return len(queries)

    organisation = make_organisation(network)
    make_member(organisation, "admin")
    _indicator(_quiet(mission(organisation)))
    one = count()
    for _n in range(4):
        other = make_organisation(network)
        make_member(other, "admin")
        _indicator(_quiet(mission(other)))

    assert count() == one
