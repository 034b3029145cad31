"""Every email goes through the outbox: no code of Levier's sends one itself."""

import re
from pathlib import Path

import levier

DIRECT_SENDS = re.compile(
    r"(?<!def )\bsend_mail\(|\.send\(\s*(fail_silently=\w+)?\s*\)|send_mass_mail|mail_admins"
    r"|mail_managers|get_connection\("
)
OUTBOX = Path(levier.__file__).parent / "mailing"


def test_only_the_outbox_talks_to_the_mail_server():
    root = Path(levier.__file__).parent
    direct = [
        f"{path.relative_to(root)}:{number}: {line.strip()}"
        for path in root.rglob("*.py")
        if OUTBOX not in path.parents
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if DIRECT_SENDS.search(line)
    ]

    assert direct == []
