"""House plan (issue 13, item 7): no module over ~500 lines, no function over ~80 lines without a reason.

The measure is ``tools/sizes.py`` (AST-based; migrations and the demo generator exempt). A function may exceed
80 lines only when its docstring gives the reason after the word ``long:``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _sizes():
    spec = importlib.util.spec_from_file_location("thads_tools_sizes", ROOT / "tools" / "sizes.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


sizes = _sizes()


def test_no_module_is_over_500_lines():
    big, long_functions = sizes.scan(ROOT / "src" / "thads")
    unexcused = [f for f in long_functions if not f.excused]
    assert not big, "modules over 500 lines: " + ", ".join(f"{m.path} ({m.lines})" for m in big)
    assert not unexcused, "functions over 80 lines without a 'long:' reason in their docstring: " + ", ".join(
        f"{f.path}:{f.line} {f.name} ({f.lines})" for f in unexcused)


def _write(tmp_path: Path, rel: str, text: str) -> None:
    path = tmp_path / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _function(name: str, body_lines: int, doc: str = "") -> str:
    head = f"def {name}():\n" + (f'    """{doc}"""\n' if doc else "")
    return head + "".join(f"    x{i} = {i}\n" for i in range(body_lines))


@pytest.mark.parametrize(("lines", "over"), [(500, False), (501, True)])
def test_module_limit_is_500_lines(tmp_path, lines, over):
    _write(tmp_path, "app/big.py", "x = 1\n" * lines)
    big, _ = sizes.scan(tmp_path)
    assert [m.path for m in big] == (["app/big.py"] if over else [])


def test_migrations_and_the_demo_generator_are_exempt(tmp_path):
    _write(tmp_path, "cases/migrations/0001_initial.py", "x = 1\n" * 900 + _function("f", 120))
    _write(tmp_path, "demo/generator.py", "x = 1\n" * 900)
    _write(tmp_path, "cases/generator.py", "x = 1\n" * 501)
    big, long_functions = sizes.scan(tmp_path)
    assert [m.path for m in big] == ["cases/generator.py"] and long_functions == []


def test_a_long_function_needs_a_reason_in_its_docstring(tmp_path):
    _write(tmp_path, "m.py", _function("short", 79) + _function("plain", 80, "Does things.")
           + _function("excused", 100, "One table.\n\n    long: the form's 90 rows, one per line.")
           + "class K:\n    " + _function("method", 90).replace("\n", "\n    ").rstrip() + "\n")
    _, long_functions = sizes.scan(tmp_path)
    found = {f.name: (f.lines, f.reason) for f in long_functions}
    assert set(found) == {"plain", "excused", "K.method"}
    assert found["plain"] == (82, "") and found["K.method"][1] == ""
    assert found["excused"] == (104, "the form's 90 rows, one per line.")


def test_the_script_prints_the_counts(tmp_path, capsys):
    _write(tmp_path, "m.py", "x = 1\n" * 600 + _function("f", 85))
    assert sizes.main([str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "modules over 500 lines: 1; functions over 80 lines: 1 (1 without a 'long:' reason)" in out


def test_the_law_code_of_documents_is_pure_and_lives_in_domain():
    """Issue 13 item 7: the legal bases and the amounts in words are domain rules; importing them loads no Django."""
    import subprocess

    src = ROOT / "src" / "thads"
    assert not (src / "documents" / "legal.py").exists() and not (src / "documents" / "words.py").exists()
    code = ("import sys; import thads.domain.legal_bases, thads.domain.legal_texts, thads.domain.words; "
            "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "src")})
    assert out.stdout.strip() == "[]"
