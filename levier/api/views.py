"""Pages where an organisation's or a network's admins give their tools access
to the API: tokens (created with their areas and expiry, the secret shown
once, revoked, their calls listed) and webhooks (subscribed, paused, pinged,
deleted, their deliveries listed).

Each page exists twice, once under ``o/<org>/api/`` for an organisation's
admins and once under ``n/<network>/api/`` for a network's admins; one
implementation serves both through ``Owner``. Tokens and webhooks come from
their models' managers (rule ``administered``) narrowed to the owner, so
another organisation's token is a 404.
"""

from dataclasses import dataclass
from functools import partial

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from levier.api import services, tasks
from levier.api.forms import TokenForm, WebhookForm
from levier.api.models import (
    ApiCall,
    ApiToken,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)
from levier.audit import services as audit
from levier.tenancy.views import network_view, org_view

LATEST = 100  # calls and deliveries shown on a page


@dataclass(frozen=True)
class Owner:
    """The organisation or network whose API access is managed."""

    kind: str  # "org" or "network": the prefix of the URL names
    tenant: object

    @property
    def is_network(self) -> bool:
        return self.kind == "network"

    @property
    def filter(self) -> dict:
        return {"network": self.tenant} if self.is_network else {"organisation": self.tenant}

    @property
    def urls(self) -> dict:
        """URL names, for the templates."""
        names = (
            "api",
            "api_calls",
            "api_token_new",
            "api_token",
            "api_token_revoke",
            "api_webhook_new",
            "api_webhook",
            "api_webhook_ping",
            "api_webhook_pause",
            "api_webhook_delete",
        )
        return {name: f"{self.kind}_{name}" for name in names}

    def context(self, **extra) -> dict:
        labels = services.areas_for(self.is_network)
        return {"owner": self, "tenant": self.tenant, "urls": self.urls, "areas": labels, **extra}

    def redirect(self, name: str, *args):
        return redirect(self.urls[name], self.tenant.slug, *args)


def _tokens(owner: Owner):
    return ApiToken.objects.filter(**owner.filter).select_related("created_by")


def _webhooks(owner: Owner):
    return WebhookSubscription.objects.filter(**owner.filter)


def _area_names(token: ApiToken, areas: dict) -> list[str]:
    """'Action plan (read and write)'... for the token's scopes."""
    names = []
    for area, label in areas.items():
        if token.allows(area, write=True):
            names.append(_("%(area)s (read and write)") % {"area": label})
        elif token.allows(area):
            names.append(_("%(area)s (read)") % {"area": label})
    return names


def overview(request, owner: Owner):
    tokens = list(_tokens(owner))
    areas = services.areas_for(owner.is_network)
    for token in tokens:
        token.area_names = _area_names(token, areas)
    return render(
        request,
        "api/overview.html",
        owner.context(tokens=tokens, webhooks=_webhooks(owner), now=timezone.now()),
    )


@never_cache
def token_new(request, owner: Owner):
    form = TokenForm(request.POST or None, owner_is_network=owner.is_network)
    if request.method == "POST" and form.is_valid():
        token, secret = services.create_token(
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            created_by=request.user,
            expires_at=form.expires_at(),
            **owner.filter,
        )
        token.area_names = _area_names(token, services.areas_for(owner.is_network))
        audit.record(
            audit.Action.API_TOKEN_CREATED,
            detail=f"{token.name} ({', '.join(token.scopes)})",
            request=request,
            **owner.filter,
        )
        # Shown in this answer only: it is kept nowhere but as a digest.
        return render(request, "api/token_created.html", owner.context(token=token, secret=secret))
    status = 400 if form.errors else 200
    return render(request, "api/token_form.html", owner.context(form=form), status=status)


def token_detail(request, owner: Owner, token_id: int):
    token = get_object_or_404(_tokens(owner), pk=token_id)
    token.area_names = _area_names(token, services.areas_for(owner.is_network))
    calls = ApiCall.objects.filter(token=token)[:LATEST]
    return render(
        request,
        "api/token_detail.html",
        owner.context(token=token, calls=calls, now=timezone.now(), latest=LATEST),
    )


def token_revoke(request, owner: Owner, token_id: int):
    token = get_object_or_404(_tokens(owner), pk=token_id)
    if request.method == "POST":
        services.revoke(token)
        audit.record(
            audit.Action.API_TOKEN_REVOKED, detail=token.name, request=request, **owner.filter
        )
        messages.success(request, _("Revoked: the token no longer opens the API."))
        return owner.redirect("api_token", token.pk)
    return render(request, "api/token_revoke.html", owner.context(token=token))


def calls(request, owner: Owner):
    found = ApiCall.objects.filter(**{f"token__{k}": v for k, v in owner.filter.items()})
    page = Paginator(found.select_related("token"), LATEST).get_page(request.GET.get("page"))
    return render(request, "api/calls.html", owner.context(page=page))


def webhook_new(request, owner: Owner):
    form = WebhookForm(request.POST or None, owner_is_network=owner.is_network)
    if request.method == "POST" and form.is_valid():
        webhook = WebhookSubscription(
            url=form.cleaned_data["url"],
            events=form.cleaned_data["events"],
            created_by=request.user,
            **owner.filter,
        )
        webhook.full_clean()
        webhook.save()
        audit.record(
            audit.Action.WEBHOOK_SUBSCRIBED,
            detail=f"{webhook.url} ({', '.join(webhook.events)})",
            request=request,
            **owner.filter,
        )
        messages.success(request, _("Subscribed. Check deliveries with the signing secret below."))
        return owner.redirect("api_webhook", webhook.pk)
    status = 400 if form.errors else 200
    return render(request, "api/webhook_form.html", owner.context(form=form), status=status)


def webhook_detail(request, owner: Owner, webhook_id: int):
    webhook = get_object_or_404(_webhooks(owner), pk=webhook_id)
    labels = dict(WebhookEvent.choices)
    return render(
        request,
        "api/webhook_detail.html",
        owner.context(
            webhook=webhook,
            event_names=[labels.get(event, event) for event in webhook.events],
            deliveries=WebhookDelivery.objects.filter(subscription=webhook)[:LATEST],
            latest=LATEST,
            ping=tasks.PING,
        ),
    )


@require_POST
def webhook_ping(request, owner: Owner, webhook_id: int):
    webhook = get_object_or_404(_webhooks(owner), pk=webhook_id)
    if not webhook.is_active:
        messages.error(request, _("Resume the webhook before testing it."))
        return owner.redirect("api_webhook", webhook.pk)
    delivery = WebhookDelivery.objects.create(
        subscription=webhook,
        event=tasks.PING,
        payload={"webhook": {"id": webhook.pk}},
        next_attempt_at=timezone.now(),
    )
    # Sent by the task worker, like every delivery: the page never waits on
    # the receiver (which may take its 5 seconds, or hang).
    transaction.on_commit(partial(tasks.schedule, delivery.pk), robust=True)
    messages.success(
        request,
        _(
            "The test ping is on its way: its result appears in the deliveries below "
            "within a few seconds (reload the page)."
        ),
    )
    return owner.redirect("api_webhook", webhook.pk)


@require_POST
def webhook_pause(request, owner: Owner, webhook_id: int):
    webhook = get_object_or_404(_webhooks(owner), pk=webhook_id)
    webhook.is_active = not webhook.is_active
    webhook.save(update_fields=["is_active"])
    if webhook.is_active:
        messages.success(request, _("Resumed: new events are delivered again."))
    else:
        messages.success(request, _("Paused: new events are not delivered."))
    return owner.redirect("api_webhook", webhook.pk)


def webhook_delete(request, owner: Owner, webhook_id: int):
    webhook = get_object_or_404(_webhooks(owner), pk=webhook_id)
    if request.method == "POST":
        audit.record(
            audit.Action.WEBHOOK_DELETED, detail=webhook.url, request=request, **owner.filter
        )
        webhook.delete()
        messages.success(request, _("Webhook deleted, with its deliveries."))
        return owner.redirect("api")
    return render(request, "api/webhook_delete.html", owner.context(webhook=webhook))


# The same pages for an organisation's admins and a network's admins.


def _for_org(page):
    def view(request, access, *args, **kwargs):
        return page(request, Owner("org", access.organisation), *args, **kwargs)

    view.__name__ = view.__qualname__ = f"org_{page.__name__}"
    return org_view("administer")(view)


def _for_network(page):
    def view(request, access, *args, **kwargs):
        return page(request, Owner("network", access.network), *args, **kwargs)

    view.__name__ = view.__qualname__ = f"network_{page.__name__}"
    return network_view("administer")(view)


PAGES = {
    "overview": overview,
    "calls": calls,
    "token_new": token_new,
    "token_detail": token_detail,
    "token_revoke": token_revoke,
    "webhook_new": webhook_new,
    "webhook_detail": webhook_detail,
    "webhook_ping": webhook_ping,
    "webhook_pause": webhook_pause,
    "webhook_delete": webhook_delete,
}
ORG = {name: _for_org(page) for name, page in PAGES.items()}
NETWORK = {name: _for_network(page) for name, page in PAGES.items()}
