"""Query helpers shared by the apps."""

from django.db.models import IntegerField, Subquery


class SubqueryCount(Subquery):
    """COUNT(*) of a correlated queryset, as an annotation.

    Counting several relations with Count(..., distinct=True) joins them all
    and multiplies rows; one subquery per count keeps each count cheap.
    """

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()

    def __init__(self, queryset, **extra):
        super().__init__(queryset.order_by().values("pk"), **extra)
