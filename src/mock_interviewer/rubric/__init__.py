"""The rubric engine: score an incident story against six signals and four pitfalls.

Offline, rule-based and deterministic. `score()` takes a `Transcript` (typed or spoken) and
an optional `Prompt`; `score_text()` is the same for plain text.
"""

from __future__ import annotations

from .engine import score, score_text

__all__ = ["score", "score_text"]
