"""Hostile text through the real views: refused with a message next to the
field, nothing stored, what was typed shown back, never a 500, on SQLite and
PostgreSQL alike (PostgreSQL refuses NUL in text: it must never get one)."""

import html
import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from levier.accounts.models import Invitation, Organisation, OrgRole, User
from levier.assessments import services as assessments
from levier.assessments.models import Answer
from levier.clubs.models import Club
from levier.events.models import Event, Registration
from levier.frameworks.services import latest_version, sync_shipped_packs
from levier.lib.limits import HEADCOUNT_MAX
from levier.plans import services as plans
from levier.plans.models import Action, ActionUpdate, Measurement
from levier.practices.models import Practice
from tests.factories import make_member, make_network_staff, make_organisation

pytestmark = pytest.mark.django_db

# A megabyte of text: under Django's cap on a request's form fields
# (DATA_UPLOAD_MAX_MEMORY_SIZE), so that the field itself must refuse it.
MEGABYTE = "x" * 1_000_000
TWO_MEGABYTES = "x" * 2_000_000  # as found in a club's description
NUL = "avant\x00après"
BELL = "avant\x07après"
# Spaces a reader cannot tell from nothing: ordinary, non-breaking, narrow,
# zero-width, word joiner, byte order mark, a right-to-left mark.
BLANK = " \u00a0\u202f\u200b\u2060\ufeff\u200f "
SPOOFED = "Facture\u202egpj.exe"  # displays as "Facturexe.jpg"
HTMX = {"HTTP_HX_REQUEST": "true"}

REQUIRED = "Ce champ est obligatoire."
NUL_REFUSED = "Ce texte contient le caractère de contrôle invisible NUL\u00a0: retirez-le."


def too_long(limit: int, length: int) -> str:
    return f"au plus {limit} caractères (actuellement {length})"


def field_errors(response, name: str) -> str:
    """The errors Django renders by the field ``name`` (``as_field_group``),
    as text; the field itself must point at them."""
    page = response.content.decode()
    found = re.search(rf'<ul class="errorlist" id="id_{name}_error">(.*?)</ul>', page, re.S)
    assert found, f"no errors next to {name}"
    assert re.search(rf'aria-describedby="[^"]*\bid_{name}_error"', page)
    return html.unescape(re.sub(r"<[^>]+>", " ", found.group(1)))


def shown_back(response, typed: str) -> bool:
    return html.escape(typed) in response.content.decode()


# Assessments: the autosave and the theme page -------------------------------------


@pytest.fixture
def assessment(organisation, org_admin):
    sync_shipped_packs()
    version = latest_version("levier-360")
    return assessments.start(organisation, version, "2026", org_admin)


def _autosave(client, assessment, code, **fields):
    data = {f"{code}-{name}": value for name, value in fields.items()}
    url = reverse("assessment_answer", args=[assessment.organisation.slug, assessment.pk, code])
    return client.post(url, data, **HTMX)


def _state_line(response) -> str:
    page = response.content.decode()
    found = re.search(r'<span class="state-error" role="alert">(.*?)</span>', page, re.S)
    assert found, "no error on the question"
    return html.unescape(found.group(1))


def test_a_nul_in_a_comment_is_refused_by_the_autosave(org_admin_client, assessment):
    response = _autosave(
        org_admin_client, assessment, "SOC-HSW-05", level="annual", comment=NUL, version=0
    )

    assert response.status_code == 200  # htmx swaps only what succeeds: the message shows
    assert _state_line(response) == f"Commentaire\u00a0: {NUL_REFUSED}"
    assert not Answer.objects.exists()


def test_a_nul_in_a_text_answer_is_refused_by_the_autosave(org_admin_client, assessment):
    response = _autosave(org_admin_client, assessment, "GOV-PUR-09", text=NUL, version=0)

    assert response.status_code == 200
    assert _state_line(response) == f"Votre réponse\u00a0: {NUL_REFUSED}"
    assert not Answer.objects.exists()


def test_a_megabyte_comment_is_refused_by_the_autosave(org_admin_client, assessment):
    response = _autosave(
        org_admin_client, assessment, "SOC-HSW-05", level="annual", comment=MEGABYTE, version=0
    )

    assert "Commentaire\u00a0: " in _state_line(response)
    assert too_long(5000, 1_000_000) in _state_line(response)
    assert not Answer.objects.exists()


def test_a_blank_comment_is_stored_empty(org_admin_client, assessment):
    response = _autosave(
        org_admin_client, assessment, "SOC-HSW-05", level="annual", comment=BLANK, version=0
    )

    assert response.status_code == 200
    assert Answer.objects.get(question_code="SOC-HSW-05").comment == ""


def test_a_huge_number_is_refused_by_the_autosave(org_admin_client, assessment):
    response = _autosave(org_admin_client, assessment, "SOC-HSW-06", value="1e300", version=0)

    assert "Ce nombre est trop grand" in _state_line(response)
    assert not Answer.objects.exists()


def test_the_theme_page_refuses_a_control_character_and_keeps_the_rest(
    org_admin_client, assessment
):
    url = reverse(
        "assessment_theme", args=[assessment.organisation.slug, assessment.pk, "SOC-HSW"]
    )
    response = org_admin_client.post(
        url,
        {
            "SOC-HSW-05-present": "1",
            "SOC-HSW-05-version": "0",
            "SOC-HSW-05-level": "annual",
            "SOC-HSW-05-comment": BELL,
        },
    )

    assert response.status_code == 400
    assert "Commentaire\u00a0: Ce texte contient le caractère de contrôle invisible U+0007" in (
        html.unescape(response.content.decode())
    )
    assert shown_back(response, BELL)
    assert not Answer.objects.exists()


@pytest.mark.parametrize("version", ["9" * 30, "-1", "\x00", "1e3"])
def test_a_hostile_version_is_a_conflict_not_an_error(org_admin_client, assessment, version):
    response = _autosave(
        org_admin_client, assessment, "SOC-HSW-05", level="annual", version=version
    )

    assert response.status_code == 200
    assert not Answer.objects.exists()


# Action plans --------------------------------------------------------------------


@pytest.fixture
def action(organisation, org_admin):
    return plans.add_action(
        organisation, org_admin, title="Réduire les trajets", indicator_name="Trajets à vélo"
    )


def _plan_url(name, organisation, *args):
    return reverse(name, args=[organisation.slug, *args])


def test_an_action_with_a_megabyte_description_is_refused(org_admin_client, organisation):
    response = org_admin_client.post(
        _plan_url("action_new", organisation),
        {"title": "Vélos", "description": MEGABYTE, "status": "todo", "priority": "medium"},
    )

    assert too_long(5000, 1_000_000) in field_errors(response, "description")
    assert shown_back(response, MEGABYTE) and 'value="Vélos"' in response.content.decode()
    assert not Action.objects.exists()


def test_an_action_titled_with_spaces_is_refused(org_admin_client, organisation):
    response = org_admin_client.post(
        _plan_url("action_new", organisation),
        {"title": BLANK, "description": "Un vrai texte", "status": "todo", "priority": "medium"},
    )

    assert REQUIRED in field_errors(response, "title")
    assert "Un vrai texte" in response.content.decode()
    assert not Action.objects.exists()


def test_an_action_keeps_no_direction_override_and_no_blank_description(
    org_admin_client, organisation
):
    org_admin_client.post(
        _plan_url("action_new", organisation),
        {"title": SPOOFED, "description": BLANK, "status": "todo", "priority": "medium"},
    )

    action = Action.objects.get()
    assert action.title == "Facturegpj.exe"
    assert action.description == ""


def test_an_indicator_target_of_infinity_is_refused(org_admin_client, organisation, action):
    response = org_admin_client.post(
        _plan_url("action_detail", organisation, action.pk),
        {
            "title": action.title,
            "status": "todo",
            "priority": "medium",
            "indicator_name": "Trajets à vélo",
            "indicator_baseline": "1e300",
            "indicator_target": "inf",
            "version": action.version,
        },
    )

    assert "Ce nombre est trop grand" in field_errors(response, "indicator_baseline")
    assert "Saisissez un nombre." in field_errors(response, "indicator_target")
    action.refresh_from_db()
    assert action.indicator_baseline is None and action.indicator_target is None


@pytest.mark.parametrize(
    ("note", "message"),
    [(NUL, NUL_REFUSED), (MEGABYTE, too_long(200, 1_000_000))],
    ids=["nul", "megabyte"],
)
def test_a_hostile_measurement_note_is_refused_by_the_field(
    org_admin_client, organisation, action, note, message
):
    response = org_admin_client.post(
        _plan_url("action_measure", organisation, action.pk),
        {"date": "2026-10-01", "value": "12", "note": note},
    )

    assert response.status_code == 400
    assert message in field_errors(response, "note")
    assert 'value="12"' in response.content.decode()
    assert not Measurement.objects.exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [("inf", "Saisissez un nombre."), ("nan", "Saisissez un nombre."), ("1e300", "trop grand")],
)
def test_a_measurement_must_be_a_sane_number(
    org_admin_client, organisation, action, value, message
):
    response = org_admin_client.post(
        _plan_url("action_measure", organisation, action.pk),
        {"date": "2026-10-01", "value": value},
    )

    assert response.status_code == 400
    assert message in field_errors(response, "value")
    assert not Measurement.objects.exists()


def test_a_measurement_refused_on_an_action_without_indicator_still_says_why(
    org_admin_client, organisation
):
    bare = plans.add_action(organisation, None, title="Sans indicateur")

    response = org_admin_client.post(
        _plan_url("action_measure", organisation, bare.pk), {"date": "2026-10-01", "value": "x"}
    )

    assert response.status_code == 400
    assert "Saisissez un nombre." in field_errors(response, "value")


@pytest.mark.parametrize(
    ("text", "message"),
    [(NUL, NUL_REFUSED), (MEGABYTE, too_long(5000, 1_000_000)), (BLANK, REQUIRED)],
    ids=["nul", "megabyte", "blank"],
)
def test_a_hostile_comment_on_an_action_is_refused(
    org_admin_client, organisation, action, text, message
):
    response = org_admin_client.post(
        _plan_url("action_comment", organisation, action.pk), {"text": text}
    )

    assert response.status_code == 400
    assert message in field_errors(response, "text")
    assert not ActionUpdate.objects.filter(text__gt="").exists()


def test_an_evidence_name_loses_its_direction_override(org_admin_client, organisation, action):
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    org_admin_client.post(
        _plan_url("action_evidence_upload", organisation, action.pk),
        {"file": SimpleUploadedFile("Facture\u202efdp.pdf", pdf, "application/pdf")},
    )

    assert action.evidence.get().original_name == "Facturefdp.pdf"


# Good practices ------------------------------------------------------------------

PROPOSAL = {
    "title": "Des causeries RSE chaque mois",
    "summary": "Un temps court pour parler RSE avec l'équipe.",
    "steps": "Choisir un créneau\nProposer un sujet",
    "effort": "low",
    "cost": "none",
}


@pytest.fixture
def author_client(client, organisation):
    sync_shipped_packs()
    client.force_login(make_member(organisation, OrgRole.CONTRIBUTOR))
    return client


def test_a_practice_with_a_megabyte_context_is_refused(author_client):
    response = author_client.post(reverse("practice_propose"), {**PROPOSAL, "context": MEGABYTE})

    assert too_long(20000, 1_000_000) in field_errors(response, "context")
    assert shown_back(response, MEGABYTE)
    assert not Practice.objects.exists()


def test_practice_steps_of_spaces_are_refused(author_client):
    response = author_client.post(reverse("practice_propose"), {**PROPOSAL, "steps": BLANK})

    assert REQUIRED in field_errors(response, "steps")
    assert 'value="Des causeries RSE chaque mois"' in response.content.decode()
    assert not Practice.objects.exists()


def test_a_practice_title_loses_its_direction_override(author_client):
    author_client.post(reverse("practice_propose"), {**PROPOSAL, "title": SPOOFED})

    assert Practice.objects.get().title == "Facturegpj.exe"


# Events, clubs, guests -----------------------------------------------------------

EVENT = {
    "kind": "workshop",
    "title": "Atelier bilan carbone",
    "start": "2030-03-12T09:00",
    "end": "2030-03-12T12:00",
    "place": "Lille",
    "audience": "network",
    "is_published": "on",
}


@pytest.fixture
def animator_client(client, network):
    client.force_login(make_network_staff(network))
    return client


@pytest.mark.parametrize("field", ["description", "resources"])
def test_an_event_with_a_megabyte_text_is_refused(animator_client, network, field):
    response = animator_client.post(
        reverse("event_new", args=[network.slug]), {**EVENT, field: MEGABYTE}
    )

    assert too_long(20000, 1_000_000) in field_errors(response, field)
    assert shown_back(response, MEGABYTE)
    assert not Event.objects.exists()


def test_an_event_titled_with_spaces_is_refused(animator_client, network):
    response = animator_client.post(
        reverse("event_new", args=[network.slug]), {**EVENT, "title": BLANK}
    )

    assert REQUIRED in field_errors(response, "title")
    assert not Event.objects.exists()


def test_an_event_keeps_no_direction_override_and_no_blank_description(animator_client, network):
    animator_client.post(
        reverse("event_new", args=[network.slug]),
        {**EVENT, "title": SPOOFED, "description": BLANK},
    )

    event = Event.objects.get()
    assert (event.title, event.description) == ("Facturegpj.exe", "")


@pytest.mark.parametrize("field", ["capacity", "min_headcount"])
def test_an_event_for_a_billion_people_is_refused(animator_client, network, field):
    response = animator_client.post(
        reverse("event_new", args=[network.slug]), {**EVENT, field: "1000000000"}
    )

    assert "inférieure ou égale" in field_errors(response, field)
    assert not Event.objects.exists()


def test_a_club_with_a_two_megabyte_description_is_refused(animator_client, network):
    club = Club.objects.create(network=network, name="Club mobilité")

    response = animator_client.post(
        reverse("club_edit", args=[network.slug, club.pk]),
        {"name": SPOOFED, "description": TWO_MEGABYTES},
    )

    assert too_long(20000, 2_000_000) in field_errors(response, "description")
    assert shown_back(response, TWO_MEGABYTES)
    club.refresh_from_db()
    assert (club.name, club.description) == ("Club mobilité", "")


def test_a_club_name_loses_its_direction_override(animator_client, network):
    animator_client.post(reverse("club_new", args=[network.slug]), {"name": "Club\u202eesrever"})

    assert Club.objects.get().name == "Clubesrever"


def test_a_guest_named_with_spaces_or_a_nul_is_refused(client, network):
    event = Event.objects.create(
        network=network,
        kind="workshop",
        title="Portes ouvertes",
        start=timezone.now() + timedelta(days=10),
        end=timezone.now() + timedelta(days=10, hours=2),
        place="Lille",
        audience="public",
    )
    guest = {"email": "invite@example.org", "consent": "on"}
    url = reverse("public_event", args=[event.pk])

    blank = client.post(url, {**guest, "name": BLANK})
    nul = client.post(url, {**guest, "name": "Jean", "organisation": NUL})

    assert blank.status_code == nul.status_code == 400
    assert REQUIRED in field_errors(blank, "name")
    assert NUL_REFUSED in field_errors(nul, "organisation")
    assert not Registration.objects.exists()


# Organisations and people --------------------------------------------------------

ORGANISATION = {
    "name": "Scierie du Vallon",
    "legal_form": "sas",
    "headcount": "72",
    "naf_code": "1610a",
    "region": "84",
}


def test_a_siren_typed_in_full_width_digits_is_the_same_company(animator_client, network):
    make_organisation(network, siren="732829320")

    response = animator_client.post(
        reverse("organisation_create", args=[network.slug]),
        {**ORGANISATION, "siren": "７３２\u00a0８２９－３２０"},
    )

    assert "déjà membre" in field_errors(response, "siren")
    assert "７３２" in response.content.decode()
    assert Organisation.objects.count() == 1


def test_identifiers_are_stored_as_their_ascii_characters(animator_client, network):
    animator_client.post(
        reverse("organisation_create", args=[network.slug]),
        {
            **ORGANISATION,
            "siren": "７３２.８２９.３２０",
            "naf_code": "１６．１０Ａ",
            "name": SPOOFED,
        },
    )

    organisation = Organisation.objects.get()
    assert (organisation.siren, organisation.naf_code) == ("732829320", "16.10A")
    assert organisation.name == "Facturegpj.exe"


def test_a_headcount_of_a_billion_is_refused(animator_client, network):
    response = animator_client.post(
        reverse("organisation_create", args=[network.slug]),
        {**ORGANISATION, "headcount": "1000000000"},
    )

    assert "inférieure ou égale à 2000000" in field_errors(response, "headcount")
    assert 'value="1000000000"' in response.content.decode()
    assert not Organisation.objects.exists()


def test_the_largest_employers_fit(network):
    organisation = make_organisation(network, headcount=HEADCOUNT_MAX)

    organisation.full_clean()


def test_a_name_of_spaces_is_no_name(org_admin_client, org_admin):
    org_admin_client.post(reverse("my_data"), {"full_name": BLANK})

    org_admin.refresh_from_db()
    assert org_admin.full_name == ""
    assert org_admin.display_name == org_admin.email


def test_a_name_loses_its_direction_override_or_is_refused_with_a_nul(org_admin_client, org_admin):
    org_admin_client.post(reverse("my_data"), {"full_name": "Alice\u202eecilA"})
    org_admin.refresh_from_db()
    assert org_admin.full_name == "AliceecilA"

    response = org_admin_client.post(reverse("my_data"), {"full_name": NUL})

    assert NUL_REFUSED in field_errors(response, "full_name")
    org_admin.refresh_from_db()
    assert org_admin.full_name == "AliceecilA"


def test_a_new_member_named_with_spaces_is_refused(client, organisation):
    invitation = Invitation.objects.create(
        organisation=organisation, email="nouvelle@example.org", role=OrgRole.CONTRIBUTOR
    )

    response = client.post(
        reverse("accept_invitation", args=[invitation.token]),
        {
            "full_name": BLANK,
            "password1": "un mot de passe solide",
            "password2": "un mot de passe solide",
        },
    )

    assert REQUIRED in field_errors(response, "full_name")
    assert not User.objects.filter(email="nouvelle@example.org").exists()


# Searches: a NUL in a query string never reaches the database --------------------


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("practice_list", {"q": NUL}),
        ("agenda", {"theme": NUL, "kind": NUL}),
        ("club_list", {"q": NUL}),
    ],
)
def test_a_nul_in_a_search_is_no_error(org_admin_client, name, query):
    sync_shipped_packs()

    assert org_admin_client.get(reverse(name), query).status_code in (200, 400)


def test_a_nul_in_the_organisation_search_is_no_error(animator_client, network):
    response = animator_client.get(
        reverse("network_organisations", args=[network.slug]), {"q": NUL}
    )

    assert response.status_code in (200, 400)


# Models: the same rules, whoever builds the object -------------------------------


def test_the_models_refuse_what_the_forms_refuse(network):
    organisation = make_organisation(network)
    practice = Practice(title="Titre", summary="Résumé", steps="Étape", context=MEGABYTE)
    action = Action(organisation=organisation, title=BLANK, description=NUL)

    with pytest.raises(ValidationError) as practice_errors:
        practice.full_clean(exclude=["code", "effort", "cost"])
    with pytest.raises(ValidationError) as action_errors:
        action.full_clean(exclude=["created_by", "updated_by"])

    assert set(practice_errors.value.message_dict) == {"context"}
    assert set(action_errors.value.message_dict) == {"title", "description"}


def test_the_models_clean_what_they_save(network):
    organisation = Organisation(
        network=network,
        name=SPOOFED,
        siren="７３２ ８２９ ３２０",
        headcount=10,
        region="84",
    )
    organisation.full_clean(exclude=["slug"])
    organisation.save()
    make_member(organisation, full_name=f"  {SPOOFED}\n")

    assert Organisation.objects.values_list("name", "siren").get() == (
        "Facturegpj.exe",
        "732829320",
    )
    assert User.objects.get().full_name == "Facturegpj.exe"
