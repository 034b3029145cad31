"""Steps the browser tests share."""

from tests.factories import PASSWORD

PHONE = {"width": 390, "height": 844}


def phone_signed_in(browser, live_server, email):
    """A French phone-sized page, signed in as ``email``: (context, page)."""
    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return context, page
