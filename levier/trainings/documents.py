"""The sign-in sheet of a session and the attendance certificates, as PDF
documents in the layout of Levier's other reports."""

from django.utils import timezone
from django.utils.text import slugify

from levier.engine import trainings as engine
from levier.reports.pdf import render_pdf
from levier.trainings import services

# Blank rows of a sheet nobody registered to yet: people sign by hand.
BLANK_ROWS = 12


def sheet_pdf(event, session, request=None) -> bytes:
    people = services.participants(event)
    rows = people or [None] * BLANK_ROWS
    pages, start = [], 0
    for count in engine.sheet_pages(len(rows)):
        pages.append(
            [(start + index + 1, row) for index, row in enumerate(rows[start : start + count])]
        )
        start += count
    return render_pdf(
        "trainings/sheet_pdf.html",
        {
            "event": event,
            "network": event.network,
            "session": session,
            "number": services.sessions_of(event).index(session) + 1,
            "sessions_count": len(services.sessions_of(event)),
            "pages": pages,
            "count": len(people),
            "parts": session.parts,
        },
        request,
    )


def sheet_name(event, session) -> str:
    return f"emargement-{slugify(event.title)[:40]}-{session.date:%Y-%m-%d}.pdf"


def certificates_pdf(event, records, request=None) -> bytes:
    """One page per participant who attended something."""
    sessions = services.sessions_of(event)
    return render_pdf(
        "trainings/certificate_pdf.html",
        {
            "event": event,
            "network": event.network,
            "records": [record for record in records if record.minutes],
            "first_day": sessions[0].date if sessions else timezone.localdate(event.start),
            "last_day": sessions[-1].date if sessions else timezone.localdate(event.end),
            "scheduled_hours": engine.hours(sum(s.minutes for s in sessions)),
            "signer": services.signer_name(event),
            "today": timezone.localdate(),
        },
        request,
    )


def certificate_name(event, registration=None) -> str:
    who = f"-{slugify(registration.display_name)[:40]}" if registration else ""
    return f"attestation-{slugify(event.title)[:40]}{who}.pdf"
