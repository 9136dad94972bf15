"""The GET filters of the registers (the reception register; the registers of complaints, denunciations,
recommendations and the procuracy's acts). A page, its XLSX and its PDF read the same filters (``registers.py``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thads.cases.fields import date_field
from thads.complaints import labels
from thads.org.scope import visible_units


class _Filters(forms.Form):
    date_from = date_field(_("From"), required=False)
    date_to = date_field(_("To"), required=False)
    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int, required=False, empty_value=None)

    def __init__(self, data=None, *, user, **kwargs) -> None:
        super().__init__(data, label_suffix="", **kwargs)
        units = list(visible_units(user).order_by("path").values_list("pk", "name")[:500])
        self.fields["unit"].choices = [("", _("All my units")), *units]

    def values(self) -> dict:
        """The cleaned filters (an invalid one is ignored: the list shows everything it may)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v not in (None, "", False)}

    def query(self) -> str:
        """The filters as a query string (for the XLSX and PDF links)."""
        if not self.is_bound:
            return ""
        return self.data.urlencode() if hasattr(self.data, "urlencode") else ""


class ReceptionFilters(_Filters):
    receiver = forms.TypedChoiceField(label=_("Received by"), coerce=int, required=False, empty_value=None)

    def __init__(self, data=None, *, user, receivers: list, **kwargs) -> None:
        super().__init__(data, user=user, **kwargs)
        self.fields["receiver"].choices = [("", "—"), *((u.pk, u.full_name or u.username) for u in receivers)]


class MatterFilters(_Filters):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", "—"), ("open", _("open")), *labels.choices(labels.STATUS)])
    overdue = forms.BooleanField(label=_("Overdue matters only"), required=False)
