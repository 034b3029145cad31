"""The committee's forms: a member (or the referent), a meeting, a new annual
report and the report's page (the committee's opinion and adoption).

The law asks a committee to count at least one employee (Code de commerce,
art. L210-10 3°) and a referent to be one person (art. L210-12): a change
that would break a composition that complies is refused, with the reason;
a committee still being built may add its members in any order (its page
warns until it complies).
"""

from datetime import date

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from levier.mission import annual_report, services
from levier.mission.models import (
    CommitteeMeeting,
    CommitteeMember,
    CommitteeReport,
    Governance,
)

DATE_INPUT = {"type": "date"}
DATE_FORMAT = "%Y-%m-%d"

LAST_EMPLOYEE = _(
    "This is the committee's last current employee: the mission committee must include at "
    "least one employee of the company (Code de commerce, art. L210-10). Add the employee "
    "who takes the seat first, then change or remove this one."
)
SECOND_REFERENT = _(
    "A mission referent is one person (Code de commerce, art. L210-12) and %(name)s is the "
    "current one. Give the date %(name)s left first, or choose a committee on the mission's "
    "page."
)


def _date_widget():
    return forms.DateInput(attrs=DATE_INPUT, format=DATE_FORMAT)


def employees_left(mission, leaving: CommitteeMember, today: date | None = None) -> int:
    """How many current employees the committee keeps without ``leaving``."""
    today = today or services.today()
    return sum(
        1
        for member in services.current_members(mission, today)
        if member.is_employee and member.pk != leaving.pk
    )


def removes_last_employee(
    mission, member: CommitteeMember, *, employee: bool, current: bool, today=None
) -> bool:
    """Whether ``member`` (as stored) is the committee's last current employee
    and would stop being one (``employee``/``current``: what it would become)."""
    if mission.governance != Governance.COMMITTEE or member.pk is None:
        return False
    today = today or services.today()
    if not (member.is_employee and member.is_current(today)):
        return False
    if employee and current:
        return False
    return employees_left(mission, member, today) == 0


class MemberForm(forms.ModelForm):
    class Meta:
        model = CommitteeMember
        fields = ["name", "quality", "is_employee", "email", "joined_on", "left_on"]
        widgets = {"joined_on": _date_widget(), "left_on": _date_widget()}
        error_messages = {"name": {"required": _("Give the member's name.")}}

    def __init__(self, *args, mission, **kwargs):
        super().__init__(*args, **kwargs)
        self.mission = mission
        self.stored = (
            CommitteeMember.objects.get(pk=self.instance.pk) if self.instance.pk else None
        )
        if mission.governance == Governance.REFERENT:
            self.fields["quality"].help_text = _("e.g. employee, director, external expert")
            self.fields["is_employee"].help_text = _(
                "The referent may be an employee of the company, or not."
            )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        today = services.today()
        left_on = cleaned.get("left_on")
        current = left_on is None or left_on > today
        employee = bool(cleaned.get("is_employee"))
        if self.stored is not None and removes_last_employee(
            self.mission, self.stored, employee=employee, current=current, today=today
        ):
            raise forms.ValidationError(LAST_EMPLOYEE, code="last_employee")
        if self.mission.governance == Governance.REFERENT and current:
            others = [
                member
                for member in services.current_members(self.mission, today)
                if member.pk != self.instance.pk
            ]
            if others:
                raise forms.ValidationError(
                    SECOND_REFERENT % {"name": others[0].name}, code="second_referent"
                )
        return cleaned


class AttendeesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        label = obj.name
        if obj.quality:
            label = f"{label} ({obj.quality})"
        return label


class MeetingForm(forms.ModelForm):
    attendees = AttendeesField(
        queryset=CommitteeMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("present"),
    )

    class Meta:
        model = CommitteeMeeting
        fields = ["held_on", "place", "agenda", "minutes", "attendees"]
        widgets = {
            "held_on": _date_widget(),
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "minutes": forms.Textarea(attrs={"rows": 10}),
        }
        error_messages = {"held_on": {"required": _("Give the date of the meeting.")}}

    def __init__(self, *args, mission, **kwargs):
        super().__init__(*args, **kwargs)
        self.mission = mission
        # Only the mission's own members: any other id is "not one of the
        # available choices".
        self.fields["attendees"].queryset = CommitteeMember.objects.filter(mission=mission)


def year_choices(mission, today: date | None = None) -> list[tuple[int, str]]:
    """Financial years a report may be written for: from the publication of
    the quality (or 2019, the loi PACTE's first) to the current one."""
    today = today or services.today()
    last = annual_report.default_year(mission, today) + 1
    first = max(2019, mission.published_on.year if mission.published_on else last - 3)
    first = min(first, last)
    return [(year, str(year)) for year in range(last, first - 1, -1)]


class NewReportForm(forms.Form):
    year = forms.TypedChoiceField(label=_("financial year"), coerce=int)

    def __init__(self, *args, mission, **kwargs):
        super().__init__(*args, **kwargs)
        self.mission = mission
        self.existing: CommitteeReport | None = None
        choices = year_choices(mission)
        taken = set(CommitteeReport.objects.filter(mission=mission).values_list("year", flat=True))
        self.fields["year"].choices = [
            (year, _("%(year)s (a report exists)") % {"year": label} if year in taken else label)
            for year, label in choices
        ]
        end = annual_report.year_bounds(mission, annual_report.default_year(mission))[1]
        self.fields["year"].help_text = _(
            "The financial year the report is about, named by the calendar year it ends in; "
            "the last closed one ended on %(end)s."
        ) % {"end": date_format(end, "SHORT_DATE_FORMAT")}

    def clean_year(self):
        year = self.cleaned_data["year"]
        self.existing = CommitteeReport.objects.filter(mission=self.mission, year=year).first()
        if self.existing is not None:
            raise forms.ValidationError(
                _("The report of the financial year %(year)s already exists: open it to go on."),
                params={"year": year},
                code="exists",
            )
        return year


class ReportForm(forms.ModelForm):
    class Meta:
        model = CommitteeReport
        fields = ["opinion", "adopted_on"]
        widgets = {
            "opinion": forms.Textarea(attrs={"rows": 16}),
            "adopted_on": _date_widget(),
        }
        help_texts = {
            "opinion": _(
                "The committee's own text: how it sees the execution of the mission over the "
                "year, what went well, what it asks for. It appears as written in the report."
            ),
            "adopted_on": _("Leave empty while the report is a draft."),
        }

    def clean_adopted_on(self):
        adopted_on = self.cleaned_data.get("adopted_on")
        if adopted_on is None:
            return adopted_on
        start = annual_report.year_bounds(self.instance.mission, self.instance.year)[0]
        if adopted_on < start:
            raise forms.ValidationError(
                _("The report of a financial year cannot be adopted before that year begins.")
            )
        return adopted_on
