"""/healthz: 200 and each component's state when all of them work."""

from django.test import override_settings
from django.urls import reverse

from tests.core.health_helpers import DATABASE_TASKS


@override_settings(TASKS=DATABASE_TASKS)
def test_a_healthy_site_answers_200_with_each_component(client, db):
    response = client.get(reverse("health"))

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response.json() == {
        "status": "ok",
        "components": {
            "database": {"status": "ok"},
            "cache": {"status": "ok"},
            "worker": {"status": "ok", "oldest_due_task_seconds": 0},
        },
    }


def test_without_a_task_worker_the_worker_is_not_checked(client, db):
    """Tasks run in the request (the tests' backend): no worker to wait for."""
    response = client.get(reverse("health"))

    assert response.status_code == 200
    assert response.json()["components"]["worker"] == {"status": "not used"}
