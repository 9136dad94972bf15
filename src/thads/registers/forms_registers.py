"""The register page's form: the register, the unit (among those the user may keep registers of) and the period,
both days included. Messages are gettext msgids (Vietnamese from the catalogue)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thads.domain.registers import TITLES_VI, RegisterKind

#: The longest period one request prints (a register is opened per year; ten years is a generous bound).
MAX_DAYS = 3660


class AsciiDateField(forms.DateField):
    """A date typed in ASCII digits only (``strptime`` would read other scripts' digits too)."""

    def to_python(self, value):
        if isinstance(value, str) and not value.isascii():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class RegisterForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Register"),
                             choices=[(k.value, TITLES_VI[k]) for k in RegisterKind])
    unit = forms.ChoiceField(label=gettext_lazy("Unit"))
    date_from = AsciiDateField(label=gettext_lazy("From"),
                                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    date_to = AsciiDateField(label=gettext_lazy("To"),
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, data, *, units, initial) -> None:
        super().__init__(data, initial=initial)
        self.units = {u.code: u for u in units}
        indent = "\u2003"
        self.fields["unit"].choices = [(u.code, f"{indent * max(u.path.count('/') - 2, 0)}{u.name} ({u.code})")
                                       for u in units]

    def clean(self):
        data = super().clean()
        d_from, d_to = data.get("date_from"), data.get("date_to")
        if isinstance(d_from, date) and isinstance(d_to, date):
            if d_from > d_to:
                raise forms.ValidationError(_("The period ends before it starts."))
            if (d_to - d_from).days > MAX_DAYS:
                raise forms.ValidationError(_("The period is too long: choose at most ten years."))
        return data
