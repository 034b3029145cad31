"""The outbox as a log, for superusers only: it holds everyone's emails, so
network admins, who manage their own networks, do not see it."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from levier.mailing import services
from levier.mailing.models import OutgoingEmail


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "kind",
        "recipients",
        "subject",
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "sent_at",
    ]
    list_filter = ["status", "kind"]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    actions = ["retry_now"]
    fields = [
        "kind",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "sent_at",
        "from_email",
        "recipients",
        "subject",
        "shown_body",
        "attachment_names",
    ]
    readonly_fields = fields

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # The log is pruned by send_queued_emails, not edited by hand.
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("attachments")

    @admin.display(description=_("to"))
    def recipients(self, email):
        return ", ".join(email.to + email.cc + email.bcc)

    @admin.display(description=_("text"))
    def shown_body(self, email):
        if email.sensitive:
            return _("Not shown: it holds a secret link.")
        return email.body

    @admin.display(description=_("attachments"))
    def attachment_names(self, email):
        return ", ".join(a.filename for a in email.attachments.all())

    @admin.action(description=_("Retry now"))
    def retry_now(self, request, queryset):
        count = services.retry(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)s email queued to be sent again.",
                "%(count)s emails queued to be sent again.",
                count,
            )
            % {"count": count},
        )
