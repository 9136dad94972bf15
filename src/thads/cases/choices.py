"""Choice lists of the case models, with translatable labels. Values are the interchange contract's spellings."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from thads.domain.states import Phase, State

INITIATION = [("chu_dong", _("proactive")), ("theo_don", _("on request"))]
JUDGMENT_KIND = [
    ("dan_su", _("civil")),
    ("hinh_su", _("criminal")),
    ("hanh_chinh", _("administrative")),
    ("hon_nhan_gia_dinh", _("marriage and family")),
    ("kinh_doanh_thuong_mai", _("business and commerce")),
    ("lao_dong", _("labour")),
    ("pha_san", _("bankruptcy")),
    ("trong_tai", _("arbitration")),
    ("khac", _("other")),
]
OBLIGATION_KIND = [
    ("an_phi", _("court fees")),
    ("tien_phat", _("criminal fine")),
    ("truy_thu", _("recovery of illicit gains")),
    ("tich_thu_sung_quy", _("confiscation to the state fund")),
    ("tich_thu_tieu_huy", _("confiscation for destruction")),
    ("tra_lai_tai_san", _("return of money or assets")),
    ("boi_thuong", _("damages")),
    ("cap_duong", _("maintenance")),
    ("tra_no", _("debt")),
    ("giao_tai_san", _("handing over assets")),
    ("khac", _("other")),
]
BENEFICIARY = [("state", _("state budget")), ("person", _("person")), ("agency", _("agency"))]
DEBTOR, CREDITOR = "debtor", "creditor"
PARTY_ROLE = [(DEBTOR, _("debtor")), (CREDITOR, _("creditor"))]
PARTY_KIND = [("person", _("person")), ("organisation", _("organisation"))]
EVENT_SOURCE = [("user", _("entered")), ("import", _("imported"))]
INTAKE = [("NONE", "—"), ("JUDGMENT", _("judgment received")), ("REQUEST", _("request received")),
          ("REFUSED", _("request refused"))]

STATE_LABELS = {
    State.DECIDED: _("decided"),
    State.ENFORCING: _("enforcing"),
    State.NOT_YET_ABLE: _("not yet enforceable"),
    State.SEPARATE_BOOK: _("separate register"),
    State.POSTPONED: _("postponed"),
    State.SUSPENDED: _("suspended"),
    State.ENTRUSTED_OUT: _("entrusted out"),
    State.REVOKED: _("revoked"),
    State.COMPLETED: _("completed"),
    State.TERMINATED: _("terminated"),
}
STATE = [(s.value, label) for s, label in STATE_LABELS.items()]
PHASE_LABELS = {
    Phase.DECIDED: _("decided, debtor not yet notified"),
    Phase.VOLUNTARY: _("voluntary period"),
    Phase.VERIFYING: _("verifying conditions"),
    **{Phase(s.value): label for s, label in STATE_LABELS.items() if s != State.DECIDED},
}
PHASE = [(p.value, label) for p, label in PHASE_LABELS.items()]
