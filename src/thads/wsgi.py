from __future__ import annotations

import os
import sys

from django.core.wsgi import get_wsgi_application

from thads.lib.env import SettingsError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thads.settings")
try:
    application = get_wsgi_application()
except SettingsError as exc:
    # The one explanatory line first; re-raised so that gunicorn/uwsgi stop ("failed to boot") instead of serving.
    print(f"thads: configuration error: {exc}", file=sys.stderr, flush=True)
    raise
