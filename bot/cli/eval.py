"""`senda eval`: score a file of questions (or, with --harm, of messages in danger) on
the running stack, per language."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Callable

from bot.stack import running_stack


def add_eval_command(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    evaluation = commands.add_parser(
        "eval",
        help="score a CSV of language,country,text,expected[,also]: right, offered, "
        "fallback and wrong per language",
    )
    evaluation.add_argument("file")
    evaluation.add_argument("--json", help="also write the report as JSON here")
    evaluation.add_argument(
        "--harm",
        action="store_true",
        help="FILE has language,text,followup rows about danger: print the "
        "emergency-first and follow-up rates per language",
    )
    evaluation.set_defaults(func=cmd_eval)


def cmd_eval(args: argparse.Namespace) -> int:
    from bot.cli import evaluate, harm_eval

    if args.harm:
        return _scored(
            args,
            "senda eval --harm",
            harm_eval.read_harm_rows,
            harm_eval.evaluate_harm,
            harm_eval.format_harm_report,
            harm_eval.write_harm_json,
        )
    return _scored(
        args, "senda eval", evaluate.read_rows, evaluate.evaluate, evaluate.format_report, evaluate.write_json
    )


def _scored(
    args: argparse.Namespace,
    name: str,
    read: Callable[[Path], Any],
    score: Callable[[Any, Any], Any],
    report: Callable[[Any], str],
    write: Callable[[Any, Path], None],
) -> int:
    """Read a file of rows (a bad file: a clear message, exit 2), score it on the
    running stack, print the report, write the JSON if asked."""
    from bot.cli.evaluate import EvalFileError

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
