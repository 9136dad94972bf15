"""Registrations of the emulation context into the layers below it (called from ``apps.ready``)."""

from __future__ import annotations


def register() -> None:
    """Per-unit targets for the statistics charts (``thads.stats.national.unit_targets``)."""
    from thads.stats import national

    national.register_target_provider("emulation", _unit_targets)


def _unit_targets(unit, years) -> dict[int, tuple[str | None, str | None]]:
    from thads.emulation.queries import effective_unit_targets

    return {year: (t.cases_rate_text, t.money_rate_text) for year, t in effective_unit_targets(unit, years).items()}
