"""Publishing framework packs: shipped ones at install, uploaded ones by network admins."""

from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from levier.engine.pack_loader import check_pack, size_problem
from levier.engine.problems import MAX_LISTED_PROBLEMS, PackInvalid
from levier.frameworks.models import Framework, FrameworkVersion, pack_from_source
from levier.frameworks.problems import describe

SHIPPED_PACKS = Path(__file__).resolve().parent / "packs"


class PublishError(Exception):
    """The pack cannot be published; ``messages`` say why, one line each."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("\n".join(messages))


# By content digest and file name: the pack's first problems and how many others.
_checked: dict[tuple[str, str], tuple[list, int]] = {}


def _problems(source: str, filename: str) -> tuple[list, int]:
    """The pack's first problems and how many more there are, checked once per process.

    Only the listed problems are kept: a hostile pack's thousand problems, cached for
    each of 64 uploads, would hold on to memory for nothing.
    """
    key = (FrameworkVersion.digest_of(source), filename)
    if key not in _checked:
        if len(_checked) >= 64:
            _checked.pop(next(iter(_checked)))
        problems = check_pack(source, filename)
        # When the check gave up, its last word says so: keep it in sight.
        stop = [problems.pop()] if problems and problems[-1].code == "too_many_problems" else []
        listed = [*problems[:MAX_LISTED_PROBLEMS], *stop]
        _checked[key] = (listed, len(problems) - len(problems[:MAX_LISTED_PROBLEMS]))
    return _checked[key]


def report(source: str, filename: str) -> list[str]:
    """The problems of a pack, translated, with their line: empty when valid.

    The first MAX_LISTED_PROBLEMS are listed, then how many more there are.
    """
    listed, more = _problems(source, filename)
    lines = [describe(problem) for problem in listed]
    if more:
        lines.insert(
            MAX_LISTED_PROBLEMS,
            ngettext("… and %(count)d more problem.", "… and %(count)d more problems.", more)
            % {"count": more},
        )
    return lines


def problem_count(source: str, filename: str) -> int:
    listed, more = _problems(source, filename)
    return sum(problem.code != "too_many_problems" for problem in listed) + more


def size_report(size: int, filename: str) -> list[str]:
    """Why a file of `size` bytes is not even read as a pack; empty when its size is fine."""
    problem = size_problem(size, filename)
    return [describe(problem)] if problem else []


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
    # A pack's id is unique on the whole platform: look for it beyond the
    # uploader's scope, only to refuse an id that another network holds.
    framework = Framework._base_manager.select_for_update().filter(code=pack.id).first()
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


def version_key(version: str) -> tuple:
    """A version string as something that sorts "2.0.0" after "1.10.0" and "10.0.0" after
    "9.0.0": its dot-separated numbers as numbers (a non-number part sorts after them)."""
    return tuple(
        (0, int(part), "") if part.isdecimal() else (1, 0, part) for part in version.split(".")
    )


def _shipped_order(path: Path) -> tuple:
    """Packs in the order they must be published: by id, then version, so that the
    newest version of a framework is published last and so is the latest one
    (``latest_version`` orders by publication). Reading the id and version from
    the file rather than its name keeps "levier-360-v10.yaml" after "-v9"."""
    source = path.read_text(encoding="utf-8")
    try:
        pack = pack_from_source(FrameworkVersion.digest_of(source), source, path.name)
    except PackInvalid:  # refused by publish, with its problems, in its turn
        return ("", (), path.name)
    return (pack.id, version_key(pack.version), path.name)


def sync_shipped_packs() -> list[FrameworkVersion]:
    """Publish the packs shipped in ``levier/frameworks/packs`` that are new.

    A framework may ship several versions (``levier-360-v1.yaml``,
    ``levier-360-v2.yaml``): each is published once, identified by its id and
    version, the older ones first. On an install that already has the older
    version, it is left as it is (same id, version and content: nothing to do)
    and only the new one is published, after it.
    """
    paths = sorted(SHIPPED_PACKS.glob("*.yaml"), key=_shipped_order)
    return [publish(path.read_text(encoding="utf-8"), path.name, shipped=True) for path in paths]


DEFAULT_FRAMEWORK = "levier-360"


def latest_version(code: str = DEFAULT_FRAMEWORK) -> FrameworkVersion | None:
    return (
        FrameworkVersion.objects.filter(framework__code=code)
        .select_related("framework")
        # Versions published in the same instant (one sync) keep their order of creation.
        .order_by("-published_at", "-pk")
        .first()
    )


def latest_pack(code: str = DEFAULT_FRAMEWORK):
    """The newest published version of a framework, parsed; None when absent."""
    version = latest_version(code)
    return version.pack if version else None
