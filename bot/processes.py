"""One child-process supervisor: Senda's servers (Rasa, actions, dashboard, the bot in
tests) each run as a ChildProcess, started and stopped the same way.

Each child gets its own process group, so stopping it stops whatever it started
(Rasa's Sanic workers) and a Ctrl-C in the terminal reaches only the parent.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Mapping, Optional

from actions.content.paths import PROJECT_ROOT

STOP_GRACE = 20.0  # seconds between SIGTERM and SIGKILL


class ChildExited(RuntimeError):
    """The child ended while it was expected to come up; str() says how and where its log is."""


@dataclass
class ChildProcess:
    name: str
    args: List[str]
    log_path: Path
    env: Mapping[str, str] = field(default_factory=dict)  # added to this process's environment
    process: Optional["subprocess.Popen[bytes]"] = None

    def start(self) -> "ChildProcess":
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        env: Dict[str, str] = {**os.environ, **self.env}
        env.setdefault("PYTHONUNBUFFERED", "1")
        with self.log_path.open("ab") as log:  # the child keeps its own copy of the handle
            self.process = subprocess.Popen(
                self.args,
                cwd=PROJECT_ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    @property
    def pid(self) -> int:
        assert self.process is not None, f"{self.name} was never started"
        return self.process.pid

    def wait(self, timeout: Optional[float] = None) -> int:
        """Wait for the child to end; its exit code."""
        assert self.process is not None, f"{self.name} was never started"
        return self.process.wait(timeout=timeout)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def wait_until(self, ready: Callable[[], bool], timeout: float, every: float = 0.3) -> bool:
        """Poll `ready` until it holds (True) or the timeout passes (False); raise
        ChildExited if the child dies meanwhile."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise ChildExited(
                    f"{self.name} exited with code {self.process.returncode}; see {self.log_path}"
                )
            if ready():
                return True
            time.sleep(every)
        return False

    def signal(self, signum: int) -> None:
        """Send a signal to the child's whole process group, if it is still running."""
        if self.alive():
            assert self.process is not None
            os.killpg(self.process.pid, signum)

    def kill(self) -> None:
        """SIGKILL: no clean-up, as in a crash or an out-of-memory kill."""
        self.signal(signal.SIGKILL)
        if self.process is not None:
            self.process.wait()

    def stop(self, grace: float = STOP_GRACE) -> None:
        """SIGTERM, then SIGKILL if it has not ended within `grace` seconds."""
        if self.process is None:
            return
        self.signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            self.kill()

    def log(self) -> str:
        if not self.log_path.exists():
            return ""
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def port_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True
