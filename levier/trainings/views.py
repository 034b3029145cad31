"""Animators run a training's paperwork: sessions, sign-in sheets, attendance,
certificates, the questionnaire's results. Participants download their own
certificate and answer the questionnaire."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from levier.engine import trainings as engine
from levier.events.models import Event
from levier.tenancy.scope import system
from levier.tenancy.views import member_view, network_view, token_view
from levier.trainings import documents, services
from levier.trainings.forms import SessionForm, SurveyForm
from levier.trainings.models import Part, SurveyInvitation, TrainingSession


def _pdf(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _event(access, pk) -> Event:
    return get_object_or_404(
        Event.objects.select_related("network", "contact_user", "created_by"),
        pk=pk,
        network=access.network,
    )


def _session(event, session_pk) -> TrainingSession:
    return get_object_or_404(
        TrainingSession.objects.select_related("event"), pk=session_pk, event=event
    )


# The animator's side ------------------------------------------------------------


@network_view("animate")
def training_board(request, access, pk):
    event = _event(access, pk)
    sessions = services.sessions_of(event)
    records = services.records(event)
    summary, asked = services.survey_summary(event)
    return render(
        request,
        "trainings/board.html",
        {
            "network": access.network,
            "event": event,
            "sessions": sessions,
            "records": records,
            "with_hours": [record for record in records if record.minutes],
            "scheduled_hours": engine.hours(sum(s.minutes for s in sessions)),
            "summary": summary,
            "asked": asked,
            "min_answers": engine.MIN_ANSWERS,
            "ratings": list(
                zip(engine.RATINGS, summary.overall_counts, summary.usefulness_counts, strict=True)
            )
            if summary.shown
            else [],
        },
    )


def _session_form(request, access, event, session=None):
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        session = form.save(commit=False)
        session.event = event
        told = services.save_session(session)
        messages.success(request, _("The session is saved."))
        _say_told(request, told)
        return redirect("training_board", access.network.slug, event.pk)
    return render(
        request,
        "trainings/session_form.html",
        {"network": access.network, "event": event, "form": form, "session": session},
        status=400 if form.errors else 200,
    )


def _say_told(request, told: int) -> None:
    if told:
        messages.info(
            request,
            ngettext(
                "%(count)d registered person is told, with the updated calendar file.",
                "%(count)d registered people are told, with the updated calendar file.",
                told,
            )
            % {"count": told},
        )


@network_view("animate")
def session_new(request, access, pk):
    return _session_form(request, access, _event(access, pk))


@network_view("animate")
def session_edit(request, access, pk, session_pk):
    event = _event(access, pk)
    return _session_form(request, access, event, _session(event, session_pk))


@network_view("animate")
@require_POST
def session_delete(request, access, pk, session_pk):
    event = _event(access, pk)
    told = services.delete_session(_session(event, session_pk))
    messages.success(request, _("The session is removed, with its attendance."))
    _say_told(request, told)
    return redirect("training_board", access.network.slug, event.pk)


@network_view("animate")
def session_sheet(request, access, pk, session_pk):
    event = _event(access, pk)
    session = _session(event, session_pk)
    return _pdf(documents.sheet_pdf(event, session, request), documents.sheet_name(event, session))


def _rows(session, people, marks):
    return [
        {
            "registration": registration,
            "cells": [
                {"part": part.key, "present": marks.get((registration.pk, part.key))}
                for part in session.parts
            ],
        }
        for registration in people
    ]


@network_view("animate")
def session_attendance(request, access, pk, session_pk):
    """One toggle per participant and part; htmx swaps the row, without
    JavaScript the form posts and the page comes back."""
    event = _event(access, pk)
    session = _session(event, session_pk)
    people = services.participants(event)
    if request.method == "POST":
        by_pk = {registration.pk: registration for registration in people}
        keys = {part.key for part in session.parts}
        if request.POST.get("everyone") == "present":
            for registration in people:
                for key in keys:
                    services.mark(session, registration, key, True)
            messages.success(request, _("Everyone is marked present."))
            return redirect("session_attendance", access.network.slug, event.pk, session.pk)
        try:
            registration = by_pk[int(request.POST.get("registration", ""))]
        except (KeyError, ValueError):
            raise Http404 from None
        part = request.POST.get("part", "")
        if part not in keys:
            raise Http404
        present = request.POST.get("present") == "1"
        services.mark(session, registration, part, present)
        if request.headers.get("HX-Request"):
            row = _rows(session, [registration], services.presence(session))[0]
            return render(
                request,
                "trainings/_attendance_row.html",
                {"network": access.network, "event": event, "session": session, "row": row},
            )
        return redirect(
            reverse("session_attendance", args=[access.network.slug, event.pk, session.pk])
            + f"#person-{registration.pk}"
        )
    marks = services.presence(session)
    rows = _rows(session, people, marks)
    return render(
        request,
        "trainings/attendance.html",
        {
            "network": access.network,
            "event": event,
            "session": session,
            "rows": rows,
            "part_labels": dict(Part.choices),
            "present_count": sum(
                1 for row in rows if any(cell["present"] for cell in row["cells"])
            ),
        },
    )


@network_view("animate")
def certificate(request, access, pk, registration_pk):
    event = _event(access, pk)
    registration = get_object_or_404(
        event.registrations.confirmed().select_related("user", "organisation"),
        pk=registration_pk,
    )
    record = services.records(event, [registration])[0]
    if not record.minutes:
        raise Http404
    return _pdf(
        documents.certificates_pdf(event, [record], request),
        documents.certificate_name(event, registration),
    )


@network_view("animate")
def certificates(request, access, pk):
    """Every participant's certificate, one page each, in one PDF."""
    event = _event(access, pk)
    records = [record for record in services.records(event) if record.minutes]
    if not records:
        raise Http404
    return _pdf(
        documents.certificates_pdf(event, records, request), documents.certificate_name(event)
    )


# The participant's side ---------------------------------------------------------


@member_view
def my_certificate(request, pk):
    """The signed-in person's own certificate; 404 with no hour attended."""
    event = get_object_or_404(
        Event.objects.select_related("network", "contact_user", "created_by"), pk=pk
    )
    registration = (
        event.registrations.confirmed()
        .filter(user=request.user)
        .select_related("user", "organisation")
        .first()
    )
    if registration is None:
        raise Http404
    record = services.records(event, [registration])[0]
    if not record.minutes:
        raise Http404
    return _pdf(
        documents.certificates_pdf(event, [record], request),
        documents.certificate_name(event, registration),
    )


def _invitation(token) -> SurveyInvitation:
    """The invitation of a token, read for nobody (the link is the key), with
    the little the page shows: the event's title and network."""
    with system():
        invitation = (
            SurveyInvitation.objects.select_related("registration__event__network")
            .filter(token=token)
            .first()
        )
    if invitation is None:
        raise Http404
    return invitation


@token_view
def survey(request, token):
    invitation = _invitation(token)
    event = invitation.registration.event
    if invitation.answered_at is not None:
        return render(request, "trainings/survey_done.html", {"event": event, "already": True})
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with system():
            fresh = services.answer(invitation, form.cleaned_data)
        return render(
            request, "trainings/survey_done.html", {"event": event, "already": not fresh}
        )
    return render(
        request,
        "trainings/survey.html",
        {"event": event, "form": form},
        status=400 if form.errors else 200,
    )
