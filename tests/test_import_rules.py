"""The house's rules, read from the code: which package may import which.

Each folder says which process loads it (its __init__ docstring). The rules keep the
light processes light and the action server free of the bot's code:
- nothing under actions/ imports bot/;
- actions.content (the read side) imports only itself: never the write side
  (actions.content_tools), the models (actions.matching) or the actions;
- actions.matching imports only actions.content and itself;
- actions.pipeline and actions.custom import only actions.content, actions.matching
  and themselves;
- in bot/: the Telegram bot (bot.telegram) and the analytics (bot.analytics) never import
  each other or the command line (bot.cli); the shared modules at bot/'s top (settings,
  database, rasa_client, tracker_store, processes, stack, identity, messages) import none
  of the three; only bot.cli puts them together;
- importing the content, the actions, the NLU components or the Telegram bot's
  modules loads no torch (only actions.matching does, on first use).
An import inside a function counts like one at the top: a rule about who may use
whom does not depend on when.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterator, List, Set, Tuple

import pytest

ROOT = Path(__file__).resolve().parents[1]

# package → the packages of actions/ and bot/ it may import (besides itself)
ALLOWED: Dict[str, Set[str]] = {
    "actions.content": set(),
    "actions.matching": {"actions.content"},
    "actions.pipeline": {"actions.content", "actions.matching"},
    "actions.custom": {"actions.content", "actions.matching"},
    "actions.content_tools": {"actions.content", "actions.matching"},
    # bot's packages ("bot": its shared top modules); bot.cli may import anything
    "bot": {"actions.content", "bot"},
    "bot.telegram": {"actions.content", "bot"},
    "bot.analytics": {"actions.content", "actions.matching", "bot"},
}
BOT_PACKAGES = ("bot.telegram", "bot.analytics", "bot.cli")


def package_of(module: str) -> str:
    """actions.content.rumours → actions.content; bot.telegram.handlers → bot.telegram;
    bot.settings → bot."""
    parts = module.split(".")
    if parts[0] == "actions" and len(parts) > 2:
        return ".".join(parts[:2])
    if parts[0] == "bot":
        package = ".".join(parts[:2])
        return package if package in BOT_PACKAGES else "bot"
    return module


def imports(path: Path) -> Iterator[Tuple[int, str]]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.lineno, node.module


def modules(folder: str) -> List[Tuple[str, Path]]:
    return [
        (".".join(path.relative_to(ROOT).with_suffix("").parts), path)
        for path in sorted((ROOT / folder).rglob("*.py"))
    ]


def ours(module: str) -> bool:
    return module.split(".")[0] in ("actions", "bot")


def test_the_rules_see_every_package() -> None:
    """A new package under actions/ gets a rule (or the rules would silently miss it)."""
    found = {package_of(name) for name, _ in modules("actions")} - {"actions.__init__"}
    top_level = {name for name in found if name.count(".") == 1 and (ROOT / name.replace(".", "/")).is_dir()}
    assert top_level == {name for name in ALLOWED if name.startswith("actions.")}


def test_nothing_under_actions_imports_bot() -> None:
    broken = [
        f"{path.relative_to(ROOT)}:{line} imports {target}"
        for _, path in modules("actions")
        for line, target in imports(path)
        if target.split(".")[0] == "bot"
    ]
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_each_package_imports_only_what_its_process_may_load(package: str) -> None:
    allowed = ALLOWED[package] | {package}
    broken = [
        f"{path.relative_to(ROOT)}:{line} imports {target}"
        for name, path in modules(package.split(".")[0])
        if package_of(name) == package
        for line, target in imports(path)
        if ours(target) and package_of(target) not in allowed
    ]
    assert not broken, "\n".join(broken)


LIGHT = ["actions.content", "actions.custom", "actions.pipeline", "actions.content_tools"]


def test_the_light_packages_load_no_torch() -> None:
    names = [
        name
        for name, _ in modules("actions")
        if any(name == p or name.startswith(p + ".") for p in LIGHT) and not name.endswith("__init__")
    ]
    # __main__ runs the command when imported: it is not a module to load.
    names += [
        name
        for name, _ in modules("bot")
        if not name.startswith("bot.analytics") and not name.endswith(("__init__", "__main__"))
    ]
    script = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "    if 'torch' in sys.modules:\n"
        "        print(name); break\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "", f"torch loaded on importing {result.stdout.strip()}"
