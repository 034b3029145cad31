"""Levier 360 ships two versions: v1 stays published as it was, v2 is the latest,
on a fresh install and on one that already had v1."""

from pathlib import Path

import pytest

from levier.frameworks import services
from levier.frameworks.models import FrameworkVersion
from levier.frameworks.services import SHIPPED_PACKS, latest_version, publish, sync_shipped_packs
from tests.frameworks.packs import mini_pack

pytestmark = pytest.mark.django_db

V1 = SHIPPED_PACKS / "levier-360-v1.yaml"
V2 = SHIPPED_PACKS / "levier-360-v2.yaml"


def test_a_fresh_install_publishes_v1_before_v2():
    sync_shipped_packs()

    versions = FrameworkVersion.objects.filter(framework__code="levier-360").order_by("pk")
    assert [v.version for v in versions] == ["1.0.0", "2.0.0"]
    assert latest_version().version == "2.0.0"
    assert [v.question_count for v in versions] == [100, len(latest_version().pack.questions)]


def test_an_install_that_had_v1_adds_v2_after_it_and_leaves_v1_alone():
    # The install as it was: v1 published from the file then named levier-360.yaml.
    before = publish(V1.read_text(encoding="utf-8"), "levier-360.yaml", shipped=True)

    sync_shipped_packs()
    sync_shipped_packs()

    versions = FrameworkVersion.objects.filter(framework__code="levier-360")
    assert versions.count() == 2
    kept = versions.get(version="1.0.0")
    assert (kept.pk, kept.digest, kept.published_at) == (
        before.pk,
        before.digest,
        before.published_at,
    )
    assert latest_version().version == "2.0.0"


def test_versions_sort_by_their_numbers():
    shuffled = ["10.0.0", "1.10.0", "9.0.0", "1.0.0", "2.0.0", "1.2.0"]

    assert sorted(shuffled, key=services.version_key) == [
        "1.0.0",
        "1.2.0",
        "1.10.0",
        "2.0.0",
        "9.0.0",
        "10.0.0",
    ]


def test_shipped_files_are_published_in_version_order_whatever_their_names(
    tmp_path: Path, monkeypatch
):
    # "b-old.yaml" sorts after "a-new.yaml" by name: the version decides.
    (tmp_path / "a-new.yaml").write_text(mini_pack("10.0.0"), encoding="utf-8")
    (tmp_path / "b-old.yaml").write_text(mini_pack("9.0.0"), encoding="utf-8")
    monkeypatch.setattr(services, "SHIPPED_PACKS", tmp_path)

    published = sync_shipped_packs()

    assert [v.version for v in published] == ["9.0.0", "10.0.0"]
    assert latest_version(published[0].framework.code).version == "10.0.0"


def test_versions_published_in_the_same_instant_keep_their_order():
    old = publish(mini_pack("1.0.0"), "mini.yaml")
    new = publish(mini_pack("2.0.0"), "mini.yaml")
    FrameworkVersion.objects.filter(pk__in=[old.pk, new.pk]).update(published_at=old.published_at)

    assert latest_version(old.framework.code) == new
