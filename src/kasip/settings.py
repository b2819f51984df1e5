"""Kasip settings: everything that differs between machines comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("KASIP_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or env_bool("KASIP_DEMO", False) or os.environ.get("PYTEST_VERSION"):
        SECRET_KEY = "kasip-insecure-development-key-do-not-use-in-production"
    else:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECRET_KEY must be set (or run with KASIP_DEMO=1 / DEBUG=1).")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "axes",
    "ninja",
    "kasip.core",
    "kasip.registry",
    "kasip.partners",
    "kasip.outcomes",
    "kasip.dual",
    "kasip.labour",
    "kasip.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kasip.core.middleware.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "kasip.core.middleware.CurrentActorMiddleware",
]

ROOT_URLCONF = "kasip.urls"
WSGI_APPLICATION = "kasip.wsgi.application"

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
                "csp.context_processors.nonce",
                "kasip.context_processors.kasip",
            ],
        },
    },
]

# --- database -------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("KASIP_SQLITE_PATH", str(VAR_DIR / "kasip.sqlite3")),
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA busy_timeout=20000; PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- auth -----------------------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "landing"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
KASIP_INVITATION_DAYS = int(os.environ.get("KASIP_INVITATION_DAYS", "14"))

AXES_FAILURE_LIMIT = int(os.environ.get("KASIP_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# --- email ----------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kasip <noreply@kasip.local>")
KASIP_BASE_URL = os.environ.get("KASIP_BASE_URL", "http://127.0.0.1:8000")

# --- languages ------------------------------------------------------------------------
LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
LANGUAGE_CODE = os.environ.get("KASIP_DEFAULT_LANGUAGE", "ru")
if LANGUAGE_CODE not in {code for code, _name in LANGUAGES}:
    LANGUAGE_CODE = "ru"
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "kasip_language"
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True

# --- static and media -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
# Signed documents: no public URL, served only after a permission check (empty: beside MEDIA_ROOT).
KASIP_PRIVATE_ROOT = os.environ.get("KASIP_PRIVATE_ROOT", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or os.environ.get("PYTEST_VERSION")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = bool(os.environ.get("PYTEST_VERSION")) or DEBUG

# --- security -------------------------------------------------------------------------
# Secure by default; `make run` serves plain http on 127.0.0.1 and says so with KASIP_HTTPS=0.
HTTPS = env_bool("KASIP_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = env_bool("KASIP_SSL_REDIRECT", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'", "wss://127.0.0.1:13579"],  # NCALayer on the signer's computer (ЭЦП)
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- ЭЦП (digital signatures through NCALayer) -------------------------------------------
# A dotted path to verify(cms_der, document, signer) raising kasip.dual.signatures.SignatureProblem to refuse;
# the default checks the CMS's structure, signer and digest only: plug NCANode or the national PKI check here.
KASIP_ECP_VERIFIER = os.environ.get("KASIP_ECP_VERIFIER", "kasip.dual.signatures.structure_only")

# --- uploads and imports --------------------------------------------------------------
KASIP_IMPORT_MAX_BYTES = int(os.environ.get("KASIP_IMPORT_MAX_BYTES", str(20 * 1024 * 1024)))
KASIP_IMPORT_MAX_ROWS = int(os.environ.get("KASIP_IMPORT_MAX_ROWS", "200000"))
KASIP_IMPORT_MAX_CELL = int(os.environ.get("KASIP_IMPORT_MAX_CELL", "1000"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- reference data -------------------------------------------------------------------
_default_reference = PROJECT_DIR.parent / "shared" / "data" / "reference"
KASIP_REFERENCE_DIR = os.environ.get(
    "KASIP_REFERENCE_DIR", str(_default_reference) if _default_reference.exists() else ""
)

# The occupation coder's file (`make coder`, `kasip coder-train`)
KASIP_CODER_PATH = os.environ.get("KASIP_CODER_PATH", str(VAR_DIR / "coder.pkl"))
# Titles coded with a confidence below this (or only to a broader group, or not at all) go to the coding queue;
# the coder is retrained with the analysts' codings nightly at KASIP_CODER_TRAIN_HOUR (local time) when there
# are new ones.
KASIP_CODING_QUEUE_THRESHOLD = float(os.environ.get("KASIP_CODING_QUEUE_THRESHOLD", "0.6"))
# Vacancy ingest: an ad with the employer, normalised title and district of one kept within this many days is a
# re-post; files up to this size are accepted from the web and the API (the CLI reads any size).
KASIP_VACANCY_DEDUP_DAYS = int(os.environ.get("KASIP_VACANCY_DEDUP_DAYS", "30"))
# The gap: an occupation is in demand when demand >= KASIP_GAP_RATIO x supply and exceeds it by KASIP_GAP_MIN
# or more; in surplus the other way round; balanced otherwise (labour.selectors.gap).
KASIP_GAP_RATIO = float(os.environ.get("KASIP_GAP_RATIO", "1.5"))
KASIP_GAP_MIN = float(os.environ.get("KASIP_GAP_MIN", "5"))
# Exposure to automation and AI: the indices the composite rank uses, and the share of unit groups (by that rank)
# called "most exposed" (labour.selectors.exposure).
KASIP_EXPOSURE_INDICES = os.environ.get("KASIP_EXPOSURE_INDICES", "ilo_genai_2025,nesta_risk,frey_osborne,aioe")
KASIP_EXPOSED_SHARE = float(os.environ.get("KASIP_EXPOSED_SHARE", "0.2"))
KASIP_DEMO_VACANCIES = int(os.environ.get("KASIP_DEMO_VACANCIES", "60000"))  # synthetic job ads of the demo region
KASIP_VACANCY_UPLOAD_MAX_BYTES = int(os.environ.get("KASIP_VACANCY_UPLOAD_MAX_BYTES", str(200 * 1024 * 1024)))
KASIP_CODER_TRAIN_HOUR = int(os.environ.get("KASIP_CODER_TRAIN_HOUR", "2"))

# --- background jobs ------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
BROKER_DIR = VAR_DIR / "broker"
if os.environ.get("PYTEST_VERSION") and not REDIS_URL:
    CELERY_BROKER_URL = "memory://"  # tests run tasks eagerly or in an in-process worker
    CELERY_BROKER_TRANSPORT_OPTIONS = {}
elif REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS: dict = {}
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "store_processed": False,
    }
for _folder in (VAR_DIR, STATIC_ROOT, BROKER_DIR / "queue", BROKER_DIR / "processed"):
    try:
        _folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only install; the worker and the web server create their own
        pass
# Eager (in-process) only in tests; everywhere else jobs go to the worker.
# Daily jobs, run by the worker's embedded beat (scripts/serve.sh starts the worker with -B): the college is
# told of trainees who fell behind (KASIP_PROGRESS_CHECK_HOUR, local time, 7 by default); the occupation coder
# is retrained with the analysts' new codings, if any (KASIP_CODER_TRAIN_HOUR, 2 by default).
CELERY_BEAT_SCHEDULE = {
    "dual-check-progress": {
        "task": "kasip.dual.check_progress",
        "schedule": crontab(hour=int(os.environ.get("KASIP_PROGRESS_CHECK_HOUR", "7")), minute=0),
    },
    "labour-train-coder": {
        "task": "kasip.labour.train_coder",
        "schedule": crontab(hour=KASIP_CODER_TRAIN_HOUR, minute=0),
        "kwargs": {"only_if_new": True},
    },
}
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ALWAYS_EAGER = env_bool("KASIP_TASKS_EAGER", bool(os.environ.get("PYTEST_VERSION")))
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# --- logging --------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

KASIP_DEMO = env_bool("KASIP_DEMO", False)
KASIP_SITE_NAME = _("Kasip")

# Dual training's logbook (kasip.dual): the share of production training at the enterprise below which a
# trainee is flagged (per cent), the fraction of the expected hours below which a trainee is behind, and the
# daily maximum hours of minors (no overtime).
KASIP_ENTERPRISE_SHARE = os.environ.get("KASIP_ENTERPRISE_SHARE", "60")
KASIP_BEHIND_FRACTION = os.environ.get("KASIP_BEHIND_FRACTION", "0.8")
KASIP_MINOR_DAILY_HOURS_UNDER_16 = os.environ.get("KASIP_MINOR_DAILY_HOURS_UNDER_16", "5")
KASIP_MINOR_DAILY_HOURS_UNDER_18 = os.environ.get("KASIP_MINOR_DAILY_HOURS_UNDER_18", "7")
