"""The checks' problems in the reader's words, with the datapoint they are
about, so that each message sits next to its datapoint."""

from dataclasses import dataclass

from django.template.defaultfilters import floatformat
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from levier.engine.vsme.checks import Problem
from levier.vsme import services


@dataclass(frozen=True)
class Described:
    problem: Problem
    label: str
    message: str

    @property
    def code(self) -> str:
        return self.problem.code

    @property
    def disclosure(self) -> str:
        return self.problem.disclosure


def label_of(code: str) -> str:
    """A datapoint's label; for "Table.Column", the column's."""
    code = code.rsplit(".", 1)[-1]
    language = get_language() or "fr"
    catalogue = services.catalogue()
    try:
        return catalogue.field(code).label.get(language)
    except KeyError:
        pass
    try:
        return catalogue.table(code).label.get(language)
    except KeyError:
        return code


def describe(problem: Problem) -> Described:
    if problem.kind == "missing":
        message = _("Required by the standard and not given yet (or say it does not apply).")
    elif problem.kind == "sum":
        parts = ", ".join(label_of(part) for part in problem.params["parts"])
        message = _(
            "%(total)s here, but its parts (%(parts)s) add up to %(sum)s: one of them is wrong."
        ) % {
            "total": floatformat(problem.params["total"], "-2g"),
            "sum": floatformat(problem.params["sum"], "-2g"),
            "parts": parts,
        }
    elif problem.kind == "above":
        message = _("%(part)s here is more than %(total)s (%(label)s).") % {
            "part": floatformat(problem.params["part"], "-2g"),
            "total": floatformat(problem.params["total"], "-2g"),
            "label": label_of(problem.params.get("of", "NumberOfEmployees")),
        }
    elif problem.kind == "to_confirm":
        message = _("Pre-filled by Levier: confirm it or correct it.")
    else:
        message = problem.kind
    return Described(problem, label_of(problem.code), message)
