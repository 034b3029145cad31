"""A coaching appointment as an iCalendar (RFC 5545) file, attached to the
emails that tell the organisation's people of it."""

from datetime import date

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from levier.lib.ical import PRODID
from levier.programmes.models import Appointment


def appointment_attachment(
    appointment: Appointment, url: str, *, cancelled: bool = False
) -> tuple[str, bytes, str]:
    """A coaching appointment for the calendars of the organisation's people:
    same UID across changes, a growing sequence, METHOD:CANCEL when removed."""
    method = "CANCEL" if cancelled else "PUBLISH"
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", method)
    component = VEvent()
    component.add("uid", appointment.uid)
    component.add("dtstamp", timezone.now())
    component.add("dtstart", timezone.localtime(appointment.at))
    component.add("dtend", timezone.localtime(appointment.end))
    component.add("summary", f"{appointment.programme.title} · {appointment.get_kind_display()}")
    component.add("description", url)
    location = appointment.place or appointment.video_url
    if location:
        component.add("location", location)
    component.add("url", url)
    component.add("sequence", appointment.sequence)
    component.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    cal.add_component(component)
    year = timezone.localdate(appointment.at).year
    cal.add_missing_timezones(first_date=date(year, 1, 1), last_date=date(year + 1, 1, 1))
    return (
        f"levier-appointment-{appointment.pk}.ics",
        cal.to_ical(),
        f"text/calendar; method={method}",
    )
