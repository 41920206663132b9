"""Dashboard accounts: scrypt hashes, the accounts file and the commands that edit it,
sessions that expire, and the lock after repeated failed logins."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

import pytest

from bot.analytics.dashboard.accounts import AccountError, Accounts
from bot.analytics.dashboard.passwords import PasswordTooShort, hash_password, verify_password
from bot.analytics.dashboard.sessions import SessionStore
from bot.analytics.dashboard.throttle import LoginThrottle
from bot.settings import PROJECT_ROOT

PASSWORD = "una clave bastante larga"


def test_a_password_verifies_only_against_its_own_hash() -> None:
    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    assert first != second, "each hash has its own salt"
    assert first.startswith("scrypt$n=32768,r=8,p=1$")
    assert PASSWORD not in first
    assert verify_password(PASSWORD, first) and verify_password(PASSWORD, second)
    assert not verify_password(PASSWORD + "x", first)
    assert not verify_password(PASSWORD.upper(), first)
    tampered = first[:-6] + ("A" if first[-6] != "A" else "B") + first[-5:]
    assert not verify_password(PASSWORD, tampered)
    assert not verify_password(PASSWORD, "not a hash")
    assert not verify_password(PASSWORD, "")


def test_short_passwords_are_refused() -> None:
    with pytest.raises(PasswordTooShort):
        hash_password("elevenchars")


def test_the_accounts_file_is_private_and_holds_no_password(tmp_path: Path) -> None:
    accounts = Accounts(tmp_path / "users.yml")
    assert accounts.add("ana", PASSWORD) is True
    assert accounts.add("luis.p", PASSWORD + "!") is True
    assert accounts.add("ana", PASSWORD + "?") is False  # a new password for ana
    mode = stat.S_IMODE(os.stat(accounts.path).st_mode)
    assert mode == 0o600
    body = accounts.path.read_text(encoding="utf-8")
    assert PASSWORD not in body
    assert accounts.names() == ["ana", "luis.p"]
    assert accounts.verify("ana", PASSWORD + "?")
    assert not accounts.verify("ana", PASSWORD)
    assert not accounts.verify("nadie", PASSWORD)
    accounts.remove("luis.p")
    assert accounts.names() == ["ana"]
    with pytest.raises(AccountError):
        accounts.remove("luis.p")
    with pytest.raises(AccountError):
        accounts.add("ana maría", PASSWORD)


def senda(args: List[str], env: Dict[str, str], stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "analytics", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
        timeout=120,
    )


def test_add_list_and_remove_users_on_the_command_line(tmp_path: Path) -> None:
    env = {"SENDA_DASHBOARD_USERS": str(tmp_path / "staff.yml")}
    added = senda(["add-user", "marta", "--password-stdin"], env, PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    assert "marta" in added.stdout
    assert stat.S_IMODE(os.stat(tmp_path / "staff.yml").st_mode) == 0o600
    assert Accounts(tmp_path / "staff.yml").verify("marta", PASSWORD)
    listed = senda(["list-users"], env)
    assert listed.stdout.split() == ["marta"]
    removed = senda(["remove-user", "marta"], env)
    assert removed.returncode == 0 and Accounts(tmp_path / "staff.yml").names() == []


@pytest.mark.parametrize(
    "args, stdin, says",
    [
        (["add-user", "marta", "--password-stdin"], "corta\n", "at least 12 characters"),
        (["add-user", "marta garcía", "--password-stdin"], PASSWORD + "\n", "user name"),
        (["remove-user", "nadie"], "", "no account called 'nadie'"),
    ],
)
def test_bad_input_gets_a_clear_message(tmp_path: Path, args: List[str], stdin: str, says: str) -> None:
    result = senda(args, {"SENDA_DASHBOARD_USERS": str(tmp_path / "staff.yml")}, stdin)
    assert result.returncode == 2
    assert says in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "staff.yml").exists()


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_sessions_expire() -> None:
    clock = Clock()
    store = SessionStore(lifetime=8 * 3600, clock=clock)
    session = store.create("ana")
    assert store.get(session.token) == session
    assert store.get("made-up") is None and store.get(None) is None
    clock.now += 8 * 3600 - 1
    assert store.get(session.token) == session
    clock.now += 2
    assert store.get(session.token) is None
    other = store.create("ana")
    assert other.token != session.token and other.csrf != session.csrf
    store.drop(other.token)
    assert store.get(other.token) is None


def test_five_failures_lock_a_key_for_a_minute() -> None:
    clock = Clock()
    throttle = LoginThrottle(clock=clock)
    keys = ["ana"]
    for _ in range(4):
        throttle.failed(keys)
    assert throttle.wait(keys) == 0
    throttle.failed(keys)
    assert 59 < throttle.wait(keys) <= 60
    assert throttle.wait(["luis"]) == 0
    clock.now += 61
    assert throttle.wait(keys) == 0
