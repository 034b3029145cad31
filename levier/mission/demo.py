"""Demo sociétés à mission: Numeris Conseil, the showcase, published about
two years ago with its committee, two years of indicator measurements, its
annual reports and a first verification six months ago; Agence Kiosque,
with a mission referent and its first verification overdue, so that the
network's calendar has one to chase. Codéo Solutions and Énergies
Citoyennes Vals are flagged sociétés à mission but have not defined their
mission in Levier: the animator's page lists them.

Every date is relative to today, so the demo never ages: measurements end
this month, the verification stays six months back. The texts are the
companies' own, in French. Deterministic: the same rows on every database.
"""

from datetime import date, timedelta

from django.utils import timezone

from levier.accounts.models import Membership, OrgRole
from levier.engine.mission.calendar import add_months, latest_closed_year
from levier.mission.models import (
    CommitteeMeeting,
    CommitteeMember,
    CommitteeReport,
    Conclusion,
    Governance,
    Indicator,
    IndicatorMeasurement,
    MeasureEvery,
    Mission,
    MissionTheme,
    ObjectiveKind,
    OperationalObjective,
    StatutoryObjective,
    Verification,
)

SHOWCASE = "Numeris Conseil"
REFERENT = "Agence Kiosque"
FRAMEWORK = "levier-360"
TARGET_MONTHS = 48  # targets two years ahead of today, four after the baseline

# Each statutory objective: (kind, theme, wording, operational objectives).
# Each operational objective: (title, description, questions, action prefixes,
# indicators). Each indicator: (name, unit, baseline, target, every months,
# decimals, source, shares), where ``shares`` is the way covered from the
# baseline to the target at each measurement (quarterly: 8 over two years,
# yearly: 2): one indicator behind, the others on track or reached.
SHOWCASE_PURPOSE = (
    "Mettre le numérique au service d’une société plus sobre et plus inclusive, en "
    "accompagnant les organisations de nos territoires avec des outils utiles, durables "
    "et accessibles à tous."
)
Q, Y = MeasureEvery.QUARTER, MeasureEvery.YEAR
SHOWCASE_OBJECTIVES = [
    (
        ObjectiveKind.ENVIRONMENTAL,
        MissionTheme.CLIMATE,
        "Réduire l’empreinte environnementale de nos activités numériques et aider nos "
        "clients à réduire la leur.",
        [
            (
                "Diviser par deux les émissions de nos déplacements",
                "Train plutôt qu’avion entre nos agences, visioconférence pour les "
                "réunions courtes, covoiturage et forfait mobilités durables pour les trajets "
                "domicile-travail.",
                ["ENV-MOB-02", "ENV-CLI-01"],
                ("ENV-MOB",),
                [
                    (
                        "Émissions des déplacements professionnels et domicile-travail",
                        "tCO2e",
                        182,
                        95,
                        Y,
                        0,
                        "Bilan carbone annuel (notes de frais et agence de voyages)",
                        [0.16, 0.31],
                    ),
                    (
                        "Part des trajets entre agences faits en train",
                        "% des trajets",
                        58,
                        90,
                        Q,
                        0,
                        "Export de l’agence de voyages",
                        [0.05, 0.12, 0.18, 0.26, 0.33, 0.41, 0.49, 0.56],
                    ),
                ],
            ),
            (
                "Allonger la durée de vie de notre matériel informatique",
                "Réparer avant de remplacer, acheter reconditionné, donner le matériel "
                "réformé à une association.",
                [],
                ("ENV-RES",),
                [
                    (
                        "Durée moyenne d’utilisation des ordinateurs portables",
                        "années",
                        3.1,
                        5,
                        Q,
                        1,
                        "Inventaire du parc informatique",
                        [0.05, 0.1, 0.16, 0.21, 0.32, 0.42, 0.47, 0.58],
                    ),
                ],
            ),
            (
                "Proposer une démarche d’écoconception à tous nos clients",
                "Référentiel général d’écoconception de services numériques (RGESN) appliqué "
                "dès l’avant-vente.",
                ["ENV-RES-03"],
                (),
                [
                    (
                        "Projets clients livrés avec une démarche d’écoconception",
                        "% des projets",
                        8,
                        40,
                        Q,
                        0,
                        "Revue trimestrielle des projets (outil de gestion de projets)",
                        [0.09, 0.19, 0.31, 0.44, 0.59, 0.72, 0.88, 1.06],
                    ),
                ],
            ),
        ],
    ),
    (
        ObjectiveKind.SOCIAL,
        MissionTheme.INCLUSION,
        "Ouvrir les métiers du numérique aux personnes qui en sont éloignées, par la "
        "formation et le recrutement.",
        [
            (
                "Recruter des personnes en reconversion ou éloignées de l’emploi",
                "Recrutement sans CV sur nos postes de développeurs juniors, partenariat avec "
                "deux écoles du numérique inclusives.",
                ["SOC-DIV-03", "SOC-DIV-01"],
                ("SOC-DIV",),
                [
                    (
                        "Recrutements issus de reconversion ou d’insertion",
                        "% des recrutements",
                        6,
                        20,
                        Q,
                        0,
                        "Registre du personnel (sur les 12 derniers mois)",
                        [0.07, 0.14, 0.14, 0.29, 0.36, 0.43, 0.5, 0.57],
                    ),
                ],
            ),
            (
                "Former des alternants et leur proposer un emploi",
                "",
                ["SOC-SKL-03"],
                ("SOC-SKL",),
                [
                    (
                        "Alternants accueillis",
                        "alternants",
                        9,
                        18,
                        Y,
                        0,
                        "Contrats d’apprentissage signés (service RH)",
                        [0.33, 0.67],
                    ),
                    (
                        "Alternants embauchés à la fin de leur contrat",
                        "% des alternants",
                        40,
                        60,
                        Y,
                        0,
                        "Service RH",
                        [0.5, 1.25],
                    ),
                ],
            ),
        ],
    ),
    (
        ObjectiveKind.BOTH,
        MissionTheme.TERRITORY,
        "Contribuer à la vitalité économique et associative des territoires où nous travaillons.",
        [
            (
                "Acheter auprès d’entreprises de nos régions",
                "Y compris auprès des structures d’insertion et des entreprises adaptées.",
                ["GOV-LOC-01", "GOV-LOC-02"],
                ("GOV-LOC", "GOV-PUR", "GOV-ETH-02"),
                [
                    (
                        "Part des achats auprès de fournisseurs régionaux",
                        "% des achats",
                        22,
                        40,
                        Y,
                        0,
                        "Comptabilité fournisseurs (grand livre)",
                        [0.11, 0.22],
                    ),
                ],
            ),
            (
                "Développer le mécénat de compétences",
                "Chaque salarié peut donner deux jours par an à une association du territoire.",
                ["GOV-LOC-03"],
                (),
                [
                    (
                        "Jours de mécénat de compétences",
                        "jours sur 12 mois",
                        20,
                        120,
                        Q,
                        0,
                        "Conventions de mécénat et feuilles de temps",
                        [0.04, 0.1, 0.15, 0.22, 0.3, 0.38, 0.45, 0.53],
                    ),
                ],
            ),
        ],
    ),
]

# (name, quality, employee, joined after months, left after months)
COMMITTEE = [
    ("Sophie Marchand", "salariée, cheffe de projet", True, 0, None),
    ("Karim Benali", "salarié, élu au CSE", True, 0, None),
    (
        "Hélène Rivière",
        "cliente, directrice des systèmes d’information d’une collectivité",
        False,
        0,
        None,
    ),
    ("Marc Dufresne", "expert, association de transition écologique", False, 0, None),
    ("Bernard Olivier", "fournisseur, atelier de reconditionnement", False, 0, 11),
    ("Aïcha Diallo", "partenaire, école du numérique inclusive", False, 12, None),
]

# (months after the start, agenda, minutes)
MEETINGS = [
    (
        1,
        "Installation du comité ; règlement intérieur ; présentation des objectifs "
        "statutaires et du plan de déploiement.",
        "Le comité adopte son règlement intérieur et élit Hélène Rivière présidente. Il "
        "demande que chaque objectif statutaire soit décliné en objectifs opérationnels "
        "mesurables avant la prochaine réunion.",
    ),
    (
        5,
        "Revue des objectifs opérationnels et des indicateurs ; valeurs de référence.",
        "Les huit indicateurs et leurs valeurs de référence sont validés. Le comité "
        "souhaite un suivi trimestriel des indicateurs qui le permettent.",
    ),
    (
        9,
        "Premier point d’étape ; déplacements professionnels ; préparation du rapport annuel.",
        "Les émissions des déplacements baissent moins vite que prévu : le comité "
        "recommande une règle de voyage en train sous quatre heures de trajet.",
    ),
    (
        13,
        "Rapport annuel du comité ; accueil d’Aïcha Diallo ; recrutement inclusif.",
        "Le comité adopte son rapport annuel. Il salue les premiers recrutements sans CV "
        "et demande un suivi du maintien en emploi à un an.",
    ),
    (
        17,
        "Préparation de la vérification par l’organisme tiers indépendant ; pièces "
        "justificatives des indicateurs.",
        "Le dossier de vérification est complet. Le comité note l’avance de l’objectif "
        "d’écoconception et le retard des achats régionaux.",
    ),
    (
        21,
        "Avis de l’OTI et suites à donner ; achats régionaux ; mécénat de compétences.",
        "L’avis de l’OTI conclut au respect des objectifs. Le comité recommande un plan "
        "d’achats régionaux chiffré et la présentation du mécénat à chaque nouvel arrivant.",
    ),
]

OPINION = (
    "Le comité de mission a suivi en {year} la déclinaison de la raison d’être de "
    "Numeris Conseil en objectifs opérationnels et en indicateurs, réunis chaque "
    "trimestre.\n\n"
    "L’écoconception progresse plus vite que prévu et le recrutement de personnes en "
    "reconversion suit sa trajectoire. Les émissions des déplacements professionnels et "
    "la part des achats régionaux restent en retard sur leur cible : le comité "
    "recommande à la direction d’en faire des priorités de l’année à venir.\n\n"
    "Le comité estime que la société poursuit ses objectifs sociaux et "
    "environnementaux de manière sincère et documentée."
)

VERIFIER = "Certa Mission, organisme tiers indépendant"
VERIFIER_OPINION = (
    "Sur la base de nos travaux (entretiens avec la direction et le comité de mission, "
    "revue des indicateurs et de leurs pièces justificatives), nous concluons que "
    "Numeris Conseil respecte les objectifs sociaux et environnementaux qu’elle s’est "
    "fixés. Nous attirons l’attention sur le retard de l’objectif d’achats régionaux."
)

KIOSQUE_PURPOSE = (
    "Donner de la voix aux projets qui font avancer la transition écologique et sociale "
    "de nos territoires."
)
KIOSQUE_OBJECTIVES = [
    (
        ObjectiveKind.ENVIRONMENTAL,
        MissionTheme.CLIMATE,
        "Accompagner en priorité les organisations dont les projets réduisent leur empreinte "
        "environnementale.",
        [
            (
                "Consacrer la majorité de notre activité à des clients engagés",
                "",
                [],
                (),
                [
                    (
                        "Chiffre d’affaires réalisé avec des clients engagés",
                        "% du chiffre d’affaires",
                        35,
                        60,
                        Y,
                        0,
                        "Comptabilité clients, classement revu chaque année",
                        [0.2, 0.44],
                    ),
                ],
            ),
        ],
    ),
    (
        ObjectiveKind.SOCIAL,
        MissionTheme.SHARING,
        "Partager la valeur créée avec l’équipe et nos partenaires associatifs.",
        [],
    ),
]


def _members(organisation) -> list:
    memberships = organisation.memberships.select_related("user").order_by("pk")
    admins = [m.user for m in memberships if m.role == OrgRole.ADMIN]
    return admins + [m.user for m in memberships if m.role != OrgRole.ADMIN]


def _objectives(mission, objectives, start, today, people) -> list[OperationalObjective]:
    operational = []
    for position, (kind, theme, wording, declined) in enumerate(objectives):
        statutory = StatutoryObjective.objects.create(
            mission=mission, wording=wording, kind=kind, theme=theme, position=position
        )
        for index, (title, description, questions, prefixes, indicators) in enumerate(declined):
            owner = people[(position + index) % len(people)]
            objective = OperationalObjective.objects.create(
                organisation=mission.organisation,
                statutory_objective=statutory,
                title=title,
                description=description,
                owner=owner,
                due_on=add_months(start, TARGET_MONTHS),
                questions=[[FRAMEWORK, code] for code in questions],
                position=index,
            )
            objective.prefixes = prefixes
            operational.append(objective)
            for rank, spec in enumerate(indicators):
                _indicator(objective, spec, rank, start, today, owner)
    return operational


def _indicator(objective, spec, rank, start, today, owner) -> None:
    name, unit, baseline, target, every, decimals, source, shares = spec
    indicator = Indicator.objects.create(
        objective=objective,
        name=name,
        unit=unit,
        baseline_value=baseline,
        baseline_on=start,
        target_value=target,
        target_on=add_months(start, TARGET_MONTHS),
        responsible=owner,
        every_months=every,
        position=rank,
    )
    rows = []
    for step, share in enumerate(shares, start=1):
        on = add_months(start, every * step)
        if on > today:
            break
        value = round(baseline + share * (target - baseline), decimals)
        rows.append(
            IndicatorMeasurement(
                indicator=indicator,
                on=on,
                value=float(value),
                source=source,
                recorded_by=owner,
            )
        )
    IndicatorMeasurement.objects.bulk_create(rows)


def _link_actions(organisation, operational) -> None:
    """Link the plan's actions to the operational objective their question
    serves; when none matches, the first actions to the first objectives."""
    actions = list(organisation.actions.order_by("pk"))
    linked = False
    for action in actions:
        for objective in operational:
            if action.question_code and action.question_code.startswith(objective.prefixes):
                objective.actions.add(action)
                linked = True
                break
    if not linked:
        for objective, action in zip(operational, actions[:2], strict=False):
            objective.actions.add(action)


def _committee(mission, start, today) -> list[CommitteeMember]:
    seats = [
        CommitteeMember(
            mission=mission,
            name=name,
            quality=quality,
            is_employee=employee,
            joined_on=add_months(start, joined),
            left_on=add_months(start, left) if left is not None else None,
        )
        for name, quality, employee, joined, left in COMMITTEE
    ]
    CommitteeMember.objects.bulk_create(seats)
    for months, agenda, minutes in MEETINGS:
        held_on = add_months(start, months) + timedelta(days=9)
        if held_on > today - timedelta(days=7):
            continue
        meeting = CommitteeMeeting.objects.create(
            mission=mission,
            held_on=held_on,
            place="Siège, salle du conseil, et en visioconférence",
            agenda=agenda,
            minutes=minutes,
        )
        meeting.attendees.set(
            [
                seat
                for seat in seats
                if seat.joined_on <= held_on and (seat.left_on is None or seat.left_on > held_on)
            ]
        )
    return seats


def _reports(mission, today, author) -> None:
    """A report for each financial year closed since the mission began (the
    year of the publication when at least six months of it were left)."""
    last = latest_closed_year(today, mission.year_end_month)
    for year in range((mission.published_on + timedelta(days=180)).year, last.year + 1):
        adopted_on = date(year + 1, 4, 14)
        CommitteeReport.objects.create(
            mission=mission,
            year=year,
            opinion=OPINION.format(year=year),
            adopted_on=adopted_on if adopted_on <= today - timedelta(days=7) else None,
            created_by=author,
        )


def _showcase(organisation, start, today) -> None:
    people = _members(organisation)
    mission = Mission.objects.create(
        organisation=organisation,
        purpose=SHOWCASE_PURPOSE,
        published_on=start + timedelta(days=14),
        governance=Governance.COMMITTEE,
        permanent_employees=275,
        verifier=VERIFIER,
    )
    operational = _objectives(mission, SHOWCASE_OBJECTIVES, start, today, people)
    _link_actions(organisation, operational)
    _committee(mission, start, today)
    _reports(mission, today, people[0])
    # Within 18 months of the publication, about six months ago.
    Verification.objects.create(
        mission=mission,
        done_on=add_months(start, 17) + timedelta(days=12),
        verifier=VERIFIER,
        conclusion=Conclusion.MET,
        opinion=VERIFIER_OPINION,
        permanent_employees=275,
        recorded_by=people[0],
    )


def _referent(organisation, start, today) -> None:
    """A referent, published 27 months ago, never verified: 24 months for
    the first verification have run out."""
    people = _members(organisation)
    mission = Mission.objects.create(
        organisation=organisation,
        purpose=KIOSQUE_PURPOSE,
        published_on=add_months(start, -3) + timedelta(days=10),
        governance=Governance.REFERENT,
        permanent_employees=11,
    )
    _objectives(mission, KIOSQUE_OBJECTIVES, start, today, people)
    referent = people[0]
    CommitteeMember.objects.create(
        mission=mission,
        name=referent.full_name,
        quality="référente de mission, salariée",
        is_employee=True,
        joined_on=mission.published_on,
    )


def build(network) -> None:
    today = timezone.localdate()
    # The first day of the month two years ago: quarters end this month.
    start = date(today.year - 2, today.month, 1)
    organisations = {
        o.name: o for o in network.organisations.filter(name__in=(SHOWCASE, REFERENT))
    }
    for name, builder in ((SHOWCASE, _showcase), (REFERENT, _referent)):
        organisation = organisations.get(name)
        if organisation is None or Mission.objects.filter(organisation=organisation).exists():
            continue
        if not organisation.is_mission:
            organisation.is_mission = True
            organisation.save(update_fields=["is_mission"])
        builder(organisation, start, today)


def logins() -> list[tuple[str, str]]:
    """The account to try the société à mission with: the showcase's admin."""
    admin = (
        Membership.objects.filter(organisation__name=SHOWCASE, role=OrgRole.ADMIN)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return [("Société à mission admin", admin.user.email)] if admin else []
