"""ARCHITECTURE.md is the page a newcomer reads first: it must name every top-level package of ``src/thads`` and
every installed THADS app, and the layer contract it describes must be the one import-linter enforces."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "thads"
DOC = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")

#: Folders that hold no Python of ours (data for Django's loaders).
NOT_PACKAGES = {"locale", "static", "templates", "__pycache__"}


def _top_level_packages() -> set[str]:
    names = {p.name for p in SRC.iterdir() if p.is_dir() and p.name not in NOT_PACKAGES}
    names |= {p.stem for p in SRC.glob("*.py") if p.stem != "__init__"}
    return names


def test_every_top_level_package_is_described_in_the_architecture_page() -> None:
    missing = sorted(name for name in _top_level_packages() if f"thads.{name}" not in DOC and f"`{name}`" not in DOC)
    assert missing == [], f"ARCHITECTURE.md does not mention: {missing}"


def test_every_installed_thads_app_is_described_in_the_architecture_page() -> None:
    names = sorted(cfg.name for cfg in apps.get_app_configs() if cfg.name.startswith("thads."))
    assert names, "no THADS app installed?"
    missing = [name for name in names if name not in DOC]
    assert missing == [], f"ARCHITECTURE.md does not mention the apps: {missing}"


def test_the_layers_in_the_architecture_page_are_the_ones_import_linter_enforces() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    layers = next(c for c in config["contracts"] if c["type"] == "layers")["layers"]
    packages = [name.strip() for layer in layers for name in layer.split("|")]
    section = DOC.split("## Layers", 1)[1].split("\n## ", 1)[0]
    positions = []
    for name in packages:
        match = re.search(re.escape(name) + r"\b", section)
        assert match, f"the Layers section of ARCHITECTURE.md does not name {name}"
        positions.append((name, match.start()))
    tops = [name for layer in layers for name in [layer.split("|")[0].strip()]]
    order = [dict(positions)[name] for name in tops]
    assert order == sorted(order), "the Layers section lists the layers in another order than pyproject.toml"
