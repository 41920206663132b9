"""Shared fixtures: a private copy of the content, and the running stack."""
from __future__ import annotations

import shutil
import socket
from pathlib import Path
from typing import Iterator

import pytest

from bot.settings import PROJECT_ROOT

CONTENT_DIRS = ("responses", "locales", "nlu")


@pytest.fixture
def content_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of responses/, locales/ and nlu/ that a test may edit (SENDA_ROOT points to it)."""
    for name in CONTENT_DIRS:
        shutil.copytree(PROJECT_ROOT / name, tmp_path / name)
    monkeypatch.setenv("SENDA_ROOT", str(tmp_path))
    return tmp_path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def model_path() -> Path:
    models = sorted((PROJECT_ROOT / "models").glob("*.tar.gz"))
    if not models:
        pytest.fail("no trained model: `make test` trains it first (make model)")
    return models[-1]


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
    settings = load_settings({
        "RASA_PORT": str(free_port()), "ACTIONS_PORT": str(free_port()),
        "RASA_API_TOKEN": "test-token", "SENDA_DB_URL": f"sqlite:///{db}",
    })
    running = Stack(settings, model=model_path(), log_dir=tmp_path_factory.mktemp("logs"),
                    extra_env={"SENDA_ROOT": str(stack_root)})
    running.start()
    try:
        yield running
    finally:
        running.stop()
