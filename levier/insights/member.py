"""What a member sees of its peers: its position, and what peers like it do."""

from django import forms
from django.db.models import Count
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from levier.accounts.models import Organisation
from levier.insights import circles, peers
from levier.practices.models import Adoption, Practice
from levier.reports.charts import histogram_chart

DEFAULT_CRITERIA = ("size", "sector", "region")


class CompareForm(forms.Form):
    compare = forms.MultipleChoiceField(
        label=gettext_lazy("Compare with organisations of the same"),
        choices=[
            ("size", gettext_lazy("size")),
            ("sector", gettext_lazy("sector")),
            ("region", gettext_lazy("region")),
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    circle = forms.ChoiceField(label=gettext_lazy("or the members of"), required=False)

    def __init__(self, *args, circles_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["circle"].choices = [("", gettext_lazy("none")), *circles_choices]
        if not circles_choices:
            del self.fields["circle"]

    def chosen_circle(self) -> str:
        if "circle" not in self.fields or not self.is_bound or not self.is_valid():
            return ""
        return self.cleaned_data["circle"]

    def criteria(self) -> tuple[str, ...]:
        if not self.is_bound or not self.is_valid():
            return DEFAULT_CRITERIA
        return tuple(self.cleaned_data["compare"])


def benchmark(assessment, request_data) -> dict | None:
    """The peers panel of a submitted assessment's results, or None for a draft."""
    snapshot = assessment.snapshots.filter(is_current=True).prefetch_related("lines").first()
    if snapshot is None:
        return None
    organisation = assessment.organisation
    own_circles = circles.of_organisation(organisation)
    form = CompareForm(
        request_data if "compare_sent" in request_data else None, circles_choices=own_circles
    )
    wanted = form.criteria()
    panel = {"form": form, "wanted": wanted, "circle": form.chosen_circle()}
    group = None
    if panel["circle"]:
        name = dict(own_circles)[panel["circle"]]
        ids = circles.members_of(organisation, panel["circle"])
        group = peers.circle_group(organisation, assessment.framework_version, ids, name)
        if not group.shown:
            panel["circle_too_small"] = name
            group = None
    if group is None:
        group = peers.peer_group(organisation, assessment.framework_version, wanted)
    panel["group"] = group
    if not group.shown:
        return panel
    pack = assessment.pack
    language = get_language() or "fr"
    pillar_scores = {
        line.code: line.score for line in snapshot.lines.all() if line.level == "pillar"
    }
    mine = {peers.OVERALL: snapshot.overall, **pillar_scores}
    scores = peers.group_scores(group.snapshots)
    found = peers.positions_among(scores, mine)
    panel["overall"] = found[peers.OVERALL]
    panel["pillars"] = [
        (pillar.title.get(language), found[pillar.code])
        for pillar in pack.pillars
        if pillar.code in found
    ]
    mark = _("You: %(score)s") % {"score": round(snapshot.overall)} if snapshot.overall else ""
    panel["chart"] = histogram_chart(
        peers.spread(scores),
        mark=snapshot.overall,
        mark_label=mark,
        title=_("How your peers' overall scores spread"),
        description=_("Number of organisations of the group in each tenth of the scale."),
    )
    return panel


def peers_like_you_do(organisation: Organisation, limit: int = 5) -> dict:
    """The practices most adopted by organisations of the same size and sector
    (widened like benchmarks when too few), those the organisation does not
    declare yet."""
    others = Organisation.objects.filter(network=organisation.network).exclude(pk=organisation.pk)
    choice = peers.choose(others, organisation, ("size", "sector"), prefix="")
    if choice is None:
        return {"practices": [], "description": ""}
    group = others.filter(peers.organisation_filter(organisation, choice.criteria, prefix=""))
    top = list(
        Adoption.objects.filter(organisation__in=group)
        .exclude(practice__adoptions__organisation=organisation)
        .values("practice")
        .annotate(adopters=Count("organisation", distinct=True))
        .order_by("-adopters", "practice")[: limit * 3]
    )
    visible = Practice.objects.published().in_bulk([row["practice"] for row in top])
    practices = [
        (visible[row["practice"]], row["adopters"]) for row in top if row["practice"] in visible
    ][:limit]
    return {
        "practices": practices,
        "description": peers.describe(organisation, choice.criteria, choice.others),
    }
