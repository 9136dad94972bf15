"""Which background-job backend runs THADS's long work (read by ``thads.settings``; no Django import here).

``THADS_TASKS_BACKEND``:

- ``database`` (default): django-tasks with the django-tasks-db backend. Jobs are rows of the THADS database; no other
  server is needed. ``thads worker`` runs them (``make run`` starts one next to the web server).
- ``rq``: Redis through django-tasks-rq (``pip install -e '.[redis]'``); ``REDIS_URL`` (default
  ``redis://127.0.0.1:6379/0``). ``thads worker`` then runs an RQ worker.
- ``immediate``: a job runs inside the request that starts it (the test suite; never for 200 MB files).
"""

from __future__ import annotations

from thads.lib.env import SettingsError, env_int, env_str

BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}


def tasks_settings() -> tuple[dict, list[str], dict]:
    """``(TASKS, apps to install, RQ_QUEUES)`` for the backend chosen by ``THADS_TASKS_BACKEND``."""
    name = env_str("THADS_TASKS_BACKEND", "database").strip().lower()
    if name not in BACKENDS:
        raise SettingsError(f"THADS_TASKS_BACKEND must be one of {', '.join(BACKENDS)}, not {name!r}")
    apps = ["thads.org.jobs", "django_tasks", "django_tasks_db"]
    rq_queues: dict = {}
    backend: dict = {"BACKEND": BACKENDS[name]}
    if name == "rq":
        apps += ["django_rq", "django_tasks_rq"]
        backend["QUEUES"] = ["default"]
        rq_queues = {"default": {"URL": env_str("REDIS_URL", "redis://127.0.0.1:6379/0"), "DEFAULT_TIMEOUT": 6 * 3600}}
    return {"default": backend}, apps, rq_queues


def retention() -> tuple[int, int]:
    """``(hours an unconfirmed upload is kept, days a job's result file is kept)``."""
    return env_int("THADS_UPLOAD_HOURS", 24, minimum=1), env_int("THADS_JOB_RESULT_DAYS", 7, minimum=1)
