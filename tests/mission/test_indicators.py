"""Indicators and their measurements: an indicator needs a unit, its
baseline and target each come with a date, the target after the baseline;
a measurement needs a date and a number (typed the French way too), may
carry an evidence file (checked), and shows in the table, the standing and
the trend chart; evidence is for the organisation's members only."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from levier.mission import charts
from levier.mission.models import Indicator, IndicatorMeasurement, MeasurementEvidence
from tests.mission import core_data as d

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def world():
    return d.company()


@pytest.fixture
def operational(world):
    return d.add_operational(d.add_objective(world.mission))


GOOD = {
    "name": "Part de bouteilles consignées",
    "unit": "%",
    "baseline_value": "12,5",
    "baseline_on": "2025-01-01",
    "target_value": "60",
    "target_on": "2027-12-31",
    "responsible": "",
    "every_months": "3",
}


def _new(client, world, operational, headers=EN, **changes):
    return client.post(
        d.url("mission_indicator_new", world.organisation, operational.pk),
        {**GOOD, **changes},
        **headers,
    )


def test_an_indicator_is_created_with_french_decimals_and_its_responsible(
    client, world, operational
):
    client.force_login(world.contributor)
    # French, as the page is by default: "12,5" is twelve and a half.
    response = _new(client, world, operational, headers={}, responsible=world.viewer.pk)
    indicator = Indicator.objects.get()
    assert response["Location"] == d.url("mission_indicator", world.organisation, indicator.pk)
    assert (indicator.baseline_value, indicator.target_value) == (12.5, 60.0)
    assert (indicator.baseline_on, indicator.target_on) == (date(2025, 1, 1), date(2027, 12, 31))
    assert (indicator.responsible, indicator.every_months, indicator.objective) == (
        world.viewer,
        3,
        operational,
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"unit": ""}, "Give the indicator&#x27;s unit"),
        ({"target_on": "2024-12-31"}, "The target date must come after the baseline date."),
        ({"baseline_on": ""}, "Give the baseline&#x27;s value and its date together."),
        ({"target_value": ""}, "Give the target&#x27;s value and its date together."),
        ({"target_value": "soixante"}, "Give a number, such as 12 or 12.5."),
    ],
    ids=["no unit", "target before baseline", "value without date", "date without value", "nan"],
)
def test_bad_indicators_are_refused_with_a_clear_message_and_nothing_lost(
    client, world, operational, changes, message
):
    client.force_login(world.contributor)
    response = _new(client, world, operational, **changes)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Please correct the fields below; nothing you typed is lost." in page
    assert 'value="Part de bouteilles consignées"' in page
    kept = {**GOOD, **changes}
    for field in ("baseline_on", "target_on"):
        if kept[field]:
            assert f'value="{kept[field]}"' in page
    assert not Indicator.objects.exists()


def test_editing_an_indicator_into_a_bad_state_keeps_it_unchanged(client, world, operational):
    indicator = d.add_indicator(operational)
    client.force_login(world.contributor)
    response = client.post(
        d.url("mission_indicator_edit", world.organisation, indicator.pk),
        {**GOOD, "target_on": "2024-01-01"},
        **EN,
    )
    assert response.status_code == 400
    indicator.refresh_from_db()
    assert indicator.target_on == date(2027, 1, 1)


def _record(client, world, indicator, headers=EN, **data):
    fields = {"on": "2025-09-30", "value": "1234.5", "source": "Caisse", "note": ""}
    return client.post(
        d.url("mission_indicator", world.organisation, indicator.pk), {**fields, **data}, **headers
    )


def test_a_measurement_is_recorded_with_its_evidence_and_shown(client, world, operational):
    indicator = d.add_indicator(operational, unit="bouteilles")
    client.force_login(world.contributor)
    response = _record(
        client,
        world,
        indicator,
        headers={},
        value="1\u00a0234,5",
        evidence=SimpleUploadedFile("registre.pdf", d.PDF),
    )
    assert response.status_code == 302
    measurement = IndicatorMeasurement.objects.get()
    assert (measurement.on, measurement.value, measurement.source) == (
        date(2025, 9, 30),
        1234.5,
        "Caisse",
    )
    assert measurement.recorded_by == world.contributor
    evidence = MeasurementEvidence.objects.get()
    assert (evidence.measurement, evidence.original_name) == (measurement, "registre.pdf")
    client.force_login(world.viewer)
    page = client.get(
        d.url("mission_indicator", world.organisation, indicator.pk), **EN
    ).content.decode()
    assert "1,234.5 bouteilles" in page
    assert "Chloé Contributrice" in page
    download = d.url("mission_evidence_download", world.organisation, evidence.pk)
    assert download in page
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == d.PDF
    assert 'filename="registre.pdf"' in response["Content-Disposition"]


def test_evidence_is_for_the_organisations_members_only(client, world, operational):
    measurement = d.measure(d.add_indicator(operational), date(2025, 6, 1), 20)
    evidence = MeasurementEvidence.objects.create(
        measurement=measurement,
        file=SimpleUploadedFile("preuve.pdf", d.PDF),
        original_name="preuve.pdf",
        size=len(d.PDF),
    )
    download = d.url("mission_evidence_download", world.organisation, evidence.pk)
    other = d.company()
    client.force_login(other.admin)
    assert client.get(download).status_code == 404
    stolen = d.url("mission_evidence_download", other.organisation, evidence.pk)
    assert client.get(stolen).status_code == 404
    client.force_login(world.viewer)
    assert client.get(download).status_code == 200


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"on": ""}, "Give the date the value was measured."),
        ({"value": ""}, "Give the measured value."),
        (
            {"evidence": SimpleUploadedFile("registre.pdf", b"MZ\x90\x00 not a pdf")},
            "registre.pdf does not look like a PDF file.",
        ),
    ],
    ids=["value without date", "date without value", "fake pdf"],
)
def test_a_bad_measurement_is_refused_and_what_was_typed_stays(
    client, world, operational, data, message
):
    indicator = d.add_indicator(operational)
    client.force_login(world.contributor)
    response = _record(client, world, indicator, source="Registre des ventes", **data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'value="Registre des ventes"' in page
    assert not IndicatorMeasurement.objects.exists()
    assert not MeasurementEvidence.objects.exists()


def test_viewers_cannot_record_or_delete_measurements(client, world, operational):
    indicator = d.add_indicator(operational)
    measurement = d.measure(indicator, date(2025, 6, 1), 20)
    client.force_login(world.viewer)
    assert _record(client, world, indicator).status_code == 403
    delete = d.url("mission_measurement_delete", world.organisation, measurement.pk)
    assert client.post(delete).status_code == 404
    assert IndicatorMeasurement.objects.count() == 1
    page = client.get(d.url("mission_indicator", world.organisation, indicator.pk)).content
    assert b'name="evidence"' not in page


def test_a_measurement_is_deleted_by_post_with_its_file(
    client, world, operational, django_capture_on_commit_callbacks
):
    indicator = d.add_indicator(operational)
    client.force_login(world.contributor)
    _record(client, world, indicator, evidence=SimpleUploadedFile("a.pdf", d.PDF))
    measurement = IndicatorMeasurement.objects.get()
    file = MeasurementEvidence.objects.get().file
    storage, name = file.storage, file.name
    delete = d.url("mission_measurement_delete", world.organisation, measurement.pk)
    assert client.get(delete).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(delete)
    assert response["Location"] == d.url("mission_indicator", world.organisation, indicator.pk)
    assert not IndicatorMeasurement.objects.exists()
    assert not storage.exists(name)


def test_the_indicator_page_shows_standing_next_measurement_and_a_trend_chart(
    client, world, operational
):
    today = date.today()
    indicator = d.add_indicator(
        operational,
        unit="t",
        baseline_value=100,
        baseline_on=today - timedelta(days=365),
        target_value=50,
        target_on=today + timedelta(days=365),
        every_months=12,
    )
    d.measure(indicator, today - timedelta(days=10), 90)
    client.force_login(world.viewer)
    page = client.get(
        d.url("mission_indicator", world.organisation, indicator.pk), **EN
    ).content.decode()
    # 100 to 50, at 90 after a year: a fifth of the way, behind (the trend gives 80).
    assert "Behind" in page
    assert "20% of the way" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert 'role="img"' in page
    assert "Baseline: 100 t on" in page
    assert "Target: 50 t by" in page
    assert "Measured" in page
    next_due = today - timedelta(days=10)
    assert (next_due.replace(year=next_due.year + 1)).strftime("%Y") in page
    assert "overdue" not in page.split("Next measurement")[1].split("</dd>")[0]


def test_an_overdue_measurement_stands_out(client, world, operational):
    indicator = d.add_indicator(
        operational, baseline_on=date.today() - timedelta(days=200), every_months=3
    )
    client.force_login(world.viewer)
    page = client.get(
        d.url("mission_indicator", world.organisation, indicator.pk), **EN
    ).content.decode()
    assert '<span class="badge badge-danger">overdue</span>' in page
    assert "No data yet" in page


def test_the_trend_chart_places_points_in_time_and_says_its_figures():
    def chart():
        return charts.trend_chart(
            unit="t",
            baseline=(date(2024, 1, 1), 100.0),
            target=(date(2028, 9, 1), 50.0),
            measurements=[(date(2025, 1, 1), 90.0), (date(2026, 1, 1), 70.0)],
            title="Émissions",
        )

    with translation.override("en"):
        svg = chart()
    with translation.override("fr"):
        french = chart()
    assert svg.count("<circle") >= 3  # two measurements and the target
    assert "<polyline" in svg
    # Dates are unambiguous in both languages (no 09/01 read as 1 September or 9 January).
    assert "Measurements: 1 Jan. 2025 90 t; 1 Jan. 2026 70 t" in svg
    assert "Target: 50 t by 1 Sept. 2028" in svg
    assert "<title>1 Jan. 2025: 90 t</title>" in svg
    assert "Mesures\u00a0: 1 jan. 2025 90 t; 1 jan. 2026 70 t" in french
    assert "1 sept. 2028" in french
    assert "<title>1 jan. 2025\u00a0: 90 t</title>" in french
    empty = charts.trend_chart(
        unit="t", baseline=None, target=None, measurements=[], title="Émissions"
    )
    assert "No measurement yet" in empty
    assert "<polyline" not in empty


def test_values_are_written_readably():
    assert charts.value_text(12.0) == "12"
    assert charts.value_text(0.1234567) == "0.123457"
    assert charts.value_text(1234567.8) == "1,234,568"
