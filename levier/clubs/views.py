"""Clubs: their page for members; animators create and look after them."""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from levier.accounts.models import Membership
from levier.clubs import services as clubs
from levier.clubs.forms import ClubForm, JoinForm
from levier.clubs.models import Club, ClubMember
from levier.tenancy.views import member_view, network_view


def _clubs():
    return Club.objects.select_related("network")


@member_view
def club_list(request):
    found = _clubs().annotate(member_count=Count("members"))
    mine = set(ClubMember.objects.filter(user=request.user).values_list("club_id", flat=True))
    return render(
        request,
        "clubs/club_list.html",
        {"clubs": found, "mine": mine, "animated": request.scope.staff_network_ids},
    )


def _my_organisations(user, club):
    return [m.organisation for m in Membership.objects.of(user).in_network(club.network_id)]


@member_view
def club_detail(request, pk):
    club = get_object_or_404(_clubs(), pk=pk)
    organisations = _my_organisations(request.user, club)
    verdicts = [(o, clubs.club_eligibility(club, o)) for o in organisations]
    eligible = [o for o, verdict in verdicts if verdict]
    members = club.members.select_related("user", "organisation").order_by(
        "-role", "organisation__name", "user__full_name"
    )
    # The club's events through their foreign key to it: clubs know nothing of
    # the events app, which depends on them.
    events = club.events.select_related("network", "club", "host_organisation", "contact_user")
    now = timezone.now()
    is_member = any(m.user_id == request.user.pk for m in members)
    animates = request.scope.animates(club.network_id)
    return render(
        request,
        "clubs/club_detail.html",
        {
            "club": club,
            # Who is in the club is for the club and its animators; the others
            # see how many they are.
            "members": members if is_member or animates else None,
            "member_count": len(members),
            "is_member": is_member,
            "join_form": JoinForm(organisations=eligible) if eligible else None,
            "reasons": sorted({v.reason for _o, v in verdicts if not v}) if not eligible else [],
            "upcoming": events.upcoming(now),
            "past": events.past(now).order_by("-start")[:10],
            "animates": animates,
            "runs_meetings": clubs.runs_meetings(request.scope, request.user, club),
        },
    )


@member_view
@require_POST
def club_join(request, pk):
    club = get_object_or_404(_clubs(), pk=pk)
    organisations = _my_organisations(request.user, club)
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


@member_view
@require_POST
def club_leave(request, pk):
    club = get_object_or_404(_clubs(), pk=pk)
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
        "clubs/club_form.html",
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
