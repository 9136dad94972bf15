"""Letters (đơn) and the matters they carry (TT 13/2021/TT-BTP: intake, classification, splitting a mixed letter):
the list of letters, the intake form (channel, forwarded by, signatories or anonymous, content; from a reception:
"record a letter"), a letter's page with its matters, and the form that records one matter of a letter (a letter
with a complaint and a denunciation is recorded as two matters).

A letter that carries a denunciation keeps its signatories confidential (Luật Tố cáo 2018 Art. 47): no list or page
shows them ("Được giữ bí mật"); the resolver reads the denunciator's identity on the matter's identity page
(``actions.identity_for``, audited).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from thads.cases.models import Case
from thads.complaints import actions, labels, registers
from thads.complaints.forms import LetterForm, MatterForm
from thads.complaints.models import Letter, Matter, Reception
from thads.complaints.views_common import form_page, may_role, personal, require, scoped, unit_for_form
from thads.domain.petitions import MatterKind
from thads.org.audit import audit_read
from thads.org.scope import scope_queryset

PAGE_SIZE = 50


def confidential(letter: Letter, matters: list) -> bool:
    """Whether the letter's signatories are a denunciator's identity (a denunciation among its matters)."""
    return any(m.kind == MatterKind.DENUNCIATION for m in matters)


def pending(user, letter: Letter, matters: list) -> bool:
    """Whether the letter's signatories are withheld from ``user`` because the letter is not classified yet: it may
    carry a denunciation (Luật Tố cáo 2018 Art. 47), so until its matters are recorded only the staff who may record
    them in its unit (intake, heads: TT 13/2021/TT-BTP Art. 6) read who signed it."""
    return not matters and not may_role(user, letter.unit, "receive")


def signatories_text(user, letter: Letter, matters: list, see: bool) -> str:
    if letter.anonymous:
        return _("anonymous")
    if confidential(letter, matters) or pending(user, letter, matters):
        return str(labels.CONFIDENTIAL)
    return registers.person_text(letter.signatories, see)


@login_required
def letter_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    letters = scope_queryset(user, Letter.objects.select_related("unit")).prefetch_related(
        Prefetch("matters", queryset=Matter.objects.order_by("id"))).order_by("-received_on", "-id")
    page = Paginator(letters, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    for letter in page:
        ms = list(letter.matters.all())
        rows.append({"letter": letter, "from": signatories_text(user, letter, ms, False),
                     "channel": labels.label(labels.CHANNEL, letter.channel),
                     "matters": [{"m": m, "kind": labels.kind_label(m.kind),
                                  "status": labels.label(labels.STATUS, m.status)} for m in ms]})
    return render(request, "complaints/letter_list.html", {
        "page_obj": page, "rows": rows, "can_add": may_role(user, user.unit, "receive")})


@login_required
def letter_new(request: HttpRequest) -> HttpResponse:
    """The intake of a letter; ``?reception=<id>`` records it from that reception (its persons as signatories)."""
    user = request.user
    unit = unit_for_form(user)
    require(may_role(user, unit, "receive"))
    see = personal(user, unit)
    receptions = list(scope_queryset(user, Reception.objects.all()).order_by("-on", "-id")[:30])
    initial = {}
    chosen = request.GET.get("reception", "")
    if request.method == "GET" and chosen.isdigit():
        r = scoped(user, Reception.objects.all(), int(chosen))
        initial = {"reception_id": r.pk, "received_on": r.on, "channel": "in_person", "content": r.content}
        if r not in receptions:
            receptions.insert(0, r)
        # a reception that brought a denunciation: its persons are the denunciator's identity (Art. 47), not copied
        persons = [] if registers.denounced_receptions([r.pk]) else (r.persons or [])
        for i, p in enumerate(persons[:3]):
            initial[f"s{i}_name"] = p.get("name", "")
            if see:
                initial.update({f"s{i}_id_number": p.get("id_number", ""), f"s{i}_address": p.get("address", "")})
        if see and registers.personal_shown([persons]):
            audit_read(user, "complaints.letter.form", r, unit=r.unit, fields=["person.id_number", "person.address"])
    form = LetterForm(request.POST or None, initial=initial, personal=see, receptions=receptions)
    return form_page(
        request, form, title=_("Record a letter"), back=reverse("complaints-letter-list"),
        call=lambda **kw: actions.do_register_letter(user, unit.pk, **kw),
        done=_("The letter is recorded: now record the matters it carries."),
        then=lambda letter: reverse("complaints-letter-detail", args=[letter.pk]))


@login_required
def letter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    letter = scoped(user, Letter.objects.select_related("unit", "reception"), pk)
    matters = list(letter.matters.select_related("case").order_by("id"))
    see = personal(user, letter.unit)
    withheld = pending(user, letter, matters)
    hidden = letter.anonymous or confidential(letter, matters) or withheld
    if see and not hidden and registers.personal_shown([letter.signatories]):
        audit_read(user, "complaints.letter.view", letter, unit=letter.unit,
                   fields=["signatory.id_number", "signatory.address"])
    return render(request, "complaints/letter_detail.html", {
        "letter": letter, "channel": labels.label(labels.CHANNEL, letter.channel),
        "signatories": [] if hidden else letter.signatories, "hidden": hidden, "see": see,
        "confidential": confidential(letter, matters), "pending": withheld,
        "matters": [{"m": m, "kind": labels.kind_label(m.kind), "status": labels.label(labels.STATUS, m.status)}
                    for m in matters],
        "can_record": may_role(user, letter.unit, "receive"),
    })


@login_required
def matter_new(request: HttpRequest, pk: int) -> HttpResponse:
    """One matter of the letter ``pk`` (a mixed letter: one matter per kind)."""
    user = request.user
    letter = scoped(user, Letter.objects.select_related("unit"), pk)
    require(may_role(user, letter.unit, "receive"))
    initial = {"received_on": letter.received_on, "signatories": max(1, len(letter.signatories or []))}
    form = MatterForm(request.POST or None, initial=initial, cases=scope_queryset(user, Case.objects.all()),
                      personal=personal(user, letter.unit))
    return form_page(
        request, form, title=_("Record a matter of the letter"),
        back=reverse("complaints-letter-detail", args=[letter.pk]),
        call=lambda **kw: actions.do_record_matter(user, letter.unit_id, letter_id=letter.pk, **kw),
        done=_("The matter is recorded."), context={"letter": letter},
        then=lambda m: reverse("complaints-matter-detail", args=[m.pk]))
