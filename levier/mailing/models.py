"""The outbox: every email Levier sends is a row here before it leaves, and
stays as the log of what was sent, when, and what went wrong."""

from django.core.mail import EmailMultiAlternatives
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        # Claimed by one worker; ``next_attempt_at`` is then the end of its
        # claim, after which a worker that died mid-send is taken over.
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("about"), max_length=64)
    from_email = models.CharField(_("from"), max_length=320)
    to = models.JSONField(_("to"), default=list)
    cc = models.JSONField(default=list, blank=True)
    bcc = models.JSONField(default=list, blank=True)
    reply_to = models.JSONField(default=list, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    subject = models.TextField(_("subject"))
    body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML"), blank=True)
    # Holds a secret link (password reset, invitation): its body is not shown
    # in the back office and is erased once sent.
    sensitive = models.BooleanField(_("sensitive"), default=False)

    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("queued at"), default=timezone.now)
    next_attempt_at = models.DateTimeField(
        _("next attempt"), null=True, blank=True, default=timezone.now
    )
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.kind} → {', '.join(self.to)}"

    def to_message(self) -> EmailMultiAlternatives:
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=self.body,
            from_email=self.from_email,
            to=self.to,
            cc=self.cc,
            bcc=self.bcc,
            reply_to=self.reply_to,
            headers=self.headers,
        )
        if self.html_body:
            message.attach_alternative(self.html_body, "text/html")
        for attachment in self.attachments.all():
            message.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
        return message


class OutgoingAttachment(models.Model):
    email = models.ForeignKey(OutgoingEmail, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=255)
    mimetype = models.CharField(max_length=255)
    content = models.BinaryField()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.filename
