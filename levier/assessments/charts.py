"""The charts of a results page, drawn by levier.reports.charts."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from levier.assessments.results import Results
from levier.reports.charts import (
    BarRow,
    Series,
    bar_chart,
    for_screen_width,
    line_chart,
    radar_chart,
)

ACCENT = "#0b6e4f"
SLATE = "#4a5560"
PHONE_WIDTH = 340  # viewBox units: at 358 px on a 390 px phone, 13-unit text shows at ~13 px


def _format(value: float) -> str:
    return number_format(round(value), decimal_pos=0)


def theme_radar(results: Results, *, font: float | None = None) -> str:
    """``font``: the radar's labels' size, larger for print (see ``radar_chart``)."""
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
    title = _("Scores by theme")
    description = _("Score out of 100 of each theme: %(list)s.") % {
        "list": "; ".join(
            f"{row.title} {_format(row.score) if row.score is not None else '—'}"
            for row in results.themes
        )
    }
    wide = radar_chart(
        [row.title for row in results.themes],
        series,
        font=font,
        title=title,
        description=description,
        empty_text=_("No score yet"),
    )
    # On a phone a radar's labels crowd around a tiny circle: the themes as bars instead.
    narrow = bar_chart(
        _rows(results.themes),
        width=PHONE_WIDTH,
        title=title,
        description=description,
        value_format=_format,
        empty_text=_("No score yet"),
    )
    return for_screen_width(wide, narrow)


def _rows(rows) -> list[BarRow]:
    return [
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
        for row in rows
    ]


def pillar_bars(results: Results) -> str:
    title = _("Scores by pillar")
    description = _("Score out of 100 of each pillar: %(list)s.") % {
        "list": "; ".join(
            f"{row.title} {_format(row.score) if row.score is not None else '—'}"
            for row in results.pillars
        )
    }
    texts = {"title": title, "description": description, "empty_text": _("No score yet")}
    rows = _rows(results.pillars)
    return for_screen_width(
        bar_chart(rows, value_format=_format, **texts),
        bar_chart(rows, width=PHONE_WIDTH, value_format=_format, **texts),
    )


def trajectory_line(results: Results) -> str:
    """Drawn twice like the other results charts: 640 units wide for large
    screens and print, 340 for a phone, where the wide drawing's 12-unit text
    would shrink to 7 px."""
    drawing = {
        "title": _("Overall score over time"),
        "description": _("Overall score of each submitted assessment: %(list)s.")
        % {
            "list": "; ".join(
                f"{period} {_format(value) if value is not None else '—'}"
                for period, value in results.trajectory
            )
        },
        "empty_text": _("No score yet"),
    }
    return for_screen_width(
        line_chart(results.trajectory, **drawing),
        line_chart(results.trajectory, width=340, height=200, **drawing),
    )
