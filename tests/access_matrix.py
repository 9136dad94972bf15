"""The expected access table of every URL pattern, for every persona (issue 12, "Access, tested everywhere").

Read it as the specification of who may open what; ``tests/test_url_access_matrix.py`` walks every pattern of the
URLconf, requests it as each persona below and compares the answer with this table. A pattern without a row here
fails the test: a new page cannot escape the table.

The world: province P with branch A (district) and branch B (regional office); province Q. Personas: one user of
every title in branch A (``<title>_a``), an officer of B, the statistician, administrator and inspector of P, the head
of Q, a superuser, and an anonymous visitor. Pages about one object are requested twice, with the object held by A
and with the object held by B ("target"); national objects (document templates, groups) have no target.

Statuses: 200; ``LOGIN`` = a redirect to the login page (anonymous); ``ADMIN_LOGIN`` = a redirect to the admin's
login page (anonymous and everybody without the admin's staff flag); 403 refused; 404 outside the persona's scope
(the object is not shown to exist); 405 wrong method (POST-only endpoints); ``REDIRECT`` any other redirect.
For POST-only endpoints, ``POST_ONLY`` says who may post; the test posts as everyone else and checks the answer is 403
or 404 and that nothing changed.

Known holes (a wrong status found by this table, owned by another part of the code) are listed in ``KNOWN_HOLES``
with the status they answer today: the test accepts that status and fails as soon as the hole is closed, so that the
row is then removed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

LOGIN = "login"
ADMIN_LOGIN = "admin-login"
REDIRECT = "redirect"
OK, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 403, 404, 405

# The unit tree of the test world: unit → parent.
PARENT = {"P": None, "A": "P", "B": "P", "Q": None}
TITLES = ("head", "deputy", "officer", "verifier", "clerk", "accountant", "reception", "statistician", "admin",
          "inspector")


@dataclass(frozen=True)
class Persona:
    name: str
    title: str = ""
    unit: str | None = None
    superuser: bool = False

    @property
    def anonymous(self) -> bool:
        return self.name == "anonymous"

    @property
    def staff(self) -> bool:
        """Who passes the admin site's own gate (``is_staff``): superusers and administrators."""
        return self.superuser or self.title == "admin"


PERSONAS: tuple[Persona, ...] = (
    Persona("anonymous"),
    *(Persona(f"{t}_a", t, "A") for t in TITLES),
    Persona("officer_b", "officer", "B"),
    Persona("statistician_p", "statistician", "P"),
    Persona("admin_p", "admin", "P"),
    Persona("inspector_p", "inspector", "P"),
    Persona("head_q", "head", "Q"),
    Persona("superuser", "", None, superuser=True),
)

Rule = Callable[[Persona, "str | None"], "int | str"]


# --- the access policy in words ----------------------------------------------------------------------------------

def covers(p: Persona, target: str | None) -> bool:
    """A persona sees its unit and everything below it; the superuser everything (``thads.org.scope``)."""
    if p.superuser:
        return True
    if p.anonymous or p.unit is None:
        return False
    if target is None:
        return True
    unit = target
    while unit is not None:
        if unit == p.unit:
            return True
        unit = PARENT[unit]
    return False


def is_province(p: Persona) -> bool:
    return p.unit is not None and PARENT[p.unit] is None


def anyone(p: Persona, target: str | None = None) -> bool:
    return True


def nobody(p: Persona, target: str | None = None) -> bool:
    return False


def titles(*names: str) -> Callable[[Persona, str | None], bool]:
    """The superuser and the given titles."""
    return lambda p, target=None: p.superuser or p.title in names


def may_change(p: Persona, target: str | None = None) -> bool:
    """Acts on cases: every title but the read-only ones (verifier, statistician, admin, inspector)."""
    return p.superuser or p.title not in ("verifier", "statistician", "admin", "inspector")


def personal_data(p: Persona, target: str | None = None) -> bool:
    """ID numbers, addresses, attachments, documents: every title but the statistician and the administrator."""
    return p.superuser or p.title not in ("statistician", "admin")


collect = titles("head", "deputy", "officer", "accountant")  # the act table: who records a collection
receive = titles("head", "deputy", "officer", "clerk")  # who records a received judgment or request
statistics = titles("head", "deputy", "statistician")  # thads.stats.views.may_view_statistics
audit_reader = titles("inspector")
officers = titles("head", "deputy", "officer")  # enforcement officers and their heads: measures, coercion, auction
verify = titles("head", "deputy", "officer", "clerk")  # verification: the register, requests, assets found
#: complaints (domain.petition_rules.STEP_TITLES, with the right to enter acts: not the verifier): intake, decisions
petition_receive = titles("reception", "officer", "clerk", "head", "deputy")


#: emulation (issue 17): campaigns, nominations, commendations, the council (``Capability.MANAGE_EMULATION``)
manage_emulation = titles("head", "deputy")
#: the council member of each branch's nomination and the author of its good practice
#: (``tests/access_world_emulation.py``)
EMULATION_COUNCIL = {"A": "head_a", "B": "officer_b"}
EMULATION_AUTHOR = {"A": "officer_a", "B": "officer_b"}


def province_targets(p: Persona, target: str | None = None) -> bool:
    """A target the province issued to a branch: set, changed or deleted by the province's target setters
    (``SET_TARGETS`` titles of a provincial unit: ``emulation.permissions.target_refusal``)."""
    return p.superuser or (p.title in ("head", "deputy", "statistician") and is_province(p))


def may_import(p: Persona, target: str | None = None) -> bool:
    """Unit administrators and the heads of a provincial department (``cases.imports_web.may_import``)."""
    return p.superuser or p.title == "admin" or (p.title == "head" and is_province(p))


#: The owner of the finished export job of each branch (a job is its owner's: ``thads.org.jobs.actions.may_open``).
JOB_OWNERS = {"A": "head_a", "B": "officer_b"}


def job_owner(p: Persona, target: str | None = None) -> bool:
    return p.superuser or p.name == JOB_OWNERS.get(target)


def may_rebuild(p: Persona, target: str | None = None) -> bool:
    """A statistics rebuild recomputes every province: superusers only here (``thads.stats.tasks.may_rebuild`` also
    lets the statistician of a national unit covering the whole tree, and this world has none; a provincial
    statistician is refused)."""
    return p.superuser


# --- rule builders -----------------------------------------------------------------------------------------------

def public(status_anonymous=OK, status_user=OK) -> Rule:
    return lambda p, t: status_anonymous if p.anonymous else status_user


def page(who=anyone, denied=FORBIDDEN) -> Rule:
    """A page behind the login: who may open it gets 200, anyone else logged in ``denied``."""
    return lambda p, t: LOGIN if p.anonymous else (OK if who(p, t) else denied)


def object_page(who=anyone, denied=FORBIDDEN, outside=NOT_FOUND) -> Rule:
    """A page about one object: outside the persona's scope it does not exist (404); inside, ``who`` decides."""
    def rule(p: Persona, target: str | None):
        if p.anonymous:
            return LOGIN
        if not covers(p, target):
            return outside
        return OK if who(p, target) else denied
    return rule


def gated_object_page(gate, who=anyone) -> Rule:
    """A page whose gate (e.g. the audit reader's title) is checked before the object is looked up."""
    def rule(p: Persona, target: str | None):
        if p.anonymous:
            return LOGIN
        if not gate(p, target):
            return FORBIDDEN
        return object_page(who)(p, target)
    return rule


def post_only() -> Rule:
    """A POST-only endpoint behind the login: a GET answers 405."""
    return lambda p, t: LOGIN if p.anonymous else NOT_ALLOWED


def admin(who=anyone, *, denied=FORBIDDEN, outside=REDIRECT, scoped=False) -> Rule:
    """An admin page: the admin's login for non-staff; a staff member without the right gets ``denied``; a scoped
    object outside the administrator's subtree is "not found", which the admin answers with a redirect to its
    index and a message."""
    def rule(p: Persona, target: str | None):
        if not p.staff:
            return ADMIN_LOGIN
        if scoped and not covers(p, target):
            return outside
        return OK if who(p, target) else denied
    return rule


superuser_only = titles()  # nobody by title: only the superuser

# --- the table: URL name (or pattern, for unnamed ones) → rule --------------------------------------------------

EXPECTED: dict[str, Rule] = {
    # site
    "home": page(),
    "login": public(OK, REDIRECT),  # a logged-in user is sent home
    "logout": public(NOT_ALLOWED, NOT_ALLOWED),  # POST only (Django 5)
    "password-change": page(),  # everyone changes their own password
    "set_language": public(REDIRECT, REDIRECT),  # GET only redirects back; POST sets the language
    # organisation
    "unit-tree": page(), "unit-tree-xlsx": page(),
    "staff-list": page(), "staff-list-xlsx": page(),
    "audit-log": page(audit_reader), "audit-log-xlsx": page(audit_reader),
    "audit-event": gated_object_page(audit_reader),
    # cases
    "case-list": page(), "case-list-xlsx": page(),
    "case-new": page(receive),
    "case-import": page(may_import),
    "case-import-confirm": post_only(),
    "case-detail": object_page(),
    "case-act": object_page(collect),  # requested with act=collect on a decided case
    "case-collect-debtor": object_page(collect),  # one receipt over the debtor's cases (Art. 47.2.b)
    "case-attachment-upload": post_only(),
    "case-attachment-download": object_page(personal_data),
    # documents
    "case-documents": object_page(),
    "document-generate": post_only(),
    "document-download": object_page(personal_data),
    "document-pdf": object_page(personal_data),  # 503 when LibreOffice is missing: the test gives it a PDF
    # deadlines
    "deadline-queue": page(), "deadline-queue-xlsx": page(),
    "deadline-reassign": post_only(),
    # background jobs (issue 12): a job, its progress and its file are its owner's; another's job does not exist
    "job-list": page(),
    "job-detail": page(job_owner, denied=NOT_FOUND), "job-download": page(job_owner, denied=NOT_FOUND),
    "job-stats-rebuild": post_only(), "job-export": post_only(),
    "healthz": public(OK, OK),  # no login, no personal data: the load balancer's probe
    # statistics
    "stats-report": page(statistics), "stats-export": page(statistics), "stats-cases": page(statistics),
    "stats-charts": page(statistics), "stats-chart-svg": page(statistics), "stats-glance": page(statistics),
    # admin site
    "admin:index": admin(), "admin:app_list": admin(),
    "admin:login": lambda p, t: REDIRECT if p.staff else OK,  # staff are sent to the index; others see the form
    "admin:logout": lambda p, t: NOT_ALLOWED if p.staff else REDIRECT,  # POST only; others are sent to the index
    "admin:password_change": admin(), "admin:password_change_done": admin(),
    "admin:jsi18n": admin(),
    "admin:autocomplete": admin(nobody),  # requested without its query parameters: refused
    "admin:view_on_site": lambda p, t: NOT_FOUND if p.staff else ADMIN_LOGIN,  # no model has a public page
    "admin/(?P<url>.*)$": lambda p, t: NOT_FOUND if p.staff else ADMIN_LOGIN,  # the catch-all
    # An administrator sets the passwords of the staff of his subtree (the target here is an officer); outside it
    # the user does not exist. Heads, deputies, administrators, inspectors and his own: superusers only (the page
    # sends him back to the user with a message; tests/test_admin_security.py).
    "admin:auth_user_password_change": admin(scoped=True, outside=NOT_FOUND),
    # Templates are the superuser's: an administrator without the view right is sent back to the admin's index.
    "admin:documents_documenttemplate_preview": admin(superuser_only, denied=REDIRECT),
    # statistics of coercion (issue 15, thads.assets.report_views): who sees the statistics, over their own units;
    # the drill-down list is requested here without its figure (?fig=): not found for them
    "assets-report": page(statistics), "assets-report-xlsx": page(statistics),
    "assets-report-list": lambda p, t: LOGIN if p.anonymous else (NOT_FOUND if statistics(p, t) else FORBIDDEN),
    # the complaints report (issue 16, thads.complaints.report_views): like the statistics of coercion; the
    # drill-down list is requested without its figure (?fig=): not found for those who see statistics
    "complaints-report": page(statistics), "complaints-report-xlsx": page(statistics),
    "complaints-report-pdf": page(statistics),
    "complaints-report-list": lambda p, t: LOGIN if p.anonymous else (NOT_FOUND if statistics(p, t) else FORBIDDEN),
    # debtors' assets and measures (issue 15, thads.assets.views_*): the register and the pages of a debtor, an asset
    # and a measure for whoever sees the unit; each form for the titles of its action's table (domain.measure_rules
    # STEP_TITLES, domain.coercion_plan, domain.auction); another unit's objects are not found
    "assets-debtor-list": page(), "assets-debtor-list-xlsx": page(),
    "assets-debtor-detail": object_page(), "assets-asset-detail": object_page(), "assets-measure-detail": object_page(),
    "assets-register-debtor": object_page(verify), "assets-debtor-declaration": object_page(verify),
    "assets-debtor-address-unknown": object_page(verify),
    "assets-request-new": object_page(verify), "assets-request-reply": object_page(verify),
    "assets-asset-new": object_page(verify),
    "assets-measure-new": object_page(officers), "assets-measure-step": object_page(officers),  # step=execute
    "assets-plan-new": object_page(officers), "assets-plan-result": object_page(officers),
    "assets-cost-new": object_page(titles("head", "deputy", "officer", "accountant")),
    "assets-valuation": object_page(officers), "assets-auction-contract": object_page(officers),
    "assets-auction-session": object_page(officers), "assets-creditor-takes": object_page(officers),
    "assets-return": object_page(officers),
    # the documents of a measure and of a coercion plan (issue 15, thads.assets.document_views): POST only
    "assets-measure-document": post_only(), "assets-plan-document": post_only(),
    "assets-sale-proceeds": object_page(titles("head", "deputy", "officer", "accountant")),
    # citizen reception, letters and matters (issue 16, thads.complaints.views_*): the schedule, the registers and
    # their files for whoever is logged in (rows of their own units; ID numbers only with the personal-data right);
    # the intake forms for the receiving titles in their own unit; the decisions on a matter for the head and deputy
    # of the competent unit; another unit's receptions, letters and matters are not found
    "complaints-schedule": page(), "complaints-reception-list": page(), "complaints-reception-xlsx": page(),
    "complaints-reception-pdf": page(), "complaints-letter-list": page(),
    "complaints-register": page(), "complaints-register-xlsx": page(), "complaints-register-pdf": page(),
    "complaints-schedule-new": page(petition_receive), "complaints-reception-new": page(petition_receive),
    "complaints-letter-new": page(petition_receive), "complaints-procuracy-new": page(petition_receive),
    "complaints-reception-detail": object_page(), "complaints-letter-detail": object_page(),
    "complaints-matter-detail": object_page(),
    "complaints-matter-new": object_page(petition_receive),
    "complaints-procuracy-case-new": object_page(petition_receive),
    # step=accept; the world's matters are resolved by their own branch: a head or deputy of that branch
    "complaints-matter-step": object_page(lambda p, t: p.superuser or (p.title in ("head", "deputy") and p.unit == t)),
    # the denunciator's identity: its resolver only (actions.identity_for), not even the technical root account
    "complaints-matter-identity": object_page(lambda p, t: p.title in ("head", "deputy") and p.unit == t),
    # targets, progress, rankings and emulation (issue 17, thads.emulation.views_*): progress, rankings, targets and
    # the evidence sheet for who sees the statistics (heads, deputies, statisticians); a provincial target is
    # edited or deleted by the province's target setters; campaigns, nominations, commendations, the council and the
    # good-practice library for everyone logged in (another unit's campaign or nomination is not found); their
    # forms for heads and deputies (MANAGE_EMULATION); a nomination's review (requested with step=review) for a
    # member of the deciding unit's council who did not propose it; good practices are read by every staff member of
    # the installation (not found nowhere), written by who enters acts, edited by their author or a head/deputy
    "emulation-index": lambda p, t: LOGIN if p.anonymous else REDIRECT,
    "emulation-progress": page(statistics), "emulation-rankings": page(statistics),
    "emulation-rankings-xlsx": page(statistics), "emulation-targets": page(statistics),
    "emulation-target-new": page(statistics),
    "emulation-target-edit": object_page(province_targets),
    "emulation-target-delete": post_only(), "emulation-target-pass-down": post_only(),
    "emulation-evidence": page(statistics), "emulation-evidence-xlsx": page(statistics),
    "emulation-evidence-docx": page(statistics),
    "emulation-campaigns": page(), "emulation-campaign-new": page(manage_emulation),
    "emulation-campaign-detail": object_page(), "emulation-campaign-edit": object_page(manage_emulation),
    "emulation-campaign-close": post_only(),
    "emulation-nominations": page(), "emulation-nomination-new": page(manage_emulation),
    "emulation-nomination-detail": object_page(),
    "emulation-nomination-step": object_page(lambda p, t: p.superuser or p.name == EMULATION_COUNCIL.get(t)),
    "emulation-commendations": page(), "emulation-commendation-new": page(manage_emulation),
    "emulation-council": page(), "emulation-council-remove": post_only(),
    "emulation-practices": page(), "emulation-practice-new": page(may_change),
    "emulation-practice-detail": page(),
    "emulation-practice-edit": page(lambda p, t: p.superuser or p.name == EMULATION_AUTHOR.get(t)
                                    or (manage_emulation(p, t) and covers(p, t))),
    # submissions upward (issue 18, thads.submissions.views): for who sees the statistics; the download without a
    # package id (or of a package outside one's scope) is not found
    "submissions-list": page(statistics), "submissions-consolidation": page(statistics),
    "submissions-download": lambda p, t: LOGIN if p.anonymous else (NOT_FOUND if statistics(p, t) else FORBIDDEN),
    "submissions-build": post_only(), "submissions-receive": post_only(), "submissions-decide": post_only(),
    # the public list of debtors without conditions (issue 18, thads.registers.views_public): the public page and its
    # files open to everyone, anonymous visitors included (read-only, GET only); the staff page for every logged-in
    # user (scoped rows), its buttons post to the step endpoint (who enters acts; the action checks the unit)
    "public-debtors": public(OK, OK), "public-debtors-csv": public(OK, OK), "public-debtors-json": public(OK, OK),
    "registers-public": page(), "registers-public-step": post_only(),
    # the office's registers (issue 18, thads.registers.views_registers): who works the cases (CHANGE_CASES) or
    # sees the statistics (heads, deputies, statisticians), over their own units; requested without a query: the
    # default register (judgments of the persona's unit, this year) and its files
    **{name: page(titles("head", "deputy", "officer", "clerk", "accountant", "reception", "statistician"))
       for name in ("registers-page", "registers-pdf", "registers-xlsx")},
}

#: POST-only endpoints: who may post (the others must get 403 or 404 and change nothing).
POST_ONLY: dict[str, Callable[[Persona, str | None], bool]] = {
    "case-import-confirm": may_import,
    "case-attachment-upload": lambda p, t: covers(p, t) and may_change(p, t),
    # posted with kind=decide_proactive: the decision to enforce is the head's (Luật THADS Art. 23)
    "document-generate": lambda p, t: covers(p, t) and (p.superuser or p.title in ("head", "deputy")),
    "deadline-reassign": lambda p, t: p.superuser or p.title in ("head", "deputy"),
    # the world's measure is a distraint: its decision and its plan are signed by the officer (Arts. 71, 72, 88)
    "assets-measure-document": lambda p, t: covers(p, t) and officers(p, t),
    "assets-plan-document": lambda p, t: covers(p, t) and officers(p, t),
    "job-stats-rebuild": may_rebuild,
    # emulation (issue 17): a provincial target by the province's target setters; pass down also by who sets
    # targets over the branch (the action then refuses: back to the page, nothing written); a campaign and a
    # council member by the heads and deputies over their unit
    "emulation-target-delete": lambda p, t: covers(p, t) and province_targets(p, t),
    "emulation-target-pass-down": lambda p, t: covers(p, t) and province_targets(p, t),
    "emulation-campaign-close": lambda p, t: covers(p, t) and manage_emulation(p, t),
    "emulation-council-remove": lambda p, t: covers(p, t) and manage_emulation(p, t),
    "job-export": personal_data,  # an export of the histories of a unit whose personal data one may see
    "logout": anyone,
    "admin:logout": anyone,
    "set_language": anyone,
    # submissions (issue 18): who sees the statistics passes the page's gate; the action checks the unit's
    # statistician (a refusal goes back to the list with a message; a decision without a package id is not found)
    "submissions-build": statistics, "submissions-receive": statistics, "submissions-decide": statistics,
    "registers-public-step": may_change,  # the public list (issue 18): the action then checks the case's unit
}

#: What a refused POST may answer besides 403 and 404.
POST_REFUSED_ALSO: dict[str, tuple] = {
    # A title that may not issue the document is sent back to the case's documents with the refusal as a message.
    "document-generate": (REDIRECT,),
    "assets-measure-document": (REDIRECT,),  # back to the measure's page with the refusal (title) as a message
    "assets-plan-document": (REDIRECT,),
    # A branch's own target setter passes the page's gate; the action refuses the province's target: back with it.
    "emulation-target-pass-down": (REDIRECT,),
}

# --- admin model pages, by shape -------------------------------------------------------------------------------

STAFF = admin()  # every administrator and the superuser
SCOPED = admin(scoped=True)  # an object of the administrator's subtree; outside it "not found" (redirect)
SUPERUSER = admin(superuser_only)  # administrators are refused (403)
NEVER = admin(nobody)  # refused to everybody, superusers included (history is never deleted, documents are generated)

_EMULATION_READ_ONLY = ("nomination", "nominationevent", "commendation")

#: Every model registered in the admin: its pages by shape (changelist, add, change, history, delete). The
#: administrators' group (``org.actions.ensure_admin_group``) holds the rights on units, staff, officers, letterheads
#: and calendar rows, each scoped to the administrator's subtree by the admin classes. ``admin/<app>/<model>/<id>/`` (shape "redirect") only
#: redirects to the change page: the admin's gate is its only check.
ADMIN_MODELS: dict[str, dict[str, Rule]] = {
    "org.unit": {"changelist": STAFF, "add": STAFF, "change": SCOPED, "history": SCOPED, "delete": NEVER},
    "org.user": {"changelist": STAFF, "add": STAFF, "change": SCOPED, "history": SCOPED, "delete": NEVER},
    "org.officer": {"changelist": STAFF, "add": STAFF, "change": SCOPED, "history": SCOPED, "delete": NEVER},
    "auth.group": {s: SUPERUSER for s in ("changelist", "add", "change", "history", "delete")},
    # The administrators' group holds these rights too; the admin classes scope them to the subtree.
    "deadlines.calendarday": {"changelist": STAFF, "add": STAFF, "change": SCOPED, "history": SCOPED,
                              "delete": SCOPED},
    "documents.letterhead": {"changelist": STAFF, "add": STAFF, "change": SCOPED, "history": SCOPED,
                             "delete": SCOPED},
    "documents.documenttemplate": {"changelist": SUPERUSER, "add": SUPERUSER, "change": SUPERUSER,
                                   "history": SUPERUSER, "delete": NEVER},
    # Login throttling's records (django-axes): superusers only; attempts are not added by hand.
    "axes.accessattempt": {"changelist": SUPERUSER, "add": NEVER, "change": SUPERUSER, "history": SUPERUSER,
                           "delete": SUPERUSER},
    "axes.accesslog": {"changelist": SUPERUSER, "add": NEVER, "change": SUPERUSER, "history": SUPERUSER,
                       "delete": SUPERUSER},
    "axes.accessfailurelog": {"changelist": SUPERUSER, "add": NEVER, "change": SUPERUSER, "history": SUPERUSER,
                              "delete": SUPERUSER},
    # The background jobs' queue (django-tasks' database backend): read-only, superusers only.
    "django_tasks_database.dbtaskresult": {"changelist": SUPERUSER, "add": NEVER, "change": SUPERUSER,
                                           "history": SUPERUSER, "delete": NEVER},
    # emulation (issue 17, emulation.admin): read-mostly, for the technical root account's repairs (writes go through
    # the actions); an administrator has no right on them; nominations, their steps and commendations are never
    # added or deleted here, a campaign is closed rather than deleted
    **{f"emulation.{m}": {"changelist": SUPERUSER, "add": NEVER if m in _EMULATION_READ_ONLY else SUPERUSER,
                          "change": SUPERUSER, "history": admin(superuser_only, scoped=True),
                          "delete": NEVER if m in _EMULATION_READ_ONLY or m == "campaign" else SUPERUSER}
       for m in ("target", "campaign", "councilmember", "nomination", "nominationevent", "commendation",
                 "goodpractice")},
    "documents.document": {"changelist": SUPERUSER, "add": NEVER, "change": SUPERUSER,
                           "history": admin(superuser_only, scoped=True), "delete": NEVER},
}


def admin_model_rule(model_label: str, shape: str) -> Rule | None:
    """The rule of an admin model page (``shape``: changelist, add, change, history, delete, redirect)."""
    shapes = ADMIN_MODELS.get(model_label)
    if shapes is None:
        return None
    if shape == "redirect":
        return lambda p, t: REDIRECT if p.staff else ADMIN_LOGIN
    return shapes.get(shape)


@dataclass(frozen=True)
class Hole:
    actual: int | str  # what the page answers today
    note: str


#: (URL key, persona name or "*" for every logged-in persona, target or "*") → the wrong status answered today.
#: Keep this empty when you can: each row is a defect reported to the owner of the page.
KNOWN_HOLES: dict[tuple[str, str, str], Hole] = {
}


def expected(key: str, persona: Persona, target: str | None, rule: Rule) -> tuple[int | str, Hole | None]:
    """The status the table expects, and the known hole that stands in for it today (if any)."""
    want = rule(persona, target)
    candidates = [(key, persona.name, target or "-"), (key, persona.name, "*")]
    if not persona.anonymous:
        candidates += [(key, "*", target or "-"), (key, "*", "*")]
    for k in candidates:
        if k in KNOWN_HOLES:
            return want, KNOWN_HOLES[k]
    return want, None
