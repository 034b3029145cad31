"""Framework packs as published: each version's YAML source, frozen."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from levier.engine.pack_loader import load_pack
from levier.engine.packs import Pack
from levier.tenancy.managers import tenant_manager


class Framework(models.Model):
    """A référentiel, identified by its pack id, with its published versions."""

    code = models.SlugField(_("identifier"), max_length=80, unique=True)
    # Shipped packs belong to no network: every network may use them.
    network = models.ForeignKey(
        "accounts.Network",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="frameworks",
        verbose_name=_("network"),
        help_text=_("Empty: available to every network."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("framework")

    class Meta:
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")
        ordering = ["code"]

    def __str__(self):
        latest = self.versions.order_by("-published_at").first()
        return str(latest) if latest else self.code


class FrameworkVersionQuerySet(models.QuerySet):
    def available_to(self, network_ids):
        """Versions a network may use: the shipped ones and its own."""
        return self.filter(
            Q(framework__network__isnull=True) | Q(framework__network__in=network_ids)
        )


class FrameworkVersion(models.Model):
    """One published version of a pack. Never edited: a change is a new version."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="versions")
    version = models.CharField(_("version"), max_length=40)
    title_fr = models.CharField(_("title (French)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    source = models.TextField(_("YAML source"))
    digest = models.CharField(max_length=64, editable=False)
    question_count = models.PositiveIntegerField(_("questions"), default=0)
    is_shipped = models.BooleanField(_("shipped with Levier"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    published_at = models.DateTimeField(_("published"), auto_now_add=True)

    objects = tenant_manager("framework", "framework", queryset=FrameworkVersionQuerySet)

    class Meta:
        verbose_name = _("framework version")
        verbose_name_plural = _("framework versions")
        ordering = ["framework__code", "-published_at"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "version"], name="one_version_once")
        ]

    def __str__(self):
        return f"{self.title} ({self.version})"

    @property
    def title(self) -> str:
        return self.title_en if get_language() == "en" else self.title_fr

    @property
    def pack(self) -> Pack:
        return pack_from_source(self.digest, self.source, f"{self.framework.code}.yaml")

    @staticmethod
    def digest_of(source: str) -> str:
        return hashlib.sha256(source.encode("utf-8")).hexdigest()


_packs: dict[str, Pack] = {}


def pack_from_source(digest: str, source: str, filename: str) -> Pack:
    """Parse a published source once per process; its digest names its content."""
    pack = _packs.get(digest)
    if pack is None:
        if len(_packs) >= 64:
            _packs.pop(next(iter(_packs)))
        pack = _packs[digest] = load_pack(source, filename)
    return pack
