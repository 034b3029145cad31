"""Pages of the "projects meet funders" sessions: the animator's (create,
registrants, schedule, publication, follow-ups), a member's (register a
shared project, rank funders, agenda, follow-up) and a funder contact's
(register, rank projects, agenda, follow-up)."""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from levier.finance import session_emails, sessions
from levier.finance.models import (
    FollowUp,
    Funder,
    Meeting,
    MeetingSession,
    Project,
    SessionFunder,
    SessionProject,
    Side,
)
from levier.finance.session_forms import FollowUpForm, RegisterForm, SessionForm
from levier.tenancy.views import funder_view, network_view, org_view


def _slots(session):
    return [
        (slot, timezone.localtime(sessions.slot_start(session, slot)).strftime("%H:%M"))
        for slot in range(session.slots)
    ]


# The animator -----------------------------------------------------------------


def _session(network, pk) -> MeetingSession:
    return get_object_or_404(MeetingSession.objects.filter(network=network), pk=pk)


@network_view("animate")
def session_list(request, access):
    return render(
        request,
        "finance/session/list.html",
        {
            "network": access.network,
            "sessions": MeetingSession.objects.filter(network=access.network),
        },
    )


def _edit(request, access, session):
    form = SessionForm(request.POST if request.method == "POST" else None, instance=session)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.network = access.network
        if saved.created_by_id is None:
            saved.created_by = request.user
        with transaction.atomic():
            saved.save()
            if form.cleaned_data["announce"] or saved.event_id:
                sessions.announce(saved)
        messages.success(request, _("The session is saved."))
        return redirect("session_detail", access.network.slug, saved.pk)
    return render(
        request,
        "finance/session/form.html",
        {"network": access.network, "form": form, "session": session},
        status=400 if form.errors else 200,
    )


@network_view("animate")
def session_create(request, access):
    return _edit(request, access, MeetingSession(network=access.network))


@network_view("animate")
def session_edit(request, access, pk):
    return _edit(request, access, _session(access.network, pk))


@network_view("animate")
def session_detail(request, access, pk):
    session = _session(access.network, pk)
    registered = set(session.funder_entries.values_list("funder_id", flat=True))
    funders = Funder.objects.filter(network=access.network, is_active=True).exclude(
        pk__in=registered
    )
    form = RegisterForm(
        choices=[(f.pk, f.name) for f in funders], slots=_slots(session), label=_("Funder")
    )
    follow_ups = FollowUp.objects.filter(meeting__session=session).select_related(
        "meeting__project", "meeting__funder"
    )
    counts = {value: 0 for value, _label in FollowUp.Outcome.choices}
    for follow_up in follow_ups:
        counts[follow_up.outcome] += 1
    return render(
        request,
        "finance/session/detail.html",
        {
            "network": access.network,
            "session": session,
            "projects": session.project_entries.select_related("project__organisation"),
            "funders": session.funder_entries.select_related("funder"),
            "form": form,
            "grid": sessions.grid(session),
            "tables": range(1, session.tables + 1),
            "figures": sessions.figures(session),
            "follow_ups": follow_ups,
            "counts": [(label, counts[value]) for value, label in FollowUp.Outcome.choices],
        },
    )


@network_view("animate")
@require_POST
def session_funder_add(request, access, pk):
    session = _session(access.network, pk)
    funders = Funder.objects.filter(network=access.network, is_active=True)
    form = RegisterForm(
        request.POST, choices=[(f.pk, f.name) for f in funders], slots=_slots(session)
    )
    if form.is_valid():
        try:
            with transaction.atomic():
                SessionFunder.objects.create(
                    session=session,
                    funder=funders.get(pk=form.cleaned_data["choice"]),
                    available_slots=form.cleaned_data["slots"],
                )
            messages.success(request, _("The funder is registered."))
        except IntegrityError:
            messages.error(request, _("This funder is already registered."))
    else:
        messages.error(request, _("Choose a funder."))
    return redirect("session_detail", access.network.slug, session.pk)


@network_view("animate")
@require_POST
def session_funder_withdraw(request, access, pk):
    session = _session(access.network, pk)
    entry = get_object_or_404(session.funder_entries, funder_id=request.POST.get("funder"))
    sessions.withdraw_funder(entry)
    messages.success(request, _("The funder is withdrawn."))
    return redirect("session_detail", access.network.slug, session.pk)


@network_view("animate")
@require_POST
def session_schedule(request, access, pk):
    session = _session(access.network, pk)
    if session.schedule_published_at:
        messages.error(request, _("The schedule is published: it no longer changes."))
    else:
        found = sessions.run_schedule(session)
        messages.success(
            request,
            ngettext("%(count)s meeting scheduled.", "%(count)s meetings scheduled.", len(found))
            % {"count": len(found)},
        )
    return redirect("session_detail", access.network.slug, session.pk)


@network_view("animate")
@require_POST
def session_publish(request, access, pk):
    session = _session(access.network, pk)
    if session.schedule_published_at is None and session.meetings.exists():
        session_emails.publish(session)
        messages.success(request, _("The schedule is published and sent to each side."))
    return redirect("session_detail", access.network.slug, session.pk)


# Both sides -----------------------------------------------------------------


def _side_page(request, session, side, owners, others, template_context, back):
    """The registration, wishes, agenda and follow-ups of one side.

    ``owners``: this side's registered projects or funders (of the person);
    ``others``: the other side's registrants."""
    wishes = {o.pk: sessions.wishes_of(session, side, o) for o in owners}
    key = "project" if side == Side.FUNDER else "funder"
    owner_key = "project" if side == Side.PROJECT else "funder"
    meetings = []
    if session.schedule_published_at:
        meetings = [
            (sessions.slot_start(session, m.slot), m)
            for m in Meeting.objects.filter(
                session=session, **{f"{owner_key}__in": owners}
            ).select_related("project__organisation", "funder")
        ]
    answered = {
        f.meeting_id: f for f in FollowUp.objects.filter(meeting__session=session, side=side)
    }
    return render(
        request,
        "finance/session/side.html",
        {
            "session": session,
            "side": side,
            "owners": [
                (
                    owner,
                    [getattr(w, key) for w in wishes[owner.pk]],
                    [
                        o
                        for o in others
                        if o.pk not in {getattr(w, key).pk for w in wishes[owner.pk]}
                    ],
                )
                for owner in owners
            ],
            "meetings": [
                (start, m, answered.get(m.pk))
                for start, m in sorted(meetings, key=lambda r: r[1].slot)
            ],
            "picks_open": sessions.picks_open(session),
            "registration_open": sessions.registration_open(session),
            "is_over": sessions.is_over(session),
            "outcomes": FollowUp.Outcome.choices,
            "back": back,
            **template_context,
        },
    )


def _side_post(request, session, side, owners, others):
    """Wishes (add, move, remove) and follow-ups of one side."""
    action = request.POST.get("action")
    owner = next((o for o in owners if str(o.pk) == request.POST.get("owner")), None)
    if action == "follow_up":
        form = FollowUpForm(request.POST)
        owner_key = "project" if side == Side.PROJECT else "funder"
        if form.is_valid():
            meeting = get_object_or_404(
                Meeting.objects.filter(
                    session=session,
                    session__schedule_published_at__isnull=False,
                    **{f"{owner_key}__in": owners},
                ),
                pk=form.cleaned_data["meeting"],
            )
            sessions.answer(
                meeting,
                side,
                form.cleaned_data["outcome"],
                form.cleaned_data["next_step"],
                request.user,
            )
            messages.success(request, _("Thank you, your follow-up is saved."))
        return
    if owner is None:
        raise Http404
    if not sessions.picks_open(session):
        messages.error(request, _("Choices are closed."))
        return
    key = "project" if side == Side.FUNDER else "funder"
    current = [getattr(w, key) for w in sessions.wishes_of(session, side, owner)]
    other = next((o for o in others if str(o.pk) == request.POST.get("other")), None)
    if other is None:
        raise Http404
    if action == "add":
        sessions.set_wishes(session, side, owner, [*current, other])
    elif action == "remove":
        sessions.set_wishes(session, side, owner, [o for o in current if o.pk != other.pk])
    elif action in ("up", "down"):
        sessions.move_wish(session, side, owner, other.pk, -1 if action == "up" else 1)


# A member ---------------------------------------------------------------------


def _member_session(access, pk) -> MeetingSession:
    return get_object_or_404(
        MeetingSession.objects.filter(network_id=access.organisation.network_id), pk=pk
    )


@org_view("view_work")
def member_sessions(request, access):
    return render(
        request,
        "finance/session/member_list.html",
        {
            "organisation": access.organisation,
            "sessions": MeetingSession.objects.filter(network_id=access.organisation.network_id),
        },
    )


@org_view("view_work")
def member_session(request, access, pk):
    session = _member_session(access, pk)
    entries = session.project_entries.filter(project__organisation=access.organisation)
    owners = [e.project for e in entries.select_related("project")]
    others = [e.funder for e in session.funder_entries.select_related("funder")]
    if request.method == "POST":
        if not access.can_contribute:
            raise Http404
        _side_post(request, session, Side.PROJECT, owners, others)
        return redirect("member_session", access.organisation.slug, session.pk)
    shared = (
        Project.objects.filter(organisation=access.organisation)
        .exclude(visibility=Project.Visibility.DRAFT)
        .exclude(pk__in=[o.pk for o in owners])
    )
    form = RegisterForm(
        choices=[(p.pk, p.title) for p in shared], slots=_slots(session), label=_("Project")
    )
    return _side_page(
        request,
        session,
        Side.PROJECT,
        owners,
        others,
        {"organisation": access.organisation, "form": form, "can_register": access.can_contribute},
        back=("member_sessions", access.organisation.slug),
    )


@org_view("contribute")
@require_POST
def member_session_register(request, access, pk):
    session = _member_session(access, pk)
    if not sessions.registration_open(session):
        messages.error(request, _("Registration is closed."))
        return redirect("member_session", access.organisation.slug, session.pk)
    shared = Project.objects.filter(organisation=access.organisation).exclude(
        visibility=Project.Visibility.DRAFT
    )
    form = RegisterForm(
        request.POST, choices=[(p.pk, p.title) for p in shared], slots=_slots(session)
    )
    if form.is_valid():
        try:
            with transaction.atomic():
                SessionProject.objects.create(
                    session=session,
                    project=shared.get(pk=form.cleaned_data["choice"]),
                    available_slots=form.cleaned_data["slots"],
                    registered_by=request.user,
                )
            messages.success(request, _("Your project is registered."))
        except IntegrityError:
            messages.error(request, _("This project is already registered."))
    else:
        messages.error(request, _("Choose one of your shared projects."))
    return redirect("member_session", access.organisation.slug, session.pk)


@org_view("contribute")
@require_POST
def member_session_withdraw(request, access, pk):
    session = _member_session(access, pk)
    entry = get_object_or_404(
        session.project_entries.filter(project__organisation=access.organisation),
        project_id=request.POST.get("project"),
    )
    if sessions.picks_open(session) and not session.schedule_published_at:
        sessions.withdraw_project(entry)
        messages.success(request, _("Your project is withdrawn."))
    return redirect("member_session", access.organisation.slug, session.pk)


# A funder's contact person --------------------------------------------------


def _funder_session(access, pk) -> MeetingSession:
    return get_object_or_404(MeetingSession.objects.filter(network=access.network), pk=pk)


@funder_view
def funder_sessions(request, access):
    return render(
        request,
        "finance/session/member_list.html",
        {
            "network": access.network,
            "sessions": MeetingSession.objects.filter(network=access.network),
        },
    )


@funder_view
def funder_session(request, access, pk):
    session = _funder_session(access, pk)
    entries = session.funder_entries.filter(funder_id__in=access.funder_ids)
    owners = [e.funder for e in entries.select_related("funder")]
    others = [e.project for e in session.project_entries.select_related("project__organisation")]
    if request.method == "POST":
        if request.POST.get("action") == "register":
            if sessions.registration_open(session):
                for funder in Funder.objects.filter(
                    pk__in=access.funder_ids, network=access.network
                ):
                    SessionFunder.objects.get_or_create(session=session, funder=funder)
                messages.success(request, _("You are registered."))
        elif request.POST.get("action") == "withdraw":
            # Until choices close, as a project may; the schedule then holds.
            entry = get_object_or_404(entries, funder_id=request.POST.get("funder"))
            if sessions.picks_open(session) and not session.schedule_published_at:
                sessions.withdraw_funder(entry)
                messages.success(request, _("Your registration is withdrawn."))
        else:
            _side_post(request, session, Side.FUNDER, owners, others)
        return redirect("funder_session", access.network.slug, session.pk)
    return _side_page(
        request,
        session,
        Side.FUNDER,
        owners,
        others,
        {"network": access.network, "can_register": not owners},
        back=("funder_home", access.network.slug),
    )
