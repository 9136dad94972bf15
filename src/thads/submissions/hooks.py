"""When a period closes (``thads.stats.actions.do_close_period`` creates a ``PeriodClosing``), the package for the
level above is built and signed from the frozen report (issue 18): connected in ``apps.ready`` to the closing's
``post_save``, run after the commit so that a package that cannot be built (no signing key, a unit at the top)
never undoes the closing. Nothing in ``thads.stats`` knows about it.
"""

from __future__ import annotations

import logging

from django.db import transaction

from thads.lib.errors import Refused

log = logging.getLogger(__name__)


def on_period_closed(sender, instance, created: bool, **kwargs) -> None:
    if not created or kwargs.get("raw"):
        return
    closing_id = instance.pk
    transaction.on_commit(lambda: build_after_closing(closing_id))


def build_after_closing(closing_id: int):
    """Build the package of a closed period for the level above; None when the unit has no level above or no
    signing key here (logged)."""
    from thads.stats.models import PeriodClosing
    from thads.submissions.actions import do_build_submission
    from thads.submissions.keys import active_key

    closing = PeriodClosing.objects.select_related("unit").get(pk=closing_id)
    unit = closing.unit
    if unit.parent_id is None or active_key(unit) is None:
        log.info("closing %s: no package built (no level above or no signing key)", closing_id)
        return None
    try:
        return do_build_submission(None, unit, closing.year, closing.months)
    except Refused as exc:
        log.warning("closing %s: package not built: %s", closing_id, exc.message)
        return None
