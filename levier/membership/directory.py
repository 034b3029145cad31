"""The animators' export of the member directory: one row per organisation,
with only the contacts who agreed to be listed (their ``DirectoryEntry``).

Last assessment date comes from the maintained member state (ADR 21), which
the network's staff already see on their dashboard; no answer or score
leaves through this file."""

from django.db.models import Prefetch
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from levier.accounts.models import Membership
from levier.clubs.models import ClubMember
from levier.lib.spreadsheets import append_row, csv_bytes, xlsx_bytes
from levier.programmes.models import Application as ProgrammeApplication


def _header() -> list[str]:
    return [
        _("Organisation"),
        _("SIREN"),
        _("Headcount"),
        _("Size"),
        capfirst(_("NAF code")),
        _("Region"),
        _("Listed contacts"),
        _("Clubs"),
        _("Programmes"),
        _("Last assessment submitted"),
    ]


def rows(network) -> list[list]:
    organisations = (
        network.organisations.order_by("name")
        .select_related("insights_state")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(directory_entry__listed=True)
                .select_related("user", "directory_entry")
                .filter(user__is_active=True, user__closed_at__isnull=True)
                .order_by("user__full_name", "pk"),
                to_attr="listed_memberships",
            ),
            Prefetch(
                "club_memberships",
                queryset=ClubMember.objects.select_related("club").order_by("club__name"),
                to_attr="clubs_joined",
            ),
            Prefetch(
                "programme_applications",
                queryset=ProgrammeApplication.objects.filter(
                    status=ProgrammeApplication.Status.SELECTED
                )
                .select_related("programme")
                .order_by("programme__title"),
                to_attr="programmes_joined",
            ),
        )
    )
    result = [_header()]
    for organisation in organisations:
        contacts = [
            _contact(membership, membership.directory_entry)
            for membership in organisation.listed_memberships
        ]
        clubs = sorted({member.club.name for member in organisation.clubs_joined})
        programmes = [joined.programme.title for joined in organisation.programmes_joined]
        state = getattr(organisation, "insights_state", None)
        submitted = state.latest_submitted_at if state else None
        result.append(
            [
                organisation.name,
                organisation.siren,
                organisation.headcount,
                organisation.get_size_band_display(),
                organisation.naf_code,
                organisation.get_region_display(),
                "\n".join(contacts),
                "\n".join(clubs),
                "\n".join(programmes),
                submitted.date().isoformat() if submitted else "",
            ]
        )
    return result


def _contact(membership, entry) -> str:
    person = membership.user
    parts = [person.display_name, person.email, membership.get_role_display()]
    if entry.job_title:
        parts.append(entry.job_title)
    return " · ".join(str(part) for part in parts if part)


def as_csv(network) -> bytes:
    return csv_bytes(rows(network))


def as_xlsx(network) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Members")[:31]
    table = rows(network)
    for cell in append_row(sheet, table[0]):
        cell.font = Font(bold=True)
    for row in table[1:]:
        append_row(sheet, row)
    for letter, width in zip("ABCDEFGHIJ", (32, 12, 10, 22, 10, 24, 48, 28, 28, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    return xlsx_bytes(book)
