"""The organisation's profile: read it, and edit what its admins edit on the
web profile form (the same form validates it)."""

from datetime import datetime

from django.db import transaction
from ninja import Field, Router, Schema

from levier.accounts.forms import OrganisationForm
from levier.accounts.models import Organisation
from levier.api.auth import organisation_id, require
from levier.api.problems import Problem
from levier.api.schemas_org import form_data, invalid

router = Router(tags=["organisation"])

EDITABLE = OrganisationForm.Meta.fields


class OrganisationOut(Schema):
    name: str
    slug: str
    siren: str | None = Field(None, description="The 9-digit company number, if given")
    legal_form: str | None = Field(None, description="Code of the legal form (sas, scop...)")
    naf_code: str | None = Field(None, description="NAF rev.2 code, e.g. 62.01Z")
    naf_section: str | None = Field(None, description="NAF section letter, from the code")
    naf_label: str | None
    region: str = Field(description="INSEE region code (99: outside France)")
    region_label: str
    headcount: int
    size_band: str = Field(description="micro, small, medium or large, from the headcount")
    is_ess: bool
    is_mission: bool
    is_bcorp: bool
    network: str = Field(description="The network's slug")
    updated_at: datetime

    @staticmethod
    def resolve_siren(obj):
        return obj.siren or None

    @staticmethod
    def resolve_legal_form(obj):
        return obj.legal_form or None

    @staticmethod
    def resolve_naf_code(obj):
        return obj.naf_code or None

    @staticmethod
    def resolve_naf_section(obj):
        return obj.naf_section or None

    @staticmethod
    def resolve_naf_label(obj):
        return obj.naf_label or None

    @staticmethod
    def resolve_region_label(obj):
        return str(obj.get_region_display())

    @staticmethod
    def resolve_network(obj):
        return obj.network.slug


class OrganisationPatch(Schema):
    """The fields of the web profile form; only those given change. An empty
    or null SIREN, legal form or NAF code clears it."""

    name: str | None = None
    siren: str | None = Field(None, max_length=20)
    legal_form: str | None = Field(None, max_length=20)
    headcount: int | None = None
    naf_code: str | None = Field(None, max_length=20)
    region: str | None = Field(None, max_length=2)
    is_ess: bool | None = None
    is_mission: bool | None = None
    is_bcorp: bool | None = None


def _organisation(request) -> Organisation:
    return Organisation.objects.select_related("network").get(pk=organisation_id(request))


@router.get(
    "/organisation",
    response={200: OrganisationOut, 401: Problem, 403: Problem, 404: Problem},
    summary="The organisation's profile",
)
def get_organisation(request):
    require(request, "profile")
    return _organisation(request)


@router.patch(
    "/organisation",
    response={200: OrganisationOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Edit the organisation's profile",
)
def patch_organisation(request, payload: OrganisationPatch):
    """Validated as the web profile form validates it: a wrong SIREN, NAF
    code or region is a 422 naming the field."""
    require(request, "profile", write=True)
    organisation = _organisation(request)
    given = payload.dict(exclude_unset=True)
    for flag in ("is_ess", "is_mission", "is_bcorp"):
        if flag in given and given[flag] is None:
            given[flag] = False
    current = {name: getattr(organisation, name) for name in EDITABLE}
    form = OrganisationForm(
        form_data({**current, **given}), instance=organisation, network=organisation.network
    )
    if not form.is_valid():
        raise invalid(form.errors)
    with transaction.atomic():
        form.save()
    return _organisation(request)
