"""Impact finance: members' projects seeking funding, the funders a network
knows, the "projects meet funders" sessions that bring them together, and
what came of it.

Who reaches what (rules of ``levier.tenancy.scope``):

- ``Funder``: the network's members and staff read the profiles the network
  keeps; a funder's contact person reads its own funder.
- ``Project``: the organisation's members read and write all of its projects,
  drafts included. Once shared, a project is read by the network's staff and
  its funders' contacts ("funders of the network"), and by everybody when
  public. Other members never see a project shared with funders only.
- ``PipelineStep``: the organisation's own work, like its plan; the network
  sees it only as anonymous aggregates.
- Meeting sessions are read by the network's members, staff and funder
  contacts; each side's wishes and follow-ups by that side and the staff; a
  meeting by its two sides once the schedule is published, and the staff.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from levier.accounts.models import Network, Organisation, SizeBand
from levier.accounts.regions import Region
from levier.assessments.uploads import StoredFile
from levier.lib.text import MultiLineTextField, SingleLineTextField
from levier.lib.web import WebAddressField
from levier.tenancy.links import TenantLinks
from levier.tenancy.managers import tenant_manager

# Amounts are whole euros; 1 billion is beyond any ticket a member will ask.
AMOUNT_MAX = 1_000_000_000
TEXT_MAX_LENGTH = 3000
# A session of more than 40 slots (a whole day of 10-minute meetings) is a
# typing mistake, and the scheduler's model grows with slots x pairs.
SLOTS_MAX = 40
TABLES_MAX = 200


class Instrument(models.TextChoices):
    GRANT = "grant", _("Grant")
    LOAN = "loan", _("Loan")
    EQUITY = "equity", _("Equity")
    QUASI_EQUITY = "quasi_equity", _("Quasi-equity")
    CROWDFUNDING = "crowdfunding", _("Crowdfunding")
    IN_KIND = "in_kind", _("In kind")


class Stage(models.TextChoices):
    IDEA = "idea", _("Idea or feasibility study")
    LAUNCH = "launch", _("Launch or first customers")
    GROWTH = "growth", _("Growth")
    SCALE = "scale", _("Scaling up or replication")


class FunderKind(models.TextChoices):
    IMPACT_FUND = "impact_fund", _("Impact fund")
    BANK = "bank", _("Bank")
    FOUNDATION = "foundation", _("Foundation")
    PUBLIC_SCHEME = "public_scheme", _("Public scheme")
    ACCELERATOR = "accelerator", _("Accelerator or incubator")
    ANGELS = "angels", _("Business angels")
    CROWDFUNDING = "crowdfunding", _("Crowdfunding platform")
    OTHER = "other", _("Other")


def _choice_list_validator(choices):
    allowed = {value for value, _label in choices}

    def validate(value):
        if not isinstance(value, list) or not set(value) <= allowed:
            raise ValidationError(_("Choose among the options offered."), code="invalid_choice")

    return validate


def validate_regions(value):
    _choice_list_validator(Region.choices)(value)


def validate_instruments(value):
    _choice_list_validator(Instrument.choices)(value)


def validate_stages(value):
    _choice_list_validator(Stage.choices)(value)


def validate_size_bands(value):
    _choice_list_validator(SizeBand.choices)(value)


def validate_string_list(value):
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError(_("Enter a list of words."), code="invalid")


class Funder(models.Model):
    """A funder or support organisation, with the criteria it states. An
    empty list means "any" (a national fund names no region)."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="funders", verbose_name=_("network")
    )
    name = SingleLineTextField(_("name"))
    kind = models.CharField(_("kind"), max_length=16, choices=FunderKind.choices)
    description = MultiLineTextField(_("description"), blank=True, max_length=TEXT_MAX_LENGTH)
    website = WebAddressField(_("website"), blank=True)
    ticket_min = models.PositiveBigIntegerField(
        _("smallest ticket (€)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(AMOUNT_MAX)],
    )
    ticket_max = models.PositiveBigIntegerField(
        _("largest ticket (€)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(AMOUNT_MAX)],
    )
    instruments = models.JSONField(
        _("instruments"), default=list, blank=True, validators=[validate_instruments]
    )
    stages = models.JSONField(_("stages"), default=list, blank=True, validators=[validate_stages])
    # Theme codes of the network's framework (Levier 360).
    themes = models.JSONField(
        _("themes"), default=list, blank=True, validators=[validate_string_list]
    )
    regions = models.JSONField(
        _("territories"), default=list, blank=True, validators=[validate_regions]
    )
    size_bands = models.JSONField(
        _("company sizes"), default=list, blank=True, validators=[validate_size_bands]
    )
    requires_esus = models.BooleanField(_("only ESUS-approved companies"), default=False)
    # The project must be accompanied by one of these (a partner accelerator,
    # a support programme), by name.
    requires_accompanied_by = models.JSONField(
        _("only projects accompanied by"),
        default=list,
        blank=True,
        validators=[validate_string_list],
    )
    eligibility = MultiLineTextField(
        _("other eligibility conditions"), blank=True, max_length=TEXT_MAX_LENGTH
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("funder")

    class Meta:
        verbose_name = _("funder")
        verbose_name_plural = _("funders")
        ordering = ["name"]
        indexes = [models.Index(fields=["network", "name"])]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if (
            self.ticket_min is not None
            and self.ticket_max is not None
            and self.ticket_min > self.ticket_max
        ):
            raise ValidationError(
                {"ticket_max": _("The largest ticket cannot be smaller than the smallest.")}
            )


class FunderContact(models.Model):
    """A person who reads, for a funder, the projects shared with the
    network's funders. No other right in the network."""

    funder = models.ForeignKey(Funder, on_delete=models.CASCADE, related_name="contacts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="funder_contacts"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("funder", "funder")

    class Meta:
        verbose_name = _("funder contact")
        verbose_name_plural = _("funder contacts")
        constraints = [
            models.UniqueConstraint(fields=["funder", "user"], name="finance_one_contact_per_user")
        ]

    def __str__(self):
        return f"{self.user} – {self.funder}"


class Project(TenantLinks, models.Model):
    class Visibility(models.TextChoices):
        DRAFT = "draft", _("Draft: my organisation only")
        FUNDERS = "funders", _("The network's funders and animators")
        PUBLIC = "public", _("Public")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="projects",
        verbose_name=_("organisation"),
    )
    # A cohort's collective project, carried by one of its participants.
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("collective project of the cohort"),
    )
    title = SingleLineTextField(_("title"))
    purpose = MultiLineTextField(_("purpose"), max_length=TEXT_MAX_LENGTH)
    impact_targets = MultiLineTextField(
        _("impact targets"),
        max_length=TEXT_MAX_LENGTH,
        help_text=_("What will change, measured how, by when."),
    )
    themes = models.JSONField(
        _("themes"), default=list, blank=True, validators=[validate_string_list]
    )
    # Actions of the organisation's plan the project carries out.
    actions = models.ManyToManyField(
        "plans.Action", blank=True, related_name="projects", verbose_name=_("actions of the plan")
    )
    region = models.CharField(_("territory"), max_length=2, choices=Region.choices)
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    amount_sought = models.PositiveBigIntegerField(
        _("amount sought (€)"), validators=[MinValueValidator(1), MaxValueValidator(AMOUNT_MAX)]
    )
    instruments = models.JSONField(
        _("instruments accepted"), default=list, validators=[validate_instruments]
    )
    use_of_funds = MultiLineTextField(_("use of funds"), max_length=TEXT_MAX_LENGTH)
    esus = models.BooleanField(_("the company holds the ESUS approval"), default=False)
    accompanied_by = models.JSONField(
        _("accompanied by"),
        default=list,
        blank=True,
        validators=[validate_string_list],
        help_text=_("Accelerators or support programmes that accompany the project."),
    )
    visibility = models.CharField(
        _("who sees it"), max_length=8, choices=Visibility.choices, default=Visibility.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    shared_at = models.DateTimeField(null=True, blank=True, editable=False)

    same_network = ("programme",)

    objects = tenant_manager("project")

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["organisation", "visibility"])]

    def __str__(self):
        return self.title

    @property
    def is_shared(self) -> bool:
        return self.visibility != self.Visibility.DRAFT


def project_document_path(instance, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    return f"projects/{instance.project.organisation_id}/{uuid.uuid4().hex}{suffix}"


class ProjectDocument(StoredFile):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="documents")
    title = SingleLineTextField(_("title"), blank=True)
    file = models.FileField(upload_to=project_document_path, max_length=200)

    objects = tenant_manager("project", "project")

    class Meta(StoredFile.Meta):
        verbose_name = _("project document")
        verbose_name_plural = _("project documents")


class PipelineStep(TenantLinks, models.Model):
    """Where a project stands with one funder, kept by its organisation."""

    class Stage(models.TextChoices):
        CONTACTED = "contacted", _("Contacted")
        MEETING = "meeting", _("Meeting")
        DUE_DILIGENCE = "due_diligence", _("Due diligence")
        GRANTED = "granted", _("Granted")
        DECLINED = "declined", _("Declined")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="pipeline")
    # A funder the network knows, or one named by the member.
    funder = models.ForeignKey(
        Funder,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pipeline",
        verbose_name=_("funder"),
    )
    funder_name = SingleLineTextField(_("funder (if not listed)"), blank=True)
    stage = models.CharField(_("stage"), max_length=14, choices=Stage.choices)
    instrument = models.CharField(
        _("instrument"), max_length=14, choices=Instrument.choices, blank=True
    )
    amount_requested = models.PositiveBigIntegerField(
        _("amount requested (€)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(AMOUNT_MAX)],
    )
    amount_granted = models.PositiveBigIntegerField(
        _("amount granted (€)"), null=True, blank=True, validators=[MaxValueValidator(AMOUNT_MAX)]
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    notes = MultiLineTextField(_("notes"), blank=True, max_length=TEXT_MAX_LENGTH)
    updated_at = models.DateTimeField(auto_now=True)

    same_network = ("funder",)

    objects = tenant_manager("work", "project__organisation")

    class Meta:
        verbose_name = _("funding step")
        verbose_name_plural = _("funding pipeline")
        ordering = ["-updated_at"]

    def __str__(self):
        return f"{self.project} – {self.funder or self.funder_name}"

    def clean(self):
        super().clean()
        if self.funder_id is None and not self.funder_name:
            raise ValidationError({"funder_name": _("Choose a funder or enter its name.")})
        if self.stage == self.Stage.GRANTED and not self.amount_granted:
            raise ValidationError({"amount_granted": _("Enter the amount granted.")})


class MeetingSession(TenantLinks, models.Model):
    """A "projects meet funders" session: bilateral meetings in time slots."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="meeting_sessions")
    # The agenda's event for the session, when the animator announces it there.
    event = models.OneToOneField(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_session",
        verbose_name=_("event in the agenda"),
    )
    title = SingleLineTextField(_("title"))
    description = MultiLineTextField(_("description"), blank=True, max_length=TEXT_MAX_LENGTH)
    first_slot_at = models.DateTimeField(_("first meeting starts at"))
    slot_minutes = models.PositiveIntegerField(
        _("minutes per meeting"),
        default=20,
        validators=[MinValueValidator(5), MaxValueValidator(120)],
    )
    # Minutes between two slots (moving tables).
    break_minutes = models.PositiveIntegerField(
        _("minutes between meetings"), default=5, validators=[MaxValueValidator(60)]
    )
    slots = models.PositiveIntegerField(
        _("number of time slots"), validators=[MinValueValidator(1), MaxValueValidator(SLOTS_MAX)]
    )
    tables = models.PositiveIntegerField(
        _("number of tables"),
        validators=[MinValueValidator(1), MaxValueValidator(TABLES_MAX)],
        help_text=_("How many meetings can run at the same time."),
    )
    place = SingleLineTextField(_("place"), blank=True)
    video_link = WebAddressField(_("video link"), blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"))
    picks_close_at = models.DateTimeField(_("choices close"))
    schedule_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When the people who had meetings were asked for their follow-ups: once.
    follow_ups_requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    same_network = ("event",)

    objects = tenant_manager("finance_session")

    class Meta:
        verbose_name = _("projects meet funders session")
        verbose_name_plural = _("projects meet funders sessions")
        ordering = ["-first_slot_at"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if (
            self.registration_closes_at
            and self.picks_close_at
            and self.picks_close_at < self.registration_closes_at
        ):
            raise ValidationError(
                {"picks_close_at": _("Choices cannot close before registration does.")}
            )
        if self.picks_close_at and self.first_slot_at and self.picks_close_at > self.first_slot_at:
            raise ValidationError(
                {"picks_close_at": _("Choices must close before the first meeting.")}
            )


def _all_slots_or_valid(value):
    if not isinstance(value, list) or not all(
        isinstance(slot, int) and 0 <= slot < SLOTS_MAX for slot in value
    ):
        raise ValidationError(_("Choose among the time slots offered."), code="invalid_choice")


class SessionProject(TenantLinks, models.Model):
    """A project registered to a session."""

    session = models.ForeignKey(
        MeetingSession, on_delete=models.CASCADE, related_name="project_entries"
    )
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="session_entries")
    # Slot numbers (from 0) the project can attend; empty: every slot.
    available_slots = models.JSONField(default=list, blank=True, validators=[_all_slots_or_valid])
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    same_network = ("project",)

    objects = tenant_manager("finance_session", "session")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "project"], name="finance_project_registered_once"
            )
        ]

    def __str__(self):
        return f"{self.project} @ {self.session}"


class SessionFunder(TenantLinks, models.Model):
    """A funder registered to a session."""

    session = models.ForeignKey(
        MeetingSession, on_delete=models.CASCADE, related_name="funder_entries"
    )
    funder = models.ForeignKey(Funder, on_delete=models.CASCADE, related_name="session_entries")
    available_slots = models.JSONField(default=list, blank=True, validators=[_all_slots_or_valid])
    created_at = models.DateTimeField(auto_now_add=True)

    same_network = ("funder",)

    objects = tenant_manager("finance_session", "session")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "funder"], name="finance_funder_registered_once"
            )
        ]

    def __str__(self):
        return f"{self.funder} @ {self.session}"


class Side(models.TextChoices):
    PROJECT = "project", _("Project")
    FUNDER = "funder", _("Funder")


class Wish(TenantLinks, models.Model):
    """One side's wish to meet someone of the other side, by rank (0 first).
    Private to its side and the network's staff."""

    session = models.ForeignKey(MeetingSession, on_delete=models.CASCADE, related_name="wishes")
    side = models.CharField(max_length=8, choices=Side.choices)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    funder = models.ForeignKey(Funder, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField()

    same_network = ("project", "funder")

    objects = tenant_manager("finance_side")

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "side", "project", "funder"], name="finance_wish_once"
            )
        ]

    def __str__(self):
        return f"{self.side}: {self.project} – {self.funder} ({self.position + 1})"


class Meeting(TenantLinks, models.Model):
    """A scheduled bilateral meeting (slot from 0, table from 1)."""

    session = models.ForeignKey(MeetingSession, on_delete=models.CASCADE, related_name="meetings")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="meetings")
    funder = models.ForeignKey(Funder, on_delete=models.CASCADE, related_name="meetings")
    slot = models.PositiveIntegerField()
    table = models.PositiveIntegerField()

    same_network = ("project", "funder")

    objects = tenant_manager("finance_meeting")

    class Meta:
        ordering = ["slot", "table"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "project", "funder"], name="finance_pair_meets_once"
            ),
            models.UniqueConstraint(
                fields=["session", "slot", "table"], name="finance_one_meeting_per_table"
            ),
            models.UniqueConstraint(
                fields=["session", "slot", "project"], name="finance_project_one_place"
            ),
            models.UniqueConstraint(
                fields=["session", "slot", "funder"], name="finance_funder_one_place"
            ),
        ]

    def __str__(self):
        return f"{self.project} – {self.funder}, slot {self.slot + 1}, table {self.table}"


class FollowUp(TenantLinks, models.Model):
    """What one side says after a meeting."""

    class Outcome(models.TextChoices):
        INTERESTED = "interested", _("Interested, to be continued")
        NEXT_STEP = "next_step", _("A next step is planned")
        NO = "no", _("No follow-up")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="follow_ups")
    side = models.CharField(max_length=8, choices=Side.choices)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    next_step = SingleLineTextField(_("next step"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_at = models.DateTimeField(auto_now=True)

    objects = tenant_manager("finance_side", "meeting")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "side"], name="finance_follow_up_once")
        ]

    def __str__(self):
        return f"{self.meeting} ({self.side}): {self.outcome}"


class MentoringPair(TenantLinks, models.Model):
    """A mentoring relation the network follows: an accelerator and a fund, an
    experienced member and a new one."""

    class Kind(models.TextChoices):
        ACCELERATOR_FUND = "accelerator_fund", _("Accelerator and fund")
        PEER = "peer", _("Experienced member and new member")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="mentoring_pairs")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    mentor_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mentor (member)"),
    )
    mentor_funder = models.ForeignKey(
        Funder,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mentor (funder)"),
    )
    mentee = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("mentee")
    )
    goals = MultiLineTextField(_("goals"), blank=True, max_length=TEXT_MAX_LENGTH)
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    same_network = ("mentor_organisation", "mentor_funder", "mentee")

    objects = tenant_manager("staff", "network")

    class Meta:
        verbose_name = _("mentoring pair")
        verbose_name_plural = _("mentoring pairs")
        ordering = ["-started_on"]

    def __str__(self):
        return f"{self.mentor_organisation or self.mentor_funder} → {self.mentee}"

    def clean(self):
        super().clean()
        if (self.mentor_organisation_id is None) == (self.mentor_funder_id is None):
            raise ValidationError(_("Choose one mentor: a member or a funder."))
        if self.mentor_organisation_id and self.mentor_organisation_id == self.mentee_id:
            raise ValidationError(_("An organisation cannot mentor itself."))
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("The end cannot come before the start.")})


class MentoringNote(models.Model):
    """A dated check-in on a mentoring pair."""

    pair = models.ForeignKey(MentoringPair, on_delete=models.CASCADE, related_name="notes")
    on = models.DateField(_("date"))
    text = MultiLineTextField(_("what was done, what comes next"), max_length=TEXT_MAX_LENGTH)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = tenant_manager("staff", "pair__network")

    class Meta:
        ordering = ["-on"]

    def __str__(self):
        return f"{self.pair} ({self.on})"
