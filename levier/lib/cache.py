"""Django's database cache, with an increment that counts every hit.

Without Redis, rate-limit counters live in the database so that every app
process on the machine shares them. Django's DatabaseCache increments by
reading the value and writing it back, with a fresh expiry: two requests at
the same moment can both read 4 and write 5, and a counter meant to last an
hour would be reset five minutes after its last hit. Here the read and the
write happen in one transaction on the locked row, and the expiry stays.
"""

import base64
import pickle

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, router, transaction


class DatabaseCache(DjangoDatabaseCache):
    def incr(self, key, delta=1, version=None):
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote_name = connection.ops.quote_name
        stored_key = self.make_and_validate_key(key, version=version)
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        # On SQLite, Levier opens transactions IMMEDIATE: the write lock is
        # taken before the read, which serialises increments just the same.
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote_name('cache_key')} FROM {quote_name(self._table)} "
                f"WHERE {quote_name('cache_key')} = %s{lock}",
                [stored_key],
            )
            if cursor.fetchone() is None:
                raise ValueError(f"Key '{key}' not found")
            # get() drops an expired entry, as for any other read.
            value = self.get(key, self._missing_key, version=version)
            if value is self._missing_key:
                raise ValueError(f"Key '{key}' not found")
            value += delta
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {quote_name(self._table)} SET {quote_name('value')} = %s "
                f"WHERE {quote_name('cache_key')} = %s",
                [encoded, stored_key],
            )
        return value
