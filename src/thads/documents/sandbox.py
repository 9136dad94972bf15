"""The Jinja sandbox .docx templates are rendered in, and the check of an uploaded template (issue 12, hole 2).

A template is a program: docxtpl hands the Jinja source found in the document to Jinja. With a plain
``jinja2.Environment`` a field like ``{{ ''.__class__.__mro__[1].__subclasses__() }}`` walks from any string to
every class of the server process, and from there to ``os.system``: whoever may upload a template could run code
as THADS, with the database password and every party's ID number in reach. So:

- every template is rendered in :class:`TemplateEnvironment`, Jinja's immutable sandbox (no attribute starting
  with ``_``, no unsafe callables, no mutation of the context's lists and dicts) with autoescape on for the XML
  parts, with a bound on ``*`` and ``**`` (a template cannot make the server build a gigabyte string or a number
  with a billion digits); what the sandbox stops raises ``SecurityError``, which the callers turn into a refusal;
- a template must not exhaust the server either (issue 12, M4): the filters and globals that build a string of any
  size from a number (``center``, ``format``, ``indent``, ``wordwrap``, ``lipsum``; ``str.format``,
  ``format_map``, ``translate``) are removed and refused at upload; ``range`` gives at most 1,000 items;
  ``replace``, ``join``, ``+``, ``~``, ``%`` and the padding methods compute the size of their result before
  building it and refuse more than 1,000,000 characters; every filter and call result is held to the same cap;
  each render has a budget of loop iterations and calls, a time limit and a cap on what it writes (2,000,000
  characters per part, 8,000,000 with what blocks and macros capture). Going over raises :class:`TooLarge` (a
  ``SecurityError``), which the callers turn into the same refusal;
- an upload is checked before it is stored (:func:`template_problems`): its Jinja source must compile, and it must
  not name an attribute, item or variable starting with an underscore, use the ``attr`` filter, spell a dunder in
  a string, or load another template (``include``, ``import``, ``extends``). The messages are Vietnamese and name
  the problem, because the administrator has to fix the Word file.

Autoescape and docxtpl: docxtpl does not escape values itself (its ``RichText``/``Listing`` are marked safe), so
escaping once in Jinja is exactly right for the XML parts. The document's core properties (title, subject, …) are
plain text that python-docx escapes when it writes them, so they are rendered in a sandbox *without* autoescape
(:class:`SandboxedDocxTemplate`): otherwise "A & B" would come out as "A &amp;amp; B".
"""

from __future__ import annotations

import functools
import operator
import re
import time
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Template, TemplateSyntaxError, nodes, pass_context, pass_eval_context
from jinja2.runtime import Macro, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.visitor import NodeTransformer
from markupsafe import escape

__all__ = ["SecurityError", "SandboxedDocxTemplate", "TemplateEnvironment", "TooLarge", "template_problems",
           "template_sources"]

#: ``"x" * n`` and ``[..] * n`` with n above this are refused (a document never needs it).
MAX_REPEAT = 10_000
#: ``a ** b`` whose result would have more bits than this is refused.
MAX_POWER_BITS = 4_096
#: Largest string, bytes, list or tuple a filter, call or operator may produce (characters or items).
MAX_TEXT = 1_000_000
#: ``range(...)`` gives at most this many numbers.
MAX_RANGE = 1_000
#: Loop iterations plus calls in one render of one part (a macro call counts ``MACRO_CALL_STEPS``).
MAX_STEPS = 100_000
MACRO_CALL_STEPS = 10
#: What one render of one part may write, and what it may write counting what blocks and macros capture.
MAX_OUTPUT = 2_000_000
MAX_TOTAL_OUTPUT = 8_000_000
#: Wall time of one render of one part.
MAX_RENDER_SECONDS = 5.0
#: Widths and precisions in ``"%10s" % x`` above this are refused.
MAX_WIDTH = 1_000
#: Filters and globals that make text of any size from a small number; documents do not need them.
REMOVED_FILTERS = ("center", "format", "indent", "wordwrap")
REMOVED_GLOBALS = ("lipsum",)
#: ``str`` methods refused: ``format``/``format_map`` take widths (``{:>100000000}``), ``translate`` multiplies.
REFUSED_METHODS = frozenset({"format", "format_map", "translate"})
#: Statements that load other templates: the environment has no loader, and a template must be self-contained.
LOADING_NODES = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)


class TooLarge(SecurityError):
    """A template that would build too much, loop too long or write too much (issue 12, M4)."""


@dataclass
class _Budget:
    steps: int = 0
    output: int = 0
    deadline: float = field(default_factory=lambda: time.monotonic() + MAX_RENDER_SECONDS)


#: The budget of the render in progress (set by :class:`BoundedTemplate`); ``None`` outside a render.
_BUDGET: ContextVar[_Budget | None] = ContextVar("thads_template_budget", default=None)


def _tick(n: int = 1) -> None:
    budget = _BUDGET.get()
    if budget is None:
        return
    budget.steps += n
    if budget.steps > MAX_STEPS:
        raise TooLarge("too many loop iterations or calls")
    if time.monotonic() > budget.deadline:
        raise TooLarge("the template takes too long")


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else 0


def _capped(value: Any) -> Any:
    if _size(value) > MAX_TEXT:
        raise TooLarge("result too large")
    return value


def _refuse_over(size: int) -> None:
    if size > MAX_TEXT:
        raise TooLarge("result too large")


def _items(value: Any) -> list:
    """``value`` as a list, counting each item against the render's budget (the loop of a ``join``)."""
    items = []
    for item in value:
        _tick()
        items.append(item)
        if len(items) > MAX_TEXT:
            raise TooLarge("too many items")
    return items


def _replace_size(text, old, new, count) -> int:
    occurrences = (len(text) + 1) if len(old) == 0 else text.count(old)
    if isinstance(count, int) and count >= 0:
        occurrences = min(occurrences, count)
    return len(text) + occurrences * (len(new) - len(old))


def bounded_range(*args: Any) -> range:
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise TooLarge(f"range of more than {MAX_RANGE} items")
    return rng


def _checked_filter(func):
    """Any filter: its result is held to ``MAX_TEXT``."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return _capped(func(*args, **kwargs))

    return wrapper


def _replace_filter(original):
    @pass_eval_context
    def replace(eval_ctx, s, old, new, count=None):
        if eval_ctx.autoescape:
            text, o, n = str(escape(s)), str(escape(old)), str(escape(new))
        else:
            text, o, n = str(s), str(old), str(new)
        _refuse_over(_replace_size(text, o, n, count))
        return original(eval_ctx, s, old, new, count)

    return replace


def _join_filter(original):
    @pass_eval_context
    def join(eval_ctx, value, d="", attribute=None):
        items = _items(value)
        parts = items if attribute is not None else [str(x) for x in items]
        _refuse_over(sum(len(str(x)) for x in parts) + len(str(d)) * max(len(items) - 1, 0))
        return original(eval_ctx, items, d, attribute)

    return join


def _batch_filter(original):
    def batch(value, linecount, fill_with=None):
        if isinstance(linecount, int) and linecount > MAX_RANGE:
            raise TooLarge("batch too large")
        return original(value, linecount, fill_with)

    return batch


def _slice_filter(original):
    def slice_(value, slices, fill_with=None):
        if isinstance(slices, int) and slices > MAX_RANGE:
            raise TooLarge("too many slices")
        return original(value, slices, fill_with)

    return slice_


def _tojson_filter(original):
    @pass_eval_context
    def tojson(eval_ctx, value, indent=None):
        if isinstance(indent, int) and indent > 16:
            raise TooLarge("indent too large")
        return original(eval_ctx, value, indent)

    return tojson


PRECHECKED_FILTERS = {"replace": _replace_filter, "join": _join_filter, "batch": _batch_filter,
                      "slice": _slice_filter, "tojson": _tojson_filter}

#: ``%`` conversions: flags, width, precision.
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


@pass_context
def _loop_budget(context, iterable):
    """Wraps the iterable of every ``{% for %}``: each iteration counts against the render's budget."""
    for item in iterable:
        _tick()
        yield item


@pass_context
def _concat(context, parts):
    """``a ~ b``: refused when the joined text would be too large (else the same as Jinja's own ``~``)."""
    _refuse_over(sum(len(str(p)) for p in parts))
    return (markup_join if context.eval_ctx.autoescape else str_join)(parts)


@pass_context
def _count_output(context, value):
    """Every piece of output, including what ``{% set %}`` blocks, macros and ``{% filter %}`` capture."""
    budget = _BUDGET.get()
    if budget is not None:
        budget.output += len(str(value))
        if budget.output > MAX_TOTAL_OUTPUT:
            raise TooLarge("the template writes too much")
    return value


INTERNAL_FILTERS = {"thads_loop": _loop_budget, "thads_concat": _concat, "thads_output": _count_output}


class _Bounder(NodeTransformer):
    """Rewrites a parsed template so loops, ``~`` and output go through the budget filters above."""

    @staticmethod
    def _filter(node, name, lineno):
        return nodes.Filter(node, name, [], [], None, None, lineno=lineno)

    def visit_For(self, node):
        node = self.generic_visit(node)
        node.iter = self._filter(node.iter, "thads_loop", node.lineno)
        return node

    def visit_Concat(self, node):
        node = self.generic_visit(node)
        return self._filter(nodes.List(node.nodes, lineno=node.lineno), "thads_concat", node.lineno)

    def visit_Output(self, node):
        node = self.generic_visit(node)
        wrapped = []
        for child in node.nodes:
            if isinstance(child, nodes.TemplateData):
                child = nodes.MarkSafeIfAutoescape(nodes.Const(child.data, lineno=child.lineno), lineno=child.lineno)
            wrapped.append(self._filter(child, "thads_output", child.lineno))
        node.nodes = wrapped
        return node


def _bounded_concat(parts) -> str:
    out, total = [], 0
    for part in parts:
        total += len(part)
        if total > MAX_OUTPUT:
            raise TooLarge("the rendered part is too large")
        out.append(part)
    return "".join(out)


class BoundedTemplate(Template):
    """A template whose ``render`` runs with a fresh budget (loop iterations and calls, time, output)."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        token = _BUDGET.set(_Budget())
        try:
            return super().render(*args, **kwargs)
        finally:
            _BUDGET.reset(token)


class TemplateEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with bounded repetition and powers, bounded text, loops and output, and without
    the text-inflating filters (autoescape on unless asked otherwise)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    template_class = BoundedTemplate

    def __init__(self, *, autoescape: bool = True, **kwargs: Any) -> None:
        super().__init__(autoescape=autoescape, **kwargs)
        for name in REMOVED_FILTERS:
            self.filters.pop(name, None)
        for name in REMOVED_GLOBALS:
            self.globals.pop(name, None)
        self.globals["range"] = bounded_range
        for name, func in list(self.filters.items()):
            if name in PRECHECKED_FILTERS:
                func = PRECHECKED_FILTERS[name](func)
            self.filters[name] = _checked_filter(func)
        self.filters.update(INTERNAL_FILTERS)
        self.concat = _bounded_concat  # what Template.render joins: the whole part

    def _generate(self, source, name, filename, defer_init=False):
        # Only the compiled code is rewritten; ``parse`` (the upload check) sees the template as written.
        source = _Bounder().visit(source)
        source.set_environment(self)
        return super()._generate(source, name, filename, defer_init)

    def call(__self, __context, __obj, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's own signature)
        # A macro call costs about ten loop iterations: recursion (2**40 calls) stops after 10,000 of them.
        _tick(MACRO_CALL_STEPS if isinstance(__obj, Macro) else 1)
        # Jinja hands ``str.format`` out wrapped (``__wrapped__``): look at the method underneath.
        method_obj = getattr(__obj, "__wrapped__", __obj)
        owner = getattr(method_obj, "__self__", None)
        if isinstance(owner, (str, bytes)):
            method = getattr(method_obj, "__name__", "")
            if method in REFUSED_METHODS:
                raise SecurityError(f"str.{method} is not allowed in a document template")
            if method in ("ljust", "rjust", "center", "zfill"):
                width = args[0] if args else kwargs.get("width", 0)
                if isinstance(width, int):
                    _refuse_over(width)
            elif method == "expandtabs":
                tabsize = args[0] if args else kwargs.get("tabsize", 8)
                if isinstance(tabsize, int) and tabsize > 64:
                    raise TooLarge("tab size too large")
            elif method == "replace" and len(args) >= 2 and all(isinstance(a, type(owner)) for a in args[:2]):
                _refuse_over(_replace_size(owner, args[0], args[1], args[2] if len(args) > 2 else -1))
            elif method == "join" and args:
                items = _items(args[0])
                _refuse_over(sum(_size(x) for x in items) + len(owner) * max(len(items) - 1, 0))
                args = (items, *args[1:])
        return _capped(super().call(__context, __obj, *args, **kwargs))

    def unsafe_undefined(self, obj: Any, attribute: str):
        # Jinja's sandbox answers an unsafe attribute with an undefined value that prints as nothing; a template
        # that tries one is an attack or a mistake, and either way must be refused, not printed blank.
        raise SecurityError(f"access to attribute {attribute!r} of a {type(obj).__name__!r} object is unsafe")

    def call_binop(self, context, op: str, left: Any, right: Any) -> Any:
        if op == "+":
            if isinstance(left, (str, bytes, list, tuple)) and isinstance(right, (str, bytes, list, tuple)):
                _refuse_over(len(left) + len(right))
            return operator.add(left, right)
        if op == "%":
            if isinstance(left, (str, bytes)):
                spec = left.decode("latin-1") if isinstance(left, bytes) else left
                for width, precision in _PERCENT_SPEC.findall(spec):
                    for number in (width, precision):
                        if number == "*" or (number and int(number) > MAX_WIDTH):
                            raise TooLarge("format width too large")
            return _capped(operator.mod(left, right))
        if op == "*":
            if isinstance(left, int) and isinstance(right, int) and \
                    left.bit_length() + right.bit_length() > MAX_POWER_BITS:
                raise SecurityError("product too large")
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and times * max(len(seq), 1) > MAX_REPEAT:
                    raise SecurityError("repetition too large")
            return operator.mul(left, right)
        if op == "**":
            if isinstance(left, int) and isinstance(right, int) and right > 0 and \
                    max(abs(left).bit_length(), 1) * right > MAX_POWER_BITS:
                raise SecurityError("power too large")
            if isinstance(right, (int, float)) and abs(right) > MAX_POWER_BITS:
                raise SecurityError("power too large")
            return operator.pow(left, right)
        return super().call_binop(context, op, left, right)


class SandboxedDocxTemplate(DocxTemplate):
    """docxtpl rendering every part in the sandbox: the XML parts with the environment given to ``render``
    (autoescape on), the core properties (plain text that python-docx escapes itself) in a sandbox without
    autoescape."""

    def render_properties(self, context, jinja_env=None) -> None:
        super().render_properties(context, TemplateEnvironment(autoescape=False))


def template_sources(template_file) -> list[tuple[str, str]]:
    """The Jinja sources of a .docx as docxtpl will see them: (part, source) for the body, the headers, footers
    and footnotes (patched the way docxtpl patches them) and the core properties."""
    from docx import Document
    from docx.oxml import parse_xml

    tpl = SandboxedDocxTemplate(template_file)  # for its patch_xml: the source docxtpl hands to Jinja
    doc = Document(template_file)
    sources = [("body", tpl.patch_xml(tpl.xml_to_string(doc._element.body)))]
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for rel in doc.part.rels.values():
            if rel.reltype == uri and rel.target_part.blob:
                sources.append((str(rel.target_part.partname),
                                tpl.patch_xml(tpl.xml_to_string(parse_xml(rel.target_part.blob)))))
    for part in doc.part.package.parts:
        if part.content_type.endswith(".wordprocessingml.footnotes+xml"):
            blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
            sources.append((str(part.partname), tpl.patch_xml(blob)))
    props = doc.core_properties
    for name in ("author", "comments", "identifier", "language", "subject", "title"):
        value = getattr(props, name) or ""
        if value:
            sources.append((f"docProps/core.xml:{name}", value))
    return sources


def _short(value: str, limit: int = 60) -> str:
    value = " ".join(str(value).split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def source_problems(source: str) -> list[str]:
    """What is wrong with one Jinja source, in Vietnamese (empty when it is acceptable)."""
    env = TemplateEnvironment()
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as exc:
        return [f"Mẫu có lỗi cú pháp Jinja, không dịch được: {_short(exc.message or str(exc), 120)}."]
    problems: list[str] = []

    def add(message: str) -> None:
        if message not in problems:
            problems.append(message)

    for node in tree.find_all(nodes.Call):
        if isinstance(node.node, nodes.Name) and node.node.name == "range" and node.args and \
                all(isinstance(a, nodes.Const) and isinstance(a.value, int) for a in node.args):
            try:
                too_long = len(range(*(a.value for a in node.args))) > MAX_RANGE
            except (TypeError, ValueError):
                too_long = False
            if too_long:
                limit = f"{MAX_RANGE:,}".replace(",", ".")
                add(f"Mẫu gọi «range» với hơn {limit} phần tử: vòng lặp quá dài có thể làm treo máy chủ, nên không "
                    "được chấp nhận.")
        elif isinstance(node.node, nodes.Name) and node.node.name in REMOVED_GLOBALS:
            add(f"Mẫu dùng hàm «{node.node.name}» (sinh văn bản mẫu): có thể tạo nội dung cực lớn làm treo máy chủ, "
                "nên không được chấp nhận.")
        elif isinstance(node.node, nodes.Getattr) and node.node.attr in REFUSED_METHODS:
            add(f"Mẫu dùng phương thức «{node.node.attr}» của chuỗi: có thể tạo nội dung cực lớn làm treo máy chủ, "
                "nên không được chấp nhận; hãy ghi thẳng nội dung vào mẫu.")
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Name, nodes.Const, nodes.Filter, nodes.Test,
                               *LOADING_NODES)):
        if isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
            add(f"Mẫu truy cập thuộc tính nội bộ «{node.attr}» (tên bắt đầu bằng dấu gạch dưới): cách này có thể bị "
                "lợi dụng để chạy mã trên máy chủ, nên không được chấp nhận.")
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const) and \
                isinstance(node.arg.value, str) and node.arg.value.startswith("_"):
            add(f"Mẫu truy cập phần tử nội bộ «{node.arg.value}» (tên bắt đầu bằng dấu gạch dưới): cách này có thể "
                "bị lợi dụng để chạy mã trên máy chủ, nên không được chấp nhận.")
        elif isinstance(node, nodes.Name) and node.name.startswith("_"):
            add(f"Mẫu dùng tên nội bộ «{node.name}» (bắt đầu bằng dấu gạch dưới), không được chấp nhận.")
        elif isinstance(node, nodes.Const) and isinstance(node.value, str) and "__" in node.value:
            add(f"Mẫu chứa chuỗi «{_short(node.value)}» có tên nội bộ (hai dấu gạch dưới): cách này có thể bị lợi "
                "dụng để chạy mã trên máy chủ, nên không được chấp nhận.")
        elif isinstance(node, nodes.Filter) and node.name in REMOVED_FILTERS:
            add(f"Mẫu dùng bộ lọc «{node.name}» (căn lề, định dạng độ rộng): có thể tạo nội dung cực lớn làm treo máy "
                "chủ, nên không được chấp nhận; hãy căn lề bằng định dạng của Word.")
        elif isinstance(node, nodes.Filter) and node.name == "attr":
            add("Mẫu dùng bộ lọc «attr» (truy cập thuộc tính theo tên): cách này có thể bị lợi dụng để chạy mã trên "
                "máy chủ, nên không được chấp nhận.")
        elif isinstance(node, LOADING_NODES):
            keyword = {nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "from … import",
                       nodes.Extends: "extends"}[type(node)]
            add(f"Mẫu dùng lệnh «{keyword}» để nạp mẫu khác: mẫu văn bản phải tự chứa mọi nội dung.")
    return problems


def template_problems(template_file) -> list[str]:
    """Why an uploaded .docx must be refused (Vietnamese, one line each); empty when it may be stored.

    Raises whatever python-docx raises on a file that is not a .docx at all (the upload form reports it)."""
    problems: list[str] = []
    for _part, source in template_sources(template_file):
        for problem in source_problems(source):
            if problem not in problems:
                problems.append(problem)
    return problems
