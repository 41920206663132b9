"""Password hashes for dashboard accounts: scrypt with a per-user salt.

The encoded hash carries its own cost parameters, so raising the cost later
keeps old hashes verifiable.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from typing import Dict

MIN_PASSWORD_LENGTH = 12
# scrypt cost: N=2^15, r=8, p=1 uses 32 MiB and about 0.1 s a hash on a laptop core
# (OWASP's recommended minimum is N=2^17 with r=8 only for p=1 at 128 MiB; we trade
# some cost for a login that stays quick on the 2-core servers Senda runs on).
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
KEY_BYTES = 32
_SCHEME = "scrypt"


class PasswordTooShort(ValueError):
    pass


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    # maxmem above 128*N*r*p, or OpenSSL refuses the default 32 MiB limit exactly.
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * n * r * p, dklen=length
    )


def hash_password(password: str) -> str:
    """ "scrypt$n=…,r=…,p=…$salt$key" (base64) for a password of at least 12 characters."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordTooShort(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    salt = secrets.token_bytes(SALT_BYTES)
    key = _derive(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, KEY_BYTES)
    return f"{_SCHEME}$n={SCRYPT_N},r={SCRYPT_R},p={SCRYPT_P}${_b64(salt)}${_b64(key)}"


def verify_password(password: str, encoded: str) -> bool:
    """True when `password` matches `encoded`; a malformed hash never matches."""
    try:
        scheme, params, salt_b64, key_b64 = encoded.split("$")
        cost: Dict[str, int] = {k: int(v) for k, v in (p.split("=") for p in params.split(","))}
        salt, key = base64.b64decode(salt_b64), base64.b64decode(key_b64)
        if scheme != _SCHEME or not key:
            return False
        candidate = _derive(password, salt, cost["n"], cost["r"], cost["p"], len(key))
    except (ValueError, KeyError, TypeError):
        return False
    return hmac.compare_digest(candidate, key)
