"""Registration of the assets context into a lower layer: the record types of ``docs/interchange-assets.md`` in the
interchange registry of ``cases`` (``thads.cases.interchange_ext``), so that ``thads import`` reads them and
``thads export`` writes them, without ``cases`` importing ``assets``."""

from __future__ import annotations


def register() -> None:
    """Called from AssetsConfig.ready (may run more than once: registering again replaces)."""
    from thads.assets import models_interchange  # noqa: F401 - the natural-key table (a model module of its own)
    from thads.assets.interchange import validator
    from thads.assets.interchange_export import debtor_units, exporter
    from thads.assets.interchange_write import WRITERS, refresh_deadlines
    from thads.cases.interchange_ext import register_record_type
    from thads.domain.assets_records import ORDER

    for kind, order in ORDER.items():
        register_record_type(kind, validator(kind), WRITERS[kind], exporter(kind), order,
                             units=debtor_units if kind == "debtor" else None,
                             finish=refresh_deadlines if kind == "debtor" else None)
