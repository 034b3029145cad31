"""Publishing packs: validated, versioned, and never changed once published."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from levier.frameworks.models import FrameworkVersion
from levier.frameworks.services import PublishError, publish, sync_shipped_packs
from tests.frameworks.packs import BROKEN_PACK, mini_pack

pytestmark = pytest.mark.django_db


def test_shipped_packs_are_published_once():
    first = sync_shipped_packs()
    again = sync_shipped_packs()

    assert [v.pk for v in first] == [v.pk for v in again]
    assert FrameworkVersion.objects.filter(is_shipped=True).count() == len(first)


def test_a_new_version_leaves_the_old_one_untouched():
    old = publish(mini_pack("1.0.0", question="Avez-vous une charte ?"), "mini.yaml")
    new = publish(mini_pack("1.1.0", question="Avez-vous une charte écrite ?"), "mini.yaml")

    old.refresh_from_db()
    assert old.pack.question("SOC-QVT-01").text.fr == "Avez-vous une charte ?"
    assert new.pack.question("SOC-QVT-01").text.fr == "Avez-vous une charte écrite ?"
    assert old.framework == new.framework


def test_a_published_version_cannot_be_changed():
    publish(mini_pack("1.0.0"), "mini.yaml")

    with pytest.raises(PublishError) as error:
        publish(mini_pack("1.0.0", question="Autre chose ?"), "mini.yaml")

    assert "1.0.0" in error.value.messages[0]


def test_republishing_the_same_content_changes_nothing():
    first = publish(mini_pack("1.0.0"), "mini.yaml")
    assert publish(mini_pack("1.0.0"), "mini.yaml") == first


def test_an_invalid_pack_is_refused_with_every_problem():
    with pytest.raises(PublishError) as error:
        publish(BROKEN_PACK, "broken.yaml")

    messages = error.value.messages
    assert len(messages) == 3
    assert all(message.startswith("broken.yaml:") for message in messages)
    assert not FrameworkVersion.objects.exists()


def test_problems_are_reported_in_french():
    with translation.override("fr"), pytest.raises(PublishError) as error:
        publish(BROKEN_PACK, "broken.yaml")

    assert "Clé inconnue «\u00a0sizes\u00a0»" in "\n".join(error.value.messages)


def test_framework_check_prints_each_problem_with_its_line(capsys, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN_PACK, encoding="utf-8")

    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command("framework_check", str(broken))

    assert error.value.returncode == 1
    out = capsys.readouterr().out
    where = "broken.yaml:14: pillars[0].themes[0].questions[0].applies_to.sizes"
    assert f"{where}: Unknown key 'sizes'" in out
    assert "broken.yaml:19:" in out  # the option without points
    assert "broken.yaml:22:" in out  # the missing English translation


def test_framework_check_accepts_a_valid_pack(capsys, tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(mini_pack("1.0.0"), encoding="utf-8")

    call_command("framework_check", str(good))

    assert "good.yaml" in capsys.readouterr().out


def test_every_engine_problem_can_be_translated():
    from levier.engine.problems import MESSAGES as ENGLISH
    from levier.frameworks.problems import MESSAGES as TRANSLATABLE

    with translation.override(None):
        assert {code: str(text) for code, text in TRANSLATABLE.items()} == ENGLISH
