"""Every URL pattern × every persona answers as ``tests/access_matrix.py`` says (issue 12, "Access, tested everywhere").

The patterns are read from the URLconf (``get_resolver()``, through every include, the admin site included), so a
new page without a row in the table fails here. The world (units, one user per persona, a case, an attachment, a
document, an audit row, a calendar row and a letterhead in each of branches A and B) is built once for the module
inside one transaction that is rolled back at the end; each URL is one test, which requests it as every persona
(and, for pages about one object, for the object of A and the object of B) and reports every mismatch at once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from unittest import mock

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from tests import access_matrix as M
from tests import access_world_assets, access_world_complaints, access_world_emulation
from tests.conftest import PASSWORD

# ------------------------------------------------------------------------------------------------ the URL patterns

ADMIN_SUFFIXES = ("changelist", "add", "change", "history", "delete")
#: Keyword arguments that name an object held by a unit: such pages are requested for the object of A and of B.
OBJECT_KWARGS = {"pk", "att_id", "doc_id", "object_id", "id"}


@dataclass(frozen=True)
class Route:
    key: str  # the table's key: the URL name, the pattern of an unnamed one, or admin:<model>:<shape>
    pattern: str
    kwargs: tuple[str, ...]
    name: str | None
    model: str | None = None  # admin model pages: the model's label
    shape: str | None = None

    def rule(self):
        if self.model is not None:
            return M.admin_model_rule(self.model, self.shape)
        return M.EXPECTED.get(self.key)

    @property
    def targets(self) -> tuple[str | None, ...]:
        national = self.model in ("auth.group", "documents.documenttemplate") or \
            (self.model or "").startswith(("axes.", "django_tasks_database.")) or self.name == "admin:documents_documenttemplate_preview"
        return ("A", "B") if OBJECT_KWARGS & set(self.kwargs) and not national else (None,)


def _walk(resolver, prefix: str = "", namespace: str = ""):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = namespace + (f"{p.namespace}:" if p.namespace else "")
            yield from _walk(p, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield (namespace + p.name if p.name else None), prefix + str(p.pattern), p


def _admin_models() -> dict[str, str]:
    """``app_model_`` URL-name prefix (and ``admin/app/model/`` path) → model label, for every registered model."""
    out = {}
    for model in admin.site._registry:
        meta = model._meta
        out[f"admin:{meta.app_label}_{meta.model_name}_"] = meta.label_lower
        out[f"admin/{meta.app_label}/{meta.model_name}/"] = meta.label_lower
    return out


def discover() -> list[Route]:
    models = _admin_models()
    routes = []
    for name, pattern, p in _walk(get_resolver()):
        kwargs = tuple(p.pattern.regex.groupindex)
        model = shape = None
        if name:
            for prefix, label in models.items():
                if name.startswith(prefix) and name[len(prefix):] in ADMIN_SUFFIXES:
                    model, shape = label, name[len(prefix):]
        elif pattern.endswith("<path:object_id>/"):
            label = models.get(pattern.removesuffix("<path:object_id>/"))
            if label is not None:
                model, shape = label, "redirect"
        key = f"admin:{model}:{shape}" if model else (name or pattern)
        routes.append(Route(key, pattern, kwargs, name, model, shape))
    return routes


ROUTES = discover()

#: Query strings and POST data that make a request meaningful (a drill-down names its figure; a document its kind).
QUERY = {"stats-cases": "?ind=XONG&m=money"}
POST_DATA = {"document-generate": {"kind": "decide_proactive"}}

# ------------------------------------------------------------------------------------------------ the world


@dataclass
class World:
    users: dict = field(default_factory=dict)  # persona name → user
    sessions: dict = field(default_factory=dict)  # persona name → session key
    objects: dict = field(default_factory=dict)  # (kind, target) → pk


def _staff(name, unit, title):
    from thads.org.actions import do_create_staff

    return do_create_staff(name, PASSWORD, name.replace("_", " ").title(), unit, title)


def _build(world: World) -> None:
    from django.contrib.auth.models import Group

    from thads.cases.actions import ObligationData, PartyData, do_act, do_receive
    from thads.cases.models import Attachment
    from thads.deadlines.models import CalendarDay
    from thads.documents.models import Document, DocumentTemplate, Letterhead
    from thads.documents.render import default_template_path
    from thads.org.actions import ADMIN_GROUP, do_create_unit
    from thads.org.audit import audit_write
    from thads.org.models import User

    units = {"P": do_create_unit("P", "Cục THADS tỉnh P", None, "province"),
             "Q": do_create_unit("Q", "Cục THADS tỉnh Q", None, "province")}
    units["A"] = do_create_unit("A", "Chi cục THADS huyện A", units["P"], "district")
    units["B"] = do_create_unit("B", "Phòng THADS khu vực B", units["P"], "regional", valid_from=date(2025, 7, 1))
    for persona in M.PERSONAS:
        if persona.anonymous:
            continue
        if persona.superuser:
            user = User.objects.create_superuser("superuser", "root@thads.test", PASSWORD)
        else:
            user = _staff(persona.name, units[persona.unit], persona.title)
        world.users[persona.name] = user
    kind = "decide_proactive"
    docx = default_template_path(kind).read_bytes()
    template = DocumentTemplate.objects.create(kind=kind, version=99, file=ContentFile(docx, "t.docx"),
                                               sha256=hashlib.sha256(docx).hexdigest(), active=False)
    world.objects[("template", None)] = template.pk
    world.objects[("group", None)] = Group.objects.get(name=ADMIN_GROUP).pk
    for target, head, officer in (("A", "head_a", "officer_a"), ("B", None, "officer_b")):
        unit = units[target]
        receiver = world.users[head or officer]
        case = do_receive(receiver, unit, on=date(2025, 9, 1), initiation="chu_dong", judgment_kind="dan_su",
                          debtors=[PartyData("Lê Văn Đức", id_number="046090001234", address="Huế")],
                          obligations=[ObligationData("tra_no", "person", 5_000_000)])
        do_act(world.users["superuser"], case.pk, "decide", date(2025, 9, 2),
               officer=world.users[officer].officer)
        world.objects[("case", target)] = case.pk
        att = Attachment.objects.create(case=case, file=ContentFile(b"%PDF-1.4 test", "a.pdf"), filename="a.pdf",
                                        content_type="application/pdf", size=13,
                                        sha256=hashlib.sha256(b"%PDF-1.4 test").hexdigest(),
                                        uploaded_by=receiver)
        world.objects[("attachment", target)] = att.pk
        doc = Document.objects.create(case=case, kind=kind, template=template, file=ContentFile(docx, "d.docx"),
                                      on=date(2025, 9, 3), sha256="1" * 64, created_by=receiver)
        world.objects[("document", target)] = doc.pk
        world.objects[("audit", target)] = audit_write(receiver, "test.write", case, after={"x": 1}).pk
        world.objects[("calendarday", target)] = CalendarDay.objects.create(
            day=date(2026, 1, 5), kind=CalendarDay.Kind.UNIT_CLOSURE, unit=unit).pk
        world.objects[("letterhead", target)] = Letterhead.objects.create(unit=unit, place="Huế").pk
        world.objects[("unit", target)] = unit.pk
        world.objects[("user", target)] = world.users[officer].pk
        world.objects[("officer", target)] = world.users[officer].officer.pk
    access_world_assets.build(world.objects, units)  # debtors, assets, measures, plans, auctions (issue 15)
    access_world_complaints.build(world.objects, units)  # receptions, letters, matters (issue 16)
    access_world_emulation.build(world.objects, units, world.users)  # targets, nominations, practices (issue 17)
    if apps.is_installed("axes"):  # login throttling's records (issue 12), national
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        row = {"user_agent": "test", "ip_address": "10.0.0.9", "username": "officer_a", "http_accept": "*/*",
               "path_info": "/login/", "attempt_time": timezone.now()}
        world.objects[("accessattempt", None)] = AccessAttempt.objects.create(
            **row, get_data="", post_data="", failures_since_start=1).pk
        world.objects[("accesslog", None)] = AccessLog.objects.create(**row).pk
        world.objects[("accessfailurelog", None)] = AccessFailureLog.objects.create(**row).pk
    try:  # the database task queue's results (django-tasks), national
        task_model = apps.get_model("django_tasks_database", "DBTaskResult")
    except LookupError:
        task_model = None
    if task_model is not None:
        from django_tasks_db.models import get_date_max

        world.objects[("dbtaskresult", None)] = task_model.objects.create(
            args_kwargs={}, task_path="thads.test", backend_name="default", run_after=get_date_max(),
            exception_class_path="", traceback="").pk
    if apps.is_installed("thads.org.jobs"):  # background jobs (issue 12): one finished export of each branch
        from thads.org.jobs.actions import jobs_dir
        from thads.org.jobs.models import JobKind, JobRun, JobStatus

        jobs_dir().mkdir(parents=True, exist_ok=True)
        for target, owner in M.JOB_OWNERS.items():
            (jobs_dir() / f"{target}.jsonl").write_text("{}\n")
            world.objects[("job", target)] = JobRun.objects.create(
                kind=JobKind.EXPORT, owner=world.users[owner], unit=units[target], status=JobStatus.DONE,
                result={"file": f"{target}.jsonl", "cases": 1}).pk
    for name, user in world.users.items():
        c = Client()
        c.force_login(user)
        world.sessions[name] = c.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)), \
            mock.patch("thads.documents.pdf.docx_to_pdf", return_value=b"%PDF-1.4 converted"):
        with transaction.atomic():
            w = World()
            _build(w)
            yield w
            transaction.set_rollback(True)  # the world is gone for the next module


_ADMIN_OBJECT_KIND = {"org.unit": "unit", "org.user": "user", "org.officer": "officer",
                      "deadlines.calendarday": "calendarday", "documents.document": "document",
                      "documents.letterhead": "letterhead", "documents.documenttemplate": "template",
                      "auth.group": "group", "axes.accessattempt": "accessattempt", "axes.accesslog": "accesslog",
                      "axes.accessfailurelog": "accessfailurelog",
                      "django_tasks_database.dbtaskresult": "dbtaskresult",
                      **access_world_emulation.ADMIN_OBJECT_KIND}


def _kwarg(route: Route, name: str, target: str | None, world: World):
    """A concrete value for the URL's keyword argument ``name`` (the object of ``target``)."""
    obj = world.objects
    if route.model is not None and name == "object_id":
        return obj[(_ADMIN_OBJECT_KIND[route.model], target)]
    values = {
        ("audit-event", "pk"): ("audit", target),
        ("job-detail", "pk"): ("job", target),
        ("job-download", "pk"): ("job", target),
        ("admin:documents_documenttemplate_preview", "pk"): ("template", None),
        ("admin:auth_user_password_change", "id"): ("user", target),
        ("admin:view_on_site", "object_id"): ("unit", target),
    }
    if (route.name, name) in values:
        return obj[values[(route.name, name)]]
    assets = access_world_assets.kwarg(route.name, name, target, obj)
    if assets is not None:
        return assets
    complaints = access_world_complaints.kwarg(route.name, name, target, obj)
    if complaints is not None:
        return complaints
    emulation = access_world_emulation.kwarg(route.name, name, target, obj)
    if emulation is not None:
        return emulation
    fixed = {"pk": lambda: obj[("case", target)], "att_id": lambda: obj[("attachment", target)],
             "doc_id": lambda: obj[("document", target)], "act": lambda: "collect", "fmt": lambda: "csv",
             "name": lambda: "units", "app_label": lambda: "org", "url": lambda: "no-such-page/",
             "content_type_id": lambda: ContentType.objects.get(app_label="org", model="unit").pk}
    if name not in fixed:
        pytest.fail(f"{route.key}: add to _kwarg how to build the URL argument {name!r}")
    return fixed[name]()


def _url(route: Route, target: str | None, world: World) -> str:
    from django.urls import reverse

    kwargs = {k: _kwarg(route, k, target, world) for k in route.kwargs}
    if route.name:
        return reverse(route.name, kwargs=kwargs) + QUERY.get(route.key, "")
    # Unnamed patterns: fill the route text (``<path:object_id>``) or the regex group.
    url = "/" + route.pattern
    for k, v in kwargs.items():
        url = url.replace(f"<path:{k}>", str(v)).replace(f"(?P<{k}>.*)$", str(v))
    return url


def _client(world: World, persona: M.Persona) -> Client:
    c = Client()
    if not persona.anonymous:
        c.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[persona.name]
    return c


def _seen(response) -> int | str:
    """The answer as the table writes it."""
    if response.status_code in (301, 302):
        where = response.get("Location", "")
        if where.startswith(settings.LOGIN_URL if settings.LOGIN_URL.startswith("/") else "/login/"):
            return M.LOGIN
        if where.startswith("/admin/login/"):
            return M.ADMIN_LOGIN
        return M.REDIRECT
    return response.status_code


def _fingerprint() -> dict[str, int]:
    """How many rows every table holds, but sessions and the logs that record the attempt itself."""
    skip = {"sessions.session", "org.auditevent", "org.loginfailure"}
    return {m._meta.label_lower: m.objects.count() for m in apps.get_models()
            if m._meta.label_lower not in skip and not m._meta.app_label.startswith("axes")}


# ------------------------------------------------------------------------------------------------ the test


def test_every_url_pattern_has_a_row_in_the_access_table():
    missing = [r.key for r in ROUTES if r.rule() is None]
    assert not missing, "URL patterns without a row in tests/access_matrix.py: " + ", ".join(missing)
    unknown = set(M.ADMIN_MODELS) - {m._meta.label_lower for m in admin.site._registry}
    assert not unknown, f"ADMIN_MODELS names models that are not registered: {unknown}"


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.key)
def test_every_url_answers_every_persona_as_the_access_table_says(route: Route, world: World):
    rule = route.rule()
    if rule is None:
        pytest.fail(f"{route.key} ({route.pattern}) has no row in tests/access_matrix.py")
    wrong, holes_closed = [], []
    for target in route.targets:
        url = _url(route, target, world)
        for persona in M.PERSONAS:
            want, hole = M.expected(route.key, persona, target, rule)
            got = _seen(_client(world, persona).get(url))
            if hole is not None:
                if got != hole.actual:
                    holes_closed.append(f"{persona.name} {url}: now {got} (known hole said {hole.actual})")
                continue
            if got != want:
                wrong.append(f"{persona.name:<16} GET {url}: {got}, expected {want}")
    allowed_to_post = M.POST_ONLY.get(route.key)
    if allowed_to_post is not None:
        for target in route.targets:
            url = _url(route, target, world)
            for persona in M.PERSONAS:
                if persona.anonymous or allowed_to_post(persona, target):
                    continue
                before = _fingerprint()
                got = _seen(_client(world, persona).post(url, POST_DATA.get(route.key, {})))
                if got not in (403, 404, *M.POST_REFUSED_ALSO.get(route.key, ())):
                    wrong.append(f"{persona.name:<16} POST {url}: {got}, expected 403 or 404")
                if _fingerprint() != before:
                    wrong.append(f"{persona.name:<16} POST {url}: a refused POST changed the database")
    assert not wrong and not holes_closed, "\n".join(
        [f"{route.key} ({route.pattern}):", *wrong,
         *(f"known hole closed, remove it from KNOWN_HOLES: {h}" for h in holes_closed)])
