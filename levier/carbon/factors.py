"""Which emission factors a person can pick: the shipped set and their
networks' imports, current versions only (scoped by the factor's manager)."""

from django.db.models import Q

from levier.carbon.models import EmissionFactor


def current():
    return EmissionFactor.objects.filter(superseded_by__isnull=True)


def for_post(post: str):
    """Factors suited to an inventory category, those tagged for it first."""
    return current().filter(Q(posts__contains=f" {post} ") | Q(posts=""))


def shipped(key: str) -> EmissionFactor:
    """A shipped factor by its stable key (``levier/carbon/data/factors.yaml``)."""
    return current().get(network__isnull=True, key=key)
