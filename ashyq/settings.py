"""Settings of Ashyq, configured only through environment variables (ARCHITECTURE rule 7).

Every variable is listed in README.md and `.env.example`. ``ASHYQ_ENV=production`` turns on the
safe defaults that ``manage.py check --deploy`` asks for and makes the secret key mandatory; the
code that runs is the same in both environments.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from ashyq.core.env import env_bool, env_choice, env_date, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("ASHYQ_VAR_DIR", str(BASE_DIR / "var")) or BASE_DIR / "var")

ASHYQ_ENV = env_choice("ASHYQ_ENV", "development", ("development", "production"))
PRODUCTION = ASHYQ_ENV == "production"
DEBUG = env_bool("DJANGO_DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG must be false when ASHYQ_ENV=production.")

_secret = env_secret("DJANGO_SECRET_KEY")
if _secret is None and PRODUCTION:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE) is required when ASHYQ_ENV=production.")
SECRET_KEY = _secret or "development-only-key-never-use-in-production-" + "x" * 20

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS is required when ASHYQ_ENV=production.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# Ashyq's apps come first: where two catalogues translate the same message, the app listed first wins, and
# our pages must read in our wording (Django admin's Russian "Skip to main content" is «К основному»).
INSTALLED_APPS = [
    "ashyq.core",
    "ashyq.orgs",
    "ashyq.methodology",
    "ashyq.evaluation",
    "ashyq.feedback",
    "ashyq.registry",
    "ashyq.meetings",
    "ashyq.analysis",
    "ashyq.portal",
    "ashyq.reports",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # serves Swagger UI's own files for /api/docs: no CDN (issue 11 item 8)
    "django_tasks",
    "django_tasks_db",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "ashyq.core.calendar.CalendarPerRequestMiddleware",
    "ashyq.core.sessions.SessionExtendMiddleware",
]

ROOT_URLCONF = "ashyq.urls"
WSGI_APPLICATION = "ashyq.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ashyq.core.context_processors.roles",
            ],
        },
    },
]


ASHYQ_SQLITE_BUSY_TIMEOUT_SECONDS = env_int("ASHYQ_SQLITE_BUSY_TIMEOUT_SECONDS", 20, minimum=1)


def _database() -> dict[str, object]:
    """``DATABASE_URL`` picks the database; SQLite under ``var/`` when unset (zero setup)."""
    url = env_str("DATABASE_URL")
    if url is None:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        return _sqlite({"ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "ashyq.sqlite3"})
    if not url.startswith(("postgres://", "postgresql://", "sqlite://")):
        raise ImproperlyConfigured(
            f"DATABASE_URL must start with postgres://, postgresql:// or sqlite:// (got {url.split(':', 1)[0]!r})."
        )
    try:
        config = dict(dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0)))
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL cannot be read: {error}") from None
    if not config.get("NAME"):
        raise ImproperlyConfigured("DATABASE_URL names no database (add /name at its end).")
    return _sqlite(config) if config["ENGINE"] == "django.db.backends.sqlite3" else config


def _sqlite(config: dict[str, object]) -> dict[str, object]:
    """SQLite serves readers while an import writes (issue 16 item 2, ADR 0046): write-ahead logging lets pages
    read beside the one writer, a write transaction takes the write lock when it begins (so it never fails half-way
    on a lock it could not upgrade), and a waiting writer retries for ``ASHYQ_SQLITE_BUSY_TIMEOUT_SECONDS``."""
    options = {
        "transaction_mode": "IMMEDIATE",
        "timeout": ASHYQ_SQLITE_BUSY_TIMEOUT_SECONDS,
        "init_command": "PRAGMA journal_mode=WAL",
    }
    return {**config, "OPTIONS": options}


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env_str("REDIS_URL")}
        if env_str("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# Failed-login throttling (django-axes): after AXES_FAILURE_LIMIT failures for one user name from one
# address the account is locked for AXES_COOLOFF_MINUTES; attempts are kept in the database, so every
# web process sees them. Passwords are never stored or logged (AXES_SENSITIVE_PARAMETERS).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_SENSITIVE_PARAMETERS = ["password"]
AXES_VERBOSE = False

LANGUAGE_CODE = "kk"
LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
# Each app keeps its translations in ashyq/<app>/locale/ (found through INSTALLED_APPS).
USE_I18N = True
FORMAT_MODULE_PATH = ["ashyq.formats"]
TIME_ZONE = "Asia/Almaty"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

TASKS = {
    "default": {
        "BACKEND": env_choice(
            "ASHYQ_TASK_BACKEND",
            "django_tasks_db.DatabaseBackend",
            ("django_tasks_db.DatabaseBackend", "django_tasks.backends.immediate.ImmediateBackend"),
        )
    }
}

# A task whose worker died (SIGKILL, out of memory, a restart) runs again until it has had this many attempts,
# then its job records that it stopped (ADR 0045); workers look for such tasks every ASHYQ_WORKER_SWEEP_SECONDS.
ASHYQ_TASK_ATTEMPTS = env_int("ASHYQ_TASK_ATTEMPTS", 2, minimum=1)
ASHYQ_WORKER_SWEEP_SECONDS = env_int("ASHYQ_WORKER_SWEEP_SECONDS", 30, minimum=1)

EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER", "") or ""
EMAIL_HOST_PASSWORD = env_secret("DJANGO_EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "ashyq@localhost")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_HTTPONLY = True
# A signed-in session ends after ASHYQ_SESSION_HOURS without a request and is extended while used, the
# extension written at most once every ASHYQ_SESSION_REFRESH_SECONDS (ashyq/core/sessions.py, ADR 0095).
SESSION_COOKIE_AGE = env_int("ASHYQ_SESSION_HOURS", 8, minimum=1) * 3600
ASHYQ_SESSION_REFRESH_SECONDS = env_int("ASHYQ_SESSION_REFRESH_SECONDS", 300, minimum=0)
if ASHYQ_SESSION_REFRESH_SECONDS >= SESSION_COOKIE_AGE:
    raise ImproperlyConfigured("ASHYQ_SESSION_REFRESH_SECONDS must be shorter than ASHYQ_SESSION_HOURS.")
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp; issue 15 item 5): only Ashyq's own files run or style a page: no inline
# script, no inline style, nothing from another origin. Swagger UI's icons are data: images.
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

# Size limit of one uploaded file (imports, attachments), in megabytes.
ASHYQ_UPLOAD_LIMIT_MB = env_int("ASHYQ_UPLOAD_LIMIT_MB", 50, minimum=1)
# A document that grows with the data (a draft's report, an export) of more rows than this is made by the task
# worker, with a progress page, instead of in the web request (issue 11 item 7); a PDF is far slower per row.
ASHYQ_DOCUMENT_SYNC_ROWS = env_int("ASHYQ_DOCUMENT_SYNC_ROWS", 2000, minimum=0)
ASHYQ_PDF_SYNC_ROWS = env_int("ASHYQ_PDF_SYNC_ROWS", 200, minimum=0)
# The signed-in home lists work due within this many Kazakhstan working days, and everything overdue.
ASHYQ_HOME_HORIZON_WORKING_DAYS = env_int("ASHYQ_HOME_HORIZON_WORKING_DAYS", 5, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# An XLSX (a zip) is refused before it is parsed when it unpacks to more than this or has more entries.
ASHYQ_XLSX_MAX_UNPACKED_MB = env_int("ASHYQ_XLSX_MAX_UNPACKED_MB", 200, minimum=1)
ASHYQ_XLSX_MAX_ENTRIES = env_int("ASHYQ_XLSX_MAX_ENTRIES", 1000, minimum=10)

# Bounds of every input (ashyq/core/bounds.py, docs/input-limits.md): dates from the earliest date to
# 31 December of the year ASHYQ_YEARS_AHEAD years after today; long text at most ASHYQ_TEXT_MAX_CHARS.
ASHYQ_EARLIEST_DATE = env_date("ASHYQ_EARLIEST_DATE", datetime.date(2000, 1, 1))
ASHYQ_YEARS_AHEAD = env_int("ASHYQ_YEARS_AHEAD", 5, minimum=1)
ASHYQ_TEXT_MAX_CHARS = env_int("ASHYQ_TEXT_MAX_CHARS", 20_000, minimum=1000)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {
        "handlers": ["console"],
        "level": env_choice("ASHYQ_LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR")),
    },
}

ASHYQ_SITE_NAME = _("Ashyq")

# The efficiency evaluation portal (seed 003; docs/portal.md).
# Reports on strategic plans and development programmes: (month, day) of the year after the reporting year by which
# each level publishes (003 §4 central state bodies, §5 oblasts / cities of republican significance / the capital,
# §6 districts / cities of oblast significance). A report published on that day is on time (ADR 0060).
ASHYQ_PLAN_REPORT_DUE = {"central": (2, 20), "regional": (3, 1), "district": (2, 1)}
# Questions one network address may send to internet conferences in an hour (003 §8: a limit instead of a captcha).
ASHYQ_CONFERENCE_QUESTIONS_PER_HOUR = env_int("ASHYQ_CONFERENCE_QUESTIONS_PER_HOUR", 5, minimum=1)
# Reverse proxies in front of the site that append the client's address to X-Forwarded-For (0: none, the
# connection's own address is the client's). Counted from the right, so a client cannot forge its address.
ASHYQ_PROXY_HOPS = env_int("ASHYQ_PROXY_HOPS", 0, minimum=0)
# The licence of the open data sets (docs/portal.md).
ASHYQ_OPEN_DATA_LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
