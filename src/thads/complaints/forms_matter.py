"""The forms of a matter's acts (the matter page's buttons): accept, not accept, forward, archive, extend, resolve,
withdraw, escalate to the second level. One form per ``do_*`` of :mod:`thads.complaints.actions`; the law's checks
(time limits, competence, who resolves) are the actions'. ``STEPS`` maps the URL's step to its form, action and
words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thads.cases.fields import date_field
from thads.complaints import labels
from thads.complaints.forms import ActionForm, _optional_choice, _text
from thads.domain.petition_rules import ARCHIVE_REASONS
from thads.domain.petitions import MatterEventKind as E
from thads.domain.petitions import MatterKind


class AcceptForm(ActionForm):
    on = date_field(_("Accepted on"))
    notice_no = _text(_("Number of the notice of acceptance"), required=False, max_length=64)


class NotAcceptForm(ActionForm):
    on = date_field(_("Date"))
    reason = _text(_("Reason (guided or answered)"), max_length=2000, rows=3)


class ForwardForm(ActionForm):
    on = date_field(_("Forwarded on"))
    to_body = _text(_("Forwarded to (competent body)"))
    letter_no = _text(_("Number of the forwarding letter"), required=False, max_length=64)


class ArchiveForm(ActionForm):
    """Archiving a letter's matter (lưu đơn): a ground of TT 13/2021 Arts. 8.4, 16.3, 28.3 (the statute's words);
    a duplicate names the matter it repeats."""

    on = date_field(_("Date"))
    reason = forms.ChoiceField(label=_("Ground for archiving"), choices=list(ARCHIVE_REASONS.items()))
    duplicate_of_id = forms.TypedChoiceField(label=_("Duplicate of the matter"), coerce=int, required=False,
                                             empty_value=None)

    def __init__(self, *args, others: list = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["duplicate_of_id"].choices = [("", "—"), *(
            (m.pk, f"#{m.pk} · {m.received_on:%d/%m/%Y} · {labels.kind_label(m.kind)} · {m.summary[:60]}")
            for m in others)]


class ExtendForm(ActionForm):
    on = date_field(_("Extended on"))
    reason = _text(_("Reason for the extension"), max_length=2000, rows=3)


class ResolveForm(ActionForm):
    """The resolution: outcome (complaints and denunciations), decision or answer number, summary; for a complaint
    on a case, the follow-up revocation of the decision complained about (``follow_up``), recorded on the case."""

    on = date_field(_("Resolved on"))
    outcome = _optional_choice(_("Finding"), labels.choices(labels.OUTCOME))
    decision_no = _text(_("Number of the decision, conclusion or answer"), required=False, max_length=64)
    summary = _text(_("Summary of the resolution"), required=False, max_length=5000, rows=4)

    def __init__(self, *args, matter=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if matter is not None and matter.kind not in (MatterKind.COMPLAINT, MatterKind.DENUNCIATION,
                                                      MatterKind.PROCURACY):
            del self.fields["outcome"]
        if matter is not None and matter.case_id and matter.kind == MatterKind.COMPLAINT:
            self.fields["revoke"] = forms.BooleanField(
                label=_("Revoke the decision complained about on the case (Art. 37)"), required=False)
            self.fields["revoke_decision_no"] = _text(_("Number of the revoking decision"), required=False,
                                                      max_length=64)

    def action_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        out = {"on": d["on"], "outcome": d.get("outcome", ""), "decision_no": d["decision_no"].strip(),
               "summary": d["summary"].strip()}
        if d.get("revoke"):
            out["follow_up"] = {"act": "revoke", "decision_no": (d.get("revoke_decision_no") or "").strip()}
        return out


class WithdrawForm(ActionForm):
    on = date_field(_("Withdrawn on"))
    reason = _text(_("Reason"), required=False, max_length=2000, rows=3)


class EscalateForm(ActionForm):
    """A second-level complaint against the first-level decision (Arts. 142, 152): recorded at the unit above."""

    received_on = date_field(_("Second-level complaint received on"))
    decision_received_on = date_field(_("First-level decision received on"), required=False)
    summary = _text(_("Summary of the second-level complaint"), max_length=5000, rows=4)


@dataclass(frozen=True)
class Step:
    """One act on a matter: its URL slug, form, action name, the title-table key, button and message."""

    slug: str
    form: type
    action: str
    role: str  # "receive" or "decide": the titles that may (views_common.may_role)
    event: str  # the history row it writes (domain.petition_rules.transition_refusal)
    button: Any
    done: Any


STEPS = {s.slug: s for s in (
    Step("accept", AcceptForm, "do_accept", "decide", E.ACCEPTED, _("Accept (notice of acceptance)"),
         _("The matter is accepted.")),
    Step("not-accept", NotAcceptForm, "do_not_accept", "decide", E.NOT_ACCEPTED, _("Do not accept"),
         _("Recorded: the matter is not accepted.")),
    Step("forward", ForwardForm, "do_forward", "decide", E.FORWARDED, _("Forward to the competent body"),
         _("The matter is forwarded.")),
    Step("archive", ArchiveForm, "do_archive", "decide", E.ARCHIVED, _("Archive (duplicate, anonymous)"),
         _("The matter is archived.")),
    Step("extend", ExtendForm, "do_extend", "decide", E.EXTENDED, _("Extend the time to resolve"),
         _("The time to resolve is extended.")),
    Step("resolve", ResolveForm, "do_resolve", "decide", E.RESOLVED, _("Resolve or answer"),
         _("The matter is resolved.")),
    Step("withdraw", WithdrawForm, "do_withdraw", "decide", E.WITHDRAWN, _("Withdrawn by the person"),
         _("Recorded: the matter is withdrawn.")),
    Step("escalate", EscalateForm, "do_escalate", "receive", E.ESCALATED, _("Second-level complaint"),
         _("The second-level complaint is recorded.")),
)}
