"""Keep the maintained figures (levier.insights.figures) in step with what they
are computed from, in the transaction that changes it. Receivers rather than
calls in each service, so that every path (submission, reopening, deletion,
the admin site, an organisation moved to another network) is covered."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from levier.accounts.models import Organisation
from levier.assessments.models import Assessment
from levier.insights import figures
from levier.insights.models import Sharing
from levier.plans.models import Action
from levier.practices.models import Adoption
from levier.tenancy.scope import system as scopes_disabled

# Saving an assessment with only these fields changes no figure.
UNRELATED = frozenset({"updated_at"})


@receiver(post_save, sender=Assessment)
def assessment_saved(sender, instance, created, update_fields=None, raw=False, **kwargs):
    if raw or (update_fields and set(update_fields) <= UNRELATED):
        return
    with scopes_disabled():
        figures.refresh_organisation(instance.organisation_id)


@receiver(post_delete, sender=Assessment)
def assessment_deleted(sender, instance, **kwargs):
    with scopes_disabled():
        if Organisation._base_manager.filter(pk=instance.organisation_id).exists():
            figures.refresh_organisation(instance.organisation_id, everything=True)


@receiver(pre_save, sender=Organisation)
def organisation_saving(sender, instance, raw=False, **kwargs):
    instance._network_before = None
    if instance.pk and not raw:
        instance._network_before = _network_of(instance.pk)


@receiver(post_save, sender=Organisation)
def organisation_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    with scopes_disabled():
        before = getattr(instance, "_network_before", None)
        if before is None or before != instance.network_id:
            figures.refresh_organisation(instance.pk, before)
        else:
            # size_band is computed by the database: read the row as saved.
            figures.refresh_profile(Organisation._base_manager.get(pk=instance.pk))


@receiver(post_delete, sender=Organisation)
def organisation_deleted(sender, instance, **kwargs):
    with scopes_disabled():
        figures.refresh_network(instance.network_id)


@receiver(post_save, sender=Sharing)
@receiver(post_delete, sender=Sharing)
def sharing_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    with scopes_disabled():
        figures.refresh_sharing(instance.organisation_id)


@receiver(post_save, sender=Adoption)
@receiver(post_delete, sender=Adoption)
def adoption_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    with scopes_disabled():
        network_id = _network_of(instance.organisation_id)
        if network_id:
            figures.refresh_practices(network_id)


@receiver(post_save, sender=Action)
@receiver(post_delete, sender=Action)
def action_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    with scopes_disabled():
        network_id = _network_of(instance.organisation_id)
        if network_id:
            figures.refresh_plans(network_id)


def _network_of(organisation_id) -> int | None:
    return (
        Organisation._base_manager.filter(pk=organisation_id)
        .values_list("network_id", flat=True)
        .first()
    )
