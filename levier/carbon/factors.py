"""Which emission factors a person can pick: the shipped set and their
networks' imports, current versions only (scoped by the factor's manager)."""

from django.db.models import Q

from levier.carbon.models import EmissionFactor, Post


def current():
    return EmissionFactor.objects.filter(superseded_by__isnull=True)


def for_post(post: str):
    """Factors suited to an inventory category, those tagged for it first."""
    return current().filter(Q(posts__contains=f" {post} ") | Q(posts=""))


def posts_with_factors() -> set[str]:
    """The inventory categories with at least one current factor to pick
    (a factor tagged for no category suits every one)."""
    tagged = set()
    for posts in current().values_list("posts", flat=True).distinct():
        codes = posts.split()
        if not codes:
            return set(Post.values)
        tagged.update(codes)
    return tagged & set(Post.values)


def shipped(key: str) -> EmissionFactor:
    """A shipped factor by its stable key (``levier/carbon/data/factors.yaml``)."""
    return current().get(network__isnull=True, key=key)


def search(q: str = "", post: str = "", unit: str = "", source: str = ""):
    """Current factors matching words of the name (French or English), the
    category or the source identifier, narrowed by inventory category, unit
    and source. Shipped factors and the person's networks' imports only (the
    manager's "framework" rule)."""
    found = for_post(post) if post else current()
    for word in q.split()[:10]:
        found = found.filter(
            Q(name_fr__icontains=word)
            | Q(name_en__icontains=word)
            | Q(category__icontains=word)
            | Q(source_id__iexact=word)
        )
    if unit:
        found = found.filter(unit=unit)
    if source:
        found = found.filter(source=source)
    return found.select_related("network")
