"""Settings shared by every environment. Environment files import from here."""

from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent  # src/hearth
PROJECT_DIR = PACKAGE_DIR.parent.parent  # repository root
NODE_MODULES = PROJECT_DIR / "node_modules"

SECRET_KEY = "override-me"  # noqa: S105 - every environment file sets its own
DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # recovery codes, for a lost phone
    "axes",
    "simple_history",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "hearth.core",
    "hearth.access",
    "hearth.audit",
    "hearth.homes",
    "hearth.staff",
    "hearth.children",
    "hearth.interchange",
    "hearth.risk",
    "hearth.admissions",
    "hearth.records",
    "hearth.incidents",
    "hearth.visitors",
    "hearth.shift",
    "hearth.search",
    "hearth.medicines",
    "hearth.keywork",
    "hearth.education",
    "hearth.health",
    "hearth.family",
    "hearth.complaints",
    "hearth.allegations",
    "hearth.control",
    "hearth.notices",
    "hearth.annexa",
    "hearth.dataprotection",
    "hearth.oversight",
    "hearth.inspections",
    "hearth.bench",
    "hearth.notifications",
]

# Background work (docs/live-oversight.md): Django's Tasks framework through its backport, with
# the tasks kept in Hearth's own database. `hearth worker` runs them (`make run` starts one).
# Two queues (docs/live-oversight.md): "default" for a save's re-audit and the clock's quick work,
# "provider" for the provider-wide work (comparisons, the nightly chunks), so that a save never
# waits behind a run over every home. `hearth worker` serves both unless told one.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "provider"]}}

# Mail (notifications): printed to the console on a developer's machine; production sends it by
# SMTP (production.py). Links in mail open this address, which asks for sign-in.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = "Hearth <hearth@localhost>"
HEARTH_SITE_URL = "http://127.0.0.1:8000"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "hearth.core.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "hearth.access.middleware.SessionLimitsMiddleware",
    "hearth.access.middleware.SecondFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "hearth.audit.middleware.ReadingLogMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Scripts, styles, fonts and images from Hearth itself only: no inline script or style, nothing
# from elsewhere, no framing, forms that post only to Hearth (django-csp).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# No page of Hearth needs the camera, microphone, location or payment (django-permissions-policy).
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "serial", "bluetooth", "display-capture")
}
SECURE_REFERRER_POLICY = "same-origin"

ROOT_URLCONF = "hearth.config.urls"
WSGI_APPLICATION = "hearth.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hearth.notifications.context_processors.unread",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(default=f"sqlite:///{PROJECT_DIR / 'var' / 'hearth.sqlite3'}", conn_max_age=60)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue for the lock rather than fail with "database is locked": WAL lets pages be read
    # while a record is saved, a write transaction takes the lock at its start (IMMEDIATE), and a
    # writer waits up to 20 seconds for another to finish.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sign-in: Argon2 first (new and upgraded hashes), django-axes lock-out first among backends.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "access:sign_in"
LOGIN_REDIRECT_URL = "core:start"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours
# Lock the username, from wherever it is tried: five wrong passwords lock that account for 30
# minutes, however many addresses an attacker spreads them over. Only that account is locked, so a
# home sharing one internet address is never locked out wholesale by one forgotten password.
# (The second, narrower pair is what axes's own check asks for; the username alone already holds it.)
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "access/locked_out.html"
OTP_TOTP_ISSUER = "Hearth"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 10  # one long shift
HEARTH_SESSION_MAX_HOURS = 10  # then sign in again, however busy (access.middleware.SessionLimitsMiddleware)
# Separation of duties: sign-offs that must come from someone other than the people involved, as
# the provider chooses. (A restraint is always signed by someone who did not use it, Reg 35(3)(b):
# core.services.ALWAYS_BY_ANOTHER.)
HEARTH_SIGN_OFF_BY_ANOTHER = {
    "incident_review": True,  # a manager who recorded an incident does not review it
    "log_entry_review": False,  # a manager may sign their own log entry (small homes)
}
# The largest request body any form accepts (an Ofsted report of 20 MB, with room for the form);
# a larger one is refused from its declared length, before it is read (core/uploads.py).
HEARTH_MAX_UPLOAD_BYTES = 21 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "hearth.core.uploads.RefuseOversizeUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# `hearth demo` (published passwords) runs only with DEBUG on; the test settings allow it too.
HEARTH_DEMO_ALLOWED = False
HEARTH_SESSION_IDLE_MINUTES = 30  # a tablet left signed in is signed out after this long unused
HEARTH_INVITATION_HOURS = 72  # an invitation link works once, within this long (access.people)
HEARTH_SET_UP_CODE_HOURS = 72  # a second-factor set-up code works once, within this long (access.services)
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# GOV.UK Frontend's stylesheet asks for /assets/fonts and /assets/images, so static files
# are served from /assets/ with its assets folder at the root.
STATIC_URL = "/assets/"
STATIC_ROOT = PROJECT_DIR / "var" / "static"
# Uploaded evidence (training certificates). Served only through views that check access.
MEDIA_ROOT = PROJECT_DIR / "var" / "media"

STATICFILES_DIRS = [
    NODE_MODULES / "govuk-frontend" / "dist" / "govuk" / "assets",
    ("govuk", NODE_MODULES / "govuk-frontend" / "dist" / "govuk"),
    ("htmx", NODE_MODULES / "htmx.org" / "dist"),
]

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Demo bundles are written relative to the day they are loaded.
HEARTH_DEMO_DIR = PACKAGE_DIR / "interchange" / "demo"

# Deadlines (design.md convention 7; domain.md appendix), in hours. A provider may override them.
# A create form sent again unchanged by the same person within this many hours returns the record
# the first sending made (core/submissions.py): Back and Save again, a retried request.
HEARTH_RESUBMISSION_HOURS = 12

HEARTH_DEADLINES_HOURS = {
    "restraint_recorded": 24,  # Reg 35(3)(a)
    "restraint_signed": 48,  # Reg 35(3)(b): registered person spoke to staff and signed
    "restraint_child_spoken": 24 * 5,  # Reg 35(3)(c)
    "incident_review": 72,  # rules.md oversight.incident_not_reviewed
    "incident_review_high": 24,
    "notification": 24,  # Reg 40 "without delay", local norm 24 hours
    "return_interview": 72,  # statutory missing guidance
    "concern_response": 24,  # rules.md protection.concern_not_actioned
    "log_review": 24 * 7,  # managers read the log at least weekly
    "late_entry": 24,  # rules.md records.late_entry
    "risk_review_after_incident": 72,  # rules.md risk.not_updated_after_incident
}

# Staffing (domain.md section 6; rules.md staff.* and training.*). A provider may override them.
HEARTH_STAFFING = {
    "level_3_within_years": 2,  # Reg 32(4): care staff, Level 3 Diploma
    "level_5_within_years": 3,  # Reg 28(2)(c): registered manager, Level 5 Diploma
    "supervision_every_days": 28,  # local procedures: monthly one-to-ones
    "appraisal_every_days": 365,  # Reg 33(4)(c): appraisal at least yearly
    "supervision_overdue_days": 42,  # rules.md staff.supervision_overdue: more than 6 weeks
    "training_expiring_days": 60,  # the matrix warns this long before a course expires
    "exception_max_days": 90,  # a vetting exception is reviewed at least this often
    "certificate_max_bytes": 5 * 1024 * 1024,
}

# Ofsted report import (domain.md 10.3). A recommendation carries no due date in the report; its
# action is due this many days after the inspection until the manager sets another.
HEARTH_INSPECTIONS = {
    "recommendation_due_days": 90,
    "report_max_bytes": 20 * 1024 * 1024,
}
