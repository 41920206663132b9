"""Two helpers every group of the dashboard's routes uses (app.py's pages, login.py's
login): run a blocking call in a thread, and set a cookie the dashboard's way.

Apart from both so that login.py and app.py share them without importing each other.
"""

from __future__ import annotations

import asyncio
import functools
from typing import Any, Callable, Optional

from sanic.request import Request
from sanic.response import HTTPResponse


async def blocking(function: Callable[..., Any], *args: Any) -> Any:
    """`function(*args)` in the loop's default thread pool, so one slow query or password
    check does not stop the other requests."""
    return await asyncio.get_running_loop().run_in_executor(None, functools.partial(function, *args))


def set_cookie(
    response: HTTPResponse, request: Request, name: str, value: str, max_age: Optional[int]
) -> None:
    """A cookie for the whole site, out of scripts' reach (HttpOnly), never sent from other
    sites (SameSite=Strict), Secure over https; `max_age` None: until the browser closes."""
    response.cookies[name] = value
    cookie = response.cookies[name]
    cookie["path"] = "/"
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    if request.scheme == "https":
        cookie["secure"] = True
    if max_age is not None:
        cookie["max-age"] = max_age
