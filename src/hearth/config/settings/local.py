"""Settings for a developer's machine and ``make run``: SQLite unless DATABASE_URL says otherwise."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "local-development-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
