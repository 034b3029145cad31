"""Queue the refresh of measured practice gains when what they are computed
from changes: a submission (its snapshot), an adoption, an action drawn from a
practice. Receivers, so that every path (views, the API, the admin site) is
covered; queryset `update()` and bulk loads are not: run
`manage.py rebuild_practice_gains` after them."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from levier.assessments.models import ScoreSnapshot
from levier.plans.models import Action
from levier.practices.models import Adoption
from levier.practices.tasks import after_commit


@receiver(post_save, sender=ScoreSnapshot)
@receiver(post_delete, sender=ScoreSnapshot)
@receiver(post_save, sender=Adoption)
@receiver(post_delete, sender=Adoption)
def member_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        after_commit(instance.organisation_id)


@receiver(post_save, sender=Action)
@receiver(post_delete, sender=Action)
def action_changed(sender, instance, raw=False, **kwargs):
    if not raw and instance.practice_id:
        after_commit(instance.organisation_id)
