"""Clubs: their page for members; animators create and look after them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from levier.accounts.access import network_view
from levier.community import clubs, services
from levier.community.forms import ClubForm, ClubMeetingForm, JoinForm
from levier.community.models import Audience, Club, ClubMember, EventKind
from levier.community.scope import memberships_in, network_ids, staff_network_ids, visible_events


def _visible_clubs(user):
    return Club.objects.filter(network_id__in=network_ids(user)).select_related("network")


@login_required
def club_list(request):
    found = _visible_clubs(request.user).annotate(member_count=Count("members"))
    mine = set(ClubMember.objects.filter(user=request.user).values_list("club_id", flat=True))
    return render(
        request,
        "community/club_list.html",
        {"clubs": found, "mine": mine, "animated": staff_network_ids(request.user)},
    )


@login_required
def club_detail(request, pk):
    club = get_object_or_404(_visible_clubs(request.user), pk=pk)
    organisations = [m.organisation for m in memberships_in(request.user, club.network_id)]
    verdicts = [(o, clubs.club_eligibility(club, o)) for o in organisations]
    eligible = [o for o, verdict in verdicts if verdict]
    members = club.members.select_related("user", "organisation").order_by(
        "-role", "organisation__name", "user__full_name"
    )
    events = visible_events(request.user).filter(club=club)
    now = timezone.now()
    return render(
        request,
        "community/club_detail.html",
        {
            "club": club,
            "members": members,
            "is_member": any(m.user_id == request.user.pk for m in members),
            "join_form": JoinForm(organisations=eligible) if eligible else None,
            "reasons": sorted({v.reason for _o, v in verdicts if not v}) if not eligible else [],
            "upcoming": events.upcoming(now),
            "past": events.past(now).order_by("-start")[:10],
            "animates": club.network_id in staff_network_ids(request.user),
            "runs_meetings": _runs_meetings(request.user, club),
        },
    )


def _runs_meetings(user, club) -> bool:
    """The club's own animators, and the network's, publish its meetings."""
    return (
        club.network_id in staff_network_ids(user)
        or club.members.filter(user=user, role=ClubMember.Role.ANIMATOR).exists()
    )


def _club_run_by(user, pk) -> Club:
    club = get_object_or_404(_visible_clubs(user), pk=pk)
    if not _runs_meetings(user, club):
        raise Http404
    return club


@login_required
def club_meeting_new(request, pk):
    club = _club_run_by(request.user, pk)
    form = ClubMeetingForm(
        request.POST or None, network=club.network, initial={"kind": EventKind.CLUB_MEETING}
    )
    if request.method == "POST" and form.is_valid():
        event = form.save(commit=False)
        event.network, event.club, event.audience = club.network, club, Audience.CLUB
        event.created_by = request.user
        event.save()
        messages.success(request, _("The meeting is published for the club's members."))
        return redirect("club_detail", club.pk)
    return render(
        request,
        "community/club_meeting_form.html",
        {"club": club, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def club_meeting_edit(request, pk, event_pk):
    club = _club_run_by(request.user, pk)
    event = get_object_or_404(club.events, pk=event_pk)
    capacity_before = event.capacity
    form = ClubMeetingForm(request.POST or None, instance=event, network=club.network)
    if request.method == "POST" and form.is_valid():
        services.save_edited(form.save(commit=False), capacity_before)
        messages.success(request, _("The event is saved."))
        return redirect("club_detail", club.pk)
    return render(
        request,
        "community/club_meeting_form.html",
        {"club": club, "form": form, "event": event},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def club_join(request, pk):
    club = get_object_or_404(_visible_clubs(request.user), pk=pk)
    organisations = [m.organisation for m in memberships_in(request.user, club.network_id)]
    form = JoinForm(request.POST, organisations=organisations)
    if not form.is_valid():
        raise Http404
    organisation = next(o for o in organisations if o.pk == form.cleaned_data["organisation"])
    try:
        clubs.join(club, request.user, organisation)
    except clubs.JoinRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Welcome to the club “%(club)s”.") % {"club": club.name})
    return redirect("club_detail", club.pk)


@login_required
@require_POST
def club_leave(request, pk):
    club = get_object_or_404(_visible_clubs(request.user), pk=pk)
    clubs.leave(club, request.user)
    messages.success(request, _("You have left the club “%(club)s”.") % {"club": club.name})
    return redirect("club_detail", club.pk)


@network_view("animate")
def club_new(request, access):
    return _club_form(request, access, Club(network=access.network))


@network_view("animate")
def club_edit(request, access, pk):
    return _club_form(request, access, get_object_or_404(Club, pk=pk, network=access.network))


def _club_form(request, access, club):
    form = ClubForm(request.POST or None, instance=club)
    if request.method == "POST" and form.is_valid():
        club = form.save()
        messages.success(request, _("The club is saved."))
        return redirect("club_detail", club.pk)
    return render(
        request,
        "community/club_form.html",
        {"form": form, "club": club, "network": access.network},
    )


@network_view("animate")
@require_POST
def club_member_update(request, access, pk, member_pk):
    member = get_object_or_404(ClubMember, pk=member_pk, club__pk=pk, club__network=access.network)
    action = request.POST.get("action")
    if action == "remove":
        member.delete()
    elif action in ClubMember.Role.values:
        member.role = action
        member.save(update_fields=["role"])
    else:
        raise Http404
    messages.success(request, _("The club's members are updated."))
    return redirect("club_detail", pk)
