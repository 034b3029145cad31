"""The network staff's messages to members, and each person's inbox, email
preferences and unsubscribe page."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from levier.accounts.models import User
from levier.lib.markdown import render as render_markdown
from levier.messaging import audiences, preferences, sending, services
from levier.messaging.forms import CampaignForm, PreferenceForm, PreviewForm
from levier.messaging.models import AudienceKind, Campaign, Delivery, InboxMessage, Preference
from levier.tenancy.scope import system
from levier.tenancy.views import account_view, member_view, network_view, token_view

LOG_PAGE_SIZE = 100
INBOX_PAGE_SIZE = 30
Status = Delivery.Status


def _counts() -> dict:
    return {
        f"n_{status}": Count("deliveries", filter=Q(deliveries__status=status))
        for status in Status.values
    } | {"n_total": Count("deliveries")}


def _campaign(access, pk) -> Campaign:
    return get_object_or_404(
        Campaign.objects.filter(network=access.network).select_related(
            "network", "club", "programme", "event", "framework_version", "created_by", "sent_by"
        ),
        pk=pk,
    )


# The staff ----------------------------------------------------------------------


@network_view("animate")
def campaign_list(request, access):
    network = access.network
    sending.refresh(Delivery.objects.filter(campaign__network=network))
    campaigns = (
        Campaign.objects.filter(network=network)
        .select_related("created_by")
        .annotate(**_counts())
        .order_by("-created_at", "-pk")
    )
    page = Paginator(campaigns, 50).get_page(request.GET.get("page"))
    return render(request, "messaging/campaign_list.html", {"network": network, "page": page})


def _compose(request, access, campaign: Campaign | None):
    network = access.network
    instance = campaign or Campaign(network=network, created_by=request.user)
    form = CampaignForm(request.POST or None, instance=instance, network=network)
    preview = None
    if request.method == "POST":
        if "preview" in request.POST:
            preview = render_markdown(request.POST.get("body", ""))
        elif form.is_valid():
            saved = form.save()
            messages.success(
                request, _("The message is saved as a draft. Check who it reaches, then send it.")
            )
            return redirect("campaign_detail", network.slug, saved.pk)
    return render(
        request,
        "messaging/campaign_form.html",
        {
            "network": network,
            "form": form,
            "campaign": campaign,
            "preview": preview,
            "people_audiences": [str(kind) for kind in audiences.PEOPLE_AUDIENCES],
        },
        status=400 if form.errors else 200,
    )


@network_view("animate")
def campaign_new(request, access):
    return _compose(request, access, None)


@network_view("animate")
def campaign_edit(request, access, pk):
    campaign = _campaign(access, pk)
    if not campaign.is_draft:
        messages.info(request, _("This message has been sent: it can no longer change."))
        return redirect("campaign_detail", access.network.slug, campaign.pk)
    return _compose(request, access, campaign)


@network_view("animate")
@require_POST
def campaign_preview(request, access):
    """The body as members will read it (htmx fragment)."""
    form = PreviewForm(request.POST)
    body = form.cleaned_data["body"] if form.is_valid() else ""
    return render(
        request,
        "messaging/_preview.html",
        {"html": render_markdown(body), "empty": not body.strip()},
    )


@network_view("animate")
def campaign_detail(request, access, pk):
    campaign = _campaign(access, pk)
    context = {
        "network": access.network,
        "campaign": campaign,
        "html": render_markdown(campaign.body),
        "theme_title": _theme_title(campaign),
    }
    if campaign.is_draft:
        context["resolved"] = audiences.resolve(campaign)
        context["is_theme"] = campaign.audience == AudienceKind.THEME
    else:
        deliveries = campaign.deliveries.all()
        sending.refresh(deliveries)
        counts = dict(
            deliveries.order_by()
            .values_list("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
        context["counts"] = [
            (status, label, counts.get(status, 0)) for status, label in Status.choices
        ]
        context["total"] = sum(counts.values())
        context["log"] = Paginator(
            deliveries.select_related("user", "organisation", "outgoing").order_by("pk"),
            LOG_PAGE_SIZE,
        ).get_page(request.GET.get("page"))
    return render(request, "messaging/campaign_detail.html", context)


def _theme_title(campaign: Campaign) -> str:
    if campaign.audience != AudienceKind.THEME or campaign.framework_version is None:
        return ""
    try:
        theme = campaign.framework_version.pack.theme(campaign.theme_code)
    except KeyError:
        return campaign.theme_code
    return theme.title.get(get_language() or "fr")


@network_view("animate")
@require_POST
def campaign_test(request, access, pk):
    campaign = _campaign(access, pk)
    sending.send_test(campaign, request.user)
    messages.success(
        request,
        _("A test is on its way to %(email)s, and to nobody else.")
        % {"email": request.user.email},
    )
    return redirect("campaign_detail", access.network.slug, campaign.pk)


@network_view("animate")
@require_POST
def campaign_send(request, access, pk):
    campaign = _campaign(access, pk)
    try:
        count = services.start(campaign, request.user)
    except services.SendRefused as refused:
        if str(refused) == "nobody":
            messages.error(request, _("This audience reaches nobody: the message was not sent."))
        else:
            messages.info(request, _("This message has already been sent."))
        return redirect("campaign_detail", access.network.slug, campaign.pk)
    messages.success(
        request,
        ngettext(
            "The message is on its way to %(count)s person.",
            "The message is on its way to %(count)s people.",
            count,
        )
        % {"count": count},
    )
    return redirect("campaign_detail", access.network.slug, campaign.pk)


@network_view("animate")
@require_POST
def campaign_delete(request, access, pk):
    campaign = _campaign(access, pk)
    if not campaign.is_draft:
        raise Http404
    campaign.delete()
    messages.success(request, _("The draft is deleted."))
    return redirect("campaign_list", access.network.slug)


# Each person ---------------------------------------------------------------------


@member_view
def inbox(request):
    items = InboxMessage.objects.filter(recipient=request.user).select_related("network")
    page = Paginator(items, INBOX_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "messaging/inbox.html", {"page": page})


@member_view
def inbox_message(request, pk):
    message = get_object_or_404(
        InboxMessage.objects.filter(recipient=request.user).select_related("network"), pk=pk
    )
    services.mark_read(message)
    return render(
        request,
        "messaging/inbox_message.html",
        {"message": message, "html": render_markdown(message.body)},
    )


@account_view
def email_preferences(request):
    preference = Preference.objects.filter(user=request.user).first() or Preference(
        user=request.user
    )
    form = PreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your email preferences are saved."))
        return redirect("email_preferences")
    return render(request, "messaging/preferences.html", {"form": form})


@token_view
@csrf_exempt  # RFC 8058: mail programs post the one-click unsubscribe without a form
def unsubscribe(request, token):
    """A person stops news by email from a link, without signing in: the
    page asks to confirm (one click); mail programs post directly."""
    user_id = preferences.user_id_of(token)
    with system():  # the token stands for the person; only their wish is read
        user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        raise Http404
    if request.method == "POST":
        with system():
            preferences.set_news(user, False)
        return render(request, "messaging/unsubscribed.html")
    with system():
        already = not preferences.wants_news(user)
    return render(request, "messaging/unsubscribe.html", {"already": already, "token": token})
