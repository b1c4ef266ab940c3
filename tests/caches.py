"""The Redis cache of a test worker.

Parallel workers (pytest-xdist) share one Redis database, each under its own key prefix
(portal/settings/test.py). django-redis clears a cache with FLUSHDB, which would empty
the other workers' caches in the middle of their tests; this one deletes only its own
keys."""

from django_redis.cache import RedisCache


class WorkerRedisCache(RedisCache):
    def clear(self) -> None:
        client = self.client.get_client(write=True)
        keys = list(client.scan_iter(match=f"{self.key_prefix}:*", count=1000))
        for start in range(0, len(keys), 1000):
            client.delete(*keys[start : start + 1000])
