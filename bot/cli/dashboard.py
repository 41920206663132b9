"""`senda analytics dashboard | add-user | remove-user | list-users | audit`."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date, datetime
from typing import Any, Optional

from bot.analytics.dashboard.accounts import AccountError, Accounts
from bot.analytics.dashboard.passwords import MIN_PASSWORD_LENGTH, PasswordTooShort


def _settings() -> Any:
    from bot.settings import DashboardSettings

    return DashboardSettings.from_env()


def _fail(command: str, message: str) -> int:
    print(f"senda analytics {command}: {message}", file=sys.stderr)
    return 2


def cmd_dashboard(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from sqlalchemy.exc import SQLAlchemyError

    from bot.analytics.dashboard.server import build_dashboard, serve

    try:
        settings = _settings()
    except ValueError as error:
        return _fail("dashboard", str(error))
    if args.port is not None:
        settings = replace(settings, port=args.port)
    try:
        dashboard = build_dashboard(settings)
    except SQLAlchemyError as error:
        return _fail(
            "dashboard",
            f"cannot open the tracker store (SENDA_DB_URL): "
            f"{type(error).__name__}: {getattr(error, 'orig', '') or ''}",
        )
    except ValueError as error:
        return _fail("dashboard", str(error))
    try:
        if not dashboard.accounts.names():
            print("No dashboard account yet: add one with `senda analytics add-user NAME`.", file=sys.stderr)
    except AccountError as error:
        return _fail("dashboard", str(error))
    try:
        serve(settings, dashboard)
    except OSError as error:
        return _fail(
            "dashboard", f"cannot listen on {settings.host}:{settings.port}: {error.strerror or error}"
        )
    return 0


def _read_password(from_stdin: bool) -> Optional[str]:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(f"Password (at least {MIN_PASSWORD_LENGTH} characters): ")
    if getpass.getpass("Same password again: ") != first:
        return None
    return first


def cmd_add_user(args: argparse.Namespace) -> int:
    try:
        accounts = Accounts(_settings().users_file)
        password = _read_password(args.password_stdin)
        if password is None:
            return _fail("add-user", "the two passwords differ; nothing was changed")
        created = accounts.add(args.name, password)
    except (AccountError, PasswordTooShort, ValueError) as error:
        return _fail("add-user", f"{error}; nothing was changed")
    except OSError as error:
        return _fail("add-user", f"cannot write the accounts file: {error}")
    print(f"{'Added' if created else 'Changed the password of'} {args.name} in {accounts.path}.")
    return 0


def cmd_remove_user(args: argparse.Namespace) -> int:
    try:
        accounts = Accounts(_settings().users_file)
        accounts.remove(args.name)
    except (AccountError, ValueError) as error:
        return _fail("remove-user", str(error))
    except OSError as error:
        return _fail("remove-user", f"cannot write the accounts file: {error}")
    print(
        f"Removed {args.name} from {accounts.path}. Their open sessions end when the "
        "dashboard restarts or after 8 hours at most."
    )
    return 0


def cmd_list_users(args: argparse.Namespace) -> int:
    try:
        accounts = Accounts(_settings().users_file)
        names = accounts.names()
    except (AccountError, ValueError) as error:
        return _fail("list-users", str(error))
    if not names:
        print(f"No accounts in {accounts.path}. Add one with `senda analytics add-user NAME`.")
    for name in names:
        print(name)
    return 0


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def cmd_audit(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from bot.analytics.dashboard.audit import AuditLog
    from bot.database import open_engine
    from bot.settings import AnalyticsSettings

    try:
        engine = open_engine(AnalyticsSettings.from_env().db_url)
        since = datetime.combine(args.since, datetime.min.time()) if args.since else None
        entries = AuditLog(engine).entries(since=since, limit=args.limit)
    except SQLAlchemyError as error:
        return _fail("audit", f"cannot read the audit log (SENDA_DB_URL): {type(error).__name__}")
    except ValueError as error:
        return _fail("audit", str(error))
    if not entries:
        print("No dashboard logins or exports recorded" + (f" since {args.since}." if args.since else "."))
    for entry in entries:
        print(entry.format())
    return 0


def add_dashboard_commands(analytics: "argparse._SubParsersAction[Any]") -> None:
    served = analytics.add_parser(
        "dashboard", help="run the staff dashboard on 127.0.0.1 (SENDA_DASHBOARD_PORT, 8050)"
    )
    served.add_argument("--port", type=int, help="port on 127.0.0.1 (default 8050)")
    served.set_defaults(func=cmd_dashboard)
    added = analytics.add_parser("add-user", help="create a dashboard account, or change its password")
    added.add_argument("name", help="user name: letters, digits, . _ - @")
    added.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of stdin instead of asking",
    )
    added.set_defaults(func=cmd_add_user)
    removed = analytics.add_parser("remove-user", help="delete a dashboard account")
    removed.add_argument("name")
    removed.set_defaults(func=cmd_remove_user)
    analytics.add_parser("list-users", help="the dashboard's account names").set_defaults(func=cmd_list_users)
    audited = analytics.add_parser("audit", help="dashboard logins (and failures), logouts and CSV exports")
    audited.add_argument("--since", type=_day, help="from this day on (YYYY-MM-DD, UTC)")
    audited.add_argument("--limit", type=int, help="only the last N entries")
    audited.set_defaults(func=cmd_audit)
