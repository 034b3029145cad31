"""Whether the body that follows the mission complies with the law.

Code de commerce, art. L210-10 3°: a mission committee, distinct from the
company's other bodies, "comprising at least one employee". Art. L210-12:
under fifty permanent employees (on an annual basis) the articles may
provide a single mission referent instead, who may be an employee.
"""

from dataclasses import dataclass

from levier.engine.mission.calendar import SMALL_COMPANY_LIMIT


@dataclass(frozen=True)
class Seat:
    name: str
    is_employee: bool


def problems(governance: str, seats: list[Seat], permanent_employees: int | None) -> list[str]:
    """Codes of what does not comply; empty when the composition does.

    ``governance`` is "committee" or "referent"; ``seats`` the current
    members (the referent alone for "referent").
    """
    found = []
    if governance == "referent":
        if permanent_employees is not None and permanent_employees >= SMALL_COMPANY_LIMIT:
            found.append("referent_too_large")
        if not seats:
            found.append("no_referent")
        elif len(seats) > 1:
            found.append("several_referents")
        return found
    if not seats:
        found.append("no_member")
    elif not any(seat.is_employee for seat in seats):
        found.append("no_employee")
    return found
