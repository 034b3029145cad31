"""Levier settings, read from the environment.

Zero configuration gives a working site on SQLite with a secret key generated
into the data folder. Production sets LEVIER_SECRET_KEY, LEVIER_ALLOWED_HOSTS,
DATABASE_URL and, behind HTTPS, nothing else (see README, "Configuration").
"""

import logging
import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from levier.lib.logging import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("LEVIER_DATA_DIR") or BASE_DIR / "data")
DEBUG = env_bool("LEVIER_DEBUG", False)
# Behind HTTPS (the default outside debug): secure cookies, HSTS, redirects.
HTTPS = env_bool("LEVIER_HTTPS", not DEBUG)


def _secret_key() -> str:
    """The key from the environment, or one generated once into the data folder.

    A generated key suits a single machine; several app processes on several
    machines must share LEVIER_SECRET_KEY.
    """
    key = os.environ.get("LEVIER_SECRET_KEY")
    if key:
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("LEVIER_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("LEVIER_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = os.environ.get("LEVIER_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "levier.accounts",
    "levier.core",
    "levier.frameworks",
    "levier.assessments",
    "levier.practices",
    "levier.plans",
    # Migrations only: its models moved to events, clubs and programmes (ADR 39).
    "levier.community",
    "levier.clubs",
    "levier.programmes",
    "levier.events",
    "levier.insights",
    "levier.mailing",
    "levier.audit",
    "levier.carbon",
    "levier.vsme",
    "levier.mission",
    "levier.membership",
    "levier.messaging",
    "levier.finance",
    "levier.trainings",
    "levier.api",
    "levier.tenancy.apps.LevierAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    # django-ninja: serves the API docs page from its own static files.
    "ninja",
]

# Background work (reminder emails, report generation): queued in the
# database, run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

MIDDLEWARE = [
    # One log line per request, with an id (levier/lib/logging.py).
    "levier.lib.logging.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "levier.core.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "levier.tenancy.middleware.ScopeMiddleware",
    # API calls: the token's rate limit, its call log, ETags (levier/api/middleware.py).
    "levier.api.middleware.ApiMiddleware",
    # After the scope: keeps the request for the audit trail's signal handlers
    # and recognises the browser after a sign-in (levier/audit/middleware.py).
    "levier.audit.middleware.AuditMiddleware",
    "levier.lib.ratelimits.RateLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "levier.urls"
WSGI_APPLICATION = "levier.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "levier" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "levier.accounts.context_processors.navigation",
                "levier.messaging.context_processors.inbox",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'levier.sqlite3'}",
        conn_max_age=int(os.environ.get("LEVIER_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and IMMEDIATE transactions let readers and one writer work side by
    # side instead of failing with "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "levier.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"login": "levier.accounts.forms.LoginForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Levier] "
# People change their own email address: the new one is confirmed by a link
# sent to it, the old one is told, and the password is asked again first. No
# one else may change it (the back office reads it only).
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_PASSWORD_RESET_TOKEN_GENERATOR = (
    "allauth.account.forms.EmailAwarePasswordResetTokenGenerator"
)
# allauth counts in the default cache (see CACHES). Failed sign-ins are not
# counted here: allauth only counts them per account, which lets anyone lock
# a person out; levier.lib.ratelimits counts them per address and account.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": None,
    # Each request emails the address typed in, account or not.
    "reset_password": "5/m/ip,20/h/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
}

INVITATION_VALID_DAYS = 14

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "levier" / "locale"]
# English dates day-first, as in Europe (levier/formats/en/formats.py).
FORMAT_MODULE_PATH = ["levier.formats"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"  # outside the web root: files go through views

# A request declaring a larger body is refused (413) before it is read; the largest
# file Levier takes is a 20 MB practice import (levier/core/middleware.py).
LEVIER_MAX_REQUEST_BYTES = int(os.environ.get("LEVIER_MAX_REQUEST_BYTES", 25 * 1024 * 1024))
# Form fields, files aside: 50 answers of a theme, each comment at its 5,000-character
# limit in accented text, percent-encoded, stay under 2.5 MB; no form nears 1,000 fields.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024 // 2
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
# Every form takes one file at most.
DATA_UPLOAD_MAX_NUMBER_FILES = 10
# A larger upload is spooled to a temporary file rather than held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024


def s3_storage(env) -> dict:
    """Uploaded files in an S3-compatible bucket, from the LEVIER_S3_* variables
    of `env` (docs/adr/0024-files-in-object-storage.md). The bucket stays
    private: Levier streams each file through its own views after the
    permission check and never hands out a bucket URL; were one ever asked
    for, it would be signed and expire within a minute."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env["LEVIER_S3_BUCKET"],
            # Empty means AWS itself, and boto3's own credentials chain (AWS_*, a role).
            "endpoint_url": env.get("LEVIER_S3_ENDPOINT_URL") or None,
            "access_key": env.get("LEVIER_S3_ACCESS_KEY") or None,
            "secret_key": env.get("LEVIER_S3_SECRET_KEY") or None,
            "region_name": env.get("LEVIER_S3_REGION") or None,
            # "path" for most self-hosted stores (SeaweedFS, Garage, MinIO), "virtual" for AWS.
            "addressing_style": env.get("LEVIER_S3_ADDRESSING_STYLE") or None,
            # A key prefix, to share a bucket with something else.
            "location": env.get("LEVIER_S3_PREFIX", ""),
            "signature_version": "s3v4",
            # Empty sends no ACL, for AWS buckets whose ACLs are disabled (private already).
            "default_acl": env.get("LEVIER_S3_DEFAULT_ACL", "private") or None,
            "querystring_auth": True,
            "querystring_expire": 60,
            "file_overwrite": False,
            # A file read back larger than this is spooled to disk, not held in memory.
            "max_memory_size": 2 * 1024 * 1024,
        },
    }


STORAGES = {
    "default": (
        s3_storage(os.environ)
        if os.environ.get("LEVIER_S3_BUCKET")
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Rate-limit counters (ours and allauth's, which uses the default cache) must
# be shared by every app process: Redis when there is one, otherwise a table
# in the database (`manage.py createcachetable`), never per-process memory.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            # To share one Redis database with something else.
            "KEY_PREFIX": os.environ.get("LEVIER_CACHE_PREFIX", ""),
        }
    }
    # Sessions read from Redis, written through to the database: every app
    # process sees them, and a Redis restart or eviction signs nobody out
    # (docs/adr/0023-production-stack.md). Without Redis, Django's default
    # keeps them in the database.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "levier.lib.cache.DatabaseCache",
            "LOCATION": "levier_cache",
            # Culling past MAX_ENTRIES would forget counters: keep room for
            # many clients.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }

if os.environ.get("LEVIER_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["LEVIER_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("LEVIER_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("LEVIER_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("LEVIER_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("LEVIER_EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("LEVIER_FROM_EMAIL", "Levier <no-reply@levier.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("LEVIER_SSL_REDIRECT", True)
# Reverse proxies in front of Levier (nginx, a load balancer). Their headers
# are believed only when they exist: with 0, X-Forwarded-For and
# X-Forwarded-Proto come from the client and are ignored (levier/lib/proxies.py).
LEVIER_TRUSTED_PROXIES = max(0, int(os.environ.get("LEVIER_TRUSTED_PROXIES") or 0))
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS and LEVIER_TRUSTED_PROXIES else None
)
ALLAUTH_TRUSTED_PROXY_COUNT = LEVIER_TRUSTED_PROXIES
RATELIMIT_IP_META_KEY = "levier.lib.proxies.client_ip"
RATELIMIT_USE_CACHE = "default"
# Calls an API token may make (django-ratelimit's notation).
API_RATE = os.environ.get("LEVIER_API_RATE", "600/m")
# Webhooks may be delivered to private or loopback addresses only in
# development: elsewhere that would let anyone probe the server's network.
WEBHOOK_ALLOW_PRIVATE = env_bool("LEVIER_WEBHOOK_ALLOW_PRIVATE", DEBUG)

SECURE_HSTS_SECONDS = int(os.environ.get("LEVIER_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# HSTS preload is a commitment a host makes with browser vendors, not ours to
# make for every deployment.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

# No inline script or style anywhere: what a page runs and how it looks comes
# from Levier's own static files (ADR 15).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Human-readable lines, or one JSON object per line with LEVIER_LOG_FORMAT=json.
LOG_FORMAT = "json" if os.environ.get("LEVIER_LOG_FORMAT", "").lower() == "json" else "text"
LOGGING = logging_config(LOG_FORMAT, os.environ.get("LEVIER_LOG_LEVEL", "INFO").upper())
if LOG_FORMAT == "json":
    # Python's warnings as log lines too, rather than raw text among the JSON.
    logging.captureWarnings(True)

# /healthz answers 503 when a task has waited longer than this for a worker.
LEVIER_WORKER_MAX_DELAY = int(os.environ.get("LEVIER_WORKER_MAX_DELAY") or 300)

# Error reports to Sentry (or a compatible service) only when SENTRY_DSN is
# set; otherwise sentry_sdk is never imported. No personal data is sent:
# no cookies, no user, no request body (docs/adr/0023-production-stack.md).
if os.environ.get("SENTRY_DSN"):
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=os.environ["SENTRY_DSN"],
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE") or None,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE") or 0),
    )
