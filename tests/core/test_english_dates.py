"""The English interface writes and reads dates day first, with a 24-hour
clock, as its European readers do; French is unchanged."""

from datetime import date, datetime

from django import forms
from django.utils import formats, translation


class _DateForm(forms.Form):
    day = forms.DateField()


def test_short_dates_and_times_are_day_first_and_24_hour_in_english():
    moment = datetime(2025, 5, 20, 15, 30)
    with translation.override("en"):
        assert formats.date_format(moment.date(), "SHORT_DATE_FORMAT") == "20/05/2025"
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == "20/05/2025 15:30"
        assert formats.date_format(moment.date()) == "20 May 2025"
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1
    with translation.override("fr"):
        assert formats.date_format(moment.date(), "SHORT_DATE_FORMAT") == "20/05/2025"
        assert formats.date_format(moment.date()) == "20 mai 2025"


def test_an_english_form_reads_a_typed_day_first_date_and_the_iso_date_of_inputs():
    with translation.override("en"):
        typed = _DateForm({"day": "20/05/2025"})
        sent = _DateForm({"day": "2025-05-20"})
        assert typed.is_valid() and sent.is_valid()
        assert typed.cleaned_data["day"] == sent.cleaned_data["day"] == date(2025, 5, 20)
