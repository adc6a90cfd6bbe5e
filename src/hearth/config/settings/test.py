"""Settings for the test suite. The database comes from DATABASE_URL (SQLite by default)."""

import os

import dj_database_url

from .base import *  # noqa: F403
from .base import PROJECT_DIR

DEBUG = False
HEARTH_DEMO_ALLOWED = True  # the suite loads the demo; production never may
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
DATABASES = {"default": dj_database_url.config(default=f"sqlite:///{PROJECT_DIR / 'var' / 'test.sqlite3'}")}
if os.environ.get("DATABASE_URL", "").startswith("sqlite") or "DATABASE_URL" not in os.environ:
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
# Argon2 at full cost is deliberately slow; tests of hashing itself use the real setting.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Each test computes what it reads; the findings cache has its own test (oversight test_dashboard).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
