from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site

from levier.lib.proxies import client_ip
from levier.mailing import services as mailing


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """People join by invitation from their organisation or network."""
        return False

    def get_client_ip(self, request):
        """One reading of the client's address for every limit (see
        LEVIER_TRUSTED_PROXIES), allauth's included."""
        return client_ip(request)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's emails (password reset, codes, notices) are rendered as
        allauth renders them, in the asker's language, then go through the
        outbox like every other email."""
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {
                "request": request,
                "email": email,
                "current_site": get_current_site(request),
                **context,
            },
        )
        # They carry reset links and sign-in codes.
        kind = "account." + template_prefix.rsplit("/", 1)[-1]
        mailing.queue(message, kind=kind, sensitive=True)
