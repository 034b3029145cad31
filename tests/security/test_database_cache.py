"""Without Redis, counters are rows of a database table that increments keep
counting without shortening their life."""

import pytest
from django.core.cache import caches
from django.db import connection

from levier.lib.cache import DatabaseCache

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache():
    backend = caches["default"]
    if not isinstance(backend, DatabaseCache):
        pytest.skip("the default cache is not the database")
    return backend


def expiry(cache, key):
    table = connection.ops.quote_name(cache._table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT expires FROM {table} WHERE cache_key = %s", [cache.make_key(key)])
        return cursor.fetchone()[0]


def test_an_increment_counts_and_keeps_the_expiry(cache):
    cache.add("hits", 0, 3600)
    before = expiry(cache, "hits")

    assert cache.incr("hits") == 1
    assert cache.incr("hits", 5) == 6

    assert cache.get("hits") == 6
    # Django's own incr would have reset it to the default five minutes.
    assert expiry(cache, "hits") == before


def test_an_increment_of_a_missing_or_expired_key_fails(cache):
    with pytest.raises(ValueError):
        cache.incr("never-set")
    cache.set("gone", 1, -1)
    with pytest.raises(ValueError):
        cache.incr("gone")
