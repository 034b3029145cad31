"""Publishing framework packs: shipped ones at install, uploaded ones by network admins."""

from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from levier.engine.pack_loader import check_pack
from levier.frameworks.models import Framework, FrameworkVersion, pack_from_source
from levier.frameworks.problems import describe

SHIPPED_PACKS = Path(__file__).resolve().parent / "packs"


class PublishError(Exception):
    """The pack cannot be published; ``messages`` say why, one line each."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("\n".join(messages))


_checked: dict[tuple[str, str], list] = {}


def _problems(source: str, filename: str) -> list:
    """The pack's problems, checked once per process for a given content."""
    key = (FrameworkVersion.digest_of(source), filename)
    if key not in _checked:
        if len(_checked) >= 64:
            _checked.pop(next(iter(_checked)))
        _checked[key] = check_pack(source, filename)
    return _checked[key]


def report(source: str, filename: str) -> list[str]:
    """Every problem of a pack, translated, with its line: empty when valid."""
    return [describe(problem) for problem in _problems(source, filename)]


@transaction.atomic
def publish(source: str, filename: str, *, network=None, uploaded_by=None, shipped=False):
    """Validate and publish one version of a pack.

    A version, once published, never changes: publishing the same id and
    version again is refused unless the content is identical (then it is a
    no-op), so that past assessments keep the questions they were scored on.
    """
    problems = report(source, filename)
    if problems:
        raise PublishError(problems)
    digest = FrameworkVersion.digest_of(source)
    pack = pack_from_source(digest, source, filename)
    framework = Framework.objects.select_for_update().filter(code=pack.id).first()
    if framework is None:
        framework = Framework.objects.create(code=pack.id, network=network)
    elif framework.network_id != (network.pk if network else None) and not shipped:
        raise PublishError(
            [
                _("The id “%(id)s” belongs to another framework: choose another id for your pack.")
                % {"id": pack.id}
            ]
        )
    existing = framework.versions.filter(version=pack.version).first()
    if existing:
        if existing.digest == digest:
            return existing
        raise PublishError(
            [
                _(
                    "Version %(version)s of “%(id)s” is already published with other "
                    "content. A published version never changes: give this one a new "
                    "version number."
                )
                % {"version": pack.version, "id": pack.id}
            ]
        )
    return FrameworkVersion.objects.create(
        framework=framework,
        version=pack.version,
        title_fr=pack.title.fr,
        title_en=pack.title.en,
        source=source,
        digest=digest,
        question_count=len(pack.questions),
        is_shipped=shipped,
        uploaded_by=uploaded_by,
    )


def sync_shipped_packs() -> list[FrameworkVersion]:
    """Publish the packs shipped in ``levier/frameworks/packs`` that are new."""
    return [
        publish(path.read_text(encoding="utf-8"), path.name, shipped=True)
        for path in sorted(SHIPPED_PACKS.glob("*.yaml"))
    ]


DEFAULT_FRAMEWORK = "levier-360"


def latest_version(code: str = DEFAULT_FRAMEWORK) -> FrameworkVersion | None:
    return (
        FrameworkVersion.objects.filter(framework__code=code)
        .select_related("framework")
        .order_by("-published_at")
        .first()
    )


def latest_pack(code: str = DEFAULT_FRAMEWORK):
    """The newest published version of a framework, parsed; None when absent."""
    version = latest_version(code)
    return version.pack if version else None
