"""Statistics pages (issue "Statistics in the browser"): the report, the drill-down to cases, the charts and the
province at a glance. This module gathers them for the URLconf (``thads.stats.urls``); each page family lives in
its own module:

- ``thads.stats.selection``: who may see the pages (statisticians, heads and deputy heads, and the technical
  superuser: ``Capability.VIEW_STATISTICS``, for the units they see, ``thads.org.scope.visible_units``; anyone else
  gets 403), the unit and period selection, tabs, figure formatting;
- ``thads.stats.views_report``: the report page and its files;
- ``thads.stats.views_drill``: the drill-down to cases and its CSV/XLSX downloads;
- ``thads.stats.views_charts``: the charts, one chart as SVG, the province at a glance.

Official periods read the engine's fast path (cells, per-case spans); any other date range replays the histories of
the unit's cases once (``thads.stats.drilldown``), shared by the report and its drill-downs.
"""

from __future__ import annotations

from thads.stats.drilldown import Figure
from thads.stats.selection import (
    BY_CHOICES,
    CHART_NAMES,
    MEASURE_CHOICES,
    RAW_LABELS,
    Selection,
    SelectionForm,
    default_period,
    may_view_statistics,
    selection,
)
from thads.stats.views_charts import chart_svg, charts_page, glance_page
from thads.stats.views_drill import _drill_columns, cases_page
from thads.stats.views_report import export, report_page

__all__ = [
    "BY_CHOICES", "CHART_NAMES", "MEASURE_CHOICES", "RAW_LABELS", "Figure", "Selection", "SelectionForm",
    "_drill_columns", "cases_page", "chart_svg", "charts_page", "default_period", "export", "glance_page",
    "may_view_statistics", "report_page", "selection",
]
