"""/healthz answers 503 when the shared cache (Redis) cannot be reached."""

from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from tests.core.health_helpers import closed_port


def test_an_unreachable_redis_fails_the_cache_component(client, db):
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    with override_settings(CACHES=unreachable):
        assert caches["default"].__class__.__name__ == "RedisCache"
        response = client.get(reverse("health"))

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing"
    assert body["components"]["cache"] == {"status": "failing"}
    assert body["components"]["database"] == {"status": "ok"}
    # The reason is logged, never shown to whoever calls /healthz.
    assert "127.0.0.1" not in response.content.decode()
