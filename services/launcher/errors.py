"""The one kind of error `claimwatch up` shows a person: what went wrong and how to fix it."""

from __future__ import annotations


class StartupError(Exception):
    """A start-up problem, told in one line: the problem, then the fix."""

    def __init__(self, problem: str, fix: str) -> None:
        super().__init__(problem, fix)
        self.problem = problem
        self.fix = fix

    def __str__(self) -> str:
        return f"{self.problem}; fix: {self.fix}"


class Stopping(Exception):
    """Raised inside a wait when the user asked to stop (Ctrl-C or SIGTERM)."""
