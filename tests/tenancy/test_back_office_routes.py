"""The back office obeys the same scope: every page of every model admin,
tried by a network admin with objects of another network, answers 404; its
lists, forms and filters show nothing of another network; and nobody but
network admins (and superusers) gets in at all.

The admin's registry is walked, so models registered later are covered.
"""

import pytest
from django.contrib import admin
from django.test import Client, override_settings
from django.urls import reverse

from tests.tenancy import world as w
from tests.tenancy.test_routes import tenants  # noqa: F401  (the module-wide world)

MODEL_ADMINS = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _of(model, objects):
    return [o for o in objects if type(o) is model]


def _names(org_world) -> list[str]:
    """Names that must never appear in the other network's back office."""
    network = org_world.network_world
    return [
        network.network.name,
        org_world.organisation.name,
        org_world.admin.email,
        network.animator.email,
        network.network_admin.email,
        network.objects["club"].name,
        network.objects["event"].title,
        network.objects["practice"].title,
    ]


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.django_db
@override_settings(RATELIMIT_ENABLE=False)
@pytest.mark.parametrize(("model", "model_admin"), MODEL_ADMINS, ids=lambda v: str(v))
def test_a_network_admin_reaches_nothing_of_another_network(tenants, model, model_admin):  # noqa: F811
    home, foreign = tenants["home"], tenants["foreign"]
    client = _client(home.network_world.network_admin)
    failures = []

    listing = client.get(_url(model, "changelist"))
    if listing.status_code == 200:
        shown = {o.pk for o in listing.context["cl"].result_list}
        leaked = [o for o in _of(model, w.everything(foreign)) if o.pk in shown]
        failures += [f"listed: {o!r}" for o in leaked]
        page = listing.content.decode()
        failures += [f"named in the list: {n}" for n in _names(foreign) if n in page]
    else:
        assert listing.status_code == 403, listing.status_code

    adding = client.get(_url(model, "add"))
    if adding.status_code == 200:
        page = adding.content.decode()
        failures += [f"offered when adding: {n}" for n in _names(foreign) if n in page]

    for obj in _of(model, w.everything(foreign)):
        for view in ("change", "delete", "history"):
            url = _url(model, view, obj.pk)
            for method in ("get", "post"):
                status = getattr(client, method)(url).status_code
                if status not in (403, 404):
                    failures.append(f"{method.upper()} {url}: {status}")

    for obj in _of(model, w.everything(home)):
        response = client.get(_url(model, "change", obj.pk))
        if response.status_code == 200:
            page = response.content.decode()
            failures += [f"offered on {obj!r}: {n}" for n in _names(foreign) if n in page]
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "model_admin"), MODEL_ADMINS, ids=lambda v: str(v))
def test_the_network_admin_sees_their_own_networks_objects(tenants, model, model_admin):  # noqa: F811
    """The counterpart: the pages above work for the objects of one's network."""
    home = tenants["home"]
    client = _client(home.network_world.network_admin)
    own = _of(model, w.everything(home))
    listing = client.get(_url(model, "changelist"))
    if listing.status_code == 403:
        assert not model_admin.has_module_permission(listing.wsgi_request)
        return
    assert listing.status_code == 200
    shown = {o.pk for o in listing.context["cl"].result_list}
    assert {o.pk for o in own} <= shown or not own, (own, shown)
    for obj in own:
        assert client.get(_url(model, "change", obj.pk)).status_code == 200, obj


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["viewer", "contributor", "admin", "animator", "anonymous"])
def test_nobody_else_enters_the_back_office(tenants, role):  # noqa: F811
    home = tenants["home"]
    user = {
        "viewer": home.viewer,
        "contributor": home.contributor,
        "admin": home.admin,
        "animator": home.network_world.animator,
        "anonymous": None,
    }[role]
    client = _client(user)
    urls = [reverse("admin:index")]
    for model, _model_admin in MODEL_ADMINS:
        urls += [_url(model, "changelist"), _url(model, "add")]
        urls += [_url(model, "change", o.pk) for o in _of(model, w.everything(home))]
    for url in urls:
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 302, (method, url, response.status_code)
            assert response["Location"].startswith(reverse("admin:login")), url
