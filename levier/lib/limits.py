"""The largest values Levier accepts from the people who use it, in one place.

Forms, models and the assessment autosave read these, so a limit changes here
and nowhere else (ADR 16). Each is far above honest use and far below what
would slow a page, a PDF or an export down.
"""

import math

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

# Names and titles: one line, shown in lists, breadcrumbs, emails' subjects.
NAME_MAX_LENGTH = 200
# A person's name: what allauth and Django's admin already expected.
PERSON_NAME_MAX_LENGTH = 150
# Descriptions, comments, answers, notes: a few paragraphs at most.
SHORT_TEXT_MAX_LENGTH = 5_000
# Markdown bodies (a practice's context, steps and results, an event's or a
# club's description and resources): a few pages.
LONG_TEXT_MAX_LENGTH = 20_000

# People in an organisation. The largest French employers count a few hundred
# thousand people worldwide; two million leaves room and still catches a typo
# of a few extra zeros.
HEADCOUNT_MAX = 2_000_000
# Seats at an event: more than the largest stadium in France (80,000).
EVENT_CAPACITY_MAX = 100_000
# Organisations in a programme's cohort, and actions its deliverable asks for.
PROGRAMME_SEATS_MAX = 1_000
PROGRAMME_MIN_ACTIONS_MAX = 1_000
# Indicator values (baseline, target, measurements) and numeric answers: a
# trillion (euros, kWh, kilograms) is beyond any member's figures.
MEASURE_MAX_MAGNITUDE = 1e12


def validate_measure(value) -> None:
    """A finite number within ±MEASURE_MAX_MAGNITUDE. Django's form FloatField
    already refuses inf and nan; the model and the autosave check it here."""
    if value is None:
        return
    if not math.isfinite(value):
        raise ValidationError(_("Give a number."), code="not_finite")
    if abs(value) > MEASURE_MAX_MAGNITUDE:
        raise ValidationError(
            _("This number is too large: give a number between -%(limit)s and %(limit)s."),
            code="too_large",
            params={"limit": number_format(MEASURE_MAX_MAGNITUDE, 0, force_grouping=True)},
        )
