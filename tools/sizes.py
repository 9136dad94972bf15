"""House plan sizes: modules over 500 lines and functions over 80 lines in ``src/thads`` (issue 13, item 7).

Usage: python tools/sizes.py [ROOT]   (ROOT defaults to src/thads; exit status 1 when anything is over)

A module's size is its number of physical lines. A function's size runs from its ``def`` line to its last line
(decorators not counted; a nested function counts inside its parent and on its own). A function over the limit is
acceptable when its docstring says why with the word ``long:`` (e.g. ``long: one table of the form, row by row``).
Migrations and the demo generator (``thads/demo/generator.py``: one deterministic script) are exempt.
Pure Python, standard library only: ``tests/test_house_plan.py`` imports it.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80
REASON_WORD = "long:"
DEFAULT_ROOT = Path(__file__).resolve().parent.parent / "src" / "thads"
#: Paths (relative to the root, POSIX) that are exempt; a directory name exempts everything below it.
EXEMPT_FILES = frozenset({"demo/generator.py"})
EXEMPT_DIRS = frozenset({"migrations"})


@dataclass(frozen=True, slots=True)
class Oversize:
    path: str  # relative to the root, POSIX
    name: str  # "" for a module, else the qualified function name
    lines: int
    line: int = 1  # where it starts
    reason: str = ""  # the docstring's "long:" reason, if any

    @property
    def excused(self) -> bool:
        return bool(self.reason)


def modules(root: Path = DEFAULT_ROOT) -> list[Path]:
    """The ``.py`` files under ``root`` that the limits apply to, sorted."""
    out = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        if rel.as_posix() in EXEMPT_FILES or EXEMPT_DIRS.intersection(rel.parts[:-1]):
            continue
        out.append(path)
    return out


def _reason(node: ast.AST) -> str:
    doc = ast.get_docstring(node, clean=True) or ""
    at = doc.find(REASON_WORD)
    if at < 0:
        return ""
    return " ".join(doc[at + len(REASON_WORD):].split()) or "(no reason given)"


def _functions(tree: ast.Module):
    """``(qualified name, node)`` of every function and method, nested ones included."""
    stack: list[tuple[str, ast.AST]] = [("", tree)]
    while stack:
        prefix, node = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = f"{prefix}{child.name}"
                if not isinstance(child, ast.ClassDef):
                    yield name, child
                stack.append((name + ".", child))
            else:
                stack.append((prefix, child))


def scan(root: Path = DEFAULT_ROOT) -> tuple[list[Oversize], list[Oversize]]:
    """``(modules over the limit, functions over the limit)``; functions carry their ``long:`` reason if any."""
    big_modules: list[Oversize] = []
    long_functions: list[Oversize] = []
    for path in modules(root):
        rel = path.relative_to(root).as_posix()
        source = path.read_text(encoding="utf-8")
        count = len(source.splitlines())
        if count > MAX_MODULE_LINES:
            big_modules.append(Oversize(rel, "", count))
        for name, node in _functions(ast.parse(source, filename=str(path))):
            lines = node.end_lineno - node.lineno + 1
            if lines > MAX_FUNCTION_LINES:
                long_functions.append(Oversize(rel, name, lines, node.lineno, _reason(node)))
    long_functions.sort(key=lambda o: (o.path, o.line))
    return big_modules, long_functions


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else DEFAULT_ROOT
    big, long_ = scan(root)
    for m in big:
        print(f"module   {m.lines:5d}  {m.path}")
    for f in long_:
        status = f"ok, long: {f.reason}" if f.excused else "NO REASON"
        print(f"function {f.lines:5d}  {f.path}:{f.line} {f.name}  [{status}]")
    unexcused = [f for f in long_ if not f.excused]
    print(f"modules over {MAX_MODULE_LINES} lines: {len(big)}; functions over {MAX_FUNCTION_LINES} lines: "
          f"{len(long_)} ({len(unexcused)} without a 'long:' reason)")
    return 1 if big or unexcused else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
