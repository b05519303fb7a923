"""Leerkring settings, read from the environment (see .env.example).

Defaults give a local, self-contained app: an SQLite file under ``data/`` and Dutch
as the language. Production sets ``DEBUG=false`` and the variables in .env.example.
"""

import os
from pathlib import Path

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / "data"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str(
    "SECRET_KEY",
    default="insecure-local-key-only-for-development-and-tests-0123456789abcdef",
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# Leerkring's apps come first: their templates and translations win over
# Django's own (e.g. "Log in" is "Inloggen" here, not the admin's "Aanmelden").
# Their order is the order of the method: demo data is built in this order.
INSTALLED_APPS = [
    "leerkring.core",
    "leerkring.accounts",
    "leerkring.communities",
    "leerkring.meetings",
    "leerkring.intake",
    "leerkring.agreements",
    "leerkring.tracks",
    "leerkring.assignments",
    "leerkring.journal",
    "leerkring.pulses",
    "leerkring.reports",
    "leerkring.alumni",
    "leerkring.cohorts",
    "leerkring.identity",
    "leerkring.retention",
    "leerkring.api",
    "leerkring.lti",
    # The top layer: the home page and the demo gather from every app above.
    "leerkring.home",
    # Before django_tasks_db: its fault-tolerant db_worker command wins.
    "leerkring.operations",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "axes",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "leerkring.core.middleware.UserLanguageMiddleware",
    "leerkring.core.middleware.RememberAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "leerkring.urls"
WSGI_APPLICATION = "leerkring.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "leerkring" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite file by default, anything else through DATABASE_URL.
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'leerkring.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; IMMEDIATE takes the write
    # lock at BEGIN, so concurrent writers wait (busy timeout) instead of
    # failing with "database is locked" half-way through a transaction.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file (not memory) so that concurrency tests see real locking; one per
    # process so that parallel test runs never share a database.
    DATABASES["default"]["TEST"] = {
        "NAME": str(DATA_DIR / f"test-{os.getpid()}.sqlite3")
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# The client's address: from X-Forwarded-For only behind this many trusted proxies
# that each append to it (e.g. 1 behind one nginx); 0 (default) ignores the header,
# which anyone can forge. Used by the login throttle, rate limits and audit log.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Login throttling (django-axes, leerkring/accounts/throttling.py): after 5 failures
# for one account from one client address that pair waits 1 minute, and each further
# lock-out within a day doubles the wait up to AXES_COOLOFF_MINUTES; other clients,
# and a sign-in link by e-mail, still work for the owner.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = "leerkring.accounts.throttling.cool_off"
AXES_COOLOFF_MAX_MINUTES = env.int("AXES_COOLOFF_MINUTES", default=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "leerkring.accounts.throttling.username"
AXES_CLIENT_IP_CALLABLE = "leerkring.core.audit.client_ip"
AXES_LOCKOUT_CALLABLE = "leerkring.accounts.views.locked_out"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Password-reset and sign-in-link e-mails: at most this many an hour per address
# and per client address.
MAIL_REQUESTS_PER_ADDRESS = env.int("MAIL_REQUESTS_PER_ADDRESS", default=3)
MAIL_REQUESTS_PER_CLIENT = env.int("MAIL_REQUESTS_PER_CLIENT", default=10)
# A sign-in link works once, for this many minutes.
LOGIN_LINK_MAX_AGE_MINUTES = env.int("LOGIN_LINK_MAX_AGE_MINUTES", default=15)

# Single sign-on (SURFconext and other OIDC/SAML identity providers) through
# django-allauth's socialaccount; see docs/identity.md. Leerkring's own login
# page stays the password login: allauth's account views are not mounted.
ACCOUNT_ADAPTER = "leerkring.identity.adapter.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "leerkring.identity.adapter.SocialAccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = 10
# The sign-in buttons are links: a form POST that redirects to the identity
# provider's origin would be blocked by the CSP's form-action 'self'.
SOCIALACCOUNT_LOGIN_ON_GET = True
# Minimal attributes: name, e-mail and (as a hint) the affiliation.
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "SCOPE": ["openid", "profile", "email", "eduperson_affiliation"],
    }
}
# A first SSO sign-in with the address of an existing account waits for that
# account's owner to confirm by e-mail, for this many hours.
SSO_LINK_MAX_AGE_HOURS = env.int("SSO_LINK_MAX_AGE_HOURS", default=24)

# Retention: private content of a period (journal entries, intake notes,
# check-in answers) is removed this many months after the period ends, unless
# the organisation chose otherwise; members are told this many days before.
RETENTION_DEFAULT_MONTHS = env.int("RETENTION_DEFAULT_MONTHS", default=12)
RETENTION_NOTICE_DAYS = env.int("RETENTION_NOTICE_DAYS", default=30)
# Sub-processors shown to the privacy officer and in the processing register,
# as JSON: [{"name": "...", "purpose": "...", "location": "..."}]. None by
# default: Leerkring runs on the institution's own servers.
PRIVACY_SUBPROCESSORS = env.json("PRIVACY_SUBPROCESSORS", default=[])

# Invitations expire after this many days.
INVITATION_MAX_AGE_DAYS = env.int("INVITATION_MAX_AGE_DAYS", default=14)

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LANGUAGE_COOKIE_NAME = "leerkring_language"
LOCALE_PATHS = [BASE_DIR / "leerkring" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "leerkring" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = True
# Files served at the site's root: /favicon.ico, which browsers ask for by themselves.
WHITENOISE_ROOT = BASE_DIR / "leerkring" / "public"
WHITENOISE_MANIFEST_STRICT = False
MEDIA_ROOT = DATA_DIR / "media"

# E-mail: printed to the console unless EMAIL_URL names an SMTP server, e.g.
# smtp+tls://user:password@smtp.example.nl:587
_email = env.email_url("EMAIL_URL", default="consolemail://")
if _email["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend":
    _email["EMAIL_BACKEND"] = "leerkring.core.mail.EmailBackend"  # links unwrapped
_smtp_options = {
    "host": _email.get("EMAIL_HOST"),
    "port": _email.get("EMAIL_PORT"),
    "username": _email.get("EMAIL_HOST_USER"),
    "password": _email.get("EMAIL_HOST_PASSWORD"),
    "use_tls": _email.get("EMAIL_USE_TLS"),
    "use_ssl": _email.get("EMAIL_USE_SSL"),
    "timeout": 20,
}
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": (
            {key: value for key, value in _smtp_options.items() if value}
            if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Leerkring <noreply@leerkring.nl>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: Django's tasks framework on a database-backed queue.
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

# The worker beats every few seconds; a task whose worker has not beaten for
# WORKER_LOST_AFTER_SECONDS was lost with it (see leerkring/core/background.py).
WORKER_HEARTBEAT_SECONDS = env.float("WORKER_HEARTBEAT_SECONDS", default=5)
WORKER_LOST_AFTER_SECONDS = env.float("WORKER_LOST_AFTER_SECONDS", default=60)
WORKER_MAX_BACKOFF_SECONDS = env.float("WORKER_MAX_BACKOFF_SECONDS", default=30)
# Administrators get lost tasks and server errors by e-mail (comma-separated).
ADMINS = env.list("ADMINS", default=[])

# Security. A strict Content-Security-Policy: no inline script or style anywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Django's own "django" logger prints to the console under DEBUG and also
    # passes each record on to the root: the worker's task lines came out twice.
    "loggers": {"django": {"handlers": [], "level": "INFO", "propagate": True}},
}

# API: requests per minute for one personal token; a new token's longest life.
API_TOKEN_RATE_LIMIT = env.int("API_TOKEN_RATE_LIMIT", default=120)
API_TOKEN_MAX_DAYS = env.int("API_TOKEN_MAX_DAYS", default=365)

# LTI: Leerkring fetches a platform's keys and services over HTTPS; plain HTTP
# only for development and the tests' platform on 127.0.0.1.
LTI_ALLOW_HTTP = env.bool("LTI_ALLOW_HTTP", default=DEBUG)

# Asking ``core.access.allowed`` about an undeclared (model, action) pair raises
# instead of answering no; the tests turn it on so a typo in an action fails.
ACCESS_STRICT = False
