"""Production settings: everything secret or site-specific comes from the environment, and a
missing or weak value stops Hearth starting with a message naming each one (docs/deploy.md).

Required:
  HEARTH_SECRET_KEY     at least 50 characters, at least 10 different, not Django's insecure kind
  DATABASE_URL          a PostgreSQL URL (postgres://user:password@host:5432/name)
  HEARTH_ALLOWED_HOSTS  the site's host names, comma-separated (no *)
  HEARTH_EMAIL_HOST     the SMTP server that sends Hearth's mail
  HEARTH_EMAIL_FROM     the address Hearth's mail comes from
Optional: HEARTH_EMAIL_PORT (587), HEARTH_EMAIL_USER, HEARTH_EMAIL_PASSWORD,
HEARTH_SESSION_IDLE_MINUTES (30), HEARTH_SITE_URL (the address links in mail open; default
https:// and the first allowed host).
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _problems(env: dict[str, str]) -> list[str]:
    """Every missing or weak setting in ``env``, in plain words (empty when all is well)."""
    found = []
    key = env.get("HEARTH_SECRET_KEY", "")
    if not key:
        found.append(
            'HEARTH_SECRET_KEY is not set: generate one with `python -c "import secrets; print(secrets.token_urlsafe(64))"`.'
        )
    elif len(key) < 50 or len(set(key)) < 10 or key.startswith("django-insecure"):
        found.append("HEARTH_SECRET_KEY is too weak: use at least 50 random characters (secrets.token_urlsafe(64)).")
    url = env.get("DATABASE_URL", "")
    if not url:
        found.append("DATABASE_URL is not set: give the PostgreSQL database, postgres://user:password@host:5432/name.")
    elif not url.startswith(("postgres://", "postgresql://")):
        found.append(
            "DATABASE_URL must name a PostgreSQL database (postgres://...); SQLite is for a developer's machine."
        )
    hosts = [h.strip() for h in env.get("HEARTH_ALLOWED_HOSTS", "").split(",") if h.strip()]
    if not hosts:
        found.append("HEARTH_ALLOWED_HOSTS is not set: give the site's host names, comma-separated.")
    elif "*" in hosts:
        found.append("HEARTH_ALLOWED_HOSTS must list the site's host names, not *.")
    for name, what in (("HEARTH_EMAIL_HOST", "the SMTP server"), ("HEARTH_EMAIL_FROM", "the address mail comes from")):
        if not env.get(name, "").strip():
            found.append(f"{name} is not set: give {what}.")
    return found


_found = _problems(dict(os.environ))
if _found:
    raise ImproperlyConfigured(
        "Hearth's production settings are incomplete:\n  - " + "\n  - ".join(_found) + "\nSee docs/deploy.md."
    )

DEBUG = False
HEARTH_DEMO_ALLOWED = False
SECRET_KEY = os.environ["HEARTH_SECRET_KEY"]
ALLOWED_HOSTS = [h.strip() for h in os.environ["HEARTH_ALLOWED_HOSTS"].split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [f"https://{h.lstrip('.')}" for h in ALLOWED_HOSTS]
HEARTH_SITE_URL = os.environ.get("HEARTH_SITE_URL", "").strip() or f"https://{ALLOWED_HOSTS[0].lstrip('.')}"
DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True)}

# Behind a TLS proxy (docs/deploy.md), which must set X-Forwarded-Proto and strip it from clients.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
# Preloading HSTS commits the provider's whole domain, for good, to HTTPS in browsers' built-in
# lists: a decision for whoever owns the domain, not a default of one application on it.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_SAMESITE = "Lax"
HEARTH_SESSION_IDLE_MINUTES = int(os.environ.get("HEARTH_SESSION_IDLE_MINUTES", "30"))

# Static files served by the application itself (whitenoise), compressed and with hashed names;
# `hearth collectstatic` gathers them into STATIC_ROOT at deployment. (A developer's machine and
# the suite serve them through django.contrib.staticfiles instead.)
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ["HEARTH_EMAIL_HOST"]
EMAIL_PORT = int(os.environ.get("HEARTH_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("HEARTH_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("HEARTH_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = True
DEFAULT_FROM_EMAIL = SERVER_EMAIL = os.environ["HEARTH_EMAIL_FROM"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
