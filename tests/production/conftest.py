import pytest

from tests.production.stack import ProductionStack


@pytest.fixture
def production_stack(transactional_db, django_db_blocker, tmp_path):
    """The stack of tests/production/stack.py, running for one test.

    The test takes `pytest.mark.django_db(transaction=True)`: its database
    is then created, migrated, and outside any transaction, so that it can be
    copied (pytest-django creates only the databases marked tests use)."""
    stack = ProductionStack(workdir=tmp_path)
    (tmp_path / "data" / "static").mkdir(parents=True)
    with django_db_blocker.unblock():
        try:
            stack.start()
            yield stack
        finally:
            stack.stop()
