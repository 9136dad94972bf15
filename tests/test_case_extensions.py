"""The extension points of the case screens (``thads.cases.extensions``): contexts add case-list filters and
case-page panels in their ``AppConfig.ready``, in a deterministic order, without cases importing them."""

from __future__ import annotations

import pytest
from django import forms

from thads.cases import extensions
from thads.cases.extensions import CasePanel, ListFilter


@pytest.fixture
def registry(monkeypatch):
    """An empty registry for the test (the real one, filled by the apps, is restored afterwards)."""
    monkeypatch.setattr(extensions, "_filters", {})
    monkeypatch.setattr(extensions, "_panels", {})
    return extensions


def test_the_deadlines_context_registers_the_overdue_filter_and_the_deadlines_panel():
    assert [f.name for f in extensions.list_filters()][:1] == ["overdue"]  # the assets context's filter comes after
    panels = {p.name: p for p in extensions.case_panels()}
    assert panels["deadlines"].template == "deadlines/_case_panel.html"
    assert panels["deadlines"].slot == "after_acts"


def test_the_order_is_by_order_then_name_and_a_name_registered_again_replaces_its_entry(registry):
    def keep(cases, value, today):
        return cases

    def field():
        return forms.BooleanField(required=False)

    for name, order in (("zeta", 10), ("beta", 20), ("alpha", 20)):
        registry.register_list_filter(ListFilter(name, field, keep, order=order))
    assert [f.name for f in registry.list_filters()] == ["zeta", "alpha", "beta"]
    registry.register_list_filter(ListFilter("zeta", field, keep, order=30))
    assert [f.name for f in registry.list_filters()] == ["alpha", "beta", "zeta"]

    registry.register_case_panel(CasePanel("b", "b.html", lambda user, case, today: {"x": 1}))
    registry.register_case_panel(CasePanel("a", "a.html", lambda user, case, today: None, slot="before_history"))
    registry.register_case_panel(CasePanel("c", "c.html", lambda user, case, today: {"y": 2}, order=5))
    shown = registry.panels_for(None, None, None)
    assert [p["name"] for p in shown["after_acts"]] == ["c", "b"]
    assert shown["before_history"] == []  # a context function answering None hides its panel
    with pytest.raises(ValueError):
        CasePanel("d", "d.html", lambda user, case, today: {}, slot="nowhere")


def test_a_registered_filter_is_a_field_of_the_case_list_form_after_the_built_in_ones(registry, org):
    from thads.cases.forms import case_filter_form

    seen = []

    def only_high(cases, value, today):
        seen.append((value, today))
        return cases.filter(amount__gte=10**9)

    registry.register_list_filter(ListFilter("high", lambda: forms.BooleanField(required=False), only_high))
    head = org["people"]["head_a"]
    form = case_filter_form(head, {"high": "on"})
    assert list(form.fields)[-1] == "high"
    from thads.cases.forms import listed_cases

    assert not listed_cases(head, form).exists() and seen and seen[0][0] is True
    seen.clear()
    listed_cases(head, case_filter_form(head, {}))
    assert seen == []  # not set: not applied

