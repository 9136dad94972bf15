"""Form fields shared by the case screens: dd/mm/yyyy dates, whole amounts in đồng, and choices of officers, units
and history entries. Validation messages are English msgids (the Vietnamese catalogue translates them).
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from thads.cases.labels import event_label
from thads.cases.models import CaseEvent
from thads.org.models import Officer, Unit

_DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")


def date_field(label, *, required: bool = True, **kwargs) -> forms.DateField:
    """A dd/mm/yyyy text input (the agencies' documents write dates this way; no browser date picker needed)."""
    return forms.DateField(
        label=label, required=required, input_formats=_DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric",
                                                         "autocomplete": "off", "class": "date"}),
        **kwargs)


class VNDField(forms.CharField):
    """A whole amount in đồng: ``1234567``, ``1.234.567`` or ``1 234 567`` (a trailing ₫ or đ is ignored)."""

    default_error_messages = {"invalid": _("Enter a whole amount in đồng, for example 1.234.567."),
                              "negative": _("An amount cannot be negative.")}

    def __init__(self, *, min_value: int = 1, **kwargs) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "class": "num",
                                                           "autocomplete": "off"}))
        super().__init__(**kwargs)
        self.validators.append(MinValueValidator(min_value))

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        text = re.sub(r"[\s\u00a0\u202f]", "", str(text)).rstrip("₫đ")
        if text.startswith(("-", "\u2212")):
            raise ValidationError(self.error_messages["negative"], code="negative")
        if "." in text and not _GROUPED.match(text):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        text = text.replace(".", "")
        if not text.isdigit() or len(text) > 15:  # up to 999.999.999.999.999 ₫
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(text)


class OfficerChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("empty_label", "—")
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Officer) -> str:
        return f"{obj.name} ({obj.code})"


class UnitChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("empty_label", "—")
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Unit) -> str:
        return f"{obj.code} – {obj.name}"


class EventChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("empty_label", "—")
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: CaseEvent) -> str:
        return f"#{obj.seq} · {obj.on:%d/%m/%Y} · {event_label(obj.kind)}"
