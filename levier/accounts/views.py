import json

from django.contrib import messages
from django.contrib.auth import login, logout
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from levier.accounts import naf, services
from levier.accounts.forms import (
    AcceptInvitationForm,
    CloseAccountForm,
    InvitationForm,
    MembershipRoleForm,
    OrganisationFilterForm,
    OrganisationForm,
    PersonalDetailsForm,
)
from levier.accounts.models import (
    ORG_ROLE_HELP,
    Invitation,
    Membership,
    OrgRole,
    User,
)
from levier.audit import services as audit
from levier.lib.collation import ReadingOrder
from levier.membership.models import JoinRequest
from levier.tenancy.scope import system
from levier.tenancy.views import account_view, network_view, org_view, token_view


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


# Organisations ---------------------------------------------------------------


@org_view("view_profile")
def organisation_detail(request, access):
    organisation = access.organisation
    memberships = organisation.memberships.select_related("user").order_by(
        "user__full_name", "user__email"
    )
    invitations = (
        organisation.invitations.pending().select_related("invited_by")
        if access.can_invite
        else []
    )
    return render(
        request,
        "accounts/organisation_detail.html",
        {
            "access": access,
            "organisation": organisation,
            "memberships": memberships,
            "invitations": invitations,
            "section_title": naf.section_title(organisation.naf_section, request.LANGUAGE_CODE),
        },
    )


@org_view("edit_profile")
def organisation_edit(request, access):
    organisation = access.organisation
    form = OrganisationForm(
        request.POST or None, instance=organisation, network=organisation.network
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The profile of %(name)s is saved.") % {"name": organisation})
        return redirect("organisation_detail", organisation.slug)
    return render(
        request,
        "accounts/organisation_form.html",
        {"form": form, "organisation": organisation, "naf_codes": naf.all_codes()},
    )


@org_view("invite")
def invite(request, access):
    """Organisation admins invite their colleagues; the network's staff invite
    the first administrator of an organisation that has none."""
    organisation = access.organisation
    onboarding = not access.can_manage_people
    form = InvitationForm(request.POST or None, organisation=organisation, onboarding=onboarding)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            invitation = services.invite(
                organisation,
                form.cleaned_data["email"],
                form.chosen_role(),
                request.user,
                _base_url(request),
                onboarding=onboarding,
            )
            audit.record(
                audit.Action.INVITATION_SENT,
                organisation=organisation,
                detail=audit.invited(invitation),
                request=request,
            )
        messages.success(
            request,
            _("Invitation sent to %(email)s. The link is valid for 14 days.")
            % {"email": form.cleaned_data["email"]},
        )
        return redirect("organisation_detail", organisation.slug)
    return render(
        request,
        "accounts/invite.html",
        {
            "form": form,
            "organisation": organisation,
            "role_help": ORG_ROLE_HELP,
            "onboarding": onboarding,
        },
    )


@org_view("invite")
@require_POST
def invitation_revoke(request, access, pk):
    invitation = get_object_or_404(access.organisation.invitations.pending(), pk=pk)
    with transaction.atomic():
        invitation.delete()
        audit.record(
            audit.Action.INVITATION_WITHDRAWN,
            organisation=access.organisation,
            detail=audit.invited(invitation),
            request=request,
        )
    messages.success(
        request, _("The invitation of %(email)s is withdrawn.") % {"email": invitation.email}
    )
    return redirect("organisation_detail", access.organisation.slug)


def _only_admin(membership: Membership) -> bool:
    """Whether the membership, as stored, is its organisation's only admin."""
    return (
        not (
            membership.organisation.memberships.filter(role=OrgRole.ADMIN)
            .exclude(pk=membership.pk)
            .exists()
        )
        and Membership.objects.filter(pk=membership.pk, role=OrgRole.ADMIN).exists()
    )


@org_view("manage_people")
def membership_edit(request, access, pk):
    membership = get_object_or_404(
        access.organisation.memberships.select_related("user", "organisation"), pk=pk
    )
    role_before = membership.role  # the form writes the new one on the instance
    form = MembershipRoleForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["role"] != OrgRole.ADMIN and _only_admin(membership):
            form.add_error(
                "role",
                _("%(name)s is the only administrator: appoint another one first.")
                % {"name": membership.user.display_name},
            )
        else:
            with transaction.atomic():
                form.save()
                if membership.role != role_before:
                    audit.record(
                        audit.Action.ROLE_CHANGED,
                        subject=membership.user,
                        organisation=access.organisation,
                        detail=audit.change(
                            OrgRole(role_before).label, OrgRole(membership.role).label
                        ),
                        request=request,
                    )
            messages.success(request, _("Role updated."))
            return redirect("organisation_detail", access.organisation.slug)
    return render(
        request,
        "accounts/membership_form.html",
        {
            "form": form,
            "membership": membership,
            "organisation": access.organisation,
            "role_help": ORG_ROLE_HELP,
        },
    )


@org_view("manage_people")
@require_POST
def membership_remove(request, access, pk):
    membership = get_object_or_404(
        access.organisation.memberships.select_related("user", "organisation"), pk=pk
    )
    if _only_admin(membership):
        messages.error(
            request,
            _("%(name)s is the only administrator: appoint another one first.")
            % {"name": membership.user.display_name},
        )
    else:
        with transaction.atomic():
            membership.delete()
            audit.record(
                audit.Action.MEMBER_REMOVED,
                subject=membership.user,
                organisation=access.organisation,
                detail=OrgRole(membership.role).label,
                request=request,
            )
        messages.success(
            request,
            _("%(name)s no longer belongs to %(organisation)s.")
            % {"name": membership.user.display_name, "organisation": access.organisation},
        )
    if membership.user == request.user:
        return redirect("home")
    return redirect("organisation_detail", access.organisation.slug)


# Network ---------------------------------------------------------------------


@network_view("animate")
def network_organisations(request, access):
    network = access.network
    form = OrganisationFilterForm(request.GET or None)
    organisations = network.organisations.annotate(
        people=Count("memberships", distinct=True)
    ).order_by(ReadingOrder("name"))
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            organisations = organisations.filter(
                Q(name__icontains=data["q"]) | Q(siren__startswith=data["q"].replace(" ", ""))
            )
        for field in ("size_band", "naf_section", "region"):
            if data[field]:
                organisations = organisations.filter(**{field: data[field]})
    return render(
        request,
        "accounts/network_organisations.html",
        {
            "network": network,
            "organisations": organisations,
            "form": form,
            "access": access,
            "pending_requests": network.join_requests.filter(
                status=JoinRequest.Status.PENDING
            ).count(),
        },
    )


@network_view("animate")
def organisation_create(request, access):
    form = OrganisationForm(request.POST or None, network=access.network)
    if request.method == "POST" and form.is_valid():
        organisation = form.save()
        messages.success(
            request,
            _("%(name)s is a member of the network. Invite its first administrator now.")
            % {"name": organisation},
        )
        return redirect("invite", organisation.slug)
    return render(
        request,
        "accounts/organisation_form.html",
        {"form": form, "network": access.network, "naf_codes": naf.all_codes()},
    )


# Invitations -------------------------------------------------------------------


@token_view
def accept_invitation(request, token):
    """The link of an invitation email: the token is the only key, so the
    invitation is read and accepted for nobody in particular; its checks
    (``services.check_usable``, ``check_onboarding``) decide."""
    with system():
        return _accept_invitation(request, token)


def _unusable(request, invitation, reason, status=410):
    return render(
        request,
        "accounts/invitation_unusable.html",
        {"reason": str(reason), "invitation": invitation},
        status=status,
    )


def _accept_invitation(request, token):
    invitation = (
        Invitation.objects.select_related("organisation__network").filter(token=token).first()
    )
    if invitation is None:
        raise Http404
    existing = User.objects.filter(email__iexact=invitation.email, is_active=True).first()
    if existing:
        # Read the invitation again after the account: when this same link
        # created that account a moment ago (another tab, a double click), the
        # acceptance committed with it and is seen here, so the answer is
        # "this link is used" rather than "sign in".
        invitation.refresh_from_db(fields=["accepted_at", "accepted_by"])
    try:
        services.check_usable(invitation)
        services.check_onboarding(invitation, existing)
    except services.InvitationError as error:
        return _unusable(request, invitation, error)

    if existing:
        if not request.user.is_authenticated:
            messages.info(
                request,
                _("You already have an account: sign in to join %(organisation)s.")
                % {"organisation": invitation.organisation},
            )
            return redirect(f"{reverse('account_login')}?next={request.path}")
        if request.user != existing:
            reason = _(
                "This invitation is for %(email)s, and you are signed in as another "
                "person. Sign out, then open the link again."
            ) % {"email": invitation.email}
            return _unusable(request, invitation, reason, status=403)
        if request.method == "POST":
            try:
                with transaction.atomic():
                    services.accept(invitation, existing)
                    audit.record_invitation_accepted(invitation, existing)
            except services.InvitationError as error:
                return _unusable(request, invitation, error)
            messages.success(
                request,
                _("Welcome to %(organisation)s.") % {"organisation": invitation.organisation},
            )
            return redirect("organisation_detail", invitation.organisation.slug)
        return render(request, "accounts/invitation_accept.html", {"invitation": invitation})

    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        if request.user.is_authenticated:
            logout(request)
        try:
            with transaction.atomic():
                user = services.create_invited_user(
                    invitation, form.cleaned_data["full_name"], form.cleaned_data["password1"]
                )
                audit.record_invitation_accepted(invitation, user)
        except services.InvitationError as error:
            return _unusable(request, invitation, error)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request, _("Welcome to %(organisation)s.") % {"organisation": invitation.organisation}
        )
        return redirect("organisation_detail", invitation.organisation.slug)
    return render(
        request, "accounts/invitation_accept.html", {"invitation": invitation, "form": form}
    )


# Personal data -----------------------------------------------------------------


@account_view
def my_data(request):
    form = PersonalDetailsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your details are saved."))
        return redirect("my_data")
    return render(
        request,
        "accounts/my_data.html",
        {"form": form, "data": services.personal_data(request.user)},
    )


@account_view
def my_data_download(request):
    payload = {
        "exported_at": timezone.now().isoformat(),
        **services.personal_data(request.user),
    }
    response = HttpResponse(
        json.dumps(payload, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="levier-my-data.json"'
    audit.record(
        audit.Action.PERSONAL_DATA_EXPORTED,
        subject=request.user,
        detail="levier-my-data.json",
        request=request,
    )
    return response


@account_view
def close_account(request):
    form = CloseAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            # Before the identity is erased: the entries name the person.
            audit.record_account_closed(request.user)
            services.close_account(request.user)
        logout(request)
        messages.success(request, _("Your account is closed. Thank you for your work."))
        return redirect("home")
    return render(
        request,
        "accounts/close_account.html",
        {"form": form, "orphaned": services.orphaned_organisations(request.user)},
    )
