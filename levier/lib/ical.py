"""What every calendar file Levier writes says of its maker."""

PRODID = "-//Levier//Network animation//FR"
