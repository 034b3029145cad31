"""Hostile packs through `framework_check` and the back office: one clear refusal, at once."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from levier.accounts.models import NetworkRole
from levier.engine.limits import MAX_PACK_BYTES
from levier.engine.problems import MAX_LISTED_PROBLEMS
from levier.frameworks.admin import PackUploadForm
from levier.frameworks.models import FrameworkVersion
from tests.engine.hostile_packs import (
    HEADER,
    MAX_PEAK_BYTES,
    MAX_SECONDS,
    alias_bomb,
    deep_pack,
    measure,
    oversize_pack,
    weighted_pack,
)
from tests.factories import make_network_staff, make_user
from tests.frameworks.packs import mini_pack

pytestmark = pytest.mark.django_db

# Each pack, and words of the one French message that refuses it.
HOSTILE = {
    "alias bomb": (alias_bomb, "L’alias *o n’est pas autorisé"),
    "deep nesting": (deep_pack, "imbriqués sur plus de 20 niveaux"),
    "oversize": (oversize_pack, "Le fichier dépasse 2 Mo"),
    "huge weight": (lambda: weighted_pack("1.0e+308"), "«\u00a0weight\u00a0» vaut au plus 100"),
}


@pytest.mark.parametrize(("build", "message"), HOSTILE.values(), ids=HOSTILE.keys())
def test_framework_check_refuses_a_hostile_pack_at_once(build, message, tmp_path, capsys):
    path = tmp_path / "hostile.yaml"
    path.write_text(build(), encoding="utf-8")

    def check():
        with pytest.raises(CommandError):
            call_command("framework_check", str(path))
        return capsys.readouterr().out

    cost = measure(check)

    problem_lines = [line for line in cost.result.splitlines() if line.startswith("  ")]
    assert len(problem_lines) == 1
    assert message in problem_lines[0] and "hostile.yaml:" in problem_lines[0]
    assert "hostile.yaml\u00a0: 1 problème(s)" in cost.result
    assert cost.seconds < MAX_SECONDS
    assert cost.peak_bytes < MAX_PEAK_BYTES


def test_framework_check_lists_the_first_hundred_problems_and_counts_the_rest(tmp_path, capsys):
    path = tmp_path / "many.yaml"
    path.write_text(HEADER + "pillars:\n" + "  - 1\n" * 150, encoding="utf-8")

    with pytest.raises(CommandError):
        call_command("framework_check", str(path))

    out = capsys.readouterr().out
    problem_lines = [line for line in out.splitlines() if line.startswith("  ")]
    assert len(problem_lines) == MAX_LISTED_PROBLEMS + 1
    assert problem_lines[-1] == "  … et 50 autres problèmes."
    assert "many.yaml\u00a0: 150 problème(s)" in out


@pytest.fixture
def network_admin_client(client, network):
    client.force_login(make_network_staff(network, NetworkRole.Role.NETWORK_ADMIN))
    return client


def _upload(client, network, text: str):
    return client.post(
        reverse("admin:frameworks_frameworkversion_add"),
        {
            "pack_file": SimpleUploadedFile("hostile.yaml", text.encode("utf-8")),
            "network": network.pk,
        },
    )


def _errors(response) -> list[str]:
    page = BeautifulSoup(response.content, "html.parser")
    return [item.get_text() for item in page.select(".errorlist li")]


@pytest.mark.parametrize(("build", "message"), HOSTILE.values(), ids=HOSTILE.keys())
def test_the_back_office_refuses_a_hostile_pack_at_once(
    build, message, network_admin_client, network
):
    text = build()
    # Measured warm: the first page Django renders loads templates and catalogues.
    _upload(network_admin_client, network, mini_pack("0.0.1").replace("SOC-QVT-01", "x"))

    cost = measure(lambda: _upload(network_admin_client, network, text))

    assert cost.result.status_code == 200
    errors = _errors(cost.result)
    assert len(errors) == 1 and message in errors[0]
    assert not FrameworkVersion.objects.exists()
    assert cost.seconds < MAX_SECONDS
    assert cost.peak_bytes < MAX_PEAK_BYTES


def test_the_back_office_lists_the_first_hundred_problems_and_counts_the_rest(
    network_admin_client, network
):
    response = _upload(network_admin_client, network, HEADER + "pillars:\n" + "  - 1\n" * 150)

    errors = _errors(response)
    assert len(errors) == MAX_LISTED_PROBLEMS + 1
    assert errors[-1] == "… et 50 autres problèmes."


class _UnreadableUpload(SimpleUploadedFile):
    """An upload that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the upload was read")

    def chunks(self, *args):
        raise AssertionError("the upload was read")


def test_an_oversize_upload_is_refused_on_its_declared_size(rf, network):
    request = rf.post("/")
    request.user = make_user(is_superuser=True)
    upload = _UnreadableUpload("big.yaml", b"")
    upload.size = MAX_PACK_BYTES + 1
    form_class = type("Form", (PackUploadForm,), {"request": request})

    form = form_class(data={"network": network.pk}, files={"pack_file": upload})

    assert not form.is_valid()
    assert "Le fichier dépasse 2 Mo" in str(form.errors)
