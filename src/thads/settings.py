"""Django settings for THADS, read from environment variables through strict parsers (``thads.lib.env``).

Variables: DEBUG, SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS, THADS_VAR_DIR, EMAIL_BACKEND, DEFAULT_FROM_EMAIL,
THADS_LOGIN_MAX_FAILURES, THADS_LOGIN_MAX_FAILURES_PER_IP, THADS_LOGIN_WINDOW_MINUTES, THADS_LOGIN_LOCK_MINUTES,
THADS_HTTPS, THADS_HSTS_PRELOAD, THADS_SESSION_IDLE_MINUTES, THADS_SESSION_MAX_HOURS, THADS_PROXY_COUNT,
THADS_MEDIA_DIR.

Secure by default (issue 12): without SECRET_KEY the application refuses to start unless DEBUG=true; with DEBUG off
the HTTPS settings are on unless THADS_HTTPS=false (a plain-HTTP intranet trial; see README).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE, NONE, SELF

from thads.lib.env import env_bool, env_int, env_list, env_secret_key, env_str, parse_database_url

PACKAGE_DIR = Path(__file__).resolve().parent
_SOURCE_ROOT = PACKAGE_DIR.parent.parent
# In a source checkout var/ sits beside pyproject.toml; an installed package uses the working directory.
_DEFAULT_VAR = _SOURCE_ROOT / "var" if (_SOURCE_ROOT / "pyproject.toml").exists() else Path.cwd() / "var"
VAR_DIR = Path(env_str("THADS_VAR_DIR", str(_DEFAULT_VAR)))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_secret_key("SECRET_KEY", debug=DEBUG)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    "thads.org",
    "thads.cases",
    "thads.cases.ledger",
    "thads.stats",
    "thads.deadlines",
    "thads.documents",
    "thads.assets",
    "thads.complaints",
    "thads.emulation",
    "thads.registers",
    "thads.submissions",
    "thads.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "thads.web.busy.BusyDatabaseMiddleware",  # outside sessions: a locked database answers 503, never 500 (busy.py)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "thads.web.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "thads.org.audit.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "thads.web.middleware.SessionIdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lock-out into the lock-out page (django-axes' rule)
]

ROOT_URLCONF = "thads.urls"
WSGI_APPLICATION = "thads.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "thads.web.context.navigation",
            ],
            "builtins": ["thads.org.templatetags.thads"],
        },
    }
]

DATABASES = {
    "default": parse_database_url(
        env_str("DATABASE_URL", "sqlite:///" + str(VAR_DIR / "thads.sqlite3")),
        sqlite_default=str(VAR_DIR / "thads.sqlite3"),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "org.User"
# django-axes first: it refuses a locked-out attempt before the password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Brute-force protection (django-axes, see thads.org.auth): N failures of one username from one address lock that
# pair, so an attacker elsewhere cannot lock a head out; N_IP failures from one address over any usernames lock the
# address (password spraying). Failures count until the lock period passes without one; the lock lasts that long
# after the last failure. History is kept: AccessLog (logins), AccessFailureLog (failures) and the audit log.
LOGIN_MAX_FAILURES = env_int("THADS_LOGIN_MAX_FAILURES", 5, minimum=1)
LOGIN_MAX_FAILURES_PER_IP = env_int("THADS_LOGIN_MAX_FAILURES_PER_IP", 20, minimum=1)
LOGIN_WINDOW_MINUTES = env_int("THADS_LOGIN_WINDOW_MINUTES", 15, minimum=1)
LOGIN_LOCK_MINUTES = env_int("THADS_LOGIN_LOCK_MINUTES", 15, minimum=1)
AXES_FAILURE_LIMIT = LOGIN_MAX_FAILURES
AXES_COOLOFF_TIME = timedelta(minutes=max(LOGIN_WINDOW_MINUTES, LOGIN_LOCK_MINUTES))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "thads.org.auth.ThadsAxesHandler"  # the per-address limit is LOGIN_MAX_FAILURES_PER_IP
AXES_CLIENT_IP_CALLABLE = "thads.org.audit.client_ip"  # the same address as the audit log (THADS_PROXY_COUNT)
AXES_LOCKOUT_CALLABLE = "thads.org.auth.lockout_response"
AXES_RESET_ON_SUCCESS = False  # keep the counts: a login with one's own account must not clear a spraying address
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # refused attempts are not counted: a lock ends on time
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False

# Vietnamese first, English second; dates dd/mm/yyyy; VND grouped with '.' (see thads/formats/).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["thads.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
try:  # whitenoise warns on every request when STATIC_ROOT is missing
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
except OSError:
    pass
# Decision documents: the place printed before the date ("Huế, ngày …"), unless a unit's letterhead says otherwise;
# SOFFICE_PATH names LibreOffice for PDF conversion (unset: looked up on PATH; empty: PDF switched off).
DOCUMENT_PLACE = env_str("THADS_DOCUMENT_PLACE", "Huế")
ATTACHMENT_MAX_MB = env_int("THADS_ATTACHMENT_MAX_MB", 20, minimum=1)
if "SOFFICE_PATH" in __import__("os").environ:
    SOFFICE_PATH = __import__("os").environ["SOFFICE_PATH"]
MEDIA_ROOT = Path(env_str("THADS_MEDIA_DIR", str(VAR_DIR / "media")))

# Rankings (issue 17): weights over thads.domain.ranking.DEFAULT_WEIGHTS as a JSON object, e.g.
# {"cases_rate": 40, "workload": 0} (the Ministry's scoring table is not public: the defaults are UNVERIFIED), and
# the smallest caseload (cases with conditions) to be ranked. Bad weights stop the start with one clear line.
THADS_RANKING_WEIGHTS = env_str("THADS_RANKING_WEIGHTS", "")
THADS_RANKING_MIN_CASES_UNIT = env_int("THADS_RANKING_MIN_CASES_UNIT", 30, minimum=0)
THADS_RANKING_MIN_CASES_OFFICER = env_int("THADS_RANKING_MIN_CASES_OFFICER", 10, minimum=0)
if THADS_RANKING_WEIGHTS:
    import json as _json

    from thads.domain.ranking import DEFAULT_WEIGHTS as _DW
    from thads.domain.ranking import check_weights as _check_weights

    try:
        _w = _json.loads(THADS_RANKING_WEIGHTS)
        if not isinstance(_w, dict):
            raise ValueError("not a JSON object")
        _check_weights({**_DW, **_w})
    except ValueError as _exc:
        from thads.lib.env import SettingsError as _SettingsError

        raise _SettingsError(f"THADS_RANKING_WEIGHTS={THADS_RANKING_WEIGHTS!r} is not valid: {_exc}") from None

# Targets (issue 17): how many past years give the month-by-month shape of a year's cumulative rate, and the default
# shape when no past year does (JSON {"cases": [12 shares], "money": [12 shares]}; unset: the UNVERIFIED table of
# thads.domain.targets.DEFAULT_RATE_SHAPE).
THADS_TARGET_SHAPE_YEARS = env_int("THADS_TARGET_SHAPE_YEARS", 3, minimum=1)
THADS_DEFAULT_RATE_SHAPE = env_str("THADS_DEFAULT_RATE_SHAPE", "")
if THADS_DEFAULT_RATE_SHAPE:
    import json as _json

    from thads.domain.targets import default_factors as _default_factors

    try:
        _shape = _json.loads(THADS_DEFAULT_RATE_SHAPE)
        if not isinstance(_shape, dict) or set(_shape) != {"cases", "money"}:
            raise ValueError('expected {"cases": [12 shares], "money": [12 shares]}')
        for _measure in ("cases", "money"):
            if not isinstance(_shape[_measure], list) or not all(
                    isinstance(_x, int | float) and not isinstance(_x, bool) for _x in _shape[_measure]):
                raise ValueError(f"{_measure}: expected a list of 12 numbers")
            _default_factors(_measure, _shape)
    except (ValueError, TypeError, ArithmeticError) as _exc:
        from thads.lib.env import SettingsError as _SettingsError

        raise _SettingsError(f"THADS_DEFAULT_RATE_SHAPE={THADS_DEFAULT_RATE_SHAPE!r} is not valid: {_exc}") from None

# Commendations (issue 17, UNVERIFIED values: THADS.md §7): the unit levels whose head is the "thủ trưởng đơn vị có
# tư cách pháp nhân" who decides the four titles of Luật TĐKT 2022 Art. 80.1 himself (a branch's legal personality is
# unverified), and the warning share of grassroots emulation fighters among advanced workers (percent; "off": none).
THADS_EMULATION_LEGAL_ENTITY_LEVELS = env_list("THADS_EMULATION_LEGAL_ENTITY_LEVELS", ["province", "national"])
if not set(THADS_EMULATION_LEGAL_ENTITY_LEVELS) <= {"national", "province", "district", "regional"}:
    from thads.lib.env import SettingsError as _SettingsError

    raise _SettingsError(f"THADS_EMULATION_LEGAL_ENTITY_LEVELS={','.join(THADS_EMULATION_LEGAL_ENTITY_LEVELS)!r}: "
                         "use unit levels among national, province, district, regional")
THADS_GRASSROOTS_FIGHTER_MAX_SHARE: int | None = (
    None if env_str("THADS_GRASSROOTS_FIGHTER_MAX_SHARE", "15").strip().lower() == "off"
    else env_int("THADS_GRASSROOTS_FIGHTER_MAX_SHARE", 15, minimum=0))

# Public list of debtors without conditions (issue 18): working days to remove a listing on the exits no article
# names — a revocation of the unable decision before 01/07/2026, a continuation before 01/10/2023, other exits
# (UNVERIFIED: unset = the count for termination and completion, Decree 62/2015 Art. 11.3 / Decree 152/2026 Art. 23.2).
THADS_PUBLIC_LIST_OTHER_REMOVAL_DAYS: int | None = (
    env_int("THADS_PUBLIC_LIST_OTHER_REMOVAL_DAYS", 0, minimum=1)
    if env_str("THADS_PUBLIC_LIST_OTHER_REMOVAL_DAYS", "").strip() else None)

# Registers (issue 18): the month a book year opens for the running numbers (1 = the calendar year, the default;
# 10 = the statistical year 01/10–30/09). Which one TT 04/2023/TT-BTP Art. 30 wants is UNVERIFIED.
THADS_REGISTER_BOOK_YEAR_START_MONTH = env_int("THADS_REGISTER_BOOK_YEAR_START_MONTH", 1, minimum=1)
if THADS_REGISTER_BOOK_YEAR_START_MONTH > 12:
    from thads.lib.env import SettingsError as _SettingsError

    raise _SettingsError(f"THADS_REGISTER_BOOK_YEAR_START_MONTH={THADS_REGISTER_BOOK_YEAR_START_MONTH}: "
                         "a month, 1 to 12")

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "thads@localhost")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

# --- Security (issue 12) -------------------------------------------------------------------------------------------
# HTTPS everywhere unless DEBUG or THADS_HTTPS=false (plain-HTTP intranet trial: cookies and passwords travel in
# clear text on the network; see README). The load balancer's probe /healthz is not redirected.
HTTPS = env_bool("THADS_HTTPS", True) and not DEBUG
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # the reverse proxy must set (overwrite) this header
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0  # one year
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# Preloading commits the whole registered domain to HTTPS in browsers for months: a decision for the domain's
# owner, off unless THADS_HSTS_PRELOAD=true (then Django's deploy check about it is not silenced).
SECURE_HSTS_PRELOAD = HTTPS and env_bool("THADS_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD or not HTTPS else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"  # Lax, not Strict: links in the digest e-mails must open THADS logged in
CSRF_COOKIE_SAMESITE = "Lax"
# Sessions end after THADS_SESSION_IDLE_MINUTES without a request (thads.web.middleware.SessionIdleTimeoutMiddleware)
# and at the latest THADS_SESSION_MAX_HOURS after login, whatever the activity.
SESSION_IDLE_MINUTES = env_int("THADS_SESSION_IDLE_MINUTES", 30, minimum=1)
SESSION_COOKIE_AGE = env_int("THADS_SESSION_MAX_HOURS", 12, minimum=1) * 3600
# Content-Security-Policy (django-csp 4): only this site's own scripts, styles and images (data: for Chart.js'
# PNG export); no inline script or style attribute; a template that needs an inline block uses
# {{ request.csp_nonce }}.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
# Number of reverse proxies in front of THADS whose X-Forwarded-For is trusted for the audit log's addresses.
THADS_PROXY_COUNT = env_int("THADS_PROXY_COUNT", 0, minimum=0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Background jobs (issue 12): THADS_TASKS_BACKEND=database (default, no extra server) | rq (REDIS_URL) | immediate.
from thads.org.jobs.conf import tasks_settings  # noqa: E402

TASKS, _JOB_APPS, RQ_QUEUES = tasks_settings()
INSTALLED_APPS += _JOB_APPS
