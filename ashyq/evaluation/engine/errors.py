"""The engine's domain error: bad input, named by the field where it is."""

from __future__ import annotations


class ScoringInputError(ValueError):
    """Input the engine cannot score; ``field`` is a path such as ``bodies[2].indicators["t6.2"].kk.posts``."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}" if field else problem)

    def within(self, prefix: str) -> ScoringInputError:
        """The same error with its field placed under a prefix path."""
        if not self.field:
            return ScoringInputError(prefix, self.problem)
        joiner = "" if self.field.startswith("[") else "."
        return ScoringInputError(f"{prefix}{joiner}{self.field}", self.problem)
