from __future__ import annotations

from datetime import date

import pytest
from django.template import Context, Template
from django.utils import translation


@pytest.mark.parametrize("amount,text", [(1234567, "1.234.567\u00a0₫"), (0, "0\u00a0₫"), (715_000_000_000, "715.000.000.000\u00a0₫"),
                                         (-5000, "-5.000\u00a0₫")])
def test_money_is_grouped_with_dots_and_shown_in_dong(amount, text):
    assert Template("{{ a|vnd }}").render(Context({"a": amount})) == text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_dates_are_dd_mm_yyyy_in_both_languages(lang):
    with translation.override(lang):
        assert Template('{{ d|date:"SHORT_DATE_FORMAT" }}').render(Context({"d": date(2025, 4, 30)})) == "30/04/2025"
        assert Template("{{ d }}").render(Context({"d": date(2025, 4, 30)})) == "30/04/2025"


def test_numbers_are_grouped_in_the_vietnamese_locale():
    with translation.override("vi"):
        assert Template("{% load humanize %}{{ n|intcomma }}").render(Context({"n": 18353})) == "18.353"


def test_the_time_zone_is_vietnams(settings):
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.LANGUAGE_CODE == "vi"
