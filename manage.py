#!/usr/bin/env python
"""Same as the ``thads`` console command, for those used to Django's manage.py."""

import sys

from thads.cli import main

if __name__ == "__main__":
    sys.exit(main())
