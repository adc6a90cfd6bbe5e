"""Settings for ``make bench``: production-like (no debug, persistent database connections)
against the PostgreSQL server DATABASE_URL names, on loopback without TLS."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "benchmark-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
