"""A time limit for one rule on one file (`rule_timeout` in the config).

Every built-in pattern is checked to run in linear time, but a team's own rule may
bring one that backtracks exponentially, and a linter that hangs in CI blocks every pull
request. With a limit, such a rule costs its own finding on that file (PM900, exit 2)
and the run goes on. Python's regular expression engine looks at pending signals while
it matches, so a timer signal interrupts even a single runaway match.

The timer is SIGALRM: where there is none (Windows) or the engine runs outside the main
thread (signals are delivered there only), rules run without a limit.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any


class TimeLimitExceeded(Exception):
    """A rule ran longer than `rule_timeout` on one file."""


class TimeLimit:
    """`with TimeLimit(seconds) as limit:` installs the handler once for a batch of files;
    `with limit.running():` times one rule on one file."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.usable = (
            seconds > 0
            and hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
        )
        self._previous: Any = None

    def __enter__(self) -> TimeLimit:
        if self.usable:
            self._previous = signal.signal(signal.SIGALRM, self._expired)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.usable:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous)

    @contextmanager
    def running(self) -> Iterator[None]:
        if not self.usable:
            yield
            return
        signal.setitimer(signal.ITIMER_REAL, self.seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

    def _expired(self, signum: int, frame: FrameType | None) -> None:
        raise TimeLimitExceeded(f"ran for more than {self.seconds:g} s (rule_timeout)")
