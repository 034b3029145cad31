"""The charts of a results page, drawn by levier.reports.charts."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from levier.assessments.results import Results
from levier.reports.charts import BarRow, Series, bar_chart, line_chart, radar_chart

ACCENT = "#0b6e4f"
SLATE = "#4a5560"


def _format(value: float) -> str:
    return number_format(round(value), decimal_pos=0)


def theme_radar(results: Results) -> str:
    series = [
        Series(
            label=str(results.assessment.period),
            values=[row.score for row in results.themes],
            colour=ACCENT,
        )
    ]
    if results.previous is not None and any(r.previous is not None for r in results.themes):
        series.append(
            Series(
                label=str(results.previous.period),
                values=[row.previous for row in results.themes],
                colour=SLATE,
                dashed=True,
            )
        )
    return radar_chart(
        [row.title for row in results.themes],
        series,
        title=_("Scores by theme"),
        description=_("Score out of 100 of each theme: %(list)s.")
        % {
            "list": "; ".join(
                f"{row.title} {_format(row.score) if row.score is not None else '—'}"
                for row in results.themes
            )
        },
        empty_text=_("No score yet"),
    )


def pillar_bars(results: Results) -> str:
    rows = [
        BarRow(
            label=row.title,
            value=row.score,
            marker=row.previous,
            marker_label=(
                _("Previous assessment: %(score)s") % {"score": _format(row.previous)}
                if row.previous is not None
                else None
            ),
        )
        for row in results.pillars
    ]
    return bar_chart(
        rows,
        title=_("Scores by pillar"),
        description=_("Score out of 100 of each pillar: %(list)s.")
        % {
            "list": "; ".join(
                f"{row.title} {_format(row.score) if row.score is not None else '—'}"
                for row in results.pillars
            )
        },
        value_format=_format,
        empty_text=_("No score yet"),
    )


def trajectory_line(results: Results) -> str:
    return line_chart(
        results.trajectory,
        title=_("Overall score over time"),
        description=_("Overall score of each submitted assessment: %(list)s.")
        % {
            "list": "; ".join(
                f"{period} {_format(value) if value is not None else '—'}"
                for period, value in results.trajectory
            )
        },
        empty_text=_("No score yet"),
    )
