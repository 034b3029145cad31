"""The sessions of an event and the reader's certificate, for the community
pages (which know nothing of trainings)."""

from django import template

from levier.trainings import services

register = template.Library()


@register.simple_tag
def training_sessions(event):
    return services.sessions_of(event)


@register.simple_tag
def has_certificate(event, user) -> bool:
    registration = event.registrations.confirmed().filter(user=user).first()
    if registration is None:
        return False
    return bool(services.records(event, [registration])[0].minutes)
