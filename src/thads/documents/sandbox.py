"""The Jinja sandbox .docx templates are rendered in, and the check of an uploaded template (issue 12, hole 2).

A template is a program: docxtpl hands the Jinja source found in the document to Jinja. With a plain
``jinja2.Environment`` a field like ``{{ ''.__class__.__mro__[1].__subclasses__() }}`` walks from any string to
every class of the server process, and from there to ``os.system``: whoever may upload a template could run code
as THADS, with the database password and every party's ID number in reach. So:

- every template is rendered in :class:`TemplateEnvironment`, Jinja's immutable sandbox (no attribute starting
  with ``_``, no unsafe callables, no mutation of the context's lists and dicts) with autoescape on for the XML
  parts, with a bound on ``*`` and ``**`` (a template cannot make the server build a gigabyte string or a number
  with a billion digits); what the sandbox stops raises ``SecurityError``, which the callers turn into a refusal;
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

import operator
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

__all__ = ["SecurityError", "SandboxedDocxTemplate", "TemplateEnvironment", "template_problems", "template_sources"]

#: ``"x" * n`` and ``[..] * n`` with n above this are refused (a document never needs it).
MAX_REPEAT = 10_000
#: ``a ** b`` whose result would have more bits than this is refused.
MAX_POWER_BITS = 4_096
#: Statements that load other templates: the environment has no loader, and a template must be self-contained.
LOADING_NODES = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)


class TemplateEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with bounded repetition and powers (autoescape on unless asked otherwise)."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, *, autoescape: bool = True, **kwargs: Any) -> None:
        super().__init__(autoescape=autoescape, **kwargs)

    def unsafe_undefined(self, obj: Any, attribute: str):
        # Jinja's sandbox answers an unsafe attribute with an undefined value that prints as nothing; a template
        # that tries one is an attack or a mistake, and either way must be refused, not printed blank.
        raise SecurityError(f"access to attribute {attribute!r} of a {type(obj).__name__!r} object is unsafe")

    def call_binop(self, context, op: str, left: Any, right: Any) -> Any:
        if op == "*":
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
