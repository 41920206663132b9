"""Dashboard accounts: a YAML file of user names and password hashes (mode 0600).

`senda analytics add-user/remove-user/list-users` edit it; the dashboard reads
it at each login, so a new account works without a restart.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
from pathlib import Path
from typing import Dict, List

import yaml

from actions.content.once import once
from bot.analytics.dashboard.passwords import hash_password, verify_password

NAME_PATTERN = re.compile(r"^[A-Za-z0-9._@-]{1,64}$")
_HEADER = (
    "# Senda dashboard accounts, written by `senda analytics add-user`.\n"
    "# Passwords are scrypt hashes; keep this file private (mode 0600), out of git.\n"
)


class AccountError(ValueError):
    """A bad name, a missing account or an unreadable file, said plainly."""


@once
def _decoy_hash() -> str:
    # Unknown names are checked against this, so they take as long as known ones.
    return hash_password(secrets.token_urlsafe(16))


class Accounts:
    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> Dict[str, str]:
        if not self.path.exists():
            return {}
        try:
            data = yaml.safe_load(self.path.read_text(encoding="utf-8")) or {}
            users = data.get("users") or {}
        except (yaml.YAMLError, AttributeError) as error:
            raise AccountError(f"{self.path} is not a valid accounts file: {error}") from None
        if not isinstance(users, dict):
            raise AccountError(f"{self.path}: 'users' must map names to password hashes")
        return {str(name): str(hashed) for name, hashed in users.items()}

    def names(self) -> List[str]:
        return sorted(self.load())

    def add(self, name: str, password: str) -> bool:
        """Create or replace an account; True when it is new."""
        if not NAME_PATTERN.match(name):
            raise AccountError("a user name is 1 to 64 letters, digits or . _ - @")
        users = self.load()
        is_new = name not in users
        users[name] = hash_password(password)
        self._write(users)
        return is_new

    def remove(self, name: str) -> None:
        users = self.load()
        if name not in users:
            raise AccountError(f"no account called {name!r}")
        del users[name]
        self._write(users)

    def verify(self, name: str, password: str) -> bool:
        """Right name and password; takes the same time whether the name exists or not."""
        try:
            stored = self.load().get(name)
        except AccountError:
            stored = None
        matches = verify_password(password, stored or _decoy_hash())
        return matches and stored is not None

    def _write(self, users: Dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        body = _HEADER + yaml.safe_dump(
            {"users": dict(sorted(users.items()))}, allow_unicode=True, sort_keys=False
        )
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".accounts-")
        try:
            os.fchmod(handle, 0o600)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(body)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        os.chmod(self.path, 0o600)
