"""What the audit trail learns from signals: sign-ins, and the changes made in
the back office.

Levier's own views record what they do themselves (``services.record``),
with what only they know (who invited whom, which export). The back office
is Django's admin, whose views we do not write: roles given or taken and
organisations deleted there are recorded here, with the person acting taken
from the request being answered (``middleware.current_request``).

Only changes made in the back office are recorded here: a view of Levier's
recorded its own (recording again would say it twice), and tasks, commands
and the shell are the operators', who can write the table anyway. A deletion
is recorded only when the row itself was deleted, not as a consequence of
deleting its organisation, network or person: that deletion is the event,
and an entry pointing at a row being deleted could not be saved.
"""

from django.contrib.auth.signals import user_logged_in
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from levier.accounts.models import Membership, NetworkRole, Organisation, OrgRole, User
from levier.audit import devices
from levier.audit.middleware import current_request
from levier.audit.models import Action, KnownDevice
from levier.audit.services import change, record


@receiver(user_logged_in, dispatch_uid="levier.audit.sign_in")
def _signed_in(sender, request, user, **kwargs):
    if request is not None:
        devices.flag_sign_in(request, user)


@receiver(post_save, sender=User, dispatch_uid="levier.audit.forget_devices")
def _forget_devices_of_closed_accounts(sender, instance, **kwargs):
    # A closed account signs in nowhere: which browsers it used is no longer
    # needed for anything.
    if instance.closed_at is not None:
        KnownDevice._base_manager.filter(person=instance).delete()


def _back_office_request():
    """The request, when it is answered by the back office; None otherwise."""
    request = current_request()
    match = getattr(request, "resolver_match", None)
    if match is None or "admin" not in match.namespaces:
        return None
    return request


def _deleted_itself(origin, model) -> bool:
    if isinstance(origin, QuerySet):
        return origin.model is model
    return isinstance(origin, model)


def _remember_role(model, instance):
    """The row as stored, before the back office changes it."""
    if instance.pk is None or _back_office_request() is None:
        return
    instance._audit_before = (
        model._base_manager.filter(pk=instance.pk).values(*_FIELDS[model]).first()
    )


_FIELDS = {
    Membership: ("user_id", "organisation_id", "role"),
    NetworkRole: ("user_id", "network_id", "role"),
}


# Roles in an organisation (superusers only: network admins read them).


@receiver(pre_save, sender=Membership, dispatch_uid="levier.audit.membership_before")
def _membership_before(sender, instance, **kwargs):
    _remember_role(Membership, instance)


@receiver(post_save, sender=Membership, dispatch_uid="levier.audit.membership_saved")
def _membership_saved(sender, instance, created, **kwargs):
    request = _back_office_request()
    if request is None:
        return
    before = getattr(instance, "_audit_before", None)
    role = OrgRole(instance.role).label
    if created or before is None:
        record(
            Action.ROLE_GRANTED,
            subject=instance.user,
            organisation=instance.organisation,
            detail=role,
            request=request,
        )
    elif (before["user_id"], before["organisation_id"]) != (
        instance.user_id,
        instance.organisation_id,
    ):
        record(
            Action.MEMBER_REMOVED,
            subject=User._base_manager.get(pk=before["user_id"]),
            organisation=Organisation._base_manager.get(pk=before["organisation_id"]),
            detail=OrgRole(before["role"]).label,
            request=request,
        )
        record(
            Action.ROLE_GRANTED,
            subject=instance.user,
            organisation=instance.organisation,
            detail=role,
            request=request,
        )
    elif before["role"] != instance.role:
        record(
            Action.ROLE_CHANGED,
            subject=instance.user,
            organisation=instance.organisation,
            detail=change(OrgRole(before["role"]).label, role),
            request=request,
        )


@receiver(post_delete, sender=Membership, dispatch_uid="levier.audit.membership_deleted")
def _membership_deleted(sender, instance, origin=None, **kwargs):
    request = _back_office_request()
    if request is None or not _deleted_itself(origin, Membership):
        return
    record(
        Action.MEMBER_REMOVED,
        subject=instance.user,
        organisation=instance.organisation,
        detail=OrgRole(instance.role).label,
        request=request,
    )


# Roles in a network.


@receiver(pre_save, sender=NetworkRole, dispatch_uid="levier.audit.network_role_before")
def _network_role_before(sender, instance, **kwargs):
    _remember_role(NetworkRole, instance)


@receiver(post_save, sender=NetworkRole, dispatch_uid="levier.audit.network_role_saved")
def _network_role_saved(sender, instance, created, **kwargs):
    request = _back_office_request()
    if request is None:
        return
    before = getattr(instance, "_audit_before", None)
    role = NetworkRole.Role(instance.role).label
    if created or before is None:
        record(
            Action.NETWORK_ROLE_GRANTED,
            subject=instance.user,
            network=instance.network_id,
            detail=role,
            request=request,
        )
    elif (before["user_id"], before["network_id"]) != (instance.user_id, instance.network_id):
        record(
            Action.NETWORK_ROLE_REMOVED,
            subject=User._base_manager.get(pk=before["user_id"]),
            network=before["network_id"],
            detail=NetworkRole.Role(before["role"]).label,
            request=request,
        )
        record(
            Action.NETWORK_ROLE_GRANTED,
            subject=instance.user,
            network=instance.network_id,
            detail=role,
            request=request,
        )
    elif before["role"] != instance.role:
        record(
            Action.NETWORK_ROLE_CHANGED,
            subject=instance.user,
            network=instance.network_id,
            detail=change(NetworkRole.Role(before["role"]).label, role),
            request=request,
        )


@receiver(post_delete, sender=NetworkRole, dispatch_uid="levier.audit.network_role_deleted")
def _network_role_deleted(sender, instance, origin=None, **kwargs):
    request = _back_office_request()
    if request is None or not _deleted_itself(origin, NetworkRole):
        return
    record(
        Action.NETWORK_ROLE_REMOVED,
        subject=instance.user,
        network=instance.network_id,
        detail=NetworkRole.Role(instance.role).label,
        request=request,
    )


# Organisations.


@receiver(post_delete, sender=Organisation, dispatch_uid="levier.audit.organisation_deleted")
def _organisation_deleted(sender, instance, origin=None, **kwargs):
    request = _back_office_request()
    if request is None or not _deleted_itself(origin, Organisation):
        return
    # Its own entries lose their link to it (SET_NULL) and stay in the
    # network's trail; this one names it, since it no longer exists.
    record(
        Action.ORGANISATION_DELETED,
        network=instance.network_id,
        detail=instance.name,
        request=request,
    )
