"""Links between tenant objects stay inside one network (or organisation).

A form that offers only the right choices is not enough: an event of network
A linked to network B's club would let B's club animators edit it. Models
list their foreign keys that must point into their own network, or their
own organisation, and refuse any other link when validated and when saved.
"""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext_lazy as _

from levier.tenancy.managers import TenantManager

# Where each rule's path leads: to an organisation, a network, or an object
# that has a ``network`` foreign key.
_TO_ORGANISATION = {"work", "people"}
# Rules whose path leads to a membership.
_TO_MEMBERSHIP = {"directory"}
_TO_NETWORKED = {"event", "practice", "framework", "funder", "finance_session"}
# Rules whose path leads to an object with a ``session`` of a network (the
# pairings of a "projects meet funders" session).
_TO_SESSION = {"finance_side", "finance_meeting"}


def network_path(model) -> str | None:
    """The lookup from ``model`` to the id of its network, or None for
    models that belong to no network."""
    manager = model._default_manager
    if not isinstance(manager, TenantManager):
        return None
    path = manager.path
    if manager.rule in ("network", "staff"):
        return f"{path}_id" if path else "pk"
    if manager.rule in _TO_ORGANISATION:
        return f"{path}__network_id"
    if manager.rule in _TO_NETWORKED:
        return f"{path}__network_id" if path else "network_id"
    if manager.rule in _TO_MEMBERSHIP:
        return f"{path}__organisation__network_id"
    if manager.rule == "project":
        return f"{path}__organisation__network_id" if path else "organisation__network_id"
    if manager.rule in _TO_SESSION:
        return f"{path}__session__network_id" if path else "session__network_id"
    if manager.rule == "audit":
        return "network_id"
    return None


def organisation_path(model) -> str | None:
    manager = model._default_manager
    if isinstance(manager, TenantManager) and manager.rule in _TO_ORGANISATION:
        return f"{manager.path}_id"
    return None


def _follow(obj, path: str | None):
    """The value at the end of ``path`` ("organisation__network_id"), following
    foreign keys without any scope (the object is already loaded)."""
    if path is None:
        return None
    value = obj
    for step in path.split("__"):
        if value is None:
            return None
        try:
            value = value.pk if step == "pk" else getattr(value, step)
        except ObjectDoesNotExist:
            # Not set yet (a form validates before the view fills it in):
            # the check runs again when the object is saved.
            return None
    return value


def network_of(obj) -> int | None:
    return _follow(obj, network_path(type(obj)))


def organisation_of(obj) -> int | None:
    return _follow(obj, organisation_path(type(obj)))


class TenantLinks:
    """Model mixin. ``same_network`` names foreign keys whose object must be in
    the object's network (objects of no network, like the shipped practice
    library, may be linked from any); ``same_organisation`` those that must
    belong to the object's organisation."""

    same_network: tuple[str, ...] = ()
    same_organisation: tuple[str, ...] = ()

    def clean(self):
        super().clean()
        self.check_links()

    def save(self, *args, **kwargs):
        self.check_links()
        super().save(*args, **kwargs)

    def check_links(self) -> None:
        errors = {}
        mine = network_of(self)
        for name in self.same_network if mine is not None else ():
            linked = getattr(self, name)
            theirs = network_of(linked) if linked is not None else None
            if theirs is not None and theirs != mine:
                errors[name] = ValidationError(
                    _("This belongs to another network."), code="other_network"
                )
        own = organisation_of(self)
        for name in self.same_organisation if own is not None else ():
            linked = getattr(self, name)
            if linked is not None and organisation_of(linked) != own:
                errors[name] = ValidationError(
                    _("This belongs to another organisation."), code="other_organisation"
                )
        if errors:
            raise ValidationError(errors)
