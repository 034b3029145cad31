from levier.practices.models import Practice


def make_practice(network=None, **fields) -> Practice:
    fields.setdefault("code", fields.get("title", "pratique").lower().replace(" ", "-")[:60])
    fields.setdefault("summary", "Une pratique utile.")
    fields.setdefault("steps", "Faire un premier pas\nFaire le suivant")
    fields.setdefault("effort", "low")
    fields.setdefault("cost", "none")
    fields.setdefault("status", Practice.Status.PUBLISHED)
    return Practice.objects.create(network=network, **fields)
