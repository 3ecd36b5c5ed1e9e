"""Settings, all from the environment, with typed parsers that fail loudly.

With nothing set, Wuji runs as the demo: SQLite under var/, no broker (tasks
inline), keys generated once under var/. `WUJI_ENV=production` refuses to start
without real keys and a real SECRET_KEY.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
from pathlib import Path
from urllib.parse import unquote, urlparse

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("WUJI_VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false)")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


def parse_database_url(url: str) -> dict[str, object]:
    """sqlite:///relative/or//absolute/path, postgres://user:pw@host:port/name."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path[1:] if parsed.path.startswith("/") else parsed.path)
        name = path if path.startswith("/") or path == ":memory:" else str(BASE_DIR / path)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name,
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    if parsed.scheme in {"postgres", "postgresql", "pgsql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": 60,
        }
    raise ImproperlyConfigured(f"DATABASE_URL scheme {parsed.scheme!r} is not supported (sqlite or postgres)")


WUJI_ENV = env_str("WUJI_ENV", "demo")
if WUJI_ENV not in {"demo", "test", "production"}:
    raise ImproperlyConfigured(f"WUJI_ENV={WUJI_ENV!r}: use demo, test or production")
PRODUCTION = WUJI_ENV == "production"


def _local_keys() -> dict[str, str]:
    """Keys for the demo: generated once, kept under var/ (never in the repo)."""
    path = VAR_DIR / "keys.json"
    if path.exists():
        return dict(json.loads(path.read_text()))
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    keys = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "WUJI_FIELD_KEYS": Fernet.generate_key().decode(),
        "WUJI_INDEX_KEY": secrets.token_urlsafe(32),
    }
    path.write_text(json.dumps(keys, indent=2))
    path.chmod(0o600)
    return keys


def _key(name: str) -> str:
    value = env_str(name)
    if value:
        return value
    if PRODUCTION:
        raise ImproperlyConfigured(f"{name} must be set in production")
    return _local_keys()[name]


SECRET_KEY = _key("SECRET_KEY")
# Fernet keys for ID numbers and phones; comma-separated, newest first (rotation).
WUJI_FIELD_KEYS = [k.strip() for k in _key("WUJI_FIELD_KEYS").split(",") if k.strip()]
# HMAC key of the blind index used to find a person by exact ID number.
WUJI_INDEX_KEY = _key("WUJI_INDEX_KEY")

DEBUG = env_bool("DEBUG", WUJI_ENV == "demo")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_filters",
    "treebeard",
    "auditlog",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "wuji.core",
    "wuji.accounts",
    "wuji.orgs",
    "wuji.people",
    "wuji.audit",
    "wuji.activities",
    "wuji.governance",
    "wuji.support",
    "wuji.portal",
    "wuji.standards",
    "wuji.campaigns",
    "wuji.assessment",
    "wuji.ledgers",
    "wuji.reports",
    "wuji.api",
    "wuji.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wuji.core.middleware.WujiAuditlogMiddleware",
    "wuji.core.middleware.SecurityMiddleware",
]

ROOT_URLCONF = "wuji.urls"
WSGI_APPLICATION = "wuji.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": parse_database_url(env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'wuji.sqlite3'}")),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if WUJI_ENV == "test":
    # Hashing speed is not what the tests measure.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
# AUTH_PASSWORD_VALIDATORS: see "Login security" below.

SESSION_COOKIE_AGE = env_int("WUJI_SESSION_AGE", 8 * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "zh-hans"
# English follows once it has a catalogue (locale/en); offered before that, a browser asking for English got the
# Chinese text with English dates ("截至 Oct. 31, 2010"). Until then such a browser gets Simplified Chinese.
LANGUAGES = [("zh-hans", "简体中文"), ("zh-hant", "繁體中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["wuji.formats"]  # dates as people write them (9月5日); templates use the named formats
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# The audit trail records who did what from where; the middleware sets the actor.
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

# Roles that see full ID numbers and phones (everyone else sees them masked).
WUJI_ROLES_SEE_PERSONAL_DATA = env_list("WUJI_ROLES_SEE_PERSONAL_DATA", ["officer"])
WUJI_PAGE_SIZE = env_int("WUJI_PAGE_SIZE", 50)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
# Only behind a reverse proxy that sets it: otherwise a client could forge its address.
WUJI_TRUST_X_FORWARDED_FOR = env_bool("WUJI_TRUST_X_FORWARDED_FOR", False)


def env_date(name: str) -> dt.date | None:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a date (YYYY-MM-DD)") from exc


# The day figures are computed for when a user has not picked one (blank: today).
# `make run` serves the demo township as it stood in the seed's year.
WUJI_DEFAULT_AS_OF = env_date("WUJI_DEFAULT_AS_OF")

# Uploaded photos and documents: refused above this size (bytes).
WUJI_UPLOAD_MAX_BYTES = env_int("WUJI_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Public disclosure pages: requests a minute from one address before 429.
WUJI_PUBLIC_RATE_PER_MINUTE = env_int("WUJI_PUBLIC_RATE_PER_MINUTE", 120)

# A cache for rate limits: Redis when REDIS_URL is set, else this process's memory.
REDIS_URL = env_str("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "wuji"}
    )
}

# --- REST API (wuji/api) -------------------------------------------------------
# Token (Authorization: Token <key>, from POST /api/token/) or the session (browsable API, with CSRF).
# Every endpoint: officer/secretary/inspector only (auditor and sysadmin get 403); writes need If-Match.
REST_FRAMEWORK: dict[str, object] = {
    "DEFAULT_SCHEMA_CLASS": "wuji.api.schema.WujiAutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "wuji.api.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["wuji.api.permissions.MemberDataPermission"],
    "DEFAULT_FILTER_BACKENDS": ["wuji.api.filters.ScopedFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "wuji.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "wuji.api.exceptions.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS: dict[str, object] = {
    "TITLE": "五基 Wuji API",
    "DESCRIPTION": (
        "范围与页面相同（支部书记只见本支部）。个人信息默认脱敏，`?reveal=1` 显示完整号码（有权角色，记入审计）。"
        "读取单条记录时响应带 ETag（版本号）；PUT/PATCH/DELETE 须带 If-Match：版本已变 → 412，缺少 → 428。"
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["wuji.api.permissions.MemberDataPermission"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "OrgKindEnum": "wuji.orgs.choices.OrgKind",
        "TrainingKindEnum": "wuji.people.choices.TrainingKind",
        "FacilityKindEnum": "wuji.support.choices.FacilityKind",
        "DisclosureKindEnum": "wuji.governance.choices.DisclosureKind",
        "AssessmentKindEnum": "wuji.assessment.models.Assessment.Kind",
        "MatterStatusEnum": "wuji.governance.choices.MatterStatus",
        "AssessmentStatusEnum": "wuji.assessment.models.Assessment.Status",
        "RectificationStatusEnum": "wuji.assessment.models.Rectification.Status",
    },
}

# API tokens end after this many hours (0: never); then the client asks /api/token/ again.
WUJI_API_TOKEN_HOURS = env_int("WUJI_API_TOKEN_HOURS", 8)

# --- Background jobs (Celery; wuji/celery.py) ------------------------------------
# With REDIS_URL (or CELERY_BROKER_URL) set, jobs go to Redis and `celery -A wuji worker`
# runs them; without a broker every task runs inline, where it is enqueued.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# A job keeps its own state on its row (wuji/ledgers/models.py ImportJob): no result backend.
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A worker that dies mid-job hands it back; jobs are idempotent, so running one twice is harmless.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# Ledger workbooks larger than this (bytes) are imported by a worker with a progress bar;
# smaller ones in the request. Private uploads (imports) live under var/, never under MEDIA_ROOT.
WUJI_IMPORT_INLINE_MAX_BYTES = env_int("WUJI_IMPORT_INLINE_MAX_BYTES", 100 * 1024)
WUJI_PRIVATE_ROOT = VAR_DIR / "private"

# --- Login security (等保 2.0; wuji/accounts) -------------------------------------
# Every control is set from the environment; a township at 等保 level 2 may relax one.
INSTALLED_APPS += ["axes", "django_otp", "django_otp.plugins.otp_totp"]
# The second-factor check needs request.user; axes maps lockouts onto responses, last.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
    "wuji.accounts.middleware.LoginSecurityMiddleware",
)
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "wuji.accounts.backends.WujiModelBackend"]

# 身份鉴别: password rules.
WUJI_PASSWORD_MIN_LENGTH = env_int("WUJI_PASSWORD_MIN_LENGTH", 10)
# How many of: lower-case letters, upper-case letters, digits, symbols.
WUJI_PASSWORD_CHAR_CLASSES = env_int("WUJI_PASSWORD_CHAR_CLASSES", 3)
# The last N passwords may not be chosen again (0: no history).
WUJI_PASSWORD_HISTORY = env_int("WUJI_PASSWORD_HISTORY", 5)
# Days after which a password must be changed at the next login (0: never expires). Off by
# default outside production, so the demo's documented password keeps working.
WUJI_PASSWORD_MAX_AGE_DAYS = env_int("WUJI_PASSWORD_MAX_AGE_DAYS", 90 if PRODUCTION else 0)
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "wuji.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": WUJI_PASSWORD_MIN_LENGTH},
    },
    {"NAME": "wuji.accounts.validators.CharacterClassValidator"},
    {"NAME": "wuji.accounts.validators.PersonalDataValidator"},
    {"NAME": "wuji.accounts.validators.UserAttributeSimilarityValidator"},
    {"NAME": "wuji.accounts.validators.CommonPasswordValidator"},
    {"NAME": "wuji.accounts.validators.NumericPasswordValidator"},
    {"NAME": "wuji.accounts.validators.PasswordHistoryValidator"},
]

# Lockout after repeated failures on every login path (web, /admin/, /api/token/): by
# account, or account and address — never by address alone (a township office shares one).
WUJI_LOGIN_FAILURE_LIMIT = env_int("WUJI_LOGIN_FAILURE_LIMIT", 5)
WUJI_LOCKOUT_MINUTES = env_int("WUJI_LOCKOUT_MINUTES", 30)
WUJI_LOCKOUT_BY = env_str("WUJI_LOCKOUT_BY", "username")
if WUJI_LOCKOUT_BY not in {"username", "username_ip"}:
    raise ImproperlyConfigured(f"WUJI_LOCKOUT_BY={WUJI_LOCKOUT_BY!r}: use username or username_ip")
AXES_ENABLED = True
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = WUJI_LOGIN_FAILURE_LIMIT
AXES_LOCKOUT_PARAMETERS = [["username"]] if WUJI_LOCKOUT_BY == "username" else [["username", "ip_address"]]
AXES_COOLOFF_TIME = dt.timedelta(minutes=WUJI_LOCKOUT_MINUTES) if WUJI_LOCKOUT_MINUTES > 0 else None
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "wuji.core.middleware.client_ip"
# A locked account gets the same answer as a wrong password (no account probing).
AXES_LOCKOUT_CALLABLE = "wuji.accounts.security.lockout_response"
AXES_VERBOSE = False
# Logins are in the audit trail already; axes keeps only the failure counts.
AXES_DISABLE_ACCESS_LOG = True
AXES_SENSITIVE_PARAMETERS = ["password", "otp_token", "token"]
# axes warns when the address is not a lockout key; locking a whole township office out
# because one clerk mistyped is the bigger harm (the lockout is per account by design).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Sessions: idle timeout and absolute lifetime (WUJI_SESSION_AGE, seconds, above).
WUJI_SESSION_IDLE_MINUTES = env_int("WUJI_SESSION_IDLE_MINUTES", 30)

# Second factor (TOTP): on in production, off in the demo (the login page says so) and in
# tests (they switch it on with override_settings).
WUJI_2FA = env_bool("WUJI_2FA", PRODUCTION)
WUJI_2FA_ROLES = env_list("WUJI_2FA_ROLES", ["officer", "inspector", "auditor", "sysadmin", "secadmin"])
OTP_TOTP_ISSUER = "五基 Wuji"
# Production refuses a Django superuser at login: daily work is done with a role (三权分立).
WUJI_REFUSE_SUPERUSER = env_bool("WUJI_REFUSE_SUPERUSER", PRODUCTION)

# --- Security headers (等保 2.0 安全审计 / 入侵防范; wuji/audit, wuji/core/middleware.py) ---
# The audit trail (data changes and security events) is kept at least this many days;
# a system check refuses less than 180.
WUJI_AUDIT_RETENTION_DAYS = env_int("WUJI_AUDIT_RETENTION_DAYS", 365)
# The key of the audit hash chains (never stored in the database); by default the blind-index key,
# which cannot change without a re-index anyway.
WUJI_AUDIT_CHAIN_KEY = env_str("WUJI_AUDIT_CHAIN_KEY") or WUJI_INDEX_KEY
# HTTPS only in production (behind a TLS-terminating proxy, WUJI_TRUST_X_FORWARDED_FOR also trusts
# its X-Forwarded-Proto). Cookies: secure, HttpOnly; the CSRF token reaches htmx through the page.
SECURE_SSL_REDIRECT = env_bool("WUJI_SSL_REDIRECT", PRODUCTION)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if WUJI_TRUST_X_FORWARDED_FOR else None
SECURE_HSTS_SECONDS = env_int("WUJI_HSTS_SECONDS", 365 * 24 * 3600 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("WUJI_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("WUJI_HSTS_PRELOAD", PRODUCTION)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = True
