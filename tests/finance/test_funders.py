"""The network's staff keep funders' profiles and invite their contact
people; a contact person reads the projects shared with the network's funders
and nothing else of the network."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from levier.accounts.models import User
from levier.assessments.uploads import stored_fields
from levier.finance.models import Funder, FunderContact, ProjectDocument
from levier.mailing.models import OutgoingEmail
from tests.factories import PASSWORD
from tests.finance.project_fixtures import (  # noqa: F401
    PDF,
    finance_world,
    make_project,
    signed_in,
    themes_fixture,
)

pytestmark = pytest.mark.django_db


def _funder_form(**changes):
    data = {
        "name": "Fonds Territoire",
        "kind": "impact_fund",
        "ticket_min": "20000",
        "ticket_max": "200000",
        "instruments": ["loan"],
        "stages": ["launch"],
        "regions": ["32"],
        "requires_accompanied_by": "Réseau Alliances",
        "eligibility": "Entreprises de l’ESS.",
    }
    data.update(changes)
    return data


# The network's staff ----------------------------------------------------------


def test_staff_create_a_funder_and_see_the_projects_that_fit(fw):
    client = signed_in(fw["animator"])
    slug = fw["network"].slug

    response = client.post(reverse("funder_create", args=[slug]), _funder_form())

    funder = Funder.objects.get(name="Fonds Territoire")
    assert response.status_code == 302
    assert funder.network == fw["network"] and funder.requires_accompanied_by == [
        "Réseau Alliances"
    ]
    page = client.get(reverse("funder_detail", args=[slug, fw["fund"].pk]))
    assert {project for project, _fit in page.context["fitting"]} == {fw["shared"], fw["public"]}
    assert "Brouillon" not in page.content.decode()
    assert client.get(reverse("funder_list", args=[slug])).status_code == 200


def test_the_funder_form_keeps_what_was_typed_and_says_what_is_wrong(fw):
    client = signed_in(fw["animator"])

    response = client.post(
        reverse("funder_create", args=[fw["network"].slug]),
        _funder_form(ticket_min="300000", instruments=["cheque"]),
    )

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"ticket_max", "instruments"}
    assert "Fonds Territoire" in response.content.decode()
    assert "Entreprises de l’ESS." in response.content.decode()
    assert not Funder.objects.filter(name="Fonds Territoire").exists()


def test_members_and_other_networks_staff_never_reach_the_funders_pages(fw):
    args = [fw["network"].slug, fw["fund"].pk]
    for who in ("admin", "neighbour_admin", "far_animator", "contact"):
        client = signed_in(fw[who])
        assert client.get(reverse("funder_detail", args=args)).status_code == 404, who
        assert client.get(reverse("funder_list", args=args[:1])).status_code == 404, who
    assert signed_in(fw["animator"]).get(reverse("funder_detail", args=args)).status_code == 200


def test_staff_read_shared_projects_never_drafts(fw):
    client = signed_in(fw["animator"])
    slug = fw["network"].slug

    listing = client.get(reverse("network_projects", args=[slug]))

    assert set(listing.context["projects"]) == {fw["shared"], fw["public"]}
    assert client.get(reverse("network_project", args=[slug, fw["draft"].pk])).status_code == 404
    assert client.get(reverse("network_project", args=[slug, fw["shared"].pk])).status_code == 200
    far = reverse("network_project", args=[slug, fw["far_project"].pk])
    assert client.get(far).status_code == 404


def _link(body: str) -> str:
    return re.search(r"http\S+/accounts/password/reset/key/\S+", body).group(0)


def test_inviting_a_new_contact_creates_the_account_and_mails_a_link(
    fw, django_capture_on_commit_callbacks
):
    client = signed_in(fw["animator"])
    url = reverse("funder_contact_invite", args=[fw["network"].slug, fw["bank"].pk])

    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(url, {"email": "Paul@Banque.example.org", "full_name": "Paul"})

    assert response.status_code == 302
    user = User.objects.get(email="paul@banque.example.org")
    assert not user.has_usable_password()
    assert FunderContact.objects.filter(funder=fw["bank"], user=user).exists()
    email = OutgoingEmail.objects.get(kind="finance.contact_invited")
    assert email.to == ["paul@banque.example.org"] and email.sensitive
    link = _link(email.body)
    assert reverse("funder_home", args=[fw["network"].slug]) in email.body
    # The link lets the person choose a password, then sign in.
    path = link.split("://", 1)[1].split("/", 1)[1]
    visitor = Client()
    form = visitor.get("/" + path, follow=True)
    assert form.status_code == 200
    done = visitor.post(
        form.redirect_chain[-1][0] if form.redirect_chain else "/" + path,
        {"password1": "un mot de passe solide 42", "password2": "un mot de passe solide 42"},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("un mot de passe solide 42")


def test_inviting_an_existing_person_sends_no_password_link_and_twice_is_refused(fw):
    client = signed_in(fw["animator"])
    url = reverse("funder_contact_invite", args=[fw["network"].slug, fw["fund"].pk])

    again = client.post(url, {"email": "fonds@example.org"})
    known = client.post(url, {"email": fw["neighbour_admin"].email})

    assert again.status_code == 400
    assert "fonds@example.org" in again.content.decode()
    assert known.status_code == 302
    email = OutgoingEmail.objects.get(kind="finance.contact_invited")
    assert "/accounts/password/reset/key/" not in email.body and not email.sensitive


def test_removing_a_contact_and_deactivating_a_funder_end_their_access(fw):
    staff = signed_in(fw["animator"])
    contact = signed_in(fw["contact"])
    home = reverse("funder_home", args=[fw["network"].slug])
    assert contact.get(home).status_code == 200

    staff.post(reverse("funder_toggle", args=[fw["network"].slug, fw["fund"].pk]))
    assert contact.get(home).status_code == 404
    staff.post(reverse("funder_toggle", args=[fw["network"].slug, fw["fund"].pk]))
    assert contact.get(home).status_code == 200

    link = FunderContact.objects.get(user=fw["contact"])
    remove = reverse("funder_contact_remove", args=[fw["network"].slug, fw["fund"].pk, link.pk])
    far = FunderContact.objects.get(user=fw["far_contact"])
    wrong = reverse("funder_contact_remove", args=[fw["network"].slug, fw["fund"].pk, far.pk])
    assert staff.post(wrong).status_code == 404
    assert staff.post(remove).status_code == 302
    assert contact.get(home).status_code == 404
    assert User.objects.filter(pk=fw["contact"].pk).exists()


# A funder's contact person --------------------------------------------------


def test_a_contact_lands_on_the_projects_shared_with_funders(fw):
    client = Client()
    client.post(reverse("account_login"), {"login": "fonds@example.org", "password": PASSWORD})

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"] == reverse("funder_home", args=[fw["network"].slug])


def test_a_contact_reads_shared_and_public_projects_of_its_network_fitting_first(fw):
    unfit = make_project(fw["neighbour"], "Grande usine", amount_sought=9_000_000)
    client = signed_in(fw["contact"])

    response = client.get(reverse("funder_home", args=[fw["network"].slug]))

    assert response.status_code == 200
    fitting = [project for project, _fits in response.context["fitting"]]
    others = [project for project, _fits in response.context["others"]]
    assert set(fitting) == {fw["shared"], fw["public"]}
    assert others == [unfit]
    page = response.content.decode()
    assert "Brouillon" not in page and "Loin" not in page
    # Nothing else of the network: no member directory, no staff pages.
    assert "Voisine" in page  # the organisation carrying a shared project, only
    for name, args in (
        ("network_organisations", [fw["network"].slug]),
        ("funder_list", [fw["network"].slug]),
        ("network_projects", [fw["network"].slug]),
        ("organisation_detail", [fw["carrier"].slug]),
        ("project_list", [fw["carrier"].slug]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404, name


def test_the_contacts_filters(fw):
    client = signed_in(fw["contact"])
    url = reverse("funder_home", args=[fw["network"].slug])
    other = make_project(fw["carrier"], "Autre", stage="growth", instruments=["equity"])

    by_stage = client.get(url, {"stage": "growth"})
    by_instrument = client.get(url, {"instrument": "grant"})
    by_theme = client.get(url, {"theme": fw["themes"][0]})
    by_region = client.get(url, {"region": "11"})

    def shown(response):
        return {p for p, _f in response.context["fitting"] + response.context["others"]}

    assert shown(by_stage) == {other}
    assert shown(by_instrument) == {fw["shared"], fw["public"]}
    assert shown(by_theme) == {fw["shared"], fw["public"]}
    assert shown(by_region) == set()


def test_a_contact_opens_a_shared_project_and_its_documents_never_a_draft(fw, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = ProjectDocument.objects.create(
        project=fw["shared"], **stored_fields(SimpleUploadedFile("bp.pdf", PDF), fw["admin"])
    )
    draft_document = ProjectDocument.objects.create(
        project=fw["draft"], **stored_fields(SimpleUploadedFile("d.pdf", PDF), fw["admin"])
    )
    client = signed_in(fw["contact"])
    far = signed_in(fw["far_contact"])
    slug = fw["network"].slug

    with translation.override("en"):
        page = client.get(reverse("funder_project", args=[slug, fw["shared"].pk]))
    assert page.status_code == 200
    text = page.content.decode()
    # What the member typed into the project, never their plan.
    assert "Un atelier de réemploi." in text and "Installer la presse" not in text
    ok = reverse("funder_project_document", args=[slug, fw["shared"].pk, document.pk])
    assert client.get(ok).status_code == 200
    draft = reverse("funder_project", args=[slug, fw["draft"].pk])
    assert client.get(draft).status_code == 404
    hidden = reverse("funder_project_document", args=[slug, fw["draft"].pk, draft_document.pk])
    assert client.get(hidden).status_code == 404
    mixed = reverse("funder_project_document", args=[slug, fw["shared"].pk, draft_document.pk])
    assert client.get(mixed).status_code == 404
    # A contact of another network: neither through its network nor through ours.
    assert far.get(reverse("funder_project", args=[slug, fw["shared"].pk])).status_code == 404
    theirs = reverse("funder_project", args=["ailleurs", fw["shared"].pk])
    assert far.get(theirs).status_code == 404
    assert (
        far.get(reverse("funder_project", args=["ailleurs", fw["far_project"].pk])).status_code
        == 200
    )


def test_the_contacts_list_costs_the_same_whatever_the_number_of_projects(fw):
    client = signed_in(fw["contact"])
    url = reverse("funder_home", args=[fw["network"].slug])
    client.get(url)

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for number in range(6):
        make_project(fw["neighbour"], f"Projet {number}")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200

    assert len(many) == len(few)


def test_the_funders_page_costs_the_same_whatever_the_number_of_funders(fw):
    client = signed_in(fw["animator"])
    url = reverse("funder_list", args=[fw["network"].slug])
    client.get(url)

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for number in range(5):
        Funder.objects.create(network=fw["network"], name=f"Fonds {number}", kind="bank")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200

    assert len(many) == len(few)


def test_a_funders_page_costs_the_same_whatever_the_number_of_projects(fw):
    client = signed_in(fw["animator"])
    url = reverse("funder_detail", args=[fw["network"].slug, fw["fund"].pk])
    client.get(url)

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for number in range(5):
        make_project(fw["neighbour"], f"Projet {number}", themes=[fw["themes"][0]])
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200

    assert len(many) == len(few)
