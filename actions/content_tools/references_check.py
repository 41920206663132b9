"""`senda content check`: what points to an answer, and what staff may have misspelt.

Errors: a rumour that cannot be read or whose answer does not exist; an answer the
rules, stories or domain use that is not written in responses/; a section name no
tool reads (a typo such as `responces:`). A warning: a rumour with no keywords or
examples in a language (not recognised in it).
"""

from __future__ import annotations

from difflib import get_close_matches
from pathlib import Path
from typing import Dict, Iterable, Mapping, Sequence

from actions.content.answers import SECTIONS, Content
from actions.content.languages import language_config
from actions.content.rumours import Rumour, rumour_problems
from actions.content_tools.report import ERROR, WARNING, Report


def check_rumours(
    rumours: Sequence[Rumour], skipped: Sequence[str], content: Content, report: Report
) -> None:
    for problem in skipped:
        report.add(ERROR, "rumours", f"{problem}: this rumour is not recognised until fixed")
    for problem in rumour_problems(rumours, content.responses, language_config().codes):
        rumour, _, what = problem.partition(": ")
        level = ERROR if what.startswith("answer ") else WARNING
        report.add(level, f"rumour {rumour}", what)


def used_answers(nlu: Path, domain_actions: Iterable[str]) -> Dict[str, str]:
    """utter_* names the model can predict, with where each is named: rules and stories
    (`- action: utter_x`) and the domain's actions list."""
    from actions.content.yaml_files import read_yaml

    used = {name: "the domain's actions" for name in domain_actions if name.startswith("utter_")}
    for path in sorted(nlu.rglob("*.yml")):
        data = read_yaml(path)
        for kind in ("rules", "stories"):
            for flow in data.get(kind) or []:
                for step in (flow.get("steps") or []) if isinstance(flow, dict) else []:
                    name = step.get("action") if isinstance(step, dict) else None
                    if isinstance(name, str) and name.startswith("utter_"):
                        used.setdefault(name, f"nlu/{path.relative_to(nlu)}")
    return used


def check_references(content: Content, used: Mapping[str, str], report: Report) -> None:
    for file, key in content.unknown_sections:
        close = get_close_matches(key, sorted(SECTIONS), n=1)
        hint = f" (did you mean `{close[0]}`?)" if close else ""
        report.add(ERROR, file, f"unknown section `{key}`{hint}: nothing in it is read")
    for name, where in sorted(used.items()):
        if name not in content.responses:
            report.add(
                ERROR,
                name,
                f"used in {where} but not written in responses/: users would get the service-error reply",
            )
