from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from levier.accounts import naf
from levier.accounts.models import Membership, Organisation
from levier.membership import directory, services
from levier.membership.forms import (
    DeclineForm,
    DirectoryEntryForm,
    JoinPageForm,
    JoinRequestForm,
)
from levier.membership.models import DirectoryEntry, JoinPage, JoinRequest
from levier.reports.downloads import CONTENT_TYPES
from levier.tenancy.scope import system
from levier.tenancy.views import member_view, network_view, org_view, public_view

DIRECTORY_PAGE_SIZE = 50


# The public page: a prospect asks to join ----------------------------------------


def _open_page(slug: str) -> JoinPage:
    """The join page of a network that opened it; 404 for any other network.
    A visitor has no scope: the page is read by its public address only."""
    with system():
        return get_object_or_404(
            JoinPage.objects.select_related("network"), network__slug=slug, is_open=True
        )


@public_view
def join(request, network_slug):
    page = _open_page(network_slug)
    network = page.network
    form = JoinRequestForm(request.POST or None)
    form.instance.network = network
    form.instance.language = translation.get_language() or form.instance.language
    if request.method == "POST" and form.is_valid():
        services.receive(form.save(commit=False))
        return redirect("join_sent", network.slug)
    return render(
        request,
        "membership/join.html",
        {"network": network, "page": page, "form": form, "naf_codes": naf.all_codes()},
        status=400 if form.errors else 200,
    )


@public_view
def join_sent(request, network_slug):
    page = _open_page(network_slug)
    return render(request, "membership/join_sent.html", {"network": page.network})


# The staff review requests --------------------------------------------------------


@network_view("animate")
def join_requests(request, access):
    network = access.network
    pending = network.join_requests.filter(status=JoinRequest.Status.PENDING).order_by(
        "created_at"
    )
    page = JoinPage.objects.filter(network=network).first() or JoinPage(network=network)
    form = JoinPageForm(request.POST or None, instance=page)
    if request.method == "POST":
        if not access.can_administer:
            raise Http404
        if form.is_valid():
            form.save()
            if form.instance.is_open:
                messages.success(request, _("The join page is open."))
            else:
                messages.success(request, _("The join page is closed."))
            return redirect("join_requests", network.slug)
    decided = network.join_requests.exclude(status=JoinRequest.Status.PENDING).select_related(
        "decided_by", "organisation"
    )[:50]
    return render(
        request,
        "membership/join_requests.html",
        {
            "network": network,
            "pending": pending,
            "decided": decided,
            "page_form": form,
            "page": page,
            "access": access,
        },
        status=400 if form.errors else 200,
    )


def _request_of(access, pk) -> JoinRequest:
    return get_object_or_404(access.network.join_requests.select_related("network"), pk=pk)


@network_view("animate")
def join_request(request, access, pk):
    join_request = _request_of(access, pk)
    already_member = Organisation.objects.filter(
        network=access.network, siren=join_request.siren
    ).first()
    return render(
        request,
        "membership/join_request.html",
        {
            "network": access.network,
            "join_request": join_request,
            "already_member": already_member,
            "decline_form": DeclineForm(),
        },
    )


@network_view("animate")
@require_POST
def join_request_accept(request, access, pk):
    join_request = _request_of(access, pk)
    try:
        organisation = services.accept(
            join_request, request.user, request.build_absolute_uri("/").rstrip("/"), request
        )
    except services.DecisionRefused as refused:
        messages.error(request, str(refused))
        return redirect("join_request", access.network.slug, join_request.pk)
    messages.success(
        request,
        _(
            "%(name)s is now a member of the network. %(email)s is invited to be its "
            "first administrator."
        )
        % {"name": organisation.name, "email": join_request.contact_email},
    )
    return redirect("organisation_detail", organisation.slug)


@network_view("animate")
@require_POST
def join_request_decline(request, access, pk):
    join_request = _request_of(access, pk)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "membership/join_request.html",
            {"network": access.network, "join_request": join_request, "decline_form": form},
            status=400,
        )
    try:
        services.decline(join_request, request.user, form.cleaned_data["message"])
    except services.DecisionRefused as refused:
        messages.error(request, str(refused))
        return redirect("join_request", access.network.slug, join_request.pk)
    messages.success(
        request,
        _("The request of %(company)s is declined; %(email)s has been told.")
        % {"company": join_request.company_name, "email": join_request.contact_email},
    )
    return redirect("join_requests", access.network.slug)


@network_view("animate")
def directory_export(request, access, extension):
    network = access.network
    content = directory.as_csv(network) if extension == "csv" else directory.as_xlsx(network)
    response = HttpResponse(content, content_type=CONTENT_TYPES[extension])
    name = _("members-%(network)s.%(extension)s") % {
        "network": network.slug,
        "extension": extension,
    }
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# The members' own directory -------------------------------------------------------


@org_view("view_profile")
def directory_entry(request, access):
    """A person's own listing for one of their organisations."""
    if not access.is_member:
        raise Http404
    membership = get_object_or_404(Membership, organisation=access.organisation, user=request.user)
    entry = DirectoryEntry.objects.filter(membership=membership).first() or DirectoryEntry(
        membership=membership
    )
    form = DirectoryEntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        form.save()
        if form.instance.listed:
            messages.success(request, _("You are listed in the network's directory."))
        else:
            messages.success(request, _("You are not listed in the network's directory."))
        return redirect("members_directory")
    return render(
        request,
        "membership/directory_entry.html",
        {"form": form, "organisation": access.organisation},
    )


@member_view
def members_directory(request):
    """The people of one's networks who agreed to be listed."""
    query = request.GET.get("q", "").strip()[:100]
    entries = (
        DirectoryEntry.objects.filter(
            listed=True, membership__user__is_active=True, membership__user__closed_at=None
        )
        .select_related("membership__user", "membership__organisation")
        .order_by("membership__organisation__name", "membership__user__full_name", "pk")
    )
    if query:
        entries = entries.filter(
            Q(membership__user__full_name__icontains=query)
            | Q(membership__organisation__name__icontains=query)
            | Q(job_title__icontains=query)
            | Q(can_help_with__icontains=query)
        )
    page = Paginator(entries, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    mine = Membership.objects.filter(user=request.user).select_related("organisation")
    return render(
        request,
        "membership/members_directory.html",
        {"page": page, "query": query, "my_memberships": mine},
    )
