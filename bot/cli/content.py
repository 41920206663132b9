"""`senda content …`: the tools staff use on the answers (check, catalogs, publish,
preview, export, import). The work is in actions/content_tools/; this is the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

import yaml
from babel.messages.pofile import PoFileError

from actions.content.yaml_files import ContentError


def add_content_commands(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    content = commands.add_parser("content", help="tools for the answers staff edit")
    content_commands = content.add_subparsers(dest="content_command", required=True)
    content_commands.add_parser(
        "check",
        help="errors (missing translations, changed numbers, missing sources, too "
        "long) and warnings (past review date, stale translations, drafts)",
    ).set_defaults(func=content_command(cmd_content_check))
    content_commands.add_parser(
        "catalogs",
        help="update locales/responses.pot and the .po catalogs from the Spanish "
        "(make pot; publish does it first)",
    ).set_defaults(func=content_command(cmd_content_catalogs))
    content_commands.add_parser(
        "publish",
        help="check, then make the edited answers live in the running assistant (no retraining, no restart)",
    ).set_defaults(func=content_command(cmd_content_publish))
    shown = content_commands.add_parser(
        "preview", help="show an answer in each language as Telegram shows it"
    )
    shown.add_argument("id", help="answer id, e.g. utter_asylum_us or asylum_us")
    shown.add_argument("--language", help="only this language (es, en, quc)")
    shown.add_argument("--country", help="fill the resource list for this country (MX, GT…)")
    shown.set_defaults(func=content_command(cmd_content_preview))
    exported = content_commands.add_parser(
        "export", help="write every text and translation to a spreadsheet (.xlsx or .csv)"
    )
    exported.add_argument("file", help="answers.xlsx or answers.csv")
    exported.set_defaults(func=content_command(cmd_content_export))
    imported = content_commands.add_parser(
        "import", help="check an edited spreadsheet, then apply all of it or nothing"
    )
    imported.add_argument("file", help="the edited answers.xlsx or answers.csv")
    imported.set_defaults(func=content_command(cmd_content_import))


def cmd_content_check(args: argparse.Namespace) -> int:
    """Check the answers and translations staff edit; exit 1 on an error."""
    from actions.content_tools.check import check_working_content

    report = check_working_content()
    print(report.format())
    return 1 if report.errors else 0


def cmd_content_publish(args: argparse.Namespace) -> int:
    """Check, then make the working content live in the running assistant."""
    from actions.content_tools.publish import describe, publish

    result = publish()
    for path in result.refreshed:
        print(f"Updated {path.name} from the Spanish (as make pot does)")
    print(result.report.format())
    if result.snapshot is None:
        print(
            "Not published: fix the errors above first. Users still see the last published content.",
            file=sys.stderr,
        )
        return 1
    print(f"Published {describe(result.snapshot)}: the running assistant uses it within seconds.")
    return 0


def cmd_content_preview(args: argparse.Namespace) -> int:
    from actions.content.answers import load_content
    from actions.content.catalogs import load_catalogs
    from actions.content.directory import load_directory
    from actions.content.languages import language_config
    from bot.cli.preview import preview

    content = load_content()
    name = args.id if args.id.startswith("utter_") else f"utter_{args.id}"
    if name not in content.responses:
        close = sorted(n for n in content.responses if args.id.lower() in n)[:8]
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        print(f"senda content preview: no answer called {name}.{hint}", file=sys.stderr)
        return 2
    codes = language_config().codes
    languages = [args.language] if args.language else list(codes)
    if args.language and args.language not in codes:
        print(f"senda content preview: language must be one of {', '.join(codes)}", file=sys.stderr)
        return 2
    country = args.country.upper() if args.country else None
    for item in preview(content, load_catalogs(), name, languages, country, load_directory()):
        print(item.format(), end="\n\n")
    return 0


def cmd_content_catalogs(args: argparse.Namespace) -> int:
    """`make pot`: the template and catalogs brought up to date with the Spanish."""
    from actions.content.answers import load_content
    from actions.content.paths import project_root
    from actions.content_tools.sheet.applying import refresh_catalogs

    load_content()  # a file of the wrong shape is named before anything is written
    root = project_root()
    changed = refresh_catalogs(root)
    for path in changed:
        print(f"Updated {path.relative_to(root)}")
    if not changed:
        print("The catalogs already match the Spanish texts.")
    return 0


def cmd_content_export(args: argparse.Namespace) -> int:
    from actions.content_tools.sheet.export import export_content
    from actions.content_tools.sheet.files import SheetError

    path = Path(args.file)
    try:
        rows = export_content(path)
    except SheetError as error:
        print(f"senda content export: {error.reason}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"senda content export: cannot write {path}: {error.strerror}", file=sys.stderr)
        return 2
    print(
        f"Wrote {rows} rows to {path}: one per text and language. Edit it in LibreOffice "
        "or Excel, then `senda content import`."
    )
    return 0


def cmd_content_import(args: argparse.Namespace) -> int:
    from actions.content_tools.sheet.importing import import_content

    result = import_content(Path(args.file))
    print(result.format(), file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 1


def content_command(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """A content file staff broke (YAML syntax, a wrong kind of value) gets a message that
    says where, not a traceback; nothing is published or changed."""

    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except (yaml.YAMLError, PoFileError, ContentError) as error:
            print(
                f"senda content: a content file cannot be read:\n{error}\nNothing was changed or published.",
                file=sys.stderr,
            )
        return 2

    return run
