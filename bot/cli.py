"""The `senda` command: chat, eval, lang, serve."""
from __future__ import annotations

import argparse
import signal
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Optional

from bot.rasa_client import RasaClient
from bot.settings import load_settings
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


def cmd_serve(args: argparse.Namespace) -> int:
    """Run both servers in the foreground until Ctrl-C."""
    settings = load_settings()
    with Stack(settings) as stack:
        print(f"Rasa on {settings.rasa_url}, actions on {settings.actions_url}. Ctrl-C stops.")
        try:
            for process in stack.processes:
                process.wait()
        except KeyboardInterrupt:
            pass
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from bot.evaluate import EvalFileError, evaluate, format_report, read_rows, write_json

    try:
        rows = read_rows(Path(args.file))
    except (OSError, EvalFileError) as error:
        print(f"senda eval: {error}", file=sys.stderr)
        return 2
    with running_stack() as client:
        report = evaluate(client, rows)
    print(format_report(report))
    if args.json:
        write_json(report, Path(args.json))
    return 0


def cmd_lang(args: argparse.Namespace) -> int:
    from actions.langid import identifier

    ident = identifier()
    for line in sys.stdin:
        guess = ident.guess(line.strip())
        print(guess.language if guess else "und", flush=True)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="senda", description="Senda's command line")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("chat", help="chat in the terminal (starts the servers if needed)"
                        ).set_defaults(func=cmd_chat)
    commands.add_parser("serve", help="run the Rasa server and the action server"
                        ).set_defaults(func=cmd_serve)
    evaluation = commands.add_parser("eval", help="score a CSV of language,country,text,expected")
    evaluation.add_argument("file")
    evaluation.add_argument("--json", help="also write the report as JSON here")
    evaluation.set_defaults(func=cmd_eval)
    commands.add_parser("lang", help="print the language (es, en, quc; und if none) of each stdin line"
                        ).set_defaults(func=cmd_lang)
    return parser


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
