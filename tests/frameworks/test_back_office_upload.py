"""Network admins upload packs in the back office, validated like shipped ones."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from levier.accounts.models import NetworkRole
from levier.frameworks.models import FrameworkVersion
from levier.frameworks.services import publish
from tests.factories import make_network, make_network_staff
from tests.frameworks.packs import BROKEN_PACK, mini_pack

pytestmark = pytest.mark.django_db

ADD = reverse("admin:frameworks_frameworkversion_add")


@pytest.fixture
def network_admin_client(client, network):
    client.force_login(make_network_staff(network, NetworkRole.Role.NETWORK_ADMIN))
    return client


def _upload(client, text: str, network, name="pack.yaml"):
    return client.post(
        ADD,
        {"pack_file": SimpleUploadedFile(name, text.encode("utf-8")), "network": network.pk},
    )


def test_a_network_admin_publishes_a_pack_for_their_network(network_admin_client, network):
    response = _upload(network_admin_client, mini_pack("1.0.0"), network)

    assert response.status_code == 302
    version = FrameworkVersion.objects.get()
    assert version.framework.network == network
    assert version.question_count == 1
    assert not version.is_shipped


def test_an_invalid_pack_is_refused_with_its_report(network_admin_client, network):
    response = _upload(network_admin_client, BROKEN_PACK, network, name="broken.yaml")

    assert response.status_code == 200
    page = response.content.decode()
    assert "broken.yaml:14:" in page
    assert "broken.yaml:19:" in page
    assert "broken.yaml:22:" in page
    assert not FrameworkVersion.objects.exists()


def test_a_network_admin_cannot_publish_for_another_network(network_admin_client):
    other = make_network()

    response = _upload(network_admin_client, mini_pack("1.0.0"), other)

    assert response.status_code == 200
    assert not FrameworkVersion.objects.exists()


def test_another_networks_framework_id_is_refused(network_admin_client, network):
    publish(mini_pack("1.0.0"), "mini.yaml", network=make_network())

    response = _upload(network_admin_client, mini_pack("2.0.0"), network)

    assert response.status_code == 200
    assert FrameworkVersion.objects.count() == 1


def test_a_published_version_cannot_be_edited(network_admin_client, network):
    version = publish(mini_pack("1.0.0"), "mini.yaml", network=network)
    url = reverse("admin:frameworks_frameworkversion_change", args=[version.pk])

    page = network_admin_client.get(url)
    network_admin_client.post(url, {"source": "changed"})

    assert page.status_code == 200
    version.refresh_from_db()
    assert "changed" not in version.source


def test_other_networks_packs_are_hidden(network_admin_client, network):
    publish(mini_pack("1.0.0"), "mini.yaml", network=make_network())

    page = network_admin_client.get(reverse("admin:frameworks_frameworkversion_changelist"))

    assert list(page.context["cl"].result_list) == []
