"""Demo impact finance: six funders and one funder contact, six projects of
members (a draft, four shared with funders, one public, one of them the
cohort's collective project), their funding pipeline over last year and this
year, a past "projects meet funders" session with its schedule and
follow-ups, an upcoming one open for registration, two mentoring pairs.

Rows are written directly: no email goes out. Dates are relative to today,
everything else is fixed."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from levier.accounts import demo as people
from levier.accounts.models import Membership, NetworkRole, Organisation, OrgRole
from levier.accounts.regions import Region
from levier.engine.finance import meetings as engine
from levier.finance.models import (
    FollowUp,
    Funder,
    FunderContact,
    FunderKind,
    Instrument,
    Meeting,
    MeetingSession,
    MentoringNote,
    MentoringPair,
    PipelineStep,
    Project,
    SessionFunder,
    SessionProject,
    Side,
    Stage,
    Wish,
)
from levier.programmes.models import Programme

FUNDER_CONTACT_EMAIL = f"financeur@{people.DOMAIN}"
FUNDER_CONTACT_NAME = "Nadia Financeur"

G, L, E, Q, C, K = (
    Instrument.GRANT,
    Instrument.LOAN,
    Instrument.EQUITY,
    Instrument.QUASI_EQUITY,
    Instrument.CROWDFUNDING,
    Instrument.IN_KIND,
)

# name, kind, description, ticket min, ticket max, instruments, stages,
# themes (Levier 360 theme codes), regions (empty: all of France)
FUNDERS = [
    (
        "Fonds Racines Impact",
        FunderKind.IMPACT_FUND,
        "Fonds d’investissement à impact qui accompagne les PME engagées dans leur "
        "transition écologique et sociale, en fonds propres et quasi-fonds propres.",
        100_000,
        1_500_000,
        [E, Q],
        [Stage.GROWTH, Stage.SCALE],
        ["ENV-CLI", "ENV-RES", "SOC-EMP"],
        [],
    ),
    (
        "Banque Coopérative du Nord",
        FunderKind.BANK,
        "Banque coopérative régionale : prêts d’investissement et prêts verts pour les "
        "entreprises du territoire.",
        20_000,
        500_000,
        [L],
        [Stage.LAUNCH, Stage.GROWTH, Stage.SCALE],
        [],
        [Region.HAUTS_DE_FRANCE, Region.GRAND_EST, Region.NORMANDIE],
    ),
    (
        "Fondation Terres Solidaires",
        FunderKind.FOUNDATION,
        "Fondation abritée qui soutient l’insertion par l’activité économique, "
        "l’alimentation durable et la biodiversité.",
        5_000,
        50_000,
        [G],
        [Stage.IDEA, Stage.LAUNCH],
        ["SOC-SKL", "SOC-DIV", "ENV-BIO"],
        [],
    ),
    (
        "Région Avenir Durable",
        FunderKind.PUBLIC_SCHEME,
        "Dispositif régional d’aide à l’investissement durable : subventions et avances "
        "remboursables pour les TPE et PME.",
        10_000,
        200_000,
        [G, L],
        [Stage.LAUNCH, Stage.GROWTH],
        ["ENV-CLI", "ENV-MOB", "GOV-LOC"],
        [Region.HAUTS_DE_FRANCE],
    ),
    (
        "Accélérateur Tremplin",
        FunderKind.ACCELERATOR,
        "Programme d’accélération de six mois : mentorat, mise en relation avec des "
        "investisseurs et bourse d’amorçage.",
        0,
        30_000,
        [G, K],
        [Stage.IDEA, Stage.LAUNCH],
        ["GOV-PUR", "GOV-ETH"],
        [],
    ),
    (
        "Ensemble Financement",
        FunderKind.CROWDFUNDING,
        "Plateforme de financement participatif en prêt et en don, agréée, pour les "
        "projets à impact ancrés dans leur territoire.",
        5_000,
        300_000,
        [C, L],
        [Stage.LAUNCH, Stage.GROWTH],
        ["GOV-LOC", "ENV-RES"],
        [],
    ),
]

# organisation, title, purpose, impact targets, themes, stage, amount,
# instruments, use of funds, visibility, collective project of the cohort
PROJECTS = [
    (
        "Atelier Boisvert",
        "Atelier de menuiserie en bois local et chutes revalorisées",
        "Équiper l’atelier pour fabriquer du mobilier à partir de bois d’Occitanie et "
        "revaloriser nos chutes en petits objets, en formant deux apprentis.",
        "Deux apprentis formés d’ici deux ans ; 80 % de bois local ; 5 tonnes de chutes "
        "revalorisées par an, mesurées à la pesée.",
        ["ENV-RES", "SOC-SKL"],
        Stage.GROWTH,
        120_000,
        [L, G],
        "Machines à commande numérique (70 %), formation (20 %), stock de bois (10 %).",
        Project.Visibility.FUNDERS,
        False,
    ),
    (
        "Les Jardins de Traverse",
        "Maraîchage d’insertion et légumerie solidaire",
        "Créer une légumerie pour transformer nos légumes bio et fournir la restauration "
        "collective, avec des postes d’insertion supplémentaires.",
        "Six postes d’insertion de plus ; 30 tonnes de légumes par an livrées aux "
        "cantines du territoire.",
        ["SOC-SKL", "ENV-BIO"],
        Stage.LAUNCH,
        80_000,
        [G, C],
        "Bâtiment et chambre froide (60 %), matériel de transformation (40 %).",
        Project.Visibility.FUNDERS,
        False,
    ),
    (
        "Propreté Solidaire 59",
        "Passage à des produits et des véhicules à faible impact",
        "Remplacer nos produits chimiques par des procédés à la vapeur et électrifier "
        "la moitié de notre flotte de véhicules d’intervention.",
        "Moins 40 % d’émissions de gaz à effet de serre sur les déplacements en trois ans ; "
        "zéro produit classé dangereux.",
        ["ENV-CLI", "SOC-HSW"],
        Stage.GROWTH,
        250_000,
        [L, Q],
        "Véhicules électriques (65 %), matériel vapeur (25 %), formation des équipes (10 %).",
        Project.Visibility.FUNDERS,
        False,
    ),
    (
        "Transports Garnier",
        "Flotte partagée de véhicules utilitaires électriques",
        "Projet collectif de la promotion Cap RSE : une flotte de véhicules utilitaires "
        "électriques mutualisée entre les entreprises de la promotion, avec une borne "
        "de recharge commune.",
        "Dix entreprises utilisatrices ; 150 000 km par an roulés à l’électrique au lieu "
        "du gazole.",
        ["ENV-MOB", "GOV-LOC"],
        Stage.LAUNCH,
        400_000,
        [L, G, C],
        "Véhicules (75 %), bornes de recharge (20 %), outil de réservation (5 %).",
        Project.Visibility.FUNDERS,
        True,
    ),
    (
        "Éco-Bâti Loire",
        "Filière de matériaux biosourcés pour la rénovation",
        "Structurer avec des agriculteurs voisins une filière de chanvre et de paille "
        "pour isoler les logements que nous rénovons.",
        "200 logements isolés en matériaux biosourcés en trois ans ; 15 exploitations "
        "partenaires.",
        ["ENV-CLI", "GOV-LOC"],
        Stage.SCALE,
        600_000,
        [E, Q, L],
        "Outil de production (50 %), recrutement (30 %), fonds de roulement (20 %).",
        Project.Visibility.PUBLIC,
        False,
    ),
    (
        "Boulangerie des Halles",
        "Four à bois basse consommation",
        "Remplacer notre four au fioul par un four à bois à haut rendement alimenté par "
        "du bois issu de forêts gérées durablement.",
        "Moins 60 % d’émissions sur la cuisson ; payback en six ans.",
        ["ENV-CLI"],
        Stage.GROWTH,
        45_000,
        [L, G],
        "Four (85 %), installation (15 %).",
        Project.Visibility.DRAFT,
        False,
    ),
]

# project index, funder index, stage, instrument, requested, granted,
# year offset (0: this year, -1: last year), month, day
PIPELINE = [
    (0, 1, PipelineStep.Stage.GRANTED, L, 80_000, 80_000, 0, 2, 10),
    (0, 3, PipelineStep.Stage.GRANTED, G, 30_000, 25_000, 0, 3, 5),
    (0, 5, PipelineStep.Stage.CONTACTED, C, 15_000, None, 0, 0, 0),
    (1, 2, PipelineStep.Stage.GRANTED, G, 40_000, 40_000, 0, 1, 20),
    (1, 5, PipelineStep.Stage.GRANTED, C, 30_000, 28_000, 0, 4, 2),
    (1, 2, PipelineStep.Stage.GRANTED, G, 15_000, 15_000, -1, 10, 12),
    (2, 0, PipelineStep.Stage.DUE_DILIGENCE, Q, 150_000, None, 0, 0, 0),
    (2, 1, PipelineStep.Stage.GRANTED, L, 100_000, 100_000, 0, 2, 25),
    (2, 1, PipelineStep.Stage.GRANTED, L, 60_000, 60_000, -1, 6, 3),
    (3, 3, PipelineStep.Stage.GRANTED, G, 100_000, 80_000, 0, 3, 18),
    (3, 1, PipelineStep.Stage.MEETING, L, 200_000, None, 0, 0, 0),
    (3, 5, PipelineStep.Stage.DECLINED, C, 100_000, None, -1, 11, 28),
    (4, 0, PipelineStep.Stage.GRANTED, E, 400_000, 350_000, 0, 1, 30),
    (4, 1, PipelineStep.Stage.GRANTED, L, 150_000, 150_000, -1, 9, 15),
    (4, 4, PipelineStep.Stage.DECLINED, G, 30_000, None, -1, 4, 8),
    (5, 3, PipelineStep.Stage.CONTACTED, G, 20_000, None, 0, 0, 0),
    (5, 1, PipelineStep.Stage.GRANTED, L, 25_000, 25_000, -1, 5, 20),
]


def _on(today: date, year_offset: int, month: int, day: int) -> date | None:
    """A date of this year or last year, never in the future."""
    if not month:
        return None
    on = date(today.year + year_offset, month, day)
    return min(on, today)


def build(network) -> None:
    today = timezone.localdate()
    animator = (
        NetworkRole.objects.filter(network=network, role=NetworkRole.Role.ANIMATOR)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    staff_user = animator.user if animator else None
    funders = [
        Funder.objects.create(
            network=network,
            name=name,
            kind=kind,
            description=description,
            ticket_min=ticket_min or None,
            ticket_max=ticket_max,
            instruments=list(instruments),
            stages=list(stages),
            themes=themes,
            regions=list(regions),
        )
        for (
            name,
            kind,
            description,
            ticket_min,
            ticket_max,
            instruments,
            stages,
            themes,
            regions,
        ) in FUNDERS
    ]
    FunderContact.objects.create(
        funder=funders[0], user=people._person(FUNDER_CONTACT_EMAIL, FUNDER_CONTACT_NAME)
    )

    organisations = {o.name: o for o in Organisation.objects.filter(network=network)}
    admins = {
        m.organisation_id: m.user
        for m in Membership.objects.filter(
            organisation__network=network, role=OrgRole.ADMIN
        ).order_by("-pk")
    }
    programme = Programme.objects.filter(network=network).order_by("pk").first()
    projects = []
    for position, (
        org_name,
        title,
        purpose,
        targets,
        themes,
        stage,
        amount,
        instruments,
        use_of_funds,
        visibility,
        collective,
    ) in enumerate(PROJECTS):
        organisation = organisations[org_name]
        shared = visibility != Project.Visibility.DRAFT
        projects.append(
            Project.objects.create(
                organisation=organisation,
                programme=programme if collective else None,
                title=title,
                purpose=purpose,
                impact_targets=targets,
                themes=themes,
                region=organisation.region or Region.HAUTS_DE_FRANCE,
                stage=stage,
                amount_sought=amount,
                instruments=list(instruments),
                use_of_funds=use_of_funds,
                esus=organisation.is_ess,
                accompanied_by=["Cap RSE 2027"] if collective else [],
                visibility=visibility,
                created_by=admins.get(organisation.pk),
                shared_at=(
                    timezone.now() - timedelta(days=400 - 30 * position) if shared else None
                ),
            )
        )
    PipelineStep.objects.bulk_create(
        PipelineStep(
            project=projects[p],
            funder=funders[f],
            stage=stage,
            instrument=instrument,
            amount_requested=requested,
            amount_granted=granted,
            decided_on=_on(today, offset, month, day),
        )
        for p, f, stage, instrument, requested, granted, offset, month, day in PIPELINE
    )
    _past_session(network, staff_user, projects[:5], funders)
    _upcoming_session(network, staff_user)
    _mentoring(network, staff_user, organisations, funders)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _past_session(network, staff_user, projects, funders) -> None:
    day = timezone.localdate() - timedelta(days=45)
    session = MeetingSession.objects.create(
        network=network,
        title="Rencontres projets–financeurs du printemps",
        description=(
            "Des rendez-vous de vingt minutes entre les porteurs de projets du réseau et "
            "les financeurs partenaires."
        ),
        first_slot_at=_at(day, 14),
        slot_minutes=20,
        break_minutes=5,
        slots=4,
        tables=3,
        place="Lille, Maison de l’entreprise, 40 rue Nationale",
        registration_closes_at=_at(day - timedelta(days=14), 18),
        picks_close_at=_at(day - timedelta(days=7), 18),
        created_by=staff_user,
    )
    session_funders = funders[:5]
    for project in projects:
        SessionProject.objects.create(
            session=session, project=project, registered_by=project.created_by
        )
    for funder in session_funders:
        SessionFunder.objects.create(session=session, funder=funder)
    # Each project names three funders, each funder two projects.
    project_wishes = {
        project.pk: [session_funders[(i + k) % 5].pk for k in range(3)]
        for i, project in enumerate(projects)
    }
    funder_wishes = {
        funder.pk: [projects[(i + k) % 5].pk for k in (0, 2)]
        for i, funder in enumerate(session_funders)
    }
    wishes = []
    for side, lists in ((Side.PROJECT, project_wishes), (Side.FUNDER, funder_wishes)):
        for owner, others in lists.items():
            for position, other in enumerate(others):
                project_id, funder_id = (owner, other) if side == Side.PROJECT else (other, owner)
                wishes.append(
                    Wish(
                        session=session,
                        side=side,
                        project_id=project_id,
                        funder_id=funder_id,
                        position=position,
                    )
                )
    Wish.objects.bulk_create(wishes)
    found = engine.schedule(
        engine.Session(
            slots=session.slots,
            tables=session.tables,
            project_wishes=project_wishes,
            funder_wishes=funder_wishes,
        )
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(
            session=session,
            project_id=m.project,
            funder_id=m.funder,
            slot=m.slot,
            table=m.table,
        )
        for m in sorted(found, key=lambda m: (m.slot, m.table))
    )
    session.schedule_published_at = _at(day - timedelta(days=5), 10)
    session.save(update_fields=["schedule_published_at"])
    outcomes = [
        FollowUp.Outcome.NEXT_STEP,
        FollowUp.Outcome.INTERESTED,
        FollowUp.Outcome.NO,
    ]
    follow_ups = []
    for position, meeting in enumerate(meetings):
        outcome = outcomes[position % 3]
        planned = outcome == FollowUp.Outcome.NEXT_STEP
        follow_ups.append(
            FollowUp(
                meeting=meeting,
                side=Side.PROJECT,
                outcome=outcome,
                next_step="Envoyer le prévisionnel" if planned else "",
            )
        )
        if position % 2 == 0:
            follow_ups.append(
                FollowUp(
                    meeting=meeting,
                    side=Side.FUNDER,
                    outcome=outcome,
                    next_step="Comité d’engagement" if planned else "",
                )
            )
    FollowUp.objects.bulk_create(follow_ups)


def _upcoming_session(network, staff_user) -> None:
    day = timezone.localdate() + timedelta(days=40)
    MeetingSession.objects.create(
        network=network,
        title="Rencontres projets–financeurs de la rentrée",
        description="Inscrivez votre projet partagé avec les financeurs avant la clôture.",
        first_slot_at=_at(day, 9, 30),
        slot_minutes=20,
        break_minutes=5,
        slots=6,
        tables=4,
        place="Lille, Maison de l’entreprise, 40 rue Nationale",
        registration_closes_at=_at(day - timedelta(days=14), 18),
        picks_close_at=_at(day - timedelta(days=7), 18),
        created_by=staff_user,
    )


def _mentoring(network, staff_user, organisations, funders) -> None:
    today = timezone.localdate()
    peer = MentoringPair.objects.create(
        network=network,
        kind=MentoringPair.Kind.PEER,
        mentor_organisation=organisations["Éco-Bâti Loire"],
        mentee=organisations["Atelier Boisvert"],
        goals="Préparer une première levée de fonds et structurer le prévisionnel.",
        started_on=today - timedelta(days=90),
    )
    fund = MentoringPair.objects.create(
        network=network,
        kind=MentoringPair.Kind.ACCELERATOR_FUND,
        mentor_funder=funders[4],
        mentee=organisations["Les Jardins de Traverse"],
        goals="Rendre le projet de légumerie finançable : modèle économique, indicateurs.",
        started_on=today - timedelta(days=60),
    )
    MentoringNote.objects.bulk_create(
        [
            MentoringNote(
                pair=peer,
                on=today - timedelta(days=30),
                text="Revue du prévisionnel ; prochaine étape : présenter le projet à la banque.",
                written_by=staff_user,
            ),
            MentoringNote(
                pair=fund,
                on=today - timedelta(days=20),
                text="Atelier sur les indicateurs d’impact ; prochaine étape : dossier fondation.",
                written_by=staff_user,
            ),
        ]
    )


def logins() -> list[tuple[str, str]]:
    """The funder's contact person."""
    return [("Funder contact", FUNDER_CONTACT_EMAIL)]
