"""Shared fixtures: the running stack, on a private copy of the content it reads."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import pytest

from bot.settings import PROJECT_ROOT
from tests.support.postgres import pg_or_skip

if TYPE_CHECKING:  # the stack is imported only when a test needs it
    from bot.stack import Stack

CONTENT_DIRS = ("responses", "locales", "nlu")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def model_path() -> Path:
    from bot.stack import StackError, latest_model

    try:
        return latest_model()
    except StackError as error:
        pytest.fail(f"{error} (`make test` trains it first)")


@pytest.fixture(scope="session")
def stack_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Content the running stack reads; tests edit it to check live reload."""
    root = tmp_path_factory.mktemp("stack-content")
    for name in CONTENT_DIRS:
        shutil.copytree(PROJECT_ROOT / name, root / name)
    return root


@pytest.fixture(scope="session")
def stack(stack_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator["Stack"]:
    from bot.settings import load_settings
    from bot.stack import Stack

    db = tmp_path_factory.mktemp("db") / "trackers.db"
    settings = load_settings(
        {
            "RASA_PORT": str(free_port()),
            "ACTIONS_PORT": str(free_port()),
            "RASA_API_TOKEN": "test-token",
            "SENDA_DB_URL": f"sqlite:///{db}",
        }
    )
    running = Stack(
        settings,
        model=model_path(),
        log_dir=tmp_path_factory.mktemp("logs"),
        extra_env={"SENDA_ROOT": str(stack_root)},
    )
    running.start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def database() -> Iterator[str]:
    """A fresh PostgreSQL database (the production store), dropped afterwards."""
    with pg_or_skip("senda_test") as url:
        yield url
