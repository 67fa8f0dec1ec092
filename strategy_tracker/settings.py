"""Settings for the Decision 411 tracker, read from the environment and from nothing else.

The environment is the process's, completed by the configuration file (TRACKER_ENV_FILE, default `.env` at the
project root: strategy_tracker.configuration). With DEBUG on, defaults let a newcomer try the tracker with nothing
else installed (SQLite under var/); with DEBUG off nothing falls back: without DATABASE_URL or SECRET_KEY every
command and the app stop at start, naming the variable. The test run sets its own variables (pyproject.toml,
[tool.pytest.ini_options] env, through pytest-env): the settings never ask whether they are under test.
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from strategy_tracker.configuration import group_roles, read_env_file, require

BASE_DIR = Path(__file__).resolve().parent.parent
ENV_FILE = read_env_file(BASE_DIR)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# With DEBUG off, no command and no server starts without its database and its key: a backup or a reminder run from
# cron with neither would otherwise work on an empty development database and say nothing.
if not DEBUG:
    require(["DATABASE_URL", "SECRET_KEY"], env_file=ENV_FILE, base_dir=BASE_DIR)
SECRET_KEY = os.environ.get("SECRET_KEY") or "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "rest_framework",
    # API tokens are knox's (hashed, expiring: strategy_tracker.security); DRF's own token app is not installed, so
    # the admin shows one token section, the one the API reads.
    "knox",
    "drf_spectacular",
    "django_tables2",
    "django_filters",
    "simple_history",
    "indicators",
    "plans",
    "reporting",
    "reports",
    "dashboard",
    "publication",
    "notifications",
    "directory",
    "targets",
    "search",
    "places",
    "quality",
    "strategy_tracker",  # last: its migration makes the data-version triggers on every other app's tables
]

MIDDLEWARE = [
    "strategy_tracker.middleware.RequestLogMiddleware",
    "strategy_tracker.middleware.ApiAnswersMiddleware",
    "strategy_tracker.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "strategy_tracker.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "strategy_tracker.middleware.SignedInPagesMiddleware",
    # Last: it answers a locked-out login with the Vietnamese lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "strategy_tracker.urls"
WSGI_APPLICATION = "strategy_tracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or "sqlite:///var/db.sqlite3",  # no URL: DEBUG is on (above)
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
# A database that fails is survived: a connection kept between requests is checked before it is reused (a restarted
# database costs no request), and a database that hangs costs a quick 503 (strategy_tracker.views.server_failure)
# rather than a hung server: connecting gives up after DB_CONNECT_TIMEOUT seconds, a statement (a lock wait
# included) after DB_STATEMENT_TIMEOUT (0: no limit, for a long migration run by hand).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DB_CONNECT_TIMEOUT = int(os.environ.get("DB_CONNECT_TIMEOUT", "3"))
DB_STATEMENT_TIMEOUT = float(os.environ.get("DB_STATEMENT_TIMEOUT", "5"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        connect_timeout=DB_CONNECT_TIMEOUT, options=f"-c statement_timeout={int(DB_STATEMENT_TIMEOUT * 1000)}"
    )
# /healthz answers within this many seconds, whatever the database does; a 503 asks to try again after
# DB_RETRY_AFTER seconds.
HEALTHZ_TIMEOUT = float(os.environ.get("HEALTHZ_TIMEOUT", "2"))
DB_RETRY_AFTER = int(os.environ.get("DB_RETRY_AFTER", "5"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A relative file (sqlite:///var/db.sqlite3) is under the project, whatever directory a command runs from.
    if DATABASES["default"]["NAME"] != ":memory:":
        DATABASES["default"]["NAME"] = str(BASE_DIR / DATABASES["default"]["NAME"])
    # Two saves of one submission at the same instant: each transaction takes SQLite's write lock when it begins
    # (IMMEDIATE), and the second waits for the first (timeout, in seconds) instead of failing with "database is
    # locked"; it then reads the new version and is refused as outdated, as on PostgreSQL. WAL lets pages read
    # while someone writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": int(os.environ.get("SQLITE_TIMEOUT", "20")),
        "init_command": "PRAGMA journal_mode=WAL;",
    }
    # A file, not memory, so that the concurrency tests' threads share one database.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test_db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Axes first: it refuses a locked-out person before any password is checked, and counts every refused sign-in,
# a directory's included. Then Django's backend, reading the person with their membership and its unit
# (strategy_tracker.backends): local accounts sign in whatever a directory does. Then the directories, when
# configured (directory.backends).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "strategy_tracker.backends.MemberBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sign-in through the ministry's LDAP directory or Active Directory (directory.ldap), when LDAP_SERVER_URI is set:
# the person is found under LDAP_USER_SEARCH_BASE with LDAP_USER_FILTER through the service account, their password
# checked by a bind as them, their groups read under LDAP_GROUP_SEARCH_BASE. StartTLS unless LDAP_START_TLS=0 (or
# an ldaps:// address), the certificate checked against LDAP_CA_FILE (else the system's authorities).
LDAP_SERVER_URI = os.environ.get("LDAP_SERVER_URI", "").strip()
LDAP_BIND_DN = os.environ.get("LDAP_BIND_DN", "")
LDAP_BIND_PASSWORD = os.environ.get("LDAP_BIND_PASSWORD", "")
LDAP_USER_SEARCH_BASE = os.environ.get("LDAP_USER_SEARCH_BASE", "")
LDAP_USER_FILTER = os.environ.get("LDAP_USER_FILTER") or "(uid=%(user)s)"
LDAP_GROUP_SEARCH_BASE = os.environ.get("LDAP_GROUP_SEARCH_BASE", "")
LDAP_START_TLS = env_bool("LDAP_START_TLS", True)
LDAP_CA_FILE = os.environ.get("LDAP_CA_FILE", "")
LDAP_TIMEOUT = int(os.environ.get("LDAP_TIMEOUT", "5"))  # seconds, whole (ldap3 sets socket options with it)
# Directory group (an LDAP DN or an OpenID Connect claim value) → role: JSON, {"<group>": "reviewer" | "leader" |
# "administrator" | "reporter:<unit key>"}; the admin's mappings (directory.DirectoryGroupRole) are read first.
LDAP_GROUP_ROLES = group_roles(os.environ.get("LDAP_GROUP_ROLES", ""))
if LDAP_SERVER_URI:
    if not LDAP_USER_SEARCH_BASE:
        raise ImproperlyConfigured("LDAP_SERVER_URI is set: LDAP_USER_SEARCH_BASE must say where people are.")
    AUTHENTICATION_BACKENDS.append("directory.backends.LdapBackend")

# Single sign-on through OpenID Connect (mozilla-django-oidc), when OIDC_RP_CLIENT_ID is set: the login page shows
# its button; the person is named by OIDC_USERNAME_CLAIM and their roles follow OIDC_GROUPS_CLAIM's values.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_USERNAME_CLAIM = os.environ.get("OIDC_USERNAME_CLAIM", "preferred_username")
OIDC_GROUPS_CLAIM = os.environ.get("OIDC_GROUPS_CLAIM", "groups")
OIDC_TIMEOUT = float(os.environ.get("OIDC_TIMEOUT", "10"))
OIDC_USE_PKCE = True
LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/"
OIDC_CALLBACK_CLASS = "directory.views.SingleSignOnCallback"
if OIDC_ENABLED:
    _oidc_missing = [
        name
        for name in (
            "OIDC_RP_CLIENT_SECRET",
            "OIDC_OP_AUTHORIZATION_ENDPOINT",
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_USER_ENDPOINT",
        )
        if not os.environ.get(name)
    ] + (["OIDC_OP_JWKS_ENDPOINT"] if OIDC_RP_SIGN_ALGO.startswith(("RS", "ES")) and not OIDC_OP_JWKS_ENDPOINT else [])
    if _oidc_missing:
        raise ImproperlyConfigured(f"OIDC_RP_CLIENT_ID is set: {', '.join(_oidc_missing)} must be set too.")
    AUTHENTICATION_BACKENDS.append("directory.backends.OidcBackend")

# Vietnamese first; English selectable through the language switcher.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False  # grouping only where a figure is formatted (years stay 2025)
FORMAT_MODULE_PATH = ["strategy_tracker.formats"]

# Development and tests serve static files straight from the finders; production runs collectstatic.
STATIC_FROM_FINDERS = env_bool("STATIC_FROM_FINDERS", DEBUG)
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "dashboard.finders.PlotlyFinder",  # plotly.js from the installed plotly package: no CDN
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if STATIC_FROM_FINDERS
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so that a refused call is answered 401 with a WWW-Authenticate header.
        "strategy_tracker.security.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated", "strategy_tracker.rights.IsMember"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON bodies only: the write API answers 415 to a form-encoded or multipart body, as its schema says.
    "DEFAULT_PARSER_CLASSES": ["strategy_tracker.parsers.TrackerJSONParser"],
    "COERCE_DECIMAL_TO_STRING": True,
    # Every list a page of 50 (`page`, `page_size` up to 200), as the pages show them.
    "DEFAULT_PAGINATION_CLASS": "strategy_tracker.pagination.PageOf50",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Decision 411 tracker API",
    "DESCRIPTION": "Indicators, targets and figures of the national digital-economy strategy.",
    "VERSION": "1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "strategy_tracker.openapi.add_error_responses",
    ],
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated", "strategy_tracker.rights.IsMember"],
    # Names that say whose status it is (a bare "StatusEnum" would clash with the next status of another kind).
    "ENUM_NAME_OVERRIDES": {
        "SubmissionStatusEnum": "reporting.api.SUBMISSION_STATUSES",
        "DeadlineStatusEnum": "reporting.api.DEADLINE_STATUSES",
    },
}

DJANGO_TABLES2_TEMPLATE = "django_tables2/table.html"

# Security. With DEBUG off the defaults are production's: HTTPS only (redirect, HSTS), secure cookies. Behind a
# reverse proxy that terminates TLS, set BEHIND_TLS_PROXY=1 (the proxy's X-Forwarded-Proto says the request came
# over HTTPS), or switch the redirect and HSTS off (SECURE_SSL_REDIRECT=0, SECURE_HSTS_SECONDS=0) when the proxy
# does them itself.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer probes over plain HTTP
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading is a commitment of the whole domain (browsers keep it for months, removal is slow): the ministry opts in.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# `check --deploy` warns while preload is off (security.W021): off is the chosen default, not an oversight.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated): the caller's
# address (login throttling, the request log) is REMOTE_ADDR for anyone else (strategy_tracker.security.client_ip).
TRUSTED_PROXY_IPS = env_list("TRUSTED_PROXY_IPS")
for _entry in TRUSTED_PROXY_IPS:
    try:
        ipaddress.ip_network(_entry, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXY_IPS: {_entry!r} is not an IP address or network (e.g. 127.0.0.1 or 10.0.0.0/24)."
        ) from None
if "TRUSTED_PROXIES" in os.environ:
    # The former setting (a count of proxies) believed whoever reached an app server directly: refuse it, so an
    # upgraded server does not quietly see every caller as the proxy.
    raise ImproperlyConfigured("TRUSTED_PROXIES is replaced by TRUSTED_PROXY_IPS (the proxies' addresses).")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True) and not DEBUG
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A session ends after a working day without activity (9 hours by default); it is saved again at most every
# SESSION_TOUCH_SECONDS (strategy_tracker.middleware.SignedInPagesMiddleware).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_HOURS", "9")) * 3600
SESSION_TOUCH_SECONDS = 300
# Sessions live in the database, shared by every app server.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# The cache (the wrong-token counters) is shared by every app server: a database table (`createcachetable`).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "tracker_cache"},
    # The public pages (publication.cache): per server, in memory; their keys change with every release.
    "public": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "public-pages"},
    # The dashboard's figures (dashboard.charts.memoized): per server, in memory, keyed by a digest of their inputs.
    "charts": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "dashboard-figures",
        "TIMEOUT": 24 * 3600,
        # The overview figure of a national data set is about 100 KB, an indicator's about 10 KB: every indicator's
        # in two languages, and the dashboard's.
        "OPTIONS": {"MAX_ENTRIES": 512},
    },
    # The consolidated table's rows (reports.selectors): per server, in memory, keyed by what they are made from.
    "reports": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "report-rows",
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 32},  # the rows of a national quarter are about 100 KB
    },
    # Each indicator's part of an answer or a page (indicators.selectors.kept_per_indicator): its API detail and its
    # item of the API list (indicators.api), its bar and verdicts on the dashboard (dashboard.selectors); per server,
    # in memory, keyed by the indicator's revision, the names it shows, the day and the language.
    "indicators": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "indicator-parts",
        "TIMEOUT": 24 * 3600,
        # The three parts of every indicator at national size in both languages; a detail is about 10 KB, an item
        # and a bar 1 KB.
        "OPTIONS": {"MAX_ENTRIES": 2048},
    },
    # Each province's judgement on an indicator (places.breakdowns): per server, in memory, keyed by a digest of the
    # province's figures, the goals, the day and the method's code; about 0,3 KB each, 34 provinces × every indicator.
    "judgements": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "province-judgements",
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 8192},
    },
    # Parts of pages (Django's {% cache %} tag), per server, in memory, keyed by the data versions they are made from
    # (strategy_tracker.versions), the day and the language; and the consolidated table's rows, each under a digest
    # of what it holds (reports/report_table.html: about 1 KB each, 81 a national table, five tables a year, in
    # two languages).
    "template_fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "page-fragments",
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 4096},
    },
}

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username from one address, that
# pair is locked out for LOGIN_LOCKOUT_MINUTES; an administrator lifts it by deleting the attempt in the admin
# ("Access attempts") or with `manage.py axes_reset_username <username>`.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "strategy_tracker.security.axes_client_ip"
AXES_VERBOSE = False
# A sign-in that the ministry's directory could not answer is not counted (directory.throttling).
AXES_HANDLER = "directory.throttling.DirectoryAwareHandler"

# API tokens (django-rest-knox): stored as a hash, shown once when an administrator creates one, valid
# API_TOKEN_DAYS days. Wrong tokens: API_TOKEN_FAILURE_LIMIT per address within API_TOKEN_FAILURE_WINDOW seconds.
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=int(os.environ.get("API_TOKEN_DAYS", "90"))),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}
API_TOKEN_FAILURE_LIMIT = int(os.environ.get("API_TOKEN_FAILURE_LIMIT", "10"))
API_TOKEN_FAILURE_WINDOW = 15 * 60
# The write API keeps the answer of a write sent with an Idempotency-Key this long: a retry with the same key within
# it is answered the same, without writing again (reporting.idempotency).
API_IDEMPOTENCY_KEY_HOURS = 24

# Content Security Policy (django-csp): scripts and styles from the app's own static files only, no inline code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # plotly.js adds a <style> element of its own rules when it loads and sets style attributes as it draws
        # (hover labels, bars): styles may be inline, scripts never (the templates have neither: tests/test_security).
        "style-src-elem": [SELF, "'unsafe-inline'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# One JSON line per log record on the console; strategy_tracker.requests writes one per request.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "strategy_tracker.logs.JSONFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "strategy_tracker.requests": {"level": "INFO" if env_bool("LOG_REQUESTS", True) else "WARNING"},
        # Every request is logged once, by strategy_tracker.requests.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "ERROR"},
    },
}

if env_bool("FAST_PASSWORD_HASHER", False):  # the test run: hashing the demo people's passwords quickly
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

WHITENOISE_USE_FINDERS = STATIC_FROM_FINDERS
WHITENOISE_AUTOREFRESH = STATIC_FROM_FINDERS

# First quarter sent through the tracker: earlier ones may be back-filled but are never counted as missing.
REPORTING_FIRST_PERIOD = os.environ.get("REPORTING_FIRST_PERIOD", "2026Q4")

# The site's address as people reach it (https://kts.example.gov.vn): the reminders link to their pages with it, and
# `send_reminders` refuses to run without it when DEBUG is off.
SITE_URL = os.environ.get("SITE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}" if DEBUG else "").rstrip("/")

# E-mail (the reminders of reports/): printed to the console unless EMAIL_HOST names an SMTP server.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "theo-doi-411@localhost")
