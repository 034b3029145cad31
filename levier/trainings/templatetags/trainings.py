"""The sessions of an event and the reader's certificate, for the events
pages (which know nothing of trainings)."""

from django import template
from django.utils.formats import number_format

from levier.trainings import services

register = template.Library()


@register.simple_tag
def training_sessions(event):
    return services.sessions_of(event)


@register.simple_tag
def has_certificate(event, user) -> bool:
    if not user.is_authenticated:
        return False
    registration = event.registrations.confirmed().filter(user=user).first()
    if registration is None:
        return False
    return bool(services.records(event, [registration])[0].minutes)


@register.filter
def hours(value) -> str:
    """Hours in quarters, without trailing zeros: 7, 3.5, 3.25 (localised)."""
    value = float(value or 0)
    decimals = next(d for d in (0, 1, 2) if round(value * 10**d) == value * 10**d)
    return number_format(value, decimals)
