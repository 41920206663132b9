"""The `senda` command: run, telegram, chat, serve, eval, lang, content, analytics."""
from __future__ import annotations

import argparse
import logging
import secrets
import signal
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, List, Optional

import yaml
from babel.messages.pofile import PoFileError

from actions.content.yaml_files import ContentError
from bot.rasa_client import RasaClient
from bot.settings import PROJECT_ROOT, load_settings
from bot.stack import Stack, StackError


@contextmanager
def running_stack() -> Iterator[RasaClient]:
    """The running stack if one answers; otherwise one started here and stopped after."""
    settings = load_settings()
    client = RasaClient(settings.rasa_url, settings.api_token)
    if client.is_ready():
        yield client
        return
    print("Starting the Rasa server and the action server…", file=sys.stderr)
    with Stack(settings):
        yield client


def cmd_chat(args: argparse.Namespace) -> int:
    from bot.terminal import chat

    with running_stack() as client:
        chat(client)
    return 0


def configure_logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # httpx logs every request URL at INFO, and Telegram's URLs hold the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def ensure_sender_secret(env_file: Path = PROJECT_ROOT / ".env") -> None:
    """First run: create the HMAC key for sender ids and keep it in .env (it must not change)."""
    if load_settings().telegram.sender_secret:
        return
    with env_file.open("a", encoding="utf-8") as handle:
        handle.write(f"\n# Created by `senda run`: the key that turns Telegram ids into sender ids.\n"
                     f"SENDA_SENDER_SECRET={secrets.token_hex(32)}\n")
    print(f"Created SENDA_SENDER_SECRET in {env_file}.", file=sys.stderr)


def cmd_telegram(args: argparse.Namespace) -> int:
    """The Telegram bot, in front of the running stack (started here if none answers)."""
    from bot.analytics.settings import SettingsError
    from bot.identity import MissingSecret
    from bot.telegram_app import run

    configure_logging()
    settings = load_settings()
    try:
        with running_stack():
            run(settings)
    except (MissingSecret, SettingsError) as error:
        print(f"senda telegram: {error} (see .env.example)", file=sys.stderr)
        return 2
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """`make run`: Telegram when TELEGRAM_BOT_TOKEN is set, otherwise a chat in the terminal;
    the staff dashboard beside it on 127.0.0.1 (its URL printed), stopped with the rest."""
    from bot.analytics.dashboard.process import dashboard_alongside

    with dashboard_alongside():
        if load_settings().telegram_token:
            ensure_sender_secret()
            return cmd_telegram(args)
        print("TELEGRAM_BOT_TOKEN is not set: chatting in the terminal instead.", file=sys.stderr)
        return cmd_chat(args)


def cmd_serve(args: argparse.Namespace) -> int:
    """Run both servers in the foreground until Ctrl-C."""
    settings = load_settings()
    with Stack(settings) as stack:
        print(f"Rasa on {settings.rasa_url}, actions on {settings.actions_url}. Ctrl-C stops.")
        try:
            for process in stack.processes.values():
                process.wait()
        except KeyboardInterrupt:
            pass
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from bot import evaluate, harm_eval

    if args.harm:
        return _scored(args, "senda eval --harm", harm_eval.read_harm_rows,
                       harm_eval.evaluate_harm, harm_eval.format_harm_report,
                       harm_eval.write_harm_json)
    return _scored(args, "senda eval", evaluate.read_rows, evaluate.evaluate,
                   evaluate.format_report, evaluate.write_json)


def _scored(args: argparse.Namespace, name: str, read: Callable[[Path], Any],
            score: Callable[[Any, Any], Any], report: Callable[[Any], str],
            write: Callable[[Any, Path], None]) -> int:
    """Read a file of rows (a bad file: a clear message, exit 2), score it on the
    running stack, print the report, write the JSON if asked."""
    from bot.evaluate import EvalFileError

    try:
        rows = read(Path(args.file))
    except (OSError, EvalFileError) as error:
        print(f"{name}: {error}", file=sys.stderr)
        return 2
    with running_stack() as client:
        result = score(client, rows)
    print(report(result))
    if args.json:
        write(result, Path(args.json))
    return 0


def cmd_lang(args: argparse.Namespace) -> int:
    from actions.matching.langid import identifier

    ident = identifier()
    for line in sys.stdin:
        guess = ident.guess(line.strip())
        print(guess.language if guess else "und", flush=True)
    return 0


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
        print("Not published: fix the errors above first. Users still see the last "
              "published content.", file=sys.stderr)
        return 1
    print(f"Published {describe(result.snapshot)}: the running assistant uses it within "
          "seconds.")
    return 0


def cmd_content_preview(args: argparse.Namespace) -> int:
    from actions.content.answers import load_content
    from actions.content.catalogs import load_catalogs
    from actions.content.directory import load_directory
    from actions.content.languages import language_config
    from bot.preview import preview

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
        print(f"senda content preview: language must be one of {', '.join(codes)}",
              file=sys.stderr)
        return 2
    country = args.country.upper() if args.country else None
    for item in preview(content, load_catalogs(), name, languages, country, load_directory()):
        print(item.format(), end="\n\n")
    return 0


def cmd_content_catalogs(args: argparse.Namespace) -> int:
    """`make pot`: the template and catalogs brought up to date with the Spanish."""
    from actions.content.answers import load_content
    from actions.content.paths import project_root
    from actions.content_tools.apply import refresh_catalogs

    load_content()  # a file of the wrong shape is named before anything is written
    root = project_root()
    changed = refresh_catalogs(root)
    for path in changed:
        print(f"Updated {path.relative_to(root)}")
    if not changed:
        print("The catalogs already match the Spanish texts.")
    return 0


def cmd_content_export(args: argparse.Namespace) -> int:
    from actions.content_tools.sheet import SheetError, export_content

    path = Path(args.file)
    try:
        rows = export_content(path)
    except SheetError as error:
        print(f"senda content export: {error.reason}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"senda content export: cannot write {path}: {error.strerror}", file=sys.stderr)
        return 2
    print(f"Wrote {rows} rows to {path}: one per text and language. Edit it in LibreOffice "
          "or Excel, then `senda content import`.")
    return 0


def cmd_content_import(args: argparse.Namespace) -> int:
    from actions.content_tools.sheet import import_content

    result = import_content(Path(args.file))
    print(result.format(), file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 1


def content_command(command: Callable[[argparse.Namespace], int]
                    ) -> Callable[[argparse.Namespace], int]:
    """A content file staff broke (YAML syntax, a wrong kind of value) gets a message that
    says where, not a traceback; nothing is published or changed."""
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except (yaml.YAMLError, PoFileError, ContentError) as error:
            print(f"senda content: a content file cannot be read:\n{error}\nNothing was "
                  "changed or published.", file=sys.stderr)
        return 2
    return run


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="senda", description="Senda's command line")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("chat", help="chat in the terminal (starts the servers if needed)"
                        ).set_defaults(func=cmd_chat)
    commands.add_parser("run", help="Telegram if TELEGRAM_BOT_TOKEN is set, else the terminal chat"
                        ).set_defaults(func=cmd_run)
    commands.add_parser("telegram", help="run the Telegram bot (starts the servers if needed)"
                        ).set_defaults(func=cmd_telegram)
    commands.add_parser("serve", help="run the Rasa server and the action server"
                        ).set_defaults(func=cmd_serve)
    evaluation = commands.add_parser(
        "eval", help="score a CSV of language,country,text,expected[,also]: right, offered, "
                     "fallback and wrong per language")
    evaluation.add_argument("file")
    evaluation.add_argument("--json", help="also write the report as JSON here")
    evaluation.add_argument("--harm", action="store_true",
                            help="FILE has language,text,followup rows about danger: print the "
                                 "emergency-first and follow-up rates per language")
    evaluation.set_defaults(func=cmd_eval)
    commands.add_parser("lang", help="print the language (es, en, quc; und if none) of each stdin line"
                        ).set_defaults(func=cmd_lang)
    content = commands.add_parser("content", help="tools for the answers staff edit")
    content_commands = content.add_subparsers(dest="content_command", required=True)
    content_commands.add_parser(
        "check", help="errors (missing translations, changed numbers, missing sources, too "
                      "long) and warnings (past review date, stale translations, drafts)"
    ).set_defaults(func=content_command(cmd_content_check))
    content_commands.add_parser(
        "catalogs", help="update locales/responses.pot and the .po catalogs from the Spanish "
                         "(make pot; publish does it first)"
    ).set_defaults(func=content_command(cmd_content_catalogs))
    content_commands.add_parser(
        "publish", help="check, then make the edited answers live in the running assistant "
                        "(no retraining, no restart)"
    ).set_defaults(func=content_command(cmd_content_publish))
    shown = content_commands.add_parser(
        "preview", help="show an answer in each language as Telegram shows it")
    shown.add_argument("id", help="answer id, e.g. utter_asylum_us or asylum_us")
    shown.add_argument("--language", help="only this language (es, en, quc)")
    shown.add_argument("--country", help="fill the resource list for this country (MX, GT…)")
    shown.set_defaults(func=content_command(cmd_content_preview))
    exported = content_commands.add_parser(
        "export", help="write every text and translation to a spreadsheet (.xlsx or .csv)")
    exported.add_argument("file", help="answers.xlsx or answers.csv")
    exported.set_defaults(func=content_command(cmd_content_export))
    imported = content_commands.add_parser(
        "import", help="check an edited spreadsheet, then apply all of it or nothing")
    imported.add_argument("file", help="the edited answers.xlsx or answers.csv")
    imported.set_defaults(func=content_command(cmd_content_import))
    add_analytics_commands(commands)
    return parser


def add_analytics_commands(commands: "argparse._SubParsersAction[argparse.ArgumentParser]"
                           ) -> None:
    from bot.analytics.dashboard.commands import add_dashboard_commands
    from bot.analytics.report_cli import add_report_commands

    analytics = commands.add_parser(
        "analytics", help="figures for communications teams: report, retention, the staff "
                          "dashboard, its accounts and audit log")
    analytics_commands = analytics.add_subparsers(dest="analytics_command", required=True)
    add_report_commands(analytics_commands)
    add_dashboard_commands(analytics_commands)


def _exit_on_sigterm(signum: int, frame: object) -> None:
    # Unwind normally so a running stack's servers are stopped too.
    raise SystemExit(128 + signum)


def main(argv: Optional[List[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        return args.func(args)
    except StackError as error:
        print(f"senda: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
