import pytest

from levier.frameworks.services import sync_shipped_packs


@pytest.fixture(autouse=True)
def frameworks(db):
    """Practices link to Levier 360's themes and questions."""
    sync_shipped_packs()
