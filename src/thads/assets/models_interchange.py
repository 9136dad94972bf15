"""The natural keys of the interchange records of debtors' assets and measures (``docs/interchange-assets.md``).

A record of the file names its row by a key (``"HUE-PV-D-00012"``); the row keeps it here so that importing the same
file again finds the row and changes nothing, and the export writes the key it came with. A row created in THADS has
no key: the export makes one up from the unit and the row id (``domain.assets_records.made_up_key``) and an import of
that export finds the row by it. Written only by the importer (``thads.assets.interchange_write``, inside the
import's transaction and its ``import.run`` audit row).

Loaded by ``thads.assets.interchange_hooks.register`` (``AssetsConfig.ready``); its own module so that the assets
models stay the assets helpers' file.
"""

from __future__ import annotations

from django.db import models


class InterchangeKey(models.Model):
    """Record type + key → the id of the row of that type (``Debtor``, ``Asset``, ``Measure``, …)."""

    record_type = models.CharField(max_length=24)
    key = models.CharField(max_length=64)
    object_id = models.BigIntegerField()

    class Meta:
        app_label = "assets"
        verbose_name = "interchange key"
        constraints = [
            models.UniqueConstraint(fields=["record_type", "key"], name="assets_ikey_type_key"),
            models.UniqueConstraint(fields=["record_type", "object_id"], name="assets_ikey_type_object"),
        ]

    def __str__(self) -> str:
        return f"{self.record_type} {self.key}"
