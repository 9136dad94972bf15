"""The ``thads`` console command: a thin wrapper over Django's management commands.

``thads serve [ADDR:PORT]`` runs the web server, ``thads migrate``, ``thads demo`` and every other management command
work as in ``manage.py``. An invalid setting stops start-up with one line on stderr and exit status 2.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thads.settings")
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")  # thads check-integrity == the check_integrity management command
    if len(args) > 1 and args[1] == "serve":
        args[1:2] = ["runserver", "--noreload"] if "--reload" not in args else ["runserver"]
        args = [a for a in args if a != "--reload"]
    from thads.lib.env import SettingsError

    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["thads", *args[1:]])
    except SettingsError as exc:
        print(f"thads: configuration error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
