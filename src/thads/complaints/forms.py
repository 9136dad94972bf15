"""The forms of the complaints pages: one form per ``do_*`` action of :mod:`thads.complaints.actions`. Each form turns
its fields into the action's keyword arguments (``action_kwargs``); the legal checks (time limits, competence, the
titles) are not repeated here: the actions refuse with a Vietnamese message (``ComplaintsRefused``), which the view
shows next to the field it names.

Dates are dd/mm/yyyy (``cases.fields.date_field``). Fields that hold personal data (the ID numbers and addresses of
the people received and of a letter's signatories, a denunciator's identity) are only added for a user who may see
personal data in the unit (``personal=True``). The cases concerned are typed as their case numbers and looked up in
the user's scope (an unknown number, or one outside the scope, is refused here).
"""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thads.cases.fields import date_field
from thads.complaints import labels
from thads.domain.petitions import MatterKind

#: The years a date of a complaints form may fall in: those of the working calendar (2009–2040).
DATE_YEARS = (2009, 2040)
#: How many person / signatory rows a reception or a letter form offers.
PERSON_ROWS = 3
_SPLIT = re.compile(r"[\s,;]+")


class ActionForm(forms.Form):
    """A form of one action: a hidden one-time token (a second submit writes nothing: the view checks it), field
    labels without a colon, dates within the calendar's years."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=40)
    #: Groups of fields shown as a table of rows: (title, column labels, field-name prefixes, field suffixes).
    row_groups: tuple = ()

    def __init__(self, *args, today: date | None = None, **kwargs) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("token", uuid.uuid4().hex)
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        for name in ("on", "received_on"):
            if name in self.fields and name not in kwargs["initial"]:
                self.fields[name].initial = self.today

    def clean(self):
        data = super().clean()
        first, last = DATE_YEARS
        for name, field in self.fields.items():
            value = data.get(name)
            if isinstance(field, forms.DateField) and isinstance(value, date) and not first <= value.year <= last:
                self.add_error(name, _("Enter a date between %(first)s and %(last)s.") % {"first": first,
                                                                                          "last": last})
        return data

    def plain_fields(self):
        """The visible fields outside the row tables."""
        prefixes = tuple(p for _t, _c, p, _s in self.row_groups)
        return [bf for bf in self.visible_fields()
                if not any(re.match(rf"^{p}\d+_", bf.name) for p in prefixes)]

    def tables(self):
        """The row tables for the template: [{"title", "columns", "rows": [[bound field, …], …]}]."""
        out = []
        for title, columns, prefix, suffixes in self.row_groups:
            present = [s for s in suffixes if f"{prefix}0_{s}" in self.fields]
            cols = [c for c, s in zip(columns, suffixes, strict=True) if s in present]
            rows = [[self[f"{prefix}{i}_{s}"] for s in present] for i in range(PERSON_ROWS)]
            out.append({"title": title, "columns": cols, "rows": rows})
        return out

    def action_kwargs(self) -> dict[str, Any]:
        """The action's keyword arguments: every cleaned field but the token, strings stripped."""
        return {k: v.strip() if isinstance(v, str) else v for k, v in self.cleaned_data.items() if k != "token"}


def _text(label, *, required: bool = True, max_length: int = 255, rows: int = 0, **kwargs) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return forms.CharField(label=label, required=required, max_length=max_length, widget=widget, **kwargs)


def _optional_choice(label, options, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=False, choices=[("", "—"), *options], **kwargs)


def _person_fields(form: forms.Form, prefix: str, personal: bool, representative: bool) -> None:
    """The rows of persons (name; with the personal-data right ID number and address; a group's representative),
    each input labelled for screen readers ("Full name 2")."""
    for i in range(PERSON_ROWS):
        cells = [("name", _("Full name"), 255)]
        if personal:
            cells += [("id_number", _("ID number"), 32), ("address", _("Address"), 255)]
        for key, label, size in cells:
            field = _text(label, required=False, max_length=size)
            field.widget.attrs["aria-label"] = f"{label} {i + 1}"
            form.fields[f"{prefix}{i}_{key}"] = field
        if representative:
            field = forms.BooleanField(label=_("Representative"), required=False)
            field.widget.attrs["aria-label"] = f"{_('Representative')} {i + 1}"
            form.fields[f"{prefix}{i}_representative"] = field


def _persons(data: dict, prefix: str, representative: bool) -> list[dict]:
    out = []
    for i in range(PERSON_ROWS):
        name = (data.get(f"{prefix}{i}_name") or "").strip()
        if not name:
            continue
        row = {"name": name, "id_number": (data.get(f"{prefix}{i}_id_number") or "").strip(),
               "address": (data.get(f"{prefix}{i}_address") or "").strip()}
        if representative:
            row["representative"] = bool(data.get(f"{prefix}{i}_representative"))
        out.append(row)
    return out


class CaseNumbersField(forms.CharField):
    """Case numbers typed by the user (separated by spaces, commas or semicolons), each looked up in ``cases`` (the
    user's scope); cleans to the list of case ids."""

    def __init__(self, *args, cases=None, many: bool = True, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault("help_text", _("The case number shown on the case page; several separated by commas.")
                          if many else _("The case number shown on the case page."))
        super().__init__(*args, **kwargs)
        self.cases, self.many = cases, many

    def clean(self, value):
        text = super().clean(value) or ""
        numbers = [n for n in _SPLIT.split(text.strip()) if n]
        if not numbers:
            return []
        if not self.many and len(numbers) > 1:
            raise forms.ValidationError(_("Enter one case number."))
        found = dict(self.cases.filter(ext_id__in=numbers).values_list("ext_id", "pk")) if self.cases is not None \
            else {}
        unknown = [n for n in numbers if n not in found]
        if unknown:
            raise forms.ValidationError(_("No case with the number %(n)s in your units.") % {"n": ", ".join(unknown)})
        return list(dict.fromkeys(found[n] for n in numbers))


# ------------------------------------------------------------------------------------------------- reception


class ScheduleForm(ActionForm):
    """``do_schedule_reception``: a day on the reception schedule (Luật Tiếp công dân Art. 18: the head's days)."""

    on = date_field(_("Date"))
    receiver_id = forms.TypedChoiceField(label=_("Received by"), coerce=int, required=False, empty_value=None)
    head_day = forms.BooleanField(label=_("The head receives citizens in person"), required=False)
    place = _text(_("Reception place"), required=False)
    note = _text(_("Note"), required=False)

    def __init__(self, *args, staff: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["receiver_id"].choices = [("", "—"), *((u.pk, _staff_label(u)) for u in staff)]


def _staff_label(user) -> str:
    title = user.get_title_display() if hasattr(user, "get_title_display") else ""
    return f"{user.full_name or user.username}" + (f" ({title})" if title else "")


class ReceptionForm(ActionForm):
    """``do_log_reception``: one reception of citizens: who came (a group names its representatives), about what,
    the cases concerned, the outcome."""

    row_groups = ((_("Persons received"), (_("Full name"), _("ID number"), _("Address"), _("Representative")),
                   "p", ("name", "id_number", "address", "representative")),)

    on = date_field(_("Date"))
    head_day = forms.BooleanField(label=_("On the head's reception day"), required=False)
    group_size = forms.IntegerField(label=_("People in the group"), min_value=1, max_value=10_000, initial=1)
    content = _text(_("Content"), max_length=5000, rows=4)
    case_ids = CaseNumbersField(label=_("Cases concerned"))
    outcome = forms.ChoiceField(label=_("Outcome of the reception"), choices=labels.choices(labels.RECEPTION_OUTCOME),
                                widget=forms.RadioSelect)

    def __init__(self, *args, cases, personal: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case_ids"].cases = cases
        _person_fields(self, "p", personal, representative=True)

    def clean(self):
        data = super().clean()
        if not _persons(data, "p", True):
            self.add_error("p0_name", _("Name at least one person received."))
        return data

    def action_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {"on": d["on"], "head_day": d["head_day"], "group_size": d["group_size"],
                "content": d["content"].strip(), "case_ids": tuple(d["case_ids"]), "outcome": d["outcome"],
                "persons": _persons(d, "p", True)}


class LetterForm(ActionForm):
    """``do_register_letter``: a letter by hand, post, hotline, portal or forwarded by another body."""

    row_groups = ((_("Signatories"), (_("Full name"), _("ID number"), _("Address")), "s",
                   ("name", "id_number", "address")),)

    received_on = date_field(_("Received on"))
    channel = forms.ChoiceField(label=_("Channel"), choices=labels.choices(labels.CHANNEL))
    forwarded_by = _text(_("Forwarded by (body)"), required=False)
    anonymous = forms.BooleanField(label=_("Anonymous letter (no name or address)"), required=False)
    content = _text(_("Content"), max_length=10_000, rows=5)
    reception_id = forms.TypedChoiceField(label=_("From the reception"), coerce=int, required=False,
                                          empty_value=None)

    def __init__(self, *args, personal: bool, receptions: list = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _person_fields(self, "s", personal, representative=False)
        self.fields["reception_id"].choices = [("", "—"), *((r.pk, f"{r.on:%d/%m/%Y} · {r.content[:60]}")
                                                           for r in receptions)]

    def clean(self):
        data = super().clean()
        if not data.get("anonymous") and not _persons(data, "s", False):
            self.add_error("s0_name", _("Name the signatories, or mark the letter anonymous."))
        return data

    def action_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {"received_on": d["received_on"], "channel": d["channel"], "forwarded_by": d["forwarded_by"].strip(),
                "anonymous": d["anonymous"], "content": d["content"].strip(), "reception_id": d["reception_id"],
                "signatories": tuple(_persons(d, "s", False)) if not d["anonymous"] else ()}


class MatterForm(ActionForm):
    """``do_record_matter`` for a matter of a letter (a mixed letter is split into one matter per kind)."""

    kind = forms.ChoiceField(label=_("Kind"), choices=[(k.value, labels.MATTER_KIND[k]) for k in
                                                       (MatterKind.COMPLAINT, MatterKind.DENUNCIATION,
                                                        MatterKind.RECOMMENDATION, MatterKind.REPORT)])
    received_on = date_field(_("Received on"))
    number = _text(_("Number of the letter"), required=False, max_length=64)
    summary = _text(_("Summary of the matter"), max_length=5000, rows=4)
    case_id = CaseNumbersField(label=_("Case concerned"), many=False)
    complained_act = _optional_choice(_("Act complained about"), labels.choices(labels.COMPLAINED_ACT))
    act_known_on = date_field(_("Decision received or act known on"), required=False)
    respondent = _optional_choice(_("Complained about / denounced"), labels.choices(labels.RESPONDENT))
    respondent_name = _text(_("Name of the person concerned"), required=False)
    signatories = forms.IntegerField(label=_("Number of signatories"), min_value=0, max_value=100_000, initial=1)

    def __init__(self, *args, cases, personal: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case_id"].cases = cases
        if personal:
            self.fields["identity_name"] = _text(
                _("Denunciator: full name"), required=False,
                help_text=_("Only for a denunciation: kept confidential, seen by its resolver only."))
            self.fields["identity_id_number"] = _text(_("Denunciator: ID number"), required=False, max_length=32)
            self.fields["identity_address"] = _text(_("Denunciator: address"), required=False)
            self.fields["identity_contact"] = _text(_("Denunciator: telephone or e-mail"), required=False)

    def action_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        out = {"kind": d["kind"], "received_on": d["received_on"], "number": d["number"].strip(),
               "summary": d["summary"].strip(), "case_id": (d["case_id"] or [None])[0],
               "complained_act": d["complained_act"], "act_known_on": d["act_known_on"],
               "respondent": d["respondent"], "respondent_name": d["respondent_name"].strip(),
               "signatories": d["signatories"]}
        identity = {k: (d.get(f"identity_{k}") or "").strip() for k in ("name", "id_number", "address", "contact")}
        if d["kind"] == MatterKind.DENUNCIATION and any(identity.values()):
            out["identity"] = identity
        return out


class ProcuracyForm(ActionForm):
    """``do_record_matter(kind="procuracy")``: a protest, recommendation or request of the procuracy on a case or
    on the unit (Luật THADS Arts. 12.2, 160–161)."""

    procuracy_act = forms.ChoiceField(label=_("The procuracy's act"), choices=labels.choices(labels.PROCURACY_ACT))
    number = _text(_("Number and date of the document"), max_length=64)
    received_on = date_field(_("Received on"))
    summary = _text(_("Content"), max_length=5000, rows=4)
    case_id = CaseNumbersField(label=_("On the case (empty: on the unit)"), many=False)

    def __init__(self, *args, cases, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case_id"].cases = cases

    def action_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {"kind": MatterKind.PROCURACY.value, "procuracy_act": d["procuracy_act"], "number": d["number"].strip(),
                "received_on": d["received_on"], "summary": d["summary"].strip(),
                "case_id": (d["case_id"] or [None])[0]}
