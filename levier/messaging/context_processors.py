from django.utils.functional import SimpleLazyObject

from levier.messaging import services


def inbox(request):
    """The number of unread messages, for the main menu (counted only when
    a page shows it)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav_unread": SimpleLazyObject(lambda: services.unread_count(user))}
