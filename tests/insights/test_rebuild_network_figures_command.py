"""`rebuild_network_figures` rebuilds the figures; --check fails on a figure
that differs from the direct computation."""

import pytest
from django.core.management import CommandError, call_command

from levier.insights.models import NetworkFigures

pytestmark = pytest.mark.django_db


def test_check_passes_then_fails_on_a_tampered_figure_until_rebuilt(network, varied_members):
    call_command("rebuild_network_figures", "--check", verbosity=0)

    row = NetworkFigures.objects.get(network=network, kind="latest")
    row.data["scored"] += 1
    row.save()
    with pytest.raises(CommandError, match="differ"):
        call_command("rebuild_network_figures", "--check", verbosity=0)

    call_command("rebuild_network_figures", verbosity=0)
    call_command("rebuild_network_figures", "--check", verbosity=0)
