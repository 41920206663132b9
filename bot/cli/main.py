"""The `senda` command: run, telegram, chat, serve and lang here; eval, content and
analytics in their own modules beside this one."""

from __future__ import annotations

import argparse
import logging
import secrets
import signal
import sys
from pathlib import Path
from typing import List, Optional

from bot.cli.content import add_content_commands
from bot.cli.eval import add_eval_command
from bot.settings import PROJECT_ROOT, SettingsError, load_settings
from bot.stack import Stack, StackError, running_stack


def cmd_chat(args: argparse.Namespace) -> int:
    from bot.cli.terminal import chat

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
        handle.write(
            f"\n# Created by `senda run`: the key that turns Telegram ids into sender ids.\n"
            f"SENDA_SENDER_SECRET={secrets.token_hex(32)}\n"
        )
    print(f"Created SENDA_SENDER_SECRET in {env_file}.", file=sys.stderr)


def cmd_telegram(args: argparse.Namespace) -> int:
    """The Telegram bot, in front of the running stack (started here if none answers)."""
    from bot.identity import MissingSecret
    from bot.telegram.app import run

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


def cmd_lang(args: argparse.Namespace) -> int:
    from actions.matching.langid import identifier

    ident = identifier()
    for line in sys.stdin:
        guess = ident.guess(line.strip())
        print(guess.language if guess else "und", flush=True)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="senda", description="Senda's command line")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("chat", help="chat in the terminal (starts the servers if needed)").set_defaults(
        func=cmd_chat
    )
    commands.add_parser(
        "run", help="Telegram if TELEGRAM_BOT_TOKEN is set, else the terminal chat"
    ).set_defaults(func=cmd_run)
    commands.add_parser("telegram", help="run the Telegram bot (starts the servers if needed)").set_defaults(
        func=cmd_telegram
    )
    commands.add_parser("serve", help="run the Rasa server and the action server").set_defaults(
        func=cmd_serve
    )
    commands.add_parser(
        "lang", help="print the language (es, en, quc; und if none) of each stdin line"
    ).set_defaults(func=cmd_lang)
    add_eval_command(commands)
    add_content_commands(commands)
    add_analytics_commands(commands)
    return parser


def add_analytics_commands(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    from bot.cli.analytics import add_report_commands
    from bot.cli.dashboard import add_dashboard_commands

    analytics = commands.add_parser(
        "analytics",
        help="figures for communications teams: report, retention, the staff "
        "dashboard, its accounts and audit log",
    )
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
    except SettingsError as error:  # a bad value in .env or the environment
        print(f"senda: {error} (see .env.example)", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
