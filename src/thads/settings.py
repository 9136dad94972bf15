"""Django settings for THADS, read from environment variables through strict parsers (``thads.lib.env``).

Variables: DEBUG, SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS, THADS_VAR_DIR, EMAIL_BACKEND, DEFAULT_FROM_EMAIL,
THADS_LOGIN_MAX_FAILURES, THADS_LOGIN_WINDOW_MINUTES, THADS_LOGIN_LOCK_MINUTES, THADS_MEDIA_DIR.
"""

from __future__ import annotations

from pathlib import Path

from thads.lib.env import env_bool, env_int, env_list, env_str, parse_database_url

PACKAGE_DIR = Path(__file__).resolve().parent
_SOURCE_ROOT = PACKAGE_DIR.parent.parent
# In a source checkout var/ sits beside pyproject.toml; an installed package uses the working directory.
_DEFAULT_VAR = _SOURCE_ROOT / "var" if (_SOURCE_ROOT / "pyproject.toml").exists() else Path.cwd() / "var"
VAR_DIR = Path(env_str("THADS_VAR_DIR", str(_DEFAULT_VAR)))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "thads-insecure-development-key-change-me-in-production-0123456789")
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
    "thads.org",
    "thads.cases",
    "thads.finance",
    "thads.stats",
    "thads.deadlines",
    "thads.documents",
    "thads.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "thads.web.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "thads.org.audit.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
            "builtins": ["thads.web.templatetags.thads"],
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
AUTHENTICATION_BACKENDS = ["thads.org.auth.LockoutModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Brute-force protection: N failures within the window lock the account for the lock period.
LOGIN_MAX_FAILURES = env_int("THADS_LOGIN_MAX_FAILURES", 5, minimum=1)
LOGIN_WINDOW_MINUTES = env_int("THADS_LOGIN_WINDOW_MINUTES", 15, minimum=1)
LOGIN_LOCK_MINUTES = env_int("THADS_LOGIN_LOCK_MINUTES", 15, minimum=1)

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

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "thads@localhost")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", False)
X_FRAME_OPTIONS = "DENY"
# Number of reverse proxies in front of THADS whose X-Forwarded-For is trusted for the audit log's addresses.
THADS_PROXY_COUNT = env_int("THADS_PROXY_COUNT", 0, minimum=0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
