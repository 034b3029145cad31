"""Web addresses typed by people."""

from django.db import models


class WebAddressField(models.URLField):
    """A web address; typed without a scheme ("example.org"), it reads as
    https, as Django 6 will do by default (its forms assume http until then)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})

    def deconstruct(self):
        # Stored exactly as a URLField: migrations need not know the difference.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.URLField", args, kwargs
