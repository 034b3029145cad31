"""The "Impact finance" card of the animator's dashboard
(``finance/outcomes_card.html``)."""

from django import template

from levier.finance import figures

register = template.Library()


@register.simple_tag
def granted_this_year(network):
    """This year's amount granted to the network's members, under the
    anonymity rule (``figures.Amount``). The dashboard runs under
    ``Scope.aggregating`` for the network."""
    return figures.granted_this_year(network)
